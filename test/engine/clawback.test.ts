import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/shared/plan';
import { computeClawbacks, type CommittedLine, type ReturnedOrder } from '../../src/main/engine';
import { buy, c, d, plan, pvOnly, run } from './helpers';

const p: Plan = plan({
  bonuses: [
    { id: 'retail', type: 'retail' },
    { id: 'referral', type: 'referral', rateBp: 500 },
    { id: 'sponsor', type: 'sponsor', rateBp: 2000 },
    { id: 'unilevel', type: 'unilevel', levels: [500, 300] },
    { id: 'binary', type: 'binary', rateBp: 1000 },
    { id: 'matching', type: 'matching', of: 'unilevel', levels: [1000] },
  ],
});

// Committed run of P₀ = 2026-10. A ─ B (joined in P₀) ─ C (customer). B placed left of A.
const r0 = run(
  p,
  [d('A'), d('B', 'A', { join: '2026-10-02', placement: 'A', leg: 'L' }), c('C', 'B')],
  [
    // order 10: B buys 2 × (PV 50, BV 50000, no margin) → B PV 100, own BV 100000
    buy('B', { qty: 2, pv: 50, bv: 50_000, unitPrice: 100_000, memberPrice: 100_000 }, 10),
    // order 11: C buys 3 × (PV 10, BV 30000, margin 30000) → margin 90000, C own BV 90000
    buy('C', { qty: 3, pv: 10, bv: 30_000, unitPrice: 130_000, memberPrice: 100_000 }, 11),
    pvOnly('A', 100),
  ],
);
const idx = (code: string): number => r0.snap.members.code.indexOf(code);
const committed: CommittedLine[] = r0.lines.map((l) => ({
  earner: idx(l.earner),
  bonusId: l.bonus,
  sourceMember: l.source ? idx(l.source) : -1,
  sourceOrder: l.order ?? -1,
  level: l.level,
  base: l.base,
  rateBp: l.rateBp,
  amount: l.amount,
}));
const owner = (buyer: string): number => r0.result.members.volumeOwner[idx(buyer)] as number;

describe('clawbacks', () => {
  it('the committed run of P₀ is as computed by hand', () => {
    // retail B 90000 (order 11); referral B: floor(90000 · 5%) = 4500;
    // sponsor A: floor(100000 · 20%) = 20000; unilevel A: BV(B) = 190000 → 5% = 9500;
    // binary: A's right leg is empty → pair 0; matching on A's 9500: A has no parent → nothing.
    expect(r0.linesOf('retail')).toEqual(['B<-C=90000']);
    expect(r0.linesOf('referral')).toEqual(['B<-C=4500']);
    expect(r0.linesOf('sponsor')).toEqual(['A<-B=20000']);
    expect(r0.linesOf('unilevel')).toEqual(['A<-B@1=9500']);
    expect(r0.linesOf('binary')).toEqual([]);
  });

  it('recomputes each order-sourced line with the returned volume removed', () => {
    // P₁: one unit of order 11 returned: BV 30000, margin 30000.
    const returned: ReturnedOrder[] = [
      { order: 11, buyer: idx('C'), volumeOwner: owner('C'), bv: 30_000, margin: 30_000 },
    ];
    const res = computeClawbacks(p, committed, returned);
    // retail B: 90000 → 60000 = 30000
    // referral B: floor(90000·5%) − floor(60000·5%) = 4500 − 3000 = 1500
    // unilevel A: floor(190000·5%) − floor(160000·5%) = 9500 − 8000 = 1500
    // sponsor (source B's own orders) untouched; binary, matching never restated.
    expect(res.items.map((i) => [i.bonusId, i.before, i.after, i.clawback])).toEqual([
      ['retail', 90_000, 60_000, 30_000],
      ['referral', 4500, 3000, 1500],
      ['unilevel', 9500, 8000, 1500],
    ]);
    expect(Object.fromEntries(res.byEarner)).toEqual({ [idx('B')]: 31_500, [idx('A')]: 1500 });
    expect(res.total).toBe(33_000);
  });

  it('chains with returns already charged in earlier periods', () => {
    // P₂: one unit of order 10 returned (BV 50000, no margin); order 11's earlier return is prior.
    const returned: ReturnedOrder[] = [
      {
        order: 11,
        buyer: idx('C'),
        volumeOwner: owner('C'),
        bv: 0,
        margin: 0,
        priorBv: 30_000,
        priorMargin: 30_000,
      },
      { order: 10, buyer: idx('B'), volumeOwner: owner('B'), bv: 50_000, margin: 0 },
    ];
    const res = computeClawbacks(p, committed, returned);
    // sponsor A: floor(100000·20%) − floor(50000·20%) = 20000 − 10000 = 10000
    // unilevel A: source B already reduced by 30000: floor(160000·5%) − floor(110000·5%) = 8000 − 5500 = 2500
    expect(res.items.map((i) => [i.bonusId, i.clawback])).toEqual([
      ['sponsor', 10_000],
      ['unilevel', 2500],
    ]);
    expect(Object.fromEntries(res.byEarner)).toEqual({ [idx('A')]: 12_500 });
  });

  it('sums over periods to exactly old line − fully reduced line (floors do not leak)', () => {
    // A line with base 3 at 50 %: amount floor(1.5) = 1. Two single-unit returns of BV 1.
    const lines: CommittedLine[] = [
      {
        earner: 0,
        bonusId: 'unilevel',
        sourceMember: 5,
        sourceOrder: -1,
        level: 1,
        base: 3,
        rateBp: 5000,
        amount: 1,
      },
    ];
    const first = computeClawbacks(p, lines, [
      { order: 1, buyer: 5, volumeOwner: 5, bv: 1, margin: 0 },
    ]);
    // line(3) − line(2) = 1 − 1 = 0
    expect(first.total).toBe(0);
    const second = computeClawbacks(p, lines, [
      { order: 1, buyer: 5, volumeOwner: 5, bv: 1, margin: 0, priorBv: 1 },
    ]);
    // line(2) − line(1) = 1 − 0 = 1; total 0 + 1 = line(3) − line(1)
    expect(second.total).toBe(1);
  });

  it('never reduces a line below zero', () => {
    const res = computeClawbacks(
      p,
      [
        {
          earner: 0,
          bonusId: 'retail',
          sourceMember: 1,
          sourceOrder: 9,
          level: 0,
          base: 100,
          rateBp: 10_000,
          amount: 100,
        },
      ],
      [{ order: 9, buyer: 1, volumeOwner: 0, bv: 0, margin: 500 }],
    );
    expect(res.items[0]).toMatchObject({ before: 100, after: 0, clawback: 100 });
  });
});
