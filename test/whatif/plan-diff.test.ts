import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram, niceWidth } from '../../src/main/whatif/summary';
import { diffPlans, formatPlanChange } from '../../src/shared/plan-diff';
import { DEFAULT_PLAN, type Plan } from '../../src/shared/plan';

const clone = (): Plan => structuredClone(DEFAULT_PLAN);

describe('diffPlans', () => {
  it('finds nothing between equal plans', () => {
    expect(diffPlans(DEFAULT_PLAN, clone())).toEqual([]);
  });

  it('names changed rates per level, matched by bonus id and rank code (not by position)', () => {
    const b = clone();
    const uni = b.bonuses[3]!;
    if (uni.type !== 'unilevel') throw new Error('fixture');
    uni.levels = [700, 300, 200, 100];
    uni.depthByRank = { MEMBER: 1, BRONZE: 3 };
    // A new rank inserted between MEMBER and BRONZE: BRONZE and SILVER are not "changed".
    b.ranks.splice(1, 0, { code: 'STARTER', minPv: 50 });
    b.ranks[3]!.minGv = 6000;
    const changes = diffPlans(DEFAULT_PLAN, b);
    expect(changes.map(formatPlanChange)).toEqual([
      'rank STARTER: added {"code":"STARTER","minPv":50}',
      'rank SILVER minGv: 5000 → 6000',
      'bonus unilevel levels[0]: 500 → 700',
      'bonus unilevel levels[3]: added 100',
      'bonus unilevel depthByRank.BRONZE: 2 → 3',
    ]);
    expect(changes[1]).toMatchObject({ path: 'ranks[3].minGv', key: 'SILVER', area: 'rank' });
    expect(changes[2]).toMatchObject({ path: 'bonuses[3].levels[0]', before: 500, after: 700 });
  });

  it('reports removed and added bonuses, moves, payout and tax changes', () => {
    const b = clone();
    b.bonuses = b.bonuses.filter((x) => x.id !== 'matching' && x.id !== 'referral');
    b.bonuses.unshift({ id: 'referral', type: 'referral', rateBp: 800 });
    b.bonuses.push({ id: 'bonus2', type: 'matching', of: 'unilevel', levels: [100] });
    b.payout = {};
    b.tax = { profile: 'flat', rateBp: 250 };
    b.activePv = 150;
    const changes = diffPlans(DEFAULT_PLAN, b);
    expect(changes.map(formatPlanChange)).toEqual([
      'plan activePv: 100 → 150',
      'bonus matching: removed {"id":"matching","type":"matching","of":"binary","levels":[1000,500]}',
      'bonus referral (position): 1 → 0',
      'bonus referral rateBp: 500 → 800',
      'bonus bonus2: added {"id":"bonus2","type":"matching","of":"unilevel","levels":[100]}',
      'payout minimum: removed 50000',
      'tax: {"profile":"none"} → {"profile":"flat","rateBp":250}',
    ]);
    expect(changes.find((c) => c.key === 'matching')).toMatchObject({
      kind: 'removed',
      path: 'bonuses[5]',
    });
  });

  it('a bonus whose type changed is one change of the whole bonus', () => {
    const b = clone();
    b.bonuses[1] = { id: 'referral', type: 'sponsor', rateBp: 500 };
    b.bonuses = b.bonuses.filter((x, i) => i === 1 || x.type !== 'sponsor');
    const c = diffPlans(DEFAULT_PLAN, b).filter((x) => x.key === 'referral');
    expect(c).toEqual([
      expect.objectContaining({
        kind: 'changed',
        field: '',
        before: DEFAULT_PLAN.bonuses[1],
        after: b.bonuses[1],
      }),
    ]);
  });
});

describe('histogram of differences', () => {
  it('uses 1-2-5 widths', () => {
    expect([1, 20, 21, 39, 41, 99, 101, 2470, 1e6].map((r) => niceWidth(r))).toEqual([
      1, 1, 2, 2, 5, 5, 10, 200, 50000,
    ]);
  });

  it('hand example: −150, −40, 5, 5, 320 → width 50 from −150', () => {
    const h = histogram([5, -150, 320, -40, 5]);
    expect(h.width).toBe(50);
    expect(h.buckets[0]).toEqual({ from: -150, to: -100, count: 1 });
    expect(h.buckets.find((b) => b.from === -50)).toEqual({ from: -50, to: 0, count: 1 });
    expect(h.buckets.find((b) => b.from === 0)).toEqual({ from: 0, to: 50, count: 2 });
    expect(h.buckets.at(-1)).toEqual({ from: 300, to: 350, count: 1 });
    expect(histogram([])).toEqual({ width: 0, buckets: [] });
  });

  it('every difference lands in exactly one bucket, 0 is an edge, at most 21 buckets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -5e9, max: 5e9 }).filter((x) => x !== 0),
          { minLength: 1, maxLength: 60 },
        ),
        (diffs) => {
          const h = histogram(diffs);
          expect(h.buckets.length).toBeLessThanOrEqual(21);
          expect(h.buckets.reduce((s, b) => s + b.count, 0)).toBe(diffs.length);
          for (const d of diffs) {
            expect(h.buckets.filter((b) => b.from <= d && d < b.to)).toHaveLength(1);
          }
          expect(Math.abs(h.buckets[0]!.from % h.width)).toBe(0);
          for (const b of h.buckets) expect(b.from < 0 && b.to > 0).toBe(false);
        },
      ),
    );
  });
});
