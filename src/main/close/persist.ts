import type { Db } from '../db/client';
import {
  encodeBonuses,
  insertRun,
  RUN_LINE_COLUMNS,
  RUN_MEMBER_COLUMNS,
  runRowBatches,
  clawbackInserter,
  setPeriodClosed,
} from '../db/repositories/runs.repo';
import { childLists } from '../engine/engine';
import type { Computed, StageProgress } from './compute';

/**
 * Writes a computed run: runs row, one run_members row per member, one run_lines row per line
 * with amount > 0 (the engine keeps no zero lines), the clawback lines, and the periods row that
 * locks the period. Must run inside the commit's transaction: the caller owns atomicity.
 *
 * Cost is rows, not arithmetic (performance-notes.md): multi-row prepared inserts, no per-row
 * queries, numbers bound directly, lines in earner order; members whose bonuses are all 0 store
 * `{}`. With `staged` (stageRunRows ran for `c` on this connection) the member and line rows
 * are copied from the staging tables by SQLite instead of being bound from JavaScript.
 */
export function writeRun(
  db: Db,
  c: Computed,
  who: { createdBy: string; previewedBy: string | null },
  progress: StageProgress = () => {},
  staged = false,
): number {
  const runId = insertRun(db, {
    period: c.period,
    planVersion: c.plan.row.version,
    planHash: c.plan.row.planHash,
    runHash: c.runHash,
    totals: c.totals,
    createdBy: who.createdBy,
    previewedBy: who.previewedBy,
  });
  const total = c.result.members.count + c.result.lines.count + c.inputs.clawbacks.length;
  progress('write', 0, total);
  if (staged) copyStagedRows(db, c, runId, (done) => progress('write', done, total));
  else {
    const every = 4096;
    let done = 0;
    addRunRows(runRowBatches(db), c, runId, () => {
      if (++done % every === 0) progress('write', done, total);
    });
  }

  const clawback = clawbackInserter(db);
  for (const cl of c.inputs.clawbacks) {
    clawback.run(
      runId,
      cl.earnerId,
      cl.bonusId,
      cl.sourceRunId,
      cl.sourcePeriod,
      cl.sourceMemberId,
      cl.sourceOrderId,
      cl.level,
      cl.base,
      cl.rateBp,
      cl.before,
      cl.after,
      cl.amount,
    );
  }
  setPeriodClosed(db, c.period, runId, who.createdBy);
  progress('write', total, total);
  return runId;
}

/** Adds a computed run's member rows, then its lines in earner order, to `w`; ticks per row. */
function addRunRows(
  w: ReturnType<typeof runRowBatches>,
  c: Computed,
  runId: number,
  tick: () => void,
): void {
  const { snap, result } = c;
  const R = result.members;
  const L = result.lines;
  const rankCodes = c.plan.plan.ranks.map((r) => r.code);
  const bonusIds = result.bonusIds;
  const ids = snap.memberId;

  const amounts: number[] = new Array<number>(bonusIds.length).fill(0);
  for (let m = 0; m < R.count; m++) {
    let any = false;
    for (let b = 0; b < bonusIds.length; b++) {
      const a = (R.bonus[b] as Float64Array)[m] as number;
      amounts[b] = a;
      if (a !== 0) any = true;
    }
    const rank = R.rank[m] as number;
    const owner = R.volumeOwner[m] as number;
    w.member.add(
      runId,
      ids[m],
      rank >= 0 ? (rankCodes[rank] ?? null) : null,
      R.active[m],
      R.pv[m],
      R.gv[m],
      R.bv[m],
      any ? encodeBonuses(bonusIds, amounts) : '{}',
      R.bonusTotal[m],
      R.adjustments[m],
      R.clawbacks[m],
      R.carryIn[m],
      R.gross[m],
      R.available[m],
      R.held[m],
      R.paid[m],
      R.tax[m],
      R.taxBase[m],
      R.net[m],
      R.carryOut[m],
      R.binaryCarryL[m],
      R.binaryCarryR[m],
      owner >= 0 ? ids[owner] : null,
    );
    tick();
  }
  w.member.finish();

  // Lines by earner (member position = id order): the (run_id, earner_id) index then grows at
  // its end instead of taking each line at a random place, and one member's lines sit together.
  for (const i of childLists(L.earner, L.count, undefined, R.count).child) {
    const src = L.sourceMember[i] as number;
    const order = L.sourceOrder[i] as number;
    w.line.add(
      runId,
      ids[L.earner[i] as number],
      bonusIds[L.bonus[i] as number],
      src >= 0 ? ids[src] : null,
      order >= 0 ? order : null,
      L.level[i],
      L.base[i],
      L.rateBp[i],
      L.amount[i],
    );
    tick();
  }
  w.line.finish();
}

