import type { Selectable } from 'kysely';
import type { Db } from '../client';
import type { MembersTable, PlanVersionsTable, RunMembersTable, RunsTable } from '../database';
import { AppError } from '../../../shared/ipc/result';
import type { Plan } from '../../../shared/plan';
import type { RunTotals } from '../../engine/types';
import { writeAudit } from './audit.repo';
import { containsPattern, Where, type PageQuery } from './page-query';
import {
  RUN_MEMBER_FIGURES_SQL,
  runMemberFigures,
  type RunMemberFigures,
  type RunMemberFiguresDbRow,
} from './runs.repo';

/**
 * Read side of committed runs (runs / run_members / run_lines, written by the period close and
 * never changed) and the payout batches built on them (payout_batches / payout_items, ours).
 * Free functions taking `db` first; the caller owns the transaction.
 */

export interface CommittedRun {
  id: number;
  period: string;
  planVersion: number;
  plan: Plan;
  runHash: string;
  /** `runs.totals_json` as the engine writes it (plan-format.md "Run summary"). */
  totals: RunTotals;
  createdAt: string;
  createdBy: string | null;
}

type RunDbRow = Pick<
  Selectable<RunsTable>,
  'id' | 'period' | 'plan_version' | 'run_hash' | 'totals_json' | 'created_at' | 'created_by'
> &
  Pick<PlanVersionsTable, 'plan_json'>;

const RUN_SELECT = `SELECT r.id, r.period, r.plan_version, p.plan_json, r.run_hash, r.totals_json,
  r.created_at, r.created_by FROM runs r JOIN plan_versions p ON p.version = r.plan_version`;

