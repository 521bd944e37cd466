import { createHash } from 'node:crypto';
import type { Db } from '../client';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

const GENESIS = '0'.repeat(64);

/** The hash of one entry covers its content and the previous entry's hash (a chain). */
export function auditHash(
  prevHash: string,
  e: {
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    before_json: string | null;
    after_json: string | null;
    reason: string | null;
  },
): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        prevHash,
        e.at,
        e.actor,
        e.action,
        e.entity,
        e.entity_id,
        e.before_json,
        e.after_json,
        e.reason,
      ]),
    )
    .digest('hex');
}

/** Append one entry to the hash-chained audit log. Call inside the write's transaction. */
export function writeAudit(db: Db, entry: AuditEntry): void {
  const prev =
    (db.sqlite.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as
      string | undefined) ?? GENESIS;
  const row = {
    at: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
  };
  db.sqlite
    .prepare(
      `INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
       VALUES (@at, @actor, @action, @entity, @entity_id, @before_json, @after_json, @reason, @prev_hash, @hash)`,
    )
    .run({ ...row, prev_hash: prev, hash: auditHash(prev, row) });
}

/** Walk the chain; returns the id of the first entry whose hash or link is wrong, or null. */
export function verifyAudit(db: Db): {
  ok: boolean;
  entries: number;
  firstBrokenId: number | null;
} {
  let prev = GENESIS;
  let n = 0;
  const rows = db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<{
    id: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    before_json: string | null;
    after_json: string | null;
    reason: string | null;
    prev_hash: string;
    hash: string;
  }>;
  for (const r of rows) {
    n++;
    if (r.prev_hash !== prev || auditHash(prev, r) !== r.hash)
      return { ok: false, entries: n, firstBrokenId: r.id };
    prev = r.hash;
  }
  return { ok: true, entries: n, firstBrokenId: null };
}
