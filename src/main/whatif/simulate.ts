import type { Db } from '../db/client';
import { AppError } from '../../shared/ipc/result';
import type { Plan } from '../../shared/plan';
import type { RunTotalsExt } from '../../shared/ipc/close.contract';
import type { WhatIfTotals } from '../../shared/ipc/whatif.contract';
import type { StoredPlan } from '../db/repositories/plans.repo';
import { committedRun, previousCommittedRun } from '../db/repositories/runs.repo';
import { computePeriod, totalsOf } from '../close/compute';
import { computeRun } from '../engine/engine';
import { planHash, runHashOf } from '../engine/hash';
import { KIND_CUSTOMER, type RunResult } from '../engine/types';
import type { LoadedSnapshot } from '../close/snapshot';

/**
 * The what-if computation (docs/whatif.md): for each committed period, oldest first, the period
 * is read once (the close's own snapshot + payout inputs, so nothing can differ from a close),
 * then computed twice with the engine — with the plan version of its committed run (the
 * baseline) and with the candidate plan — and the two results are folded into per-member
 * accumulators indexed by member id. Reads only: the caller gives a read-only connection.
 */

export type Emit = (stage: string, done: number, total: number) => void;

export interface PeriodOutcome {
  period: string;
  planVersion: number;
  committedRunHash: string;
  baselineRunHash: string;
  reproduced: boolean;
  candidateRunHash: string;
  chained: boolean;
  baseline: WhatIfTotals;
  candidate: WhatIfTotals;
}

export interface BonusSums {
  id: string;
  type: string;
  inBaseline: boolean;
  inCandidate: boolean;
  baseline: number;
  candidate: number;
}

export interface RankSums {
  rank: string | null;
  baselineMembers: number;
  candidateMembers: number;
  baselineBonuses: number;
  candidateBonuses: number;
}

/** Per member figures summed over the periods, indexed by member id. */
export interface MemberSums {
  /** Length = max member id + 1. */
  size: number;
  /** 1 when the member took part in at least one period. */
  present: Uint8Array;
  code: (string | undefined)[];
  kind: Uint8Array;
  /** Rank code in the last period computed (null for customers). */
  baselineRank: (string | null | undefined)[];
  candidateRank: (string | null | undefined)[];
  baselineBonuses: Float64Array;
  candidateBonuses: Float64Array;
  baselineNet: Float64Array;
  candidateNet: Float64Array;
}

export interface Simulation {
  periods: string[];
  candidate: Plan;
  candidateHash: string;
  /** Distinct plan versions of the committed runs, oldest first. */
  baselinePlans: StoredPlan[];
  /** The plan of the last period's committed run (what planChanges compare against). */
  lastBaselinePlan: Plan;
  perPeriod: PeriodOutcome[];
  totals: { baseline: WhatIfTotals; candidate: WhatIfTotals };
  byBonus: BonusSums[];
  byRank: RankSums[];
  members: MemberSums;
  warnings: string[];
}

/** Sorted, distinct periods, each with a committed run; refuses anything else. */
export function checkPeriods(db: Db, periods: readonly string[]): string[] {
  const list = [...new Set(periods)].sort();
  const missing = list.filter((p) => !committedRun(db, p));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION',
      `what-if compares committed periods only; not committed: ${missing.join(', ')}`,
      { periods: missing },
    );
  }
  return list;
}

function whatIfTotals(t: RunTotalsExt, r: RunResult): WhatIfTotals {
  let earners = 0;
  const total = r.members.bonusTotal;
  for (let m = 0; m < r.members.count; m++) if ((total[m] as number) > 0) earners++;
  return {
    bv: t.bv,
    bonuses: t.bonuses,
    payoutRatioBp: t.payoutRatioBp,
    gross: t.gross,
    tax: t.tax,
    net: t.net,
    carryOut: t.carryOut,
    earners,
    paid: t.paid,
    active: t.active,
  };
}

function emptyTotals(): WhatIfTotals {
  return {
    bv: 0,
    bonuses: 0,
    payoutRatioBp: 0,
    gross: 0,
    tax: 0,
    net: 0,
    carryOut: 0,
    earners: 0,
    paid: 0,
    active: 0,
  };
}

function addTotals(sum: WhatIfTotals, t: WhatIfTotals): void {
  sum.bv += t.bv;
  sum.bonuses += t.bonuses;
  sum.gross += t.gross;
  sum.tax += t.tax;
  sum.net += t.net;
  sum.carryOut = t.carryOut; // a balance: the last period's, not a sum
  sum.earners += t.earners;
  sum.paid += t.paid;
  sum.active += t.active;
  sum.payoutRatioBp = sum.bv > 0 ? Math.floor((sum.bonuses * 10_000) / sum.bv) : 0;
}

