import type Database from 'better-sqlite3';
import type { Db } from '../client';
import type { OrderDetail, OrderRow, ReturnRow } from '../../../shared/ipc/orders.contract';
import { AppError } from '../../../shared/ipc/result';
import { writeAudit } from './audit.repo';
import { gridOrderBy, Where, type PageQuery } from './page-query';
import { listReturns } from './returns.repo';

/**
 * Orders and their lines. Lines copy price/PV/BV from the product at order time and the order's
 * member/period (denormalised so the close reads one table in one scan). Writes use prepared
 * statements cached per connection: an import inserts 100k lines through them.
 */

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection. */
export function stmt(db: Db, sqlText: string): Database.Statement {
  let m = cache.get(db.sqlite);
  if (!m) cache.set(db.sqlite, (m = new Map()));
  let s = m.get(sqlText);
  if (!s) m.set(sqlText, (s = db.sqlite.prepare(sqlText)));
  return s;
}

export interface OrderHeader {
  id: number;
  orderNo: string;
  memberId: number;
  date: string;
  period: string;
}

export function getOrderHeader(db: Db, orderNo: string): OrderHeader | undefined {
  return stmt(
    db,
    `SELECT id, order_no AS orderNo, member_id AS memberId, order_date AS date, period
     FROM orders WHERE order_no = ?`,
  ).get(orderNo) as OrderHeader | undefined;
}

export function orderNoExists(db: Db, orderNo: string): boolean {
  return stmt(db, 'SELECT 1 FROM orders WHERE order_no = ?').get(orderNo) !== undefined;
}

export function insertOrder(
  db: Db,
  o: { orderNo: string; memberId: number; date: string },
): number {
  return Number(
    stmt(db, 'INSERT INTO orders (order_no, member_id, order_date) VALUES (?, ?, ?)').run(
      o.orderNo,
      o.memberId,
      o.date,
    ).lastInsertRowid,
  );
}

export interface LineValues {
  orderId: number;
  memberId: number;
  period: string;
  productId: number;
  qty: number;
  unitPrice: number;
  memberPrice: number;
  pv: number;
  bv: number;
}

