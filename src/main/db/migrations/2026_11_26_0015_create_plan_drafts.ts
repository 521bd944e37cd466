import type { Migration } from './index';

/**
 * Plan drafts: candidate compensation plans being worked on (plan screen, what-if simulator).
 *
 * Kept apart from plan_versions on purpose: a version number is what `plan set` prints and what
 * runs reference, so drafts must not consume numbers; a draft may hold text that is not (yet) a
 * valid plan, which plan_versions (plan_hash of a validated plan) cannot. Adopting a draft
 * inserts the next adopted plan_versions row and records it in `adopted_version`; from then on
 * the draft is frozen (kept as the record of what was adopted) and cannot be deleted.
 * Frozen: never edit, add a new file.
 */
export const createPlanDrafts: Migration = {
  name: '2026_11_26_0015_create_plan_drafts',
  up: `
CREATE TABLE plan_drafts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  plan_text TEXT NOT NULL,
  plan_hash TEXT CHECK (plan_hash IS NULL OR length(plan_hash) = 64),
  base_version INTEGER REFERENCES plan_versions(version),
  adopted_version INTEGER UNIQUE REFERENCES plan_versions(version),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  created_by TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_by TEXT
) STRICT;
CREATE TRIGGER plan_drafts_adopted_frozen BEFORE UPDATE ON plan_drafts
WHEN OLD.adopted_version IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'CONFLICT: an adopted draft is kept as it was adopted'); END;
CREATE TRIGGER plan_drafts_adopted_no_delete BEFORE DELETE ON plan_drafts
WHEN OLD.adopted_version IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'CONFLICT: an adopted draft is kept as it was adopted'); END;
`,
};
