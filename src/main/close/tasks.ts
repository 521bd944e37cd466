import { statSync } from 'node:fs';
import { openDb, toAppError, type Db } from '../db/client';
import { AppError } from '../../shared/ipc/result';
import type {
  CommitResultDto,
  ExplainDto,
  MemberJsonDto,
  PreviewDto,
} from '../../shared/ipc/close.contract';
import { writeAudit } from '../db/repositories/audit.repo';
import { memberAdjustments } from '../db/repositories/adjustments.repo';
import {
  closedPeriodAfter,
  commitBlockers,
  committedRun,
  getMakerChecker,
  getPreview,
  isClosed,
  savePreview,
  storedClawbacksOf,
  storedLinesOf,
  storedMemberJson,
  storedTaxBase,
} from '../db/repositories/runs.repo';
import { explainMember } from '../engine/explain';
import { runToJson } from '../engine/json';
import { STATUS_NAMES } from '../engine/types';
import { computePeriod, scaledProgress, type Computed, type StageProgress } from './compute';
import { stageRunRows, writeRun } from './persist';
import { figuresOf, packFigures } from './preview-store';
import { summarize } from './summary';

/**
 * The close's long tasks, as plain functions of (db file, task) — run by close.worker.ts in a
 * worker thread, each on its own connection to the database file (WAL lets it read while the
 * app's connection stays usable).
 */

interface TaskBase {
  dbPath: string;
  /**
   * Pause this long at each stage boundary (JENJANG_CLOSE_STAGE_DELAY_MS): lets a demo or a UI
   * test watch the progress bar on a small database. 0 in normal use.
   */
  stageDelayMs?: number | undefined;
}

export type CloseTask = TaskBase &
  (
    | { kind: 'preview'; period: string; user: string; members: boolean }
    | { kind: 'commit'; period: string; user: string; expectRunHash?: string | undefined }
    | { kind: 'explain'; period: string; member: string }
  );

export type CloseTaskResult = PreviewDto | CommitResultDto | ExplainDto;

function paced(emit: StageProgress, ms: number | undefined): StageProgress {
  if (!ms || ms <= 0) return emit;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let last = '';
  return (stage, done, total) => {
    emit(stage, done, total);
    if (stage !== last) {
      last = stage;
      Atomics.wait(pause, 0, 0, Math.min(ms, 10_000));
    }
  };
}

/** Page cache of a close task's connection, in KiB. */
const TASK_CACHE_KIB = 512 * 1024;

export function runCloseTask(task: CloseTask, rawEmit: StageProgress): CloseTaskResult {
  const emit = paced(rawEmit, task.stageDelayMs);
  // A preview or a commit ends what an earlier preview kept; a commit of the same period may
  // take it over (its connection and its computation). An explain of that period may read it
  // (on its connection) and leaves it kept.
  const taken = task.kind === 'explain' ? null : takeKeptPreview(task.dbPath, task.period);
  const shared = task.kind === 'explain' ? keptFor(task.dbPath, task.period) : null;
  const db = taken?.db ?? shared?.db ?? openTaskDb(task.dbPath);
  let keep: KeptPreview | null = shared;
  try {
    switch (task.kind) {
      case 'preview': {
        const { dto, kept } = previewTask(db, task, emit);
        keep = kept;
        return dto;
      }
      case 'commit':
        return commitTask(db, task, emit, taken);
      case 'explain':
        return explainTask(db, task, emit, shared);
      default:
        throw new AppError('VALIDATION', 'unknown close task');
    }
  } catch (e) {
    throw toAppError(e);
  } finally {
    if (keep) keptPreview = keep;
    else db.sqlite.close();
  }
}

// ---- the kept preview ----------------------------------------------------------------------

/**
 * The last preview's computation, kept with the connection that read it, so that the commit
 * which follows an unchanged preview stores exactly what was reviewed without reading and
 * computing the period again (at a million members: snapshot, engine and run hash, ~8 s of a
 * commit). SQLite's `PRAGMA data_version` of that connection proves "unchanged": it moves
 * whenever any other connection (the app's, the CLI's, another worker's) commits a write, and
 * the commit reads it again inside its IMMEDIATE transaction, under the write lock. An explain of
 * the period reads it too (same check). Anything else — another preview or commit, a different
 * file at the same path — drops it, and the commit computes as before. One per thread (a warm
 * close worker keeps it between tasks).
 */
