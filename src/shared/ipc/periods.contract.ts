import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE } from '../roles';
import { zPeriod } from './common';

export const zPeriodRow = z.object({
  period: zPeriod,
  status: z.enum(['open', 'closed']),
  runHash: z.string().nullable(),
});
export type PeriodRow = z.infer<typeof zPeriodRow>;

export const periodsContract = defineContract({
  'periods:list': { input: z.object({}).strict(), output: z.array(zPeriodRow), roles: ANY_ROLE },
});
