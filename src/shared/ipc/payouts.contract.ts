import { z } from 'zod';
import { defineContract } from './channel';
import { FINANCE, type Role } from '../roles';
import { zDate, zMemberCode, zMoney, zPageRequest, zPeriod, zText } from './common';

/**
 * Payouts of committed periods (issue 8): the payout sheet, bank transfer files, payout batches
 * (paid / failed per transfer, failures carried forward) and member statements.
 * Files travel as base64 bytes: the renderer turns them into a download (Blob URL), the CLI
 * writes them to disk. Numbers always come from the committed run, never recomputed.
 */

/** Finance can act; managers (viewer) may look at payout figures. */
export const PAYOUT_READERS: readonly Role[] = ['admin', 'accountant', 'viewer'];

const int = z.number().int();

export const zTableFormat = z.enum(['csv', 'xlsx']);
export const zLang = z.enum(['id', 'en']);
export const zBankLayout = z.enum(['generic', 'mandiri']);

export const zFilePayload = z.object({
  fileName: z.string(),
  mime: z.string(),
  /** File bytes, base64. */
  base64: z.string(),
  bytes: int,
});
export type FilePayloadDto = z.infer<typeof zFilePayload>;

const zTotals = z.object({
  bonuses: zMoney,
  adjustments: zMoney,
  clawbacks: zMoney,
  gross: zMoney,
  tax: zMoney,
  net: zMoney,
  carryOut: zMoney,
});

export const zBatchCounts = z.object({
  pending: int,
  pendingAmount: zMoney,
  paid: int,
  paidAmount: zMoney,
  failed: int,
  failedAmount: zMoney,
  void: int,
});

export const zPayoutPeriod = z.object({
  period: zPeriod,
  runId: int,
  runHash: z.string(),
  planVersion: int,
  committedAt: z.string(),
  /** Members with any money on their row (the payout sheet's rows). */
  members: int,
  paidMembers: int,
  bv: zMoney,
  payoutRatioBp: int,
  totals: zTotals,
  batch: z
    .object({
      createdAt: z.string(),
      lastExportAt: z.string().nullable(),
      lastExportLayout: z.string().nullable(),
    })
    .nullable(),
  counts: zBatchCounts,
});
export type PayoutPeriod = z.infer<typeof zPayoutPeriod>;

export const zPayoutRow = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['distributor', 'customer']),
  rank: z.string().nullable(),
  active: z.boolean(),
  pv: int,
  gv: int,
  bv: zMoney,
  bonuses: z.record(z.string(), zMoney),
  bonusTotal: zMoney,
  adjustments: zMoney,
  clawbacks: zMoney,
  carryIn: zMoney,
  gross: zMoney,
  available: zMoney,
  held: z.boolean(),
  paid: z.boolean(),
  taxBase: zMoney,
  tax: zMoney,
  net: zMoney,
  carryOut: zMoney,
  bankName: z.string().nullable(),
  hasBankAccount: z.boolean(),
});
export type PayoutRow = z.infer<typeof zPayoutRow>;

export const zPayoutFilter = z.enum(['money', 'paid', 'unpaid', 'all']);

export const zItemStatus = z.enum(['pending', 'paid', 'failed']);

export const zPayoutItem = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  kind: z.enum(['run', 'retry']),
  sourcePeriod: zPeriod,
  amount: zMoney,
  status: zItemStatus,
  reason: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  /** Why a bank file cannot carry this transfer now (missing/invalid account, hold); null = fine. */
  accountProblem: z.string().nullable(),
  hold: z.boolean(),
  exportedAt: z.string().nullable(),
  markedAt: z.string().nullable(),
  markedBy: z.string().nullable(),
  /** Failed and already re-sent in a later batch. */
  resent: z.boolean(),
  /** False when the item's run was superseded (period reopened): void, cannot be marked. */
  live: z.boolean(),
});
export type PayoutItemDto = z.infer<typeof zPayoutItem>;