export interface KeptPreview {
  dbPath: string;
  /** Device and inode of the file when it was read: a restored file is another file. */
  file: string;
  period: string;
  db: Db;
  dataVersion: number;
  computed: Computed;
  /** Its run rows are staged on `db` (stageKeptPreview): the commit copies them. */
  staged: boolean;
}

let keptPreview: KeptPreview | null = null;

function fileIdentity(path: string): string {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return '';
  }
}

function dataVersion(db: Db): number {
  return db.sqlite.pragma('data_version', { simple: true }) as number;
}

/**
 * `k` still describes the database `db` sees: it is on that connection and no connection has
 * written since its preview read the period (read in a transaction: inside a commit's, under
 * its write lock).
 */
function stillCurrent(k: KeptPreview | null, db: Db): k is KeptPreview {
  return (
    k !== null && k.db === db && db.sqlite.transaction(() => dataVersion(db) === k.dataVersion)()
  );
}

/** The kept preview of `period` in `dbPath`, left kept (an explain reads it). */
function keptFor(dbPath: string, period: string): KeptPreview | null {
  const k = keptPreview;
  return k && k.dbPath === dbPath && k.period === period && k.file === fileIdentity(dbPath)
    ? k
    : null;
}

/** The kept preview of `period` in `dbPath`, if any; every other kept preview is released. */
function takeKeptPreview(dbPath: string, period: string): KeptPreview | null {
  const k = keptFor(dbPath, period);
  if (k) keptPreview = null;
  else releaseKeptPreview();
  return k;
}

/**
 * After a task has answered (close.worker.ts; the in-process path right after the task): stage
 * the kept preview's run rows on its connection, so that committing it is a copy done by SQLite
 * (close/persist.ts stageRunRows). A no-op when nothing is kept or it is staged already. `stop`
 * turning true (another task waits: an explain) abandons it — the next task's afterwards starts
 * again; if staging never completes, the commit writes the rows itself.
 */
export function stageKeptPreview(stop?: () => boolean): void {
  const k = keptPreview;
  if (!k || k.staged) return;
  try {
    stageRunRows(k.db, k.computed, stop);
    k.staged = true;
  } catch {
    // Only a shortcut: the commit binds the rows itself.
  }
}

/** What the thread keeps (tests, the bench): nothing, a computed preview, or its staged rows. */
export function keptPreviewState(): 'none' | 'computed' | 'staged' {
  return !keptPreview ? 'none' : keptPreview.staged ? 'staged' : 'computed';
}

/** Closes the kept preview's connection (before a restore swaps the file, at shutdown). */
export function releaseKeptPreview(): void {
  const k = keptPreview;
  keptPreview = null;
  k?.db.sqlite.close();
}

/** A close task's own connection to the database file. */
export function openTaskDb(dbPath: string): Db {
  // A preview (storing its figures) and a commit wait for another writer rather than fail: an
  // import of 100k members or another close holds the write lock for seconds.
  const db = openDb(dbPath, { migrate: false, busyTimeoutMs: 30_000 });
  // A page cache that holds the members table and the run being written (allocated as used):
  // with SQLite's 2 MB default, a million-member commit re-reads pages for every foreign-key
  // check and spills the transaction early (docs/performance.md).
  db.sqlite.pragma(`cache_size = -${TASK_CACHE_KIB}`);
  // No checkpoint inside the task: copying a commit's ~150 MB of WAL into the database file
  // (or a first preview's 32 MB blob) costs ~2 s at a million members. checkpointAfter does it
  // once the answer is out (close.worker.ts).
  db.sqlite.pragma('wal_autocheckpoint = 0');
  return db;
}

/**
 * After a task that wrote (preview, commit): copy the write-ahead log back into the database
 * file (PASSIVE: never waits for a reader or writer; what it cannot copy now, a later checkpoint
 * does). Returns the WAL frames [in the log, checkpointed].
 */
export function checkpointAfter(task: CloseTask): [number, number] | null {
  if (task.kind === 'explain') return null;
  const db = openDb(task.dbPath, { migrate: false });
  try {
    const [r] = db.sqlite.pragma('wal_checkpoint(PASSIVE)') as {
      log: number;
      checkpointed: number;
    }[];
    return r ? [r.log, r.checkpointed] : null;
  } finally {
    db.sqlite.close();
  }
}

// ---- checks --------------------------------------------------------------------------------

