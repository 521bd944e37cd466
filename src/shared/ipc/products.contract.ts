import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE, WRITERS } from '../roles';
import { zNonNegInt, zPageRequest, zText } from './common';

/** SKU: what staff type in the order form; kept to characters that survive CSV and URLs. */
export const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;
export const zSku = z
  .string()
  .trim()
  .regex(SKU_RE, 'SKU must be 1–32 letters, digits, . _ / - (starting with a letter or digit)');

export const zProductRow = z.object({
  id: z.number().int(),
  sku: z.string(),
  name: z.string(),
  memberPrice: z.number().int(),
  retailPrice: z.number().int(),
  pv: z.number().int(),
  bv: z.number().int(),
  active: z.boolean(),
});
export type ProductRow = z.infer<typeof zProductRow>;

export const zProductFields = z
  .object({
    sku: zSku,
    name: zText(120),
    memberPrice: zNonNegInt,
    retailPrice: zNonNegInt,
    pv: zNonNegInt,
    bv: zNonNegInt,
    active: z.boolean().default(true),
  })
  .strict();
export type ProductFields = z.input<typeof zProductFields>;

/**
 * A tabular import: the CLI passes a path; the renderer, which cannot read paths, passes the
 * file's name and its bytes as base64. All-or-nothing; `dryRun` validates and writes nothing.
 */
export const zImportInput = z
  .object({
    path: z.string().min(1).max(4096).optional(),
    fileName: z.string().min(1).max(255).optional(),
    base64: z
      .string()
      .max(200 * 1024 * 1024)
      .optional(),
    dryRun: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.path !== undefined || (v.fileName !== undefined && v.base64 !== undefined), {
    message: 'give either path, or fileName and base64',
  });
export type ImportInput = z.output<typeof zImportInput>;

export const zImportResult = z.object({
  file: z.string(),
  dryRun: z.boolean(),
  /** Data rows read from the file. */
  rows: z.number().int(),
  /** Entities created / updated (products: by SKU; orders: orders; returns: returns). */
  created: z.number().int(),
  updated: z.number().int(),
  /** Order/return lines written (0 for products). */
  lines: z.number().int(),
});
export type ImportResult = z.infer<typeof zImportResult>;

export const productsContract = defineContract({
  'products:list': {
    input: zPageRequest
      .extend({ filter: z.object({ active: z.boolean().optional() }).strict().default({}) })
      .strict(),
    output: z.object({ rows: z.array(zProductRow), total: z.number().int() }),
    roles: ANY_ROLE,
  },
  'products:get': {
    input: z.object({ sku: zSku }).strict(),
    output: zProductRow,
    roles: ANY_ROLE,
  },
  'products:create': {
    input: zProductFields,
    output: zProductRow,
    roles: WRITERS,
  },
  /** Changes the catalogue only: past order lines keep their price/PV/BV snapshot. */
  'products:update': {
    input: zProductFields.extend({ id: z.number().int().positive() }).strict(),
    output: zProductRow,
    roles: WRITERS,
  },
  /** products.csv / .xlsx: sku, name, member_price, retail_price, pv, bv, optional active. Upsert by SKU. */
  'products:import': {
    input: zImportInput,
    output: zImportResult,
    roles: WRITERS,
    job: true,
  },
});
