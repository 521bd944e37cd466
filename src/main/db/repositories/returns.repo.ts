import type { Db } from '../client';
import type { ReturnDoc, ReturnRow } from '../../../shared/ipc/orders.contract';
import { AppError } from '../../../shared/ipc/result';
import { writeAudit } from './audit.repo';
import { gridOrderBy, Where, type PageQuery } from './page-query';

/**
 * Returns: one row per returned order line. `clawback` = 1 when the order's period was closed
 * when the return was recorded (a trigger checks the flag): the return is then charged as a
 * clawback in its own period instead of netting out of the order's period.
 */

export interface ReturnValues {
  returnNo: string;
  orderId: number;
  orderLineId: number;
  date: string;
  qty: number;
  clawback: boolean;
}

export const INSERT_RETURN_SQL = `INSERT INTO returns (return_no, order_id, order_line_id, return_date, qty, clawback)
  VALUES (?, ?, ?, ?, ?, ?)`;

export function insertReturn(db: Db, r: ReturnValues): number {
  return Number(
    db.sqlite
      .prepare(INSERT_RETURN_SQL)
      .run(r.returnNo, r.orderId, r.orderLineId, r.date, r.qty, r.clawback ? 1 : 0).lastInsertRowid,
  );
}

export function returnNoExists(db: Db, returnNo: string): boolean {
  return (
    db.sqlite.prepare('SELECT 1 FROM returns WHERE return_no = ? LIMIT 1').get(returnNo) !==
    undefined
  );
}

export interface ReturnableLine {
  lineId: number;
  productId: number;
  sku: string;
  qty: number;
  /** Already returned (all earlier returns of this line). */
  returned: number;
}

export const RETURNABLE_LINES_SQL = `SELECT l.id AS lineId, l.product_id AS productId, p.sku, l.qty,
    coalesce((SELECT sum(r.qty) FROM returns r WHERE r.order_line_id = l.id), 0) AS returned
  FROM order_lines l JOIN products p ON p.id = l.product_id
  WHERE l.order_id = ? ORDER BY l.id`;

/** Lines of an order with what is left to return, in line order. */
export function returnableLines(db: Db, orderId: number): ReturnableLine[] {
  return db.sqlite.prepare(RETURNABLE_LINES_SQL).all(orderId) as ReturnableLine[];
}

/**
 * Spread a returned quantity of one SKU over the order's lines of that SKU (an order normally
 * has one line per SKU; older data may have several), oldest line first. Mutates `returned`.
 * Returns the allocation, or the quantity still available when it is not enough.
 */
export function allocateReturn(
  lines: ReturnableLine[],
  sku: string,
  qty: number,
):
  | { ok: true; parts: { line: ReturnableLine; qty: number }[] }
  | { ok: false; bought: number; returned: number } {
  const ofSku = lines.filter((l) => l.sku === sku);
  const bought = ofSku.reduce((a, l) => a + l.qty, 0);
  const returned = ofSku.reduce((a, l) => a + l.returned, 0);
  if (qty > bought - returned) return { ok: false, bought, returned };
  const parts: { line: ReturnableLine; qty: number }[] = [];
  let left = qty;
  for (const l of ofSku) {
    const take = Math.min(left, l.qty - l.returned);
    if (take <= 0) continue;
    parts.push({ line: l, qty: take });
    l.returned += take;
    left -= take;
    if (left === 0) break;
  }
  return { ok: true, parts };
}

export type ReturnPageQuery = PageQuery<{
  period?: string | undefined;
  member?: string | undefined;
  orderNo?: string | undefined;
  clawback?: boolean | undefined;
  /** Internal: the lines of one return document. */
  returnNo?: string | undefined;
}>;

const RETURN_SORT: Record<string, string> = {
  returnNo: 'r.return_no',
  date: 'r.return_date',
  period: 'r.period',
  orderNo: 'o.order_no',
  memberCode: 'm.code',
  qty: 'r.qty',
};

type RawReturnRow = Omit<ReturnRow, 'clawback'> & { clawback: number };