// ---- staging -------------------------------------------------------------------------------

/** In-memory database attached to a kept preview's connection (close/tasks.ts). */
const STAGE = 'jenjang_stage';

/**
 * Writes a computed run's member and line rows (run id 0) into plain tables of an in-memory
 * database attached to `db`, so that a later commit of the same computation on this connection
 * (`writeRun(…, staged = true)`) copies them with INSERT … SELECT: the commit then no longer
 * spends ~3 s at a million members building and binding 37M values in JavaScript. Nothing in
 * the database file changes (no lock is taken on it). The staging copy carries no constraint:
 * every row is checked where it lands — foreign keys, CHECKs, STRICT types, triggers.
 */
export function stageRunRows(db: Db, c: Computed, stop: () => boolean = () => false): void {
  if (stop()) throw new StagingStopped();
  const attached = (db.sqlite.pragma('database_list') as { name: string }[]).some(
    (d) => d.name === STAGE,
  );
  if (!attached) db.sqlite.exec(`ATTACH DATABASE ':memory:' AS ${STAGE}`);
  db.sqlite.exec(`
    DROP TABLE IF EXISTS ${STAGE}.run_members;
    DROP TABLE IF EXISTS ${STAGE}.run_lines;
    CREATE TABLE ${STAGE}.run_members (${RUN_MEMBER_COLUMNS.join(', ')});
    CREATE TABLE ${STAGE}.run_lines (${RUN_LINE_COLUMNS.join(', ')});`);
  let n = 0;
  db.sqlite.transaction(() =>
    addRunRows(runRowBatches(db, STAGE), c, 0, () => {
      if (++n % 1024 === 0 && stop()) throw new StagingStopped();
    }),
  )();
}

/** stageRunRows was asked to stop (another task is waiting); nothing stays staged. */
export class StagingStopped extends Error {
  constructor() {
    super('staging stopped: another task is waiting');
    this.name = 'StagingStopped';
  }
}

/** Rows copied per statement (progress is reported between statements). */
const COPY_CHUNK = 65_536;

function copyStagedRows(db: Db, c: Computed, runId: number, progress: (done: number) => void) {
  let done = 0;
  const copy = (table: string, columns: readonly string[], expected: number) => {
    const n = db.sqlite.prepare(`SELECT count(*) FROM ${STAGE}.${table}`).pluck().get();
    if (n !== expected) {
      throw new Error(`staged ${table}: ${String(n)} rows, the computation has ${expected}`);
    }
    // Staged rows have rowids 1…n in the order they were added (earner order for lines).
    const stmt = db.sqlite.prepare(
      `INSERT INTO main.${table} (${columns.join(', ')})
       SELECT ?, ${columns.slice(1).join(', ')} FROM ${STAGE}.${table}
       WHERE rowid > ? AND rowid <= ? ORDER BY rowid`,
    );
    for (let from = 0; from < expected; from += COPY_CHUNK) {
      stmt.run(runId, from, from + COPY_CHUNK);
      done += Math.min(COPY_CHUNK, expected - from);
      progress(done);
    }
  };
  copy('run_members', RUN_MEMBER_COLUMNS, c.result.members.count);
  copy('run_lines', RUN_LINE_COLUMNS, c.result.lines.count);
}
