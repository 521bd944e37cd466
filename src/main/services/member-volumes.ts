import type { Db } from '../db/client';
import { jakartaToday, nextPeriod } from '../../shared/period';
import { scanIntTuples } from '../db/bulk';
import { getMemberTree, type MemberTree } from './member-tree';

/**
 * PV and GV of every member in one period, for the genealogy and the member detail (display,
 * not payout): the volume rules of plan-format.md "Volumes" — orders dated in the period, net of
 * non-clawback returns of those lines; a customer's volume counts for its volume owner (nearest
 * distributor up the sponsor chain); GV = PV + the sponsor downline's PV. The period close has
 * its own engine (src/main/engine); this is a read-only mirror of the same volume rule.
 */
export interface PeriodVolumes {
  key: string;
  period: string;
  /** By member position (see MemberTree). Customers: 0. */
  pv: Float64Array;
  gv: Float64Array;
  /** PV of each placement subtree (the node included); computed on first use. */
  placementSum?: Float64Array;
}

/** Own (buyer) PV by member id, with the high-water marks it was read up to. */
interface OwnState {
  version: number;
  linesMax: number;
  returnsMax: number;
  /** By member id (ids are dense); grows as members are added. */
  own: Float64Array;
  result: PeriodVolumes | null;
}

const cache = new WeakMap<Db, Map<string, OwnState>>();

/**
 * The period "this period" means when none is given: the latest open period with orders;
 * else the one after the latest closed period; else the current month in Jakarta.
 */
export function defaultPeriod(db: Db): string {
  const latest = db.sqlite.prepare('SELECT max(period) FROM order_lines').pluck().get() as
    string | null;
  const closed = db.sqlite
    .prepare(`SELECT max(period) FROM periods WHERE status = 'closed'`)
    .pluck()
    .get() as string | null;
  if (latest && (!closed || latest > closed)) return latest;
  if (closed) return nextPeriod(closed);
  return jakartaToday().slice(0, 7);
}

/**
 * Volumes of one period. The first call reads the period's lines (seconds at millions of
 * lines); later calls read only lines/returns added since (ids above the high-water mark) and
 * redo the JS roll-up (~50 ms at 1M). Updates/deletes of lines or returns (change_counters)
 * force a full read.
 */
export function getPeriodVolumes(db: Db, period: string, tree = getMemberTree(db)): PeriodVolumes {
  const r = db.sqlite
    .prepare(
      `SELECT (SELECT version FROM change_counters WHERE name = 'volumes') AS v,
              (SELECT max(id) FROM order_lines) AS l, (SELECT max(id) FROM returns) AS r`,
    )
    .get() as { v: number | null; l: number | null; r: number | null };
  const version = r.v ?? 0;
  const linesMax = r.l ?? 0;
  const returnsMax = r.r ?? 0;
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let st = m.get(period);
  if (!st || st.version !== version || linesMax < st.linesMax || returnsMax < st.returnsMax) {
    st = { version, linesMax: 0, returnsMax: 0, own: new Float64Array(0), result: null };
  }
  m.delete(period);
  m.set(period, st);
  while (m.size > 2) m.delete(m.keys().next().value!);

  if (linesMax > st.linesMax) {
    // Lines as concatenated text, not one JS row each (db/bulk.ts): ~3x faster at 1M+ lines.
    const state = st;
    scanIntTuples(
      db.sqlite,
      `SELECT group_concat(member_id || ',' || (qty * pv), ',') FROM order_lines
       WHERE period = ? AND id > ? AND id <= ?`,
      2,
      st.linesMax,
      linesMax,
      (t) => {
        const id = t[0]!;
        if (id >= state.own.length) state.own = grow(state.own, id);
        state.own[id] = state.own[id]! + t[1]!;
      },
      500_000,
      [period],
    );
    st.linesMax = linesMax;
    st.result = null;
  }
  if (returnsMax > st.returnsMax) {
    // Returns of this period's orders recorded while it was open (clawback = 0) net out.
    const rows = db.sqlite
      .prepare(
        `SELECT ol.member_id, sum(r.qty * ol.pv) FROM returns r
         JOIN order_lines ol ON ol.id = r.order_line_id
         WHERE r.clawback = 0 AND ol.period = ? AND r.id > ? AND r.id <= ? GROUP BY ol.member_id`,
      )
      .raw()
      .iterate(period, st.returnsMax, returnsMax) as Iterable<[number, number]>;
    for (const [id, pv] of rows) {
      if (id >= st.own.length) st.own = grow(st.own, id);
      st.own[id] = st.own[id]! - pv;
    }
    st.returnsMax = returnsMax;
    st.result = null;
  }
  const key = `${period}:${tree.key}:${version}:${linesMax}:${returnsMax}`;
  if (st.result && st.result.key === key) return st.result;
  const own = new Float64Array(tree.n);
  for (let p = 0; p < tree.n; p++) {
    const id = tree.ids[p]!;
    if (id < st.own.length) own[p] = st.own[id]!;
  }
  st.result = { key, period, ...rollUp(tree, own) };
  return st.result;
}

function grow(a: Float64Array, id: number): Float64Array {
  const b = new Float64Array(Math.max(id + 1, a.length * 2, 1024));
  b.set(a);
  return b;
}

/** PV by volume owner, then GV up the sponsor tree (children before parents). */
export function rollUp(t: MemberTree, own: Float64Array): { pv: Float64Array; gv: Float64Array } {
  const pv = new Float64Array(t.n);
  for (let p = 0; p < t.n; p++) {
    if (own[p] === 0) continue;
    const o = t.owner[p]!;
    if (o >= 0) pv[o] = pv[o]! + own[p]!;
  }
  const gv = Float64Array.from(pv);
  // Bottom-up: a node's subtree is finished once all its children are; process by BFS reversed.
  const order = new Int32Array(t.n);
  let head = 0;
  let tail = 0;
  for (let r = 0; r < t.sRoots.length; r++) order[tail++] = t.sRoots[r]!;
  while (head < tail) {
    const p = order[head++]!;
    for (let c = t.sStart[p]!; c < t.sStart[p + 1]!; c++) order[tail++] = t.sChildren[c]!;
  }
  for (let k = tail - 1; k >= 0; k--) {
    const p = order[k]!;
    const s = t.sponsor[p]!;
    if (s >= 0) gv[s] = gv[s]! + gv[p]!;
  }
  return { pv, gv };
}

/** PV of every placement subtree (p and below), one bottom-up pass; cached on the volumes. */
export function placementSums(t: MemberTree, v: PeriodVolumes): Float64Array {
  if (v.placementSum && v.placementSum.length === t.n) return v.placementSum;
  const sum = Float64Array.from(v.pv);
  const order = new Int32Array(t.n);
  let tail = 0;
  for (let r = 0; r < t.pRoots.length; r++) order[tail++] = t.pRoots[r]!;
  for (let k = 0; k < tail; k++) {
    const x = order[k]!;
    if (t.left[x]! >= 0) order[tail++] = t.left[x]!;
    if (t.right[x]! >= 0) order[tail++] = t.right[x]!;
  }
  for (let k = tail - 1; k >= 0; k--) {
    const x = order[k]!;
    const up = t.placement[x]!;
    if (up >= 0) sum[up] = sum[up]! + sum[x]!;
  }
  v.placementSum = sum;
  return sum;
}
