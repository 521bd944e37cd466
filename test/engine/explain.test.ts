import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/shared/plan';
import { explainMember, type MemberExplanation } from '../../src/main/engine';
import { buy, c, d, plan, pvOnly, run, type Ran } from './helpers';

function explain(p: Plan, r: Ran, code: string): MemberExplanation {
  return explainMember(p, r.snap, r.snap.members.code.indexOf(code), r.result);
}

function bonus(x: MemberExplanation, id: string) {
  const b = x.bonuses.find((y) => y.id === id);
  if (!b) throw new Error(`no bonus ${id}`);
  return b;
}

describe('explain: unilevel why-not', () => {
  const ranks: Plan['ranks'] = [
    { code: 'MEMBER' },
    { code: 'BRONZE', minPv: 200 },
    { code: 'GOLD', minPv: 300 },
  ];
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
  // Same trees as the unilevel test: A ─ B ─ C (inactive) ─ S; F ─ E ─ D ─ S2; H ─ G ─ S3.
  const r = run(
    p,
    [
      d('A'),
      d('B', 'A'),
      d('C', 'B'),
      d('S', 'C'),
      d('F'),
      d('E', 'F'),
      d('D', 'E'),
      d('S2', 'D'),
      d('H'),
      d('G', 'H'),
      d('S3', 'G'),
    ],
    [
      pvOnly('A', 200),
      pvOnly('B', 100),
      pvOnly('F', 200),
      pvOnly('E', 100),
      pvOnly('D', 100),
      pvOnly('H', 200),
      pvOnly('G', 300),
      buy('S', { qty: 1, bv: 100_000 }),
      buy('S2', { qty: 1, bv: 10_000 }),
      buy('S3', { qty: 1, bv: 10_000 }),
    ],
  );

  it('lists the paid lines of the member', () => {
    const x = explain(p, r, 'B');
    expect(bonus(x, 'uni')).toMatchObject({
      amount: 5000,
      lines: [{ sourceCode: 'S', level: 1, base: 100_000, rateBp: 500, amount: 5000 }],
      whyNot: [],
    });
  });

  it('says an inactive member was compressed past, with what it missed', () => {
    const x = explain(p, r, 'C');
    expect(x.active).toBe(false);
    expect(x.inactiveReason).toBe('PV 0 is below activePv 100');
    // S's walk reaches C first: level 1 → 5 % of 100000 = 5000 passed on to B.
    expect(bonus(x, 'uni').whyNot).toMatchObject([
      { code: 'COMPRESSED', sourceCode: 'S', level: 1, missed: 5000 },
    ]);
  });

  it('says when a level is beyond the depth of the rank, also for a rank missing from depthByRank', () => {
    // E (MEMBER, depth 1) is reached at level 2 by S2: 3 % of 10000 = 300 missed.
    expect(bonus(explain(p, r, 'E'), 'uni').whyNot).toMatchObject([
      { code: 'BEYOND_RANK_DEPTH', sourceCode: 'S2', level: 2, missed: 300 },
    ]);
    // G (GOLD, not in depthByRank → depth 0) is reached at level 1 by S3: 5 % of 10000 = 500.
    expect(bonus(explain(p, r, 'G'), 'uni').whyNot).toMatchObject([
      { code: 'BEYOND_RANK_DEPTH', sourceCode: 'S3', level: 1, missed: 500 },
    ]);
  });

  it('explains the rank: which requirement of each higher rank is unmet', () => {
    const x = explain(p, r, 'E');
    expect(x.rank).toBe('MEMBER');
    expect(x.rankChecks).toEqual([
      { rank: 'BRONZE', index: 1, achieved: false, unmet: ['PV 100 < minPv 200'] },
      { rank: 'GOLD', index: 2, achieved: false, unmet: ['PV 100 < minPv 300'] },
    ]);
  });

  it('caps the why-not list and counts what it left out', () => {
    const x = explainMember(p, r.snap, r.snap.members.code.indexOf('C'), r.result, {
      maxWhyNot: 0,
    });
    expect(bonus(x, 'uni')).toMatchObject({ whyNot: [], whyNotOmitted: 1 });
  });
});

