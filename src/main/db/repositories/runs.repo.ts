import type { Selectable } from 'kysely';
import type { Db } from '../client';
import { batchInserter } from '../bulk';
import type { RunMembersTable, RunsTable } from '../database';
import type { Plan } from '../../../shared/plan';
import type { MemberJsonDto, RunInfo, RunTotalsExt } from '../../../shared/ipc/close.contract';

/**
 * Runs, their member rows, lines and clawback lines, and the periods table (docs/close.md).
 * Committed runs are immutable (triggers); a reopen marks the run superseded, never deletes it.
 */

type RunDbRow = Selectable<RunsTable>;

function toInfo(r: RunDbRow): RunInfo {
  return {
    runId: r.id,
    period: r.period,
    status: r.status,
    planVersion: r.plan_version,
    planHash: r.plan_hash,
    runHash: r.run_hash,
    totals: JSON.parse(r.totals_json) as RunTotalsExt,
    createdAt: r.created_at,
    createdBy: r.created_by,
    previewedBy: r.previewed_by,
    supersededAt: r.superseded_at,
    supersedeReason: r.supersede_reason,
  };
}

export function committedRun(db: Db, period: string): RunInfo | undefined {
  const r = db.sqlite
    .prepare(`SELECT * FROM runs WHERE period = ? AND status = 'committed'`)
    .get(period) as RunDbRow | undefined;
  return r ? toInfo(r) : undefined;
}

export function getRun(db: Db, runId: number): RunInfo | undefined {
  const r = db.sqlite.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunDbRow | undefined;
  return r ? toInfo(r) : undefined;
}

/** The latest committed run of a period before `period`: carry-in and binary carry come from it. */
export function previousCommittedRun(db: Db, period: string): RunInfo | undefined {
  const r = db.sqlite
    .prepare(
      `SELECT * FROM runs WHERE status = 'committed' AND period < ? ORDER BY period DESC LIMIT 1`,
    )
    .get(period) as RunDbRow | undefined;
  return r ? toInfo(r) : undefined;
}

/** Every run of a period, newest first (the committed one and those superseded by reopens). */
export function runHistory(db: Db, period: string): RunInfo[] {
  return (
    db.sqlite
      .prepare('SELECT * FROM runs WHERE period = ? ORDER BY id DESC')
      .all(period) as RunDbRow[]
  ).map(toInfo);
}

export function isClosed(db: Db, period: string): boolean {
  return (
    db.sqlite
      .prepare(`SELECT 1 FROM periods WHERE period = ? AND status = 'closed'`)
      .get(period) !== undefined
  );
}

export function latestClosedPeriod(db: Db): string | null {
  return (
    (db.sqlite.prepare(`SELECT max(period) FROM periods WHERE status = 'closed'`).pluck().get() as
      string | null) ?? null
  );
}

export function closedPeriodAfter(db: Db, period: string): string | null {
  return (
    (db.sqlite
      .prepare(`SELECT min(period) FROM periods WHERE status = 'closed' AND period > ?`)
      .pluck()
      .get(period) as string | null) ?? null
  );
}

/**
 * Earlier periods that have data (orders, returns or adjustments — interfaces.md) and are not
 * closed: while any remains, `period` cannot be committed.
 */
export function commitBlockers(db: Db, period: string): string[] {
  return db.sqlite
    .prepare(
      `WITH p(period) AS (
         SELECT DISTINCT period FROM orders WHERE period < @p
         UNION SELECT DISTINCT period FROM returns WHERE period < @p
         UNION SELECT DISTINCT period FROM adjustments WHERE period < @p)
       SELECT p.period FROM p
       WHERE NOT EXISTS (SELECT 1 FROM periods c WHERE c.period = p.period AND c.status = 'closed')
       ORDER BY p.period`,
    )
    .pluck()
    .all({ p: period }) as string[];
}

export function periodHasData(db: Db, period: string): boolean {
  return (
    db.sqlite
      .prepare(
        `SELECT 1 WHERE EXISTS (SELECT 1 FROM orders WHERE period = @p)
            OR EXISTS (SELECT 1 FROM returns WHERE period = @p)
            OR EXISTS (SELECT 1 FROM adjustments WHERE period = @p)`,
      )
      .get({ p: period }) !== undefined
  );
}

