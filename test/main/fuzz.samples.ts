// Shared by roles.test.ts and fuzz.test.ts: valid sample inputs per channel, a content hash of
// a whole database, and a small seeded database to run them against.
import { createHash } from 'node:crypto';
import type { Db } from '../../src/main/db/client';
import { insertUser } from '../../src/main/db/repositories/users.repo';
import { hashPassword } from '../../src/main/services/auth';
import { generateDemo } from '../../src/main/services/demo';

export const SEED_ADMIN = { username: 'boss', password: 'boss-password' };

/**
 * Valid, cheap inputs for channels whose handlers are safe to run in a test database (tested
 * with every role by roles.test.ts; used as mutation templates by fuzz.test.ts). A channel
 * without a sample is still covered by both suites with generated inputs.
 */
export const SAMPLES: Record<string, unknown> = {
  'system:info': {},
  'system:dashboard': {},
  'system:demo': { members: 10, months: 1, seed: 3 },
  'periods:list': {},
  'members:list': { offset: 0, limit: 10, sort: [{ colId: 'code', sort: 'asc' }], filter: {} },
  'members:get': { code: 'NO-SUCH-MEMBER' },
  'products:list': { offset: 0, limit: 10 },
  'orders:list': { offset: 0, limit: 10 },
  'auth:status': {},
  'auth:setup': { username: 'second', displayName: 'Second', password: 'second-password' },
  'auth:login': { username: SEED_ADMIN.username, password: SEED_ADMIN.password },
  'auth:logout': {},
  'auth:changePassword': { current: 'not-the-password', next: 'another-password' },
  'users:list': {},
  'users:create': { username: 'newbie', displayName: 'Newbie', role: 'viewer' },
  'users:update': { username: SEED_ADMIN.username, displayName: 'The Boss' },
  'users:setPassword': { username: 'no-such-user', password: null },
  'audit:list': { offset: 0, limit: 20, filter: { entity: 'user' } },
  'audit:verify': {},
  'backup:list': {},
  'backup:restore': { path: '/no/such/backup.db', confirm: true },
};

/** A deterministic hash of every row of every table (order-independent within a table). */
export function dbContentHash(db: Db): string {
  const h = createHash('sha256');
  const tables = db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    const rows = (db.sqlite.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`).all() as unknown[])
      .map((r) =>
        JSON.stringify(r, (_k, v: unknown) =>
          typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? v.toString('hex') : v,
        ),
      )
      .sort();
    h.update(`${t}\n${rows.join('\n')}\n`);
  }
  return h.digest('hex');
}

/** Demo data plus one admin with a (cheaply hashed) password. */
export async function seedTrustDb(db: Db, members = 30): Promise<void> {
  generateDemo(db, { members, months: 1, seed: 5, endPeriod: '2026-10' });
  insertUser(db, {
    username: SEED_ADMIN.username,
    displayName: 'Boss',
    role: 'admin',
    passwordHash: await hashPassword(SEED_ADMIN.password, { N: 2 ** 10, r: 8, p: 1 }),
  });
}
