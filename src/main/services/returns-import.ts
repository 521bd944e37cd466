import type { Db } from '../db/client';
import { toAppError } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repo';
import { closedPeriods, stmt } from '../db/repositories/orders.repo';
import {
  INSERT_RETURN_SQL,
  RETURNABLE_LINES_SQL,
  allocateReturn,
  tooManyMessage,
  type ReturnableLine,
} from '../db/repositories/returns.repo';
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

export const RETURN_COLUMNS = {
  required: ['return_no', 'order_no', 'date', 'sku', 'qty'],
  optional: [],
} as const;

const PROGRESS_EVERY = 5_000;

interface OrderInfo {
  id: number;
  date: string;
  period: string;
  lines: ReturnableLine[];
}

interface ParsedReturn {
  returnNo: string;
  line: number;
  orderNo: string;
  date: string;
  order: OrderInfo;
  skus: Map<string, number>;
  parts: { row: TabularRow; lineId: number; qty: number }[];
}

/**
 * returns.csv / .xlsx: `return_no, order_no, date, sku, qty`. Rows with the same return_no form
 * one return (same order and date). qty ≤ quantity not yet returned, counting earlier returns
 * and earlier rows of the file. A return of an order whose period is closed is recorded with
 * clawback = 1 (charged in the return's period); the return's own period must be open.
 */
export async function importReturns(
  db: Db,
  input: ImportInput,
  ctx: ImportContext,
): Promise<ImportResult> {
  const table = await readImportTable(input);
  const headerErrors = checkColumns(table, RETURN_COLUMNS);
  if (headerErrors.length) throw tabularErrors(headerErrors);
  const total = table.rows.length;

  return importTransaction(db, input.dryRun, () => {
    const r = new CellReader(table);
    const closed = closedPeriods(db);
    const orderStmt = stmt(
      db,
      'SELECT id, order_date AS date, period FROM orders WHERE order_no = ?',
    );
    const linesStmt = stmt(db, RETURNABLE_LINES_SQL);
    const orders = new Map<string, OrderInfo | null>();
    const orderOf = (orderNo: string): OrderInfo | null => {
      let o = orders.get(orderNo);
      if (o === undefined) {
        const h = orderStmt.get(orderNo) as Omit<OrderInfo, 'lines'> | undefined;
        o = h ? { ...h, lines: linesStmt.all(h.id) as ReturnableLine[] } : null;
        orders.set(orderNo, o);
      }
      return o;
    };
    const returnExists = stmt(db, 'SELECT 1 FROM returns WHERE return_no = ? LIMIT 1');
    const returns = new Map<string, ParsedReturn | null>();

    table.rows.forEach((row, i) => {
      if ((i + 1) % PROGRESS_EVERY === 0)
        ctx.onProgress?.({ stage: 'validate', done: i + 1, total });
      const returnNo = r.matching(
        row,
        'return_no',
        DOC_NO_RE,
        'return number (1–64 letters, digits, . _ / -)',
      );
      const orderNo = r.text(row, 'order_no', 64);
      const order = orderNo === undefined ? undefined : orderOf(orderNo);
      if (orderNo !== undefined && order === null)
        r.error(row, 'order_no', `unknown order ${orderNo}`);
      const date = r.date(row, 'date');
      const sku = r.text(row, 'sku', 64);
      const qty = r.int(row, 'qty', 1, undefined, 1_000_000);
      if (returnNo === undefined) return;

      let ret = returns.get(returnNo);
      if (ret === undefined) {
        if (returnExists.get(returnNo) !== undefined) {
          r.error(row, 'return_no', `return ${returnNo} already exists`);
          returns.set(returnNo, null);
          return;
        }
        if (date !== undefined && closed.has(date.slice(0, 7))) {
          r.error(row, 'date', `period ${date.slice(0, 7)} is closed`);
        }
        if (date !== undefined && order && date < order.date) {
          r.error(
            row,
            'date',
            `a return cannot be dated before its order (${orderNo} is dated ${order.date})`,
          );
        }
        if (!order || date === undefined) {
          returns.set(returnNo, null);
          return;
        }
        ret = {
          returnNo,
          line: row.line,
          orderNo: orderNo!,
          date,
          order,
          skus: new Map(),
          parts: [],
        };
        returns.set(returnNo, ret);
      } else if (ret === null) {
        return;
      } else {
        if (orderNo !== undefined && orderNo !== ret.orderNo) {
          r.error(
            row,
            'order_no',
            `return ${returnNo} is of order ${ret.orderNo} on line ${ret.line}, not ${orderNo}`,
          );
          return;
        }
        if (date !== undefined && date !== ret.date) {
          r.error(
            row,
            'date',
            `return ${returnNo} is dated ${ret.date} on line ${ret.line}, not ${date}`,
          );
        }
      }
      if (sku === undefined || qty === undefined) return;
      const dup = ret.skus.get(sku);
      if (dup !== undefined) {
        r.error(
          row,
          'sku',
          `duplicate line: ${sku} is already in return ${returnNo} on line ${dup}`,
        );
        return;
      }
      ret.skus.set(sku, row.line);
      if (!ret.order.lines.some((l) => l.sku === sku)) {
        r.error(row, 'sku', `order ${ret.orderNo} has no line for ${sku}`);
        return;
      }
      const a = allocateReturn(ret.order.lines, sku, qty);
      if (!a.ok) {
        r.error(row, 'qty', tooManyMessage(sku, qty, a.bought, a.returned));
        return;
      }
      for (const p of a.parts) ret.parts.push({ row, lineId: p.line.lineId, qty: p.qty });
    });
    if (r.errors.length) throw tabularErrors(r.errors);

    const ins = stmt(db, INSERT_RETURN_SQL);
    let created = 0;
    let lines = 0;
    let clawbacks = 0;
    for (const ret of returns.values()) {
      if (!ret) continue;
      const clawback = closed.has(ret.order.period) ? 1 : 0;
      for (const p of ret.parts) {
        try {
          ins.run(ret.returnNo, ret.order.id, p.lineId, ret.date, p.qty, clawback);
        } catch (e) {
          const err = toAppError(e);
          if (err instanceof AppError)
            throw tabularErrors([rowError(table, p.row, '', err.message)]);
          throw e;
        }
        lines++;
      }
      created++;
      clawbacks += clawback;
    }
    ctx.onProgress?.({ stage: 'write', done: total, total });
    writeAudit(db, {
      actor: ctx.actor,
      action: 'return.import',
      entity: 'return',
      entityId: null,
      after: { file: table.file, returns: created, lines, clawbacks },
    });
    return { file: table.file, dryRun: input.dryRun, rows: total, created, updated: 0, lines };
  });
}
