import type { Migration } from './index';

/**
 * The audit log is append-only (docs/security.md):
 * - UPDATE and DELETE are refused in SQL, whoever writes — a careless repository cannot rewrite
 *   history; someone editing the file by hand must first drop a trigger, and `audit verify`
 *   then finds the first entry whose hash no longer matches.
 * - `prev_hash` is unique: two writers (app and CLI on the same file) can never both append
 *   after the same entry, so the chain cannot fork.
 */
export const hardenAuditLog: Migration = {
  name: '2026_11_26_0009_harden_audit_log',
  up: `
CREATE UNIQUE INDEX audit_prev_hash ON audit_log(prev_hash);
CREATE INDEX audit_actor ON audit_log(actor);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'CONFLICT: the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'CONFLICT: the audit log is append-only'); END;
`,
};
