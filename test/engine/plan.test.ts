import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_PLAN, parsePlan, type Plan } from '../../src/shared/plan';
import { canonicalJson } from '../../src/shared/canonical';
import { planHash } from '../../src/main/engine';
import { arbPlan } from './arbitraries';

function withPlan(mutate: (p: Record<string, unknown> & Plan) => void): unknown {
  const p = structuredClone(DEFAULT_PLAN) as Record<string, unknown> & Plan;
  mutate(p);
  return p;
}

function errorsOf(json: unknown): string[] {
  const r = parsePlan(json);
  return r.ok ? [] : r.errors;
}

describe('parsePlan', () => {
  it('accepts the example plan of plan-format.md unchanged', () => {
    const r = parsePlan(JSON.parse(JSON.stringify(DEFAULT_PLAN)));
    expect(r).toEqual({ ok: true, plan: DEFAULT_PLAN });
  });

  it('accepts a minimal plan and keeps optional fields absent (no defaults written in)', () => {
    const minimal = {
      format: 'jenjang-plan/1',
      name: 'Min',
      activePv: 0,
      ranks: [{ code: 'BASE' }],
      bonuses: [],
      payout: {},
      tax: { profile: 'none' },
    };
    const r = parsePlan(minimal);
    expect(r.ok && r.plan).toEqual(minimal);
  });

  it('names the JSON path of a negative level rate', () => {
    const json = withPlan((p) => {
      (p.bonuses[3] as { levels: number[] }).levels[1] = -1;
    });
    expect(errorsOf(json)).toEqual(['bonuses[3].levels[1]: must be ≥ 0']);
  });

  it('rejects unknown fields, naming each one', () => {
    const json = withPlan((p) => {
      p.extra = 1;
      (p.ranks[1] as Record<string, unknown>).colour = 'brown';
      (p.bonuses[4] as Record<string, unknown>).capAmont = 5;
    });
    expect(errorsOf(json).sort()).toEqual(
      [
        'extra: unknown field',
        'ranks[1].colour: unknown field',
        'bonuses[4].capAmont: unknown field',
      ].sort(),
    );
  });

  it('rejects non-integers, wrong types and missing fields with their paths', () => {
    const json = withPlan((p) => {
      (p as { activePv: unknown }).activePv = 1.5;
      (p.ranks[1] as { minGv: unknown }).minGv = '1000';
      delete (p as Partial<Plan>).tax;
      (p.payout as { minimum: unknown }).minimum = -5;
    });
    expect(errorsOf(json).sort()).toEqual(
      [
        'activePv: must be a whole number',
        'ranks[1].minGv: must be a number',
        'tax: is required',
        'payout.minimum: must be ≥ 0',
      ].sort(),
    );
  });

  it('rejects an unknown format, bonus type and tax profile', () => {
    const json = withPlan((p) => {
      (p as { format: string }).format = 'jenjang-plan/2';
      (p.bonuses[0] as { type: string }).type = 'pyramid';
      (p as { tax: unknown }).tax = { profile: 'vat' };
    });
    const errors = errorsOf(json);
    expect(errors).toContain('format: must be "jenjang-plan/1"');
    expect(errors.some((e) => e.startsWith('bonuses[0].type: must be one of "retail"'))).toBe(true);
    expect(errors.some((e) => e.startsWith('tax.profile: must be one of "none", "flat"'))).toBe(
      true,
    );
  });

  it('rejects requirements on the base rank', () => {
    const json = withPlan((p) => {
      p.ranks[0] = { code: 'MEMBER', minPv: 10 };
    });
    expect(errorsOf(json)).toEqual(['ranks[0].minPv: the base rank has no requirements']);
  });

  it('rejects unknown rank codes in legs.rank and depthByRank keys, and duplicate rank codes', () => {
    const json = withPlan((p) => {
      (p.ranks[2] as { legs: { count: number; rank: string } }).legs.rank = 'GOLD';
      (p.bonuses[3] as { depthByRank: Record<string, number> }).depthByRank.PLATINUM = 3;
      p.ranks.push({ code: 'BRONZE' });
    });
    expect(errorsOf(json).sort()).toEqual(
      [
        'ranks[3].code: duplicate rank code "BRONZE"',
        'ranks[2].legs.rank: unknown rank code "GOLD"',
        'bonuses[3].depthByRank.PLATINUM: unknown rank code "PLATINUM"',
      ].sort(),
    );
  });

  it('rejects duplicate bonus ids and a second bonus of the same type (except matching)', () => {
    const json = withPlan((p) => {
      p.bonuses.push({ id: 'retail', type: 'referral', rateBp: 100 });
      p.bonuses.push({ id: 'uni2', type: 'unilevel', levels: [100] });
      p.bonuses.push({ id: 'matching2', type: 'matching', of: 'matching', levels: [100] });
    });
    expect(errorsOf(json)).toEqual([
      'bonuses[6].id: duplicate bonus id "retail"',
      'bonuses[6].type: only one "referral" bonus is allowed (already bonuses[1])',
      'bonuses[7].type: only one "unilevel" bonus is allowed (already bonuses[3])',
    ]);
  });

  it('requires matching.of to name a bonus listed before it', () => {
    const later = withPlan((p) => {
      p.bonuses.splice(0, 0, { id: 'm0', type: 'matching', of: 'binary', levels: [100] });
    });
    expect(errorsOf(later)).toEqual([
      'bonuses[0].of: "binary" must name a bonus id listed before this matching bonus',
    ]);
    const self = withPlan((p) => {
      p.bonuses.push({ id: 'm2', type: 'matching', of: 'm2', levels: [100] });
    });
    expect(errorsOf(self)).toEqual([
      'bonuses[6].of: "m2" must name a bonus id listed before this matching bonus',
    ]);
    const unknown = withPlan((p) => {
      (p.bonuses[5] as { of: string }).of = 'nope';
    });
    expect(errorsOf(unknown)).toEqual([
      'bonuses[5].of: "nope" must name a bonus id listed before this matching bonus',
    ]);
  });

  it('checks tax profiles: flat needs rateBp, the others take no fields', () => {
    expect(parsePlan(withPlan((p) => (p.tax = { profile: 'flat', rateBp: 250 }))).ok).toBe(true);
    expect(parsePlan(withPlan((p) => (p.tax = { profile: 'id-pph21-nonemployee' }))).ok).toBe(true);
    expect(errorsOf(withPlan((p) => ((p as { tax: unknown }).tax = { profile: 'flat' })))).toEqual([
      'tax.rateBp: is required',
    ]);
    expect(
      errorsOf(withPlan((p) => ((p as { tax: unknown }).tax = { profile: 'none', rateBp: 1 }))),
    ).toEqual(['tax.rateBp: unknown field']);
  });

  it('rejects rates above 100 % and an empty level list', () => {
    const json = withPlan((p) => {
      (p.bonuses[1] as { rateBp: number }).rateBp = 10_001;
      (p.bonuses[5] as { levels: number[] }).levels = [];
    });
    expect(errorsOf(json).sort()).toEqual(
      [
        'bonuses[1].rateBp: must be ≤ 10000',
        'bonuses[5].levels: must have at least 1 item(s)',
      ].sort(),
    );
  });

  it('rejects a document that is not an object', () => {
    expect(errorsOf(42)).toEqual(['(plan): must be an object']);
    expect(errorsOf(null)).toEqual(['(plan): must be an object']);
  });
});

