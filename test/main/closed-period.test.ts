import { describe, expect, it } from 'vitest';
import { toAppError } from '../../src/main/db/client';
import { AppError } from '../../src/shared/ipc/result';
import { eachTestDb, type TempDb } from '../helpers/db';
import {
  addMembers,
  addProducts,
  closePeriod,
  createOrder,
  createReturn,
  fails,
  writeFile,
} from './orders.fixture';

/**
 * A closed period is immutable whoever writes: the triggers of the core migration refuse any
 * INSERT/UPDATE/DELETE of its orders, lines, returns and adjustments, naming the period; through
 * the app the error is PERIOD_CLOSED.
 */
let db: TempDb;
eachTestDb(async (d) => {
  db = d;
  addProducts(db);
  addMembers(db, [{ code: 'D1' }, { code: 'D2', sponsor: 'D1' }]);
  await createOrder(db, 'SEP-1', 'D2', '2026-09-10', [{ sku: 'A', qty: 4 }]);
  await createReturn(db, 'SEP-R1', 'SEP-1', '2026-09-12', [{ sku: 'A', qty: 1 }]);
  db.sqlite
    .prepare(
      `INSERT INTO adjustments (member_id, period, amount, reason) VALUES (2, '2026-09', 5000, 'bonus susulan')`,
    )
    .run();
  closePeriod(db, '2026-09');
});

function sqlFails(sql: string): string {
  try {
    db.sqlite.prepare(sql).run();
  } catch (e) {
    const app = toAppError(e);
    expect(app).toBeInstanceOf(AppError);
    expect((app as AppError).code).toBe('PERIOD_CLOSED');
    return (e as Error).message;
  }
  throw new Error(`should have failed: ${sql}`);
}

describe('closed period: direct SQL is refused with a message naming the period', () => {
  it.each([
    ['UPDATE order', `UPDATE orders SET order_date = '2026-09-11' WHERE order_no = 'SEP-1'`],
    [
      'move an order out of the period',
      `UPDATE orders SET order_date = '2026-10-01' WHERE order_no = 'SEP-1'`,
    ],
    ['DELETE order', `DELETE FROM orders WHERE order_no = 'SEP-1'`],
    [
      'INSERT order',
      `INSERT INTO orders (order_no, member_id, order_date) VALUES ('SEP-2', 2, '2026-09-30')`,
    ],
    ['UPDATE line', `UPDATE order_lines SET qty = 1`],
    ['DELETE line', `DELETE FROM order_lines`],
    [
      'INSERT line',
      `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
       VALUES (1, 2, '2026-09', 1, 1, 1, 1, 1, 1)`,
    ],
    ['UPDATE return', `UPDATE returns SET qty = 2`],
    ['DELETE return', `DELETE FROM returns`],
    [
      'INSERT return',
      `INSERT INTO returns (return_no, order_id, order_line_id, return_date, qty, clawback)
       VALUES ('SEP-R2', 1, 1, '2026-09-20', 1, 1)`,
    ],
    ['UPDATE adjustment', `UPDATE adjustments SET amount = 1`],
    ['DELETE adjustment', `DELETE FROM adjustments`],
    [
      'INSERT adjustment',
      `INSERT INTO adjustments (member_id, period, amount, reason) VALUES (2, '2026-09', 1, 'x')`,
    ],
  ])('%s', (_name, sql) => {
    expect(sqlFails(sql)).toBe('PERIOD_CLOSED: period 2026-09 is closed');
  });

  it('moving an open-period row into the closed period is refused, naming the closed one', async () => {
    await createOrder(db, 'OCT-1', 'D2', '2026-10-01', [{ sku: 'A', qty: 2 }]);
    await createReturn(db, 'OCT-R1', 'OCT-1', '2026-10-05', [{ sku: 'A', qty: 1 }]);
    db.sqlite
      .prepare(
        `INSERT INTO adjustments (member_id, period, amount, reason) VALUES (2, '2026-10', 1, 'x')`,
      )
      .run();
    for (const sql of [
      `UPDATE orders SET order_date = '2026-09-30' WHERE order_no = 'OCT-1'`,
      `UPDATE order_lines SET period = '2026-09' WHERE period = '2026-10'`,
      `UPDATE returns SET return_date = '2026-09-30' WHERE return_no = 'OCT-R1'`,
      `UPDATE adjustments SET period = '2026-09' WHERE period = '2026-10'`,
    ]) {
      expect(sqlFails(sql), sql).toBe('PERIOD_CLOSED: period 2026-09 is closed');
    }
  });

  it('after reopening (status open), the period accepts writes again', () => {
    db.sqlite.prepare(`UPDATE periods SET status = 'open' WHERE period = '2026-09'`).run();
    db.sqlite.prepare(`UPDATE adjustments SET amount = 7000`).run();
    expect(db.sqlite.prepare('SELECT amount FROM adjustments').pluck().get()).toBe(7000);
  });
});

describe('closed period through the app: PERIOD_CLOSED naming the period', () => {
  it('orders:create, returns:create and imports', async () => {
    expect(
      await fails(db, 'orders:create', {
        member: 'D2',
        date: '2026-09-30',
        lines: [{ sku: 'A', qty: 1 }],
      }),
    ).toMatchObject({ code: 'PERIOD_CLOSED', message: expect.stringContaining('period 2026-09') });
    expect(
      await fails(db, 'returns:create', {
        orderNo: 'SEP-1',
        date: '2026-09-30',
        lines: [{ sku: 'A', qty: 1 }],
      }),
    ).toMatchObject({ code: 'PERIOD_CLOSED', message: expect.stringContaining('period 2026-09') });
    const orders = writeFile(
      db.dir,
      'orders.csv',
      'order_no,member,date,sku,qty\nN-1,D2,2026-09-30,A,1\n',
    );
    expect((await fails(db, 'orders:import', { path: orders })).message).toBe(
      'orders.csv:2: date: period 2026-09 is closed',
    );
    const returns = writeFile(
      db.dir,
      'returns.csv',
      'return_no,order_no,date,sku,qty\nRR-1,SEP-1,2026-09-30,A,1\n',
    );
    expect((await fails(db, 'returns:import', { path: returns })).message).toBe(
      'returns.csv:2: date: period 2026-09 is closed',
    );
  });
});
