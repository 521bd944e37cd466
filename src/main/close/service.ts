import type { Db } from '../db/client';
import { AppError } from '../../shared/ipc/result';
import type { ChecklistDto } from '../../shared/ipc/close.contract';
import type { Ctx } from '../ipc/context';
import { writeAudit } from '../db/repositories/audit.repo';
import { adjustmentTotals, listAdjustments } from '../db/repositories/adjustments.repo';
import { getPlanVersion, planInForce } from '../db/repositories/plans.repo';
import { distributorsWithoutBank, membersOnHold } from '../db/repositories/members.repo';
import {
  closedPeriodAfter,
  commitBlockers,
  getMakerChecker,
  getPreview,
  isClosed,
  latestClosedPeriod,
  periodHasData,
  runHistory,
  setPeriodOpen,
  supersedeRun,
} from '../db/repositories/runs.repo';
import { runWorker, stopIdleWorkers, type TaskInput } from '../jobs/worker';
import { noPlanError } from './compute';
import {
  checkpointAfter,
  commitRefusal,
  releaseKeptPreview,
  runCloseTask,
  stageKeptPreview,
  type CloseTask,
  type CloseTaskResult,
} from './tasks';

/**
 * Main-process side of the close: starts the worker for the long tasks, and does the short
 * ones (checklist, reopen) on the app's connection.
 */

const CLOSE_WORKER = {
  callerUrl: import.meta.url,
  sourceFile: 'close.worker.ts',
  bundleFile: 'close-worker.js',
};

/** A close task without its database path (taken from ctx.db). */
export type CloseTaskInput = TaskInput<CloseTask, 'stageDelayMs'>;

/** Run a close task in a worker thread on its own connection to ctx.db's file. */
export async function runCloseJob<T extends CloseTaskResult>(
  ctx: Pick<Ctx, 'db' | 'onProgress' | 'signal'>,
  task: CloseTaskInput,
): Promise<T> {
  const delay = Number(process.env.JENJANG_CLOSE_STAGE_DELAY_MS ?? 0);
  const full = {
    ...task,
    dbPath: ctx.db.path,
    ...(delay > 0 ? { stageDelayMs: delay } : {}),
  } as CloseTask;
  // An in-memory database cannot be opened twice: compute on this thread (tests only).
  if (ctx.db.path === ':memory:' || ctx.db.path === '' || process.env.JENJANG_CLOSE_INPROCESS) {
    if (ctx.db.path === ':memory:' || ctx.db.path === '') {
      throw new AppError('VALIDATION', 'the close needs a database file');
    }
    const value = runCloseTask(full, (stage, done, total) =>
      ctx.onProgress?.({ stage, done, total }),
    ) as T;
    stageKeptPreview();
    checkpointAfter(full);
    return value;
  }
  return runWorker<T>(CLOSE_WORKER, full, {
    onProgress: ctx.onProgress,
    signal: ctx.signal,
    // An explain or a new preview need not wait for the staging of the last preview's rows
    // (several seconds at a million members); a commit does — it copies them.
    interruptAfterwards: task.kind !== 'commit',
  });
}

/**
 * Lets go of every connection kept open between tasks — a close preview kept on this thread, and
 * every idle warm worker (close, what-if, imports) with its connection: before a restore swaps
 * the database file.
 */
export async function releaseHeldConnections(): Promise<void> {
  releaseKeptPreview();
  await stopIdleWorkers();
}

/**
 * Refusals that need no computation, checked on the app's connection before a worker starts
 * (the worker checks again inside its transaction: this is only for a fast answer).
 */
export function precheck(db: Db, kind: 'preview' | 'commit', period: string): void {
  if (kind === 'commit') {
    const refusal = commitRefusal(db, period);
    if (refusal) throw refusal;
  } else if (isClosed(db, period)) {
    throw new AppError(
      'PERIOD_CLOSED',
      `period ${period} is closed: see its committed run (close run, explain), or reopen it`,
    );
  }
  if (!planInForce(db, period)) throw noPlanError();
}

const CHECKLIST_SUM_LIMIT = 300_000;

