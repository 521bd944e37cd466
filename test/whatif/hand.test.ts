import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/client';
import type { WhatIfResultDto } from '../../src/shared/ipc/whatif.contract';
import { company, dbContentHash } from './helpers';
import { contractTotals, type RunTotalsExt } from '../../src/shared/ipc/close.contract';

/**
 * The what-if on a small hand-built network, every number computed by hand (plan-format.md).
 *
 * Sponsor chain A ← B ← C ← D (all active distributors with a bank account), one order each in
 * 2026-09 (and the same again in 2026-10), PV 10 each (activePv 10: everyone active):
 *   BV(A) = 1 000, BV(B) = 7 777, BV(C) = 50 001, BV(D) = 123 457.
 * Committed plan: unilevel levels [500, 300], payout minimum 0, no tax.
 *   source D: C (level 1) floor(123457·500/10000) = 6 172, B (level 2) floor(123457·300/10000) = 3 703
 *   source C: B (level 1) floor(50001·500/10000)  = 2 500, A (level 2) floor(50001·300/10000)  = 1 500
 *   source B: A (level 1) floor(7777·500/10000)   =   388
 *   → A 1 888, B 6 203, C 6 172, D 0; total 14 263 (BV total 182 235, ratio floor(14263·10000/182235) = 782 bp)
 * Candidate: level 1 at 700 bp; difference per level-1 line = floor(BV·700/10000) − floor(BV·500/10000):
 *   C: 8 641 − 6 172 = +2 469 (source D), B: 3 500 − 2 500 = +1 000 (source C), A: 544 − 388 = +156 (source B)
 *   → total +3 625, candidate 17 888, ratio floor(17888·10000/182235) = 981 bp.
 */

const PLAN = {
  format: 'jenjang-plan/1',
  name: 'Rencana Tangan',
  activePv: 10,
  ranks: [{ code: 'MEMBER' }],
  bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [500, 300] }],
  payout: { minimum: 0 },
  tax: { profile: 'none' },
};

const MEMBERS = `code,name,kind,sponsor,join_date,bank_account
A,Ayu,distributor,,2026-01-05,111
B,Bima,distributor,A,2026-02-05,222
C,Citra,distributor,B,2026-03-05,333
D,Dodi,distributor,C,2026-04-05,444
`;
const PRODUCTS = `sku,name,member_price,retail_price,pv,bv
PA,Produk A,1000,1200,10,1000
PB,Produk B,7777,9000,10,7777
PC,Produk C,50001,60000,10,50001
PD,Produk D,123457,150000,10,123457
`;
const orders = (p: string): string => `order_no,member,date,sku,qty
${p}-A,A,${p}-10,PA,1
${p}-B,B,${p}-10,PB,1
${p}-C,C,${p}-10,PC,1
${p}-D,D,${p}-10,PD,1
`;

async function handCompany(periods: string[]) {
  const c = company();
  await c.ok('plan', 'set', c.file('plan.json', JSON.stringify(PLAN)));
  await c.ok('import', 'members', c.file('members.csv', MEMBERS));
  await c.ok('import', 'products', c.file('products.csv', PRODUCTS));
  for (const p of periods) {
    await c.ok('import', 'orders', c.file(`orders-${p}.csv`, orders(p)));
  }
  for (const p of periods) await c.ok('close', 'commit', '--period', p);
  return c;
}

/** The committed runs as stored (what the what-if must reproduce). */
function committedRuns(path: string) {
  const db = openDb(path, { readonly: true, migrate: false });
  try {
    return (
      db.sqlite
        .prepare(
          `SELECT period, run_hash, totals_json FROM runs WHERE status = 'committed' ORDER BY period`,
        )
        .all() as { period: string; run_hash: string; totals_json: string }[]
    ).map((r) => ({
      period: r.period,
      runHash: r.run_hash,
      totals: JSON.parse(r.totals_json) as RunTotalsExt,
    }));
  } finally {
    db.sqlite.close();
  }
}

function memberRow(r: WhatIfResultDto, code: string) {
  const all = [...r.members.bonuses.topGainers, ...r.members.bonuses.topLosers];
  return all.find((m) => m.code === code);
}

