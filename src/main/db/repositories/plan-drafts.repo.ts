import type { Db } from '../client';
import type { PlanDraftDto, PlanDraftWithTextDto } from '../../../shared/ipc/whatif.contract';
import { parsePlan, type Plan } from '../../../shared/plan';
import { planHash } from '../../engine/hash';

/**
 * Plan drafts (plan_drafts, migration 0015): candidate plans as the person typed them. The text
 * is stored as is (it may not be valid JSON yet); `plan_hash` is set when it is a valid plan.
 * Adopted drafts are frozen by triggers. Caller owns the transaction.
 */

interface DraftRow {
  id: number;
  name: string;
  plan_text: string;
  plan_hash: string | null;
  base_version: number | null;
  adopted_version: number | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export type DraftCheck = { ok: true; plan: Plan; hash: string } | { ok: false; errors: string[] };

/** JSON text → validated plan, or the errors (a JSON syntax error is one error at `(plan)`). */
export function checkPlanText(text: string): DraftCheck {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    return {
      ok: false,
      errors: [`(plan): not valid JSON: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  const r = parsePlan(doc);
  return r.ok
    ? { ok: true, plan: r.plan, hash: planHash(r.plan) }
    : { ok: false, errors: r.errors };
}

function toDto(r: DraftRow): PlanDraftDto {
  return {
    id: r.id,
    name: r.name,
    planHash: r.plan_hash,
    valid: r.plan_hash !== null,
    baseVersion: r.base_version,
    adoptedVersion: r.adopted_version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

function toDtoWithText(r: DraftRow): PlanDraftWithTextDto {
  const check = checkPlanText(r.plan_text);
  return { ...toDto(r), text: r.plan_text, errors: check.ok ? [] : check.errors };
}

const COLUMNS = `id, name, plan_text, plan_hash, base_version, adopted_version, created_at,
                 created_by, updated_at, updated_by`;

export function listDrafts(db: Db): PlanDraftDto[] {
  return (
    db.sqlite
      .prepare(`SELECT ${COLUMNS} FROM plan_drafts ORDER BY adopted_version IS NOT NULL, id DESC`)
      .all() as DraftRow[]
  ).map(toDto);
}

function row(db: Db, id: number): DraftRow | undefined {
  return db.sqlite.prepare(`SELECT ${COLUMNS} FROM plan_drafts WHERE id = ?`).get(id) as
    DraftRow | undefined;
}

export function getDraft(db: Db, id: number): PlanDraftWithTextDto | undefined {
  const r = row(db, id);
  return r ? toDtoWithText(r) : undefined;
}

/** The draft's plan when its text is valid (what-if, adoption). */
export function draftPlan(
  db: Db,
  id: number,
): { draft: PlanDraftDto; check: DraftCheck } | undefined {
  const r = row(db, id);
  return r ? { draft: toDto(r), check: checkPlanText(r.plan_text) } : undefined;
}

export function insertDraft(
  db: Db,
  d: { name: string; text: string; hash: string | null; baseVersion: number | null; by: string },
): number {
  const r = db.sqlite
    .prepare(
      `INSERT INTO plan_drafts (name, plan_text, plan_hash, base_version, created_by, updated_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(d.name, d.text, d.hash, d.baseVersion, d.by, d.by);
  return Number(r.lastInsertRowid);
}

export function updateDraft(
  db: Db,
  id: number,
  d: { name: string; text: string; hash: string | null; baseVersion: number | null; by: string },
): void {
  db.sqlite
    .prepare(
      `UPDATE plan_drafts SET name = ?, plan_text = ?, plan_hash = ?, base_version = ?,
         updated_by = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       WHERE id = ?`,
    )
    .run(d.name, d.text, d.hash, d.baseVersion, d.by, id);
}

export function deleteDraft(db: Db, id: number): void {
  db.sqlite.prepare('DELETE FROM plan_drafts WHERE id = ?').run(id);
}

export function markDraftAdopted(db: Db, id: number, version: number, by: string): void {
  db.sqlite
    .prepare(
      `UPDATE plan_drafts SET adopted_version = ?, updated_by = ?,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
       WHERE id = ?`,
    )
    .run(version, by, id);
}
