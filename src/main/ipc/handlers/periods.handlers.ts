import type { periodsContract } from '../../../shared/ipc/periods.contract';
import { listPeriods } from '../../db/repositories/periods.repo';
import type { HandlersFor } from '../handler';

export const periodsHandlers = {
  'periods:list': (_input, { db }) => listPeriods(db),
} satisfies HandlersFor<typeof periodsContract>;
