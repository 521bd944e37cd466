import { sql } from 'kysely';
import type { Db } from '../client';
import { first } from '../client';
import { batchInserter, withIndexesDeferred } from '../bulk';
import type {
  MemberFilter,
  MemberKind,
  MemberRow,
  MemberStatus,
} from '../../../shared/ipc/members.contract';
import { AppError } from '../../../shared/ipc/result';
import { membersVersionKey } from '../../services/member-tree';

/** Columns of a member DTO; sponsor/placement are shown by code. */
const MEMBER_COLUMNS = `m.id, m.code, m.name, m.kind, m.status, s.code AS sponsorCode,
  p.code AS placementCode, m.leg, m.join_date AS joinDate, m.phone, m.email, m.nik, m.npwp,
  m.bank_name AS bankName, m.bank_account AS bankAccount, m.bank_holder AS bankHolder, m.hold,
  m.hold_reason AS holdReason`;
const MEMBER_FROM = `members m LEFT JOIN members s ON s.id = m.sponsor_id
  LEFT JOIN members p ON p.id = m.placement_id`;

type RawMember = Omit<MemberRow, 'hold'> & { hold: number };
const toDto = (r: RawMember): MemberRow => ({ ...r, hold: r.hold === 1 });

export function getMemberByCode(db: Db, code: string): MemberRow | undefined {
  const r = db.sqlite
    .prepare(`SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM} WHERE m.code = ?`)
    .get(code) as RawMember | undefined;
  return r ? toDto(r) : undefined;
}

export function getMemberById(db: Db, id: number): MemberRow | undefined {
  const r = db.sqlite
    .prepare(`SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM} WHERE m.id = ?`)
    .get(id) as RawMember | undefined;
  return r ? toDto(r) : undefined;
}

