import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/shared/plan';
import { buy, c, d, m, plan, pvOnly, run } from './helpers';

describe('retail', () => {
  const p = plan({ bonuses: [{ id: 'retail', type: 'retail' }] });
  const r = run(
    p,
    [
      d('A'),
      d('B', 'A'),
      c('C1', 'B'),
      c('C2', 'C1'),
      d('S', 'A', { status: 'suspended' }),
      c('C3', 'S'),
    ],
    [
      // order 1 (C1 → owner B): 2·(120000 − 100000) + 1·max(0, 50000 − 60000) = 40000 + 0
      buy(
        'C1',
        [
          { qty: 2, unitPrice: 120_000, memberPrice: 100_000 },
          { qty: 1, unitPrice: 50_000, memberPrice: 60_000 },
        ],
        1,
      ),
      // order 2 (C2 → C1 → B): 3·(15000 − 10000) = 15000
      buy('C2', { qty: 3, unitPrice: 15_000, memberPrice: 10_000 }, 2),
      // order 3: a distributor's own order earns no retail margin
      buy('B', { qty: 1, unitPrice: 120_000, memberPrice: 100_000 }, 3),
      // order 4 (C3 → S): S is suspended → nothing
      buy('C3', { qty: 1, unitPrice: 20_000, memberPrice: 15_000 }, 4),
    ],
  );

  it('pays the volume owner one line per customer order, status active being enough', () => {
    // B has PV 0 (not active) and still earns retail: 40000 + 15000 = 55000.
    expect(m(r, 'B')).toMatchObject({ active: false, bonuses: { retail: 55_000 } });
    expect(
      r.lines.filter((l) => l.bonus === 'retail').map((l) => [l.earner, l.order, l.amount]),
    ).toEqual([
      ['B', 1, 40_000],
      ['B', 2, 15_000],
    ]);
  });

  it('pays nothing to an owner whose status is not active, nor for distributor orders', () => {
    expect(m(r, 'S').bonuses.retail).toBe(0);
    expect(m(r, 'A').bonuses.retail).toBe(0);
  });

  it('groups lines of an order even when the lines are not sorted by order id', () => {
    // Order 7's lines are split by order 8: 1·(30−10) + 2·(25−20) = 30; order 8: 1·(100−40) = 60.
    const r2 = run(
      p,
      [d('A'), c('K', 'A'), c('L', 'A')],
      [
        buy('K', { qty: 1, unitPrice: 30, memberPrice: 10 }, 7),
        buy('L', { qty: 1, unitPrice: 100, memberPrice: 40 }, 8),
        buy('K', { qty: 2, unitPrice: 25, memberPrice: 20 }, 7),
        buy('K', { qty: 1, unitPrice: 1, memberPrice: 0 }, 5), // order ids decrease: map path
      ],
    );
    expect(r2.lines.map((l) => [l.order, l.amount])).toEqual([
      [7, 30],
      [8, 60],
      [5, 1],
    ]);
  });
});

describe('referral', () => {
  const p = plan({ bonuses: [{ id: 'referral', type: 'referral', rateBp: 500 }] });
  const r = run(
    p,
    [
      d('A'),
      c('C1', 'A'),
      c('C2', 'C1'),
      c('C4', 'A', { status: 'suspended' }),
      c('C3', 'C4'),
      c('C5', 'A'),
    ],
    [
      buy('C1', { qty: 1, bv: 30_000 }), // A: floor(30000 · 500 / 10000) = 1500
      buy('C2', { qty: 2, bv: 10_001 }), // C1: floor(20002 · 0.05) = floor(1000.1) = 1000
      buy('C3', { qty: 1, bv: 40_000 }), // C4 suspended → 0
      buy('C5', { qty: 1, bv: 19 }), // floor(19 · 0.05) = floor(0.95) = 0 → no line
    ],
  );

  it("pays the customer's direct sponsor, distributor or customer", () => {
    expect(m(r, 'A').bonuses.referral).toBe(1500);
    expect(m(r, 'C1').bonuses.referral).toBe(1000);
    expect(r.linesOf('referral')).toEqual(['A<-C1=1500', 'C1<-C2=1000']);
  });

  it('pays customers as members: their only income', () => {
    // C1: status active, has bank, no minimum → paid 1000
    expect(m(r, 'C1')).toMatchObject({ gross: 1000, available: 1000, paid: true, net: 1000 });
  });

  it('requires the sponsor status to be active, not PV', () => {
    expect(m(r, 'A').active).toBe(false); // PV 0
    expect(m(r, 'C4').bonuses.referral).toBe(0);
  });
});

