import type { Db } from '../db/client';
import { scanIntTuples } from '../db/bulk';
import {
  KIND_CUSTOMER,
  KIND_DISTRIBUTOR,
  LEG_LEFT,
  LEG_NONE,
  LEG_RIGHT,
  STATUS_ACTIVE,
  STATUS_SUSPENDED,
  STATUS_TERMINATED,
  periodToInt,
  type PeriodSnapshot,
} from '../engine/types';

/**
 * The period snapshot: everything the engine needs about period P, read from the database in
 * one streamed pass per table (`.raw().iterate()`, no per-member queries, no recursive CTEs) into
 * flat typed arrays indexed by member position (plan-format.md "Inputs of a period").
 *
 * Member positions follow the members table's rowid order; `memberId[pos]` maps back to the
 * database id and `positionById[id]` forward (-1 = no such member).
 *
 * Lines: the order lines of orders dated in P, each with `qty` = bought − returned by returns
 * with clawback = 0 (recorded while P was open; they net out of P). Only lines that can earn a
 * retail margin are listed in `lines`; every other line counts through its buyer's `bought` sums
 * (PeriodSnapshot.bought), which gives the engine the same run. Returns with clawback = 1
 * (order's period already closed) are NOT netted: they are clawbacks of the period open at the
 * return's date, which the close computes (left at 0 here, like carry-in and binary carry —
 * the close fills them). Adjustments of P are loaded (Σ per member).
 */
export interface LoadedSnapshot extends PeriodSnapshot {
  /** Database id of the member at each position. */
  memberId: Int32Array;
  /** Position of a member id (index = id, length max(id) + 1), -1 when absent. */
  positionById: Int32Array;
  /** Database id of each line (same index as `lines`), for explain/clawback lookups. */
  lineId: Int32Array;
  /** Order lines of the period, listed or summed into `bought`. */
  lineCount: number;
}

export interface LoadSnapshotOptions {
  onProgress?: (stage: 'members' | 'lines', done: number, total: number) => void;
}

/**
 * Below this share of all lines, the period's listed lines are read through the
 * `order_lines_volume` index; above it a full table scan is faster (performance-notes.md: a
 * non-covering index read is ~4.5× slower per row than a sequential scan).
 */
const INDEX_SHARE_LIMIT = 0.2;

/** Member ids per scanIntTuples call of the volume sums (~6 MB of text). */
const MEMBER_CHUNK = 200_000;

/**
 * What the engine needs of a member, as non-negative integers worked out by SQLite, in this
 * order (the code comes separately: MEMBER_CODES).
 */
const MEMBER_INTS = [
  'id',
  `CASE kind WHEN 'customer' THEN ${KIND_CUSTOMER} ELSE ${KIND_DISTRIBUTOR} END`,
  `CASE status WHEN 'suspended' THEN ${STATUS_SUSPENDED} WHEN 'terminated' THEN ${STATUS_TERMINATED} ELSE ${STATUS_ACTIVE} END`,
  'coalesce(sponsor_id, 0)',
  'coalesce(placement_id, 0)',
  `CASE leg WHEN 'L' THEN ${LEG_LEFT} WHEN 'R' THEN ${LEG_RIGHT} ELSE ${LEG_NONE} END`,
  // join_date is 'YYYY-MM-DD' (CHECK in the schema) → yyyymm
  'CAST(substr(join_date, 1, 4) AS INTEGER) * 100 + CAST(substr(join_date, 6, 2) AS INTEGER)',
  'hold',
  "coalesce(trim(bank_account), '') <> ''",
  '(length(npwp) IN (15, 16)) IS 1 OR length(nik) IS 16',
] as const;

/**
 * Members are read as text in id ranges (db/bulk.ts scanIntTuples; codes joined by newlines,
 * which the schema's CHECK keeps out of a code): ~1.5× faster than one JS row per member at
 * a million. NOT INDEXED: both reads walk the table itself, in id order, so the n-th code of a
 * range belongs to the n-th tuple (checked: ids rise, and each range has as many of both).
 */
const MEMBER_TUPLES = `SELECT group_concat(${MEMBER_INTS.map((e) => `(${e})`).join(" || ',' || ")}, ',')
  FROM members NOT INDEXED WHERE id > ? AND id <= ?`;
const MEMBER_CODES = `SELECT group_concat(code, char(10))
  FROM members NOT INDEXED WHERE id > ? AND id <= ?`;