/** The candidate's balances at the end of a period, by member id (for chaining the next). */
interface CandidateCarry {
  carryOut: Float64Array;
  binaryL: Float64Array;
  binaryR: Float64Array;
}

/**
 * Per-period progress mapped to one 0…1000 scale over the whole simulation. Stage names for
 * the UI: snapshot, inputs, baseline, candidate, compare (then summary / export by the caller).
 */
function periodProgress(emit: Emit, k: number, count: number, share: number): Emit {
  const weights: Record<string, [number, number]> = {
    snapshot: [0, 50],
    inputs: [50, 5],
    compute: [55, 15],
    hash: [70, 8],
    candidate: [78, 14],
    candidateHash: [92, 6],
    compare: [98, 2],
  };
  const names: Record<string, string> = {
    compute: 'baseline',
    hash: 'baseline',
    candidateHash: 'candidate',
  };
  return (stage, done, total) => {
    const w = weights[stage];
    if (!w) return;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const local = (w[0] + frac * w[1]) / 100;
    emit(names[stage] ?? stage, Math.floor(((k + local) / count) * share), 1000);
  };
}

/**
 * Recompute `periods` (committed, sorted — see checkPeriods) with their committed plan and with
 * `candidate`. `share` = the part of the 0…1000 progress scale this takes (the rest is for the
 * caller's summary or export).
 */
export function simulate(
  db: Db,
  periods: readonly string[],
  candidate: Plan,
  emit: Emit = () => {},
  share = 950,
): Simulation {
  // One read transaction: every period sees the same state of the database.
  return db.sqlite.transaction(() => simulateIn(db, periods, candidate, emit, share))();
}

