import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadSnapshot } from '../../src/main/close/snapshot';
import { computeRun } from '../../src/main/engine/engine';
import { KIND_CUSTOMER, KIND_DISTRIBUTOR, LEG_LEFT, LEG_NONE } from '../../src/main/engine/types';
import { generateDemo } from '../../src/main/services/demo';
import { computePeriodVolumes } from '../../src/main/services/volumes';
import { DEFAULT_PLAN } from '../../src/shared/plan';
import { tempDb, eachTestDb, type TempDb } from '../helpers/db';
import { addMembers, addProducts, buildExample, ok } from './orders.fixture';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

describe('loadSnapshot', () => {
  it('reads members into typed arrays by position, references as positions', () => {
    addMembers(db, [
      { code: 'R', bank: '123', nik: '3171234567890123' },
      { code: 'X', sponsor: 'R', placement: 'R', leg: 'L', join: '2026-10-03' },
      { code: 'K', kind: 'customer', sponsor: 'X', status: 'terminated' },
    ]);
    db.sqlite.prepare(`UPDATE members SET hold = 1, hold_reason = 'cek' WHERE code = 'X'`).run();
    const s = loadSnapshot(db, '2026-10');
    const m = s.members;
    expect(m.count).toBe(3);
    expect(m.code).toEqual(['R', 'X', 'K']);
    expect(Array.from(m.kind)).toEqual([KIND_DISTRIBUTOR, KIND_DISTRIBUTOR, KIND_CUSTOMER]);
    expect(Array.from(m.status)).toEqual([0, 0, 2]);
    expect(Array.from(m.sponsor)).toEqual([-1, 0, 1]);
    expect(Array.from(m.placement)).toEqual([-1, 0, -1]);
    expect(Array.from(m.leg)).toEqual([LEG_NONE, LEG_LEFT, LEG_NONE]);
    expect(Array.from(m.joinPeriod)).toEqual([202601, 202610, 202601]);
    expect(Array.from(m.hold)).toEqual([0, 1, 0]);
    expect(Array.from(m.hasBank)).toEqual([1, 0, 0]);
    expect(Array.from(m.hasTaxId)).toEqual([1, 0, 0]);
    expect(Array.from(s.memberId)).toEqual([1, 2, 3]);
    expect(s.positionById[2]).toBe(1);
    expect(s.lines.count).toBe(0);
  });

  it('reads members whose ids leave gaps and span several read ranges, codes aligned', () => {
    addMembers(db, [{ code: 'R' }]);
    const ins = db.sqlite.prepare(
      `INSERT INTO members (id, code, name, kind, sponsor_id, join_date) VALUES (?, ?, ?, ?, ?, '2026-01-01')`,
    );
    ins.run(199_999, 'A-1', 'a', 'distributor', 1);
    ins.run(200_000, 'B_2', 'b', 'customer', 199_999);
    ins.run(200_001, 'c3', 'c', 'distributor', 1);
    ins.run(650_000, 'D4', 'd', 'customer', 200_001);
    const s = loadSnapshot(db, '2026-10');
    expect(Array.from(s.memberId)).toEqual([1, 199_999, 200_000, 200_001, 650_000]);
    expect(s.members.code).toEqual(['R', 'A-1', 'B_2', 'c3', 'D4']);
    expect(Array.from(s.members.sponsor)).toEqual([-1, 0, 1, 0, 3]);
    expect(Array.from(s.members.kind)).toEqual([
      KIND_DISTRIBUTOR,
      KIND_DISTRIBUTOR,
      KIND_CUSTOMER,
      KIND_DISTRIBUTOR,
      KIND_CUSTOMER,
    ]);
    expect(s.positionById[650_000]).toBe(4);
    expect(s.positionById[3]).toBe(-1);
  });

  it('maps a sponsor that sits after its member in table order (after a move)', () => {
    addMembers(db, [{ code: 'A' }, { code: 'B', sponsor: 'A' }, { code: 'C', sponsor: 'A' }]);
    // Move B under C (a later row): B's sponsor position is 2.
    db.sqlite.prepare(`UPDATE members SET sponsor_id = 3 WHERE code = 'B'`).run();
    const s = loadSnapshot(db, '2026-10');
    expect(Array.from(s.members.sponsor)).toEqual([-1, 2, 0]);
  });

  it('worked example: lines of the period, net of returns recorded while it was open', async () => {
    await buildExample(db);
    const oct = loadSnapshot(db, '2026-10');
    const pos = (code: string) => oct.members.code.indexOf(code);
    const L = oct.lines;
    // Eight lines, one per order O1..O8; qty after netting:
    //   O1 3 − R1 1 = 2;  O3 1 − R2 1 = 0 (returned in November while October was open);
    //   R3 is a clawback of O0 (September, closed): it touches no October line.
    expect(oct.lineCount).toBe(8);
    // Listed: the lines that can earn a retail margin (unit price above member price) — the
    // customers' orders O2 (130.000 > 100.000), O3 (70.000 > 50.000), O4 (60.000 > 50.000).
    // O5 (C4, explicit 90.000 below the 100.000 member price) earns none.
    expect(L.count).toBe(3);
    expect(Array.from(L.qty)).toEqual([2, 0, 2]);
    expect(Array.from(L.buyer)).toEqual(['C1', 'C2', 'C3'].map(pos));
    expect(Array.from(L.unitPrice)).toEqual([130_000, 70_000, 60_000]);
    expect(Array.from(L.memberPrice)).toEqual([100_000, 50_000, 50_000]);
    expect(Array.from(L.pv)).toEqual([20, 10, 10]);
    // Lines are in order-id order (what the engine's fast paths like).
    const orders = Array.from(L.order);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    // Every other line counts through its buyer's sums (A: 20 PV / 60.000 BV, B: 10 / 30.000):
    //   D2 O1 2×A; C4 O5 1×A; D3 O6 5×B; D1 O7 1×A; D4 O8 1×B.
    const bought = (code: string) => [oct.bought!.pv[pos(code)], oct.bought!.bv[pos(code)]];
    expect(bought('D2')).toEqual([40, 120_000]);
    expect(bought('C4')).toEqual([20, 60_000]);
    expect(bought('D3')).toEqual([50, 150_000]);
    expect(bought('D1')).toEqual([20, 60_000]);
    expect(bought('D4')).toEqual([10, 30_000]);
    for (const c of ['C1', 'C2', 'C3']) expect(bought(c)).toEqual([0, 0]);

    // September is closed; the clawback return R3 does not net out of it.
    const sep = loadSnapshot(db, '2026-09');
    expect(sep.lineCount).toBe(1);
    expect(sep.lines.count).toBe(0); // O0: D2 1×A at member price
    expect(bought('D2')).toEqual([40, 120_000]);
    expect(sep.bought!.pv[pos('D2')]).toBe(20);
  });

  it('loads adjustments of the period; payout inputs the close fills stay 0', async () => {
    const ids = addMembers(db, [{ code: 'A' }, { code: 'B', sponsor: 'A' }]);
    const ins = db.sqlite.prepare(
      `INSERT INTO adjustments (member_id, period, amount, reason) VALUES (?, ?, ?, 'x')`,
    );
    ins.run(ids.get('B'), '2026-10', 25_000);
    ins.run(ids.get('B'), '2026-10', -5_000);
    ins.run(ids.get('A'), '2026-11', 99_000);
    const s = loadSnapshot(db, '2026-10');
    expect(Array.from(s.adjustments)).toEqual([0, 20_000]);
    expect(Array.from(s.clawbacks)).toEqual([0, 0]);
    expect(Array.from(s.carryIn)).toEqual([0, 0]);
    expect(Array.from(s.binaryCarryInL)).toEqual([0, 0]);
  });

  it('reads the same lines through the index and through a full scan', () => {
    addProducts(db);
    addMembers(db, [{ code: 'A' }]);
    const insO = db.sqlite.prepare(
      `INSERT INTO orders (order_no, member_id, order_date) VALUES (?, 1, ?)`,
    );
    const insL = db.sqlite.prepare(
      `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
       VALUES (?, 1, ?, 1, ?, ?, 1, 1, 1)`,
    );
    // 2026-10 is a small share of all lines (index path), 2026-11 a large one (scan path).
    // Odd lines are sold above member price (listed), even ones at it (summed).
    let n = 0;
    for (const [period, count] of [
      ['2026-10', 4],
      ['2026-11', 50],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const id = Number(insO.run(`N${++n}`, `${period}-01`).lastInsertRowid);
        insL.run(id, period, i + 1, i % 2 === 0 ? 2 : 1);
      }
    }
    const small = loadSnapshot(db, '2026-10');
    expect(Array.from(small.lines.qty)).toEqual([1, 3]);
    expect(small.bought!.pv[0]).toBe(2 + 4);
    const large = loadSnapshot(db, '2026-11');
    expect(large.lineCount).toBe(50);
    expect(large.lines.count).toBe(25);
    expect(large.lines.qty[24]).toBe(49);
    expect(large.bought!.pv[0]).toBe(25 * 26); // 2 + 4 + … + 50
  });

  it('sums volume per buyer from the covering index, with no sort step and no table rows', () => {
    const plan = (sql: string) =>
      (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2026-10') as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(
      plan(
        `SELECT member_id, sum(qty * pv), sum(qty * bv) FROM order_lines INDEXED BY order_lines_volume
         WHERE period = ? GROUP BY member_id`,
      ),
    ).toBe('SEARCH order_lines USING COVERING INDEX order_lines_volume (period=?)');
    const cols = 'id, order_id, member_id, qty, unit_price, member_price, pv, bv';
    expect(
      plan(
        `SELECT ${cols} FROM order_lines NOT INDEXED WHERE period = ? AND unit_price > member_price ORDER BY id`,
      ),
    ).toBe('SCAN order_lines');
  });
});

