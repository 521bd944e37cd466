import { describe, expect, it } from 'vitest';
import { buy, c, d, m, plan, pvOnly, run } from './helpers';

describe('volumes', () => {
  // Tree: A ─ B ─ C1(customer) ─ C2(customer) ─ C3(customer); Z is a customer with no sponsor.
  const members = [
    d('A'),
    d('B', 'A'),
    c('C1', 'B'),
    c('C2', 'C1'),
    c('C3', 'C2'),
    c('Z', null),
    d('S', 'A', { status: 'suspended' }),
  ];
  const orders = [
    // B's own order: PV 2·30 + 1·20 = 80, BV 2·50000 + 1·10000 = 110000
    buy('B', [
      { qty: 2, pv: 30, bv: 50_000 },
      { qty: 1, pv: 20, bv: 10_000 },
    ]),
    // C1 → volume owner B: PV 10, BV 20000
    buy('C1', { qty: 1, pv: 10, bv: 20_000 }),
    // C3 → C2 → C1 → B (customers roll up through customer sponsors): PV 15, BV 12000
    buy('C3', { qty: 3, pv: 5, bv: 4_000 }),
    // A: PV 100, BV 150000
    buy('A', { qty: 1, pv: 100, bv: 150_000 }),
    // Z has no distributor above: counts for nobody
    buy('Z', { qty: 1, pv: 50, bv: 1_000 }),
    // fully returned line (qty netted to 0): nothing
    buy('A', { qty: 0, pv: 999, bv: 999_999 }),
    // S is suspended: volume counts, but S is not active
    buy('S', { qty: 1, pv: 500, bv: 0 }),
  ];
  const r = run(plan(), members, orders);

  it('rolls customer orders up to the nearest distributor through customer sponsors', () => {
    // PV(B) = 80 + 10 + 15 = 105, BV(B) = 110000 + 20000 + 12000 = 142000
    expect(m(r, 'B')).toMatchObject({ pv: 105, bv: 142_000, gv: 105, active: true });
    // GV(A) = PV(A) 100 + GV(B) 105 + GV(S) 500 = 705
    expect(m(r, 'A')).toMatchObject({ pv: 100, bv: 150_000, gv: 705, active: true });
  });

  it('reports customers with zero volume, no rank, never active', () => {
    for (const code of ['C1', 'C2', 'C3', 'Z']) {
      expect(m(r, code)).toMatchObject({
        kind: 'customer',
        rank: null,
        active: false,
        pv: 0,
        gv: 0,
        bv: 0,
      });
    }
  });

  it('keeps own BV of customers for referral (not in PV/BV output)', () => {
    const idx = (code: string): number => r.snap.members.code.indexOf(code);
    expect(r.result.members.ownBv[idx('C1')]).toBe(20_000);
    expect(r.result.members.ownBv[idx('C2')]).toBe(0);
    expect(r.result.members.ownBv[idx('C3')]).toBe(12_000);
    // Z's order counted for nobody's volume
    expect(r.result.members.volumeOwner[idx('Z')]).toBe(-1);
    expect(r.result.members.volumeOwner[idx('C3')]).toBe(idx('B'));
  });

  it('active needs status active and PV ≥ activePv', () => {
    expect(m(r, 'S')).toMatchObject({ pv: 500, active: false });
  });

  it('totals.bv is the BV of all distributors; orders of unowned customers are excluded', () => {
    // 150000 (A) + 142000 (B) + 0 (S)
    expect(r.result.totals.bv).toBe(292_000);
  });

  it('PV exactly at activePv is active, one below is not', () => {
    const r2 = run(
      plan({ activePv: 100 }),
      [d('A'), d('B', 'A')],
      [pvOnly('A', 100), pvOnly('B', 99)],
    );
    expect(m(r2, 'A').active).toBe(true);
    expect(m(r2, 'B').active).toBe(false);
  });
});

