import type { Db } from '../db/client';
import { loadSnapshot, type LoadedSnapshot } from '../close/snapshot';
import {
  KIND_CUSTOMER,
  KIND_DISTRIBUTOR,
  STATUS_NAMES,
  emptyLines,
  prepareState,
  type EngineState,
} from '../engine';
import { DEFAULT_PLAN, type Plan } from '../../shared/plan';
import { getPlanVersion, planInForce } from '../db/repositories/plans.repo';
import type { VolumeRow, VolumeSummary } from '../../shared/ipc/orders.contract';

/**
 * The per-period volume view (PV, BV, GV, active, rank, customer volume, retail profit).
 * Volumes come from the engine's own `prepareState` — the code the close runs — applied to the
 * same snapshot the close loads, so the view and the close cannot disagree.
 *
 * Computing a period costs one snapshot read plus linear passes; the result is cached per
 * (database, period) and keyed by a data-change counter, so paging and sorting the grid do not
 * recompute it.
 */

export interface PlanInForce {
  plan: Plan;
  /** null: no plan stored yet, the built-in default plan is used. */
  version: number | null;
}

/**
 * The plan a period is computed with: the committed run's version for a closed period, else the
 * plan in force for the period (plans.repo `planInForce`, the close's rule); no stored plan yet:
 * the built-in default plan.
 */
export function planForPeriod(db: Db, period: string): PlanInForce {
  const committed = db.sqlite
    .prepare(`SELECT plan_version FROM runs WHERE period = ? AND status = 'committed'`)
    .pluck()
    .get(period) as number | undefined;
  const stored =
    (committed !== undefined ? getPlanVersion(db, committed) : undefined) ??
    planInForce(db, period);
  return stored
    ? { plan: stored.plan, version: stored.row.version }
    : { plan: DEFAULT_PLAN, version: null };
}

export interface PeriodVolumes {
  period: string;
  planVersion: number | null;
  plan: Plan;
  snap: LoadedSnapshot;
  state: EngineState;
  /** Per member position: PV/BV of the member's own orders (customers included). */
  ownPv: Float64Array;
  ownBv: Float64Array;
  /** Per distributor position: Σ retail margin of the orders of customers rolled to them. */
  retailProfit: Float64Array;
  /** Distributor positions, the rows of the view. */
  distributors: Int32Array;
  /** Order lines of the period (the lines themselves are not kept). */
  orderLines: number;
  periodClosed: boolean;
  /** Lazily loaded member names by position (only when sorting/searching by name). */
  names?: string[];
  /** The last query's filtered and sorted rows (see orderedRows). */
  lastOrder?: { key: string; rows: number[] };
}

/**
 * Retail margin of one snapshot line: qty · max(0, unitPrice − memberPrice) (plan-format.md
 * "retail"). Summed per volume owner regardless of the owner's status — this is the view's
 * "retail profit"; whether it is paid as the plan's retail bonus is the close's business.
 */
function lineMargin(snap: LoadedSnapshot, i: number): number {
  const L = snap.lines;
  return (
    (L.qty[i] as number) * Math.max(0, (L.unitPrice[i] as number) - (L.memberPrice[i] as number))
  );
}