describe('sponsor (first-month) bonus', () => {
  const p = plan({ bonuses: [{ id: 'sponsor', type: 'sponsor', rateBp: 2000 }] });
  const r = run(
    p,
    [
      d('A', null, { join: '2025-01-01' }),
      d('B', 'A', { join: '2026-10-15' }),
      c('K', 'B', { join: '2026-10-16' }),
      d('C', 'A', { join: '2026-09-30' }),
      d('F', 'A'),
      d('E', 'F', { join: '2026-10-01' }),
    ],
    [
      pvOnly('A', 100),
      buy('B', { qty: 1, pv: 50, bv: 123_457 }), // A: floor(123457 · 2000 / 10000) = floor(24691.4) = 24691
      buy('K', { qty: 1, bv: 70_000 }), // rolls into BV(B) but not into B's own BV
      buy('C', { qty: 1, bv: 50_000 }), // joined in 2026-09: no first-month bonus
      buy('E', { qty: 1, bv: 80_000 }), // parent F is not active (PV 0) → nothing
    ],
  );

  it("pays the parent of a distributor who joined in the period, on the newcomer's own BV", () => {
    expect(m(r, 'B').bv).toBe(193_457);
    expect(m(r, 'A').bonuses.sponsor).toBe(24_691);
    expect(r.linesOf('sponsor')).toEqual(['A<-B=24691']);
  });

  it('requires the parent to be active', () => {
    expect(m(r, 'F').bonuses.sponsor).toBe(0);
  });
});

describe('unilevel', () => {
  // Ranks by PV only, so they are easy to read: MEMBER, BRONZE (PV ≥ 200), GOLD (PV ≥ 300).
  const ranks: Plan['ranks'] = [
    { code: 'MEMBER' },
    { code: 'BRONZE', minPv: 200 },
    { code: 'GOLD', minPv: 300 },
  ];
  const members = [
    // Chain 1: Q ─ R ─ A ─ B ─ C ─ S
    d('Q'),
    d('R', 'Q'),
    d('A', 'R'),
    d('B', 'A'),
    d('C', 'B'),
    d('S', 'C'),
    // Chain 2: F ─ E ─ D ─ S2
    d('F'),
    d('E', 'F'),
    d('D', 'E'),
    d('S2', 'D'),
    // Chain 3: H ─ G ─ S3
    d('H'),
    d('G', 'H'),
    d('S3', 'G'),
  ];
  const orders = [
    // PV without BV, so the sources below are the only BV in the tree
    pvOnly('Q', 200), // BRONZE
    pvOnly('R', 200), // BRONZE
    pvOnly('A', 200), // BRONZE
    pvOnly('B', 100), // MEMBER, active
    // C: PV 0 → inactive
    pvOnly('F', 200), // BRONZE
    pvOnly('E', 100), // MEMBER
    pvOnly('D', 100), // MEMBER
    pvOnly('H', 200), // BRONZE
    pvOnly('G', 300), // GOLD
    buy('S', { qty: 1, bv: 100_000 }),
    buy('S2', { qty: 1, bv: 10_000 }),
    buy('S3', { qty: 1, bv: 10_000 }),
  ];

  it('compresses past inactive members and limits depth by rank (missing rank = depth 0)', () => {
    const p = plan({
      ranks,
      bonuses: [
        {
          id: 'uni',
          type: 'unilevel',
          levels: [500, 300, 200],
          depthByRank: { MEMBER: 1, BRONZE: 3 },
        },
      ],
    });
    const r = run(p, members, orders);
    // Source S (BV 100000): C inactive → skipped (level stays 1);
    //   B level 1 (MEMBER depth 1) → 100000·5% = 5000; A level 2 (BRONZE depth 3) → 3% = 3000;
    //   R level 3 → 2% = 2000; level 4 > 3 stops: Q gets nothing.
    // Source S2 (BV 10000): D level 1 → 500; E level 2 > MEMBER depth 1 → nothing (level used);
    //   F level 3 (BRONZE) → 2% = 200.
    // Source S3 (BV 10000): G level 1, GOLD is missing from depthByRank → depth 0 → nothing;
    //   H level 2 (BRONZE) → 3% = 300.
    expect(r.linesOf('uni')).toEqual([
      'A<-S@2=3000',
      'B<-S@1=5000',
      'D<-S2@1=500',
      'F<-S2@3=200',
      'H<-S3@2=300',
      'R<-S@3=2000',
    ]);
    expect(m(r, 'C').bonuses.uni).toBe(0);
    expect(m(r, 'Q').bonuses.uni).toBe(0);
  });

  it('pays full depth for every rank when depthByRank is absent', () => {
    const p = plan({ ranks, bonuses: [{ id: 'uni', type: 'unilevel', levels: [500, 300, 200] }] });
    const r = run(p, members, orders);
    // S: B 5000, A 3000, R 2000. S2: D 500, E 300, F 200. S3: G 500, H 300.
    expect(r.linesOf('uni')).toEqual([
      'A<-S@2=3000',
      'B<-S@1=5000',
      'D<-S2@1=500',
      'E<-S2@2=300',
      'F<-S2@3=200',
      'G<-S3@1=500',
      'H<-S3@2=300',
      'R<-S@3=2000',
    ]);
  });

  it('stops at the root when every upline is inactive, and floors each line', () => {
    // X (inactive) ─ Y (inactive) ─ Z (BV 333): nobody is paid. W (active) ─ V (BV 333): floor(333·5%) = 16.
    const p = plan({ bonuses: [{ id: 'uni', type: 'unilevel', levels: [500] }] });
    const r = run(
      p,
      [d('X'), d('Y', 'X'), d('Z', 'Y'), d('W'), d('V', 'W')],
      [buy('Z', { qty: 1, bv: 333 }), pvOnly('W', 100), buy('V', { qty: 1, bv: 333 })],
    );
    expect(r.linesOf('uni')).toEqual(['W<-V@1=16']);
  });

  it("counts a customer's orders in its distributor's BV as the source", () => {
    // K (customer of S) buys BV 40000 → BV(S) = 40000 → P (parent, active) earns 5% = 2000 with source S.
    const p = plan({ bonuses: [{ id: 'uni', type: 'unilevel', levels: [500] }] });
    const r = run(
      p,
      [d('P'), d('S', 'P'), c('K', 'S')],
      [pvOnly('P', 100), buy('K', { qty: 1, bv: 40_000 })],
    );
    expect(r.linesOf('uni')).toEqual(['P<-S@1=2000']);
  });
});