function simulateIn(
  db: Db,
  periods: readonly string[],
  candidate: Plan,
  emit: Emit,
  share: number,
): Simulation {
  const list = checkPeriods(db, periods);
  const candidateHash = planHash(candidate);
  const maxId = db.sqlite
    .prepare('SELECT coalesce(max(id), 0) FROM members')
    .pluck()
    .get() as number;
  const size = maxId + 1;
  const members: MemberSums = {
    size,
    present: new Uint8Array(size),
    code: new Array<string | undefined>(size),
    kind: new Uint8Array(size),
    baselineRank: new Array<string | null | undefined>(size),
    candidateRank: new Array<string | null | undefined>(size),
    baselineBonuses: new Float64Array(size),
    candidateBonuses: new Float64Array(size),
    baselineNet: new Float64Array(size),
    candidateNet: new Float64Array(size),
  };
  const perPeriod: PeriodOutcome[] = [];
  const warnings: string[] = [];
  const plans = new Map<number, StoredPlan>();
  const bonusMap = new Map<string, BonusSums>();
  const rankMap = new Map<string | null, RankSums>();
  const totals = { baseline: emptyTotals(), candidate: emptyTotals() };
  let lastBaselinePlan: Plan | null = null;
  let prevCarry: CandidateCarry | null = null;

  const rankRow = (rank: string | null): RankSums => {
    let r = rankMap.get(rank);
    if (!r) {
      r = {
        rank,
        baselineMembers: 0,
        candidateMembers: 0,
        baselineBonuses: 0,
        candidateBonuses: 0,
      };
      rankMap.set(rank, r);
    }
    return r;
  };

  for (const [k, period] of list.entries()) {
    const progress = periodProgress(emit, k, list.length, share);
    const run = committedRun(db, period)!;
    const base = computePeriod(db, period, { planVersion: run.planVersion, progress });
    const stored = base.plan;
    plans.set(stored.row.version, stored);
    lastBaselinePlan = stored.plan;
    const reproduced = base.runHash === run.runHash;
    if (!reproduced) {
      warnings.push(
        `${period}: the committed plan (version ${run.planVersion}) recomputed on today's data does not reproduce the committed run (members changed since: status, hold, bank, tree…); both sides are computed on today's data, so the comparison shows the plan's effect only`,
      );
    }
    for (const w of base.inputs.warnings) warnings.push(`${period}: ${w}`);

    // The candidate's own carry-in when the previous committed period was simulated too.
    const snap = base.snap;
    const prevRun = previousCommittedRun(db, period);
    const chained = prevCarry !== null && k > 0 && prevRun?.period === list[k - 1];
    let candSnap: LoadedSnapshot = snap;
    if (chained && prevCarry !== null) {
      const n = snap.members.count;
      const carryIn = new Float64Array(n);
      const binL = new Float64Array(n);
      const binR = new Float64Array(n);
      for (let p = 0; p < n; p++) {
        const id = snap.memberId[p] as number;
        carryIn[p] = prevCarry.carryOut[id] as number;
        binL[p] = prevCarry.binaryL[id] as number;
        binR[p] = prevCarry.binaryR[id] as number;
      }
      candSnap = { ...snap, carryIn, binaryCarryInL: binL, binaryCarryInR: binR };
    }
    progress('candidate', 0, 1);
    const cand = computeRun(candidate, candSnap, {
      onProgress: (_s, done, total) => progress('candidate', done, total),
    });
    progress('candidateHash', 0, 1);
    const candidateRunHash = runHashOf(candidate, candidateHash, candSnap, cand);
    progress('candidateHash', 1, 1);

    const candTotals = totalsOf(candSnap, cand);
    const bt = whatIfTotals(base.totals, base.result);
    const ct = whatIfTotals(candTotals, cand);
    addTotals(totals.baseline, bt);
    addTotals(totals.candidate, ct);
    perPeriod.push({
      period,
      planVersion: run.planVersion,
      committedRunHash: run.runHash,
      baselineRunHash: base.runHash,
      reproduced,
      candidateRunHash,
      chained,
      baseline: bt,
      candidate: ct,
    });

    // Per bonus: by id, baseline plan order first, then bonuses only the candidate has.
    base.result.bonusIds.forEach((id, i) => {
      const b = stored.plan.bonuses[i]!;
      const row = bonusMap.get(id) ?? {
        id,
        type: b.type,
        inBaseline: true,
        inCandidate: false,
        baseline: 0,
        candidate: 0,
      };
      row.inBaseline = true;
      row.baseline += base.totals.bonusesById[id] ?? 0;
      bonusMap.set(id, row);
    });
    const candById = candTotals.bonusesById;
    cand.bonusIds.forEach((id, i) => {
      const b = candidate.bonuses[i]!;
      const row = bonusMap.get(id) ?? {
        id,
        type: b.type,
        inBaseline: false,
        inCandidate: true,
        baseline: 0,
        candidate: 0,
      };
      row.inCandidate = true;
      row.candidate += candById[id] ?? 0;
      bonusMap.set(id, row);
    });

    // Per member and per rank.
    progress('compare', 0, 1);
    const B = base.result.members;
    const C = cand.members;
    const baseRanks = stored.plan.ranks.map((r) => r.code);
    const candRanks = candidate.ranks.map((r) => r.code);
    // Rank rows in plan order (baseline first), so the table reads lowest rank first.
    for (const code of baseRanks) rankRow(code);
    for (const code of candRanks) rankRow(code);
    const n = snap.members.count;
    for (let p = 0; p < n; p++) {
      const id = snap.memberId[p] as number;
      const customer = snap.members.kind[p] === KIND_CUSTOMER;
      const br = customer ? null : (baseRanks[B.rank[p] as number] ?? null);
      const cr = customer ? null : (candRanks[C.rank[p] as number] ?? null);
      const bb = B.bonusTotal[p] as number;
      const cb = C.bonusTotal[p] as number;
      members.present[id] = 1;
      members.code[id] = snap.members.code[p];
      members.kind[id] = snap.members.kind[p] as number;
      members.baselineRank[id] = br;
      members.candidateRank[id] = cr;
      members.baselineBonuses[id] = (members.baselineBonuses[id] as number) + bb;
      members.candidateBonuses[id] = (members.candidateBonuses[id] as number) + cb;
      members.baselineNet[id] = (members.baselineNet[id] as number) + (B.net[p] as number);
      members.candidateNet[id] = (members.candidateNet[id] as number) + (C.net[p] as number);
      if (customer) {
        if (bb === 0 && cb === 0) continue;
        const r = rankRow(null);
        r.baselineMembers += bb > 0 ? 1 : 0;
        r.candidateMembers += cb > 0 ? 1 : 0;
        r.baselineBonuses += bb;
        r.candidateBonuses += cb;
        continue;
      }
      const rb = rankRow(br);
      rb.baselineMembers++;
      rb.baselineBonuses += bb;
      const rc = rankRow(cr);
      rc.candidateMembers++;
      rc.candidateBonuses += cb;
    }

    // What the next period's candidate starts from.
    const carry: CandidateCarry = {
      carryOut: new Float64Array(size),
      binaryL: new Float64Array(size),
      binaryR: new Float64Array(size),
    };
    for (let p = 0; p < n; p++) {
      const id = snap.memberId[p] as number;
      carry.carryOut[id] = C.carryOut[p] as number;
      carry.binaryL[id] = C.binaryCarryL[p] as number;
      carry.binaryR[id] = C.binaryCarryR[p] as number;
    }
    prevCarry = carry;
    progress('compare', 1, 1);
  }

  const baselinePlans = [...plans.values()].sort((a, b) => a.row.version - b.row.version);
  const byRank = [...rankMap.values()];
  return {
    periods: list,
    candidate,
    candidateHash,
    baselinePlans,
    lastBaselinePlan: lastBaselinePlan ?? candidate,
    perPeriod,
    totals,
    byBonus: [...bonusMap.values()],
    byRank,
    members,
    warnings,
  };
}
