import type { membersContract } from '../../../shared/ipc/members.contract';
import { AppError } from '../../../shared/ipc/result';
import { getMemberByCode, listMembers } from '../../db/repositories/members.repo';
import type { HandlersFor } from '../handler';

export const membersHandlers = {
  'members:list': (input, { db }) => listMembers(db, input),
  'members:get': ({ code }, { db }) => {
    const m = getMemberByCode(db, code);
    if (!m) throw new AppError('NOT_FOUND', `member ${code} not found`);
    return m;
  },
} satisfies HandlersFor<typeof membersContract>;
