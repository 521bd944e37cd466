import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Ctx } from '../../src/main/ipc/context';
import { company as cliCompany } from '../helpers/cli';

export { cli, must, type CliRun } from '../helpers/cli';

/** A company in a temp dir driven by the CLI (../helpers/cli.ts). */
export const company = (prefix = 'jenjang-whatif-') => cliCompany(prefix);

/**
 * A hash of every row of every table (sorted, so it does not depend on read order): equal
 * before and after ⇔ nothing was written. Read on its own read-only connection.
 */
export function dbContentHash(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[];
    const h = createHash('sha256');
    for (const t of tables) {
      const rows = (
        db
          .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`)
          .raw()
          .all() as unknown[][]
      ).map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
      rows.sort();
      h.update(`${t}\n${rows.join('\n')}\n`);
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

export { dispatch, type Ctx };
