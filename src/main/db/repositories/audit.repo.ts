import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../client';
import type { AuditLogTable } from '../database';
import { containsPattern, Where, type PageQuery } from './page-query';
import type { AuditFilter, AuditRow } from '../../../shared/ipc/audit.contract';

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
  e: Omit<Selectable<AuditLogTable>, 'id' | 'prev_hash' | 'hash'>,
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

/**
 * Append one entry to the hash-chained audit log. Call inside the write's transaction. Called
 * outside one, it takes the write lock before reading the chain's head (IMMEDIATE), so a second
 * process cannot append after the same entry (the unique index on prev_hash refuses it anyway).
 */
export function writeAudit(db: Db, entry: AuditEntry): void {
  if (db.sqlite.inTransaction) appendAudit(db, entry);
  else db.sqlite.transaction(() => appendAudit(db, entry)).immediate();
}

function appendAudit(db: Db, entry: AuditEntry): void {
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

/**
 * Walk the chain; returns the id of the first entry whose hash or link is wrong, or null.
 * Catches an edited entry (its hash) and a deleted or inserted one (the next entry's link).
 * Not caught by the chain alone: dropping the newest entries, or re-hashing everything after
 * an edit — compare `headHash` with one noted earlier or with a backup's chain for that.
 */
export function verifyAudit(db: Db): {
  ok: boolean;
  entries: number;
  firstBrokenId: number | null;
  headHash: string | null;
} {
  let prev = GENESIS;
  let n = 0;
  const rows = db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<
    Selectable<AuditLogTable>
  >;
  for (const r of rows) {
    n++;
    if (r.prev_hash !== prev || auditHash(prev, r) !== r.hash)
      return { ok: false, entries: n, firstBrokenId: r.id, headHash: null };
    prev = r.hash;
  }
  return { ok: true, entries: n, firstBrokenId: null, headHash: n === 0 ? null : prev };
}

export type AuditPageQuery = PageQuery<AuditFilter>;

const AUDIT_SORTABLE: Record<string, string> = {
  id: 'id',
  at: 'id',
  actor: 'actor',
  action: 'action',
  entity: 'entity',
};

/** Jakarta calendar day `YYYY-MM-DD` → the UTC instant it starts at (entries store UTC). */
function jakartaDayStartUtc(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+07:00`)).toISOString();
}

/** One page of the log, newest first unless sorted otherwise. */
export function listAudit(db: Db, q: AuditPageQuery): { rows: AuditRow[]; total: number } {
  const where = new Where();
  const f = q.filter;
  for (const [col, v] of [
    ['actor', f.actor],
    ['action', f.action],
    ['entity', f.entity],
    ['entity_id', f.entityId],
  ] as const) {
    if (v !== undefined) where.add(`${col} = ?`, v);
  }
  if (f.from !== undefined) where.add('at >= ?', jakartaDayStartUtc(f.from));
  if (f.to !== undefined) where.add('at < ?', jakartaDayStartUtc(nextDay(f.to)));
  const s = q.search?.trim();
  if (s) {
    const like = containsPattern(s);
    where.add(
      "(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR entity LIKE ? ESCAPE '\\' OR entity_id LIKE ? ESCAPE '\\' OR reason LIKE ? ESCAPE '\\')",
      like,
      like,
      like,
      like,
      like,
    );
  }
  const w = where.sql;
  const args = where.params;
  const order = q.sort
    .filter((x) => Object.prototype.hasOwnProperty.call(AUDIT_SORTABLE, x.colId))
    .map((x) => `${AUDIT_SORTABLE[x.colId]} ${x.sort === 'asc' ? 'ASC' : 'DESC'}`);
  order.push('id DESC');
  const total = db.sqlite
    .prepare(`SELECT count(*) FROM audit_log ${w}`)
    .pluck()
    .get(...args) as number;
  const rows = db.sqlite
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, before_json AS beforeJson,
              after_json AS afterJson, reason, hash
       FROM audit_log ${w} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`,
    )
    .all(...args, q.limit, q.offset) as AuditRow[];
  return { rows, total };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
