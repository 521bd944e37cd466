import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { cli } from '../helpers/cli';
import { openDb } from '../../src/main/db/client';
import { auditHash, verifyAudit, writeAudit } from '../../src/main/db/repositories/audit.repo';
import { insertUser } from '../../src/main/db/repositories/users.repo';
import { hashPassword } from '../../src/main/services/auth';
import { ctxFor, tempDb, eachTestDb, type TempDb } from '../helpers/db';
import type { InputOf } from '../../src/shared/ipc/channel';
import type { Contract } from '../../src/shared/ipc/contract';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

const ids = () =>
  db.sqlite.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all() as number[];

/** Entries written by real handlers: users, a sign-in, products. */
async function writeThroughHandlers(): Promise<void> {
  insertUser(db, {
    username: 'boss',
    displayName: 'Boss',
    role: 'admin',
    passwordHash: await hashPassword('boss-password', { N: 2 ** 10, r: 8, p: 1 }),
  });
  const admin = ctxFor(db, 'admin', 'boss');
  // One after the other: the order of the log is the order of the writes.
  const calls: (() => Promise<{ ok: boolean }>)[] = [
    () => dispatch('users:create', { username: 'siti', displayName: 'Siti', role: 'staff' }, admin),
    () => dispatch('users:update', { username: 'siti', role: 'accountant' }, admin),
    () =>
      dispatch('auth:login', { username: 'boss', password: 'boss-password' }, { db, user: null }),
    () =>
      dispatch(
        'products:create',
        {
          sku: 'SKU-1',
          name: 'Sabun',
          memberPrice: 10_000,
          retailPrice: 12_000,
          pv: 10,
          bv: 8_000,
        },
        admin,
      ),
    () => dispatch('users:update', { username: 'siti', active: false }, admin),
  ];
  for (const c of calls) expect((await c()).ok).toBe(true);
}

