import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { distribution, percentile } from '../../src/main/services/reports';
import { ctxFor, tempDb, type TempDb } from '../helpers/db';
import { caller, demoWithRuns, must, workbook, workedExample } from './payouts.fixture';

describe('reports of the worked example (hand-computed)', () => {
  let db: TempDb;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    db = tempDb();
    call = caller(db, 'viewer');
    await workedExample(db, ctxFor(db));
  }, 180_000);
  afterAll(() => db.cleanup());

  it('compliance: payout ratio, product-sales share, income disclosure, earners without purchase', async () => {
    const c = await call('reports:compliance', { period: '2026-10' });
    expect(c.totals).toEqual({
      bv: 1100000,
      bonuses: 175000,
      adjustments: 70000,
      clawbacks: 0,
      gross: 245000,
      tax: 6000,
      net: 224000,
      carryOut: 15000,
    });
    expect(c.payoutRatioBp).toBe(1590);
    expect(c.sales).toEqual({
      products: { orders: 6, sales: 1160000, pv: 1100, bv: 1100000 },
      kits: { orders: 1, sales: 150000, pv: 0, bv: 0 },
      otherZeroBv: { orders: 0, sales: 0 },
      kitSkus: ['KIT'],
      kitSource: 'names',
      productBvShareBp: 10000,
      incomeFromProductsBp: 10000,
      ok: true,
    });
    // distributors A 120.000, B 50.000, C 10.000, D 60.000 (nearest-rank percentiles)
    const all = {
      members: 4,
      earners: 4,
      total: 240000,
      mean: 60000,
      median: 50000,
      p25: 10000,
      p75: 60000,
      p90: 120000,
      p99: 120000,
      max: 120000,
    };
    expect(c.incomeDisclosure.distributors).toEqual(all);
    expect(c.incomeDisclosure.byRank).toEqual([{ rank: 'MEMBER', ...all }]);
    expect(c.incomeDisclosure.thresholds).toEqual([
      { amount: 1, members: 4, shareBp: 10000 },
      { amount: 1000000, members: 0, shareBp: 0 },
      { amount: 5000000, members: 0, shareBp: 0 },
      { amount: 10000000, members: 0, shareBp: 0 },
      { amount: 50000000, members: 0, shareBp: 0 },
    ]);
    expect(c.incomeDisclosure.customers).toEqual({ earners: 1, total: 5000 });
    expect(c.noPurchaseEarners).toEqual({
      count: 1,
      total: 5000,
      members: [{ code: 'R', name: 'Rina Putri', kind: 'customer', rank: null, bonusTotal: 5000 }],
    });
    const t = await call('reports:compliance', { period: '2026-10', thresholds: [50000, 100000] });
    expect(t.incomeDisclosure.thresholds).toEqual([
      { amount: 50000, members: 3, shareBp: 7500 },
      { amount: 100000, members: 1, shareBp: 2500 },
    ]);
  });

  it('compliance flags a registration kit that carries BV', async () => {
    const other = tempDb();
    try {
      await workedExample(other, ctxFor(other));
      // a kit with volume sold in November: bonuses would be paid on a registration fee
      other.sqlite
        .prepare(
          `INSERT INTO orders (id, order_no, member_id, order_date) VALUES (20, 'SO-20', 3, '2026-11-02')`,
        )
        .run();
      other.sqlite
        .prepare(
          `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
           VALUES (20, 3, '2026-11', 2, 1, 150000, 150000, 30, 50000), (20, 3, '2026-11', 1, 1, 100000, 100000, 100, 100000)`,
        )
        .run();
      await must(dispatch('close:commit', { period: '2026-11' }, ctxFor(other)));
      const c = await must(dispatch('reports:compliance', { period: '2026-11' }, ctxFor(other)));
      expect(c.sales.kits).toEqual({ orders: 1, sales: 150000, pv: 30, bv: 50000 });
      expect(c.sales.productBvShareBp).toBe(6666);
      expect(c.sales.ok).toBe(false);
    } finally {
      other.cleanup();
    }
  });

  it('dashboard: sales, active members, referral conversion, payout ratio, ranks, levels, top earners', async () => {
    const d = await call('reports:dashboard', {});
    expect(d.committedPeriods).toEqual(['2026-10']);
    expect(d.runPeriod).toBe('2026-10');
    expect(d.months).toEqual([
      {
        period: '2026-10',
        orders: 6,
        buyers: 6,
        sales: 1310000,
        pv: 1100,
        bv: 1100000,
        newDistributors: 0,
        newCustomers: 0,
        activeMembers: 4,
        committed: true,
        bonuses: 175000,
        payoutRatioBp: 1590,
        referral: {
          referrers: 1,
          referees: 1,
          orderingReferees: 1,
          orders: 1,
          sales: 130000,
          bv: 100000,
          conversionBp: 10000,
        },
      },
    ]);
    expect(d.rankDistribution).toEqual([{ rank: 'MEMBER', members: 4, active: 4 }]);
    expect(d.unilevelBonusId).toBe('unilevel');
    expect(d.unilevelByLevel).toEqual([
      { level: 1, lines: 3, earners: 2, amount: 80000 },
      { level: 2, lines: 1, earners: 1, amount: 25000 },
    ]);
    expect(d.topEarners.map((e) => [e.code, e.gross, e.net])).toEqual([
      ['A', 120000, 117000],
      ['D', 60000, 58500],
      ['B', 50000, 48500],
      ['C', 10000, 0],
      ['R', 5000, 0],
    ]);
  });

  it('compliance export: XLSX sheets and a sectioned CSV with the same numbers', async () => {
    const x = await call('reports:exportCompliance', {
      period: '2026-10',
      format: 'xlsx',
      lang: 'en',
    });
    const wb = await workbook(x.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'Income disclosure',
      'Thresholds',
      'No own purchase',
    ]);
    const summary = wb.getWorksheet('Summary')!;
    const metrics = new Map<string, unknown>();
    summary.eachRow((row) => {
      const v = row.values as unknown[];
      if (typeof v[1] === 'string') metrics.set(v[1], v[2]);
    });
    expect(metrics.get('payout ratio %')).toBe(15.9);
    expect(metrics.get('bonuses')).toBe(175000);
    expect(metrics.get('registration kit sales')).toBe(150000);
    expect(metrics.get('income from product sales %')).toBe(100);
    expect(metrics.get('no bonus on registration (ok)')).toBe('ok');

    const csv = await call('reports:exportCompliance', {
      period: '2026-10',
      format: 'csv',
      lang: 'en',
    });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('# Income disclosure');
    expect(text).toContain(
      'all distributors,4,4,240000,60000,10000,50000,60000,120000,120000,120000',
    );
    expect(text).toContain('R,Rina Putri,customer,,5000');
  });

  it('dashboard export: XLSX with a sheet per table', async () => {
    const x = await call('reports:exportDashboard', { format: 'xlsx', lang: 'en' });
    const wb = await workbook(x.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Monthly',
      'Ranks',
      'Unilevel by level',
      'Top earners',
    ]);
    const levels = wb.getWorksheet('Unilevel by level')!;
    const amounts: number[] = [];
    levels.eachRow((row) => {
      const v = row.values as unknown[];
      if (typeof v[1] === 'number' && typeof v[4] === 'number') amounts.push(v[4]);
    });
    expect(amounts).toEqual([80000, 25000]);
    const csv = await call('reports:exportDashboard', { format: 'csv', lang: 'en' });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toContain(
      '2026-10,1310000,1100000,1100,6,6,0,0,4,175000,1590',
    );
  });
});