function toRun(r: RunDbRow): CommittedRun {
  return {
    id: r.id,
    period: r.period,
    planVersion: r.plan_version,
    plan: JSON.parse(r.plan_json) as Plan,
    runHash: r.run_hash,
    totals: JSON.parse(r.totals_json) as RunTotals,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export function findCommittedRun(db: Db, period: string): CommittedRun | undefined {
  const r = db.sqlite
    .prepare(`${RUN_SELECT} WHERE r.period = ? AND r.status = 'committed'`)
    .get(period) as RunDbRow | undefined;
  return r ? toRun(r) : undefined;
}

/** The committed run of a period, or NOT_FOUND with a message a person can act on. */
export function getCommittedRun(db: Db, period: string): CommittedRun {
  const run = findCommittedRun(db, period);
  if (!run) {
    throw new AppError(
      'NOT_FOUND',
      `period ${period} has no committed run: close it first (close commit --period ${period})`,
    );
  }
  return run;
}

export function listCommittedRuns(db: Db): CommittedRun[] {
  return (
    db.sqlite
      .prepare(`${RUN_SELECT} WHERE r.status = 'committed' ORDER BY r.period`)
      .all() as RunDbRow[]
  ).map(toRun);
}

/** Bonus ids of a plan in plan order, with their type. */
export function planBonuses(plan: Plan): { id: string; type: string }[] {
  return plan.bonuses.map((b) => ({ id: b.id, type: b.type }));
}

// ---------------------------------------------------------------------------------------------
// Run members

export interface RunMemberRow extends RunMemberFigures {
  memberId: number;
  code: string;
  name: string;
  kind: 'distributor' | 'customer';
  status: string;
  bonusTotal: number;
  taxBase: number;
  nik: string | null;
  npwp: string | null;
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
  hold: boolean;
}

type RunMemberDbRow = RunMemberFiguresDbRow &
  Pick<Selectable<RunMembersTable>, 'member_id' | 'bonus_total' | 'tax_base'> &
  Pick<
    Selectable<MembersTable>,
    | 'code'
    | 'name'
    | 'kind'
    | 'status'
    | 'nik'
    | 'npwp'
    | 'bank_name'
    | 'bank_account'
    | 'bank_holder'
    | 'hold'
  >;

function toRunMember(r: RunMemberDbRow): RunMemberRow {
  return {
    memberId: r.member_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    status: r.status,
    ...runMemberFigures(r),
    bonusTotal: r.bonus_total,
    taxBase: r.tax_base,
    nik: r.nik,
    npwp: r.npwp,
    bankName: r.bank_name,
    bankAccount: r.bank_account,
    bankHolder: r.bank_holder,
    hold: r.hold === 1,
  };
}

/** Which run members a sheet or grid shows. */
export type RunMemberFilter = 'all' | 'money' | 'paid' | 'unpaid' | 'taxed';

/** `money`: any amount on the member's row is non-zero (the payout sheet's rows). */
const FILTER_SQL: Record<RunMemberFilter, string> = {
  all: '1',
  money: `(rm.bonus_total <> 0 OR rm.adjustments <> 0 OR rm.clawbacks <> 0 OR rm.carry_in <> 0
           OR rm.available <> 0 OR rm.carry_out <> 0 OR rm.net <> 0)`,
  paid: 'rm.paid = 1',
  unpaid: '(rm.paid = 0 AND rm.available <> 0)',
  taxed: '(rm.paid = 1 OR rm.tax > 0)',
};

const RUN_MEMBER_SELECT = `SELECT rm.member_id, m.code, m.name, m.kind, m.status,
  ${RUN_MEMBER_FIGURES_SQL}, rm.bonus_total, rm.tax_base,
  m.nik, m.npwp, m.bank_name, m.bank_account, m.bank_holder, m.hold
  FROM run_members rm JOIN members m ON m.id = rm.member_id`;

/** Run members in code order, streamed (a run may hold a million members). */
export function* iterateRunMembers(
  db: Db,
  runId: number,
  filter: RunMemberFilter = 'all',
): Generator<RunMemberRow> {
  const stmt = db.sqlite.prepare(
    `${RUN_MEMBER_SELECT} WHERE rm.run_id = ? AND ${FILTER_SQL[filter]} ORDER BY m.code`,
  );
  for (const r of stmt.iterate(runId) as Iterable<RunMemberDbRow>) yield toRunMember(r);
}

const SORTABLE: Record<string, string> = {
  code: 'm.code',
  name: 'm.name',
  rank: 'rm.rank',
  bonusTotal: 'rm.bonus_total',
  adjustments: 'rm.adjustments',
  clawbacks: 'rm.clawbacks',
  carryIn: 'rm.carry_in',
  gross: 'rm.gross',
  available: 'rm.available',
  tax: 'rm.tax',
  net: 'rm.net',
  carryOut: 'rm.carry_out',
};

export type RunMemberPage = PageQuery<RunMemberFilter>;

export function pageRunMembers(
  db: Db,
  runId: number,
  q: RunMemberPage,
): { rows: RunMemberRow[]; total: number } {
  const where = new Where().add('rm.run_id = ?', runId).add(FILTER_SQL[q.filter]);
  if (q.search?.trim()) {
    const like = containsPattern(q.search.trim());
    where.add(`(m.code LIKE ? ESCAPE '\\' OR m.name LIKE ? ESCAPE '\\')`, like, like);
  }
  const params = where.params;
  const order = q.sort
    .filter((s) => SORTABLE[s.colId])
    .map((s) => `${SORTABLE[s.colId]} ${s.sort === 'desc' ? 'DESC' : 'ASC'}`);
  order.push('m.code');
  const whereSql = where.sql;
  const total = db.sqlite
    .prepare(
      `SELECT count(*) FROM run_members rm JOIN members m ON m.id = rm.member_id ${whereSql}`,
    )
    .pluck()
    .get(...params) as number;
  const rows = (
    db.sqlite
      .prepare(`${RUN_MEMBER_SELECT} ${whereSql} ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset) as RunMemberDbRow[]
  ).map(toRunMember);
  return { rows, total };
}

export function getRunMember(db: Db, runId: number, code: string): RunMemberRow {
  const r = db.sqlite
    .prepare(`${RUN_MEMBER_SELECT} WHERE rm.run_id = ? AND m.code = ?`)
    .get(runId, code) as RunMemberDbRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `member ${code} is not in the run`);
  return toRunMember(r);
}

/** Column sums over every member of the run (what the sheets' totals must equal). */
export interface RunMemberSums {
  members: number;
  bonusTotal: number;
  adjustments: number;
  clawbacks: number;
  carryIn: number;
  gross: number;
  available: number;
  taxBase: number;
  tax: number;
  net: number;
  carryOut: number;
  paidMembers: number;
  heldMembers: number;
}

export function runMemberSums(db: Db, runId: number): RunMemberSums {
  return db.sqlite
    .prepare(
      `SELECT count(*) AS members, coalesce(sum(bonus_total),0) AS bonusTotal,
         coalesce(sum(adjustments),0) AS adjustments, coalesce(sum(clawbacks),0) AS clawbacks,
         coalesce(sum(carry_in),0) AS carryIn, coalesce(sum(gross),0) AS gross,
         coalesce(sum(available),0) AS available, coalesce(sum(tax_base),0) AS taxBase,
         coalesce(sum(tax),0) AS tax, coalesce(sum(net),0) AS net,
         coalesce(sum(carry_out),0) AS carryOut, coalesce(sum(paid),0) AS paidMembers,
         coalesce(sum(held),0) AS heldMembers
       FROM run_members WHERE run_id = ?`,
    )
    .get(runId) as RunMemberSums;
}

// ---------------------------------------------------------------------------------------------
// Run lines

export interface RunLineRow {
  earnerCode: string;
  earnerName: string;
  bonusId: string;
  level: number;
  sourceCode: string | null;
  sourceName: string | null;
  orderNo: string | null;
  base: number;
  rateBp: number;
  amount: number;
}

const LINE_SELECT = `SELECT e.code AS earnerCode, e.name AS earnerName, l.bonus_id AS bonusId,
  l.level, s.code AS sourceCode, s.name AS sourceName, o.order_no AS orderNo, l.base,
  l.rate_bp AS rateBp, l.amount
  FROM run_lines l JOIN members e ON e.id = l.earner_id
  LEFT JOIN members s ON s.id = l.source_member_id
  LEFT JOIN orders o ON o.id = l.source_order_id`;

/** Lines of one bonus of a run, by earner code then level, streamed. */
export function* iterateRunLines(db: Db, runId: number, bonusId: string): Generator<RunLineRow> {
  const stmt = db.sqlite.prepare(
    `${LINE_SELECT} WHERE l.run_id = ? AND l.bonus_id = ?
     ORDER BY e.code, l.level, s.code, o.order_no`,
  );
  yield* stmt.iterate(runId, bonusId) as Iterable<RunLineRow>;
}

/** Every line earned by one member in a run (statement, explain). */
export function memberRunLines(db: Db, runId: number, memberId: number): RunLineRow[] {
  return db.sqlite
    .prepare(
      `${LINE_SELECT} WHERE l.run_id = ? AND l.earner_id = ?
       ORDER BY l.bonus_id, l.level, s.code, o.order_no`,
    )
    .all(runId, memberId) as RunLineRow[];
}

export function runLineSums(db: Db, runId: number): Map<string, { lines: number; amount: number }> {
  const rows = db.sqlite
    .prepare(
      `SELECT bonus_id AS bonusId, count(*) AS lines, sum(amount) AS amount
       FROM run_lines WHERE run_id = ? GROUP BY bonus_id`,
    )
    .all(runId) as { bonusId: string; lines: number; amount: number }[];
  return new Map(rows.map((r) => [r.bonusId, { lines: r.lines, amount: r.amount }]));
}

export interface AdjustmentRow {
  amount: number;
  reason: string;
  createdAt: string;
}

export function memberAdjustments(db: Db, memberId: number, period: string): AdjustmentRow[] {
  return db.sqlite
    .prepare(
      `SELECT amount, reason, created_at AS createdAt FROM adjustments
       WHERE member_id = ? AND period = ? ORDER BY id`,
    )
    .all(memberId, period) as AdjustmentRow[];
}

export interface ClawbackRow {
  bonusId: string;
  sourcePeriod: string;
  orderNo: string | null;
  level: number;
  amount: number;
}

/** Clawback lines charged to a member in a run (run_clawbacks, written by the close). */
export function memberClawbacks(db: Db, runId: number, memberId: number): ClawbackRow[] {
  return db.sqlite
    .prepare(
      `SELECT c.bonus_id AS bonusId, c.source_period AS sourcePeriod, o.order_no AS orderNo,
              c.level, c.amount
       FROM run_clawbacks c LEFT JOIN orders o ON o.id = c.source_order_id
       WHERE c.run_id = ? AND c.earner_id = ? ORDER BY c.source_period, o.order_no, c.bonus_id`,
    )
    .all(runId, memberId) as ClawbackRow[];
}

// ---------------------------------------------------------------------------------------------
// Payout batches

export type ItemStatus = 'pending' | 'paid' | 'failed';

export interface PayoutItem {
  id: number;
  batchId: number;
  memberId: number;
  code: string;
  name: string;
  kind: 'run' | 'retry';
  retryOf: number | null;
  sourcePeriod: string;
  amount: number;
  status: ItemStatus;
  reason: string | null;
  /** Current bank details of the member (what the next bank file will use). */
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
  hold: boolean;
  memberStatus: string;
  exportedAt: string | null;
  markedAt: string | null;
  markedBy: string | null;
  /** A failed item already re-sent in a later batch. */
  resent: boolean;
}

/**
 * An item is *live* while its source run is still the committed run of its period; items of a
 * superseded run (period reopened) are void: never exported, never marked, never re-sent.
 */
const LIVE = `EXISTS (SELECT 1 FROM runs sr WHERE sr.id = i.source_run_id AND sr.status = 'committed')`;

/** Columns of a PayoutItem, plus whether it is live. */
const ITEM_SELECT = `SELECT ${LIVE} AS live, i.id, i.batch_id AS batchId, i.member_id AS memberId, m.code, m.name,
  i.kind, i.retry_of AS retryOf, i.source_period AS sourcePeriod, i.amount, i.status, i.reason,
  m.bank_name AS bankName, m.bank_account AS bankAccount, m.bank_holder AS bankHolder,
  m.hold, m.status AS memberStatus, i.exported_at AS exportedAt, i.marked_at AS markedAt,
  i.marked_by AS markedBy,
  EXISTS (SELECT 1 FROM payout_items r WHERE r.retry_of = i.id) AS resent
  FROM payout_items i JOIN payout_batches b ON b.id = i.batch_id JOIN members m ON m.id = i.member_id`;

type ItemDbRow = Omit<PayoutItem, 'hold' | 'resent'> & {
  hold: number;
  resent: number;
  live: number;
};
const toItem = ({ live: _live, ...r }: ItemDbRow): PayoutItem => ({
  ...r,
  hold: r.hold === 1,
  resent: r.resent === 1,
});

export interface BatchInfo {
  id: number;
  period: string;
  runId: number;
  createdAt: string;
  createdBy: string | null;
  lastExportAt: string | null;
  lastExportBy: string | null;
  lastExportLayout: string | null;
}

export function findBatch(db: Db, runId: number): BatchInfo | undefined {
  return db.sqlite
    .prepare(
      `SELECT id, period, run_id AS runId, created_at AS createdAt, created_by AS createdBy,
              last_export_at AS lastExportAt, last_export_by AS lastExportBy,
              last_export_layout AS lastExportLayout
       FROM payout_batches WHERE run_id = ?`,
    )
    .get(runId) as BatchInfo | undefined;
}

/**
 * The payout batch of a committed run, created on first use. Creation adds one `run` item per
 * member the run paid (net > 0), less what earlier batches of the same period already paid (a
 * reopened and recommitted period pays only the difference). Every call also takes in the failed
 * transfers of earlier periods that have not been re-sent yet (`retry` items): that is how a
 * failed transfer is carried forward.
 */
export function ensureBatch(db: Db, run: CommittedRun, actor: string): BatchInfo {
  let batch = findBatch(db, run.id);
  if (!batch) {
    const batchId = Number(
      db.sqlite
        .prepare(`INSERT INTO payout_batches (period, run_id, created_by) VALUES (?, ?, ?)`)
        .run(run.period, run.id, actor).lastInsertRowid,
    );
    const inserted = db.sqlite
      .prepare(
        `INSERT INTO payout_items (batch_id, member_id, kind, source_run_id, source_period, amount)
         SELECT ?, rm.member_id, 'run', rm.run_id, ?, rm.net - coalesce(done.paid, 0)
         FROM run_members rm
         LEFT JOIN (SELECT member_id, sum(amount) AS paid FROM payout_items
                    WHERE source_period = ? AND status = 'paid' GROUP BY member_id) done
           ON done.member_id = rm.member_id
         WHERE rm.run_id = ? AND rm.paid = 1 AND rm.net - coalesce(done.paid, 0) > 0`,
      )
      .run(batchId, run.period, run.period, run.id).changes;
    batch = findBatch(db, run.id)!;
    writeAudit(db, {
      actor,
      action: 'payouts.batch.create',
      entity: 'payout_batch',
      entityId: batchId,
      after: { period: run.period, runId: run.id, items: inserted },
    });
  }
  const retried = db.sqlite
    .prepare(
      `INSERT INTO payout_items (batch_id, member_id, kind, retry_of, source_run_id, source_period, amount)
       SELECT ?, i.member_id, 'retry', i.id, i.source_run_id, i.source_period, i.amount
       FROM payout_items i JOIN payout_batches b ON b.id = i.batch_id
       WHERE i.status = 'failed' AND b.period < ? AND ${LIVE}
         AND NOT EXISTS (SELECT 1 FROM payout_items r WHERE r.retry_of = i.id)
       ORDER BY i.id`,
    )
    .run(batch.id, run.period).changes;
  if (retried > 0) {
    writeAudit(db, {
      actor,
      action: 'payouts.batch.carry_forward',
      entity: 'payout_batch',
      entityId: batch.id,
      after: { period: run.period, retryItems: retried },
    });
  }
  return batch;
}

/** Items of every batch of a period (a recommitted period may have several), live ones first. */
export function periodItems(
  db: Db,
  period: string,
  opts: { status?: ItemStatus; liveOnly?: boolean } = {},
): (PayoutItem & { live: boolean })[] {
  const where = ['b.period = ?'];
  const params: unknown[] = [period];
  if (opts.status) {
    where.push('i.status = ?');
    params.push(opts.status);
  }
  if (opts.liveOnly) where.push(LIVE);
  return (
    db.sqlite
      .prepare(`${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY live DESC, m.code, i.id`)
      .all(...params) as ItemDbRow[]
  ).map((r) => ({ ...toItem(r), live: r.live === 1 }));
}

/** Failed transfers not yet re-sent: they go into the next batch that is built or exported. */
export function openFailures(db: Db): PayoutItem[] {
  return (
    db.sqlite
      .prepare(
        `${ITEM_SELECT} WHERE i.status = 'failed' AND ${LIVE}
           AND NOT EXISTS (SELECT 1 FROM payout_items r WHERE r.retry_of = i.id)
         ORDER BY i.source_period, m.code`,
      )
      .all() as ItemDbRow[]
  ).map(toItem);
}

export interface BatchCounts {
  pending: number;
  pendingAmount: number;
  paid: number;
  paidAmount: number;
  failed: number;
  failedAmount: number;
  void: number;
}

export function periodCounts(db: Db, period: string): BatchCounts {
  const r = db.sqlite
    .prepare(
      `SELECT
         coalesce(sum(live AND status = 'pending'), 0) AS pending,
         coalesce(sum(CASE WHEN live AND status = 'pending' THEN amount END), 0) AS pendingAmount,
         coalesce(sum(status = 'paid'), 0) AS paid,
         coalesce(sum(CASE WHEN status = 'paid' THEN amount END), 0) AS paidAmount,
         coalesce(sum(live AND status = 'failed'), 0) AS failed,
         coalesce(sum(CASE WHEN live AND status = 'failed' THEN amount END), 0) AS failedAmount,
         coalesce(sum(NOT live AND status <> 'paid'), 0) AS void
       FROM (SELECT i.status, i.amount, ${LIVE} AS live FROM payout_items i
             JOIN payout_batches b ON b.id = i.batch_id WHERE b.period = ?)`,
    )
    .get(period) as BatchCounts;
  return r;
}

/** Record that a bank file carried these items (with the bank details it used). */
export function recordExport(
  db: Db,
  batchId: number,
  items: { id: number; bankName: string; bankAccount: string; bankHolder: string }[],
  layout: string,
  actor: string,
): void {
  const at = new Date().toISOString();
  const upd = db.sqlite.prepare(
    `UPDATE payout_items SET bank_name = ?, bank_account = ?, bank_holder = ?, exported_at = ?
     WHERE id = ?`,
  );
  for (const it of items) upd.run(it.bankName, it.bankAccount, it.bankHolder, at, it.id);
  db.sqlite
    .prepare(
      `UPDATE payout_batches SET last_export_at = ?, last_export_by = ?, last_export_layout = ?
       WHERE id = ?`,
    )
    .run(at, actor, layout, batchId);
}

export interface MarkRequest {
  period: string;
  status: 'paid' | 'failed';
  /** Member codes: every live pending item of the member in the period (paid: failed ones too). */
  members?: string[];
  itemIds?: number[];
  /** Every live pending item of the period (only with status paid). */
  allPending?: boolean;
  reason?: string;
}

/** Mark transfers paid or failed; returns the items changed. Every change is audited. */
export function markItems(db: Db, req: MarkRequest, actor: string): PayoutItem[] {
  const live = periodItems(db, req.period, { liveOnly: true });
  const byCode = new Map<string, PayoutItem[]>();
  for (const it of live) byCode.set(it.code, [...(byCode.get(it.code) ?? []), it]);
  const markable = (it: PayoutItem): boolean =>
    it.status === 'pending' || (req.status === 'paid' && it.status === 'failed' && !it.resent);
  const chosen = new Map<number, PayoutItem>();
  for (const code of req.members ?? []) {
    const items = byCode.get(code);
    if (!items) {
      throw new AppError(
        'NOT_FOUND',
        `member ${code} has no transfer in the payout batch of ${req.period}`,
      );
    }
    const ok = items.filter(markable);
    if (ok.length === 0) {
      throw new AppError(
        'CONFLICT',
        `member ${code} has no transfer in ${req.period} that can be marked ${req.status}`,
      );
    }
    for (const it of ok) chosen.set(it.id, it);
  }
  for (const id of req.itemIds ?? []) {
    const it = live.find((x) => x.id === id);
    if (!it) throw new AppError('NOT_FOUND', `transfer #${id} is not a live item of ${req.period}`);
    if (!markable(it))
      throw new AppError(
        'CONFLICT',
        `transfer #${id} is ${it.status}${it.resent ? ' and was re-sent' : ''}`,
      );
    chosen.set(it.id, it);
  }
  if (req.allPending) {
    for (const it of live) if (it.status === 'pending') chosen.set(it.id, it);
  }
  if (req.status === 'failed' && !req.reason?.trim()) {
    throw new AppError('VALIDATION', 'reason: say why the transfer failed');
  }
  const at = new Date().toISOString();
  const upd = db.sqlite.prepare(
    `UPDATE payout_items SET status = ?, reason = ?, marked_at = ?, marked_by = ? WHERE id = ?`,
  );
  const changed: PayoutItem[] = [];
  for (const it of chosen.values()) {
    const reason = req.status === 'failed' ? req.reason!.trim() : req.reason?.trim() || null;
    upd.run(req.status, reason, at, actor, it.id);
    writeAudit(db, {
      actor,
      action: `payouts.item.${req.status}`,
      entity: 'payout_item',
      entityId: it.id,
      before: {
        status: it.status,
        member: it.code,
        amount: it.amount,
        sourcePeriod: it.sourcePeriod,
      },
      after: { status: req.status },
      reason,
    });
    changed.push({ ...it, status: req.status, reason, markedAt: at, markedBy: actor });
  }
  return changed;
}

/** Transfers of a member whose money came from `period` (statement: was it paid?). */
export function memberTransfers(
  db: Db,
  memberId: number,
  period: string,
): { batchPeriod: string; kind: string; amount: number; status: ItemStatus; live: boolean }[] {
  return (
    db.sqlite
      .prepare(
        `SELECT b.period AS batchPeriod, i.kind, i.amount, i.status, ${LIVE} AS live
         FROM payout_items i JOIN payout_batches b ON b.id = i.batch_id
         WHERE i.member_id = ? AND (i.source_period = ? OR b.period = ?) ORDER BY i.id`,
      )
      .all(memberId, period, period) as {
      batchPeriod: string;
      kind: string;
      amount: number;
      status: ItemStatus;
      live: number;
    }[]
  ).map((r) => ({ ...r, live: r.live === 1 }));
}

/** Company identity shown on statements and bank files (settings table, optional keys). */
export interface CompanyInfo {
  name: string;
  address: string | null;
  npwp: string | null;
  sourceAccount: string | null;
}

export function companyInfo(db: Db): CompanyInfo {
  const rows = db.sqlite
    .prepare(
      `SELECT key, value FROM settings WHERE key IN
       ('company.name','company.address','company.npwp','payout.sourceAccount')`,
    )
    .all() as { key: string; value: string }[];
  const get = (k: string): string | null => rows.find((r) => r.key === k)?.value?.trim() || null;
  return {
    name: get('company.name') ?? 'Jenjang',
    address: get('company.address'),
    npwp: get('company.npwp'),
    sourceAccount: get('payout.sourceAccount'),
  };
}