export function checklist(db: Db, period: string): ChecklistDto {
  const closed = isClosed(db, period);
  const history = runHistory(db, period);
  const run = history.find((r) => r.status === 'committed') ?? null;
  const plan = run ? getPlanVersion(db, run.planVersion) : planInForce(db, period);
  const blockers = commitBlockers(db, period);
  const laterClosed = closedPeriodAfter(db, period);
  const orders = db.sqlite
    .prepare('SELECT count(*) FROM orders WHERE period = ?')
    .pluck()
    .get(period) as number;
  // Counting uses the period index alone; summing reads every line of the period, so it is
  // skipped on the app's thread for very large periods (the preview shows the BV anyway).
  const lineCount = db.sqlite
    .prepare('SELECT count(*) FROM order_lines WHERE period = ?')
    .pluck()
    .get(period) as number;
  const sums =
    lineCount <= CHECKLIST_SUM_LIMIT
      ? (db.sqlite
          .prepare(
            `SELECT coalesce(sum(qty * bv), 0) AS bv, coalesce(sum(qty * unit_price), 0) AS sales
             FROM order_lines WHERE period = ?`,
          )
          .get(period) as { bv: number; sales: number })
      : { bv: null, sales: null };
  const lines = { lines: lineCount, ...sums };
  const returns = db.sqlite
    .prepare(
      `SELECT coalesce(sum(clawback = 0), 0) AS netted, coalesce(sum(clawback = 1), 0) AS clawbacks
       FROM returns WHERE period = ?`,
    )
    .get(period) as { netted: number; clawbacks: number };
  const adj = adjustmentTotals(db, period);
  const onHold = membersOnHold(db, 200);
  const missingBank = distributorsWithoutBank(db, 200);
  const preview = closed ? undefined : getPreview(db, period, false);
  const status = closed ? 'closed' : 'open';
  return {
    period,
    status,
    hasData: periodHasData(db, period),
    run,
    superseded: history.filter((r) => r.status === 'superseded'),
    plan: plan
      ? { version: plan.row.version, name: plan.row.name, planHash: plan.row.planHash }
      : null,
    blockers,
    laterClosed,
    canPreview: !closed && plan !== undefined,
    canCommit: !closed && plan !== undefined && blockers.length === 0 && laterClosed === null,
    canReopen: closed && latestClosedPeriod(db) === period,
    orders: { orders, ...lines },
    returns,
    adjustments: { ...adj, rows: listAdjustments(db, period, 500) },
    holds: {
      onHoldCount: onHold.count,
      onHold: onHold.rows,
      missingBankCount: missingBank.count,
      missingBank: missingBank.rows,
    },
    lastPreview: preview
      ? {
          runHash: preview.runHash,
          planVersion: preview.planVersion,
          previewedBy: preview.previewedBy,
          previewedAt: preview.previewedAt,
        }
      : null,
    makerChecker: getMakerChecker(db),
  };
}

/**
 * Reopen the latest committed period: its run becomes superseded (kept, never deleted), the
 * period is open again for corrections. Caller wraps it in a transaction.
 */
export function reopenPeriod(
  db: Db,
  user: string,
  period: string,
  reason: string,
): { period: string; supersededRunId: number; runHash: string } {
  const latest = latestClosedPeriod(db);
  if (!isClosed(db, period)) throw new AppError('CONFLICT', `period ${period} is not closed`);
  if (latest !== period) {
    throw new AppError(
      'CONFLICT',
      `only the latest committed period (${latest}) can be reopened; reopen later periods first`,
    );
  }
  const run = runHistory(db, period).find((r) => r.status === 'committed');
  if (!run) throw new AppError('CONFLICT', `period ${period} has no committed run`);
  supersedeRun(db, run.runId, reason);
  setPeriodOpen(db, period);
  writeAudit(db, {
    actor: user,
    action: 'close.reopen',
    entity: 'period',
    entityId: period,
    before: { status: 'closed', runId: run.runId, runHash: run.runHash },
    after: { status: 'open' },
    reason,
  });
  return { period, supersededRunId: run.runId, runHash: run.runHash };
}
