import type { Db } from '../db/client';
import { AppError } from '../../shared/ipc/result';
import { parsePlan, type Plan } from '../../shared/plan';
import type { Ctx } from '../ipc/context';
import { draftPlan } from '../db/repositories/plan-drafts.repo';
import { runWorker, type TaskInput } from '../jobs/worker';
import { runWhatIfTask, type WhatIfTask, type WhatIfTaskResult } from './tasks';

/** Main-process side of the what-if: resolve the candidate plan, start the worker. */

const WHATIF_WORKER = {
  callerUrl: import.meta.url,
  sourceFile: 'whatif.worker.ts',
  bundleFile: 'whatif-worker.js',
};

export type WhatIfTaskInput = TaskInput<WhatIfTask>;

/** The candidate: a plan document from the caller, or a saved draft; refused when invalid. */
export function candidatePlan(db: Db, input: { plan?: unknown; draftId?: number }): Plan {
  if (input.draftId !== undefined) {
    const d = draftPlan(db, input.draftId);
    if (!d) throw new AppError('NOT_FOUND', `plan draft ${input.draftId} not found`);
    if (!d.check.ok) {
      throw new AppError(
        'VALIDATION',
        `plan draft ${input.draftId} is not a valid plan:\n  ${d.check.errors.join('\n  ')}`,
        { errors: d.check.errors },
      );
    }
    return d.check.plan;
  }
  const r = parsePlan(input.plan);
  if (!r.ok) {
    throw new AppError('VALIDATION', `candidate plan rejected:\n  ${r.errors.join('\n  ')}`, {
      errors: r.errors,
    });
  }
  return r.plan;
}

/** Run a what-if task in a worker thread, on its own read-only connection to ctx.db's file. */
export async function runWhatIfJob<T extends WhatIfTaskResult>(
  ctx: Pick<Ctx, 'db' | 'onProgress' | 'signal'>,
  task: WhatIfTaskInput,
): Promise<T> {
  if (ctx.db.path === ':memory:' || ctx.db.path === '') {
    throw new AppError('VALIDATION', 'the what-if needs a database file');
  }
  const full = { ...task, dbPath: ctx.db.path } as WhatIfTask;
  if (process.env.JENJANG_WHATIF_INPROCESS || process.env.JENJANG_CLOSE_INPROCESS) {
    return (await runWhatIfTask(full, (stage, done, total) =>
      ctx.onProgress?.({ stage, done, total }),
    )) as T;
  }
  return runWorker<T>(WHATIF_WORKER, full, { onProgress: ctx.onProgress, signal: ctx.signal });
}
