import { describe, expect, it } from 'vitest';
import { computeTax, pasal17 } from '../../src/main/engine';
import { c, d, m, plan, run } from './helpers';

describe('payout', () => {
  // Amounts come from adjustments so only the payout rules are at work. Minimum 50000.
  const p = plan({ payout: { minimum: 50_000 } });
  const r = run(p, [
    d('A'),
    d('P1', 'A', { adjustments: 60_000 }),
    d('P2', 'A', { adjustments: 30_000, carryIn: 25_000 }),
    d('P3', 'A', { adjustments: 40_000 }),
    d('P4', 'A', { adjustments: -20_000, carryIn: 5_000 }),
    d('P5', 'A', { adjustments: 100_000, hold: true }),
    d('P6', 'A', { adjustments: 10_000, bank: false }),
    d('P7', 'A', { adjustments: 10_000, status: 'suspended' }),
    d('P8', 'A', { adjustments: 100_000, clawbacks: 70_000, carryIn: 30_000 }),
    d('P9', 'A', { adjustments: 50_000 }),
  ]);

  it('pays when available ≥ minimum', () => {
    // P1: available 60000 → paid, net 60000, carryOut 0
    expect(m(r, 'P1')).toMatchObject({
      gross: 60_000,
      available: 60_000,
      held: false,
      paid: true,
      tax: 0,
      net: 60_000,
      carryOut: 0,
    });
    // P2: 25000 carried in + 30000 = 55000 → paid
    expect(m(r, 'P2')).toMatchObject({
      carryIn: 25_000,
      gross: 30_000,
      available: 55_000,
      paid: true,
      net: 55_000,
    });
    // P9: exactly the minimum → paid
    expect(m(r, 'P9')).toMatchObject({ available: 50_000, paid: true });
  });

  it('carries forward below the minimum, and negative balances too', () => {
    expect(m(r, 'P3')).toMatchObject({
      available: 40_000,
      paid: false,
      held: false,
      net: 0,
      carryOut: 40_000,
    });
    // P4: gross −20000 + carry 5000 = −15000 → carried as a negative balance
    expect(m(r, 'P4')).toMatchObject({
      gross: -20_000,
      available: -15_000,
      paid: false,
      carryOut: -15_000,
    });
  });

  it('holds: payout hold, missing bank account, status not active', () => {
    expect(m(r, 'P5')).toMatchObject({ held: true, paid: false, carryOut: 100_000 });
    expect(m(r, 'P6')).toMatchObject({ held: true, paid: false, carryOut: 10_000 });
    expect(m(r, 'P7')).toMatchObject({ held: true, paid: false, carryOut: 10_000 });
  });

  it('subtracts clawbacks from gross', () => {
    // P8: gross = 0 bonuses + 100000 − 70000 = 30000; available = 30000 + 30000 = 60000 → paid
    expect(m(r, 'P8')).toMatchObject({
      adjustments: 100_000,
      clawbacks: 70_000,
      gross: 30_000,
      available: 60_000,
      paid: true,
    });
  });

  it('totals sum over all members', () => {
    // net: P1 60000 + P2 55000 + P8 60000 + P9 50000 = 225000
    // carryOut: P3 40000 + P4 −15000 + P5 100000 + P6 10000 + P7 10000 = 145000
    expect(r.result.totals).toEqual({
      bv: 0,
      bonuses: 0,
      payoutRatioBp: 0,
      tax: 0,
      net: 225_000,
      carryOut: 145_000,
    });
  });

  it('never pays a zero balance, even with minimum 0', () => {
    const r0 = run(plan(), [d('A'), c('K', 'A', { adjustments: 1 })]);
    expect(m(r0, 'A')).toMatchObject({ available: 0, paid: false, carryOut: 0 });
    expect(m(r0, 'K')).toMatchObject({ available: 1, paid: true, net: 1 });
  });

  it('computes the payout ratio from bonuses (not adjustments) over BV, floored', () => {
    // BV 30000 (P's own order); referral: none. retail: none. unilevel 5% to A: 1500.
    // adjustments do not count: ratio = floor(1500 · 10000 / 30000) = 500 bp.
    const r2 = run(
      plan({ activePv: 0, bonuses: [{ id: 'uni', type: 'unilevel', levels: [500] }] }),
      [d('A', null, { adjustments: 999 }), d('P', 'A')],
      [{ buyer: 'P', lines: [{ qty: 3, bv: 10_000 }] }],
    );
    expect(r2.result.totals).toMatchObject({ bv: 30_000, bonuses: 1500, payoutRatioBp: 500 });
  });
});