export function computePeriodVolumes(db: Db, period: string): PeriodVolumes {
  const snap = loadSnapshot(db, period);
  const { plan, version } = planForPeriod(db, period);
  const state = prepareState(plan, snap);
  const n = snap.members.count;
  // Own BV is the engine's (the base of referral and sponsor); own PV is not kept by it (a
  // customer's PV moves to its volume owner), so it is summed here the same way.
  const ownBv = state.ownBv;
  const ownPv = new Float64Array(n);
  const retailProfit = new Float64Array(n);
  const L = snap.lines;
  const kind = snap.members.kind;
  if (snap.bought) ownPv.set(snap.bought.pv);
  for (let i = 0; i < L.count; i++) {
    const b = L.buyer[i] as number;
    ownPv[b] = (ownPv[b] as number) + (L.qty[i] as number) * (L.pv[i] as number);
    if (kind[b] === KIND_CUSTOMER) {
      const owner = state.volumeOwner[b] as number;
      if (owner >= 0) retailProfit[owner] = (retailProfit[owner] as number) + lineMargin(snap, i);
    }
  }
  let nd = 0;
  for (let m = 0; m < n; m++) if (kind[m] === KIND_DISTRIBUTOR) nd++;
  const distributors = new Int32Array(nd);
  for (let m = 0, k = 0; m < n; m++) if (kind[m] === KIND_DISTRIBUTOR) distributors[k++] = m;
  const periodClosed =
    db.sqlite
      .prepare(`SELECT 1 FROM periods WHERE period = ? AND status = 'closed'`)
      .get(period) !== undefined;
  // The view never reads lines again: drop them so a cached period holds per-member arrays only.
  const kept: LoadedSnapshot = { ...snap, lines: emptyLines(0) };
  state.snap = kept;
  return {
    period,
    planVersion: version,
    plan,
    snap: kept,
    state,
    orderLines: snap.lineCount,
    ownPv,
    ownBv,
    retailProfit,
    distributors,
    periodClosed,
  };
}

// ---------------------------------------------------------------------------------------------
// Cache

interface CacheEntry {
  key: string;
  value: PeriodVolumes;
}
/** Up to 3 periods, fewer when they are big (each holds ~100 bytes per member). */
const CACHE_SIZE = 3;
const CACHE_MEMBERS = 2_000_000;
const cache = new WeakMap<object, CacheEntry[]>();

/**
 * A counter that changes whenever the database changes: `total_changes()` counts this
 * connection's row changes, `data_version` moves when another connection (the CLI while the app
 * is open) commits.
 */
function dataStamp(db: Db): string {
  const changes = db.sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  const version = db.sqlite.pragma('data_version', { simple: true }) as number;
  return `${changes}:${version}`;
}

export function periodVolumes(db: Db, period: string): PeriodVolumes {
  const key = `${period}|${dataStamp(db)}`;
  let entries = cache.get(db.sqlite);
  if (!entries) cache.set(db.sqlite, (entries = []));
  const hit = entries.find((e) => e.key === key);
  if (hit) return hit.value;
  const value = computePeriodVolumes(db, period);
  entries.unshift({ key, value });
  let members = 0;
  const keep = entries.findIndex((e, i) => {
    members += e.value.snap.members.count;
    return i >= CACHE_SIZE || (i > 0 && members > CACHE_MEMBERS);
  });
  if (keep >= 0) entries.length = keep;
  return value;
}

// ---------------------------------------------------------------------------------------------
// The paged view

export interface VolumePageQuery {
  period: string;
  offset: number;
  limit: number;
  sort: { colId: string; sort: 'asc' | 'desc' }[];
  search?: string | undefined;
  filter: {
    activeOnly?: boolean | undefined;
    status?: 'active' | 'suspended' | 'terminated' | undefined;
  };
}

function namesOf(db: Db, v: PeriodVolumes): string[] {
  if (v.names) return v.names;
  const names = new Array<string>(v.snap.members.count).fill('');
  const rows = db.sqlite
    .prepare('SELECT id, name FROM members')
    .raw()
    .iterate() as IterableIterator<[number, string]>;
  for (const [id, name] of rows) {
    const pos = v.snap.positionById[id];
    if (pos !== undefined && pos >= 0) names[pos] = name;
  }
  v.names = names;
  return names;
}