export function loadSnapshot(
  db: Db,
  period: string,
  opts: LoadSnapshotOptions = {},
): LoadedSnapshot {
  periodToInt(period); // validates the format
  // One read transaction: members, lines, returns and adjustments are one consistent state.
  return db.sqlite.transaction(() => read(db, period, opts))();
}

function read(db: Db, period: string, opts: LoadSnapshotOptions): LoadedSnapshot {
  const sqlite = db.sqlite;
  const { n, maxId } = sqlite
    .prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS maxId FROM members')
    .get() as { n: number; maxId: number };

  // ---- members: one pass -----------------------------------------------------------------
  const memberId = new Int32Array(n);
  const positionById = new Int32Array(maxId + 1).fill(-1);
  const code: string[] = new Array<string>(n);
  const kind = new Uint8Array(n);
  const status = new Uint8Array(n);
  const sponsor = new Int32Array(n).fill(-1);
  const placement = new Int32Array(n).fill(-1);
  const leg = new Uint8Array(n);
  const joinPeriod = new Int32Array(n);
  const hold = new Uint8Array(n);
  const hasBank = new Uint8Array(n);
  const hasTaxId = new Uint8Array(n);
  // Sponsor/placement are ids until every position is known (a moved member may point forward).
  const sponsorId = new Int32Array(n);
  const placementId = new Int32Array(n);

  let p = 0;
  let lastId = 0;
  const codesOf = sqlite.prepare(MEMBER_CODES).pluck();
  for (let lo = 0; lo < maxId; lo += MEMBER_CHUNK) {
    const hi = Math.min(maxId, lo + MEMBER_CHUNK);
    const first = p;
    scanIntTuples(sqlite, MEMBER_TUPLES, MEMBER_INTS.length, lo, hi, (t) => {
      const id = t[0] as number;
      if (id <= lastId) throw new Error(`members read out of id order at ${id}`);
      lastId = id;
      memberId[p] = id;
      positionById[id] = p;
      kind[p] = t[1] as number;
      status[p] = t[2] as number;
      sponsorId[p] = t[3] as number;
      placementId[p] = t[4] as number;
      leg[p] = t[5] as number;
      joinPeriod[p] = t[6] as number;
      hold[p] = t[7] as number;
      hasBank[p] = t[8] as number;
      hasTaxId[p] = t[9] as number;
      p++;
    });
    const codes = codesOf.get(lo, hi) as string | null;
    const split = codes === null ? [] : codes.split('\n');
    if (split.length !== p - first) {
      throw new Error(`members changed while reading: ${split.length} codes, ${p - first} rows`);
    }
    for (let i = 0; i < split.length; i++) code[first + i] = split[i] as string;
    opts.onProgress?.('members', p, n);
  }
  if (p !== n) throw new Error(`members changed while reading: ${p} rows, expected ${n}`);
  for (let i = 0; i < n; i++) {
    const s = sponsorId[i] as number;
    if (s !== 0) sponsor[i] = positionById[s] as number;
    const pl = placementId[i] as number;
    if (pl !== 0) placement[i] = positionById[pl] as number;
  }
  opts.onProgress?.('members', n, n);

  // ---- order lines of the period ------------------------------------------------------------
  // Each buyer's volume is summed by SQLite (GROUP BY over the covering index order_lines_volume:
  // member order, no sort, no table rows); only the lines that can earn a retail margin
  // (unit_price > member_price) are listed one by one — the engine needs nothing else from the
  // others (PeriodSnapshot.bought). At a million members this reads ~0.8M sums and ~0.15M lines
  // instead of ~3.6M lines (docs/performance.md).
  const lineCount = sqlite
    .prepare('SELECT count(*) FROM order_lines INDEXED BY order_lines_volume WHERE period = ?')
    .pluck()
    .get(period) as number;
  const boughtPv = new Float64Array(n);
  const boughtBv = new Float64Array(n);
  if (lineCount > 0) {
    // As concatenated text in member-id ranges (db/bulk.ts): ~1.4× faster than a JS row each.
    scanIntTuples(
      sqlite,
      `SELECT group_concat(member_id || ',' || pv || ',' || bv, ',')
       FROM (SELECT member_id, sum(qty * pv) AS pv, sum(qty * bv) AS bv
             FROM order_lines INDEXED BY order_lines_volume
             WHERE period = ? AND member_id > ? AND member_id <= ? GROUP BY member_id)`,
      3,
      0,
      maxId,
      (t) => {
        const pos = positionById[t[0] as number] as number;
        boughtPv[pos] = t[1] as number;
        boughtBv[pos] = t[2] as number;
      },
      MEMBER_CHUNK,
      [period],
    );
  }
  opts.onProgress?.('lines', lineCount >> 1, lineCount);

  // Returns that net out of this period (clawback = 0): off the sums here, off a listed line's
  // quantity below.
  const returned = new Map<number, number>();
  const returnRows = sqlite
    .prepare(
      `SELECT r.order_line_id, sum(r.qty), l.member_id, l.pv, l.bv FROM returns r
       JOIN orders o ON o.id = r.order_id
       JOIN order_lines l ON l.id = r.order_line_id
       WHERE o.period = ? AND r.clawback = 0
       GROUP BY r.order_line_id`,
    )
    .raw()
    .iterate(period) as IterableIterator<[number, number, number, number, number]>;
  for (const [lineId, q, m, lpv, lbv] of returnRows) {
    returned.set(lineId, q);
    const pos = positionById[m] as number;
    boughtPv[pos] = (boughtPv[pos] as number) - q * lpv;
    boughtBv[pos] = (boughtBv[pos] as number) - q * lbv;
  }

  // The listed lines: a full scan when the period is a large share of all lines, else the index.
  const all =
    lineCount === 0
      ? 0
      : (sqlite.prepare('SELECT count(*) FROM order_lines').pluck().get() as number);
  const access =
    lineCount > all * INDEX_SHARE_LIMIT ? 'NOT INDEXED' : 'INDEXED BY order_lines_volume';
  // Plain arrays while reading (their number is known only after the scan; a few per customer).
  const lineId: number[] = [];
  const order: number[] = [];
  const buyer: number[] = [];
  const qty: number[] = [];
  const unitPrice: number[] = [];
  const memberPrice: number[] = [];
  const pv: number[] = [];
  const bv: number[] = [];
  if (lineCount > 0) {
    const rows = sqlite
      .prepare(
        `SELECT id, order_id, member_id, qty, unit_price, member_price, pv, bv
         FROM order_lines ${access} WHERE period = ? AND unit_price > member_price ORDER BY id`,
      )
      .raw()
      .iterate(period) as IterableIterator<
      [number, number, number, number, number, number, number, number]
    >;
    const netting = returned.size > 0;
    for (const [id, o, m, q, up, mp, lpv, lbv] of rows) {
      const b = positionById[m] as number;
      const net = netting ? q - (returned.get(id) ?? 0) : q;
      lineId.push(id);
      order.push(o);
      buyer.push(b);
      qty.push(net);
      unitPrice.push(up);
      memberPrice.push(mp);
      pv.push(lpv);
      bv.push(lbv);
      boughtPv[b] = (boughtPv[b] as number) - net * lpv;
      boughtBv[b] = (boughtBv[b] as number) - net * lbv;
    }
  }
  const lines = {
    count: lineId.length,
    order: Int32Array.from(order),
    buyer: Int32Array.from(buyer),
    qty: Int32Array.from(qty),
    unitPrice: Float64Array.from(unitPrice),
    memberPrice: Float64Array.from(memberPrice),
    pv: Float64Array.from(pv),
    bv: Float64Array.from(bv),
  };
  opts.onProgress?.('lines', lineCount, lineCount);

  // ---- adjustments of the period -----------------------------------------------------------
  const adjustments = new Float64Array(n);
  const adj = sqlite
    .prepare('SELECT member_id, sum(amount) FROM adjustments WHERE period = ? GROUP BY member_id')
    .raw()
    .iterate(period) as IterableIterator<[number, number]>;
  for (const [m, amount] of adj) {
    const pos = positionById[m];
    if (pos !== undefined && pos >= 0) adjustments[pos] = amount;
  }

  return {
    period,
    members: {
      count: n,
      code,
      kind,
      status,
      sponsor,
      placement,
      leg,
      joinPeriod,
      hold,
      hasBank,
      hasTaxId,
    },
    lines,
    bought: { pv: boughtPv, bv: boughtBv },
    lineCount,
    adjustments,
    clawbacks: new Float64Array(n),
    carryIn: new Float64Array(n),
    binaryCarryInL: new Float64Array(n),
    binaryCarryInR: new Float64Array(n),
    memberId,
    positionById,
    lineId: Int32Array.from(lineId),
  };
}