describe('canonicalJson and planHash', () => {
  it('sorts keys recursively and writes no spaces', () => {
    expect(canonicalJson({ b: 1, a: [{ z: true, y: null }, 'x'], c: { e: 'é', d: -0 } })).toBe(
      '{"a":[{"y":null,"z":true},"x"],"b":1,"c":{"d":0,"e":"é"}}',
    );
  });

  it('drops undefined members and rejects non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
  });

  it('hashes a plan independently of key order', () => {
    const shuffled = JSON.parse(
      '{"tax":{"profile":"none"},"payout":{"minimum":50000},"bonuses":' +
        JSON.stringify(DEFAULT_PLAN.bonuses) +
        ',"ranks":' +
        JSON.stringify(DEFAULT_PLAN.ranks) +
        ',"activePv":100,"name":"Rencana Standar 2026","format":"jenjang-plan/1"}',
    ) as unknown;
    expect(planHash(shuffled)).toBe(planHash(DEFAULT_PLAN));
    expect(planHash(DEFAULT_PLAN)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('plan schema properties', () => {
  it('round-trips: every generated plan parses back to itself with the same hash', () => {
    fc.assert(
      fc.property(arbPlan, (p) => {
        const text = JSON.stringify(p);
        const r = parsePlan(JSON.parse(text));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.plan).toEqual(p);
        expect(canonicalJson(r.plan)).toBe(canonicalJson(p));
        expect(planHash(r.plan)).toBe(planHash(JSON.parse(text)));
      }),
      { numRuns: 200 },
    );
  });
});
