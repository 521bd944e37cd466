import { z } from 'zod';

/**
 * Compensation plan `jenjang-plan/1` (docs: /work/shared/docs/plan-format.md, docs/plan-engine.md).
 *
 * The schema keeps the document exactly as written: optional fields stay absent (no zod
 * defaults), so a parsed plan re-serialises to the same canonical JSON and hashes the same. The
 * engine applies the documented defaults (minPv 0, payout.minimum 0, …) when it reads the plan.
 *
 * Validation runs in two passes: structure (zod, strict objects), then cross-references (rank
 * codes, bonus ids, matching order) once the structure is sound. Every error names a JSON path.
 */

/** Upper bounds where plan-format.md is silent; see docs/plan-engine.md "Plan validation". */
export const PLAN_LIMITS = { ranks: 64, bonuses: 64, levels: 100, maxBp: 10_000 } as const;

const CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;

const count = z.int().min(0);
const bp = z.int().min(0).max(PLAN_LIMITS.maxBp);
const code = z.string().regex(CODE_RE, 'must be 1–32 characters of A–Z a–z 0–9 _ -');
const levels = z.array(bp).min(1).max(PLAN_LIMITS.levels);
const depthByRank = z.record(z.string(), count);

const rankSchema = z.strictObject({
  code,
  minPv: count.optional(),
  minGv: count.optional(),
  maxLegShareBp: bp.optional(),
  legs: z.strictObject({ count, rank: code }).optional(),
});

const retailSchema = z.strictObject({ id: code, type: z.literal('retail') });
const referralSchema = z.strictObject({ id: code, type: z.literal('referral'), rateBp: bp });
const sponsorSchema = z.strictObject({ id: code, type: z.literal('sponsor'), rateBp: bp });
const unilevelSchema = z.strictObject({
  id: code,
  type: z.literal('unilevel'),
  levels,
  depthByRank: depthByRank.optional(),
});
const binarySchema = z.strictObject({
  id: code,
  type: z.literal('binary'),
  rateBp: bp,
  capAmount: count.optional(),
  requireSponsoredActiveEachLeg: z.boolean().optional(),
});
const matchingSchema = z.strictObject({
  id: code,
  type: z.literal('matching'),
  of: code,
  levels,
  depthByRank: depthByRank.optional(),
});

const bonusSchema = z.discriminatedUnion('type', [
  retailSchema,
  referralSchema,
  sponsorSchema,
  unilevelSchema,
  binarySchema,
  matchingSchema,
]);

const taxSchema = z.discriminatedUnion('profile', [
  z.strictObject({ profile: z.literal('none') }),
  z.strictObject({ profile: z.literal('flat'), rateBp: bp }),
  z.strictObject({ profile: z.literal('id-pph21-nonemployee') }),
]);

export const planSchema = z.strictObject({
  format: z.literal('jenjang-plan/1'),
  name: z.string().regex(/\S/, 'must not be blank'),
  activePv: count,
  ranks: z.array(rankSchema).min(1).max(PLAN_LIMITS.ranks),
  bonuses: z.array(bonusSchema).max(PLAN_LIMITS.bonuses),
  payout: z.strictObject({ minimum: count.optional() }),
  tax: taxSchema,
});

export type Plan = z.infer<typeof planSchema>;
export type PlanRank = z.infer<typeof rankSchema>;
export type PlanBonus = z.infer<typeof bonusSchema>;
export type BonusType = PlanBonus['type'];
export type RetailBonus = z.infer<typeof retailSchema>;
export type ReferralBonus = z.infer<typeof referralSchema>;
export type SponsorBonus = z.infer<typeof sponsorSchema>;
export type UnilevelBonus = z.infer<typeof unilevelSchema>;
export type BinaryBonus = z.infer<typeof binarySchema>;
export type MatchingBonus = z.infer<typeof matchingSchema>;
export type TaxProfile = z.infer<typeof taxSchema>;

export const BONUS_TYPES: readonly BonusType[] = [
  'retail',
  'referral',
  'sponsor',
  'unilevel',
  'binary',
  'matching',
];

export type ParsePlanResult = { ok: true; plan: Plan } | { ok: false; errors: string[] };

/** Validates a plan document (already JSON-parsed). Errors read `bonuses[3].levels[1]: must be ≥ 0`. */
export function parsePlan(json: unknown): ParsePlanResult {
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.flatMap(describeIssue) };
  }
  const errors = crossCheck(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, plan: parsed.data };
}