export function getMembersByIds(db: Db, ids: readonly number[]): MemberRow[] {
  if (ids.length === 0) return [];
  const byId = new Map<number, MemberRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db.sqlite
      .prepare(
        `SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM} WHERE m.id IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(...chunk) as RawMember[];
    for (const r of rows) byId.set(r.id, toDto(r));
  }
  return ids.map((id) => byId.get(id)).filter((r): r is MemberRow => r !== undefined);
}

/** The row as stored (ids, not codes), for checks before writes. */
export interface MemberCore {
  id: number;
  code: string;
  name: string;
  kind: MemberKind;
  status: MemberStatus;
  sponsor_id: number | null;
  placement_id: number | null;
  leg: 'L' | 'R' | null;
  join_date: string;
  hold: number;
  hold_reason: string | null;
  created_at: string;
  updated_at: string;
}

export function findMemberCore(db: Db, code: string): MemberCore | undefined {
  return db.sqlite
    .prepare(
      `SELECT id, code, name, kind, status, sponsor_id, placement_id, leg, join_date, hold, hold_reason,
              created_at, updated_at FROM members WHERE code = ?`,
    )
    .get(code) as MemberCore | undefined;
}

export function requireMemberCore(db: Db, code: string, what = 'member'): MemberCore {
  const m = findMemberCore(db, code);
  if (!m) throw new AppError('NOT_FOUND', `${what} ${code} not found`);
  return m;
}

export function countMembers(db: Db): { members: number; distributors: number; customers: number } {
  const r = first(
    db,
    db.q
      .selectFrom('members')
      .select([
        sql<number>`count(*)`.as('members'),
        sql<number>`coalesce(sum(kind = 'distributor'), 0)`.as('distributors'),
        sql<number>`coalesce(sum(kind = 'customer'), 0)`.as('customers'),
      ]),
  );
  return r ?? { members: 0, distributors: 0, customers: 0 };
}

/**
 * Who the close checklist names (docs/close.md): members on hold, and active distributors
 * without a bank account (their payout is held). Each condition is word for word the WHERE of a
 * partial index on `code` (migration 0027), named with INDEXED BY: the count reads only those
 * members and the first `limit` come in code order — not ~1.5 s a query through the whole table
 * (or the kind index, which SQLite prefers without statistics) at 1M members. Should the text
 * ever differ from the index's, SQLite refuses the query ("no query solution") instead of
 * quietly scanning.
 */
const ON_HOLD_WHERE = 'hold = 1';
export const NO_BANK_WHERE = `kind = 'distributor' AND status = 'active' AND (bank_account IS NULL OR trim(bank_account) = '')`;

/** How many members a partial index on `code` holds, and the first `limit` of them by code. */
function membersIndexedBy<R>(
  db: Db,
  index: string,
  where: string,
  columns: string,
  limit: number,
): { count: number; rows: R[] } {
  const from = `FROM members INDEXED BY ${index} WHERE ${where}`;
  return {
    count: db.sqlite.prepare(`SELECT count(*) ${from}`).pluck().get() as number,
    rows: db.sqlite.prepare(`SELECT ${columns} ${from} ORDER BY code LIMIT ?`).all(limit) as R[],
  };
}

export const membersOnHold = (db: Db, limit: number) =>
  membersIndexedBy<{ code: string; name: string; reason: string }>(
    db,
    'members_on_hold',
    ON_HOLD_WHERE,
    `code, name, coalesce(hold_reason, '') AS reason`,
    limit,
  );

export const distributorsWithoutBank = (db: Db, limit: number) =>
  membersIndexedBy<{ code: string; name: string }>(
    db,
    'members_no_bank',
    NO_BANK_WHERE,
    'code, name',
    limit,
  );

// ---------------------------------------------------------------------------------------------
// Grid paging

export interface MemberPageQuery {
  offset: number;
  limit: number;
  sort: { colId: string; sort: 'asc' | 'desc' }[];
  search?: string | undefined;
  filter: MemberFilter;
}

const SORTABLE: Record<string, string> = {
  code: 'm.code',
  name: 'm.name',
  kind: 'm.kind',
  status: 'm.status',
  joinDate: 'm.join_date',
};

/** Full-text query for name search: every word as a prefix (`"budi"* AND "san"*`). */
export function ftsQuery(search: string): string | null {
  const words = search
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `"${w}"*`).join(' AND ') : null;
}

/**
 * WHERE clause of a grid query. Quick search matches a code prefix, a phone prefix
 * (when the text starts with a digit or +) or name words by prefix (full text), each through an
 * index: one UNION of id lists instead of an OR that would scan the table.
 */
export function memberWhere(
  filter: MemberFilter,
  search: string | undefined,
): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    parts.push(clause);
    params.push(value);
  };
  if (filter.kind) add('m.kind = ?', filter.kind);
  if (filter.status) add('m.status = ?', filter.status);
  if (filter.hold !== undefined) add('m.hold = ?', filter.hold ? 1 : 0);
  if (filter.joinFrom) add('m.join_date >= ?', filter.joinFrom);
  if (filter.joinTo) add('m.join_date <= ?', filter.joinTo);
  const s = search?.trim();
  if (s) {
    // Code prefix over the unique index, as typed and in upper/lower case (codes are usually
    // upper case; a NOCASE index would cost every insert for the rare mixed-case code).
    const branches: string[] = [];
    for (const v of new Set([s, s.toUpperCase(), s.toLowerCase()])) {
      branches.push(`SELECT id FROM members WHERE code >= ? AND code < ?`);
      params.push(v, `${v}\uffff`);
    }
    const fts = ftsQuery(s);
    if (fts) {
      branches.push(`SELECT rowid FROM members_fts WHERE members_fts MATCH ?`);
      params.push(fts);
    }
    if (/^[+0-9]/.test(s)) {
      branches.push(`SELECT id FROM members WHERE phone >= ? AND phone < ?`);
      params.push(s, `${s}\uffff`);
    }
    parts.push(`m.id IN (${branches.join(' UNION ')})`);
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface SortCol {
  col: string;
  desc: boolean;
}

/** Valid, de-duplicated sort columns; no sort = by code (a covering index, stable, readable). */
function sortColumns(sort: MemberPageQuery['sort']): SortCol[] {
  const cols: SortCol[] = [];
  for (const s of sort) {
    const col = SORTABLE[s.colId];
    if (col && !cols.some((c) => c.col === col)) cols.push({ col, desc: s.sort === 'desc' });
  }
  return cols.length ? cols : [{ col: 'm.code', desc: false }];
}

function orderByOf(cols: SortCol[]): string {
  // The id tie-breaker follows the last sort direction so (name DESC, id DESC) walks the
  // (name, id) index backwards instead of sorting.
  const lastDesc = cols[cols.length - 1]?.desc ?? false;
  return `ORDER BY ${[...cols.map((c) => `${c.col} ${c.desc ? 'DESC' : 'ASC'}`), `m.id ${lastDesc ? 'DESC' : 'ASC'}`].join(', ')}`;
}

export function memberOrderBy(sort: MemberPageQuery['sort']): string {
  return orderByOf(sortColumns(sort));
}

/**
 * Totals are cached per (filter, search) until the members table changes: COUNT(*) over 1M
 * rows costs ~50 ms, more than the page itself.
 */
const totalCache = new WeakMap<Db, { key: string; totals: Map<string, number> }>();

export function countMembersWhere(db: Db, filter: MemberFilter, search?: string): number {
  const version = membersVersionKey(db);
  let c = totalCache.get(db);
  if (!c || c.key !== version) totalCache.set(db, (c = { key: version, totals: new Map() }));
  const k = JSON.stringify([filter, search?.trim() ?? '']);
  const hit = c.totals.get(k);
  if (hit !== undefined) return hit;
  const { where, params } = memberWhere(filter, search);
  const n = db.sqlite
    .prepare(`SELECT count(*) FROM members m ${where}`)
    .pluck()
    .get(...params) as number;
  if (c.totals.size > 100) c.totals.clear();
  c.totals.set(k, n);
  return n;
}

/**
 * Keyset anchors for deep paging: the sort key of the last row of every page served, by
 * position. A later request at offset N starts from the nearest anchor at or before N
 * (`(name, id) > (?, ?)` seeks the index) and skips only the rest, so scrolling near a page
 * already seen costs ~1 ms instead of walking N index entries. Dropped when members change.
 */
interface AnchorSet {
  positions: number[];
  rows: Map<number, [unknown, number]>;
}
const anchorCache = new WeakMap<Db, { key: string; sets: Map<string, AnchorSet> }>();

function anchorsFor(db: Db, queryKey: string): AnchorSet {
  const version = membersVersionKey(db);
  let c = anchorCache.get(db);
  if (!c || c.key !== version) anchorCache.set(db, (c = { key: version, sets: new Map() }));
  let a = c.sets.get(queryKey);
  if (!a) {
    if (c.sets.size >= 32) c.sets.delete(c.sets.keys().next().value!);
    c.sets.set(queryKey, (a = { positions: [], rows: new Map() }));
  }
  return a;
}

/** Page of member ids in grid order. Single-column sorts page by keyset from cached anchors. */
export function pageMemberIds(db: Db, q: MemberPageQuery, useAnchors = true): number[] {
  const { where, params } = memberWhere(q.filter, q.search);
  const cols = sortColumns(q.sort);
  const orderBy = orderByOf(cols);
  if (cols.length !== 1 || !useAnchors) {
    return db.sqlite
      .prepare(`SELECT m.id FROM members m ${where} ${orderBy} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, q.limit, q.offset) as number[];
  }
  const col = cols[0]!;
  const anchors = anchorsFor(db, JSON.stringify([where, params, orderBy]));
  // Read from one row before the page so a repeated request at this offset finds an anchor.
  const start = Math.max(0, q.offset - 1);
  let from = -1;
  for (const pos of anchors.positions) if (pos < start && pos > from) from = pos;
  if (anchors.rows.has(q.offset - 1)) from = q.offset - 1;
  const begin = from === q.offset - 1 ? q.offset : start;
  const limit = q.limit + (q.offset - begin);
  let where2 = where;
  const args = [...params];
  if (from >= 0) {
    const [v, id] = anchors.rows.get(from)!;
    const seek = `(${col.col}, m.id) ${col.desc ? '<' : '>'} (?, ?)`;
    where2 = where ? `${where} AND ${seek}` : `WHERE ${seek}`;
    args.push(v, id);
  }
  args.push(limit, begin - from - 1);
  const rows = db.sqlite
    .prepare(`SELECT m.id, ${col.col} FROM members m ${where2} ${orderBy} LIMIT ? OFFSET ?`)
    .raw()
    .all(...args) as [number, unknown][];
  const remember = (pos: number, r: [number, unknown] | undefined) => {
    if (r && pos >= 0 && !anchors.rows.has(pos) && anchors.positions.length < 5000) {
      anchors.positions.push(pos);
      anchors.rows.set(pos, [r[1], r[0]]);
    }
  };
  if (begin < q.offset) remember(begin, rows[0]);
  remember(begin + rows.length - 1, rows[rows.length - 1]);
  return rows.slice(q.offset - begin).map((r) => r[0]);
}

