import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { verifyAudit } from '../../src/main/db/repositories/audit.repo';
import { ctxFor, eachTestDb, type TempDb } from '../helpers/db';
import { buildExample, closePeriod, fails, ok, seedExample } from './orders.fixture';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

describe('orders:create', () => {
  beforeEach(() => {
    seedExample(db);
  });

  it('prices by buyer kind, snapshots product values, totals, audit', async () => {
    // Distributor D2: member prices. 2×A 100.000 + 1×B 50.000 = 250.000; PV 2×20+10 = 50.
    const o = await ok(db, 'orders:create', {
      member: 'D2',
      date: '2026-10-05',
      lines: [
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 1 },
      ],
    });
    expect(o).toMatchObject({
      orderNo: 'SO-202610-0000001',
      date: '2026-10-05',
      period: '2026-10',
      periodClosed: false,
      member: { code: 'D2', kind: 'distributor' },
      totals: { qty: 3, amount: 250_000, pv: 50, bv: 150_000, returnedQty: 0, returnedAmount: 0 },
      returns: [],
    });
    expect(o.lines.map((l) => [l.sku, l.qty, l.unitPrice, l.memberPrice])).toEqual([
      ['A', 2, 100_000, 100_000],
      ['B', 1, 50_000, 50_000],
    ]);
    // Customer C1: retail prices (3×130.000); an explicit price wins.
    const c = await ok(db, 'orders:create', {
      orderNo: 'WEB-77',
      member: 'C1',
      date: '2026-10-06',
      lines: [
        { sku: 'A', qty: 3 },
        { sku: 'B', qty: 1, unitPrice: 65_000 },
      ],
    });
    expect(c.lines.map((l) => l.unitPrice)).toEqual([130_000, 65_000]);
    expect(c.totals.amount).toBe(455_000);
    const audit = db.sqlite
      .prepare(`SELECT action, entity_id AS id, actor FROM audit_log ORDER BY id`)
      .all();
    expect(audit).toEqual([
      { action: 'order.create', id: 'SO-202610-0000001', actor: 'tester' },
      { action: 'order.create', id: 'WEB-77', actor: 'tester' },
    ]);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('refuses with clear messages, writing nothing', async () => {
    const base = { member: 'D2', date: '2026-10-05', lines: [{ sku: 'A', qty: 1 }] };
    expect(await fails(db, 'orders:create', { ...base, member: 'NOPE' })).toEqual({
      code: 'VALIDATION',
      message: 'member: unknown member NOPE',
      details: undefined,
    });
    const bad = await fails(db, 'orders:create', {
      ...base,
      lines: [
        { sku: 'A', qty: 1 },
        { sku: 'Z', qty: 1 },
        { sku: 'A', qty: 2 },
      ],
    });
    expect(bad.message).toBe(
      'lines.1.sku: unknown product Z; lines.2.sku: A is already on line 1; change its quantity',
    );
    db.sqlite.prepare(`UPDATE products SET active = 0 WHERE sku = 'B'`).run();
    expect(
      (await fails(db, 'orders:create', { ...base, lines: [{ sku: 'B', qty: 1 }] })).message,
    ).toBe('lines.0.sku: product B is inactive');
    expect((await fails(db, 'orders:create', { ...base, date: '2026-02-30' })).message).toMatch(
      /^date: not a calendar date/,
    );
    expect((await fails(db, 'orders:create', { ...base, lines: [] })).message).toMatch(/^lines: /);
    expect(
      (await fails(db, 'orders:create', { ...base, lines: [{ sku: 'A', qty: 0 }] })).message,
    ).toMatch(/^lines\.0\.qty: /);
    await ok(db, 'orders:create', { ...base, orderNo: 'X1' });
    expect(await fails(db, 'orders:create', { ...base, orderNo: 'X1' })).toMatchObject({
      code: 'CONFLICT',
      message: 'orderNo: order X1 already exists',
    });
    const viewer = await dispatch('orders:create', base, ctxFor(db, 'viewer'));
    expect(viewer.ok ? null : viewer.error.code).toBe('FORBIDDEN');
    expect(db.sqlite.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(1);
  });

  it('refuses an order dated in a closed period: PERIOD_CLOSED naming the period', async () => {
    closePeriod(db, '2026-09');
    const e = await fails(db, 'orders:create', {
      member: 'D2',
      date: '2026-09-30',
      lines: [{ sku: 'A', qty: 1 }],
    });
    expect(e).toMatchObject({
      code: 'PERIOD_CLOSED',
      message: 'period 2026-09 is closed: an order dated 2026-09-30 cannot be entered',
    });
  });
});

describe('orders:list and orders:get', () => {
  it('pages with filters by period, member and SKU; newest first by default', async () => {
    await buildExample(db);
    const all = await ok(db, 'orders:list', { limit: 3 });
    expect(all.total).toBe(9);
    expect(all.rows.map((r) => r.orderNo)).toEqual(['O8', 'O7', 'O6']);
    const next = await ok(db, 'orders:list', { offset: 3, limit: 3 });
    expect(next.rows.map((r) => r.orderNo)).toEqual(['O5', 'O4', 'O3']);
    const oct = await ok(db, 'orders:list', { filter: { period: '2026-10' }, limit: 100 });
    expect(oct.total).toBe(8);
    const d2 = await ok(db, 'orders:list', { filter: { member: 'D2' } });
    expect(d2.rows.map((r) => r.orderNo)).toEqual(['O1', 'O0']);
    const b = await ok(db, 'orders:list', {
      filter: { sku: 'B', period: '2026-10' },
      sort: [{ colId: 'orderNo', sort: 'asc' }],
    });
    expect(b.rows.map((r) => r.orderNo)).toEqual(['O3', 'O4', 'O6', 'O8']);
    const byMember = await ok(db, 'orders:list', {
      sort: [{ colId: 'memberCode', sort: 'asc' }],
      limit: 2,
    });
    expect(byMember.rows.map((r) => r.memberCode)).toEqual(['C1', 'C2']);
    expect((await ok(db, 'orders:list', { search: 'O1' })).rows.map((r) => r.orderNo)).toEqual([
      'O1',
    ]);
    expect((await ok(db, 'orders:list', { filter: { member: 'NOPE' } })).total).toBe(0);
    // Aggregates per row; O1: 3×A bought, 1 returned. O0's period is closed.
    const o1 = (await ok(db, 'orders:list', { search: 'O1' })).rows[0]!;
    expect(o1).toMatchObject({
      memberCode: 'D2',
      memberName: 'Nama D2',
      memberKind: 'distributor',
      lineCount: 1,
      qty: 3,
      amount: 300_000,
      pv: 60,
      bv: 180_000,
      returnedQty: 1,
      periodClosed: false,
    });
    expect((await ok(db, 'orders:list', { search: 'O0' })).rows[0]!.periodClosed).toBe(true);
  });

  it('orders:get shows lines with what was returned, and the returns', async () => {
    await buildExample(db);
    const o = await ok(db, 'orders:get', { orderNo: 'O0' });
    expect(o.periodClosed).toBe(true);
    expect(o.lines).toEqual([
      {
        id: 1,
        sku: 'A',
        productName: 'Produk A',
        qty: 1,
        returnedQty: 1,
        unitPrice: 100_000,
        memberPrice: 100_000,
        pv: 20,
        bv: 60_000,
      },
    ]);
    expect(o.totals).toMatchObject({ returnedQty: 1, returnedAmount: 100_000 });
    expect(o.returns).toHaveLength(1);
    expect(o.returns[0]).toMatchObject({ returnNo: 'R3', period: '2026-10', clawback: true });
    expect((await fails(db, 'orders:get', { orderNo: 'NOPE' })).code).toBe('NOT_FOUND');
  });
});