export const zBankException = z.object({
  code: z.string(),
  name: z.string(),
  amount: zMoney,
  sourcePeriod: zPeriod,
  kind: z.enum(['run', 'retry', 'held']),
  reason: z.enum([
    'missing_bank',
    'missing_account',
    'invalid_account',
    'unknown_bank',
    'on_hold',
    'no_account_held',
  ]),
  detail: z.string(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
});
export type BankExceptionDto = z.infer<typeof zBankException>;

export const zOpenFailure = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  sourcePeriod: zPeriod,
  amount: zMoney,
  reason: z.string().nullable(),
  markedAt: z.string().nullable(),
});

export const payoutsContract = defineContract({
  'payouts:periods': {
    input: z.object({}).strict(),
    output: z.object({
      periods: z.array(zPayoutPeriod),
      openFailures: z.array(zOpenFailure),
    }),
    roles: PAYOUT_READERS,
  },
  'payouts:sheet': {
    input: zPageRequest
      .extend({ period: zPeriod, filter: zPayoutFilter.default('money') })
      .strict(),
    output: z.object({
      rows: z.array(zPayoutRow),
      total: int,
      bonusIds: z.array(z.string()),
    }),
    roles: PAYOUT_READERS,
  },
  'payouts:items': {
    input: zPageRequest.extend({ period: zPeriod, status: zItemStatus.optional() }).strict(),
    output: z.object({
      period: zPeriod,
      batch: z
        .object({
          createdAt: z.string(),
          createdBy: z.string().nullable(),
          lastExportAt: z.string().nullable(),
          lastExportBy: z.string().nullable(),
          lastExportLayout: z.string().nullable(),
        })
        .nullable(),
      counts: zBatchCounts,
      /** Members the run pays when no batch exists yet. */
      payable: z.object({ members: int, amount: zMoney }),
      items: z.array(zPayoutItem),
      total: int,
    }),
    roles: PAYOUT_READERS,
  },
  'payouts:createBatch': {
    input: z.object({ period: zPeriod }).strict(),
    output: z.object({ period: zPeriod, counts: zBatchCounts }),
    roles: FINANCE,
  },
  'payouts:mark': {
    input: z
      .object({
        period: zPeriod,
        status: z.enum(['paid', 'failed']),
        members: z.array(zMemberCode).max(100_000).optional(),
        itemIds: z.array(int).max(100_000).optional(),
        allPending: z.boolean().optional(),
        reason: zText(500).optional(),
      })
      .strict()
      .refine((v) => v.members?.length || v.itemIds?.length || v.allPending, {
        message: 'choose members, items or allPending',
      }),
    output: z.object({
      period: zPeriod,
      changed: int,
      amount: zMoney,
      counts: zBatchCounts,
    }),
    roles: FINANCE,
  },
  'payouts:exportSheet': {
    input: z.object({ period: zPeriod, format: zTableFormat, lang: zLang.default('id') }).strict(),
    output: zFilePayload.extend({
      members: int,
      totals: zTotals,
    }),
    roles: PAYOUT_READERS,
  },
  'payouts:exportBank': {
    input: z
      .object({
        period: zPeriod,
        layout: zBankLayout.default('generic'),
        valueDate: zDate.optional(),
        sourceAccount: z.string().trim().max(40).optional(),
      })
      .strict(),
    output: z.object({
      file: zFilePayload,
      exceptionsFile: zFilePayload.nullable(),
      layout: zBankLayout,
      transfers: int,
      total: zMoney,
      exceptions: z.array(zBankException),
    }),
    roles: FINANCE,
  },
  'payouts:statement': {
    input: z.object({ period: zPeriod, member: zMemberCode, lang: zLang.default('id') }).strict(),
    output: zFilePayload.extend({ pages: int }),
    roles: PAYOUT_READERS,
  },
  'payouts:statements': {
    input: z
      .object({
        period: zPeriod,
        members: z.array(zMemberCode).max(5000).optional(),
        onlyPaid: z.boolean().default(false),
        lang: zLang.default('id'),
      })
      .strict(),
    output: zFilePayload.extend({ pages: int, members: int }),
    roles: PAYOUT_READERS,
  },
});
