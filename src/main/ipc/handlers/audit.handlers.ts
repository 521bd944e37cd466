import type { auditContract } from '../../../shared/ipc/audit.contract';
import { listAudit, verifyAudit } from '../../db/repositories/audit.repo';
import type { HandlersFor } from '../handler';

export const auditHandlers = {
  'audit:list': (input, { db }) => listAudit(db, input),
  'audit:verify': (_input, { db }) => verifyAudit(db),
} satisfies HandlersFor<typeof auditContract>;
