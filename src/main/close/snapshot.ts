import type { Db } from '../db/client';
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
 * with clawback = 0 (recorded while P was open; they net out of P). Returns with clawback = 1
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
}

export interface LoadSnapshotOptions {
  onProgress?: (stage: 'members' | 'lines', done: number, total: number) => void;
}

const KIND = { distributor: KIND_DISTRIBUTOR, customer: KIND_CUSTOMER } as const;
const STATUS = {
  active: STATUS_ACTIVE,
  suspended: STATUS_SUSPENDED,
  terminated: STATUS_TERMINATED,
} as const;

/**
 * Below this share of all lines, the period's lines are read through the `order_lines_period`
 * index; above it a full table scan is faster (performance-notes.md: a non-covering index read
 * is ~4.5× slower per row than a sequential scan).
 */
const INDEX_SHARE_LIMIT = 0.2;

const PROGRESS_EVERY = 100_000;

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

  const members = sqlite
    .prepare(
      `SELECT id, code, kind, status, sponsor_id, placement_id, leg, join_date, hold,
              bank_account, nik, npwp
       FROM members`,
    )
    .raw()
    .iterate() as IterableIterator<
    [
      number,
      string,
      'distributor' | 'customer',
      'active' | 'suspended' | 'terminated',
      number | null,
      number | null,
      'L' | 'R' | null,
      string,
      number,
      string | null,
      string | null,
      string | null,
    ]
  >;
  let p = 0;
  for (const [id, c, k, s, sp, pl, lg, join, h, bank, nik, npwp] of members) {
    memberId[p] = id;
    positionById[id] = p;
    code[p] = c;
    kind[p] = KIND[k];
    status[p] = STATUS[s];
    sponsorId[p] = sp ?? 0;
    placementId[p] = pl ?? 0;
    leg[p] = lg === 'L' ? LEG_LEFT : lg === 'R' ? LEG_RIGHT : LEG_NONE;
    // join_date is 'YYYY-MM-DD' (CHECK in the schema): yyyymm without a Date object.
    joinPeriod[p] = Number(join.slice(0, 4)) * 100 + Number(join.slice(5, 7));
    hold[p] = h;
    hasBank[p] = bank !== null && bank.trim() !== '' ? 1 : 0;
    hasTaxId[p] =
      (npwp !== null && (npwp.length === 15 || npwp.length === 16)) ||
      (nik !== null && nik.length === 16)
        ? 1
        : 0;
    p++;
    if (opts.onProgress && p % PROGRESS_EVERY === 0) opts.onProgress('members', p, n);
  }
  for (let i = 0; i < n; i++) {
    const s = sponsorId[i] as number;
    if (s !== 0) sponsor[i] = positionById[s] as number;
    const pl = placementId[i] as number;
    if (pl !== 0) placement[i] = positionById[pl] as number;
  }
  opts.onProgress?.('members', n, n);

  // ---- returns that net out of this period (clawback = 0) ----------------------------------
  const returned = new Map<number, number>();
  const returnRows = sqlite
    .prepare(
      `SELECT r.order_line_id, sum(r.qty) FROM returns r
       JOIN orders o ON o.id = r.order_id
       WHERE o.period = ? AND r.clawback = 0
       GROUP BY r.order_line_id`,
    )
    .raw()
    .iterate(period) as IterableIterator<[number, number]>;
  for (const [lineId, qty] of returnRows) returned.set(lineId, qty);

  // ---- order lines of the period: one pass -------------------------------------------------
  const count = sqlite
    .prepare('SELECT count(*) FROM order_lines WHERE period = ?')
    .pluck()
    .get(period) as number;
  const all =
    count === 0 ? 0 : (sqlite.prepare('SELECT count(*) FROM order_lines').pluck().get() as number);
  const access = count > all * INDEX_SHARE_LIMIT ? 'NOT INDEXED' : 'INDEXED BY order_lines_period';
  const lineId = new Int32Array(count);
  const order = new Int32Array(count);
  const buyer = new Int32Array(count);
  const qty = new Int32Array(count);
  const unitPrice = new Float64Array(count);
  const memberPrice = new Float64Array(count);
  const pv = new Float64Array(count);
  const bv = new Float64Array(count);
  let i = 0;
  if (count > 0) {
    const lines = sqlite
      .prepare(
        `SELECT id, order_id, member_id, qty, unit_price, member_price, pv, bv
         FROM order_lines ${access} WHERE period = ? ORDER BY id`,
      )
      .raw()
      .iterate(period) as IterableIterator<
      [number, number, number, number, number, number, number, number]
    >;
    const netting = returned.size > 0;
    for (const [id, o, m, q, up, mp, lpv, lbv] of lines) {
      lineId[i] = id;
      order[i] = o;
      buyer[i] = positionById[m] as number;
      qty[i] = netting ? q - (returned.get(id) ?? 0) : q;
      unitPrice[i] = up;
      memberPrice[i] = mp;
      pv[i] = lpv;
      bv[i] = lbv;
      i++;
      if (opts.onProgress && i % PROGRESS_EVERY === 0) opts.onProgress('lines', i, count);
    }
  }
  opts.onProgress?.('lines', i, count);

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
    lines: { count: i, order, buyer, qty, unitPrice, memberPrice, pv, bv },
    adjustments,
    clawbacks: new Float64Array(n),
    carryIn: new Float64Array(n),
    binaryCarryInL: new Float64Array(n),
    binaryCarryInR: new Float64Array(n),
    memberId,
    positionById,
    lineId,
  };
}