export function listVolumes(
  db: Db,
  q: VolumePageQuery,
): { rows: VolumeRow[]; total: number; summary: VolumeSummary } {
  const v = periodVolumes(db, q.period);
  const { state, snap } = v;
  const status = snap.members.status;
  const code = snap.members.code;

  const summary: VolumeSummary = {
    period: v.period,
    periodClosed: v.periodClosed,
    planVersion: v.planVersion,
    activePv: v.plan.activePv,
    distributors: v.distributors.length,
    active: 0,
    pv: 0,
    bv: 0,
    retailProfit: 0,
    orderLines: v.orderLines,
  };
  for (const d of v.distributors) {
    summary.active += state.active[d] as number;
    summary.pv += state.pv[d] as number;
    summary.bv += state.bv[d] as number;
    summary.retailProfit += v.retailProfit[d] as number;
  }

  const rowsPos = orderedRows(db, v, q);
  const page = rowsPos.slice(q.offset, q.offset + q.limit);
  const ids = page.map((d) => snap.memberId[d] as number);
  const nameById = new Map<number, string>();
  if (ids.length) {
    const rows = db.sqlite
      .prepare(`SELECT id, name FROM members WHERE id IN (${ids.map(() => '?').join(',')})`)
      .raw()
      .all(...ids) as [number, string][];
    for (const [id, name] of rows) nameById.set(id, name);
  }
  const rankCodes = v.plan.ranks.map((r) => r.code);
  const rows: VolumeRow[] = page.map((d) => ({
    code: code[d] as string,
    name: nameById.get(snap.memberId[d] as number) ?? '',
    status: STATUS_NAMES[status[d] as number] ?? 'active',
    rank: rankCodes[state.rank[d] as number] ?? null,
    active: state.active[d] === 1,
    pv: state.pv[d] as number,
    bv: state.bv[d] as number,
    gv: state.gv[d] as number,
    ownPv: v.ownPv[d] as number,
    ownBv: v.ownBv[d] as number,
    customerPv: (state.pv[d] as number) - (v.ownPv[d] as number),
    customerBv: (state.bv[d] as number) - (v.ownBv[d] as number),
    retailProfit: v.retailProfit[d] as number,
  }));
  return { rows, total: rowsPos.length, summary };
}

/**
 * The filtered, sorted distributor positions of a query. Memoised per period entry for the
 * last query shape, so the infinite grid's next pages cost a slice.
 */
function orderedRows(db: Db, v: PeriodVolumes, q: VolumePageQuery): number[] {
  const key = JSON.stringify([q.sort, q.filter, q.search ?? '']);
  if (v.lastOrder?.key === key) return v.lastOrder.rows;
  const { state, snap } = v;
  const status = snap.members.status;
  const code = snap.members.code;
  let rowsPos: number[] = Array.from(v.distributors);
  if (q.filter.activeOnly) rowsPos = rowsPos.filter((d) => state.active[d] === 1);
  if (q.filter.status) {
    const want = STATUS_NAMES.indexOf(q.filter.status);
    rowsPos = rowsPos.filter((d) => status[d] === want);
  }
  const s = q.search?.trim().toLowerCase();
  if (s) {
    const names = namesOf(db, v);
    rowsPos = rowsPos.filter((d) => {
      if ((code[d] as string).toLowerCase().startsWith(s)) return true;
      const name = (names[d] as string).toLowerCase();
      return name.startsWith(s) || name.includes(` ${s}`);
    });
  }

  const columns: Record<string, ArrayLike<number>> = {
    pv: state.pv,
    bv: state.bv,
    gv: state.gv,
    active: state.active,
    rank: state.rank,
    ownPv: v.ownPv,
    ownBv: v.ownBv,
    retailProfit: v.retailProfit,
    status,
  };
  const derived: Record<string, (d: number) => number> = {
    customerPv: (d) => (state.pv[d] as number) - (v.ownPv[d] as number),
    customerBv: (d) => (state.bv[d] as number) - (v.ownBv[d] as number),
  };
  const comparators: ((a: number, b: number) => number)[] = [];
  for (const o of q.sort) {
    const dir = o.sort === 'desc' ? -1 : 1;
    const col = columns[o.colId];
    const fn = derived[o.colId];
    if (col) comparators.push((a, b) => dir * ((col[a] as number) - (col[b] as number)));
    else if (fn) comparators.push((a, b) => dir * (fn(a) - fn(b)));
    else if (o.colId === 'code') {
      comparators.push((a, b) => dir * cmpStr(code[a] as string, code[b] as string));
    } else if (o.colId === 'name') {
      const names = namesOf(db, v);
      comparators.push((a, b) => dir * cmpStr(names[a] as string, names[b] as string));
    }
  }
  // Default and tie-break: member code (plain code-unit order, like the run output).
  comparators.push((a, b) => cmpStr(code[a] as string, code[b] as string));
  rowsPos.sort((a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  });

  v.lastOrder = { key, rows: rowsPos };
  return rowsPos;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
