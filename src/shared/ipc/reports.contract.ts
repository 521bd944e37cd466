import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE, FINANCE } from '../roles';
import { zMoney, zPeriod } from './common';
import { zFilePayload, zLang, zTableFormat } from './payouts.contract';

/** Dashboards and the compliance report (issue 8). All read-only. */

const int = z.number().int();

export const zDashboardMonth = z.object({
  period: zPeriod,
  orders: int,
  buyers: int,
  sales: zMoney,
  pv: int,
  bv: zMoney,
  newDistributors: int,
  newCustomers: int,
  /** Committed periods only (activity is decided by the close); null while open. */
  activeMembers: int.nullable(),
  committed: z.boolean(),
  bonuses: zMoney.nullable(),
  payoutRatioBp: int.nullable(),
  referral: z.object({
    /** Customers who had referred at least one member by the end of the month (cumulative). */
    referrers: int,
    /** Members sponsored by a customer, joined by the end of the month (cumulative). */
    referees: int,
    /** Referees who bought in the month, their orders, sales and BV. */
    orderingReferees: int,
    orders: int,
    sales: zMoney,
    bv: zMoney,
    /** orderingReferees / referees, in bp. */
    conversionBp: int,
  }),
});
export type DashboardMonth = z.infer<typeof zDashboardMonth>;

export const zReportsDashboard = z.object({
  months: z.array(zDashboardMonth),
  /** The committed period the run figures below are for (latest, or the one asked). */
  runPeriod: zPeriod.nullable(),
  committedPeriods: z.array(zPeriod),
  rankDistribution: z.array(z.object({ rank: z.string(), members: int, active: int })),
  /** Unilevel payout per level of the run (empty when the plan has no unilevel bonus). */
  unilevelByLevel: z.array(z.object({ level: int, lines: int, earners: int, amount: zMoney })),
  unilevelBonusId: z.string().nullable(),
  topEarners: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      rank: z.string().nullable(),
      bonusTotal: zMoney,
      gross: zMoney,
      net: zMoney,
    }),
  ),
});
export type ReportsDashboard = z.infer<typeof zReportsDashboard>;

const zDistribution = z.object({
  members: int,
  earners: int,
  total: zMoney,
  mean: zMoney,
  median: zMoney,
  p25: zMoney,
  p75: zMoney,
  p90: zMoney,
  p99: zMoney,
  max: zMoney,
});

export const zCompliance = z.object({
  period: zPeriod,
  runId: int,
  runHash: z.string(),
  planVersion: int,
  totals: z.object({
    bv: zMoney,
    bonuses: zMoney,
    adjustments: zMoney,
    clawbacks: zMoney,
    gross: zMoney,
    tax: zMoney,
    net: zMoney,
    carryOut: zMoney,
  }),
  payoutRatioBp: int,
  sales: z.object({
    products: z.object({ orders: int, sales: zMoney, pv: int, bv: zMoney }),
    kits: z.object({ orders: int, sales: zMoney, pv: int, bv: zMoney }),
    otherZeroBv: z.object({ orders: int, sales: zMoney }),
    kitSkus: z.array(z.string()),
    kitSource: z.enum(['settings', 'names']),
    /** Share of the commissionable volume (BV) that comes from product sales, bp (10000 = 100 %). */
    productBvShareBp: int,
    /** Share of bonus income attributable to product sales (by BV share), bp. Must be 10000. */
    incomeFromProductsBp: int,
    ok: z.boolean(),
  }),
  incomeDisclosure: z.object({
    /** Percentiles use the nearest-rank method over every distributor of the run (0 included). */
    distributors: zDistribution,
    byRank: z.array(zDistribution.extend({ rank: z.string() })),
    thresholds: z.array(z.object({ amount: zMoney, members: int, shareBp: int })),
    customers: z.object({ earners: int, total: zMoney }),
  }),
  noPurchaseEarners: z.object({
    count: int,
    total: zMoney,
    members: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        kind: z.string(),
        rank: z.string().nullable(),
        bonusTotal: zMoney,
      }),
    ),
  }),
});
export type Compliance = z.infer<typeof zCompliance>;

export const REPORT_KINDS = ['dashboard', 'compliance', 'tax'] as const;

export const reportsContract = defineContract({
  'reports:dashboard': {
    input: z.object({ period: zPeriod.optional() }).strict(),
    output: zReportsDashboard,
    roles: ANY_ROLE,
  },
  'reports:compliance': {
    input: z
      .object({
        period: zPeriod,
        thresholds: z.array(zMoney.min(1)).max(12).optional(),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    output: zCompliance,
    roles: ANY_ROLE,
  },
  'reports:exportDashboard': {
    input: z
      .object({ period: zPeriod.optional(), format: zTableFormat, lang: zLang.default('id') })
      .strict(),
    output: zFilePayload,
    roles: ANY_ROLE,
  },
  'reports:exportCompliance': {
    input: z
      .object({
        period: zPeriod,
        format: zTableFormat,
        lang: zLang.default('id'),
        thresholds: z.array(zMoney.min(1)).max(12).optional(),
      })
      .strict(),
    output: zFilePayload,
    roles: ANY_ROLE,
  },
  /** Tax report (PPh 21 withholding data per member): NIK/NPWP, so finance roles only. */
  'reports:tax': {
    input: z.object({ period: zPeriod }).strict(),
    output: z.object({
      period: zPeriod,
      profile: z.string(),
      members: int,
      gross: zMoney,
      taxBase: zMoney,
      tax: zMoney,
      net: zMoney,
      withoutTaxId: int,
    }),
    roles: FINANCE,
  },
  'reports:exportTax': {
    input: z.object({ period: zPeriod, format: zTableFormat, lang: zLang.default('id') }).strict(),
    output: zFilePayload,
    roles: FINANCE,
  },
});
