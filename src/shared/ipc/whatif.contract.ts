import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE, FINANCE } from '../roles';
import { zPeriod, zText } from './common';
import { zPlanVersion } from './plans.contract';
import { PAYOUT_READERS, zFilePayload, zLang } from './payouts.contract';

/**
 * Plan drafts and the what-if simulator (docs/whatif.md).
 *
 * - `planDrafts:*`: candidate plans being worked on. A draft is mutable text (it may be invalid
 *   JSON while someone types); adopting it stores it as the next immutable plan version with an
 *   effective period, and the draft is kept, frozen, with the version it became.
 * - `whatif:run` (job): recompute committed period(s) with a candidate plan on a read-only
 *   connection and compare with the plan that was used. `whatif:export` (job): the same
 *   comparison as an XLSX workbook. Nothing is written by either.
 */

const int = z.number().int();

// ---- drafts --------------------------------------------------------------------------------

export const zPlanDraft = z.object({
  id: int,
  name: z.string(),
  /** SHA-256 of the plan's canonical JSON when the text is a valid plan, else null. */
  planHash: z.string().nullable(),
  valid: z.boolean(),
  /** The adopted version the draft started from (what its diff is against). */
  baseVersion: int.nullable(),
  /** Set once adopted: the plan version it became (the draft is frozen then). */
  adoptedVersion: int.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type PlanDraftDto = z.infer<typeof zPlanDraft>;

export const zPlanDraftWithText = zPlanDraft.extend({
  /** The draft exactly as saved (JSON text of a plan, possibly invalid). */
  text: z.string(),
  /** Validation errors naming JSON paths (empty when valid). */
  errors: z.array(z.string()),
});
export type PlanDraftWithTextDto = z.infer<typeof zPlanDraftWithText>;

/** A plan document is at most this long as text (a real plan is a few kB). */
export const MAX_PLAN_TEXT = 200_000;

// ---- what-if -------------------------------------------------------------------------------

/** At most this many periods in one simulation. */
export const MAX_WHATIF_PERIODS = 24;

export const zWhatIfInput = z
  .object({
    /** Committed periods to recompute (any order; computed oldest first). */
    periods: z.array(zPeriod).min(1).max(MAX_WHATIF_PERIODS),
    /** The candidate plan document (validated in main with parsePlan) … */
    plan: z.unknown().optional(),
    /** … or a saved draft. */
    draftId: int.min(1).optional(),
    /** How many gainers and losers to list. */
    top: int.min(1).max(500).default(50),
  })
  .strict()
  .refine((v) => (v.plan === undefined) !== (v.draftId === undefined), {
    message: 'give either plan or draftId',
    path: ['plan'],
  });

export const zWhatIfTotals = z.object({
  bv: int,
  bonuses: int,
  payoutRatioBp: int,
  gross: int,
  tax: int,
  net: int,
  /** Balances kept back at the end of the last period. */
  carryOut: int,
  /** Members (× periods) with a bonus > 0 / paid / active distributors. */
  earners: int,
  paid: int,
  active: int,
});
export type WhatIfTotals = z.infer<typeof zWhatIfTotals>;

export const zWhatIfMemberRow = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['distributor', 'customer']),
  /** Rank in the last period computed (null for customers). */
  baselineRank: z.string().nullable(),
  candidateRank: z.string().nullable(),
  baseline: int,
  candidate: int,
  diff: int,
});
export type WhatIfMemberRow = z.infer<typeof zWhatIfMemberRow>;

/** Per member comparison of one measure (bonuses or net), summed over the periods. */
export const zWhatIfMeasure = z.object({
  /** Members with a non-zero amount in the baseline or the candidate. */
  compared: int,
  gainers: int,
  losers: int,
  unchanged: int,
  totalGain: int,
  totalLoss: int,
  topGainers: z.array(zWhatIfMemberRow),
  topLosers: z.array(zWhatIfMemberRow),
  /** Distribution of the non-zero differences: buckets [from, to). */
  histogram: z.object({
    width: int,
    buckets: z.array(z.object({ from: int, to: int, count: int })),
  }),
});
export type WhatIfMeasure = z.infer<typeof zWhatIfMeasure>;

