import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/client';
import { openDb } from '../../src/main/db/client';
import type { Ctx } from '../../src/main/ipc/context';
import { dispatch } from '../../src/main/ipc/dispatch';
import {
  checkpointAfter,
  openTaskDb,
  keptPreviewState,
  releaseKeptPreview,
  runCloseTask,
  stageKeptPreview,
  type CloseTask,
} from '../../src/main/close/tasks';
import { computePeriod } from '../../src/main/close/compute';
import { stageRunRows, writeRun } from '../../src/main/close/persist';
import { runHash } from '../../src/main/engine/hash';
import { generateDemo } from '../../src/main/services/demo';
import { ctxFor } from '../helpers/db';
import type { CommitResultDto, ExplainDto, PreviewDto } from '../../src/shared/ipc/close.contract';
import { tempDb, type TempDb } from '../helpers/db';

/**
 * The commit that follows an unchanged preview stores what the preview computed (tasks.ts, "the
 * kept preview"); any write by another connection in between makes it compute again.
 */

const PERIOD = '2026-09';
const dbs: TempDb[] = [];
afterEach(() => {
  releaseKeptPreview();
  for (const d of dbs.splice(0)) d.cleanup();
});

function demoDb(members = 300): TempDb {
  const db = tempDb();
  dbs.push(db);
  generateDemo(db, { members, months: 2, seed: 11, endPeriod: '2026-10' });
  return db;
}

/**
 * Runs a close task as the close worker does (answer; then stage a kept preview's rows and
 * checkpoint); returns its stages and progress.
 */
function task<T>(t: CloseTask, staging = true): { value: T; stages: string[]; bar: number[] } {
  const stages: string[] = [];
  const bar: number[] = []; // the progress bar, in ‰
  const value = runCloseTask(t, (stage, done, total) => {
    if (stages.at(-1) !== stage) stages.push(stage);
    bar.push((done * 1000) / total);
  }) as T;
  if (staging) stageKeptPreview();
  checkpointAfter(t);
  return { value, stages, bar };
}

const preview = (db: Db, staging = true) =>
  task<PreviewDto>(
    { kind: 'preview', dbPath: db.path, period: PERIOD, user: 'ani', members: false },
    staging,
  );
const commit = (db: Db, expectRunHash?: string) =>
  task<CommitResultDto>({
    kind: 'commit',
    dbPath: db.path,
    period: PERIOD,
    user: 'budi',
    ...(expectRunHash ? { expectRunHash } : {}),
  });

/** Every stored run row, by member code, without the run id. */
function runRows(db: Db): { members: unknown[]; lines: unknown[] } {
  const strip = (rows: Record<string, unknown>[]) => rows.map(({ run_id: _, ...rest }) => rest);
  return {
    members: strip(
      db.sqlite
        .prepare(
          `SELECT m.code, r.* FROM run_members r JOIN members m ON m.id = r.member_id ORDER BY m.code`,
        )
        .all() as Record<string, unknown>[],
    ),
    lines: strip(
      db.sqlite
        .prepare(
          `SELECT e.code AS earner, s.code AS source, l.* FROM run_lines l
           JOIN members e ON e.id = l.earner_id LEFT JOIN members s ON s.id = l.source_member_id
           ORDER BY l.rowid`,
        )
        .all() as Record<string, unknown>[],
    ),
  };
}

const COMPUTE_STAGES = ['snapshot', 'inputs', 'compute', 'hash'];

