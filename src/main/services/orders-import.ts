import type { Db } from '../db/client';
import { toAppError } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repo';
import { closedPeriods, defaultUnitPrice, stmt } from '../db/repositories/orders.repo';
import { DOC_NO_RE } from '../../shared/ipc/orders.contract';
import type { ImportInput, ImportResult } from '../../shared/ipc/products.contract';
import { AppError } from '../../shared/ipc/result';
import {
  CellReader,
  importTransaction,
  readImportTable,
  type ImportContext,
} from './products-import';
import { checkColumns, rowError, tabularErrors, type TabularRow } from './tabular';

export const ORDER_COLUMNS = {
  required: ['order_no', 'member', 'date', 'sku', 'qty'],
  optional: ['unit_price'],
} as const;

const PROGRESS_EVERY = 5_000;

interface ParsedOrder {
  orderNo: string;
  /** Line of the order's first row: where order-level problems are reported. */
  line: number;
  member: string;
  memberId: number;
  kind: 'distributor' | 'customer';
  date: string;
  lines: { row: TabularRow; product: Product; qty: number; unitPrice: number | undefined }[];
  /** SKU → line of its row in this order (one line per SKU: returns.csv names lines by SKU). */
  skus: Map<string, number>;
}

interface Product {
  id: number;
  memberPrice: number;
  retailPrice: number;
  pv: number;
  bv: number;
}

/**
 * orders.csv / .xlsx (interfaces.md): one row per order line; rows with the same order_no form
 * one order and must agree on member and date. Everything is validated first (every problem
 * reported as `FILE:LINE: column: message`), then written in one transaction with prepared
 * statements; nothing is written when anything is wrong, or on a dry run.
 */
export async function importOrders(
  db: Db,
  input: ImportInput,
  ctx: ImportContext,
): Promise<ImportResult> {
  const table = await readImportTable(input);
  const headerErrors = checkColumns(table, ORDER_COLUMNS);
  if (headerErrors.length) throw tabularErrors(headerErrors);
  const total = table.rows.length;

  return importTransaction(db, input.dryRun, () => {
    const r = new CellReader(table);
    const closed = closedPeriods(db);
    const products = new Map<string, Product>();
    for (const p of db.sqlite
      .prepare(
        `SELECT sku, id, member_price AS memberPrice, retail_price AS retailPrice, pv, bv FROM products`,
      )
      .all() as (Product & { sku: string })[]) {
      products.set(p.sku, p);
    }
    const memberStmt = stmt(db, 'SELECT id, kind FROM members WHERE code = ?');
    const members = new Map<string, { id: number; kind: 'distributor' | 'customer' } | null>();
    const memberOf = (code: string) => {
      let m = members.get(code);
      if (m === undefined) {
        m =
          (memberStmt.get(code) as { id: number; kind: 'distributor' | 'customer' } | undefined) ??
          null;
        members.set(code, m);
      }
      return m;
    };
    const orderExists = stmt(db, 'SELECT 1 FROM orders WHERE order_no = ?');
    const orders = new Map<string, ParsedOrder | null>();

    table.rows.forEach((row, i) => {
      if ((i + 1) % PROGRESS_EVERY === 0)
        ctx.onProgress?.({ stage: 'validate', done: i + 1, total });
      const orderNo = r.matching(
        row,
        'order_no',
        DOC_NO_RE,
        'order number (1–64 letters, digits, . _ / -)',
      );
      const memberCode = r.text(row, 'member', 64);
      const member = memberCode === undefined ? undefined : memberOf(memberCode);
      if (memberCode !== undefined && member === null) {
        r.error(row, 'member', `unknown member ${memberCode}`);
      }
      const date = r.date(row, 'date');
      const sku = r.text(row, 'sku', 64);
      const product = sku === undefined ? undefined : products.get(sku);
      if (sku !== undefined && !product) r.error(row, 'sku', `unknown product ${sku}`);
      const qty = r.int(row, 'qty', 1, undefined, 1_000_000);
      const unitPriceCell = row.values.unit_price ?? '';
      const unitPrice = unitPriceCell === '' ? undefined : r.int(row, 'unit_price', 0);
      if (orderNo === undefined) return;

      let order = orders.get(orderNo);
      if (order === undefined) {
        // First row of this order: order-level checks are reported here, once.
        if (orderExists.get(orderNo) !== undefined) {
          r.error(row, 'order_no', `order ${orderNo} already exists`);
          orders.set(orderNo, null);
          return;
        }
        if (date !== undefined && closed.has(date.slice(0, 7))) {
          r.error(row, 'date', `period ${date.slice(0, 7)} is closed`);
        }
        if (!member || date === undefined) {
          orders.set(orderNo, null);
          return;
        }
        order = {
          orderNo,
          line: row.line,
          member: memberCode!,
          memberId: member.id,
          kind: member.kind,
          date,
          lines: [],
          skus: new Map(),
        };
        orders.set(orderNo, order);
      } else if (order === null) {
        return;
      } else {
        if (memberCode !== undefined && memberCode !== order.member) {
          r.error(
            row,
            'member',
            `order ${orderNo} has member ${order.member} on line ${order.line}, not ${memberCode}`,
          );
        }
        if (date !== undefined && date !== order.date) {
          r.error(
            row,
            'date',
            `order ${orderNo} is dated ${order.date} on line ${order.line}, not ${date}`,
          );
        }
      }
      if (sku !== undefined) {
        const dup = order.skus.get(sku);
        if (dup !== undefined) {
          r.error(
            row,
            'sku',
            `duplicate line: ${sku} is already in order ${orderNo} on line ${dup}`,
          );
        } else {
          order.skus.set(sku, row.line);
        }
      }
      if (product && qty !== undefined && (unitPriceCell === '' || unitPrice !== undefined)) {
        order.lines.push({ row, product, qty, unitPrice });
      }
    });
    if (r.errors.length) throw tabularErrors(r.errors);

    const insOrder = stmt(
      db,
      'INSERT INTO orders (order_no, member_id, order_date) VALUES (?, ?, ?)',
    );
    const insLine = stmt(
      db,
      `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let created = 0;
    let lines = 0;
    let first: string | undefined;
    let last: string | undefined;
    for (const o of orders.values()) {
      if (!o) continue;
      const period = o.date.slice(0, 7);
      let at: TabularRow | undefined;
      try {
        const orderId = Number(insOrder.run(o.orderNo, o.memberId, o.date).lastInsertRowid);
        for (const l of o.lines) {
          at = l.row;
          const p = l.product;
          insLine.run(
            orderId,
            o.memberId,
            period,
            p.id,
            l.qty,
            l.unitPrice ?? defaultUnitPrice(o.kind, p),
            p.memberPrice,
            p.pv,
            p.bv,
          );
          lines++;
          if (lines % PROGRESS_EVERY === 0)
            ctx.onProgress?.({ stage: 'write', done: lines, total });
        }
      } catch (e) {
        // The checks above should make this unreachable; still name the row the database refused.
        const err = toAppError(e);
        if (err instanceof AppError) {
          throw tabularErrors([rowError(table, at ?? { line: o.line }, '', err.message)]);
        }
        throw e;
      }
      created++;
      first ??= o.orderNo;
      last = o.orderNo;
    }
    ctx.onProgress?.({ stage: 'write', done: total, total });
    writeAudit(db, {
      actor: ctx.actor,
      action: 'order.import',
      entity: 'order',
      entityId: null,
      after: { file: table.file, orders: created, lines, firstOrderNo: first, lastOrderNo: last },
    });
    return { file: table.file, dryRun: input.dryRun, rows: total, created, updated: 0, lines };
  });
}