describe('tax profiles', () => {
  it('none withholds nothing', () => {
    expect(computeTax({ profile: 'none' }, 1_000_000, true)).toEqual({ tax: 0, base: 0 });
  });

  it('flat applies the rate to available, floored', () => {
    // floor(1000001 · 250 / 10000) = floor(25000.025) = 25000
    expect(computeTax({ profile: 'flat', rateBp: 250 }, 1_000_001, true)).toEqual({
      tax: 25_000,
      base: 1_000_001,
    });
    // floor(39 · 250 / 10000) = floor(0.975) = 0
    expect(computeTax({ profile: 'flat', rateBp: 250 }, 39, false).tax).toBe(0);
  });

  describe('PPh 21 non-employee', () => {
    const pph = { profile: 'id-pph21-nonemployee' } as const;
    const tax = (available: number, hasTaxId = true): number =>
      computeTax(pph, available, hasTaxId).tax;

    it('taxes 50 % of the payment, floored, at 5 % up to Rp 60 juta', () => {
      // base = floor(100000001 / 2) = 50000000 → 5 % = 2500000
      expect(computeTax(pph, 100_000_001, true)).toEqual({ tax: 2_500_000, base: 50_000_000 });
      // base 49 → 2.45 → 2
      expect(tax(99)).toBe(2);
      // base 1 → 0.05 → 0; base 0 → 0
      expect(tax(3)).toBe(0);
      expect(tax(1)).toBe(0);
    });

    it('crosses the Rp 60 juta boundary', () => {
      // base 60000000 → 5 % · 60M = 3000000 exactly
      expect(tax(120_000_000)).toBe(3_000_000);
      // base 60000001 → 3000000 + 15 % · 1 = 3000000.15 → 3000000
      expect(tax(120_000_002)).toBe(3_000_000);
      // base 60000010 → 3000000 + 1.5 → 3000001
      expect(tax(120_000_020)).toBe(3_000_001);
      // base 59999999 → 2999999.95 → 2999999
      expect(tax(119_999_998)).toBe(2_999_999);
    });

    it('crosses the Rp 250 juta boundary', () => {
      // base 250000000 → 3000000 + 15 % · 190000000 (28500000) = 31500000
      expect(tax(500_000_000)).toBe(31_500_000);
      // base 250000005 → 31500000 + 25 % · 5 = 31500001.25 → 31500001
      expect(tax(500_000_010)).toBe(31_500_001);
      // base 249999999 → 31500000 − 0.15 = 31499999.85 → 31499999
      expect(tax(499_999_998)).toBe(31_499_999);
    });

    it('applies 25 %, 30 % and 35 % above', () => {
      // base 500000000 → 31500000 + 25 % · 250000000 (62500000) = 94000000
      expect(tax(1_000_000_000)).toBe(94_000_000);
      // base 6000000000 → 94000000 + 30 % · 4500000000 (1350000000) + 35 % · 1000000000 (350000000)
      //                = 1794000000
      expect(tax(12_000_000_000)).toBe(1_794_000_000);
      expect(pasal17(5_000_000_000)).toBe(1_444_000_000);
    });

    it('adds 20 % without NPWP/NIK, floored once more', () => {
      // 2500000 · 120 / 100 = 3000000
      expect(tax(100_000_001, false)).toBe(3_000_000);
      // 3000001 · 1.2 = 3600001.2 → 3600001
      expect(tax(120_000_020, false)).toBe(3_600_001);
      // base 49 → 2 → 2.4 → 2
      expect(tax(99, false)).toBe(2);
    });

    it('is applied in the payout to paid members only, with the tax base recorded', () => {
      const r = run(plan({ tax: pph, payout: { minimum: 100 } }), [
        d('A', null, { adjustments: 120_000_020 }), // tax 3000001 (has tax id)
        d('B', 'A', { adjustments: 120_000_020, taxId: false }), // 3600001
        d('C', 'A', { adjustments: 99 }), // below minimum: no tax
        d('H', 'A', { adjustments: 120_000_020, hold: true }), // held: no tax
      ]);
      expect(m(r, 'A')).toMatchObject({ paid: true, tax: 3_000_001, net: 117_000_019 });
      expect(m(r, 'B')).toMatchObject({ paid: true, tax: 3_600_001, net: 116_400_019 });
      expect(m(r, 'C')).toMatchObject({ paid: false, tax: 0, net: 0, carryOut: 99 });
      expect(m(r, 'H')).toMatchObject({ paid: false, tax: 0 });
      const idx = r.snap.members.code.indexOf('A');
      expect(r.result.members.taxBase[idx]).toBe(60_000_010);
      expect(r.result.totals.tax).toBe(6_600_002);
    });
  });
});