export function listMembers(db: Db, q: MemberPageQuery): { rows: MemberRow[]; total: number } {
  const total = countMembersWhere(db, q.filter, q.search);
  const ids = q.offset >= total ? [] : pageMemberIds(db, q);
  return { rows: getMembersByIds(db, ids), total };
}

/** Every member matching a grid query, in grid order, in chunks (exports). */
export function* iterateMembers(
  db: Db,
  filter: MemberFilter,
  search: string | undefined,
  sort: MemberPageQuery['sort'],
): Generator<MemberRow> {
  const { where, params } = memberWhere(filter, search);
  const rows = db.sqlite
    .prepare(`SELECT ${MEMBER_COLUMNS} FROM ${MEMBER_FROM} ${where} ${memberOrderBy(sort)}`)
    .iterate(...params) as Iterable<RawMember>;
  for (const r of rows) yield toDto(r);
}

// ---------------------------------------------------------------------------------------------
// Writes (callers own the transaction and the audit entry)

export interface MemberInsert {
  code: string;
  name: string;
  kind: MemberKind;
  sponsor_id: number | null;
  placement_id: number | null;
  leg: 'L' | 'R' | null;
  status: MemberStatus;
  join_date: string;
  phone: string | null;
  email: string | null;
  nik: string | null;
  npwp: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_holder: string | null;
}