describe('explain: binary why-not', () => {
  const members = [
    d('M'),
    d('L', 'M', { placement: 'M', leg: 'L' }),
    d('R', 'L', { placement: 'M', leg: 'R' }),
  ];
  const orders = [
    pvOnly('M', 100),
    buy('L', { qty: 1, pv: 100, bv: 300_000 }),
    buy('R', { qty: 1, pv: 100, bv: 400_000 }),
  ];

  it('reports a leg without an active personally sponsored distributor', () => {
    const p = plan({
      bonuses: [
        { id: 'binary', type: 'binary', rateBp: 1000, requireSponsoredActiveEachLeg: true },
      ],
    });
    const x = explain(p, run(p, members, orders), 'M');
    expect(x.binary).toMatchObject({
      inL: 300_000,
      inR: 400_000,
      qualified: false,
      sponsoredActiveLeft: true,
      sponsoredActiveRight: false,
      carryOutL: 300_000,
      carryOutR: 400_000,
    });
    // would have paid floor(300000 · 10%) = 30000
    expect(bonus(x, 'binary').whyNot).toMatchObject([
      { code: 'LEG_NOT_QUALIFIED', missed: 30_000 },
    ]);
    expect(bonus(x, 'binary').whyNot[0]?.message).toContain('right leg');
  });

  it('reports a cap hit with the flushed amount', () => {
    const p = plan({
      bonuses: [{ id: 'binary', type: 'binary', rateBp: 1000, capAmount: 25_000 }],
    });
    const x = explain(p, run(p, members, orders), 'M');
    // pair 300000 → 30000, capped at 25000: 5000 flushed
    expect(bonus(x, 'binary')).toMatchObject({
      amount: 25_000,
      whyNot: [{ code: 'CAP_HIT', missed: 5000 }],
    });
    expect(x.binary).toMatchObject({
      pair: 300_000,
      uncapped: 30_000,
      amount: 25_000,
      carryOutL: 0,
      carryOutR: 100_000,
    });
  });

  it('reports an inactive member carrying its legs', () => {
    const p = plan({ bonuses: [{ id: 'binary', type: 'binary', rateBp: 1000 }] });
    const x = explain(p, run(p, members, orders.slice(1)), 'M');
    expect(bonus(x, 'binary').whyNot).toMatchObject([{ code: 'NOT_ACTIVE', missed: 30_000 }]);
  });
});

describe('explain: retail, referral, sponsor, payout', () => {
  const p = plan({
    payout: { minimum: 50_000 },
    bonuses: [
      { id: 'retail', type: 'retail' },
      { id: 'referral', type: 'referral', rateBp: 500 },
      { id: 'sponsor', type: 'sponsor', rateBp: 2000 },
    ],
  });
  const r = run(
    p,
    [
      d('S', null, { status: 'suspended' }),
      c('K', 'S'),
      d('N', 'S', { join: '2026-10-03' }),
      d('A', null, { bank: false }),
    ],
    [
      buy('K', { qty: 2, unitPrice: 15_000, memberPrice: 10_000, bv: 8_000 }, 77),
      buy('N', { qty: 1, bv: 10_000 }),
      buy('A', { qty: 1, pv: 100, bv: 0 }),
    ],
  );

  it('says why a suspended member earned no retail, referral or sponsor bonus', () => {
    const x = explain(p, r, 'S');
    // retail: 2 · (15000 − 10000) = 10000; referral: floor(16000 · 5%) = 800; sponsor: floor(10000 · 20%) = 2000
    expect(bonus(x, 'retail').whyNot).toMatchObject([
      { code: 'STATUS_NOT_ACTIVE', sourceCode: 'K', sourceOrder: 77, missed: 10_000 },
    ]);
    expect(bonus(x, 'referral').whyNot).toMatchObject([
      { code: 'STATUS_NOT_ACTIVE', sourceCode: 'K', missed: 800 },
    ]);
    expect(bonus(x, 'sponsor').whyNot).toMatchObject([
      { code: 'NOT_ACTIVE', sourceCode: 'N', missed: 2000 },
    ]);
    expect(x.payout).toMatchObject({ held: true, heldReasons: ['status suspended'], paid: false });
  });

  it('explains an unpaid balance', () => {
    const x = explain(p, r, 'A');
    expect(x.payout).toMatchObject({
      held: true,
      heldReasons: ['no bank account'],
      notPaidReason: 'held: no bank account',
    });
    const k = explain(p, r, 'K');
    expect(k).toMatchObject({ kind: 'customer', volumeOwner: 'S', rank: null, rankChecks: [] });
    expect(k.payout.notPaidReason).toBe('nothing available (balance ≤ 0 carries forward)');
  });
});
