import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { holdWriteLock, tempPath } from '../helpers/db';

describe('jenjang CLI', () => {
  it('init, demo, then period list --json prints the periods with data', async () => {
    const db = tempPath('cli.db');
    expect((await cli(['--db', db, 'init'])).code).toBe(0);
    const demo = await cli([
      '--db',
      db,
      'demo',
      '--members',
      '300',
      '--months',
      '2',
      '--seed',
      '7',
    ]);
    expect(demo).toMatchObject({ code: 0 });
    expect(demo.out).toMatch(/300 members/);
    const list = await cli(['--db', db, 'period', 'list', '--json']);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.out) as { period: string; status: string; runHash: null }[];
    expect(rows).toHaveLength(2);
    for (const r of rows)
      expect(r).toEqual({
        period: expect.stringMatching(/^\d{4}-\d{2}$/),
        status: 'open',
        runHash: null,
      });
  });

  it('refuses bad input with exit 2 and a clear message', async () => {
    const db = tempPath('cli.db');
    const bad = await cli(['--db', db, 'demo', '--members', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--members must be an integer/);
    const small = await cli(['--db', db, 'demo', '--members', '3']);
    expect(small.code).toBe(2);
    expect(small.err).toMatch(/members/);
    expect((await cli(['--db', db, 'frobnicate'])).code).toBe(2);
    expect((await cli(['--db', db, 'users', 'add', 'vera', '--role', 'viewer'])).code).toBe(0);
    const viewer = await cli(['--db', db, '--user', 'vera', 'demo', '--members', '20']);
    expect(viewer.code).toBe(2);
    expect(viewer.err).toMatch(/viewer/);
    expect((await cli(['period', 'list'])).code).toBe(JENJANG_DB_SET ? 0 : 2);
  });
});

const JENJANG_DB_SET = Boolean(process.env.JENJANG_DB);

describe('jenjang CLI and another writer', () => {
  it('waits for the write lock longer than the app does (30 s, not 5 s)', async () => {
    const db = tempPath('cli.db');
    expect((await cli(['--db', db, 'init'])).code).toBe(0);
    // Another process keeps the write lock 7 s, past the app's 5 s wait.
    const lock = await holdWriteLock(db, 7000);
    const demo = await cli(['--db', db, 'demo', '--members', '50', '--months', '1']);
    expect(demo).toMatchObject({ code: 0, err: '' });
    expect(demo.out).toMatch(/50 members/);
    await lock.done;
  }, 30_000);
});
