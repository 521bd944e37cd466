import { openDb, toAppError } from '../db/client';
import type { Plan } from '../../shared/plan';
import type { WhatIfResultDto } from '../../shared/ipc/whatif.contract';
import type { FilePayload } from '../services/xlsx';
import { exportWorkbook, type Lang } from './export';
import { simulate, type Emit } from './simulate';
import { summarize } from './summary';

/**
 * The what-if's long tasks as plain functions of (db file, task): run by whatif.worker.ts in a
 * worker thread (or in process for tests), each on its OWN READ-ONLY connection, so the
 * simulator cannot write to the company's data whatever it does.
 */

export type WhatIfTask =
  | { kind: 'run'; dbPath: string; periods: string[]; plan: Plan; top: number }
  | { kind: 'export'; dbPath: string; periods: string[]; plan: Plan; lang: Lang };

export type WhatIfTaskResult = WhatIfResultDto | FilePayload;

export async function runWhatIfTask(task: WhatIfTask, emit: Emit): Promise<WhatIfTaskResult> {
  const db = openDb(task.dbPath, { readonly: true, migrate: false });
  try {
    if (task.kind === 'run') {
      const sim = simulate(db, task.periods, task.plan, emit, 950);
      emit('summary', 950, 1000);
      const r = summarize(db, sim, task.top);
      emit('summary', 1000, 1000);
      return r;
    }
    const sim = simulate(db, task.periods, task.plan, emit, 700);
    emit('export', 700, 1000);
    let rows = 0;
    const total = Math.max(1, sim.members.size);
    const file = await exportWorkbook(db, sim, task.lang, () => {
      rows++;
      if (rows % 5000 === 0)
        emit('export', 700 + Math.floor((Math.min(rows, total) * 300) / total), 1000);
    });
    emit('export', 1000, 1000);
    return file;
  } catch (e) {
    throw toAppError(e);
  } finally {
    db.sqlite.close();
  }
}
