import { describe, expect, it } from 'vitest';
import { eachTestDb, type TempDb } from '../helpers/db';
import { buildExample, closePeriod, createOrder, fails, ok, seedExample } from './orders.fixture';

let db: TempDb;
eachTestDb((d) => {
  db = d;
  seedExample(db);
});

async function order(orderNo: string, date: string, qtyA = 5, qtyB = 2): Promise<void> {
  await createOrder(db, orderNo, 'D2', date, [
    { sku: 'A', qty: qtyA },
    { sku: 'B', qty: qtyB },
  ]);
}

describe('returns:create', () => {
  it('partial, then the rest; never more than bought and not yet returned', async () => {
    await order('SO-1', '2026-10-01');
    const r1 = await ok(db, 'returns:create', {
      orderNo: 'SO-1',
      date: '2026-10-03',
      lines: [{ sku: 'A', qty: 2 }],
    });
    expect(r1).toMatchObject({
      returnNo: 'RT-202610-0000001',
      orderNo: 'SO-1',
      period: '2026-10',
      clawback: false,
    });
    // 2 × 100.000 paid, 2 × 20 PV
    expect(r1.lines).toEqual([
      expect.objectContaining({
        sku: 'A',
        qty: 2,
        amount: 200_000,
        pv: 40,
        bv: 120_000,
        clawback: false,
      }),
    ]);
    const tooMany = await fails(db, 'returns:create', {
      orderNo: 'SO-1',
      date: '2026-10-04',
      lines: [
        { sku: 'A', qty: 4 },
        { sku: 'B', qty: 1 },
      ],
    });
    expect(tooMany).toMatchObject({
      code: 'VALIDATION',
      message: 'lines.0.qty: A: cannot return 4, only 3 not yet returned (bought 5, returned 2)',
    });
    // Nothing of the refused return was written (B was fine on its own).
    expect(db.sqlite.prepare('SELECT count(*) FROM returns').pluck().get()).toBe(1);
    // Full return of the rest.
    const r2 = await ok(db, 'returns:create', {
      returnNo: 'RET-2',
      orderNo: 'SO-1',
      date: '2026-10-04',
      lines: [
        { sku: 'A', qty: 3 },
        { sku: 'B', qty: 2 },
      ],
    });
    expect(r2.lines.map((l) => [l.sku, l.qty])).toEqual([
      ['A', 3],
      ['B', 2],
    ]);
    const o = await ok(db, 'orders:get', { orderNo: 'SO-1' });
    expect(o.lines.map((l) => l.returnedQty)).toEqual([5, 2]);
    expect(
      (
        await fails(db, 'returns:create', {
          orderNo: 'SO-1',
          date: '2026-10-05',
          lines: [{ sku: 'B', qty: 1 }],
        })
      ).message,
    ).toBe('lines.0.qty: B: cannot return 1, only 0 not yet returned (bought 2, returned 2)');
    const audit = db.sqlite
      .prepare(`SELECT action FROM audit_log WHERE entity = 'return'`)
      .pluck()
      .all();
    expect(audit).toEqual(['return.create', 'return.create']);
  });

  it('the database refuses an over-return even when main is bypassed', async () => {
    await order('SO-1', '2026-10-01', 1, 1);
    expect(() =>
      db.sqlite
        .prepare(
          `INSERT INTO returns (return_no, order_id, order_line_id, return_date, qty, clawback)
           VALUES ('X', 1, 1, '2026-10-02', 2, 0)`,
        )
        .run(),
    ).toThrow(/return exceeds the quantity not yet returned/);
  });

  it('other refusals: unknown order/SKU, before the order date, duplicate number, closed return period', async () => {
    await order('SO-1', '2026-10-10');
    const base = { orderNo: 'SO-1', date: '2026-10-12', lines: [{ sku: 'A', qty: 1 }] };
    expect(await fails(db, 'returns:create', { ...base, orderNo: 'NOPE' })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'orderNo: order NOPE not found',
    });
    expect(
      (await fails(db, 'returns:create', { ...base, lines: [{ sku: 'Z', qty: 1 }] })).message,
    ).toBe('lines.0.sku: order SO-1 has no line for Z');
    expect((await fails(db, 'returns:create', { ...base, date: '2026-10-09' })).message).toBe(
      'date: a return cannot be dated before its order (SO-1 is dated 2026-10-10)',
    );
    await ok(db, 'returns:create', { ...base, returnNo: 'R-1' });
    expect(await fails(db, 'returns:create', { ...base, returnNo: 'R-1' })).toMatchObject({
      code: 'CONFLICT',
    });
    closePeriod(db, '2026-10');
    expect(await fails(db, 'returns:create', base)).toMatchObject({
      code: 'PERIOD_CLOSED',
      message: 'period 2026-10 is closed: a return dated 2026-10-12 cannot be recorded',
    });
  });

  it("a return of a closed period's order is a clawback, shown as such", async () => {
    await order('SO-9', '2026-09-20');
    closePeriod(db, '2026-09');
    const r = await ok(db, 'returns:create', {
      orderNo: 'SO-9',
      date: '2026-10-02',
      lines: [{ sku: 'B', qty: 1 }],
    });
    expect(r.clawback).toBe(true);
    expect(r.lines[0]).toMatchObject({ orderPeriod: '2026-09', period: '2026-10', clawback: true });
    const listed = await ok(db, 'returns:list', { filter: { clawback: true } });
    expect(listed.rows.map((x) => x.returnNo)).toEqual([r.returnNo]);
    // The trigger checks the flag: a clawback return recorded as a plain one is refused.
    expect(() =>
      db.sqlite
        .prepare(
          `INSERT INTO returns (return_no, order_id, order_line_id, return_date, qty, clawback)
           VALUES ('Y', 1, 1, '2026-10-03', 1, 0)`,
        )
        .run(),
    ).toThrow(/clawback must say whether/);
  });
});

describe('returns:list', () => {
  it('filters by the return period, member, order and clawback', async () => {
    await buildExample(db);
    const all = await ok(db, 'returns:list', { sort: [{ colId: 'returnNo', sort: 'asc' }] });
    expect(all.rows.map((r) => [r.returnNo, r.orderNo, r.period, r.clawback])).toEqual([
      ['R1', 'O1', '2026-10', false],
      ['R2', 'O3', '2026-11', false],
      ['R3', 'O0', '2026-10', true],
    ]);
    expect(
      (await ok(db, 'returns:list', { filter: { period: '2026-11' } })).rows[0]!.returnNo,
    ).toBe('R2');
    expect((await ok(db, 'returns:list', { filter: { member: 'C2' } })).rows[0]!.returnNo).toBe(
      'R2',
    );
    expect((await ok(db, 'returns:list', { filter: { orderNo: 'O1' } })).total).toBe(1);
    expect((await ok(db, 'returns:list', { filter: { clawback: false } })).total).toBe(2);
  });
});
