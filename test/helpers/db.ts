import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export function ctxFor(db: Db, role: Role = 'admin', username = 'tester'): Ctx {
  return { db, user: { username, role } };
}

export function tempPath(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'jenjang-test-')), name);
}