describe('reports of a demo company', () => {
  let db: TempDb;
  let periods: string[];
  beforeAll(async () => {
    db = tempDb();
    periods = await demoWithRuns(ctxFor(db, 'admin'));
  }, 180_000);
  afterAll(() => db.cleanup());

  it('dashboard months and run figures agree with the stored runs', async () => {
    const d = await caller(db, 'viewer')('reports:dashboard', {});
    expect(d.committedPeriods).toEqual(periods);
    for (const p of periods) {
      const m = d.months.find((x) => x.period === p)!;
      const totals = JSON.parse(
        db.sqlite
          .prepare(`SELECT totals_json FROM runs WHERE period = ? AND status = 'committed'`)
          .pluck()
          .get(p) as string,
      ) as { bv: number; bonuses: number; payoutRatioBp: number };
      expect(m.payoutRatioBp).toBe(totals.payoutRatioBp);
      expect(m.bonuses).toBe(totals.bonuses);
      const active = db.sqlite
        .prepare(
          `SELECT sum(active) FROM run_members rm JOIN runs r ON r.id = rm.run_id WHERE r.period = ? AND r.status = 'committed'`,
        )
        .pluck()
        .get(p) as number;
      expect(m.activeMembers).toBe(active);
      // sales BV of the month ≥ the run's distributor BV (orders of customers without a distributor above count for nobody)
      expect(m.bv).toBeGreaterThanOrEqual(totals.bv);
    }
    const dist = d.rankDistribution.reduce((s, r) => s + r.members, 0);
    expect(dist).toBe(
      db.sqlite.prepare(`SELECT count(*) FROM members WHERE kind = 'distributor'`).pluck().get(),
    );
    const runId = db.sqlite
      .prepare(`SELECT id FROM runs WHERE period = ? AND status = 'committed'`)
      .pluck()
      .get(periods[1]) as number;
    const uni = db.sqlite
      .prepare(`SELECT sum(amount) FROM run_lines WHERE run_id = ? AND bonus_id = 'unilevel'`)
      .pluck()
      .get(runId) as number;
    expect(d.unilevelByLevel.reduce((s, l) => s + l.amount, 0)).toBe(uni);
    expect(d.topEarners).toHaveLength(10);
  });

  it('compliance: the demo sells starter kits without BV, so income is 100 % from products', async () => {
    const c = await caller(db, 'viewer')('reports:compliance', { period: periods[0]! });
    expect(c.sales.kitSkus).toEqual(['KIT-001']);
    expect(c.sales.kits.sales).toBeGreaterThan(0);
    expect(c.sales.kits.bv).toBe(0);
    expect(c.sales.ok).toBe(true);
    expect(c.sales.incomeFromProductsBp).toBe(10000);
    const d = c.incomeDisclosure.distributors;
    expect(d.members).toBe(
      db.sqlite.prepare(`SELECT count(*) FROM members WHERE kind = 'distributor'`).pluck().get(),
    );
    expect(d.p25).toBeLessThanOrEqual(d.median);
    expect(d.median).toBeLessThanOrEqual(d.p75);
    expect(d.p90).toBeLessThanOrEqual(d.p99);
    expect(c.incomeDisclosure.byRank.reduce((s, r) => s + r.members, 0)).toBe(d.members);
  });
});