describe('matching', () => {
  // M2 ─ M1 ─ X (inactive) ─ E ─ S (BV 200000, inactive)
  const members = [d('M2'), d('M1', 'M2'), d('X', 'M1'), d('E', 'X'), d('S', 'E')];
  const orders = [
    pvOnly('M2', 100),
    pvOnly('M1', 100),
    pvOnly('E', 100),
    buy('S', { qty: 1, bv: 200_000 }),
  ];

  it('walks up from the earner like unilevel, on the amount of the matched bonus', () => {
    const p = plan({
      bonuses: [
        { id: 'uni', type: 'unilevel', levels: [500] },
        { id: 'match', type: 'matching', of: 'uni', levels: [1000, 500] },
      ],
    });
    const r = run(p, members, orders);
    // unilevel: E earns 200000 · 5% = 10000 (only level 1).
    // matching on E's 10000: X inactive → skipped; M1 level 1 → 10%: 1000; M2 level 2 → 5%: 500.
    expect(r.linesOf('uni')).toEqual(['E<-S@1=10000']);
    expect(r.linesOf('match')).toEqual(['M1<-E@1=1000', 'M2<-E@2=500']);
  });

  it('limits matching depth by rank too', () => {
    const p = plan({
      bonuses: [
        { id: 'uni', type: 'unilevel', levels: [500] },
        {
          id: 'match',
          type: 'matching',
          of: 'uni',
          levels: [1000, 500],
          depthByRank: { MEMBER: 1 },
        },
      ],
    });
    const r = run(p, members, orders);
    // M2 is at level 2 > depth 1 → nothing.
    expect(r.linesOf('match')).toEqual(['M1<-E@1=1000']);
  });

  it('can match a matching bonus listed before it', () => {
    const p = plan({
      bonuses: [
        { id: 'uni', type: 'unilevel', levels: [500] },
        { id: 'match', type: 'matching', of: 'uni', levels: [1000] },
        { id: 'match2', type: 'matching', of: 'match', levels: [5000] },
      ],
    });
    const r = run(p, members, orders);
    // match: M1 earns 1000 from E. match2 on M1's 1000: M2 level 1 → 50% = 500.
    expect(r.linesOf('match2')).toEqual(['M2<-M1@1=500']);
  });
});