export function listReturns(db: Db, q: ReturnPageQuery): { rows: ReturnRow[]; total: number } {
  const where = new Where();
  if (q.filter.period) where.add('r.period = ?', q.filter.period);
  if (q.filter.member) {
    where.add('o.member_id = (SELECT id FROM members WHERE code = ?)', q.filter.member);
  }
  if (q.filter.orderNo) where.add('o.order_no = ?', q.filter.orderNo);
  if (q.filter.returnNo) where.add('r.return_no = ?', q.filter.returnNo);
  if (q.filter.clawback !== undefined) where.add('r.clawback = ?', q.filter.clawback ? 1 : 0);
  where.prefix('r.return_no', q.search);
  const params = where.params;
  const whereSql = where.sql;
  const from = `FROM returns r
    JOIN orders o ON o.id = r.order_id
    JOIN members m ON m.id = o.member_id
    JOIN order_lines l ON l.id = r.order_line_id
    JOIN products p ON p.id = l.product_id`;
  const total = db.sqlite
    .prepare(`SELECT count(*) ${from} ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const orderBy = gridOrderBy(q.sort, RETURN_SORT, 'r.return_date DESC', 'r.id');
  const rows = db.sqlite
    .prepare(
      `SELECT r.id, r.return_no AS returnNo, r.return_date AS date, r.period,
              o.order_no AS orderNo, o.order_date AS orderDate, o.period AS orderPeriod,
              m.code AS memberCode, m.name AS memberName, p.sku, p.name AS productName, r.qty,
              r.qty * l.unit_price AS amount, r.qty * l.pv AS pv, r.qty * l.bv AS bv, r.clawback
       ${from} ${whereSql} ORDER BY ${orderBy.join(', ')} LIMIT ? OFFSET ?`,
    )
    .all(...params, q.limit, q.offset) as RawReturnRow[];
  return { rows: rows.map((r) => ({ ...r, clawback: r.clawback === 1 })), total };
}

// ---------------------------------------------------------------------------------------------
// Writing one return (the return dialog); returns-import.ts applies the same rules in bulk

export interface NewReturn {
  returnNo?: string | undefined;
  orderNo: string;
  date: string;
  lines: { sku: string; qty: number }[];
}

/** `SKU X: cannot return 3, only 2 not yet returned (bought 5, returned 3)` */
export function tooManyMessage(sku: string, qty: number, bought: number, returned: number): string {
  return `${sku}: cannot return ${qty}, only ${bought - returned} not yet returned (bought ${bought}, returned ${returned})`;
}

/** Free number `RT-YYYYMM-NNNNNNN`. */
function nextReturnNo(db: Db, period: string): string {
  let n =
    ((db.sqlite.prepare('SELECT max(id) FROM returns').pluck().get() as number | null) ?? 0) + 1;
  for (;;) {
    const no = `RT-${period.replace('-', '')}-${String(n).padStart(7, '0')}`;
    if (!returnNoExists(db, no)) return no;
    n++;
  }
}

/**
 * Validate and record a (partial or full) return of an order; the caller owns the transaction.
 * A return of an order whose period is closed is recorded with clawback = 1.
 */
export function createReturn(db: Db, r: NewReturn, actor: string): ReturnDoc {
  const order = db.sqlite
    .prepare(
      'SELECT id, order_no AS orderNo, order_date AS date, period FROM orders WHERE order_no = ?',
    )
    .get(r.orderNo) as { id: number; orderNo: string; date: string; period: string } | undefined;
  if (!order) throw new AppError('NOT_FOUND', `orderNo: order ${r.orderNo} not found`);
  const period = r.date.slice(0, 7);
  const closed = new Set(
    db.sqlite
      .prepare(`SELECT period FROM periods WHERE status = 'closed'`)
      .pluck()
      .all() as string[],
  );
  if (closed.has(period)) {
    throw new AppError(
      'PERIOD_CLOSED',
      `period ${period} is closed: a return dated ${r.date} cannot be recorded`,
    );
  }
  if (r.date < order.date) {
    throw new AppError(
      'VALIDATION',
      `date: a return cannot be dated before its order (${order.orderNo} is dated ${order.date})`,
    );
  }
  const lines = returnableLines(db, order.id);
  const problems: string[] = [];
  const seen = new Set<string>();
  const parts: { line: ReturnableLine; qty: number }[] = [];
  r.lines.forEach((l, i) => {
    if (seen.has(l.sku)) {
      problems.push(`lines.${i}.sku: ${l.sku} appears twice; give one line per product`);
      return;
    }
    seen.add(l.sku);
    if (!lines.some((x) => x.sku === l.sku)) {
      problems.push(`lines.${i}.sku: order ${order.orderNo} has no line for ${l.sku}`);
      return;
    }
    const a = allocateReturn(lines, l.sku, l.qty);
    if (!a.ok)
      problems.push(`lines.${i}.qty: ${tooManyMessage(l.sku, l.qty, a.bought, a.returned)}`);
    else parts.push(...a.parts);
  });
  if (problems.length) throw new AppError('VALIDATION', problems.join('; '));
  const returnNo = r.returnNo ?? nextReturnNo(db, period);
  if (returnNoExists(db, returnNo)) {
    throw new AppError('CONFLICT', `returnNo: return ${returnNo} already exists`);
  }
  const clawback = closed.has(order.period);
  for (const p of parts) {
    insertReturn(db, {
      returnNo,
      orderId: order.id,
      orderLineId: p.line.lineId,
      date: r.date,
      qty: p.qty,
      clawback,
    });
  }
  writeAudit(db, {
    actor,
    action: 'return.create',
    entity: 'return',
    entityId: returnNo,
    after: {
      returnNo,
      orderNo: order.orderNo,
      date: r.date,
      clawback,
      lines: parts.map((p) => ({ sku: p.line.sku, orderLineId: p.line.lineId, qty: p.qty })),
    },
  });
  const rows = listReturns(db, {
    offset: 0,
    limit: 1000,
    sort: [{ colId: 'returnNo', sort: 'asc' }],
    filter: { returnNo },
  }).rows;
  return { returnNo, orderNo: order.orderNo, date: r.date, period, clawback, lines: rows };
}
