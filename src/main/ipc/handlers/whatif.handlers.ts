import type { WhatIfResultDto, whatifContract } from '../../../shared/ipc/whatif.contract';
import { AppError } from '../../../shared/ipc/result';
import { writeAudit } from '../../db/repositories/audit.repo';
import {
  checkPlanText,
  deleteDraft,
  draftPlan,
  getDraft,
  insertDraft,
  listDrafts,
  markDraftAdopted,
  updateDraft,
} from '../../db/repositories/plan-drafts.repo';
import {
  getPlanVersion,
  insertPlanVersion,
  latestPlanVersion,
} from '../../db/repositories/plans.repo';
import { latestClosedPeriod } from '../../db/repositories/runs.repo';
import type { FilePayload } from '../../services/xlsx';
import { checkPeriods } from '../../whatif/simulate';
import { candidatePlan, runWhatIfJob } from '../../whatif/service';
import { withTx, type HandlersFor } from '../handler';

function draftOrThrow(db: Parameters<typeof getDraft>[0], id: number) {
  const d = getDraft(db, id);
  if (!d) throw new AppError('NOT_FOUND', `plan draft ${id} not found`);
  return d;
}

export const whatifHandlers = {
  'planDrafts:list': (_input, { db }) => listDrafts(db),

  'planDrafts:get': ({ id }, { db }) => draftOrThrow(db, id),

  'planDrafts:save': withTx(({ id, name, text, baseVersion }, { db, user }) => {
    const check = checkPlanText(text);
    const before = id !== undefined ? draftOrThrow(db, id) : undefined;
    if (before?.adoptedVersion != null) {
      throw new AppError(
        'CONFLICT',
        `plan draft ${id} was adopted as version ${before.adoptedVersion} and is kept as it was: save a new draft`,
      );
    }
    const base =
      baseVersion !== undefined
        ? baseVersion
        : (before?.baseVersion ?? latestPlanVersion(db)?.row.version ?? null);
    if (base !== null && !getPlanVersion(db, base)) {
      throw new AppError('NOT_FOUND', `plan version ${base} not found`);
    }
    const fields = {
      name: name ?? (check.ok ? check.plan.name : (before?.name ?? 'Draf')),
      text,
      hash: check.ok ? check.hash : null,
      baseVersion: base,
      by: user.username,
    };
    let draftId: number;
    if (before && id !== undefined) {
      updateDraft(db, id, fields);
      draftId = id;
    } else {
      draftId = insertDraft(db, fields);
    }
    const after = draftOrThrow(db, draftId);
    writeAudit(db, {
      actor: user.username,
      action: before ? 'plan_draft.update' : 'plan_draft.create',
      entity: 'plan_draft',
      entityId: draftId,
      before: before ? { name: before.name, planHash: before.planHash } : null,
      after: { name: after.name, planHash: after.planHash, valid: after.valid },
    });
    return after;
  }),

  'planDrafts:delete': withTx(({ id }, { db, user }) => {
    const d = draftOrThrow(db, id);
    if (d.adoptedVersion !== null) {
      throw new AppError(
        'CONFLICT',
        `plan draft ${id} was adopted as version ${d.adoptedVersion}: it is kept as the record`,
      );
    }
    deleteDraft(db, id);
    writeAudit(db, {
      actor: user.username,
      action: 'plan_draft.delete',
      entity: 'plan_draft',
      entityId: id,
      before: { name: d.name, planHash: d.planHash },
    });
    return { id };
  }),

  'planDrafts:adopt': withTx(({ id, effectivePeriod }, { db, user }) => {
    const found = draftPlan(db, id);
    if (!found) throw new AppError('NOT_FOUND', `plan draft ${id} not found`);
    if (found.draft.adoptedVersion !== null) {
      throw new AppError(
        'CONFLICT',
        `plan draft ${id} was already adopted as version ${found.draft.adoptedVersion}`,
      );
    }
    if (!found.check.ok) {
      throw new AppError(
        'VALIDATION',
        `plan draft ${id} is not a valid plan:\n  ${found.check.errors.join('\n  ')}`,
        { errors: found.check.errors },
      );
    }
    // A version effective in a closed period would silently apply to it after a reopen.
    const closed = latestClosedPeriod(db);
    if (effectivePeriod !== undefined && closed !== null && effectivePeriod <= closed) {
      throw new AppError(
        'PERIOD_CLOSED',
        `effective period ${effectivePeriod} is not after the last closed period ${closed}: a new plan applies to open periods only`,
      );
    }
    const { version } = insertPlanVersion(db, found.check.plan, {
      createdBy: user.username,
      effectivePeriod: effectivePeriod ?? null,
    });
    markDraftAdopted(db, id, version, user.username);
    const stored = getPlanVersion(db, version)!;
    writeAudit(db, {
      actor: user.username,
      action: 'plan.adopt_draft',
      entity: 'plan_version',
      entityId: version,
      after: {
        version,
        draftId: id,
        name: found.check.plan.name,
        planHash: stored.row.planHash,
        effectivePeriod: effectivePeriod ?? null,
      },
    });
    const draft = listDrafts(db).find((d) => d.id === id)!;
    return { draft, version: stored.row };
  }),

  'whatif:run': ({ periods, plan, draftId, top }, ctx) => {
    const candidate = candidatePlan(ctx.db, { plan, draftId });
    const list = checkPeriods(ctx.db, periods);
    return runWhatIfJob<WhatIfResultDto>(ctx, { kind: 'run', periods: list, plan: candidate, top });
  },

  'whatif:export': ({ periods, plan, draftId, lang }, ctx) => {
    const candidate = candidatePlan(ctx.db, { plan, draftId });
    const list = checkPeriods(ctx.db, periods);
    return runWhatIfJob<FilePayload>(ctx, {
      kind: 'export',
      periods: list,
      plan: candidate,
      lang,
    });
  },
} satisfies HandlersFor<typeof whatifContract>;