export function insertOrderLine(db: Db, l: LineValues): number {
  return Number(
    stmt(
      db,
      `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      l.orderId,
      l.memberId,
      l.period,
      l.productId,
      l.qty,
      l.unitPrice,
      l.memberPrice,
      l.pv,
      l.bv,
    ).lastInsertRowid,
  );
}

/**
 * A free document number `PREFIX-YYYYMM-NNNNNNN` (next after the highest id of the table; a
 * taken number — e.g. imported — moves on to the next).
 */
export function nextDocNo(db: Db, kind: 'orders' | 'returns', period: string): string {
  const prefix = kind === 'orders' ? 'SO' : 'RT';
  const col = kind === 'orders' ? 'order_no' : 'return_no';
  let n =
    ((db.sqlite.prepare(`SELECT max(id) FROM ${kind}`).pluck().get() as number | null) ?? 0) + 1;
  const exists = db.sqlite.prepare(`SELECT 1 FROM ${kind} WHERE ${col} = ?`);
  for (;;) {
    const no = `${prefix}-${period.replace('-', '')}-${String(n).padStart(7, '0')}`;
    if (exists.get(no) === undefined) return no;
    n++;
  }
}

export function closedPeriods(db: Db): Set<string> {
  return new Set(
    db.sqlite
      .prepare(`SELECT period FROM periods WHERE status = 'closed'`)
      .pluck()
      .all() as string[],
  );
}

// ---------------------------------------------------------------------------------------------
// Reading

export type OrderPageQuery = PageQuery<{
  period?: string | undefined;
  member?: string | undefined;
  sku?: string | undefined;
}>;

const ORDER_SORT: Record<string, string> = {
  orderNo: 'o.order_no',
  date: 'o.order_date',
  period: 'o.period',
  memberCode: 'm.code',
  memberName: 'm.name',
};

/** Orders page (infinite grid): ids first through indexes, then aggregates for that page only. */
export function listOrders(db: Db, q: OrderPageQuery): { rows: OrderRow[]; total: number } {
  const where = new Where();
  if (q.filter.period) where.add('o.period = ?', q.filter.period);
  if (q.filter.member) {
    where.add('o.member_id = (SELECT id FROM members WHERE code = ?)', q.filter.member);
  }
  if (q.filter.sku) {
    where.add(
      `EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id
               AND l.product_id = (SELECT id FROM products WHERE sku = ?))`,
      q.filter.sku,
    );
  }
  where.prefix('o.order_no', q.search);
  const params = where.params;
  const whereSql = where.sql;
  const total = db.sqlite
    .prepare(`SELECT count(*) FROM orders o ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const orderBy = gridOrderBy(q.sort, ORDER_SORT, 'o.order_date DESC', 'o.id');
  const needsMember = orderBy.some((t) => t.startsWith('m.'));
  const ids = db.sqlite
    .prepare(
      `SELECT o.id FROM orders o ${needsMember ? 'JOIN members m ON m.id = o.member_id' : ''}
       ${whereSql} ORDER BY ${orderBy.join(', ')} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...params, q.limit, q.offset) as number[];
  return { rows: orderRowsByIds(db, ids), total };
}

type RawOrderRow = Omit<OrderRow, 'periodClosed'>;

export function orderRowsByIds(db: Db, ids: number[]): OrderRow[] {
  if (ids.length === 0) return [];
  const closed = closedPeriods(db);
  const rows = db.sqlite
    .prepare(
      `SELECT o.id, o.order_no AS orderNo, o.order_date AS date, o.period,
              m.code AS memberCode, m.name AS memberName, m.kind AS memberKind,
              count(l.id) AS lineCount, coalesce(sum(l.qty), 0) AS qty,
              coalesce(sum(l.qty * l.unit_price), 0) AS amount,
              coalesce(sum(l.qty * l.pv), 0) AS pv, coalesce(sum(l.qty * l.bv), 0) AS bv,
              coalesce(sum((SELECT sum(r.qty) FROM returns r WHERE r.order_line_id = l.id)), 0)
                AS returnedQty
       FROM orders o
       JOIN members m ON m.id = o.member_id
       LEFT JOIN order_lines l ON l.order_id = o.id
       WHERE o.id IN (${ids.map(() => '?').join(',')})
       GROUP BY o.id`,
    )
    .all(...ids) as RawOrderRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is RawOrderRow => r !== undefined)
    .map((r) => ({ ...r, periodClosed: closed.has(r.period) }));
}

export function getOrderDetail(db: Db, orderNo: string): OrderDetail | undefined {
  const h = db.sqlite
    .prepare(
      `SELECT o.id, o.order_no AS orderNo, o.order_date AS date, o.period,
              m.code, m.name, m.kind
       FROM orders o JOIN members m ON m.id = o.member_id WHERE o.order_no = ?`,
    )
    .get(orderNo) as
    | {
        id: number;
        orderNo: string;
        date: string;
        period: string;
        code: string;
        name: string;
        kind: 'distributor' | 'customer';
      }
    | undefined;
  if (!h) return undefined;
  const lines = db.sqlite
    .prepare(
      `SELECT l.id, p.sku, p.name AS productName, l.qty,
              coalesce((SELECT sum(r.qty) FROM returns r WHERE r.order_line_id = l.id), 0) AS returnedQty,
              l.unit_price AS unitPrice, l.member_price AS memberPrice, l.pv, l.bv
       FROM order_lines l JOIN products p ON p.id = l.product_id
       WHERE l.order_id = ? ORDER BY l.id`,
    )
    .all(h.id) as OrderDetail['lines'];
  const totals = { qty: 0, amount: 0, pv: 0, bv: 0, returnedQty: 0, returnedAmount: 0 };
  for (const l of lines) {
    totals.qty += l.qty;
    totals.amount += l.qty * l.unitPrice;
    totals.pv += l.qty * l.pv;
    totals.bv += l.qty * l.bv;
    totals.returnedQty += l.returnedQty;
    totals.returnedAmount += l.returnedQty * l.unitPrice;
  }
  const returns: ReturnRow[] = listReturns(db, {
    offset: 0,
    limit: 1000,
    sort: [],
    filter: { orderNo: h.orderNo },
  }).rows;
  return {
    id: h.id,
    orderNo: h.orderNo,
    date: h.date,
    period: h.period,
    periodClosed: closedPeriods(db).has(h.period),
    member: { code: h.code, name: h.name, kind: h.kind },
    lines,
    totals,
    returns,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing one order (the entry form); imports use the same rules in bulk (orders-import.ts)

/** The price a buyer pays by default: member price for a distributor, retail for a customer. */
export function defaultUnitPrice(
  kind: 'distributor' | 'customer',
  p: { memberPrice: number; retailPrice: number },
): number {
  return kind === 'distributor' ? p.memberPrice : p.retailPrice;
}

export function isClosed(db: Db, period: string): boolean {
  return (
    stmt(db, `SELECT 1 FROM periods WHERE period = ? AND status = 'closed'`).get(period) !==
    undefined
  );
}

type MemberForOrder = { id: number; code: string; kind: 'distributor' | 'customer' };

export function memberForOrder(db: Db, code: string): MemberForOrder | undefined {
  return stmt(db, 'SELECT id, code, kind FROM members WHERE code = ?').get(code) as
    MemberForOrder | undefined;
}

export interface ProductForOrder {
  id: number;
  sku: string;
  memberPrice: number;
  retailPrice: number;
  pv: number;
  bv: number;
  active: number;
}

export function productForOrder(db: Db, sku: string): ProductForOrder | undefined {
  return stmt(
    db,
    `SELECT id, sku, member_price AS memberPrice, retail_price AS retailPrice, pv, bv, active
     FROM products WHERE sku = ?`,
  ).get(sku) as ProductForOrder | undefined;
}

export interface NewOrder {
  orderNo?: string | undefined;
  member: string;
  date: string;
  lines: { sku: string; qty: number; unitPrice?: number | undefined }[];
}

/**
 * Validate and insert one order with its lines (the caller owns the transaction). Prices, PV and
 * BV are copied from the product now; later product changes never touch this order.
 */
export function createOrder(db: Db, o: NewOrder, actor: string): OrderDetail {
  const period = o.date.slice(0, 7);
  if (isClosed(db, period)) {
    throw new AppError(
      'PERIOD_CLOSED',
      `period ${period} is closed: an order dated ${o.date} cannot be entered`,
    );
  }
  const member = memberForOrder(db, o.member);
  if (!member) throw new AppError('VALIDATION', `member: unknown member ${o.member}`);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const lines = o.lines.map((l, i) => {
    const p = productForOrder(db, l.sku);
    const prev = seen.get(l.sku);
    if (prev !== undefined) {
      problems.push(`lines.${i}.sku: ${l.sku} is already on line ${prev + 1}; change its quantity`);
    }
    seen.set(l.sku, i);
    if (!p) problems.push(`lines.${i}.sku: unknown product ${l.sku}`);
    else if (p.active !== 1) problems.push(`lines.${i}.sku: product ${l.sku} is inactive`);
    return { ...l, p };
  });
  if (problems.length) throw new AppError('VALIDATION', problems.join('; '));
  const orderNo = o.orderNo ?? nextDocNo(db, 'orders', period);
  if (orderNoExists(db, orderNo)) {
    throw new AppError('CONFLICT', `orderNo: order ${orderNo} already exists`);
  }
  const orderId = insertOrder(db, { orderNo, memberId: member.id, date: o.date });
  const written = lines.map((l) => {
    const p = l.p!;
    const v: LineValues = {
      orderId,
      memberId: member.id,
      period,
      productId: p.id,
      qty: l.qty,
      unitPrice: l.unitPrice ?? defaultUnitPrice(member.kind, p),
      memberPrice: p.memberPrice,
      pv: p.pv,
      bv: p.bv,
    };
    insertOrderLine(db, v);
    return {
      sku: p.sku,
      qty: v.qty,
      unitPrice: v.unitPrice,
      memberPrice: v.memberPrice,
      pv: v.pv,
      bv: v.bv,
    };
  });
  writeAudit(db, {
    actor,
    action: 'order.create',
    entity: 'order',
    entityId: orderNo,
    after: { orderNo, member: member.code, date: o.date, lines: written },
  });
  return getOrderDetail(db, orderNo)!;
}
