import { z } from 'zod';
import { defineContract } from './channel';
import { ADMIN, ANY_ROLE, FINANCE } from '../roles';
import { zMemberCode, zMoney, zPeriod, zText } from './common';

/**
 * Period close (docs/close.md): checklist → preview (worker job) → commit (worker job, one
 * transaction) → reopen with a reason. Plus adjustments, the explain view and the job channels
 * the renderer polls while a long call runs.
 */

const int = z.number().int();
const zHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a 64-hex run hash');

/** `totals` of `close preview|commit --json` (interfaces.md). */
export const zRunTotals = z.object({
  bv: int,
  bonuses: int,
  payoutRatioBp: int,
  tax: int,
  net: int,
  carryOut: int,
});
export type RunTotalsDto = z.infer<typeof zRunTotals>;

/** The six totals of interfaces.md, in its order, out of a wider totals object. */
export function contractTotals(t: RunTotalsDto): RunTotalsDto {
  return {
    bv: t.bv,
    bonuses: t.bonuses,
    payoutRatioBp: t.payoutRatioBp,
    tax: t.tax,
    net: t.net,
    carryOut: t.carryOut,
  };
}

/** Totals plus the extra figures the close screen shows. */
export const zRunTotalsExt = zRunTotals.extend({
  adjustments: int,
  clawbacks: int,
  carryIn: int,
  gross: int,
  members: int,
  distributors: int,
  active: int,
  paid: int,
  held: int,
  lines: int,
  bonusesById: z.record(z.string(), int),
});
export type RunTotalsExt = z.infer<typeof zRunTotalsExt>;

/** One entry of `members` in `close preview|commit --json` (interfaces.md). */
export const zMemberJson = z.object({
  code: z.string(),
  kind: z.enum(['distributor', 'customer']),
  rank: z.string().nullable(),
  active: z.boolean(),
  pv: int,
  gv: int,
  bv: int,
  bonuses: z.record(z.string(), int),
  adjustments: int,
  clawbacks: int,
  carryIn: int,
  gross: int,
  available: int,
  held: z.boolean(),
  paid: z.boolean(),
  tax: int,
  net: int,
  carryOut: int,
  binaryCarry: z.object({ left: int, right: int }).optional(),
});
export type MemberJsonDto = z.infer<typeof zMemberJson>;

export const zDiffRow = z.object({
  code: z.string(),
  name: z.string(),
  rankBefore: z.string().nullable(),
  rankAfter: z.string().nullable(),
  grossBefore: int.nullable(),
  grossAfter: int,
  netBefore: int.nullable(),
  netAfter: int,
  /** grossAfter − grossBefore (before = 0 when absent). */
  delta: int,
});
export type DiffRow = z.infer<typeof zDiffRow>;

export const zPreview = z.object({
  period: zPeriod,
  planVersion: int,
  planName: z.string(),
  planHash: zHash,
  runHash: zHash,
  computedAt: z.string(),
  previewedBy: z.string(),
  totals: zRunTotalsExt,
  bonusTotals: z.array(z.object({ id: z.string(), type: z.string(), amount: int })),
  /** Things the accountant should know (e.g. an earlier period still open). */
  warnings: z.array(z.string()),
  /** The previous committed run (carry-in and binary carry come from it). */
  previous: z
    .object({ period: zPeriod, runHash: zHash, planVersion: int, totals: zRunTotals })
    .nullable(),
  rankChanges: z.object({
    counts: z.array(
      z.object({ from: z.string().nullable(), to: z.string().nullable(), count: int }),
    ),
    promoted: int,
    demoted: int,
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
      }),
    ),
  }),
  topEarners: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      rank: z.string().nullable(),
      bonusTotal: int,
      gross: int,
      net: int,
      paid: z.boolean(),
    }),
  ),
  /** Largest changes per member against the previous committed run. */
  diffPrevious: z.object({ base: zPeriod.nullable(), changed: int, rows: z.array(zDiffRow) }),
  /** Changes against the previous preview of the same period (what moved since). */
  diffPreview: z.object({
    base: z.object({ previewedAt: z.string(), previewedBy: z.string(), runHash: zHash }).nullable(),
    changed: int,
    rows: z.array(zDiffRow),
  }),
  held: z.object({
    count: int,
    amount: int,
    rows: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        available: int,
        reasons: z.array(z.string()),
      }),
    ),
  }),
  /** Every member (interfaces.md JSON), only when asked for. */
  members: z.array(zMemberJson).optional(),
});
export type PreviewDto = z.infer<typeof zPreview>;

