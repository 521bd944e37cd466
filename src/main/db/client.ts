import { BatchRowError } from './bulk';
import Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InferResult,
} from 'kysely';
import type { DB } from './database';
import { MIGRATIONS } from './migrations';
import { AppError } from '../../shared/ipc/result';

/**
 * The database handle every layer receives. `sqlite` is better-sqlite3 (synchronous, one
 * connection); `q` is a Kysely instance used only to *build* typed queries, which `all`/`first`/
 * `exec` run synchronously on `sqlite`. Synchronous execution is what lets one
 * `sqlite.transaction()` wrap a whole import, edit or close.
 */
export interface Db {
  readonly sqlite: Database.Database;
  readonly q: Kysely<DB>;
  readonly path: string;
}

const builder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export interface OpenOptions {
  /** Skip migrations (used by restore checks on a foreign file). */
  migrate?: boolean;
  readonly?: boolean;
  /**
   * How long a statement waits for another connection's write lock before failing with
   * BUSY_MESSAGE (default 5 s: the app's connection waits on Electron's main thread). Set before
   * the migrations run, which may write.
   */
  busyTimeoutMs?: number;
}

export function openDb(path: string, opts: OpenOptions = {}): Db {
  const nativeBinding = process.env.JENJANG_NATIVE_BINDING || undefined;
  const sqlite = new Database(path, { readonly: opts.readonly ?? false, nativeBinding });
  if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (allocated only as pages are read; SQLite's default is 2 MB): index
  // builds, imports and the grids at a million members stop re-reading the same pages.
  sqlite.pragma('cache_size = -65536');
  const db: Db = { sqlite, q: builder, path };
  if (opts.migrate !== false && !opts.readonly) migrate(db);
  return db;
}

export function migrate(db: Db): void {
  db.sqlite.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`,
  );
  const applied = db.sqlite
    .prepare('SELECT name FROM schema_migrations ORDER BY rowid')
    .pluck()
    .all() as string[];
  applied.forEach((name, i) => {
    if (MIGRATIONS[i]?.name !== name) {
      throw new Error(
        `Database has migration ${name} at position ${i + 1}, this build expects ${MIGRATIONS[i]?.name ?? 'none'}`,
      );
    }
  });
  const insert = db.sqlite.prepare(
    'INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)',
  );
  for (const m of MIGRATIONS.slice(applied.length)) {
    db.sqlite.transaction(() => {
      db.sqlite.exec(m.up);
      insert.run(m.name, new Date().toISOString());
    })();
  }
}

export function schemaVersion(db: Db): string | null {
  return (
    (db.sqlite
      .prepare('SELECT name FROM schema_migrations ORDER BY rowid DESC LIMIT 1')
      .pluck()
      .get() as string | undefined) ?? null
  );
}

export const BUSY_MESSAGE =
  'the database is busy with another write (a period close, an import, or another copy of Jenjang on this file); try again when it has finished';

/** Map SQLite errors raised by our triggers (`CODE: message`) and constraints to AppError. */
export function toAppError(e: unknown): unknown {
  if (e instanceof BatchRowError) return toAppError(e.cause); // a batched insert's row
  if (!(e instanceof Error) || e instanceof AppError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (!code.startsWith('SQLITE_')) return e;
  const m = /^(VALIDATION|CONFLICT|PERIOD_CLOSED|NOT_FOUND): (.*)$/s.exec(e.message);
  if (m) return new AppError(m[1] as 'VALIDATION', m[2]!);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new AppError(
      'CONFLICT',
      e.message.replace(/^UNIQUE constraint failed: /, 'already exists: '),
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) return new AppError('VALIDATION', e.message);
  // The busy timeout ran out: another connection has held the write lock all along.
  if (code.startsWith('SQLITE_BUSY')) return new AppError('CONFLICT', BUSY_MESSAGE);
  return e;
}

type Params = readonly unknown[];
function params(p: Params): unknown[] {
  return p.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
}

export function all<Q extends Compilable<unknown>>(db: Db, query: Q): InferResult<Q> {
  const c = query.compile();
  return db.sqlite.prepare(c.sql).all(...params(c.parameters)) as InferResult<Q>;
}

export function first<Q extends Compilable<unknown>>(
  db: Db,
  query: Q,
): InferResult<Q>[number] | undefined {
  const c = query.compile();
  return db.sqlite.prepare(c.sql).get(...params(c.parameters)) as
    InferResult<Q>[number] | undefined;
}

export function exec(db: Db, query: Compilable<unknown>): Database.RunResult {
  const c = query.compile();
  const stmt = db.sqlite.prepare(c.sql);
  return stmt.reader
    ? ({
        changes: 0,
        lastInsertRowid: 0,
        ...(stmt.get(...params(c.parameters)) as object),
      } as Database.RunResult)
    : stmt.run(...params(c.parameters));
}

/**
 * Run fn in one write transaction (nested calls become savepoints). IMMEDIATE: the write lock is
 * taken at BEGIN, where SQLite waits for another writer up to the busy timeout. A deferred
 * transaction that reads first would fail at its first write instead, at once: WAL cannot wait
 * for a lock while it holds a read snapshot that the other writer is about to make stale.
 */
export function tx<T>(db: Db, fn: () => T): T {
  return db.sqlite.transaction(fn).immediate();
}
