import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { contract, CHANNELS } from '../../src/shared/ipc/contract';
import { ROLES } from '../../src/shared/roles';
import { handlers } from '../../src/main/ipc/handlers';
import { BUSY_MESSAGE, openDb } from '../../src/main/db/client';
import { ctxFor, eachTestDb, holdWriteLock, type TempDb } from '../helpers/db';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

describe('dispatch', () => {
  it('answers a known channel with data', async () => {
    const r = await dispatch('periods:list', {}, ctxFor(db));
    expect(r).toEqual({ ok: true, data: [] });
  });

  it('refuses unknown channels and prototype keys as VALIDATION', async () => {
    for (const ch of ['nope:nothing', '__proto__', 'constructor', 'toString']) {
      const r = await dispatch(ch, {}, ctxFor(db));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('VALIDATION');
    }
  });

  it('names the offending field on invalid input', async () => {
    const r = await dispatch('system:demo', { members: -5 }, ctxFor(db));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(/^members: /);
    }
    const extra = await dispatch('periods:list', { evil: 1 }, ctxFor(db));
    expect(extra.ok).toBe(false);
  });

  it('checks roles in main from the contract table', async () => {
    const r = await dispatch('system:demo', { members: 10 }, ctxFor(db, 'viewer'));
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(db.sqlite.prepare('SELECT count(*) FROM members').pluck().get()).toBe(0);
  });

  it('has exactly one handler per channel and a non-empty role list for each', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    for (const ch of CHANNELS) {
      expect(contract[ch].roles.length).toBeGreaterThan(0);
      for (const r of contract[ch].roles) expect(ROLES).toContain(r);
    }
  });

  it('returns errors as values (CONFLICT on demo into a non-empty db)', async () => {
    expect((await dispatch('system:demo', { members: 50, months: 1 }, ctxFor(db))).ok).toBe(true);
    const again = await dispatch('system:demo', { members: 50, months: 1 }, ctxFor(db));
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('says the database is busy when another connection holds the write lock past the wait', async () => {
    const other = openDb(db.path, { migrate: false });
    other.sqlite.exec('BEGIN IMMEDIATE');
    db.sqlite.pragma('busy_timeout = 50'); // the app's 5 s, shortened for the test
    try {
      const r = await dispatch('system:demo', { members: 50, months: 1 }, ctxFor(db));
      expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', message: BUSY_MESSAGE } });
    } finally {
      other.sqlite.exec('ROLLBACK');
      other.sqlite.close();
    }
    // Once the lock is free, the same call goes through.
    expect((await dispatch('system:demo', { members: 50, months: 1 }, ctxFor(db))).ok).toBe(true);
  });

  it('an edit waits for another writer that finishes within the busy timeout', async () => {
    // Reads before it writes (the sponsor, the code): a deferred transaction failed at once.
    const lock = await holdWriteLock(db.path, 1500);
    const r = await dispatch(
      'members:create',
      { code: 'D1', name: 'Budi Santoso', kind: 'distributor', joinDate: '2026-01-05' },
      ctxFor(db),
    );
    expect(r).toMatchObject({ ok: true, data: { code: 'D1' } });
    await lock.done;
  });
});