/** The example plan of plan-format.md; used for a new database and in tests. */
export const DEFAULT_PLAN: Plan = {
  format: 'jenjang-plan/1',
  name: 'Rencana Standar 2026',
  activePv: 100,
  ranks: [
    { code: 'MEMBER' },
    { code: 'BRONZE', minPv: 100, minGv: 1000 },
    {
      code: 'SILVER',
      minPv: 100,
      minGv: 5000,
      maxLegShareBp: 6000,
      legs: { count: 2, rank: 'BRONZE' },
    },
  ],
  bonuses: [
    { id: 'retail', type: 'retail' },
    { id: 'referral', type: 'referral', rateBp: 500 },
    { id: 'sponsor', type: 'sponsor', rateBp: 2000 },
    {
      id: 'unilevel',
      type: 'unilevel',
      levels: [500, 300, 200],
      depthByRank: { MEMBER: 1, BRONZE: 2 },
    },
    {
      id: 'binary',
      type: 'binary',
      rateBp: 1000,
      capAmount: 5000000,
      requireSponsoredActiveEachLeg: true,
    },
    { id: 'matching', type: 'matching', of: 'binary', levels: [1000, 500] },
  ],
  payout: { minimum: 50000 },
  tax: { profile: 'none' },
};

// ---------------------------------------------------------------------------------------------

/** `['bonuses', 3, 'levels', 1]` → `bonuses[3].levels[1]` */
export function formatPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s === '' ? String(p) : `.${String(p)}`;
  }
  return s === '' ? '(plan)' : s;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      // Name the offending field itself, so the path points at what to delete.
      return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown field`);
    case 'too_small':
      if (issue.origin === 'array') return [`${at}: must have at least ${issue.minimum} item(s)`];
      if (issue.origin === 'string') return [`${at}: must not be empty`];
      return [`${at}: must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`];
    case 'too_big':
      if (issue.origin === 'array') return [`${at}: must have at most ${issue.maximum} item(s)`];
      return [`${at}: must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum}`];
    case 'invalid_type':
      // zod reports a missing field as "received undefined" (the input itself is not kept).
      if (issue.message.endsWith('received undefined')) return [`${at}: is required`];
      if (issue.expected === 'int') return [`${at}: must be a whole number`];
      return [
        `${at}: must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`,
      ];
    case 'invalid_value':
      return [`${at}: must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`];
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return [`${at}: must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`];
      }
      return [`${at}: ${issue.message}`];
    case 'invalid_format':
      return [`${at}: ${issue.message}`];
    default:
      return [`${at}: ${issue.message}`];
  }
}

/** Rules zod cannot express per field: references between ranks and bonuses. */
function crossCheck(plan: Plan): string[] {
  const errors: string[] = [];
  const rankCodes = new Map<string, number>();

  plan.ranks.forEach((rank, i) => {
    if (rankCodes.has(rank.code)) {
      errors.push(`ranks[${i}].code: duplicate rank code "${rank.code}"`);
    } else {
      rankCodes.set(rank.code, i);
    }
  });

  const base = plan.ranks[0];
  if (base) {
    for (const key of Object.keys(base)) {
      if (key !== 'code') errors.push(`ranks[0].${key}: the base rank has no requirements`);
    }
  }

  plan.ranks.forEach((rank, i) => {
    if (rank.legs && !rankCodes.has(rank.legs.rank)) {
      errors.push(`ranks[${i}].legs.rank: unknown rank code "${rank.legs.rank}"`);
    }
  });

  const bonusIndex = new Map<string, number>();
  const typeSeen = new Map<BonusType, number>();
  plan.bonuses.forEach((bonus, i) => {
    if (bonusIndex.has(bonus.id)) {
      errors.push(`bonuses[${i}].id: duplicate bonus id "${bonus.id}"`);
    }
    if (bonus.type !== 'matching') {
      const first = typeSeen.get(bonus.type);
      if (first !== undefined) {
        errors.push(
          `bonuses[${i}].type: only one "${bonus.type}" bonus is allowed (already bonuses[${first}])`,
        );
      } else {
        typeSeen.set(bonus.type, i);
      }
    }
    if (bonus.type === 'unilevel' || bonus.type === 'matching') {
      for (const key of Object.keys(bonus.depthByRank ?? {})) {
        if (!rankCodes.has(key)) {
          errors.push(`bonuses[${i}].depthByRank.${key}: unknown rank code "${key}"`);
        }
      }
    }
    if (bonus.type === 'matching' && !bonusIndex.has(bonus.of)) {
      errors.push(
        `bonuses[${i}].of: "${bonus.of}" must name a bonus id listed before this matching bonus`,
      );
    }
    if (!bonusIndex.has(bonus.id)) bonusIndex.set(bonus.id, i);
  });

  return errors;
}
