import type { Migration } from './index';

/**
 * Period close (docs/close.md):
 * - `run_members.volume_owner_id`: the distributor whose volume a member's orders counted for in
 *   the run. A clawback restates the unilevel lines of that owner *as it was* in the order's
 *   period, even if the sponsor tree has moved since.
 * - `run_clawbacks`: one row per restated line of an earlier committed run, charged in this run
 *   (plan-format.md "Clawbacks"). Σ amount per earner = run_members.clawbacks.
 * - `close_previews`: the last preview of each open period (who, which hash, compact per-member
 *   figures) for maker-checker and the "diff against the previous preview" view. Not period data:
 *   previews never lock anything and may be replaced at any time.
 */
export const createCloseTables: Migration = {
  name: '2026_11_26_0007_create_close_tables',
  up: `
ALTER TABLE run_members ADD COLUMN volume_owner_id INTEGER REFERENCES members(id);

CREATE TABLE run_clawbacks (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  earner_id INTEGER NOT NULL REFERENCES members(id),
  bonus_id TEXT NOT NULL,
  source_run_id INTEGER NOT NULL REFERENCES runs(id),
  source_period TEXT NOT NULL,
  source_member_id INTEGER REFERENCES members(id),
  source_order_id INTEGER REFERENCES orders(id),
  level INTEGER NOT NULL DEFAULT 0,
  base INTEGER NOT NULL,
  rate_bp INTEGER NOT NULL,
  before_amount INTEGER NOT NULL,
  after_amount INTEGER NOT NULL CHECK (after_amount >= 0),
  amount INTEGER NOT NULL CHECK (amount > 0 AND amount = before_amount - after_amount)
) STRICT;
CREATE INDEX run_clawbacks_earner ON run_clawbacks(run_id, earner_id);
CREATE TRIGGER run_clawbacks_immutable BEFORE UPDATE ON run_clawbacks
BEGIN SELECT RAISE(ABORT, 'CONFLICT: run rows are immutable'); END;
CREATE TRIGGER run_clawbacks_no_delete BEFORE DELETE ON run_clawbacks
BEGIN SELECT RAISE(ABORT, 'CONFLICT: run rows are immutable'); END;

CREATE TABLE close_previews (
  period TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  run_hash TEXT NOT NULL CHECK (length(run_hash) = 64),
  plan_version INTEGER NOT NULL REFERENCES plan_versions(version),
  plan_hash TEXT NOT NULL,
  previewed_by TEXT NOT NULL,
  previewed_at TEXT NOT NULL,
  totals_json TEXT NOT NULL,
  -- member id, rank index, bonus total, gross, net per member: see close/preview-store.ts
  members_blob BLOB NOT NULL
) STRICT;
`,
};