export function insertRun(
  db: Db,
  r: {
    period: string;
    planVersion: number;
    planHash: string;
    runHash: string;
    totals: RunTotalsExt;
    createdBy: string;
    previewedBy: string | null;
  },
): number {
  const res = db.sqlite
    .prepare(
      `INSERT INTO runs (period, plan_version, plan_hash, run_hash, status, totals_json, created_by, previewed_by)
       VALUES (?, ?, ?, ?, 'committed', ?, ?, ?)`,
    )
    .run(
      r.period,
      r.planVersion,
      r.planHash,
      r.runHash,
      JSON.stringify(r.totals),
      r.createdBy,
      r.previewedBy,
    );
  return Number(res.lastInsertRowid);
}

/** run_members columns in the order the run writers bind them. */
export const RUN_MEMBER_COLUMNS = [
  'run_id',
  'member_id',
  'rank',
  'active',
  'pv',
  'gv',
  'bv',
  'bonuses_json',
  'bonus_total',
  'adjustments',
  'clawbacks',
  'carry_in',
  'gross',
  'available',
  'held',
  'paid',
  'tax',
  'tax_base',
  'net',
  'carry_out',
  'binary_carry_l',
  'binary_carry_r',
  'volume_owner_id',
] as const;

/** run_lines columns in the order the run writers bind them. */
export const RUN_LINE_COLUMNS = [
  'run_id',
  'earner_id',
  'bonus_id',
  'source_member_id',
  'source_order_id',
  'level',
  'base',
  'rate_bp',
  'amount',
] as const;

/**
 * Inserts for the member and line rows of one run (multi-row statements, db/bulk.ts) into
 * `schema`'s run_members and run_lines (`main`, or a staging copy: close/persist.ts); call
 * inside a transaction and `finish()` each writer at the end.
 */
export function runRowBatches(db: Db, schema = 'main') {
  return {
    member: batchInserter(db.sqlite, `${schema}.run_members`, RUN_MEMBER_COLUMNS),
    line: batchInserter(db.sqlite, `${schema}.run_lines`, RUN_LINE_COLUMNS, 64),
  };
}

