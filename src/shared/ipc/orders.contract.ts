import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE, WRITERS } from '../roles';
import { zDate, zMemberCode, zNonNegInt, zPageRequest, zPeriod } from './common';
import { zImportInput, zImportResult, zSku } from './products.contract';

/** Order and return numbers: document keys typed or imported by staff. */
export const DOC_NO_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
export const zDocNo = z
  .string()
  .trim()
  .regex(DOC_NO_RE, 'must be 1–64 letters, digits, . _ / - (starting with a letter or digit)');

const zQty = z.number().int().min(1).max(1_000_000);
const zKind = z.enum(['distributor', 'customer']);

// ---------------------------------------------------------------------------------------------
// Orders

export const zOrderRow = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  date: z.string(),
  period: z.string(),
  periodClosed: z.boolean(),
  memberCode: z.string(),
  memberName: z.string(),
  memberKind: zKind,
  lineCount: z.number().int(),
  qty: z.number().int(),
  /** Σ qty·unitPrice (what the buyer paid), before returns. */
  amount: z.number().int(),
  pv: z.number().int(),
  bv: z.number().int(),
  returnedQty: z.number().int(),
});
export type OrderRow = z.infer<typeof zOrderRow>;

export const zOrderLine = z.object({
  id: z.number().int(),
  sku: z.string(),
  productName: z.string(),
  qty: z.number().int(),
  returnedQty: z.number().int(),
  /** Snapshot taken at order time (product changes never alter it). */
  unitPrice: z.number().int(),
  memberPrice: z.number().int(),
  pv: z.number().int(),
  bv: z.number().int(),
});
export type OrderLine = z.infer<typeof zOrderLine>;

export const zReturnRow = z.object({
  id: z.number().int(),
  returnNo: z.string(),
  date: z.string(),
  /** The return's own period (where a clawback is charged). */
  period: z.string(),
  orderNo: z.string(),
  orderDate: z.string(),
  orderPeriod: z.string(),
  memberCode: z.string(),
  memberName: z.string(),
  sku: z.string(),
  productName: z.string(),
  qty: z.number().int(),
  amount: z.number().int(),
  pv: z.number().int(),
  bv: z.number().int(),
  /** true: the order's period was closed when the return was recorded → charged as a clawback. */
  clawback: z.boolean(),
});
export type ReturnRow = z.infer<typeof zReturnRow>;

export const zOrderDetail = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  date: z.string(),
  period: z.string(),
  periodClosed: z.boolean(),
  member: z.object({ code: z.string(), name: z.string(), kind: zKind }),
  lines: z.array(zOrderLine),
  totals: z.object({
    qty: z.number().int(),
    amount: z.number().int(),
    pv: z.number().int(),
    bv: z.number().int(),
    returnedQty: z.number().int(),
    returnedAmount: z.number().int(),
  }),
  returns: z.array(zReturnRow),
});
export type OrderDetail = z.infer<typeof zOrderDetail>;

export const zOrderCreate = z
  .object({
    /** Empty: a number `SO-YYYYMM-NNNNNNN` is assigned. */
    orderNo: zDocNo.optional(),
    member: zMemberCode,
    date: zDate,
    lines: z
      .array(
        z
          .object({
            sku: zSku,
            qty: zQty,
            /** Default: member price for a distributor buyer, retail price for a customer. */
            unitPrice: zNonNegInt.optional(),
          })
          .strict(),
      )
      .min(1, 'an order needs at least one line')
      .max(500),
  })
  .strict();
export type OrderCreate = z.input<typeof zOrderCreate>;

export const zOrderFilter = z
  .object({
    period: zPeriod.optional(),
    member: zMemberCode.optional(),
    sku: zSku.optional(),
  })
  .strict();
export type OrderFilter = z.infer<typeof zOrderFilter>;

// ---------------------------------------------------------------------------------------------
// Returns