describe('the kept preview', () => {
  it.each([
    ['staged (as the worker does after answering)', true],
    ['not staged', false],
  ])(
    'a commit right after an unchanged preview, its rows %s, writes what was previewed: row for row what a computing commit writes',
    (_, staging) => {
      const kept = demoDb();
      const fresh = demoDb();

      const p = preview(kept, staging);
      expect(keptPreviewState()).toBe(staging ? 'staged' : 'computed');
      const fromPreview = commit(kept);
      expect(fromPreview.stages).toEqual(['write']); // no snapshot, engine or hash
      expect(fromPreview.bar[0]).toBe(0); // the bar fills from empty
      expect(fromPreview.bar.at(-1)).toBe(1000);
      expect(fromPreview.value.runHash).toBe(p.value.runHash);

      const computed = commit(fresh); // no preview: reads and computes under the lock
      expect(computed.stages).toEqual([...COMPUTE_STAGES, 'write']);
      expect(computed.value.runHash).toBe(fromPreview.value.runHash);
      expect(computed.value.totals).toEqual(fromPreview.value.totals);
      const a = runRows(kept);
      const b = runRows(fresh);
      expect(a.members.length).toBe(300);
      expect(a.lines.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    },
  );

  it('a staged commit copies the staging tables: what is there is what lands; a count that differs is refused', () => {
    const db = demoDb();
    const conn = openTaskDb(db.path);
    try {
      const c = computePeriod(conn, PERIOD);
      const who = { createdBy: 'budi', previewedBy: null };
      stageRunRows(conn, c);
      const stagedRows = (t: string) =>
        conn.sqlite.prepare(`SELECT count(*) FROM jenjang_stage.${t}`).pluck().get();
      expect([stagedRows('run_members'), stagedRows('run_lines')]).toEqual([
        300,
        c.result.lines.count,
      ]);
      conn.sqlite.exec('DELETE FROM jenjang_stage.run_lines WHERE rowid = 1');
      expect(() =>
        conn.sqlite.transaction(() => writeRun(conn, c, who, undefined, true))(),
      ).toThrow(/staged run_lines: \d+ rows, the computation has \d+/);
      expect(db.sqlite.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);

      stageRunRows(conn, c); // afresh, then mark one staged line
      conn.sqlite.exec('UPDATE jenjang_stage.run_lines SET amount = 424242 WHERE rowid = 1');
      const runId = conn.sqlite.transaction(() => writeRun(conn, c, who, undefined, true))();
      const first = db.sqlite
        .prepare('SELECT amount FROM run_lines WHERE run_id = ? ORDER BY rowid LIMIT 1')
        .pluck()
        .get(runId);
      expect(first).toBe(424242);
      expect(db.sqlite.prepare('SELECT count(*) FROM run_lines').pluck().get()).toBe(
        c.result.lines.count,
      );
    } finally {
      conn.sqlite.close();
    }
  });

  it('staging stopped for a waiting task leaves the rows unstaged; the commit writes them itself', () => {
    const db = demoDb(1500); // more rows than staging writes between two looks at `stop`
    const fresh = demoDb(1500);
    preview(db, false);
    stageKeptPreview(() => true); // a task waits already: not even started
    expect(keptPreviewState()).toBe('computed');
    let asked = 0;
    stageKeptPreview(() => ++asked > 1); // a task comes while the rows are being staged
    expect(asked).toBe(2);
    expect(keptPreviewState()).toBe('computed');
    expect(commit(db).stages).toEqual(['write']);
    commit(fresh);
    expect(runRows(db)).toEqual(runRows(fresh));
  });

  it('a write by another connection after the preview: the commit computes again and sees it', () => {
    const db = demoDb();
    const p = preview(db);
    // The app's connection changes an order line of the period: more volume, other bonuses.
    db.sqlite
      .prepare(
        `UPDATE order_lines SET qty = qty + 5
         WHERE rowid = (SELECT min(rowid) FROM order_lines WHERE period = ? AND bv > 0)`,
      )
      .run(PERIOD);

    expect(() => commit(db, p.value.runHash)).toThrow(/changed since the preview/);
    expect(db.sqlite.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);

    const p2 = preview(db);
    expect(p2.value.totals.bv).toBeGreaterThan(p.value.totals.bv);
    db.sqlite
      .prepare(`UPDATE order_lines SET qty = qty - 5 WHERE period = ? AND qty > 5`)
      .run(PERIOD);
    const c = commit(db);
    expect(c.stages).toEqual([...COMPUTE_STAGES, 'write']);
    expect(c.value.totals.bv).toBeLessThan(p2.value.totals.bv);
  });

  it('any write counts, even one that changes no figure (the check is conservative)', () => {
    const db = demoDb();
    const p = preview(db);
    db.sqlite.prepare(`UPDATE members SET phone = '0811000000' WHERE id = 1`).run();
    const c = commit(db);
    expect(c.stages).toEqual([...COMPUTE_STAGES, 'write']);
    expect(c.value.runHash).toBe(p.value.runHash);
  });

  it('an explain of the previewed period reads the kept computation — the same answer as computing — and keeps it; another preview or a release drops it', () => {
    const db = demoDb();
    const twin = demoDb();
    preview(db);
    // A member with lines: the sponsor of the most members.
    const code = db.sqlite
      .prepare(
        `SELECT s.code FROM members m JOIN members s ON s.id = m.sponsor_id
         GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const explain = (d: Db) =>
      task<ExplainDto>({ kind: 'explain', dbPath: d.path, period: PERIOD, member: code });
    const fromKept = explain(db);
    expect(fromKept.stages).toEqual(['explain']);
    const computed = explain(twin); // nothing kept for the twin's file
    expect(computed.stages).toEqual([...COMPUTE_STAGES, 'explain']);
    expect(fromKept.value.bonuses.some((b) => b.lines.length > 0)).toBe(true);
    expect(fromKept.value).toEqual(computed.value);
    expect(commit(db).stages).toEqual(['write']);

    const other = demoDb();
    preview(other);
    task<PreviewDto>({
      kind: 'preview',
      dbPath: other.path,
      period: '2026-10',
      user: 'ani',
      members: false,
    });
    releaseKeptPreview();
    expect(commit(other).stages).toEqual([...COMPUTE_STAGES, 'write']);
  });

  it('an explain after a write computes, and the commit after it too', () => {
    const db = demoDb();
    preview(db);
    db.sqlite.prepare(`UPDATE members SET phone = '0811000000' WHERE id = 1`).run();
    const code = db.sqlite.prepare('SELECT code FROM members WHERE id = 1').pluck().get() as string;
    const explained = task({ kind: 'explain', dbPath: db.path, period: PERIOD, member: code });
    expect(explained.stages).toEqual([...COMPUTE_STAGES, 'explain']);
    expect(commit(db).stages).toEqual([...COMPUTE_STAGES, 'write']);
  });

  it('a commit refused after the preview leaves the period open, and the next commit computes', () => {
    const db = demoDb();
    preview(db);
    const blocked = task<PreviewDto>({
      kind: 'preview',
      dbPath: db.path,
      period: '2026-10',
      user: 'ani',
      members: false,
    });
    expect(blocked.value.runHash).toMatch(/^[0-9a-f]{64}$/);
    // 2026-10 cannot be committed before 2026-09.
    expect(() =>
      task({ kind: 'commit', dbPath: db.path, period: '2026-10', user: 'budi' }),
    ).toThrow(/close periods in order/);
    expect(commit(db).stages).toEqual([...COMPUTE_STAGES, 'write']);
  });

  it('a restore lets go of a worker’s kept preview first (its connection would hold the file)', async () => {
    const db = demoDb();
    const backup = `${db.dir}/before.db`;
    await db.sqlite.backup(backup);
    db.sqlite.close();
    let live = openDb(db.path);
    const ctx = (): Ctx => ({
      db: live,
      user: { username: 'boss', role: 'admin' },
      replaceDb: (replace) => {
        live.sqlite.close();
        try {
          replace(db.path);
        } finally {
          live = openDb(db.path);
        }
      },
    });
    // Through the dispatcher: the preview runs in the (warm, kept) close worker.
    const p = await dispatch('close:preview', { period: PERIOD }, ctx());
    expect(p.ok).toBe(true);
    const r = await dispatch('backup:restore', { path: backup, confirm: true }, ctx());
    expect(r.ok ? r : r.error.message).toMatchObject({ ok: true });
    const c = await dispatch('close:commit', { period: PERIOD }, ctx());
    expect(c).toMatchObject({ ok: true, data: { period: PERIOD } });
    live.sqlite.close();
  });
  it('property: whatever is written between preview and commit, the stored run is the computation of the data under the lock', async () => {
    /** Writes another connection may make while the preview is reviewed. */
    const WRITES: Record<string, (db: Db) => void> = {
      qty: (db) =>
        db.sqlite
          .prepare(
            `UPDATE order_lines SET qty = qty + 1
             WHERE rowid = (SELECT min(rowid) FROM order_lines WHERE period = ? AND bv > 0)`,
          )
          .run(PERIOD),
      suspend: (db) =>
        db.sqlite
          .prepare(
            `UPDATE members SET status = 'suspended' WHERE id =
               (SELECT min(id) FROM members WHERE kind = 'distributor' AND status = 'active' AND id > 1)`,
          )
          .run(),
      phone: (db) =>
        db.sqlite.prepare(`UPDATE members SET phone = '0811000000' WHERE id = 1`).run(),
      none: () => {},
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...Object.keys(WRITES)), { maxLength: 3 }),
        fc.boolean(),
        async (writes, staging) => {
          const db = demoDb();
          try {
            const p = preview(db, staging);
            for (const w of writes) WRITES[w]!(db);
            const c = commit(db);
            const changed = writes.some((w) => w !== 'none');
            expect(c.stages[0]).toBe(changed ? 'snapshot' : 'write');
            if (!changed) expect(c.value.runHash).toBe(p.value.runHash);
            // The stored rows, read back as the run's JSON, hash to the committed run hash…
            const run = await dispatch('close:run', { period: PERIOD, members: true }, ctxFor(db));
            if (!run.ok) throw new Error(run.error.message);
            expect(runHash(PERIOD, run.data.planHash, run.data.members ?? [])).toBe(
              c.value.runHash,
            );
            // … which is what a fresh computation of the data, as it is now, gives.
            const conn = openTaskDb(db.path);
            try {
              expect(computePeriod(conn, PERIOD).runHash).toBe(c.value.runHash);
            } finally {
              conn.sqlite.close();
            }
          } finally {
            releaseKeptPreview();
            dbs.splice(dbs.indexOf(db), 1);
            db.cleanup();
          }
        },
      ),
      { numRuns: 12, seed: 15 },
    );
  });
});
