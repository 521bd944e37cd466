import type { membersContract } from '../../../shared/ipc/members.contract';
import { AppError } from '../../../shared/ipc/result';
import { getMemberByCode, listMembers } from '../../db/repositories/members.repo';
import { genealogyChildren, genealogyPath, memberDetail } from '../../services/genealogy';
import { applyMove, previewMove } from '../../services/member-moves';
import { createMember, holdMember, releaseMember, updateMember } from '../../services/members';
import { exportMembers } from '../../services/members-export';
import { runImportJob } from '../../imports/service';
import { withTx, type HandlersFor } from '../handler';

export const membersHandlers = {
  'members:list': (input, { db }) => listMembers(db, input),
  'members:get': ({ code }, { db }) => {
    const m = getMemberByCode(db, code);
    if (!m) throw new AppError('NOT_FOUND', `member ${code} not found`);
    return m;
  },
  'members:create': withTx((input, { db, user }) => createMember(db, input, user.username)),
  'members:update': withTx((input, { db, user }) => updateMember(db, input, user.username)),
  'members:hold': withTx(({ code, reason }, { db, user }) =>
    holdMember(db, code, reason, user.username),
  ),
  'members:release': withTx(({ code, reason }, { db, user }) =>
    releaseMember(db, code, reason, user.username),
  ),
  'members:detail': (input, { db }) => memberDetail(db, input),
  'members:movePreview': (input, { db }) => {
    const { _problems: _, ...preview } = previewMove(db, input);
    return preview;
  },
  'members:move': withTx(({ reason, ...input }, { db, user }) =>
    applyMove(db, input, reason, user.username),
  ),
  'members:import': (input, ctx) =>
    runImportJob(ctx, { kind: 'members', input, actor: ctx.user.username }),
  'members:export': (input, { db }) => exportMembers(db, input),
  'genealogy:children': (input, { db }) => genealogyChildren(db, input),
  'genealogy:path': (input, { db }) => genealogyPath(db, input),
} satisfies HandlersFor<typeof membersContract>;