describe('ranks', () => {
  const ranks = [
    { code: 'MEMBER' },
    { code: 'BRONZE', minPv: 100, minGv: 1000 },
    {
      code: 'SILVER',
      minPv: 100,
      minGv: 5000,
      maxLegShareBp: 6000,
      legs: { count: 2, rank: 'BRONZE' },
    },
  ];
  // SILVER leg cap = floor(5000 · 6000 / 10000) = 3000.
  const p = plan({ ranks });

  it('caps each leg at maxLegShareBp of minGv when counting qualifying GV', () => {
    // S: PV 100; legs L1 (GV 1000 + 3000 = 4000), L2 (GV 1000), L3 (GV 500)
    // GV(S) = 100 + 4000 + 1000 + 500 = 5600 ≥ 5000, but
    // qGV = 100 + min(4000, 3000) + 1000 + 500 = 4600 < 5000 → not SILVER; BRONZE (PV 100, GV ≥ 1000).
    // L1: PV 1000, GV 4000 → BRONZE (SILVER needs GV 5000). L1a: PV 3000 → BRONZE. L2: BRONZE. L3: GV 500 → MEMBER.
    const r = run(
      p,
      [d('S'), d('L1', 'S'), d('L1a', 'L1'), d('L2', 'S'), d('L3', 'S')],
      [
        pvOnly('S', 100),
        pvOnly('L1', 1000),
        pvOnly('L1a', 3000),
        pvOnly('L2', 1000),
        pvOnly('L3', 500),
      ],
    );
    expect(m(r, 'S')).toMatchObject({ gv: 5600, rank: 'BRONZE' });
    expect(m(r, 'L1')).toMatchObject({ gv: 4000, rank: 'BRONZE' });
    expect(m(r, 'L1a').rank).toBe('BRONZE');
    expect(m(r, 'L2').rank).toBe('BRONZE');
    expect(m(r, 'L3').rank).toBe('MEMBER');
  });

  it('reaches SILVER when qualifying GV and qualified legs both suffice', () => {
    // Same as above but T3 has PV 1000:
    // qGV = 100 + min(4000, 3000) + 1000 + 1000 = 5100 ≥ 5000; legs holding ≥ BRONZE: T1, T2, T3 = 3 ≥ 2.
    const r = run(
      p,
      [d('T'), d('T1', 'T'), d('T1a', 'T1'), d('T2', 'T'), d('T3', 'T')],
      [
        pvOnly('T', 100),
        pvOnly('T1', 1000),
        pvOnly('T1a', 3000),
        pvOnly('T2', 1000),
        pvOnly('T3', 1000),
      ],
    );
    expect(m(r, 'T')).toMatchObject({ gv: 6100, rank: 'SILVER' });
  });

  it('needs `count` legs holding the rank; the holder may sit deep in the leg', () => {
    // U: PV 100; U1 PV 3000 (BRONZE); U2, U3, U4 PV 900 each (GV 900 < 1000 → MEMBER).
    // qGV = 100 + 3000 + 3·900 = 5800 ≥ 5000, but only 1 leg holds BRONZE → not SILVER → BRONZE.
    const r = run(
      p,
      [d('U'), d('U1', 'U'), d('U2', 'U'), d('U3', 'U'), d('U4', 'U')],
      [
        pvOnly('U', 100),
        pvOnly('U1', 3000),
        pvOnly('U2', 900),
        pvOnly('U3', 900),
        pvOnly('U4', 900),
      ],
    );
    expect(m(r, 'U').rank).toBe('BRONZE');

    // V: PV 100; V1 PV 3000 (BRONZE); V2 PV 0 (MEMBER) with child V2a PV 1000 (BRONZE); V3 PV 900.
    // qGV = 100 + min(3000,3000) + min(1000,3000) + 900 = 5000 ≥ 5000 (exactly);
    // legs holding ≥ BRONZE: V1, V2 (via V2a) = 2 → SILVER.
    const r2 = run(
      p,
      [d('V'), d('V1', 'V'), d('V2', 'V'), d('V2a', 'V2'), d('V3', 'V')],
      [pvOnly('V', 100), pvOnly('V1', 3000), pvOnly('V2a', 1000), pvOnly('V3', 900)],
    );
    expect(m(r2, 'V2').rank).toBe('MEMBER');
    expect(m(r2, 'V')).toMatchObject({ gv: 5000, rank: 'SILVER' });
  });

  it('gives the base rank to members whose status is not active, whatever their volume', () => {
    // W is suspended with PV 5000 and GV 5000: base rank. Its leg still counts for its sponsor's
    // ranks through its subtree: W1 below it is BRONZE.
    const r = run(
      p,
      [d('W', null, { status: 'suspended' }), d('W1', 'W'), d('X', null, { status: 'terminated' })],
      [pvOnly('W', 5000), pvOnly('W1', 1000), pvOnly('X', 9000)],
    );
    expect(m(r, 'W')).toMatchObject({ gv: 6000, rank: 'MEMBER', active: false });
    expect(m(r, 'W1').rank).toBe('BRONZE');
    expect(m(r, 'X').rank).toBe('MEMBER');
  });

  it('minPv is checked on PV alone, not activePv', () => {
    // activePv 500 but BRONZE minPv 100: Y (PV 200, GV 1200) is BRONZE while not active.
    const r = run(
      plan({ ranks, activePv: 500 }),
      [d('Y'), d('Y1', 'Y')],
      [pvOnly('Y', 200), pvOnly('Y1', 1000)],
    );
    expect(m(r, 'Y')).toMatchObject({ rank: 'BRONZE', active: false });
  });
});