describe('month figures: one definition for the dashboard and the reports', () => {
  it('the home dashboard shows the reports’ months (net of returns) and follows every change', async () => {
    const db = tempDb();
    try {
      await workedExample(db, ctxFor(db));
      const call = caller(db, 'admin');
      const both = async () => {
        const home = await call('system:dashboard', {});
        const rep = await call('reports:dashboard', {});
        const figures = rep.months.map(({ period, orders, buyers, sales, pv, bv }) => ({
          period,
          orders,
          buyers,
          sales,
          pv,
          bv,
        }));
        expect(home.months).toEqual(figures);
        return { months: home.months, joins: home.newMembers, rep: rep.months };
      };
      const oct = { period: '2026-10', orders: 6, buyers: 6 };
      expect((await both()).months).toEqual([
        { ...oct, sales: 1_310_000, pv: 1100, bv: 1_100_000 },
      ]);

      // 2 of C's 5 × P1 (100.000, PV 100, BV 100.000) come back in November: October's figures
      // drop by 2 × each — in the home dashboard too, which used to show gross sales.
      await call('returns:create', {
        orderNo: 'SO-3',
        date: '2026-11-10',
        lines: [{ sku: 'P1', qty: 2 }],
      });
      expect((await both()).months).toEqual([{ ...oct, sales: 1_110_000, pv: 900, bv: 900_000 }]);

      // A November order and a new member show at once (nothing kept from before).
      await call('orders:create', {
        member: 'A',
        date: '2026-11-02',
        lines: [{ sku: 'P1', qty: 3 }],
      });
      await call('members:create', {
        code: 'N1',
        name: 'Nina Baru',
        kind: 'distributor',
        sponsorCode: 'A',
        joinDate: '2026-11-03',
      });
      let now = await both();
      expect(now.months[1]).toEqual({
        period: '2026-11',
        orders: 1,
        buyers: 1,
        sales: 300_000,
        pv: 300,
        bv: 300_000,
      });
      expect(now.joins.at(-1)).toEqual({ period: '2026-11', distributors: 1, customers: 0 });
      // An edit in place (no new row: only the change counter moves) shows too.
      db.sqlite.prepare(`UPDATE members SET kind = 'customer' WHERE code = 'N1'`).run();
      now = await both();
      expect(now.joins.at(-1)).toEqual({ period: '2026-11', distributors: 0, customers: 1 });
      expect(now.rep.at(-1)).toMatchObject({ newDistributors: 0, newCustomers: 1 });
    } finally {
      db.cleanup();
    }
  }, 180_000);
});

describe('percentiles (nearest rank)', () => {
  it('small worked cases', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 75)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it('properties: ordered, inside the data, at least p % of members at or below', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1e9 }), { maxLength: 300 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const d = distribution(sorted);
        expect(d.p25).toBeLessThanOrEqual(d.median);
        expect(d.median).toBeLessThanOrEqual(d.p75);
        expect(d.p75).toBeLessThanOrEqual(d.p90);
        expect(d.p90).toBeLessThanOrEqual(d.p99);
        expect(d.p99).toBeLessThanOrEqual(d.max);
        expect(d.total).toBe(xs.reduce((s, v) => s + v, 0));
        if (xs.length) {
          expect(d.p25).toBeGreaterThanOrEqual(sorted[0]!);
          for (const p of [25, 50, 75, 90, 99]) {
            const v = percentile(sorted, p);
            expect(sorted.filter((x) => x <= v).length * 100).toBeGreaterThanOrEqual(p * xs.length);
          }
          expect(d.mean * xs.length).toBeLessThanOrEqual(d.total);
          expect((d.mean + 1) * xs.length).toBeGreaterThan(d.total);
        }
      }),
    );
  });
});