export const zPlanChange = z.object({
  kind: z.enum(['added', 'removed', 'changed']),
  area: z.enum(['plan', 'rank', 'bonus', 'payout', 'tax']),
  key: z.string().nullable(),
  field: z.string(),
  path: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const zWhatIfResult = z.object({
  periods: z.array(zPeriod),
  candidate: z.object({ name: z.string(), planHash: z.string() }),
  /** The plan versions the committed runs used (distinct, oldest first). */
  baselinePlans: z.array(z.object({ version: int, name: z.string(), planHash: z.string() })),
  /** Candidate vs the plan of the last period's committed run. */
  planChanges: z.array(zPlanChange),
  perPeriod: z.array(
    z.object({
      period: zPeriod,
      planVersion: int,
      committedRunHash: z.string(),
      /** The committed plan recomputed on today's data: equal to the committed run? */
      baselineRunHash: z.string(),
      reproduced: z.boolean(),
      candidateRunHash: z.string(),
      /** Candidate carry-in (payout and binary) taken from the candidate's previous period. */
      chained: z.boolean(),
      baseline: zWhatIfTotals,
      candidate: zWhatIfTotals,
    }),
  ),
  totals: z.object({ baseline: zWhatIfTotals, candidate: zWhatIfTotals }),
  byBonus: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      inBaseline: z.boolean(),
      inCandidate: z.boolean(),
      baseline: int,
      candidate: int,
    }),
  ),
  byRank: z.array(
    z.object({
      /** Rank code; null = customers. */
      rank: z.string().nullable(),
      baselineMembers: int,
      candidateMembers: int,
      baselineBonuses: int,
      candidateBonuses: int,
    }),
  ),
  members: z.object({ bonuses: zWhatIfMeasure, net: zWhatIfMeasure }),
  warnings: z.array(z.string()),
});
export type WhatIfResultDto = z.infer<typeof zWhatIfResult>;

export const whatifContract = defineContract({
  'planDrafts:list': {
    input: z.object({}).strict(),
    output: z.array(zPlanDraft),
    roles: ANY_ROLE,
  },
  'planDrafts:get': {
    input: z.object({ id: int.min(1) }).strict(),
    output: zPlanDraftWithText,
    roles: ANY_ROLE,
  },
  'planDrafts:save': {
    input: z
      .object({
        /** Absent: a new draft. */
        id: int.min(1).optional(),
        /** Absent: the plan's own name when the text is a valid plan. */
        name: zText(120).optional(),
        text: z.string().max(MAX_PLAN_TEXT),
        baseVersion: int.min(1).nullable().optional(),
      })
      .strict(),
    output: zPlanDraftWithText,
    roles: FINANCE,
  },
  'planDrafts:delete': {
    input: z.object({ id: int.min(1) }).strict(),
    output: z.object({ id: int }),
    roles: FINANCE,
  },
  'planDrafts:adopt': {
    input: z
      .object({
        id: int.min(1),
        /** First period the new version applies to; absent = every open period. */
        effectivePeriod: zPeriod.optional(),
      })
      .strict(),
    output: z.object({ draft: zPlanDraft, version: zPlanVersion }),
    roles: FINANCE,
  },
  'whatif:run': {
    input: zWhatIfInput,
    output: zWhatIfResult,
    roles: PAYOUT_READERS,
    job: true,
  },
  'whatif:export': {
    input: z
      .object({
        periods: z.array(zPeriod).min(1).max(MAX_WHATIF_PERIODS),
        plan: z.unknown().optional(),
        draftId: int.min(1).optional(),
        lang: zLang.default('id'),
      })
      .strict()
      .refine((v) => (v.plan === undefined) !== (v.draftId === undefined), {
        message: 'give either plan or draftId',
        path: ['plan'],
      }),
    output: zFilePayload,
    roles: PAYOUT_READERS,
    job: true,
  },
});
