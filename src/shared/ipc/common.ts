import { z } from 'zod';
import { DATE_RE, PERIOD_RE, isValidDate } from '../period';

/** Reusable field schemas. Integers only for money, volume and rates. */
export const zPeriod = z.string().regex(PERIOD_RE, 'expected a period YYYY-MM');
export const zDate = z
  .string()
  .regex(DATE_RE, 'expected a date YYYY-MM-DD')
  .refine(isValidDate, 'not a calendar date');
export const zMoney = z.number().int().min(-1e13).max(1e13);
export const zNonNegInt = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const zMemberCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'code must be 1–32 letters, digits, _ or -');
export const zText = (max = 200) => z.string().trim().min(1).max(max);
export const zSort = z.object({ colId: z.string().max(64), sort: z.enum(['asc', 'desc']) });

/** Paged grid request shared by the infinite-row-model grids. */
export const zPageRequest = z.object({
  offset: z.number().int().min(0).max(100_000_000).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  sort: z.array(zSort).max(3).default([]),
  search: z.string().max(100).optional(),
});