/** The invariant triggers of a member insert, and the same rule as one query over new rows. */
const INSERT_RULES = [
  {
    trigger: 'members_sponsor_kind_ins',
    message: "a distributor's sponsor must be a distributor",
    offender: `SELECT c.code FROM members c JOIN members p ON p.id = c.sponsor_id
      WHERE c.id > ? AND c.kind = 'distributor' AND p.kind <> 'distributor' ORDER BY c.id LIMIT 1`,
  },
  {
    trigger: 'members_placement_kind_ins',
    message: 'a placement parent must be a distributor',
    offender: `SELECT c.code FROM members c JOIN members p ON p.id = c.placement_id
      WHERE c.id > ? AND p.kind <> 'distributor' ORDER BY c.id LIMIT 1`,
  },
] as const;

/**
 * A large load of new members (import, benchmark data): `fill` inserts them with the members'
 * plain indexes, the full-text trigger and the two insert-time kind triggers set aside; then the
 * indexes are rebuilt once, the new names go into the full-text index in one statement
 * (db/bulk.ts), and the kind rules those triggers enforce are checked over all new rows in one
 * query each — a load that breaks one is refused with the same VALIDATION message, naming the
 * first offending member, and rolls back with the caller's transaction. Constraints (CHECKs,
 * UNIQUE, foreign keys) stay on for every row. Call inside the load's transaction.
 */
export function loadMembersInBulk(db: Db, fill: () => void): void {
  const before = db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM members').pluck().get();
  withIndexesDeferred(
    db.sqlite,
    'members',
    ['members_fts_ins', ...INSERT_RULES.map((r) => r.trigger)],
    fill,
    // New members are rarely on hold, and an import usually brings bank accounts.
    ['members_on_hold', 'members_no_bank'],
  );
  for (const rule of INSERT_RULES) {
    const code = db.sqlite.prepare(rule.offender).pluck().get(before) as string | undefined;
    if (code !== undefined) {
      throw new AppError('VALIDATION', `member ${code}: ${rule.message}`, { member: code });
    }
  }
  // New rows take ids above every existing one (INTEGER PRIMARY KEY, ids never given).
  db.sqlite
    .prepare('INSERT INTO members_fts (rowid, name) SELECT id, name FROM members WHERE id > ?')
    .run(before);
}

/** Optional contact and bank columns: the same names in the table and in the CSV formats. */
export const MEMBER_DETAIL_COLUMNS = [
  'phone',
  'email',
  'nik',
  'npwp',
  'bank_name',
  'bank_account',
  'bank_holder',
] as const;

const INSERT_COLUMNS = [
  'code',
  'name',
  'kind',
  'sponsor_id',
  'placement_id',
  'leg',
  'status',
  'join_date',
  ...MEMBER_DETAIL_COLUMNS,
] as const;

/** A new member's values in INSERT_COLUMNS order. */
const insertValues = (m: MemberInsert): unknown[] => INSERT_COLUMNS.map((c) => m[c]);

/**
 * Inserts many new members 32 to a statement (db/bulk.ts batchInserter): each gets the id SQLite
 * would have given it (max(id) + 1, + 2, … — known before its row is written, so later rows can
 * name it as sponsor or placement), and the whole load one created_at/updated_at. A failing row
 * surfaces as a BatchRowError with its position in the order of `add` calls. Call inside the
 * load's transaction (the write lock keeps the ids free).
 */