/** Why `period` cannot be committed now, or null (docs/close.md "Ordering"). */
export function commitRefusal(db: Db, period: string): AppError | null {
  if (isClosed(db, period)) {
    return new AppError('PERIOD_CLOSED', `period ${period} is already closed`);
  }
  const blockers = commitBlockers(db, period);
  if (blockers.length > 0) {
    return new AppError(
      'CONFLICT',
      `cannot commit ${period}: earlier period(s) with data are not committed yet: ${blockers.join(', ')} (close periods in order, oldest first)`,
      { blockers },
    );
  }
  const later = closedPeriodAfter(db, period);
  if (later) {
    return new AppError(
      'CONFLICT',
      `cannot commit ${period}: the later period ${later} is already committed (reopen it first)`,
    );
  }
  return null;
}

// ---- preview -------------------------------------------------------------------------------

export function previewTask(
  db: Db,
  task: { dbPath?: string; period: string; user: string; members: boolean },
  emit: StageProgress,
): { dto: PreviewDto; kept: KeptPreview | null } {
  if (isClosed(db, task.period)) {
    throw new AppError(
      'PERIOD_CLOSED',
      `period ${task.period} is closed: see its committed run (close run, explain), or reopen it`,
    );
  }
  const progress = scaledProgress(emit, {
    snapshot: 45,
    inputs: 5,
    compute: 25,
    hash: 15,
    summary: 10,
  });
  // data_version is read inside the computation's read transaction, after its reads: it
  // names the state of the database the computation saw.
  const { c, version } = db.sqlite.transaction(() => ({
    c: computePeriod(db, task.period, { progress }),
    version: dataVersion(db),
  }))();
  progress('summary', 0, 1);
  const computedAt = new Date().toISOString();
  const last = getPreview(db, task.period);
  const summary = summarize(db, c, {
    previewedBy: task.user,
    computedAt,
    ...(last
      ? {
          lastPreview: {
            blob: last.membersBlob,
            previewedAt: last.previewedAt,
            previewedBy: last.previewedBy,
            runHash: last.runHash,
          },
        }
      : {}),
  });
  db.sqlite.transaction(() =>
    savePreview(db, {
      period: task.period,
      runHash: c.runHash,
      planVersion: c.plan.row.version,
      planHash: c.plan.row.planHash,
      previewedBy: task.user,
      previewedAt: computedAt,
      totalsJson: JSON.stringify(c.totals),
      membersBlob: packFigures(
        figuresOf(
          c.snap,
          c.result,
          c.plan.plan.ranks.map((r) => r.code),
        ),
      ),
    }),
  )();
  progress('summary', 1, 1);
  return {
    dto: task.members ? { ...summary, members: membersJson(c) } : summary,
    kept: task.dbPath
      ? {
          dbPath: task.dbPath,
          file: fileIdentity(task.dbPath),
          period: task.period,
          db,
          dataVersion: version,
          computed: c,
          staged: false,
        }
      : null,
  };
}

export function membersJson(c: Computed): MemberJsonDto[] {
  return runToJson(c.plan.plan, c.snap, c.result);
}

// ---- commit --------------------------------------------------------------------------------

export function commitTask(
  db: Db,
  task: { period: string; user: string; expectRunHash?: string | undefined },
  emit: StageProgress,
  kept: KeptPreview | null = null,
): CommitResultDto {
  const computing = scaledProgress(emit, {
    snapshot: 25,
    inputs: 3,
    compute: 12,
    hash: 8,
    write: 52,
  });
  // IMMEDIATE: the write lock is taken before the first read, so nothing can change between
  // what is computed and what is stored; all rows and the lock of the period land together.
  return db.sqlite
    .transaction((): CommitResultDto => {
      const refusal = commitRefusal(db, task.period);
      if (refusal) throw refusal;
      // Nothing written by anyone else since the kept preview read the period: store what it
      // computed (same data + same plan ⇒ same run); otherwise compute again, under the lock.
      const reuse = stillCurrent(kept, db);
      const progress = reuse ? scaledProgress(emit, { write: 1 }) : computing;
      const c = reuse ? kept.computed : computePeriod(db, task.period, { progress });
      if (task.expectRunHash && task.expectRunHash !== c.runHash) {
        throw new AppError(
          'CONFLICT',
          `the data or the plan of ${task.period} changed since the preview you reviewed (run hash ${task.expectRunHash.slice(0, 12)}…, now ${c.runHash.slice(0, 12)}…): preview again`,
        );
      }
      const preview = getPreview(db, task.period, false);
      const previewedBy = preview && preview.runHash === c.runHash ? preview.previewedBy : null;
      if (getMakerChecker(db)) {
        if (previewedBy === null) {
          throw new AppError(
            'CONFLICT',
            `maker-checker is on: ${task.period} must be previewed (by another user) with the current data before it is committed`,
          );
        }
        if (previewedBy === task.user) {
          throw new AppError(
            'FORBIDDEN',
            `maker-checker is on: ${task.user} previewed ${task.period}, so another user must commit it`,
          );
        }
      }
      const runId = writeRun(
        db,
        c,
        { createdBy: task.user, previewedBy },
        progress,
        reuse && kept.staged,
      );
      writeAudit(db, {
        actor: task.user,
        action: 'close.commit',
        entity: 'period',
        entityId: task.period,
        after: {
          runId,
          runHash: c.runHash,
          planVersion: c.plan.row.version,
          planHash: c.plan.row.planHash,
          previewedBy,
          totals: c.totals,
        },
      });
      return {
        period: task.period,
        runId,
        planVersion: c.plan.row.version,
        planHash: c.plan.row.planHash,
        runHash: c.runHash,
        totals: c.totals,
        committedBy: task.user,
        previewedBy,
      };
    })
    .immediate();
}