export const zReturnCreate = z
  .object({
    /** Empty: a number `RT-YYYYMM-NNNNNNN` is assigned. */
    returnNo: zDocNo.optional(),
    orderNo: zDocNo,
    date: zDate,
    lines: z
      .array(z.object({ sku: zSku, qty: zQty }).strict())
      .min(1, 'a return needs at least one line')
      .max(500),
  })
  .strict();
export type ReturnCreate = z.input<typeof zReturnCreate>;

export const zReturnDoc = z.object({
  returnNo: z.string(),
  orderNo: z.string(),
  date: z.string(),
  period: z.string(),
  clawback: z.boolean(),
  lines: z.array(zReturnRow),
});
export type ReturnDoc = z.infer<typeof zReturnDoc>;

export const zReturnFilter = z
  .object({
    /** The return's own period. */
    period: zPeriod.optional(),
    member: zMemberCode.optional(),
    orderNo: zDocNo.optional(),
    clawback: z.boolean().optional(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Volumes of a period (computed by the engine, the same code as the close)

export const zVolumeRow = z.object({
  code: z.string(),
  name: z.string(),
  status: z.enum(['active', 'suspended', 'terminated']),
  /** Rank achieved with the plan in force (null for customers). */
  rank: z.string().nullable(),
  active: z.boolean(),
  pv: z.number().int(),
  bv: z.number().int(),
  gv: z.number().int(),
  /** Part of pv/bv from the distributor's own orders. */
  ownPv: z.number().int(),
  ownBv: z.number().int(),
  /** Part of pv/bv rolled up from customers whose nearest distributor this is. */
  customerPv: z.number().int(),
  customerBv: z.number().int(),
  /** Σ qty·max(0, unitPrice − memberPrice) over the orders of customers rolled to this distributor. */
  retailProfit: z.number().int(),
});
export type VolumeRow = z.infer<typeof zVolumeRow>;

export const zVolumeSummary = z.object({
  period: z.string(),
  periodClosed: z.boolean(),
  /** Plan version whose activePv/ranks were used; null = built-in default plan (none stored). */
  planVersion: z.number().int().nullable(),
  activePv: z.number().int(),
  distributors: z.number().int(),
  active: z.number().int(),
  pv: z.number().int(),
  bv: z.number().int(),
  retailProfit: z.number().int(),
  orderLines: z.number().int(),
});
export type VolumeSummary = z.infer<typeof zVolumeSummary>;

export const ordersContract = defineContract({
  'orders:list': {
    input: zPageRequest.extend({ filter: zOrderFilter.default({}) }).strict(),
    output: z.object({ rows: z.array(zOrderRow), total: z.number().int() }),
    roles: ANY_ROLE,
  },
  'orders:get': {
    input: z.object({ orderNo: zDocNo }).strict(),
    output: zOrderDetail,
    roles: ANY_ROLE,
  },
  'orders:create': {
    input: zOrderCreate,
    output: zOrderDetail,
    roles: WRITERS,
  },
  /** orders.csv / .xlsx: order_no, member, date, sku, qty, optional unit_price. */
  'orders:import': {
    input: zImportInput,
    output: zImportResult,
    roles: WRITERS,
    job: true,
  },
  'returns:create': {
    input: zReturnCreate,
    output: zReturnDoc,
    roles: WRITERS,
  },
  'returns:list': {
    input: zPageRequest.extend({ filter: zReturnFilter.default({}) }).strict(),
    output: z.object({ rows: z.array(zReturnRow), total: z.number().int() }),
    roles: ANY_ROLE,
  },
  /** returns.csv / .xlsx: return_no, order_no, date, sku, qty. */
  'returns:import': {
    input: zImportInput,
    output: zImportResult,
    roles: WRITERS,
    job: true,
  },
  'volumes:list': {
    input: zPageRequest
      .extend({
        period: zPeriod,
        filter: z
          .object({
            activeOnly: z.boolean().optional(),
            status: z.enum(['active', 'suspended', 'terminated']).optional(),
          })
          .strict()
          .default({}),
      })
      .strict(),
    output: z.object({
      rows: z.array(zVolumeRow),
      total: z.number().int(),
      summary: zVolumeSummary,
    }),
    roles: ANY_ROLE,
  },
});
