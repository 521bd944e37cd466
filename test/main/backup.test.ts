import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/client';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { verifyAudit } from '../../src/main/db/repositories/audit.repo';
import type { Ctx } from '../../src/main/ipc/context';
import { dispatch } from '../../src/main/ipc/dispatch';
import { cli } from '../helpers/cli';
import {
  backupName,
  backupsToPrune,
  checkRestorable,
  isBackupDue,
  parseBackupName,
  startBackupScheduler,
} from '../../src/main/services/backup';
import { tempDb, tempPath } from '../helpers/db';
import { generateDemo } from '../../src/main/services/demo';

/** A host like the Electron app: a live handle that restore swaps (close → replace → reopen). */
function host(path: string) {
  const h: { db: Db; ctx: () => Ctx } = {
    db: openDb(path),
    ctx: () => ({
      db: h.db,
      user: { username: 'boss', role: 'admin' },
      replaceDb: (replace) => {
        h.db.sqlite.close();
        try {
          replace(path);
        } finally {
          h.db = openDb(path);
        }
      },
    }),
  };
  return h;
}

const memberCount = (db: Db) => db.sqlite.prepare('SELECT count(*) FROM members').pluck().get();
const names = (db: Db) =>
  db.sqlite.prepare('SELECT name FROM members ORDER BY id').pluck().all() as string[];

let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  t = tempDb();
  generateDemo(t, { members: 40, months: 1, seed: 9, endPeriod: '2026-10' });
});
afterEach(() => t.cleanup());

