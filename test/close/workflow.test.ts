import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { checkpointAfter, openTaskDb, runCloseTask } from '../../src/main/close/tasks';
import { generateDemo } from '../../src/main/services/demo';
import type { PreviewDto } from '../../src/shared/ipc/close.contract';
import type { Role } from '../../src/shared/roles';
import { ctxFor, holdWriteLock, tempDb } from '../helpers/db';
import { waitJob } from '../helpers/jobs';

/** The close as the app drives it: dispatch, several users, jobs polled like the renderer. */

const dbs: ReturnType<typeof tempDb>[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.cleanup();
});

function demoDb(members: number) {
  const db = tempDb();
  dbs.push(db);
  generateDemo(db, { members, months: 2, seed: 11, endPeriod: '2026-10' });
  return db;
}

async function ok<T>(
  p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

const as = (db: ReturnType<typeof tempDb>, username: string, role: Role = 'accountant') =>
  ctxFor(db, role, username);

describe('close workflow (dispatch)', () => {
  it('maker-checker: the committer must differ from the user who previewed', async () => {
    const db = demoDb(300);
    await ok(dispatch('close:setSettings', { makerChecker: true }, as(db, 'root', 'admin')));
    expect((await dispatch('close:setSettings', { makerChecker: false }, as(db, 'alice'))).ok).toBe(
      false,
    );

    const noPreview = await dispatch('close:commit', { period: '2026-09' }, as(db, 'bob'));
    expect(noPreview).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const preview = await ok(dispatch('close:preview', { period: '2026-09' }, as(db, 'alice')));
    expect(preview.previewedBy).toBe('alice');
    const self = await dispatch('close:commit', { period: '2026-09' }, as(db, 'alice'));
    expect(self).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(self.ok || self.error.message).toMatch(/another user must commit/);

    const done = await ok(dispatch('close:commit', { period: '2026-09' }, as(db, 'bob')));
    expect(done).toMatchObject({
      runHash: preview.runHash,
      committedBy: 'bob',
      previewedBy: 'alice',
    });
    const run = db.sqlite
      .prepare(`SELECT created_by, previewed_by FROM runs WHERE period = '2026-09'`)
      .get();
    expect(run).toEqual({ created_by: 'bob', previewed_by: 'alice' });

    // Viewers and staff may look but not close.
    expect(
      await dispatch('close:preview', { period: '2026-10' }, as(db, 'v', 'viewer')),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await dispatch('close:commit', { period: '2026-10' }, as(db, 's', 'staff')),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const cl = await ok(dispatch('close:checklist', { period: '2026-10' }, as(db, 'v', 'viewer')));
    expect(cl).toMatchObject({ status: 'open', canCommit: true, makerChecker: true, blockers: [] });
  });

  it('a preview runs as a job: progress, result, diff against the previous preview', async () => {
    const db = demoDb(1500);
    const { jobId } = await ok(
      dispatch(
        'jobs:start',
        { channel: 'close:preview', input: { period: '2026-09' } },
        as(db, 'alice'),
      ),
    );
    const { job, seen } = await waitJob(as(db, 'alice'), jobId);
    expect(job.status).toBe('done');
    const first = job.result as PreviewDto;
    expect(first.runHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.totals.members).toBe(1500);
    expect(first.diffPreview.base).toBeNull();
    // The progress the renderer polls is one 0…1000 scale with a stage name.
    const progress = seen.flatMap((j) => (j.progress ? [j.progress] : []));
    for (const p of progress) expect(p.total).toBe(1000);
    expect(progress.map((p) => p.done)).toEqual(
      [...progress.map((p) => p.done)].sort((a, b) => a - b),
    );

    // Another user cannot see the job; a non-job channel cannot be started as one.
    expect(await dispatch('jobs:get', { id: jobId }, as(db, 'mallory'))).toMatchObject({
      ok: false,
    });
    expect(
      await dispatch('jobs:start', { channel: 'close:reopen', input: {} }, as(db, 'alice')),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(
      await dispatch(
        'jobs:start',
        { channel: 'close:preview', input: { period: '2026-09' } },
        as(db, 'v', 'viewer'),
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // An adjustment, then a second preview: it shows what moved since the first.
    const adj = await ok(
      dispatch(
        'adjustments:add',
        {
          member: first.topEarners[0]!.code,
          period: '2026-09',
          amount: 12_345,
          reason: 'bonus fix',
        },
        as(db, 'alice'),
      ),
    );
    const second = await ok(dispatch('close:preview', { period: '2026-09' }, as(db, 'alice')));
    expect(second.runHash).not.toBe(first.runHash);
    expect(second.totals.adjustments).toBe(12_345);
    expect(second.diffPreview).toMatchObject({ base: { runHash: first.runHash }, changed: 1 });
    expect(second.diffPreview.rows[0]).toMatchObject({ code: adj.memberCode, delta: 12_345 });

    // Commit with the reviewed hash; a stale hash is refused.
    const stale = await dispatch(
      'close:commit',
      { period: '2026-09', expectRunHash: first.runHash },
      as(db, 'alice'),
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await ok(
      dispatch(
        'close:commit',
        { period: '2026-09', expectRunHash: second.runHash },
        as(db, 'alice'),
      ),
    );
    // Removing an adjustment of a closed period is refused.
    expect(
      await dispatch('adjustments:remove', { id: adj.id, reason: 'x' }, as(db, 'alice')),
    ).toMatchObject({
      ok: false,
      error: { code: 'PERIOD_CLOSED' },
    });

    // October's preview compares with September's committed run.
    const oct = await ok(dispatch('close:preview', { period: '2026-10' }, as(db, 'alice')));
    expect(oct.previous).toMatchObject({ period: '2026-09', runHash: second.runHash });
    expect(oct.diffPrevious.changed).toBeGreaterThan(0);
    expect(oct.rankChanges.promoted + oct.rankChanges.demoted).toBeGreaterThan(0);
    expect(oct.topEarners.length).toBeGreaterThan(0);
  });

  it('a cancelled job stops its worker and leaves nothing behind', async () => {
    const db = demoDb(20_000);
    const { jobId } = await ok(
      dispatch(
        'jobs:start',
        { channel: 'close:commit', input: { period: '2026-09' } },
        as(db, 'alice'),
      ),
    );
    const cancelled = await ok(dispatch('jobs:cancel', { id: jobId }, as(db, 'alice')));
    expect(cancelled.status).toBe('cancelled');
    expect((await waitJob(as(db, 'alice'), jobId)).job.status).toBe('cancelled');
    // Give a terminated worker's connection time to go away, then the period is untouched.
    const list = await ok(dispatch('periods:list', {}, as(db, 'alice')));
    expect(list[0]).toMatchObject({ period: '2026-09', status: 'open', runHash: null });
    expect(db.sqlite.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
    // …and the close still works afterwards.
    const r = await ok(dispatch('close:commit', { period: '2026-09' }, as(db, 'alice')));
    expect(r.totals.members).toBe(20_000);
  });

  it('a task never checkpoints on its own connection; checkpointAfter copies the WAL back', () => {
    const db = demoDb(300);
    const conn = openTaskDb(db.path);
    expect(conn.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    conn.sqlite.close();
    const commit = { kind: 'commit', dbPath: db.path, period: '2026-09', user: 'alice' } as const;
    runCloseTask(commit, () => {});
    const [log, copied] = checkpointAfter(commit) ?? [0, -1];
    expect(log).toBeGreaterThan(0);
    expect(copied).toBe(log);
    expect(
      checkpointAfter({ kind: 'explain', dbPath: db.path, period: '2026-09', member: 'x' }),
    ).toBe(null);
    expect(db.sqlite.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
  });

  it('a preview waits for another writer longer than the app connection would (5 s)', async () => {
    const db = demoDb(300);
    const lock = await holdWriteLock(db.path, 6000);
    const t = { kind: 'preview', dbPath: db.path, period: '2026-09', user: 'alice' } as const;
    const r = runCloseTask({ ...t, members: false }, () => {}) as PreviewDto;
    expect(r.runHash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      db.sqlite
        .prepare('SELECT run_hash FROM close_previews WHERE period = ?')
        .pluck()
        .get(t.period),
    ).toBe(r.runHash);
    await lock.done;
  });
});
