import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/client';
import { generateDemo, mulberry32 } from '../../src/main/services/demo';

/**
 * Crash safety of the commit (docs/close.md): a child process (tsx) commits a generated period
 * and is killed with SIGKILL at random moments — anywhere from start-up to after the commit, and,
 * in half of the runs, at a random point from the start of the row writes to just after the
 * commit. After every kill the database holds either no run for the period (period open) or the
 * whole run (every member, lines summing to the totals, period closed, the expected hash), and
 * passes integrity_check.
 */

const ROOT = resolve(__dirname, '../..');
const PERIOD = '2026-09';
const MEMBERS = 20_000;
const ITERATIONS = 20;

const dir = mkdtempSync(join(tmpdir(), 'jenjang-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  /** ms from spawn to the first progress event of the write stage (null: not reached) */
  writeAt: number | null;
  ms: number;
}

/** Commit PERIOD in a child; kill it `killAt(event)` ms after spawn or after the write started. */
function commitInChild(
  db: string,
  opts: { kill?: { from: 'spawn' | 'write'; delay: number }; inProcess?: boolean } = {},
): Promise<ChildRun> {
  const { kill } = opts;
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/close/crash-child.ts'), db, PERIOD],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...(opts.inProcess ? { JENJANG_CLOSE_INPROCESS: '1' } : {}) },
      },
    );
    let out = '';
    let writeAt: number | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (delay: number): void => {
      timer = setTimeout(() => child.kill('SIGKILL'), delay);
    };
    if (kill?.from === 'spawn') arm(kill.delay);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (writeAt === null && /progress write /.test(out)) {
        writeAt = Date.now() - t0;
        if (kill?.from === 'write') arm(kill.delay);
      }
    });
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, out, writeAt, ms: Date.now() - t0 });
    });
  });
}

type State = { kind: 'none' } | { kind: 'whole'; runHash: string };

function inspect(file: string): State {
  const db = openDb(file, { migrate: false });
  try {
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const runs = db.sqlite.prepare('SELECT * FROM runs WHERE period = ?').all(PERIOD) as {
      id: number;
      status: string;
      run_hash: string;
      totals_json: string;
    }[];
    const period = db.sqlite
      .prepare('SELECT status, run_id FROM periods WHERE period = ?')
      .get(PERIOD) as { status: string; run_id: number } | undefined;
    const orphanMembers = db.sqlite
      .prepare('SELECT count(*) FROM run_members')
      .pluck()
      .get() as number;
    const orphanLines = db.sqlite.prepare('SELECT count(*) FROM run_lines').pluck().get() as number;
    if (runs.length === 0) {
      expect(period?.status ?? 'open').toBe('open');
      expect(orphanMembers).toBe(0);
      expect(orphanLines).toBe(0);
      return { kind: 'none' };
    }
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.status).toBe('committed');
    expect(period).toEqual({ status: 'closed', run_id: run.id });
    const members = db.sqlite.prepare('SELECT count(*) FROM members').pluck().get();
    expect(orphanMembers).toBe(members);
    const totals = JSON.parse(run.totals_json) as { bonuses: number; lines: number; net: number };
    const lines = db.sqlite
      .prepare(
        'SELECT count(*) AS n, coalesce(sum(amount), 0) AS s FROM run_lines WHERE run_id = ?',
      )
      .get(run.id) as { n: number; s: number };
    expect(lines).toEqual({ n: totals.lines, s: totals.bonuses });
    const net = db.sqlite
      .prepare('SELECT sum(net) FROM run_members WHERE run_id = ?')
      .pluck()
      .get(run.id);
    expect(net).toBe(totals.net);
    return { kind: 'whole', runHash: run.run_hash };
  } finally {
    db.sqlite.close();
  }
}

describe('commit crash safety', () => {
  it(`SIGKILL at ${ITERATIONS} random moments: no run or the whole run, never a part`, async () => {
    const base = join(dir, 'base.db');
    {
      const db = openDb(base);
      generateDemo(db, { members: MEMBERS, months: 1, seed: 5, endPeriod: PERIOD });
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      db.sqlite.close();
    }
    // An uninterrupted commit the app's way (worker thread): the hash every complete run must
    // have.
    const ref = join(dir, 'ref.db');
    copyFileSync(base, ref);
    const viaWorker = await commitInChild(ref);
    expect(viaWorker.code, viaWorker.out).toBe(0);
    const expected = inspect(ref);
    expect(expected.kind).toBe('whole');
    const expectedHash = (expected as { runHash: string }).runHash;
    // The killed children run the same commit task on their main thread: a SIGKILL takes the
    // whole process either way, and this skips the worker's start-up in every iteration.
    const ref2 = join(dir, 'ref2.db');
    copyFileSync(base, ref2);
    const clean = await commitInChild(ref2, { inProcess: true });
    expect(clean.code, clean.out).toBe(0);
    expect(clean.writeAt).not.toBeNull();
    expect(inspect(ref2)).toEqual(expected);
    const writeMs = clean.ms - (clean.writeAt ?? 0);

    const rnd = mulberry32(20261126);
    const outcomes: string[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const file = join(dir, `run-${i}.db`);
      copyFileSync(base, file);
      // Even runs: anywhere in the whole life of the child; odd runs: from the start of the
      // write to a bit after the commit.
      const kill =
        i % 2 === 0
          ? { from: 'spawn' as const, delay: Math.floor(rnd() * clean.ms * 1.1) }
          : { from: 'write' as const, delay: Math.floor(rnd() * writeMs * 1.3) };
      const r = await commitInChild(file, { kill, inProcess: true });
      const state = inspect(file);
      if (state.kind === 'whole') expect(state.runHash).toBe(expectedHash);
      outcomes.push(
        `${kill.from}+${kill.delay}ms → ${r.signal ?? `exit ${r.code}`}, ${state.kind}`,
      );
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
    }
    // Some kills must have landed before the commit finished (otherwise nothing was tested).
    expect(outcomes.filter((o) => o.endsWith('none')).length, outcomes.join('\n')).toBeGreaterThan(
      0,
    );
    console.log(`crash test (${MEMBERS} members, write ≈ ${writeMs} ms):\n${outcomes.join('\n')}`);
  }, 900_000);
});
