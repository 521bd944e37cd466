import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { AnyCtx } from '../../src/main/ipc/context';
import { getUser, insertUser } from '../../src/main/db/repositories/users.repo';
import {
  SCRYPT,
  createSession,
  hashPassword,
  resolveCliUser,
  verifyPassword,
} from '../../src/main/services/auth';
import { ctxFor, eachTestDb, tempPath, type TempDb } from '../helpers/db';
import { cli } from '../helpers/cli';
import type { Role } from '../../src/shared/roles';

/** Cheap hashes for seeded users (the cost is stored in the hash; handlers use SCRYPT). */
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

async function seedUser(
  db: TempDb,
  username: string,
  role: Role,
  password: string | null,
): Promise<void> {
  insertUser(db, {
    username,
    displayName: username.toUpperCase(),
    role,
    passwordHash: password === null ? null : await hashPassword(password, CHEAP),
  });
}

function auditRows(db: TempDb) {
  return db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as {
    actor: string;
    action: string;
    entity: string;
    entity_id: string;
    before_json: string | null;
    after_json: string | null;
  }[];
}

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

describe('password hashing (scrypt)', () => {
  it('stores scrypt$N$r$p$salt$hash with a fresh salt and verifies in constant time', async () => {
    const h1 = await hashPassword('correct horse', CHEAP);
    const h2 = await hashPassword('correct horse', CHEAP);
    expect(h1).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(h1).not.toBe(h2); // per-hash random salt
    expect(await verifyPassword('correct horse', h1)).toBe(true);
    expect(await verifyPassword('correct horsE', h1)).toBe(false);
    expect(await verifyPassword('', h1)).toBe(false);
  });

  it('uses N = 2^15 by default', async () => {
    expect(SCRYPT.N).toBe(2 ** 15);
    const h = await hashPassword('default cost');
    expect(h.split('$').slice(1, 4)).toEqual(['32768', '8', '1']);
    expect(await verifyPassword('default cost', h)).toBe(true);
  });

  it('rejects malformed or hostile stored hashes without hanging', async () => {
    const good = await hashPassword('pw', CHEAP);
    const [, , r, p, salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain',
      `bcrypt$1024$${r}$${p}$${salt}$${key}`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`, // would take seconds and GBs
      `scrypt$1024$999$${p}$${salt}$${key}`,
      `scrypt$1024$${r}$${p}$$${key}`,
      `scrypt$1024$${r}$${p}$${salt}$`,
    ]) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });
});

describe('sessions through dispatch', () => {
  it('first start: status says no users, setup creates the admin and signs in; setup only once', async () => {
    const session = createSession(null);
    const anon = (): AnyCtx => ({ db, user: session.current(db), session });
    const s0 = await dispatch('auth:status', {}, anon());
    expect(s0).toEqual({ ok: true, data: { hasUsers: false, user: null, loginRequired: true } });
    // Nothing but public channels answers an anonymous caller.
    expect(await dispatch('members:list', {}, anon())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const setup = await dispatch(
      'auth:setup',
      { username: ' Boss ', displayName: 'Ibu Boss', password: 'rahasia-123' },
      anon(),
    );
    expect(setup).toEqual({
      ok: true,
      data: { username: 'boss', displayName: 'Ibu Boss', role: 'admin' },
    });
    expect(session.current(db)).toEqual({ username: 'boss', role: 'admin' });
    const again = await dispatch(
      'auth:setup',
      { username: 'mallory', displayName: 'M', password: 'rahasia-123' },
      { db, user: null },
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(getUser(db, 'mallory')).toBeUndefined();
    const row = getUser(db, 'boss')!;
    expect(row.password_hash).toMatch(/^scrypt\$32768\$/);
    expect(auditRows(db).map((a) => [a.actor, a.action, a.entity_id])).toEqual([
      ['boss', 'setup', 'boss'],
    ]);
  });

  it('login, wrong password, inactive and CLI-only users, logout — all audited, no hash leaks', async () => {
    await seedUser(db, 'ani', 'accountant', 'ani-password');
    await seedUser(db, 'robot', 'staff', null);
    await seedUser(db, 'gone', 'staff', 'gone-password');
    db.sqlite.prepare("UPDATE users SET active = 0 WHERE username = 'gone'").run();
    const session = createSession(null);
    const ctx = (): AnyCtx => ({ db, user: session.current(db), session });

    for (const [username, password] of [
      ['ani', 'wrong-password'],
      ['nobody', 'whatever-pw'],
      ['robot', 'anything-here'],
      ['gone', 'gone-password'],
    ] as const) {
      const r = await dispatch('auth:login', { username, password }, ctx());
      expect(r).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'wrong username or password' },
      });
      expect(session.current(db)).toBeNull();
    }
    const ok = await dispatch('auth:login', { username: 'ANI', password: 'ani-password' }, ctx());
    expect(ok).toEqual({
      ok: true,
      data: { username: 'ani', displayName: 'ANI', role: 'accountant' },
    });
    expect((await dispatch('auth:status', {}, ctx())).ok && session.current(db)).toEqual({
      username: 'ani',
      role: 'accountant',
    });
    // An accountant is not an admin.
    expect(await dispatch('users:list', {}, ctx())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await dispatch('auth:logout', {}, ctx())).toEqual({ ok: true, data: { ok: true } });
    expect(session.current(db)).toBeNull();

    const audit = auditRows(db);
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['ani', 'login-failed'],
      ['nobody', 'login-failed'],
      ['robot', 'login-failed'],
      ['gone', 'login-failed'],
      ['ani', 'login'],
      ['ani', 'logout'],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|password/i);
  });

  it('a demotion or deactivation takes effect on the very next call', async () => {
    await seedUser(db, 'boss', 'admin', 'boss-password');
    await seedUser(db, 'budi', 'admin', 'budi-password');
    const session = createSession(null);
    session.set({ username: 'budi', role: 'admin' });
    const ctx = (): AnyCtx => ({ db, user: session.current(db), session });
    expect((await dispatch('users:list', {}, ctx())).ok).toBe(true);
    const boss = { db, user: { username: 'boss', role: 'admin' as const } };
    expect((await dispatch('users:update', { username: 'budi', role: 'viewer' }, boss)).ok).toBe(
      true,
    );
    expect(session.current(db)).toEqual({ username: 'budi', role: 'viewer' });
    expect(await dispatch('users:list', {}, ctx())).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    await dispatch('users:update', { username: 'budi', active: false }, boss);
    expect(session.current(db)).toBeNull();
  });

  it('the desktop fallback (until the login screen exists) acts as the local admin', async () => {
    const session = createSession({ username: 'admin', role: 'admin' });
    expect(session.loginRequired).toBe(false);
    expect(session.current(db)).toEqual({ username: 'admin', role: 'admin' });
    const status = await dispatch('auth:status', {}, { db, user: session.current(db), session });
    expect(status).toMatchObject({ ok: true, data: { loginRequired: false, hasUsers: false } });
  });
});

describe('user administration', () => {
  it('creates, updates and re-passwords users; audit has before/after without hashes', async () => {
    await seedUser(db, 'boss', 'admin', 'boss-password');
    const admin = ctxFor(db, 'admin', 'boss');
    const created = await dispatch(
      'users:create',
      { username: 'siti', displayName: 'Siti', role: 'staff', password: 'siti-password' },
      admin,
    );
    expect(created).toMatchObject({
      ok: true,
      data: { username: 'siti', role: 'staff', active: true, hasPassword: true },
    });
    const dup = await dispatch(
      'users:create',
      { username: 'SITI', displayName: 'Other', role: 'viewer' },
      admin,
    );
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await dispatch('users:update', { username: 'siti', role: 'accountant' }, admin),
    ).toMatchObject({ ok: true, data: { role: 'accountant' } });
    expect(
      await dispatch('users:setPassword', { username: 'siti', password: null }, admin),
    ).toMatchObject({ ok: true, data: { hasPassword: false } });
    expect(
      await dispatch('users:update', { username: 'nobody', role: 'viewer' }, admin),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const audit = auditRows(db);
    expect(audit.map((a) => [a.actor, a.action, a.entity, a.entity_id])).toEqual([
      ['boss', 'create', 'user', 'siti'],
      ['boss', 'update', 'user', 'siti'],
      ['boss', 'remove-password', 'user', 'siti'],
    ]);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ role: 'staff' });
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({ role: 'accountant' });
    expect(JSON.stringify(audit)).not.toMatch(/scrypt/);
  });

  it('the last active admin can be neither demoted nor deactivated', async () => {
    await seedUser(db, 'boss', 'admin', 'boss-password');
    const admin = ctxFor(db, 'admin', 'boss');
    for (const patch of [{ role: 'viewer' as const }, { active: false }]) {
      const r = await dispatch('users:update', { username: 'boss', ...patch }, admin);
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    }
    await seedUser(db, 'wakil', 'admin', null);
    expect((await dispatch('users:update', { username: 'boss', role: 'viewer' }, admin)).ok).toBe(
      true,
    );
  });

  it('changes one’s own password only with the current one', async () => {
    await seedUser(db, 'ani', 'accountant', 'old-password');
    const ani = ctxFor(db, 'accountant', 'ani');
    const wrong = await dispatch(
      'auth:changePassword',
      { current: 'nope', next: 'new-password' },
      ani,
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const ok = await dispatch(
      'auth:changePassword',
      { current: 'old-password', next: 'new-password' },
      ani,
    );
    expect(ok.ok).toBe(true);
    expect(await verifyPassword('new-password', getUser(db, 'ani')!.password_hash!)).toBe(true);
    const short = await dispatch('auth:changePassword', { current: 'x', next: 'short' }, ani);
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('the CLI acts as a named user', () => {
  it('fresh database: acts as admin (whatever the name); then only as an existing user with its role', async () => {
    const p = tempPath('cli-users.db');
    expect((await cli(['--db', p, 'users', 'list'])).code).toBe(0);
    process.env.TEST_NEW_PW = 'boss-password';
    const add = await cli([
      '--db',
      p,
      '--user',
      'boss',
      'users',
      'add',
      'boss',
      '--role',
      'admin',
      '--password-env',
      'TEST_NEW_PW',
    ]);
    expect(add).toMatchObject({ code: 0 });
    expect(
      (await cli(['--db', p, '--user', 'boss', 'users', 'add', 'viewer1', '--role', 'viewer']))
        .code,
    ).toBe(2); // boss has a password and none was given

    // Users exist now: the default `cli` user does not, so the CLI refuses.
    const anon = await cli(['--db', p, 'period', 'list']);
    expect(anon.code).toBe(2);
    expect(anon.err).toMatch(/no active user "cli"/);

    process.env.JENJANG_PASSWORD = 'wrong';
    expect((await cli(['--db', p, '--user', 'boss', 'users', 'list'])).code).toBe(2);
    process.env.JENJANG_PASSWORD = 'boss-password';
    try {
      expect(
        (await cli(['--db', p, '--user', 'boss', 'users', 'add', 'lihat', '--role', 'viewer']))
          .code,
      ).toBe(0);
      const list = await cli(['--db', p, '--user', 'boss', 'users', 'list', '--json']);
      expect(JSON.parse(list.out)).toMatchObject([
        { username: 'boss', role: 'admin', hasPassword: true },
        { username: 'lihat', role: 'viewer', hasPassword: false },
      ]);
    } finally {
      delete process.env.JENJANG_PASSWORD;
      delete process.env.TEST_NEW_PW;
    }
    // A CLI-only viewer acts without a password, with the viewer role.
    expect((await cli(['--db', p, '--user', 'lihat', 'period', 'list'])).code).toBe(0);
    const refused = await cli(['--db', p, '--user', 'lihat', 'demo', '--members', '20']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/role viewer may not call system:demo/);
  });

  it('resolveCliUser: unknown and inactive users are refused', async () => {
    expect(await resolveCliUser(db, 'Anyone', undefined)).toEqual({
      username: 'anyone',
      role: 'admin',
    });
    await seedUser(db, 'ops', 'staff', null);
    expect(await resolveCliUser(db, 'ops', undefined)).toEqual({ username: 'ops', role: 'staff' });
    await expect(resolveCliUser(db, 'cli', undefined)).rejects.toThrow(/no active user/);
    db.sqlite.prepare("UPDATE users SET active = 0 WHERE username = 'ops'").run();
    await expect(resolveCliUser(db, 'ops', undefined)).rejects.toThrow(/no active user/);
  });
});