describe('what-if on a hand-built network', () => {
  it('same plan: reproduces the committed run; level-1 rate 500 → 700 bp: hand-computed differences', async () => {
    const c = await handCompany(['2026-09']);
    const before = dbContentHash(c.db);

    const same = JSON.parse(
      await c.ok(
        'whatif',
        '--period',
        '2026-09',
        '--plan',
        c.file('same.json', JSON.stringify(PLAN)),
        '--json',
      ),
    ) as WhatIfResultDto;
    const committed = committedRuns(c.db)[0]!;
    expect(same.perPeriod[0]).toMatchObject({
      period: '2026-09',
      planVersion: 1,
      reproduced: true,
      committedRunHash: committed.runHash,
      baselineRunHash: committed.runHash,
      candidateRunHash: committed.runHash,
    });
    expect(same.totals.baseline).toMatchObject({
      bv: 182_235,
      bonuses: 14_263,
      payoutRatioBp: 782,
      net: 14_263,
    });
    expect(same.totals.candidate).toEqual(same.totals.baseline);
    expect(same.planChanges).toEqual([]);
    expect(same.members.bonuses).toMatchObject({
      compared: 3,
      gainers: 0,
      losers: 0,
      unchanged: 3,
    });

    const candidate = {
      ...PLAN,
      name: 'Level 1 naik',
      bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [700, 300] }],
    };
    const r = JSON.parse(
      await c.ok(
        'whatif',
        '--period',
        '2026-09',
        '--plan',
        c.file('cand.json', JSON.stringify(candidate)),
        '--json',
      ),
    ) as WhatIfResultDto;
    expect(r.totals.baseline).toMatchObject({ bonuses: 14_263, payoutRatioBp: 782 });
    expect(r.totals.candidate).toMatchObject({
      bv: 182_235,
      bonuses: 17_888,
      payoutRatioBp: 981,
      net: 17_888,
      earners: 3,
    });
    expect(r.byBonus).toEqual([
      {
        id: 'unilevel',
        type: 'unilevel',
        inBaseline: true,
        inCandidate: true,
        baseline: 14_263,
        candidate: 17_888,
      },
    ]);
    expect(r.byRank).toEqual([
      {
        rank: 'MEMBER',
        baselineMembers: 4,
        candidateMembers: 4,
        baselineBonuses: 14_263,
        candidateBonuses: 17_888,
      },
    ]);
    expect(r.members.bonuses).toMatchObject({
      compared: 3,
      gainers: 3,
      losers: 0,
      unchanged: 0,
      totalGain: 3_625,
      totalLoss: 0,
    });
    expect(
      r.members.bonuses.topGainers.map((m) => [m.code, m.baseline, m.candidate, m.diff]),
    ).toEqual([
      ['C', 6_172, 8_641, 2_469],
      ['B', 6_203, 7_203, 1_000],
      ['A', 1_888, 2_044, 156],
    ]);
    expect(memberRow(r, 'C')).toMatchObject({
      name: 'Citra',
      kind: 'distributor',
      baselineRank: 'MEMBER',
    });
    // Histogram of the differences 156, 1000, 2469: width 200 (range 2470 in ≤ 20 buckets).
    const h = r.members.bonuses.histogram;
    expect(h.width).toBe(200);
    expect(h.buckets[0]).toEqual({ from: 0, to: 200, count: 1 });
    expect(h.buckets.find((b) => b.from === 1000)).toEqual({ from: 1000, to: 1200, count: 1 });
    expect(h.buckets.at(-1)).toEqual({ from: 2400, to: 2600, count: 1 });
    expect(h.buckets.reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(r.planChanges).toEqual([
      expect.objectContaining({
        area: 'plan',
        field: 'name',
        before: 'Rencana Tangan',
        after: 'Level 1 naik',
      }),
      expect.objectContaining({
        kind: 'changed',
        area: 'bonus',
        key: 'unilevel',
        field: 'levels[0]',
        path: 'bonuses[0].levels[0]',
        before: 500,
        after: 700,
      }),
    ]);

    // The human output and the workbook carry the same numbers.
    const text = await c.ok(
      'whatif',
      '--period',
      '2026-09',
      '--plan',
      c.file('cand2.json', JSON.stringify(candidate)),
      '--xlsx',
      `${c.dir}/w.xlsx`,
      '--lang',
      'en',
    );
    expect(text).toMatch(/bonus unilevel levels\[0\]: 500 → 700/);
    expect(text).toMatch(/bonuses\s+14263\s+17888\s+\+3625/);
    expect(text).toMatch(/C\s+Citra\s+6172 →\s+8641\s+\+2469/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${c.dir}/w.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Summary',
      'By bonus',
      'By rank',
      'Members',
      'Plan changes',
    ]);
    const members = wb.getWorksheet('Members')!;
    const header = members.getRow(1).values as unknown[];
    expect(header.slice(1, 9)).toEqual([
      'Code',
      'Name',
      'Kind',
      'Rank (current)',
      'Rank (candidate)',
      'Bonuses (current)',
      'Bonuses (candidate)',
      'Difference',
    ]);
    expect((members.getRow(2).values as unknown[]).slice(1, 9)).toEqual([
      'C',
      'Citra',
      'distributor',
      'MEMBER',
      'MEMBER',
      6_172,
      8_641,
      2_469,
    ]);
    const summary = wb.getWorksheet('Summary')!;
    const row = summary.getRow(7).values as unknown[]; // 4 title lines, a blank row, the header
    expect(row.slice(1, 6)).toEqual(['2026-09', 182_235, 14_263, 17_888, 3_625]);

    // Nothing was written by any of it.
    expect(dbContentHash(c.db)).toBe(before);
  }, 120_000);

  it('two periods: the candidate carries its own balances forward (payout minimum 3 000)', async () => {
    const c = await handCompany(['2026-09', '2026-10']);
    // Candidate: same rates, payout minimum 3 000. A earns 1 888 each month:
    //   2026-09 not paid (1 888 < 3 000), carry 1 888 → 2026-10 available 3 776 → paid.
    //   Net: 09 = 14 263 − 1 888 = 12 375; 10 = 14 263 + 1 888 = 16 151; bonuses unchanged.
    const candidate = { ...PLAN, name: 'Minimum 3000', payout: { minimum: 3000 } };
    const before = dbContentHash(c.db);
    const r = JSON.parse(
      await c.ok(
        'whatif',
        '--periods',
        '2026-10,2026-09',
        '--plan',
        c.file('cand.json', JSON.stringify(candidate)),
        '--json',
      ),
    ) as WhatIfResultDto;
    expect(r.periods).toEqual(['2026-09', '2026-10']);
    expect(
      r.perPeriod.map((p) => [
        p.period,
        p.reproduced,
        p.chained,
        p.baseline.net,
        p.candidate.net,
        p.candidate.carryOut,
      ]),
    ).toEqual([
      ['2026-09', true, false, 14_263, 12_375, 1_888],
      ['2026-10', true, true, 14_263, 16_151, 0],
    ]);
    expect(r.totals.baseline).toMatchObject({ bonuses: 28_526, net: 28_526, carryOut: 0, paid: 6 });
    expect(r.totals.candidate).toMatchObject({
      bonuses: 28_526,
      net: 28_526,
      carryOut: 0,
      paid: 5,
    });
    expect(r.planChanges).toContainEqual(
      expect.objectContaining({
        area: 'payout',
        field: 'minimum',
        kind: 'changed',
        before: 0,
        after: 3000,
      }),
    );
    expect(r.members.bonuses).toMatchObject({ gainers: 0, losers: 0, unchanged: 3 });
    expect(r.members.net).toMatchObject({ gainers: 0, losers: 0, unchanged: 3 });

    // The same plan over both periods reproduces both committed runs exactly.
    const same = JSON.parse(
      await c.ok(
        'whatif',
        '--periods',
        '2026-09,2026-10',
        '--plan',
        c.file('same.json', JSON.stringify(PLAN)),
        '--json',
      ),
    ) as WhatIfResultDto;
    const runs = committedRuns(c.db);
    expect(runs.map((x) => x.period)).toEqual(['2026-09', '2026-10']);
    for (const [i, p] of same.perPeriod.entries()) {
      const run = runs[i]!;
      const t = run.totals;
      expect(p.candidateRunHash).toBe(run.runHash);
      expect(p.candidate).toMatchObject(contractTotals(t));
    }
    expect(dbContentHash(c.db)).toBe(before);
  }, 120_000);

  it('refuses open periods, invalid plans (naming JSON paths) and a missing candidate', async () => {
    const c = await handCompany(['2026-09']);
    await c.ok('import', 'orders', c.file('o10.csv', orders('2026-10')));
    const plan = c.file('p.json', JSON.stringify(PLAN));
    const open = await c.run('whatif', '--period', '2026-10', '--plan', plan);
    expect(open.code).toBe(2);
    expect(open.err).toMatch(/committed periods only; not committed: 2026-10/);
    const bad = await c.run(
      'whatif',
      '--period',
      '2026-09',
      '--plan',
      c.file(
        'bad.json',
        JSON.stringify({
          ...PLAN,
          bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [500, -3] }],
        }),
      ),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bonuses\[0\]\.levels\[1\]: must be ≥ 0/);
    expect((await c.run('whatif', '--period', '2026-09')).err).toMatch(
      /either --plan FILE or --draft ID/,
    );
    expect((await c.run('whatif', '--plan', plan)).err).toMatch(/--period P or --periods/);
  }, 120_000);
});
