import type {
  closeContract,
  CommitResultDto,
  ExplainDto,
  PreviewDto,
} from '../../../shared/ipc/close.contract';
import type { ChannelDef } from '../../../shared/ipc/channel';
import { contract, isChannel } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { writeAudit } from '../../db/repositories/audit.repo';
import {
  deleteAdjustment,
  getAdjustment,
  insertAdjustment,
  listAdjustments,
} from '../../db/repositories/adjustments.repo';
import { getMemberByCode } from '../../db/repositories/members.repo';
import { getPlanVersion } from '../../db/repositories/plans.repo';
import {
  committedRun,
  getMakerChecker,
  isClosed,
  runHistory,
  setMakerChecker,
  storedMembersJson,
} from '../../db/repositories/runs.repo';
import { checklist, precheck, reopenPeriod, runCloseJob } from '../../close/service';
import { jobs } from '../../jobs/registry';
import { withTx, type HandlersFor } from '../handler';

export const closeHandlers = {
  'close:checklist': ({ period }, { db }) => checklist(db, period),

  'close:preview': ({ period, members }, ctx) => {
    precheck(ctx.db, 'preview', period);
    return runCloseJob<PreviewDto>(ctx, {
      kind: 'preview',
      period,
      user: ctx.user.username,
      members,
    });
  },

  'close:commit': async ({ period, members, expectRunHash }, ctx) => {
    precheck(ctx.db, 'commit', period);
    const r = await runCloseJob<CommitResultDto>(ctx, {
      kind: 'commit',
      period,
      user: ctx.user.username,
      expectRunHash,
    });
    if (!members) return r;
    // The JSON of a commit is read back from what was stored (and must hash to runHash).
    const plan = getPlanVersion(ctx.db, r.planVersion)!.plan;
    return { ...r, members: [...storedMembersJson(ctx.db, r.runId, plan)] };
  },

  'close:reopen': withTx(({ period, reason }, { db, user }) =>
    reopenPeriod(db, user.username, period, reason),
  ),

  'close:run': ({ period, members }, { db }) => {
    const run = committedRun(db, period);
    if (!run) throw new AppError('NOT_FOUND', `period ${period} has no committed run`);
    if (!members) return run;
    const plan = getPlanVersion(db, run.planVersion)!.plan;
    return { ...run, members: [...storedMembersJson(db, run.runId, plan)] };
  },

  'close:history': ({ period }, { db }) => runHistory(db, period),

  'close:explain': ({ period, member }, ctx) =>
    runCloseJob<ExplainDto>(ctx, { kind: 'explain', period, member }),

  'close:settings': (_input, { db }) => ({ makerChecker: getMakerChecker(db) }),

  'close:setSettings': withTx(({ makerChecker }, { db, user }) => {
    const before = getMakerChecker(db);
    setMakerChecker(db, makerChecker);
    writeAudit(db, {
      actor: user.username,
      action: 'close.settings',
      entity: 'settings',
      entityId: 'close.makerChecker',
      before: { makerChecker: before },
      after: { makerChecker },
    });
    return { makerChecker };
  }),

  'adjustments:list': ({ period }, { db }) => listAdjustments(db, period),

  'adjustments:add': withTx(({ member, period, amount, reason }, { db, user }) => {
    const m = getMemberByCode(db, member);
    if (!m) throw new AppError('NOT_FOUND', `member ${member} not found`);
    if (isClosed(db, period)) {
      throw new AppError('PERIOD_CLOSED', `period ${period} is closed: adjustments are refused`);
    }
    const id = insertAdjustment(db, {
      memberId: m.id,
      period,
      amount,
      reason,
      createdBy: user.username,
    });
    const row = getAdjustment(db, id)!;
    writeAudit(db, {
      actor: user.username,
      action: 'adjustment.add',
      entity: 'adjustment',
      entityId: id,
      after: row,
      reason,
    });
    return row;
  }),

  'adjustments:remove': withTx(({ id, reason }, { db, user }) => {
    const row = getAdjustment(db, id);
    if (!row) throw new AppError('NOT_FOUND', `adjustment ${id} not found`);
    if (isClosed(db, row.period)) {
      throw new AppError(
        'PERIOD_CLOSED',
        `period ${row.period} is closed: adjustments are refused`,
      );
    }
    deleteAdjustment(db, id);
    writeAudit(db, {
      actor: user.username,
      action: 'adjustment.remove',
      entity: 'adjustment',
      entityId: id,
      before: row,
      reason,
    });
    return { id };
  }),

  'jobs:start': async ({ channel, input }, ctx) => {
    const def: ChannelDef | undefined = isChannel(channel) ? contract[channel] : undefined;
    if (!def || def.job !== true) {
      throw new AppError('VALIDATION', `${channel} does not run as a job`);
    }
    if (!def.roles.includes(ctx.user.role)) {
      throw new AppError('FORBIDDEN', `role ${ctx.user.role} may not call ${channel}`);
    }
    // Imported lazily: dispatch imports the handler map this file belongs to.
    const { dispatch } = await import('../dispatch');
    const job = jobs.start(ctx.user.username, channel, ({ onProgress, signal }) =>
      dispatch(channel as string, input, { ...ctx, onProgress, signal }),
    );
    return { jobId: job.id, channel };
  },

  'jobs:get': ({ id }, { user }) => {
    const job = jobs.get(id, user);
    if (!job) throw new AppError('NOT_FOUND', `job ${id} not found`);
    return job;
  },

  'jobs:cancel': ({ id }, { user }) => {
    const job = jobs.cancel(id, user);
    if (!job) throw new AppError('NOT_FOUND', `job ${id} not found`);
    return job;
  },
} satisfies HandlersFor<typeof closeContract>;
