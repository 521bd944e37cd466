import type { Db } from '../client';
import { canonicalJson } from '../../../shared/canonical';
import { parsePlan, type Plan } from '../../../shared/plan';
import type { PlanVersionRow } from '../../../shared/ipc/plans.contract';
import { planHash } from '../../engine/hash';

/**
 * Plan versions (plan_versions): immutable once adopted (triggers). The stored text is the plan's
 * canonical JSON, so `plan_hash` = SHA-256 of exactly what is stored (plan-format.md
 * "Run summary"), and reading it back gives the same hash.
 */

interface PlanVersionDbRow {
  version: number;
  name: string;
  plan_json: string;
  plan_hash: string;
  status: 'adopted' | 'draft';
  effective_period: string | null;
  created_at: string;
  created_by: string | null;
  committed: string | null;
}

export interface StoredPlan {
  row: PlanVersionRow;
  plan: Plan;
}

const SELECT = `SELECT v.version, v.name, v.plan_json, v.plan_hash, v.status, v.effective_period,
                       v.created_at, v.created_by,
                       (SELECT group_concat(period, ',') FROM
                          (SELECT period FROM runs WHERE plan_version = v.version
                           AND status = 'committed' ORDER BY period)) AS committed
                FROM plan_versions v`;

function toRow(r: PlanVersionDbRow): PlanVersionRow {
  return {
    version: r.version,
    name: r.name,
    planHash: r.plan_hash,
    status: r.status,
    effectivePeriod: r.effective_period,
    createdAt: r.created_at,
    createdBy: r.created_by,
    committedPeriods: r.committed ? r.committed.split(',') : [],
  };
}

function toStored(r: PlanVersionDbRow): StoredPlan {
  const parsed = parsePlan(JSON.parse(r.plan_json));
  // Stored plans were validated on the way in; a failure here means the file was edited by hand.
  if (!parsed.ok) {
    throw new Error(`stored plan version ${r.version} is invalid: ${parsed.errors.join('; ')}`);
  }
  return { row: toRow(r), plan: parsed.plan };
}

/** Store a validated plan as the next version; returns its number and hash. Caller owns the tx. */
export function insertPlanVersion(
  db: Db,
  plan: Plan,
  opts: { createdBy: string | null; effectivePeriod?: string | null },
): { version: number; planHash: string } {
  const hash = planHash(plan);
  const r = db.sqlite
    .prepare(
      `INSERT INTO plan_versions (name, plan_json, plan_hash, status, effective_period, created_by)
       VALUES (?, ?, ?, 'adopted', ?, ?)`,
    )
    .run(plan.name, canonicalJson(plan), hash, opts.effectivePeriod ?? null, opts.createdBy);
  return { version: Number(r.lastInsertRowid), planHash: hash };
}

export function getPlanVersion(db: Db, version: number): StoredPlan | undefined {
  const r = db.sqlite.prepare(`${SELECT} WHERE v.version = ?`).get(version) as
    PlanVersionDbRow | undefined;
  return r ? toStored(r) : undefined;
}

export function latestPlanVersion(db: Db): StoredPlan | undefined {
  const r = db.sqlite
    .prepare(`${SELECT} WHERE v.status = 'adopted' ORDER BY v.version DESC LIMIT 1`)
    .get() as PlanVersionDbRow | undefined;
  return r ? toStored(r) : undefined;
}

/**
 * The plan a close of `period` uses: the latest adopted version whose effective period (if any)
 * is not after `period`.
 */
export function planInForce(db: Db, period: string): StoredPlan | undefined {
  const r = db.sqlite
    .prepare(
      `${SELECT} WHERE v.status = 'adopted'
         AND (v.effective_period IS NULL OR v.effective_period <= ?)
       ORDER BY v.version DESC LIMIT 1`,
    )
    .get(period) as PlanVersionDbRow | undefined;
  return r ? toStored(r) : undefined;
}

export function listPlanVersions(db: Db): PlanVersionRow[] {
  return (db.sqlite.prepare(`${SELECT} ORDER BY v.version`).all() as PlanVersionDbRow[]).map(toRow);
}

export function countPlanVersions(db: Db): number {
  return db.sqlite.prepare('SELECT count(*) FROM plan_versions').pluck().get() as number;
}
