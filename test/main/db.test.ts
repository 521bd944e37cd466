import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDb, schemaVersion } from '../../src/main/db/client';
import { MIGRATIONS } from '../../src/main/db/migrations';
import {
  NO_BANK_WHERE,
  distributorsWithoutBank,
  ftsQuery,
  membersOnHold,
} from '../../src/main/db/repositories/members.repo';
import { eachTestDb, type TempDb } from '../helpers/db';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

const insertMember = (
  code: string,
  kind: 'distributor' | 'customer',
  sponsor: number | null,
  extra: Record<string, unknown> = {},
) =>
  Number(
    db.sqlite
      .prepare(
        `INSERT INTO members (code, name, kind, sponsor_id, placement_id, leg, join_date, nik, npwp)
         VALUES (@code, @code, @kind, @sponsor, @placement, @leg, '2026-01-05', @nik, @npwp)`,
      )
      .run({ code, kind, sponsor, placement: null, leg: null, nik: null, npwp: null, ...extra })
      .lastInsertRowid,
  );

describe('database', () => {
  it('opens with WAL, foreign keys and a busy timeout, and migrates once', () => {
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.name);
    migrate(db); // idempotent
    const reopened = openDb(db.path);
    expect(reopened.sqlite.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(
      MIGRATIONS.length,
    );
    reopened.sqlite.close();
  });

  it('0024 on a database with members: one sponsor index fewer, name search unchanged', () => {
    // A file as the build before 0024 left it, with members in it.
    const path = join(db.dir, 'before-0024.db');
    const old = openDb(path, { migrate: false });
    const at = MIGRATIONS.findIndex((m) => m.name === '2026_11_26_0024_lighten_member_indexes');
    old.sqlite.exec(
      'CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    for (const m of MIGRATIONS.slice(0, at)) {
      old.sqlite.exec(m.up);
      old.sqlite.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(m.name, 'then');
    }
    const add = old.sqlite.prepare(
      `INSERT INTO members (code, name, kind, sponsor_id, join_date) VALUES (?, ?, 'distributor', ?, '2026-01-05')`,
    );
    add.run('A1', 'José Ñúñez', null);
    add.run('A2', 'Siti Nur Aisyah', 1);
    old.sqlite.close();

    const now = openDb(path);
    const search = (text: string) =>
      now.sqlite
        .prepare(
          `SELECT group_concat(code) FROM (SELECT m.code FROM members_fts f JOIN members m ON m.id = f.rowid
           WHERE members_fts MATCH ? ORDER BY m.code)`,
        )
        .pluck()
        .get(ftsQuery(text));
    expect(search('jose')).toBe('A1');
    expect(search('nun')).toBe('A1'); // diacritics folded, word prefix
    expect(search('nur ais')).toBe('A2');
    // A new member reaches the rebuilt index through the insert trigger.
    now.sqlite
      .prepare(
        `INSERT INTO members (code, name, kind, sponsor_id, join_date) VALUES ('A3', 'Nuraini', 'distributor', 1, '2026-01-05')`,
      )
      .run();
    expect(search('nur')).toBe('A2,A3');
    const schema = (name: string) =>
      now.sqlite.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name);
    expect(schema('members_sponsor')).toBeUndefined();
    expect(schema('members_fts')).toMatch(/detail=none/);
    // FTS5's own check of the index against the members table (throws when they differ).
    now.sqlite.exec("INSERT INTO members_fts(members_fts, rank) VALUES ('integrity-check', 1)");
    now.sqlite.close();
  });

  it('0027: the checklist lists members on hold and without a bank from partial indexes', () => {
    const root = insertMember('D9', 'distributor', null);
    insertMember('D5', 'distributor', root); // no bank: listed
    insertMember('D3', 'distributor', root); // blank: listed
    insertMember('D4', 'distributor', root); // not active: not listed
    insertMember('C1', 'customer', root); // a customer: not listed
    const held = insertMember('D7', 'distributor', root);
    const set = (code: string, assignments: string) =>
      db.sqlite.prepare(`UPDATE members SET ${assignments} WHERE code = ?`).run(code);
    set('D9', `bank_account = '123'`);
    set('D3', `bank_account = '   '`);
    set('D4', `status = 'suspended'`);
    set('D7', `bank_account = '9', hold = 1, hold_reason = 'dispute'`);
    set('D5', `hold = 1, hold_reason = 'KYC'`);
    expect(distributorsWithoutBank(db, 200)).toEqual({
      count: 2,
      rows: [
        { code: 'D3', name: 'D3' },
        { code: 'D5', name: 'D5' },
      ],
    });
    expect(distributorsWithoutBank(db, 1).rows).toEqual([{ code: 'D3', name: 'D3' }]);
    expect(membersOnHold(db, 200)).toEqual({
      count: 2,
      rows: [
        { code: 'D5', name: 'D5', reason: 'KYC' },
        { code: 'D7', name: 'D7', reason: 'dispute' },
      ],
    });
    // The indexes follow edits: a bank account given, a hold released.
    set('D3', `bank_account = '77'`);
    db.sqlite.prepare('UPDATE members SET hold = 0 WHERE id = ?').run(held);
    expect(distributorsWithoutBank(db, 200).rows.map((r) => r.code)).toEqual(['D5']);
    expect(membersOnHold(db, 200).rows.map((r) => r.code)).toEqual(['D5']);
    // The queries name their partial index (INDEXED BY): a condition that no longer matches the
    // index's WHERE is refused rather than answered by a scan of the table.
    const count = (index: string, where: string) =>
      db.sqlite.prepare(`SELECT count(*) FROM members INDEXED BY ${index} WHERE ${where}`).get();
    expect(() => count('members_no_bank', NO_BANK_WHERE.replace('trim(', 'rtrim('))).toThrow(
      /no query solution/,
    );
    expect(() => count('members_on_hold', 'hold <> 0')).toThrow(/no query solution/);
  });

  it('refuses a database whose migration history differs from this build', () => {
    db.sqlite.prepare(`UPDATE schema_migrations SET name = 'bogus' WHERE rowid = 1`).run();
    expect(() => migrate(db)).toThrow(/bogus/);
  });

  it('holds member invariants in SQL: code, NIK, NPWP, kinds, cycles, slots', () => {
    const root = insertMember('ROOT', 'distributor', null);
    const a = insertMember('A', 'distributor', root, { placement: root, leg: 'L' });
    const c = insertMember('C1', 'customer', a);
    expect(() => insertMember('bad code!', 'distributor', root)).toThrow(/CHECK/);
    expect(() => insertMember('N1', 'distributor', root, { nik: '123' })).toThrow(/CHECK/);
    expect(() => insertMember('N2', 'distributor', root, { npwp: '12345678901234' })).toThrow(
      /CHECK/,
    );
    expect(() => insertMember('N3', 'customer', null)).toThrow(/CHECK/);
    expect(() => insertMember('D2', 'distributor', c)).toThrow(/sponsor must be a distributor/);
    expect(() => insertMember('D3', 'distributor', root, { placement: root, leg: 'L' })).toThrow(
      /UNIQUE/,
    );
    expect(() => insertMember('D4', 'distributor', root, { placement: c, leg: 'R' })).toThrow(
      /placement parent must be a distributor/,
    );
    expect(() => insertMember('C2', 'customer', root, { placement: root, leg: 'R' })).toThrow(
      /CHECK/,
    );
    expect(() => insertMember('D5', 'distributor', 9999)).toThrow(/FOREIGN KEY/);
    // Moves: cycles refused by triggers
    const b = insertMember('B', 'distributor', a, { placement: a, leg: 'L' });
    expect(() =>
      db.sqlite.prepare('UPDATE members SET sponsor_id = ? WHERE id = ?').run(b, root),
    ).toThrow(/cycle/);
    expect(() =>
      db.sqlite.prepare('UPDATE members SET placement_id = ?, leg = ? WHERE id = ?').run(b, 'R', a),
    ).toThrow(/cycle/);
    expect(() =>
      db.sqlite.prepare(`UPDATE members SET kind = 'customer' WHERE id = ?`).run(a),
    ).toThrow();
  });

  it('keeps committed runs immutable', () => {
    db.sqlite.exec(
      `INSERT INTO plan_versions (version, name, plan_json, plan_hash) VALUES (1, 'p', '{}', '${'a'.repeat(64)}')`,
    );
    db.sqlite.exec(
      `INSERT INTO runs (period, plan_version, plan_hash, run_hash, status, totals_json)
       VALUES ('2026-01', 1, '${'a'.repeat(64)}', '${'b'.repeat(64)}', 'committed', '{}')`,
    );
    expect(() => db.sqlite.exec(`UPDATE runs SET totals_json = '{"x":1}'`)).toThrow(/immutable/);
    expect(() => db.sqlite.exec(`DELETE FROM runs`)).toThrow(/never deleted/);
    expect(() => db.sqlite.exec(`UPDATE plan_versions SET plan_json = '{"a":1}'`)).toThrow(
      /immutable/,
    );
    db.sqlite.exec(
      `UPDATE runs SET status = 'superseded', superseded_at = 'now', supersede_reason = 'fix'`,
    );
    expect(db.sqlite.prepare('SELECT status FROM runs').pluck().get()).toBe('superseded');
  });
});
