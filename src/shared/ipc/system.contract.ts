import { z } from 'zod';
import { defineContract } from './channel';
import { ADMIN, ANY_ROLE } from '../roles';
import { zPeriod } from './common';

export const zSystemInfo = z.object({
  dbPath: z.string(),
  schemaVersion: z.string().nullable(),
  counts: z.object({
    members: z.number().int(),
    distributors: z.number().int(),
    customers: z.number().int(),
    products: z.number().int(),
    orders: z.number().int(),
  }),
  user: z.object({ username: z.string(), role: z.string() }),
});
export type SystemInfo = z.infer<typeof zSystemInfo>;

export const zDashboard = z.object({
  months: z.array(
    z.object({
      period: zPeriod,
      orders: z.number().int(),
      sales: z.number().int(),
      pv: z.number().int(),
      bv: z.number().int(),
      buyers: z.number().int(),
    }),
  ),
  newMembers: z.array(
    z.object({ period: zPeriod, distributors: z.number().int(), customers: z.number().int() }),
  ),
});
export type Dashboard = z.infer<typeof zDashboard>;

export const systemContract = defineContract({
  'system:info': { input: z.object({}).strict(), output: zSystemInfo, roles: ANY_ROLE },
  'system:dashboard': { input: z.object({}).strict(), output: zDashboard, roles: ANY_ROLE },
  'system:demo': {
    input: z
      .object({
        members: z.number().int().min(10).max(2_000_000).default(2000),
        months: z.number().int().min(1).max(36).default(3),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31)
          .default(1),
      })
      .strict(),
    output: z.object({ members: z.number().int(), orders: z.number().int() }),
    roles: ADMIN,
  },
});