// ---- explain -------------------------------------------------------------------------------

export function explainTask(
  db: Db,
  task: { period: string; member: string },
  emit: StageProgress,
  kept: KeptPreview | null = null,
): ExplainDto {
  const member = db.sqlite
    .prepare('SELECT id, name FROM members WHERE code = ?')
    .get(task.member) as { id: number; name: string } | undefined;
  if (!member) throw new AppError('NOT_FOUND', `member ${task.member} not found`);
  const run = committedRun(db, task.period);
  // An open period previewed on this connection with nothing written since: explain from that
  // computation (the review's double-click on a member answers at once at any size).
  const reuse = run === undefined && stillCurrent(kept, db);
  const progress = reuse
    ? scaledProgress(emit, { explain: 1 })
    : scaledProgress(emit, { snapshot: 50, inputs: 5, compute: 25, hash: 15, explain: 5 });
  const c = reuse
    ? kept.computed
    : computePeriod(db, task.period, {
        progress,
        ...(run ? { planVersion: run.planVersion } : {}),
      });
  progress('explain', 0, 1);
  const pos = c.snap.positionById[member.id] as number;
  const e = explainMember(c.plan.plan, c.snap, pos, c.result);
  const notes: string[] = [];
  const adjustments = memberAdjustments(db, task.period, member.id).map((a) => ({
    id: a.id,
    amount: a.amount,
    reason: a.reason,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
  }));
  const plan = c.plan.plan;

  // Order numbers and member codes for the lines.
  const orderNo = new Map<number, string>();
  const orderIds = new Set<number>();
  for (const b of e.bonuses) {
    for (const l of b.lines) if (l.sourceOrder !== null) orderIds.add(l.sourceOrder);
    for (const w of b.whyNot) if (w.sourceOrder !== null) orderIds.add(w.sourceOrder);
  }
  for (const cl of c.inputs.clawbacks)
    if (cl.sourceOrderId !== null) orderIds.add(cl.sourceOrderId);
  if (orderIds.size > 0) {
    const rows = db.sqlite
      .prepare('SELECT id, order_no FROM orders WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify([...orderIds])) as [number, string][];
    for (const [id, no] of rows) orderNo.set(id, no);
  }

  let source: ExplainDto['source'] = 'computed';
  let bonuses: ExplainDto['bonuses'] = e.bonuses.map((b) => ({
    id: b.id,
    type: b.type,
    amount: b.amount,
    lines: b.lines.map((l) => ({
      level: l.level,
      sourceCode: l.sourceCode,
      sourceOrderNo: l.sourceOrder !== null ? (orderNo.get(l.sourceOrder) ?? null) : null,
      base: l.base,
      rateBp: l.rateBp,
      amount: l.amount,
    })),
    whyNot: b.whyNot.map((w) => ({
      code: w.code,
      message: w.message,
      sourceCode: w.sourceCode,
      sourceOrderNo: w.sourceOrder !== null ? (orderNo.get(w.sourceOrder) ?? null) : null,
      level: w.level,
      base: w.base,
      rateBp: w.rateBp,
      missed: w.missed,
    })),
    whyNotOmitted: b.whyNotOmitted,
  }));
  const codeById = (id: number | null): string | null => {
    if (id === null) return null;
    const p = c.snap.positionById[id];
    return p !== undefined && p >= 0 ? (c.snap.members.code[p] ?? null) : null;
  };
  let clawbacks: ExplainDto['clawbacks'] = c.inputs.clawbacks
    .filter((cl) => cl.earnerId === member.id)
    .map((cl) => ({
      bonusId: cl.bonusId,
      sourcePeriod: cl.sourcePeriod,
      sourceCode: codeById(cl.sourceMemberId),
      sourceOrderNo: cl.sourceOrderId !== null ? (orderNo.get(cl.sourceOrderId) ?? null) : null,
      level: cl.level,
      base: cl.base,
      rateBp: cl.rateBp,
      before: cl.before,
      after: cl.after,
      amount: cl.amount,
    }));
  let payout: ExplainDto['payout'] = { ...e.payout };
  let memberFigures = {
    rank: e.rank,
    active: e.active,
    pv: e.pv,
    gv: e.gv,
    bv: e.bv,
  };

  if (run) {
    // A committed period: the amounts are what was stored, line by line. The recomputation is
    // only used for the why-not part, and only if it reproduces the stored run exactly.
    source = 'committed';
    const same = c.runHash === run.runHash;
    const stored = storedLinesOf(db, run.runId, member.id);
    const storedJson = storedMemberJson(db, run.runId, member.id, plan);
    bonuses = plan.bonuses.map((b, i) => ({
      id: b.id,
      type: b.type,
      amount: storedJson?.bonuses[b.id] ?? 0,
      lines: stored
        .filter((l) => l.bonusId === b.id)
        .map((l) => ({
          level: l.level,
          sourceCode: l.sourceCode,
          sourceOrderNo: l.sourceOrderNo,
          base: l.base,
          rateBp: l.rateBp,
          amount: l.amount,
        })),
      whyNot: same ? (bonuses[i]?.whyNot ?? []) : [],
      whyNotOmitted: same ? (bonuses[i]?.whyNotOmitted ?? 0) : 0,
    }));
    clawbacks = storedClawbacksOf(db, run.runId, member.id);
    if (storedJson) {
      const bonusTotal = Object.values(storedJson.bonuses).reduce((s, v) => s + v, 0);
      payout = {
        ...payout,
        bonusTotal,
        adjustments: storedJson.adjustments,
        clawbacks: storedJson.clawbacks,
        carryIn: storedJson.carryIn,
        gross: storedJson.gross,
        available: storedJson.available,
        held: storedJson.held,
        paid: storedJson.paid,
        taxBase: storedTaxBase(db, run.runId, member.id),
        tax: storedJson.tax,
        net: storedJson.net,
        carryOut: storedJson.carryOut,
        ...(same ? {} : { heldReasons: [], notPaidReason: null }),
      };
      memberFigures = {
        rank: storedJson.rank,
        active: storedJson.active,
        pv: storedJson.pv,
        gv: storedJson.gv,
        bv: storedJson.bv,
      };
    }
    if (!same) {
      notes.push(
        `members changed since ${task.period} was committed (status, hold, bank, tree…): the amounts are the stored ones; reasons for unpaid lines are not shown`,
      );
    }
  }
  progress('explain', 1, 1);

  return {
    period: task.period,
    source,
    runHash: run ? run.runHash : c.runHash,
    planVersion: c.plan.row.version,
    member: {
      code: task.member,
      name: member.name,
      kind: e.kind,
      status: STATUS_NAMES.includes(e.status) ? e.status : 'active',
      ...memberFigures,
      inactiveReason: e.inactiveReason,
    },
    bonuses,
    adjustments,
    clawbacks,
    rankChecks:
      run && c.runHash !== run.runHash
        ? []
        : e.rankChecks.map((r) => ({ rank: r.rank, achieved: r.achieved, unmet: r.unmet })),
    binary:
      e.binary && (!run || c.runHash === run.runHash)
        ? {
            carryInL: e.binary.carryInL,
            carryInR: e.binary.carryInR,
            legBvL: e.binary.legBvL,
            legBvR: e.binary.legBvR,
            qualified: e.binary.qualified,
            pair: e.binary.pair,
            uncapped: e.binary.uncapped,
            amount: e.binary.amount,
            carryOutL: e.binary.carryOutL,
            carryOutR: e.binary.carryOutR,
          }
        : null,
    payout,
    notes,
  };
}