/** The insert of a run's clawback lines (a handful of rows a run). */
export function clawbackInserter(db: Db) {
  return db.sqlite.prepare(
    `INSERT INTO run_clawbacks (run_id, earner_id, bonus_id, source_run_id, source_period,
       source_member_id, source_order_id, level, base, rate_bp, before_amount, after_amount, amount)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
}

export function setPeriodClosed(db: Db, period: string, runId: number, by: string): void {
  db.sqlite
    .prepare(
      `INSERT INTO periods (period, status, run_id, closed_at, closed_by)
       VALUES (?, 'closed', ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?)
       ON CONFLICT(period) DO UPDATE SET status = 'closed', run_id = excluded.run_id,
         closed_at = excluded.closed_at, closed_by = excluded.closed_by`,
    )
    .run(period, runId, by);
}

export function supersedeRun(db: Db, runId: number, reason: string): void {
  db.sqlite
    .prepare(
      `UPDATE runs SET status = 'superseded', superseded_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
         supersede_reason = ? WHERE id = ? AND status = 'committed'`,
    )
    .run(reason, runId);
}

export function setPeriodOpen(db: Db, period: string): void {
  db.sqlite
    .prepare(
      `UPDATE periods SET status = 'open', run_id = NULL, closed_at = NULL, closed_by = NULL
       WHERE period = ?`,
    )
    .run(period);
}

/** The run_members columns every reader of a stored member row maps (rank … carry_out). */
export type RunMemberFiguresDbRow = Pick<
  Selectable<RunMembersTable>,
  | 'rank'
  | 'active'
  | 'pv'
  | 'gv'
  | 'bv'
  | 'bonuses_json'
  | 'adjustments'
  | 'clawbacks'
  | 'carry_in'
  | 'gross'
  | 'available'
  | 'held'
  | 'paid'
  | 'tax'
  | 'net'
  | 'carry_out'
>;

/** Those columns selected from `run_members rm`. */
export const RUN_MEMBER_FIGURES_SQL = `rm.rank, rm.active, rm.pv, rm.gv, rm.bv, rm.bonuses_json,
  rm.adjustments, rm.clawbacks, rm.carry_in, rm.gross, rm.available, rm.held, rm.paid, rm.tax,
  rm.net, rm.carry_out`;

/** A stored member's figures as interfaces.md names them (all but code, kind, binaryCarry). */
export type RunMemberFigures = Omit<MemberJsonDto, 'code' | 'kind' | 'binaryCarry'>;

/** The figures of a stored run_members row; `bonuses` holds the stored (non-zero) amounts. */
export function runMemberFigures(r: RunMemberFiguresDbRow): RunMemberFigures {
  return {
    rank: r.rank,
    active: r.active === 1,
    pv: r.pv,
    gv: r.gv,
    bv: r.bv,
    bonuses: JSON.parse(r.bonuses_json) as Record<string, number>,
    adjustments: r.adjustments,
    clawbacks: r.clawbacks,
    carryIn: r.carry_in,
    gross: r.gross,
    available: r.available,
    held: r.held === 1,
    paid: r.paid === 1,
    tax: r.tax,
    net: r.net,
    carryOut: r.carry_out,
  };
}

type StoredMemberRow = RunMemberFiguresDbRow &
  Pick<Selectable<RunMembersTable>, 'binary_carry_l' | 'binary_carry_r'> & { code: string };

/** Stored per-member bonuses keep only the non-zero amounts; the JSON lists every bonus id. */
export function encodeBonuses(ids: readonly string[], amounts: readonly number[]): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) {
    const a = amounts[i] as number;
    if (a !== 0) s += `${s ? ',' : ''}${JSON.stringify(ids[i])}:${a}`;
  }
  return `{${s}}`;
}

function storedToJson(r: StoredMemberRow, plan: Plan, binary: boolean): MemberJsonDto {
  const figures = runMemberFigures(r);
  const bonuses: Record<string, number> = {};
  for (const b of plan.bonuses) bonuses[b.id] = figures.bonuses[b.id] ?? 0;
  // Key order is interfaces.md's: `bonuses` keeps its place among the figures.
  const json: MemberJsonDto = {
    code: r.code,
    // Every distributor has a rank (the base rank at least); customers have none.
    kind: r.rank === null ? 'customer' : 'distributor',
    ...figures,
    bonuses,
  };
  if (binary) json.binaryCarry = { left: r.binary_carry_l, right: r.binary_carry_r };
  return json;
}

/**
 * A stored run's members as interfaces.md JSON, in code order, streamed. Hashing this stream
 * must give the run's run_hash (tested): what is stored is exactly what was computed.
 */
export function* storedMembersJson(db: Db, runId: number, plan: Plan): Generator<MemberJsonDto> {
  const binary = plan.bonuses.some((b) => b.type === 'binary');
  const rows = db.sqlite
    .prepare(
      `SELECT m.code, ${RUN_MEMBER_FIGURES_SQL}, rm.binary_carry_l, rm.binary_carry_r
       FROM run_members rm JOIN members m ON m.id = rm.member_id
       WHERE rm.run_id = ? ORDER BY m.code`,
    )
    .iterate(runId) as IterableIterator<StoredMemberRow>;
  for (const r of rows) yield storedToJson(r, plan, binary);
}

export function storedMemberJson(
  db: Db,
  runId: number,
  memberId: number,
  plan: Plan,
): MemberJsonDto | undefined {
  const r = db.sqlite
    .prepare(
      `SELECT m.code, rm.* FROM run_members rm JOIN members m ON m.id = rm.member_id
       WHERE rm.run_id = ? AND rm.member_id = ?`,
    )
    .get(runId, memberId) as StoredMemberRow | undefined;
  return r
    ? storedToJson(
        r,
        plan,
        plan.bonuses.some((b) => b.type === 'binary'),
      )
    : undefined;
}

export function storedTaxBase(db: Db, runId: number, memberId: number): number {
  return (
    (db.sqlite
      .prepare('SELECT tax_base FROM run_members WHERE run_id = ? AND member_id = ?')
      .pluck()
      .get(runId, memberId) as number | undefined) ?? 0
  );
}

export interface StoredLine {
  bonusId: string;
  sourceMemberId: number | null;
  sourceCode: string | null;
  sourceOrderId: number | null;
  sourceOrderNo: string | null;
  level: number;
  base: number;
  rateBp: number;
  amount: number;
}

export function storedLinesOf(db: Db, runId: number, earnerId: number): StoredLine[] {
  return db.sqlite
    .prepare(
      `SELECT l.bonus_id AS bonusId, l.source_member_id AS sourceMemberId, s.code AS sourceCode,
              l.source_order_id AS sourceOrderId, o.order_no AS sourceOrderNo, l.level,
              l.base, l.rate_bp AS rateBp, l.amount
       FROM run_lines l
       LEFT JOIN members s ON s.id = l.source_member_id
       LEFT JOIN orders o ON o.id = l.source_order_id
       WHERE l.run_id = ? AND l.earner_id = ?
       ORDER BY l.rowid`,
    )
    .all(runId, earnerId) as StoredLine[];
}

export interface StoredClawback {
  bonusId: string;
  sourcePeriod: string;
  sourceCode: string | null;
  sourceOrderNo: string | null;
  level: number;
  base: number;
  rateBp: number;
  before: number;
  after: number;
  amount: number;
}

export function storedClawbacksOf(db: Db, runId: number, earnerId: number): StoredClawback[] {
  return db.sqlite
    .prepare(
      `SELECT c.bonus_id AS bonusId, c.source_period AS sourcePeriod, s.code AS sourceCode,
              o.order_no AS sourceOrderNo, c.level, c.base, c.rate_bp AS rateBp,
              c.before_amount AS before, c.after_amount AS after, c.amount
       FROM run_clawbacks c
       LEFT JOIN members s ON s.id = c.source_member_id
       LEFT JOIN orders o ON o.id = c.source_order_id
       WHERE c.run_id = ? AND c.earner_id = ?
       ORDER BY c.rowid`,
    )
    .all(runId, earnerId) as StoredClawback[];
}

// ---- settings ------------------------------------------------------------------------------

export const MAKER_CHECKER_KEY = 'close.makerChecker';

export function getMakerChecker(db: Db): boolean {
  const v = db.sqlite
    .prepare('SELECT value FROM settings WHERE key = ?')
    .pluck()
    .get(MAKER_CHECKER_KEY) as string | undefined;
  return v === 'true' || v === '1';
}

export function setMakerChecker(db: Db, on: boolean): void {
  db.sqlite
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(MAKER_CHECKER_KEY, on ? 'true' : 'false');
}

// ---- previews ------------------------------------------------------------------------------

export interface PreviewRow {
  period: string;
  runHash: string;
  planVersion: number;
  planHash: string;
  previewedBy: string;
  previewedAt: string;
  totalsJson: string;
  membersBlob: Buffer;
}

export function getPreview(db: Db, period: string, withBlob = true): PreviewRow | undefined {
  const r = db.sqlite
    .prepare(
      `SELECT period, run_hash AS runHash, plan_version AS planVersion, plan_hash AS planHash,
              previewed_by AS previewedBy, previewed_at AS previewedAt, totals_json AS totalsJson,
              ${withBlob ? 'members_blob' : "x''"} AS membersBlob
       FROM close_previews WHERE period = ?`,
    )
    .get(period) as PreviewRow | undefined;
  return r;
}

export function savePreview(db: Db, p: PreviewRow): void {
  db.sqlite
    .prepare(
      `INSERT INTO close_previews (period, run_hash, plan_version, plan_hash, previewed_by,
         previewed_at, totals_json, members_blob)
       VALUES (@period, @runHash, @planVersion, @planHash, @previewedBy, @previewedAt, @totalsJson, @membersBlob)
       ON CONFLICT(period) DO UPDATE SET run_hash = excluded.run_hash,
         plan_version = excluded.plan_version, plan_hash = excluded.plan_hash,
         previewed_by = excluded.previewed_by, previewed_at = excluded.previewed_at,
         totals_json = excluded.totals_json, members_blob = excluded.members_blob`,
    )
    .run(p);
}
