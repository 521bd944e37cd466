import type { Migration } from './index';

/**
 * Payout batches: what the company actually transferred for a committed run.
 *
 * One batch per committed run (so per period; a reopened and recommitted period gets a new batch
 * for its new run, which pays only what earlier batches of the period did not). A batch holds one
 * item per transfer: `run` items pay a member's net of the batch's run; `retry` items re-send a
 * failed item of an earlier period (the carry-forward of a failed transfer, docs/payouts.md).
 * Items move pending → paid | failed; failed → paid only while the failure has not been re-sent.
 * Paid is final, nothing is ever deleted. Frozen: never edit, add a new file.
 */
export const createPayoutBatches: Migration = {
  name: '2026_11_26_0012_create_payout_batches',
  up: `
CREATE TABLE payout_batches (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  run_id INTEGER NOT NULL UNIQUE REFERENCES runs(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  created_by TEXT,
  last_export_at TEXT,
  last_export_by TEXT,
  last_export_layout TEXT
) STRICT;
CREATE INDEX payout_batches_period ON payout_batches(period);

CREATE TABLE payout_items (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES payout_batches(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('run','retry')),
  -- the failed item this one re-sends (retry items only)
  retry_of INTEGER REFERENCES payout_items(id),
  -- the run (and its period) that produced the money; a retry keeps those of the original
  -- payment. An item whose source run was superseded (period reopened) is void.
  source_run_id INTEGER NOT NULL REFERENCES runs(id),
  source_period TEXT NOT NULL CHECK (source_period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  amount INTEGER NOT NULL CHECK (amount > 0),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','paid','failed')),
  reason TEXT,
  -- bank details as written into the last bank file that carried this item
  bank_name TEXT,
  bank_account TEXT,
  bank_holder TEXT,
  exported_at TEXT,
  marked_at TEXT,
  marked_by TEXT,
  CHECK ((kind = 'retry') = (retry_of IS NOT NULL)),
  CHECK (status <> 'failed' OR length(trim(coalesce(reason, ''))) > 0)
) STRICT;
CREATE UNIQUE INDEX payout_items_run_member ON payout_items(batch_id, member_id) WHERE kind = 'run';
CREATE UNIQUE INDEX payout_items_retry_once ON payout_items(retry_of) WHERE retry_of IS NOT NULL;
CREATE INDEX payout_items_batch ON payout_items(batch_id, status);
CREATE INDEX payout_items_member ON payout_items(member_id);
CREATE INDEX payout_items_source ON payout_items(source_period, member_id);
CREATE INDEX payout_items_failed ON payout_items(status) WHERE status = 'failed';

CREATE TRIGGER payout_items_fixed BEFORE UPDATE OF batch_id, member_id, kind, retry_of, source_run_id, source_period, amount ON payout_items
BEGIN SELECT RAISE(ABORT, 'CONFLICT: a payout item''s member and amount never change'); END;
CREATE TRIGGER payout_items_paid_final BEFORE UPDATE OF status ON payout_items
WHEN OLD.status = 'paid' AND NEW.status <> 'paid'
BEGIN SELECT RAISE(ABORT, 'CONFLICT: a paid transfer is final'); END;
CREATE TRIGGER payout_items_failed_resent BEFORE UPDATE OF status ON payout_items
WHEN OLD.status = 'failed' AND NEW.status <> 'failed'
  AND EXISTS (SELECT 1 FROM payout_items r WHERE r.retry_of = OLD.id)
BEGIN SELECT RAISE(ABORT, 'CONFLICT: this failed transfer was already re-sent in a later batch'); END;
CREATE TRIGGER payout_items_no_delete BEFORE DELETE ON payout_items
BEGIN SELECT RAISE(ABORT, 'CONFLICT: payout items are never deleted'); END;
CREATE TRIGGER payout_batches_no_delete BEFORE DELETE ON payout_batches
BEGIN SELECT RAISE(ABORT, 'CONFLICT: payout batches are never deleted'); END;
`,
};