describe('hash-chained audit log', () => {
  it('records who, when, what, before/after of each write, chained by hash', async () => {
    await writeThroughHandlers();
    const r = await dispatch('audit:list', { limit: 10 }, ctxFor(db, 'accountant'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.total).toBe(5);
    // Newest first.
    expect(r.data.rows.map((e) => [e.actor, e.action, e.entity, e.entityId])).toEqual([
      ['boss', 'update', 'user', 'siti'],
      ['boss', 'product.create', 'product', expect.any(String)],
      ['boss', 'login', 'user', 'boss'],
      ['boss', 'update', 'user', 'siti'],
      ['boss', 'create', 'user', 'siti'],
    ]);
    const deactivate = r.data.rows[0]!;
    expect(JSON.parse(deactivate.beforeJson!)).toMatchObject({ active: true });
    expect(JSON.parse(deactivate.afterJson!)).toMatchObject({ active: false });
    expect(deactivate.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(await dispatch('audit:verify', {}, ctxFor(db, 'admin'))).toEqual({
      ok: true,
      data: {
        ok: true,
        entries: 5,
        firstBrokenId: null,
        headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it('a row edited behind the app’s back: verify reports the first broken entry (dispatch and CLI)', async () => {
    await writeThroughHandlers();
    const [, second, third] = ids();

    // Someone opens the file with another SQLite tool, drops the guard and edits history.
    const raw = openDb(db.path);
    raw.sqlite.exec('DROP TRIGGER audit_log_no_update');
    raw.sqlite
      .prepare(
        `UPDATE audit_log SET after_json = replace(after_json, 'accountant', 'admin') WHERE id = ?`,
      )
      .run(third);
    raw.sqlite.prepare(`UPDATE audit_log SET actor = 'someone-else' WHERE id = ?`).run(second);
    raw.sqlite.close();

    const v = await dispatch('audit:verify', {}, ctxFor(db, 'admin'));
    expect(v).toMatchObject({ ok: true, data: { ok: false, firstBrokenId: second, entries: 2 } });

    process.env.JENJANG_PASSWORD = 'boss-password';
    try {
      const out = await cli(['--db', db.path, '--user', 'boss', 'audit', 'verify']);
      expect(out.code).toBe(2);
      expect(out.err).toMatch(new RegExp(`first broken entry id ${second}\\b`));
    } finally {
      delete process.env.JENJANG_PASSWORD;
    }
  });

  it('a deleted entry breaks the link of the next one; re-hashing only that row is caught too', async () => {
    await writeThroughHandlers();
    const [, , third, fourth] = ids();
    db.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    db.sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(third);
    expect(verifyAudit(db)).toMatchObject({ ok: false, firstBrokenId: fourth });

    // A forger who recomputes the edited row's own hash still breaks the next link.
    const fresh = tempDb();
    try {
      for (let i = 0; i < 4; i++)
        writeAudit(fresh, { actor: 'a', action: 'x', entity: 'e', entityId: i, after: { i } });
      type Row = Parameters<typeof auditHash>[1] & { id: number; prev_hash: string };
      const rows = fresh.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
      const forged = { ...rows[1]!, after_json: '{"i":99}' };
      fresh.sqlite.exec('DROP TRIGGER audit_log_no_update');
      fresh.sqlite
        .prepare('UPDATE audit_log SET after_json = ?, hash = ? WHERE id = ?')
        .run(forged.after_json, auditHash(forged.prev_hash, forged), forged.id);
      expect(verifyAudit(fresh)).toMatchObject({ ok: false, firstBrokenId: rows[2]!.id });
    } finally {
      fresh.cleanup();
    }
  });

  it('the app itself cannot rewrite history: UPDATE and DELETE are refused in SQL', async () => {
    await writeThroughHandlers();
    expect(() => db.sqlite.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    // Two entries can never claim the same predecessor (no forks).
    const head = db.sqlite
      .prepare('SELECT prev_hash FROM audit_log ORDER BY id DESC')
      .pluck()
      .get();
    expect(() =>
      db.sqlite
        .prepare(
          `INSERT INTO audit_log (actor, action, entity, prev_hash, hash) VALUES ('x','y','z',?, 'h')`,
        )
        .run(head),
    ).toThrow(/UNIQUE/);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('CLI audit verify exits 0 on an intact chain; audit list prints entries', async () => {
    await writeThroughHandlers();
    process.env.JENJANG_PASSWORD = 'boss-password';
    try {
      const ok = await cli(['--db', db.path, '--user', 'boss', 'audit', 'verify']);
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.out).toMatch(/audit log intact: 5 entries/);
      const list = await cli([
        '--db',
        db.path,
        '--user',
        'boss',
        'audit',
        'list',
        '--entity',
        'user',
      ]);
      expect(list.code).toBe(0);
      expect(list.out.trim().split('\n')).toHaveLength(4);
    } finally {
      delete process.env.JENJANG_PASSWORD;
    }
  });

  it('pages, filters, sorts and searches without SQL injection', async () => {
    for (let i = 0; i < 30; i++) {
      writeAudit(db, {
        actor: i % 2 ? 'ani' : 'budi',
        action: i % 3 ? 'update' : 'create',
        entity: 'member',
        entityId: `M${String(i).padStart(3, '0')}`,
        reason: i === 7 ? "100% o'reilly_x" : null,
      });
    }
    const list = async (input: InputOf<Contract['audit:list']>) => {
      const r = await dispatch('audit:list', input, ctxFor(db, 'admin'));
      if (!r.ok) throw new Error(r.error.message);
      return r.data;
    };
    const page = await list({ offset: 10, limit: 5 });
    expect(page.total).toBe(30);
    expect(page.rows.map((r) => r.entityId)).toEqual(['M019', 'M018', 'M017', 'M016', 'M015']);
    expect((await list({ filter: { actor: 'ani' } })).total).toBe(15);
    expect((await list({ filter: { actor: 'ani', action: 'create' } })).total).toBe(5);
    expect((await list({ search: '100%' })).rows.map((r) => r.entityId)).toEqual(['M007']);
    expect((await list({ search: "o'reilly_" })).total).toBe(1);
    expect((await list({ search: '%' })).total).toBe(1);
    expect((await list({ search: "' OR 1=1 --" })).total).toBe(0);
    const asc = await list({ sort: [{ colId: 'actor', sort: 'asc' }], limit: 1 });
    expect(asc.rows[0]!.actor).toBe('ani');
    // Unknown sort columns are ignored, not interpolated.
    expect((await list({ sort: [{ colId: 'id; DROP TABLE audit_log', sort: 'asc' }] })).total).toBe(
      30,
    );
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await list({ filter: { from: today, to: today } })).total).toBe(30);
    expect((await list({ filter: { to: '2000-01-01' } })).total).toBe(0);
  });
});
