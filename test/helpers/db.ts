import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDb, type Db } from '../../src/main/db/client';
import type { Ctx } from '../../src/main/ipc/context';
import type { Role } from '../../src/shared/roles';

/** A fresh, migrated SQLite file in a temp dir (real file: WAL, triggers, everything). */
export function tempDb(): Db & { cleanup: () => void; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jenjang-test-'));
  const db = openDb(join(dir, 'test.db'));
  return Object.assign(db, {
    dir,
    cleanup: () => {
      db.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

export type TempDb = ReturnType<typeof tempDb>;

/**
 * A fresh tempDb for every test of the file (or describe block) it is called in, removed after
 * the test. `use` gets it first: keep it in the test file's `db` and seed it there.
 */
export function eachTestDb(use: (db: TempDb) => void | Promise<void>): void {
  let db: TempDb | undefined;
  beforeEach(async () => {
    db = tempDb();
    await use(db);
  });
  afterEach(() => {
    db?.cleanup();
    db = undefined;
  });
}

export function ctxFor(db: Db, role: Role = 'admin', username = 'tester'): Ctx {
  return { db, user: { username, role } };
}

export function tempPath(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'jenjang-test-')), name);
}

/**
 * Another process takes the write lock of the database file and keeps it `ms` milliseconds (a
 * close commit or an import elsewhere). Resolves once the lock is held; `done` when it is gone.
 */
export async function holdWriteLock(path: string, ms: number): Promise<{ done: Promise<unknown> }> {
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const d = new (require('better-sqlite3'))(process.argv[1]);
       d.exec('BEGIN IMMEDIATE'); console.log('locked');
       setTimeout(() => { d.exec('COMMIT'); d.close(); }, Number(process.argv[2]));`,
      path,
      String(ms),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const done = once(holder, 'exit');
  await once(holder.stdout, 'data');
  return { done };
}
