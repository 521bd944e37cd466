import type { plansContract } from '../../../shared/ipc/plans.contract';
import { AppError } from '../../../shared/ipc/result';
import { parsePlan } from '../../../shared/plan';
import { writeAudit } from '../../db/repositories/audit.repo';
import {
  getPlanVersion,
  insertPlanVersion,
  latestPlanVersion,
  listPlanVersions,
  planInForce,
} from '../../db/repositories/plans.repo';
import { planHash } from '../../engine/hash';
import { withTx, type HandlersFor } from '../handler';

function validated(doc: unknown) {
  const r = parsePlan(doc);
  if (!r.ok) {
    throw new AppError('VALIDATION', `plan rejected:\n  ${r.errors.join('\n  ')}`, {
      errors: r.errors,
    });
  }
  return r.plan;
}

export const plansHandlers = {
  'plans:set': withTx(({ plan: doc, effectivePeriod }, { db, user }) => {
    const plan = validated(doc);
    const { version } = insertPlanVersion(db, plan, {
      createdBy: user.username,
      effectivePeriod: effectivePeriod ?? null,
    });
    const stored = getPlanVersion(db, version)!;
    writeAudit(db, {
      actor: user.username,
      action: 'plan.set',
      entity: 'plan_version',
      entityId: version,
      after: { version, name: plan.name, planHash: stored.row.planHash, effectivePeriod },
    });
    return stored.row;
  }),
  'plans:validate': ({ plan: doc }) => {
    const r = parsePlan(doc);
    return r.ok
      ? { ok: true, errors: [], planHash: planHash(r.plan) }
      : { ok: false, errors: r.errors, planHash: null };
  },
  'plans:show': ({ version }, { db }) => {
    const stored = version === undefined ? latestPlanVersion(db) : getPlanVersion(db, version);
    if (!stored) {
      throw new AppError(
        'NOT_FOUND',
        version === undefined
          ? 'no plan: run `jenjang plan set FILE`'
          : `plan version ${version} not found`,
      );
    }
    return { ...stored.row, plan: stored.plan };
  },
  'plans:list': (_input, { db }) => listPlanVersions(db),
  'plans:current': ({ period }, { db }) => {
    const stored = period ? planInForce(db, period) : latestPlanVersion(db);
    return stored ? { ...stored.row, plan: stored.plan } : null;
  },
} satisfies HandlersFor<typeof plansContract>;
