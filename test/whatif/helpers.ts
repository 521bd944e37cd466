import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../src/cli/index';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Ctx } from '../../src/main/ipc/context';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** A company in a temp dir: a db file plus files written by the test, driven by the CLI. */
export function company(prefix = 'jenjang-whatif-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'jenjang.db');
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const run = (...args: string[]): Promise<CliRun> => cli(['--db', db, ...args]);
  const ok = async (...args: string[]): Promise<string> => {
    const r = await run(...args);
    if (r.code !== 0) throw new Error(`jenjang ${args.join(' ')} → ${r.code}\n${r.err}`);
    return r.out;
  };
  return { dir, db, file, run, ok };
}

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

export async function must<T>(
  p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

export { dispatch, type Ctx };
