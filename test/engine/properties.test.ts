import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Plan } from '../../src/shared/plan';
import type { PeriodSnapshot } from '../../src/main/engine/types';
import {
  canonicalJson,
  computeRun,
  createSnapshot,
  depthOf,
  explainMember,
  membersCanonicalText,
  planHash,
  runHash,
  runHashOf,
  runToJson,
  type SnapshotInput,
} from './props-support';
import { arbPlan, arbWorld, permuted } from './arbitraries';
import { referenceRun } from './reference';

const RUNS = 300;

function compute(p: Plan, world: SnapshotInput, bucketShift?: number) {
  const snap = createSnapshot(world);
  const result = computeRun(p, snap, bucketShift === undefined ? {} : { bucketShift });
  return { snap, result, json: runToJson(p, snap, result) };
}

describe('engine properties over random trees and orders', () => {
  it('agrees exactly with the naive reference implementation of plan-format.md', () => {
    fc.assert(
      fc.property(
        arbPlan,
        arbWorld,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (p, world, memberOrder, orderOrder) => {
          const expected = referenceRun(p, world);
          // Members in registration order (sponsors first: the engine keeps the input order) …
          expect(compute(p, world).json).toEqual(expected);
          // … and shuffled (sponsors after members: the engine orders the tree breadth-first).
          expect(compute(p, permuted(world, memberOrder, orderOrder)).json).toEqual(expected);
          // Tiny buckets/blocks, so the cross-bucket paths of the memory-friendly passes run.
          expect(compute(p, world, 1).json).toEqual(expected);
          expect(compute(p, permuted(world, memberOrder, orderOrder), 2).json).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never produces negative or fractional amounts; lines add up to member amounts and totals', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const { result } = compute(p, world);
        const L = result.lines;
        const sums = p.bonuses.map(() => new Map<number, number>());
        let total = 0;
        for (let i = 0; i < L.count; i++) {
          const amount = L.amount[i] as number;
          expect(amount).toBeGreaterThan(0);
          expect(Number.isInteger(amount)).toBe(true);
          const s = sums[L.bonus[i] as number] as Map<number, number>;
          s.set(L.earner[i] as number, (s.get(L.earner[i] as number) ?? 0) + amount);
          total += amount;
        }
        const M = result.members;
        p.bonuses.forEach((_, b) => {
          const arr = M.bonus[b] as Float64Array;
          for (let m = 0; m < M.count; m++) {
            expect(arr[m]).toBeGreaterThanOrEqual(0);
            expect(arr[m]).toBe((sums[b] as Map<number, number>).get(m) ?? 0);
          }
        });
        expect(result.totals.bonuses).toBe(total);
        for (let m = 0; m < M.count; m++) {
          expect(M.tax[m]).toBeGreaterThanOrEqual(0);
          expect((M.net[m] as number) + (M.tax[m] as number) + (M.carryOut[m] as number)).toBe(
            M.available[m],
          );
          if (M.paid[m]) expect(M.held[m]).toBe(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('unilevel pays a source at most Σ level rates × BV, only to active members within their rank depth', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const ui = p.bonuses.findIndex((b) => b.type === 'unilevel');
        if (ui < 0) return;
        const uni = p.bonuses[ui];
        if (uni?.type !== 'unilevel') return;
        const { result } = compute(p, world);
        const L = result.lines;
        const M = result.members;
        const perSource = new Map<number, number>();
        const levelsSeen = new Map<number, number[]>();
        for (let i = 0; i < L.count; i++) {
          if (L.bonus[i] !== ui) continue;
          const earner = L.earner[i] as number;
          const src = L.sourceMember[i] as number;
          const level = L.level[i] as number;
          expect(M.active[earner]).toBe(1); // compression never pays an inactive member
          expect(level).toBeLessThanOrEqual(depthOf(p, uni, M.rank[earner] as number));
          perSource.set(src, (perSource.get(src) ?? 0) + (L.amount[i] as number));
          levelsSeen.set(src, [...(levelsSeen.get(src) ?? []), level]);
        }
        const rateSum = uni.levels.reduce((s, r) => s + r, 0);
        for (const [src, paid] of perSource) {
          expect(paid).toBeLessThanOrEqual(((M.bv[src] as number) * rateSum) / 10000);
          const levels = levelsSeen.get(src) ?? [];
          expect(new Set(levels).size).toBe(levels.length); // each level paid once per source
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('earners: only active distributors, except retail/referral (status active; referral also customers)', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const { snap, result } = compute(p, world);
        const L = result.lines;
        for (let i = 0; i < L.count; i++) {
          const type = p.bonuses[L.bonus[i] as number]?.type;
          const e = L.earner[i] as number;
          expect(snap.members.status[e]).toBe(0);
          if (type !== 'referral') expect(snap.members.kind[e]).toBe(0);
          if (type !== 'retail' && type !== 'referral') expect(result.members.active[e]).toBe(1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('lines without a retail margin summed into `bought` give the same run, lines and explain', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const full = createSnapshot(world);
        const expected = computeRun(p, full);
        const snap = summarised(full);
        const result = computeRun(p, snap);
        expect(runToJson(p, snap, result)).toEqual(runToJson(p, full, expected));
        expect(result.lines).toEqual(expected.lines);
        for (let m = 0; m < snap.members.count; m++) {
          expect(explainMember(p, snap, m, result)).toEqual(explainMember(p, full, m, expected));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on the order of members or orders in the snapshot', () => {
    fc.assert(
      fc.property(
        arbPlan,
        arbWorld,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (p, world, memberOrder, orderOrder) => {
          const a = compute(p, world).json;
          const b = compute(p, permuted(world, memberOrder, orderOrder)).json;
          expect(b).toEqual(a);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('same input ⇒ same run hash', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const ph = planHash(p);
        const h1 = runHash(world.period, ph, compute(p, world).json);
        const h2 = runHash(
          world.period,
          ph,
          compute(structuredClone(p), structuredClone(world)).json,
        );
        expect(h1).toBe(h2);
        expect(h1).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 100 },
    );
  });

  it('the hash written straight from the result arrays equals the hash of the printed members', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const { snap, result, json } = compute(p, world);
        expect(membersCanonicalText(p, snap, result)).toBe(
          '{"members":[' + json.map((x) => canonicalJson(x)).join(','),
        );
        const ph = planHash(p);
        expect(runHashOf(p, ph, snap, result)).toBe(runHash(world.period, ph, json));
      }),
      { numRuns: 100 },
    );
  });

  it('explain agrees with the run: lines per bonus add up, binary figures match the carry', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const { snap, result } = compute(p, world);
        const M = result.members;
        for (let m = 0; m < snap.members.count; m++) {
          const x = explainMember(p, snap, m, result);
          x.bonuses.forEach((b, i) => {
            expect(b.lines.reduce((s, l) => s + l.amount, 0)).toBe((M.bonus[i] as Float64Array)[m]);
            for (const w of b.whyNot) {
              // compression is reported for inactive members only, depth limits for active ones
              if (w.code === 'COMPRESSED') expect(M.active[m]).toBe(0);
              if (w.code === 'BEYOND_RANK_DEPTH') expect(M.active[m]).toBe(1);
              expect(w.missed).toBeGreaterThanOrEqual(0);
            }
          });
          const bi = p.bonuses.findIndex((b) => b.type === 'binary');
          if (x.binary && bi >= 0) {
            expect(x.binary.amount).toBe((M.bonus[bi] as Float64Array)[m]);
            expect([x.binary.carryOutL, x.binary.carryOutR]).toEqual([
              M.binaryCarryL[m],
              M.binaryCarryR[m],
            ]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('explain accounts for every unilevel walk that reaches a member: paid, skipped or beyond depth', () => {
    fc.assert(
      fc.property(arbPlan, arbWorld, (p, world) => {
        const ui = p.bonuses.findIndex((b) => b.type === 'unilevel');
        const uni = p.bonuses[ui];
        if (uni?.type !== 'unilevel') return;
        const { snap, result } = compute(p, world);
        const M = result.members;
        const L = uni.levels.length;
        // Expected, walking up from every source as plan-format.md says: member → "source@level".
        const expected = new Map<number, string[]>();
        for (let s = 0; s < snap.members.count; s++) {
          if (snap.members.kind[s] !== 0 || (M.bv[s] as number) <= 0) continue;
          let a = M.parent[s] as number;
          let level = 1;
          while (a >= 0 && level <= L) {
            const tag = `${snap.members.code[s]}@${level}`;
            expected.set(a, [...(expected.get(a) ?? []), tag]);
            if (M.active[a]) level++;
            a = M.parent[a] as number;
          }
        }
        for (let m = 0; m < snap.members.count; m++) {
          if (snap.members.kind[m] !== 0) continue;
          const b = explainMember(p, snap, m, result, { maxWhyNot: 1e9 }).bonuses[ui];
          const seen = [
            ...(b?.lines ?? []).map((l) => `${l.sourceCode}@${l.level}`),
            ...(b?.whyNot ?? []).map((w) => `${w.sourceCode}@${w.level}`),
          ].sort();
          expect(seen).toEqual([...(expected.get(m) ?? [])].sort());
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** What the close's loader does: list only the lines that can earn a retail margin, sum the rest. */
function summarised(snap: PeriodSnapshot): PeriodSnapshot {
  const L = snap.lines;
  const keep: number[] = [];
  const pv = new Float64Array(snap.members.count);
  const bv = new Float64Array(snap.members.count);
  for (let i = 0; i < L.count; i++) {
    if ((L.unitPrice[i] as number) > (L.memberPrice[i] as number)) keep.push(i);
    else {
      const b = L.buyer[i] as number;
      pv[b] = (pv[b] as number) + (L.qty[i] as number) * (L.pv[i] as number);
      bv[b] = (bv[b] as number) + (L.qty[i] as number) * (L.bv[i] as number);
    }
  }
  const pick = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(keep.length);
    keep.forEach((i, k) => (out[k] = a[i] as number));
    return out;
  };
  return {
    ...snap,
    lines: {
      count: keep.length,
      order: pick(L.order),
      buyer: pick(L.buyer),
      qty: pick(L.qty),
      unitPrice: pick(L.unitPrice),
      memberPrice: pick(L.memberPrice),
      pv: pick(L.pv),
      bv: pick(L.bv),
    },
    bought: { pv, bv },
  };
}
