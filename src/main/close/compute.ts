import type { Db } from '../db/client';
import { AppError } from '../../shared/ipc/result';
import type { RunTotalsExt } from '../../shared/ipc/close.contract';
import { getPlanVersion, planInForce, type StoredPlan } from '../db/repositories/plans.repo';
import { computeRun } from '../engine/engine';
import { runHashOf } from '../engine/hash';
import { KIND_DISTRIBUTOR, type RunResult } from '../engine/types';
import { fillPayoutInputs, type PayoutInputs } from './inputs';
import { loadSnapshot, type LoadedSnapshot } from './snapshot';

/**
 * One computation of a period: plan in force → snapshot (snapshot.ts) → payout inputs from
 * earlier runs (inputs.ts) → engine → run hash. Shared by preview, commit and explain, so the
 * three can never disagree. Reads only; the caller picks the transaction (commit: IMMEDIATE).
 */

export type StageProgress = (stage: string, done: number, total: number) => void;

/**
 * Maps the stages of a task onto one 0…1000 scale (what a progress bar needs), keeping the
 * stage name for the label: `weights` are the share of each stage in the whole task.
 */
export function scaledProgress(
  emit: StageProgress,
  weights: Record<string, number>,
): StageProgress {
  const names = Object.keys(weights);
  const sum = names.reduce((s, k) => s + (weights[k] as number), 0);
  const start: Record<string, number> = {};
  let acc = 0;
  for (const k of names) {
    start[k] = acc;
    acc += weights[k] as number;
  }
  return (stage, done, total) => {
    const s = start[stage];
    if (s === undefined) return;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    emit(stage, Math.floor(((s + frac * (weights[stage] as number)) * 1000) / sum), 1000);
  };
}

export interface Computed {
  period: string;
  plan: StoredPlan;
  snap: LoadedSnapshot;
  inputs: PayoutInputs;
  result: RunResult;
  runHash: string;
  totals: RunTotalsExt;
}

export function noPlanError(): AppError {
  return new AppError('VALIDATION', 'no plan: run `jenjang plan set FILE`');
}

export function computePeriod(
  db: Db,
  period: string,
  opts: { planVersion?: number; progress?: StageProgress } = {},
): Computed {
  const progress = opts.progress ?? (() => {});
  const plan =
    opts.planVersion !== undefined ? getPlanVersion(db, opts.planVersion) : planInForce(db, period);
  if (!plan) throw noPlanError();
  // One read transaction (a savepoint inside the commit's): every table seen at one moment.
  return db.sqlite.transaction((): Computed => {
    progress('snapshot', 0, 1);
    const snap = loadSnapshot(db, period, {
      onProgress: (stage, done, total) =>
        progress('snapshot', (stage === 'members' ? 0 : 1) + (total ? done / total : 1), 2),
    });
    progress('inputs', 0, 1);
    const inputs = fillPayoutInputs(db, snap, period);
    progress('inputs', 1, 1);
    const result = computeRun(plan.plan, snap, {
      onProgress: (_stage, done, total) => progress('compute', done, total),
    });
    progress('hash', 0, 1);
    const runHash = runHashOf(plan.plan, plan.row.planHash, snap, result);
    progress('hash', 1, 1);
    return { period, plan, snap, inputs, result, runHash, totals: totalsOf(snap, result) };
  })();
}

export function totalsOf(snap: LoadedSnapshot, r: RunResult): RunTotalsExt {
  const M = r.members;
  let adjustments = 0;
  let clawbacks = 0;
  let carryIn = 0;
  let gross = 0;
  let distributors = 0;
  let active = 0;
  let paid = 0;
  let held = 0;
  for (let m = 0; m < M.count; m++) {
    adjustments += M.adjustments[m] as number;
    clawbacks += M.clawbacks[m] as number;
    carryIn += M.carryIn[m] as number;
    gross += M.gross[m] as number;
    if (snap.members.kind[m] === KIND_DISTRIBUTOR) distributors++;
    active += M.active[m] as number;
    paid += M.paid[m] as number;
    // "held" counts members whose money is kept back, not every member without a bank account.
    if (M.held[m] === 1 && (M.available[m] as number) !== 0) held++;
  }
  const bonusesById: Record<string, number> = {};
  r.bonusIds.forEach((id, i) => {
    const arr = M.bonus[i] as Float64Array;
    let s = 0;
    for (let m = 0; m < M.count; m++) s += arr[m] as number;
    bonusesById[id] = s;
  });
  return {
    ...r.totals,
    adjustments,
    clawbacks,
    carryIn,
    gross,
    members: M.count,
    distributors,
    active,
    paid,
    held,
    lines: r.lines.count,
    bonusesById,
  };
}