describe('period volumes (engine prepareState on the snapshot)', () => {
  it('worked example: PV, BV, GV, active, customer volume and retail profit by hand', async () => {
    await buildExample(db);
    const v = computePeriodVolumes(db, '2026-10');
    const at = (code: string) => v.snap.members.code.indexOf(code);
    const row = (code: string) => {
      const d = at(code);
      return {
        pv: v.state.pv[d],
        bv: v.state.bv[d],
        gv: v.state.gv[d],
        active: v.state.active[d],
        ownPv: v.ownPv[d],
        retail: v.retailProfit[d],
      };
    };
    // D2: own O1 (3−1)×20 = 40 PV, 2×60.000 = 120.000 BV
    //     customers C1 2×20 = 40, C2 (1−1)×10 = 0, C3 (via C2, C1) 2×10 = 20 → 60 PV, 180.000 BV
    //     PV 100 ≥ activePv 100 → active; GV = 100 + GV(D3) 70 = 170
    //     retail: C1 2×(130.000−100.000) = 60.000 + C2 0 (returned) + C3 2×(60.000−50.000) = 20.000
    expect(row('D2')).toEqual({
      pv: 100,
      bv: 300_000,
      gv: 170,
      active: 1,
      ownPv: 40,
      retail: 80_000,
    });
    // D3: own 5×10 = 50, C4 1×20 = 20 → PV 70, BV 150.000 + 60.000; C4 paid below member price → 0
    expect(row('D3')).toEqual({ pv: 70, bv: 210_000, gv: 70, active: 0, ownPv: 50, retail: 0 });
    // D4 (suspended): 1×10 → PV 10, never active
    expect(row('D4')).toEqual({ pv: 10, bv: 30_000, gv: 10, active: 0, ownPv: 10, retail: 0 });
    // D1: own 1×20; GV = 20 + 170 + 10 = 200
    expect(row('D1')).toEqual({ pv: 20, bv: 60_000, gv: 200, active: 0, ownPv: 20, retail: 0 });
    // Customers have no PV/BV of their own in the view.
    for (const c of ['C1', 'C2', 'C3', 'C4']) expect(v.state.pv[at(c)]).toBe(0);

    // The same numbers through the channel, with the summary.
    const page = await ok(db, 'volumes:list', {
      period: '2026-10',
      sort: [{ colId: 'pv', sort: 'desc' }],
    });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.code)).toEqual(['D2', 'D3', 'D1', 'D4']);
    expect(page.rows[0]).toMatchObject({
      code: 'D2',
      name: 'Nama D2',
      rank: 'MEMBER',
      active: true,
      pv: 100,
      bv: 300_000,
      gv: 170,
      ownPv: 40,
      ownBv: 120_000,
      customerPv: 60,
      customerBv: 180_000,
      retailProfit: 80_000,
    });
    expect(page.summary).toMatchObject({
      period: '2026-10',
      periodClosed: false,
      planVersion: null,
      activePv: 100,
      distributors: 4,
      active: 1,
      pv: 200,
      bv: 600_000,
      retailProfit: 80_000,
      orderLines: 8,
    });
    const activeOnly = await ok(db, 'volumes:list', {
      period: '2026-10',
      filter: { activeOnly: true },
    });
    expect(activeOnly.rows.map((r) => r.code)).toEqual(['D2']);
    const suspended = await ok(db, 'volumes:list', {
      period: '2026-10',
      filter: { status: 'suspended' },
    });
    expect(suspended.rows.map((r) => r.code)).toEqual(['D4']);
    const search = await ok(db, 'volumes:list', { period: '2026-10', search: 'd3' });
    expect(search.rows.map((r) => r.code)).toEqual(['D3']);

    // September (closed): O0 1×A counts for D2; R3 is a clawback, not netted.
    const sep = await ok(db, 'volumes:list', { period: '2026-09' });
    expect(sep.summary).toMatchObject({ periodClosed: true, pv: 20, bv: 60_000 });
    expect(sep.rows.find((r) => r.code === 'D2')).toMatchObject({ pv: 20, ownPv: 20 });
  });

  it('agrees with the engine run the close computes (same snapshot, same code)', async () => {
    await buildExample(db);
    const snap = loadSnapshot(db, '2026-10');
    const run = computeRun(DEFAULT_PLAN, snap);
    const v = computePeriodVolumes(db, '2026-10');
    expect(Array.from(run.members.pv)).toEqual(Array.from(v.state.pv));
    expect(Array.from(run.members.gv)).toEqual(Array.from(v.state.gv));
    expect(run.totals.bv).toBe(600_000);
    // The plan's retail bonus pays the same margin to an active-status owner (D2 only here).
    const retail = run.members.bonus[run.bonusIds.indexOf('retail')]!;
    expect(retail[snap.members.code.indexOf('D2')]).toBe(80_000);
  });

  it('cache follows data changes: a new order shows up at once', async () => {
    await buildExample(db);
    const before = await ok(db, 'volumes:list', { period: '2026-10', search: 'D1' });
    expect(before.rows[0]!.pv).toBe(20);
    await ok(db, 'orders:create', {
      member: 'D1',
      date: '2026-10-30',
      lines: [{ sku: 'B', qty: 3 }],
    });
    const after = await ok(db, 'volumes:list', { period: '2026-10', search: 'D1' });
    expect(after.rows[0]!.pv).toBe(50);
  });

  it('property: on demo data, PV per member = Σ net qty·pv of the orders it owns (SQL oracle)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 60 }),
        (seed, nReturns) => {
          const d = tempDb();
          try {
            generateDemo(d, { members: 150, months: 2, seed, endPeriod: '2026-10' });
            // Returns of random lines (some partial, some whole), netting out of their period.
            const lines = d.sqlite
              .prepare(
                `SELECT l.id, l.order_id, l.qty, o.order_date AS date FROM order_lines l JOIN orders o ON o.id = l.order_id ORDER BY l.id`,
              )
              .all() as {
              id: number;
              order_id: number;
              qty: number;
              date: string;
            }[];
            const ins = d.sqlite.prepare(
              `INSERT INTO returns (return_no, order_id, order_line_id, return_date, qty, clawback) VALUES (?, ?, ?, ?, ?, 0)`,
            );
            const used = new Set<number>();
            for (let k = 0; k < nReturns && lines.length; k++) {
              const l = lines[(seed * (k + 7)) % lines.length]!;
              if (used.has(l.id)) continue;
              used.add(l.id);
              ins.run(`RX${l.id}`, l.order_id, l.id, l.date, 1 + (k % l.qty));
            }
            const members = d.sqlite.prepare('SELECT id, kind, sponsor_id FROM members').all() as {
              id: number;
              kind: string;
              sponsor_id: number | null;
            }[];
            const byId = new Map(members.map((m) => [m.id, m]));
            const owner = (id: number): number | null => {
              let m = byId.get(id);
              while (m && m.kind !== 'distributor')
                m = m.sponsor_id ? byId.get(m.sponsor_id) : undefined;
              return m ? m.id : null;
            };
            for (const period of ['2026-09', '2026-10']) {
              const v = computePeriodVolumes(d, period);
              const expected = new Map<number, number>();
              for (const r of d.sqlite
                .prepare(
                  `SELECT l.member_id AS buyer,
                        (l.qty - coalesce((SELECT sum(qty) FROM returns r
                                           WHERE r.order_line_id = l.id AND r.clawback = 0), 0)) * l.pv AS pv
                 FROM order_lines l WHERE l.period = ?`,
                )
                .all(period) as { buyer: number; pv: number }[]) {
                const o = owner(r.buyer);
                if (o !== null) expected.set(o, (expected.get(o) ?? 0) + r.pv);
              }
              for (let p = 0; p < v.snap.members.count; p++) {
                const id = v.snap.memberId[p]!;
                expect(v.state.pv[p], `member ${id} in ${period}`).toBe(expected.get(id) ?? 0);
              }
            }
          } finally {
            d.cleanup();
          }
        },
      ),
      { numRuns: 6 },
    );
  });
});