export const zCommitResult = z.object({
  period: zPeriod,
  runId: int,
  planVersion: int,
  planHash: zHash,
  runHash: zHash,
  totals: zRunTotalsExt,
  committedBy: z.string(),
  previewedBy: z.string().nullable(),
  members: z.array(zMemberJson).optional(),
});
export type CommitResultDto = z.infer<typeof zCommitResult>;

export const zRunInfo = z.object({
  runId: int,
  period: zPeriod,
  status: z.enum(['committed', 'superseded']),
  planVersion: int,
  planHash: zHash,
  runHash: zHash,
  totals: zRunTotalsExt,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  previewedBy: z.string().nullable(),
  supersededAt: z.string().nullable(),
  supersedeReason: z.string().nullable(),
});
export type RunInfo = z.infer<typeof zRunInfo>;

export const zAdjustment = z.object({
  id: int,
  memberCode: z.string(),
  memberName: z.string(),
  period: zPeriod,
  amount: int,
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AdjustmentDto = z.infer<typeof zAdjustment>;

export const zChecklist = z.object({
  period: zPeriod,
  status: z.enum(['open', 'closed']),
  hasData: z.boolean(),
  run: zRunInfo.nullable(),
  superseded: z.array(zRunInfo),
  plan: z.object({ version: int, name: z.string(), planHash: zHash }).nullable(),
  /** Earlier periods with data that are not committed (commit is refused while any remain). */
  blockers: z.array(zPeriod),
  /** A later period already committed (commit of this one is refused). */
  laterClosed: zPeriod.nullable(),
  canPreview: z.boolean(),
  canCommit: z.boolean(),
  canReopen: z.boolean(),
  /** bv and sales are null for very large periods (not summed on the app's thread). */
  orders: z.object({ orders: int, lines: int, bv: int.nullable(), sales: int.nullable() }),
  returns: z.object({
    /** Returned lines dated in the period that net out of their (open) order period. */
    netted: int,
    /** Returned lines dated in the period whose order period was closed: charged here. */
    clawbacks: int,
  }),
  adjustments: z.object({ count: int, total: int, rows: z.array(zAdjustment) }),
  holds: z.object({
    onHoldCount: int,
    onHold: z.array(z.object({ code: z.string(), name: z.string(), reason: z.string() })),
    /** Active distributors without a bank account (held: no bank). */
    missingBankCount: int,
    missingBank: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
  lastPreview: z
    .object({
      runHash: zHash,
      planVersion: int,
      previewedBy: z.string(),
      previewedAt: z.string(),
    })
    .nullable(),
  makerChecker: z.boolean(),
});
export type ChecklistDto = z.infer<typeof zChecklist>;

const zExplainLine = z.object({
  level: int,
  sourceCode: z.string().nullable(),
  sourceOrderNo: z.string().nullable(),
  base: int,
  rateBp: int,
  amount: int,
});
const zWhyNot = z.object({
  code: z.string(),
  message: z.string(),
  sourceCode: z.string().nullable(),
  sourceOrderNo: z.string().nullable(),
  level: int.nullable(),
  base: int,
  rateBp: int,
  missed: int,
});

export const zExplain = z.object({
  period: zPeriod,
  /** committed: lines read from the stored run; computed: the period is open, computed now. */
  source: z.enum(['committed', 'computed']),
  runHash: zHash,
  planVersion: int,
  member: z.object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['distributor', 'customer']),
    status: z.string(),
    rank: z.string().nullable(),
    active: z.boolean(),
    pv: int,
    gv: int,
    bv: int,
    inactiveReason: z.string().nullable(),
  }),
  bonuses: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      amount: int,
      lines: z.array(zExplainLine),
      whyNot: z.array(zWhyNot),
      whyNotOmitted: int,
    }),
  ),
  adjustments: z.array(
    z.object({
      id: int,
      amount: int,
      reason: z.string(),
      createdBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  clawbacks: z.array(
    z.object({
      bonusId: z.string(),
      sourcePeriod: zPeriod,
      sourceCode: z.string().nullable(),
      sourceOrderNo: z.string().nullable(),
      level: int,
      base: int,
      rateBp: int,
      before: int,
      after: int,
      amount: int,
    }),
  ),
  rankChecks: z.array(
    z.object({ rank: z.string(), achieved: z.boolean(), unmet: z.array(z.string()) }),
  ),
  binary: z
    .object({
      carryInL: int,
      carryInR: int,
      legBvL: int,
      legBvR: int,
      qualified: z.boolean(),
      pair: int,
      uncapped: int,
      amount: int,
      carryOutL: int,
      carryOutR: int,
    })
    .nullable(),
  payout: z.object({
    bonusTotal: int,
    adjustments: int,
    clawbacks: int,
    carryIn: int,
    gross: int,
    available: int,
    minimum: int,
    held: z.boolean(),
    heldReasons: z.array(z.string()),
    paid: z.boolean(),
    notPaidReason: z.string().nullable(),
    taxProfile: z.string(),
    taxBase: int,
    tax: int,
    net: int,
    carryOut: int,
  }),
  notes: z.array(z.string()),
});
export type ExplainDto = z.infer<typeof zExplain>;

export const zJobStatus = z.enum(['running', 'done', 'error', 'cancelled']);
export const zJob = z.object({
  id: z.string(),
  channel: z.string(),
  status: zJobStatus,
  progress: z.object({ stage: z.string(), done: int, total: int }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The channel's output when done (typed by the channel's contract). */
  result: z.unknown().optional(),
  /** `details` as the channel's error carried it (an import's problems: `{ errors }`). */
  error: z
    .object({ code: z.string(), message: z.string(), details: z.unknown().optional() })
    .optional(),
});
export type JobDto = z.infer<typeof zJob>;

const zCloseInput = z
  .object({
    period: zPeriod,
    /** Include every member (interfaces.md JSON); the CLI's --json asks for it. */
    members: z.boolean().default(false),
  })
  .strict();

export const closeContract = defineContract({
  'close:checklist': {
    input: z.object({ period: zPeriod }).strict(),
    output: zChecklist,
    roles: ANY_ROLE,
  },
  'close:preview': {
    input: zCloseInput,
    output: zPreview,
    roles: FINANCE,
    job: true,
  },
  'close:commit': {
    input: zCloseInput.extend({
      /** The run hash the user reviewed: commit is refused if the data changed since. */
      expectRunHash: zHash.optional(),
    }),
    output: zCommitResult,
    roles: FINANCE,
    job: true,
  },
  'close:reopen': {
    input: z.object({ period: zPeriod, reason: zText(500) }).strict(),
    output: z.object({ period: zPeriod, supersededRunId: int, runHash: zHash }),
    roles: FINANCE,
  },
  'close:run': {
    input: zCloseInput,
    output: zRunInfo.extend({ members: z.array(zMemberJson).optional() }),
    roles: ANY_ROLE,
  },
  'close:history': {
    input: z.object({ period: zPeriod }).strict(),
    output: z.array(zRunInfo),
    roles: ANY_ROLE,
  },
  'close:explain': {
    input: z.object({ period: zPeriod, member: zMemberCode }).strict(),
    output: zExplain,
    roles: ANY_ROLE,
    job: true,
  },
  'close:settings': {
    input: z.object({}).strict(),
    output: z.object({ makerChecker: z.boolean() }),
    roles: ANY_ROLE,
  },
  'close:setSettings': {
    input: z.object({ makerChecker: z.boolean() }).strict(),
    output: z.object({ makerChecker: z.boolean() }),
    roles: ADMIN,
  },
  'adjustments:list': {
    input: z.object({ period: zPeriod }).strict(),
    output: z.array(zAdjustment),
    roles: ANY_ROLE,
  },
  'adjustments:add': {
    input: z
      .object({
        member: zMemberCode,
        period: zPeriod,
        amount: zMoney.refine((v) => v !== 0, 'amount must not be 0'),
        reason: zText(500),
      })
      .strict(),
    output: zAdjustment,
    roles: FINANCE,
  },
  'adjustments:remove': {
    input: z.object({ id: int.min(1), reason: zText(500) }).strict(),
    output: z.object({ id: int }),
    roles: FINANCE,
  },
  'jobs:start': {
    input: z.object({ channel: z.string().max(64), input: z.unknown() }).strict(),
    output: z.object({ jobId: z.string(), channel: z.string() }),
    roles: ANY_ROLE,
  },
  'jobs:get': {
    input: z.object({ id: z.string().max(64) }).strict(),
    output: zJob,
    roles: ANY_ROLE,
  },
  'jobs:cancel': {
    input: z.object({ id: z.string().max(64) }).strict(),
    output: zJob,
    roles: ANY_ROLE,
  },
});