export function memberBatchInserter(db: Db): {
  add: (m: MemberInsert) => number;
  finish: () => void;
} {
  let next =
    (db.sqlite.prepare('SELECT coalesce(max(id), 0) FROM members').pluck().get() as number) + 1;
  const now = new Date().toISOString(); // = strftime('%Y-%m-%dT%H:%M:%fZ','now')
  const w = batchInserter(db.sqlite, 'members', [
    'id',
    ...INSERT_COLUMNS,
    'created_at',
    'updated_at',
  ]);
  return {
    add(m) {
      const id = next++;
      w.add(id, ...insertValues(m), now, now);
      return id;
    },
    finish: () => w.finish(),
  };
}

/** A prepared insert of one new member; returns the new id. */
export function memberInserter(db: Db): (m: MemberInsert) => number {
  const stmt = db.sqlite.prepare(
    `INSERT INTO members (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  return (m) => Number(stmt.run(...insertValues(m)).lastInsertRowid);
}

export type MemberColumnPatch = Partial<
  Pick<
    MemberInsert,
    | 'name'
    | 'phone'
    | 'email'
    | 'nik'
    | 'npwp'
    | 'bank_name'
    | 'bank_account'
    | 'bank_holder'
    | 'status'
    | 'kind'
    | 'sponsor_id'
    | 'placement_id'
    | 'leg'
  > & { hold: number; hold_reason: string | null }
>;

export function updateMemberColumns(db: Db, id: number, patch: MemberColumnPatch): void {
  const keys = Object.keys(patch) as (keyof MemberColumnPatch)[];
  if (keys.length === 0) return;
  db.sqlite
    .prepare(
      `UPDATE members SET ${keys.map((k) => `${k} = @${k}`).join(', ')},
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = @id`,
    )
    .run({ ...patch, id });
}

export function insertHold(db: Db, memberId: number, reason: string, by: string): void {
  db.sqlite
    .prepare('INSERT INTO holds (member_id, reason, placed_by) VALUES (?, ?, ?)')
    .run(memberId, reason, by);
}

export function releaseHolds(db: Db, memberId: number, by: string): number {
  return db.sqlite
    .prepare(
      `UPDATE holds SET released_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), released_by = ?
       WHERE member_id = ? AND released_at IS NULL`,
    )
    .run(by, memberId).changes;
}

// ---------------------------------------------------------------------------------------------
// Detail reads

export function holdsOf(db: Db, memberId: number) {
  return db.sqlite
    .prepare(
      `SELECT reason, placed_at AS placedAt, placed_by AS placedBy, released_at AS releasedAt,
              released_by AS releasedBy FROM holds WHERE member_id = ? ORDER BY id DESC`,
    )
    .all(memberId) as {
    reason: string;
    placedAt: string;
    placedBy: string | null;
    releasedAt: string | null;
    releasedBy: string | null;
  }[];
}

/** Rank and payout lines from committed runs, newest period first. */
export function runHistoryOf(db: Db, memberId: number) {
  return db.sqlite
    .prepare(
      `SELECT r.period, rm.rank, rm.active, rm.pv, rm.gv, rm.gross, rm.tax, rm.net, rm.held,
              rm.paid, rm.carry_out AS carryOut
       FROM run_members rm JOIN runs r ON r.id = rm.run_id
       WHERE rm.member_id = ? AND r.status = 'committed' ORDER BY r.period DESC`,
    )
    .all(memberId) as {
    period: string;
    rank: string | null;
    active: number;
    pv: number;
    gv: number;
    gross: number;
    tax: number;
    net: number;
    held: number;
    paid: number;
    carryOut: number;
  }[];
}

export const MEMBER_AUDIT_ENTITY = 'member';

export function auditOf(db: Db, code: string, limit = 100) {
  return (
    db.sqlite
      .prepare(
        `SELECT id, at, actor, action, reason, before_json, after_json FROM audit_log
         WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(MEMBER_AUDIT_ENTITY, code, limit) as {
      id: number;
      at: string;
      actor: string;
      action: string;
      reason: string | null;
      before_json: string | null;
      after_json: string | null;
    }[]
  ).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    reason: r.reason,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}

/** Closed periods, oldest first. */
export function closedPeriods(db: Db): string[] {
  return db.sqlite
    .prepare(`SELECT period FROM periods WHERE status = 'closed' ORDER BY period`)
    .pluck()
    .all() as string[];
}
