import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE, FINANCE } from '../roles';
import { zPeriod } from './common';

/**
 * Compensation plan versions (plan-format.md): every `plans:set` stores a new immutable,
 * numbered version with the SHA-256 of its canonical JSON. A close uses the latest adopted
 * version in force for its period and records version + hash on the run.
 */

export const zPlanVersion = z.object({
  version: z.number().int().min(1),
  name: z.string(),
  planHash: z.string().length(64),
  status: z.enum(['adopted', 'draft']),
  /** First period the version applies to; null = from its adoption on, for every open period. */
  effectivePeriod: zPeriod.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** Periods whose committed run used this version. */
  committedPeriods: z.array(zPeriod),
});
export type PlanVersionRow = z.infer<typeof zPlanVersion>;

/** The plan document itself travels as JSON; main validates it with parsePlan. */
const zPlanDocument = z.unknown();

export const plansContract = defineContract({
  'plans:set': {
    input: z.object({ plan: zPlanDocument, effectivePeriod: zPeriod.optional() }).strict(),
    output: zPlanVersion,
    roles: FINANCE,
  },
  'plans:validate': {
    input: z.object({ plan: zPlanDocument }).strict(),
    output: z.object({
      ok: z.boolean(),
      errors: z.array(z.string()),
      planHash: z.string().nullable(),
    }),
    roles: ANY_ROLE,
  },
  'plans:show': {
    input: z.object({ version: z.number().int().min(1).optional() }).strict(),
    output: zPlanVersion.extend({ plan: z.unknown() }),
    roles: ANY_ROLE,
  },
  'plans:list': {
    input: z.object({}).strict(),
    output: z.array(zPlanVersion),
    roles: ANY_ROLE,
  },
  'plans:current': {
    input: z.object({ period: zPeriod.optional() }).strict(),
    output: zPlanVersion.extend({ plan: z.unknown() }).nullable(),
    roles: ANY_ROLE,
  },
});