describe('backup and restore', () => {
  it('round trip: backup, change data, restore → data back; previous file kept', async () => {
    t.sqlite.close();
    const app = host(t.path);
    const before = names(app.db);
    const made = await dispatch('backup:create', {}, app.ctx());
    expect(made).toMatchObject({ ok: true, data: { scheduled: false } });
    if (!made.ok) return;
    expect(made.data.path.startsWith(join(t.dir, 'backups'))).toBe(true);
    expect(made.data.name).toMatch(/^test\.manual-\d{8}T\d{6}Z\.db$/);

    // Change data after the backup.
    app.db.sqlite.exec("UPDATE members SET name = 'CHANGED'");
    app.db.sqlite.exec('DELETE FROM order_lines');
    expect(names(app.db).every((n) => n === 'CHANGED')).toBe(true);

    const noConfirm = await dispatch('backup:restore', { path: made.data.path }, app.ctx());
    expect(noConfirm).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const r = await dispatch('backup:restore', { path: made.data.path, confirm: true }, app.ctx());
    expect(r).toMatchObject({
      ok: true,
      data: {
        restoredFrom: made.data.path,
        previousKeptAs: `${t.path}.before-restore`,
        migrationsApplied: 0,
        auditOk: true,
      },
    });
    expect(names(app.db)).toEqual(before);
    expect(app.db.sqlite.prepare('SELECT count(*) FROM order_lines').pluck().get()).toBeGreaterThan(
      0,
    );
    // The replaced file is kept, with the changed data.
    const prev = new Database(`${t.path}.before-restore`, { readonly: true });
    expect(prev.prepare("SELECT count(*) FROM members WHERE name <> 'CHANGED'").pluck().get()).toBe(
      0,
    );
    prev.close();
    // Both the backup and the restore are in the audit log of the restored database, chained.
    const actions = app.db.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all();
    expect(actions.slice(-1)).toEqual(['restore']);
    expect(verifyAudit(app.db).ok).toBe(true);
    Object.assign(t, { sqlite: app.db.sqlite });
  });

  it('the backup is a consistent single file even while the app keeps writing', async () => {
    const out = tempPath('copy.db');
    const backing = dispatch(
      'backup:create',
      { out },
      { db: t, user: { username: 'a', role: 'admin' } },
    );
    // Writes during the backup do not corrupt it.
    t.sqlite.exec("UPDATE members SET name = name || '!' WHERE id % 2 = 0");
    const r = await backing;
    expect(r.ok).toBe(true);
    expect(existsSync(`${out}-wal`)).toBe(false);
    expect(checkRestorable(out).migrations).toEqual(MIGRATIONS.map((m) => m.name));
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM members').pluck().get()).toBe(memberCount(t));
    copy.close();
    // Never overwrites.
    const again = await dispatch(
      'backup:create',
      { out },
      { db: t, user: { username: 'a', role: 'admin' } },
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses a damaged file, a foreign file and a file from a different build', async () => {
    const app = { db: t as Db };
    const ctx: Ctx = { db: app.db, user: { username: 'boss', role: 'admin' }, replaceDb: () => {} };
    const dir = join(t.dir, 'bad');
    mkdirSync(dir);

    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'hello, this is not SQLite'.repeat(100));
    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE x (a); INSERT INTO x VALUES (1)');
    const otherBuild = join(dir, 'other.db');
    const o = new Database(otherBuild);
    o.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    o.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(
      '2026_01_01_0001_something_else',
      'x',
    );
    o.close();
    const newer = join(dir, 'newer.db');
    const made = await dispatch('backup:create', { out: newer }, ctx);
    expect(made.ok).toBe(true);
    const n = new Database(newer);
    n.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run('2099_01_01_0001_future', 'x');
    n.close();
    // A corrupted page: flip bytes in the middle of a valid backup.
    const corrupt = join(dir, 'corrupt.db');
    await dispatch('backup:create', { out: corrupt }, ctx);
    const bytes = readFileSync(corrupt);
    for (let i = 4096 * 3; i < 4096 * 3 + 2048; i++) bytes[i] = 0xff;
    writeFileSync(corrupt, bytes);

    // Pages leaked by an index removed behind SQLite's back: integrity_check lists them.
    const leaky = join(dir, 'leaky.db');
    await dispatch('backup:create', { out: leaky }, ctx);
    const l = new Database(leaky);
    l.unsafeMode(true);
    l.pragma('writable_schema = ON');
    l.exec("DELETE FROM sqlite_master WHERE name = 'audit_actor'");
    l.close();

    const cases: [string, RegExp][] = [
      [join(dir, 'missing.db'), /no backup file/],
      [notDb, /not a database|cannot be opened/],
      [foreign, /not a Jenjang database/],
      [otherBuild, /this build expects/],
      [newer, /newer version/],
      [corrupt, /integrity check failed: database disk image is malformed/],
      [leaky, /integrity check failed: .*Page \d+: never used/],
      [t.path, /onto itself/],
    ];
    const before = names(t);
    for (const [path, msg] of cases) {
      const r = await dispatch('backup:restore', { path, confirm: true }, ctx);
      expect(r.ok, path).toBe(false);
      if (!r.ok) {
        expect(r.error.code, `${path}: ${r.error.message}`).not.toBe('INTERNAL');
        expect(r.error.message, path).toMatch(msg);
      }
    }
    expect(names(t)).toEqual(before);
    expect(existsSync(`${t.path}.before-restore`)).toBe(false);
    expect(readdirSync(t.dir).filter((f) => f.includes('.restore-'))).toEqual([]);
  });

  it('an older backup is migrated forward on restore (migration history is a prefix)', async () => {
    // A backup taken by a build that had only the first migration.
    const old = tempPath('old.db');
    const o = new Database(old);
    o.exec(MIGRATIONS[0]!.up);
    o.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    o.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(MIGRATIONS[0]!.name, 'x');
    o.close();
    t.sqlite.close();
    const app = host(t.path);
    const r = await dispatch('backup:restore', { path: old, confirm: true }, app.ctx());
    expect(r).toMatchObject({ ok: true, data: { migrationsApplied: MIGRATIONS.length - 1 } });
    expect(memberCount(app.db)).toBe(0);
    Object.assign(t, { sqlite: app.db.sqlite });
  });

  it('restore without a host that can swap the file is refused (e2e bridge)', async () => {
    const out = tempPath('b.db');
    const ctx: Ctx = { db: t, user: { username: 'a', role: 'admin' } };
    await dispatch('backup:create', { out }, ctx);
    expect(await dispatch('backup:restore', { path: out, confirm: true }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('from the renderer (untrusted): backups folder only, no arbitrary paths', async () => {
    const ctx: Ctx = {
      db: t,
      user: { username: 'boss', role: 'admin' },
      fromRenderer: true,
      replaceDb: () => {
        throw new Error('must not get here');
      },
    };
    const elsewhere = tempPath('exfil.db');
    expect(await dispatch('backup:create', { out: elsewhere }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(existsSync(elsewhere)).toBe(false);
    const made = await dispatch('backup:create', {}, ctx);
    expect(made.ok).toBe(true);
    await dispatch('backup:create', { out: elsewhere }, { ...ctx, fromRenderer: false });
    expect(await dispatch('backup:restore', { path: elsewhere, confirm: true }, ctx)).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    const listed = await dispatch('backup:list', {}, ctx);
    expect(listed.ok && listed.data.files.map((f) => f.path)).toEqual([made.ok && made.data.path]);
  });

  it('CLI: backup --out, restore needs --yes, restore brings the data back', async () => {
    const p = t.path;
    t.sqlite.close();
    const out = tempPath('cli-backup.db');
    expect((await cli(['--db', p, 'backup', '--out', out])).code).toBe(0);
    const w = openDb(p);
    const before = names(w);
    w.sqlite.exec("UPDATE members SET name = 'X'");
    w.sqlite.close();
    const refused = await cli(['--db', p, 'restore', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--yes/);
    const ok = await cli(['--db', p, 'restore', out, '--yes']);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/restored .*cli-backup\.db/);
    const after = openDb(p);
    expect(names(after)).toEqual(before);
    const list = await cli(['--db', p, 'backup', '--list']);
    expect(list.code).toBe(0);
    Object.assign(t, { sqlite: after.sqlite });
  });

  it('restore is refused while another connection holds the database', async () => {
    const out = tempPath('held.db');
    await dispatch('backup:create', { out }, { db: t, user: { username: 'a', role: 'admin' } });
    // `t` stays open (another program); the CLI's own handle is closed by the restore.
    const r = await cli(['--db', t.path, 'restore', out, '--yes']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/open in another program/);
    expect(memberCount(t)).toBe(40);
  });
});

describe('scheduled backups with retention', () => {
  const at = (iso: string) => new Date(iso);
  const auto = (iso: string) => backupName('/x/jenjang.db', at(iso), true);

  it('names sort like time and parse back', () => {
    const n = auto('2026-11-26T04:12:09.123Z');
    expect(n).toBe('jenjang.auto-20261126T041209Z.db');
    expect(parseBackupName(n)).toEqual({
      stem: 'jenjang',
      scheduled: true,
      at: at('2026-11-26T04:12:09Z'),
    });
    expect(parseBackupName('jenjang.db')).toBeNull();
    expect(parseBackupName('jenjang.manual-20261126T041209Z-2.db')?.scheduled).toBe(false);
  });

  it('is due once per Asia/Jakarta calendar day', () => {
    const names = [auto('2026-11-25T18:00:00Z')]; // 01:00 on 26 Nov in Jakarta
    expect(isBackupDue(names, 'jenjang', at('2026-11-26T16:59:59Z'))).toBe(false); // 23:59 WIB
    expect(isBackupDue(names, 'jenjang', at('2026-11-26T17:00:00Z'))).toBe(true); // 00:00 27 Nov
    expect(isBackupDue([], 'jenjang', at('2026-11-26T00:00:00Z'))).toBe(true);
    // Manual backups and other databases' backups do not count.
    expect(
      isBackupDue(
        [
          backupName('/x/jenjang.db', at('2026-11-26T01:00:00Z'), false),
          auto('2026-11-26T01:00:00Z').replace('jenjang', 'other'),
        ],
        'jenjang',
        at('2026-11-26T02:00:00Z'),
      ),
    ).toBe(true);
  });

  it('prunes all but the newest N scheduled backups, never manual ones', () => {
    const days = Array.from({ length: 10 }, (_, i) =>
      auto(`2026-11-${String(10 + i).padStart(2, '0')}T01:00:00Z`),
    );
    const manual = backupName('/x/jenjang.db', at('2026-11-01T00:00:00Z'), false);
    const shuffled = [
      days[3]!,
      manual,
      ...days.slice(5),
      'notes.txt',
      ...days.slice(0, 3),
      days[4]!,
    ];
    expect(backupsToPrune(shuffled, 'jenjang', 7).sort()).toEqual(days.slice(0, 3).sort());
    expect(backupsToPrune(shuffled, 'jenjang', 0)).toHaveLength(9); // keeps at least one
    expect(backupsToPrune(days.slice(0, 2), 'jenjang', 7)).toEqual([]);
  });

  it('the scheduler backs up when due, once a day, and keeps the newest N (injected clock)', async () => {
    let now = at('2026-11-20T02:00:00Z');
    let interval: (() => void) | undefined;
    const s = startBackupScheduler({
      getDb: () => t,
      keep: 3,
      now: () => now,
      setInterval: (fn, ms) => {
        expect(ms).toBe(3_600_000);
        interval = fn;
        return 1;
      },
      clearInterval: () => (interval = undefined),
      onError: (e) => {
        throw e;
      },
    });
    const dir = join(t.dir, 'backups');
    const list = () => readdirSync(dir).sort();
    // The start tick takes today's backup.
    await s.tick();
    expect(list()).toEqual(['test.auto-20261120T020000Z.db']);
    // Later the same day: nothing new.
    now = at('2026-11-20T09:00:00Z');
    expect(await s.tick()).toBeNull();
    // Five more days, one hourly tick each.
    for (let d = 21; d <= 25; d++) {
      now = at(`2026-11-${d}T03:00:00Z`);
      interval!();
      await s.tick();
    }
    expect(list()).toEqual([
      'test.auto-20261123T030000Z.db',
      'test.auto-20261124T030000Z.db',
      'test.auto-20261125T030000Z.db',
    ]);
    const newest = new Database(join(dir, list()[2]!), { readonly: true });
    expect(newest.prepare('SELECT count(*) FROM members').pluck().get()).toBe(40);
    newest.close();
    s.stop();
    expect(interval).toBeUndefined();
  });
});
