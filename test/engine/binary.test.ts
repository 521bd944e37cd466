import { describe, expect, it } from 'vitest';
import type { BinaryBonus } from '../../src/shared/plan';
import type { MemberInput } from '../../src/main/engine';
import { buy, d, m, plan, pvOnly, run } from './helpers';

function binaryPlan(extra: Partial<BinaryBonus> = {}) {
  return plan({ bonuses: [{ id: 'binary', type: 'binary', rateBp: 1000, ...extra }] });
}

// Placement:        M            (carry in: L 50000, R 0)
//                 /   \
//                L     R
//               /
//             LL
// Everyone sponsored by M. BV: L 300000, LL 200000, R 400000; all active (PV 100).
function members(mExtra: Partial<MemberInput> = {}, rSponsor = 'M'): MemberInput[] {
  return [
    d('M', null, { binaryCarryIn: { left: 50_000, right: 0 }, ...mExtra }),
    d('L', 'M', { placement: 'M', leg: 'L' }),
    d('R', rSponsor, { placement: 'M', leg: 'R' }),
    d('LL', 'M', { placement: 'L', leg: 'L' }),
  ];
}
const orders = [
  pvOnly('M', 100),
  buy('L', { qty: 1, pv: 100, bv: 300_000 }),
  buy('LL', { qty: 1, pv: 100, bv: 200_000 }),
  buy('R', { qty: 1, pv: 100, bv: 400_000 }),
];

describe('binary', () => {
  it('pairs the weaker leg, pays the rate and carries the rest', () => {
    const r = run(binaryPlan(), members(), orders);
    // inL(M) = 50000 + 300000 + 200000 = 550000; inR(M) = 400000.
    // pair 400000 → floor(400000 · 1000 / 10000) = 40000; carry L 150000, R 0.
    expect(m(r, 'M')).toMatchObject({
      bonuses: { binary: 40_000 },
      binaryCarry: { left: 150_000, right: 0 },
    });
    // L: inL = 200000, inR = 0 → pair 0, earns 0, carries 200000 / 0.
    expect(m(r, 'L')).toMatchObject({
      bonuses: { binary: 0 },
      binaryCarry: { left: 200_000, right: 0 },
    });
    expect(m(r, 'LL').binaryCarry).toEqual({ left: 0, right: 0 });
    expect(r.lines.filter((l) => l.bonus === 'binary')).toEqual([
      {
        earner: 'M',
        bonus: 'binary',
        source: null,
        order: null,
        level: 0,
        base: 400_000,
        rateBp: 1000,
        amount: 40_000,
      },
    ]);
  });

  it('flushes the pair above the cap', () => {
    const r = run(binaryPlan({ capAmount: 30_000 }), members(), orders);
    // min(40000, 30000) = 30000; the whole pair 400000 still leaves both legs.
    expect(m(r, 'M')).toMatchObject({
      bonuses: { binary: 30_000 },
      binaryCarry: { left: 150_000, right: 0 },
    });
  });

  it('carries both legs whole when the member does not qualify (not active)', () => {
    const r = run(binaryPlan(), members(), orders.slice(1)); // M has PV 0
    expect(m(r, 'M')).toMatchObject({
      bonuses: { binary: 0 },
      binaryCarry: { left: 550_000, right: 400_000 },
    });
  });

  it('resets the carry of a terminated member to 0', () => {
    const r = run(binaryPlan(), members({ status: 'terminated' }), orders);
    expect(m(r, 'M')).toMatchObject({ bonuses: { binary: 0 }, binaryCarry: { left: 0, right: 0 } });
  });

  it('keeps the carry of a suspended member whole', () => {
    const r = run(binaryPlan(), members({ status: 'suspended' }), orders);
    expect(m(r, 'M').binaryCarry).toEqual({ left: 550_000, right: 400_000 });
  });

  describe('requireSponsoredActiveEachLeg', () => {
    const p = binaryPlan({ requireSponsoredActiveEachLeg: true });

    it('qualifies with an active personally sponsored distributor in each leg', () => {
      const r = run(p, members(), orders);
      expect(m(r, 'M').bonuses.binary).toBe(40_000);
    });

    it('does not qualify when a leg holds no distributor the member sponsored', () => {
      // R sponsored by L, not by M: the right leg holds nobody M sponsored → carry whole.
      const r = run(p, members({}, 'L'), orders);
      expect(m(r, 'M')).toMatchObject({
        bonuses: { binary: 0 },
        binaryCarry: { left: 550_000, right: 400_000 },
      });
    });

    it('does not count a sponsored member who is not active', () => {
      // R has PV 0 (BV 400000 from a customer-free order with pv 0): inactive.
      const r = run(p, members(), [
        ...orders.slice(0, 3),
        buy('R', { qty: 1, pv: 0, bv: 400_000 }),
      ]);
      expect(m(r, 'M').bonuses.binary).toBe(0);
    });

    it('finds the sponsored active distributor anywhere in the leg', () => {
      // R (sponsored by L, inactive) has RR below it, sponsored by M and active → right leg qualifies.
      // inR = BV(R) 400000 + BV(RR) 0 = 400000 → same pair as before: 40000.
      const r = run(
        p,
        [...members({}, 'L'), d('RR', 'M', { placement: 'R', leg: 'L' })],
        [...orders, pvOnly('RR', 100)],
      );
      expect(m(r, 'M').bonuses.binary).toBe(40_000);
    });
  });

  it('feeds matching with the binary amounts', () => {
    const p = plan({
      bonuses: [
        { id: 'binary', type: 'binary', rateBp: 1000 },
        { id: 'matching', type: 'matching', of: 'binary', levels: [1000, 500] },
      ],
    });
    // TOP (active) sponsors M. M earns 40000 → TOP level 1: floor(40000 · 10%) = 4000.
    const r = run(
      p,
      [d('TOP'), ...members().map((x) => (x.code === 'M' ? { ...x, sponsor: 'TOP' } : x))],
      [...orders, pvOnly('TOP', 100)],
    );
    expect(r.linesOf('matching')).toEqual(['TOP<-M@1=4000']);
  });

  it('omits binaryCarry from the JSON when the plan has no binary bonus', () => {
    const r = run(plan(), members(), orders);
    expect(m(r, 'M').binaryCarry).toBeUndefined();
  });
});
