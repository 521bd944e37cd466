// Backups: consistent online copies (SQLite backup API), a daily schedule with retention, and a
// checked restore that swaps the database file safely. Plain Node: the app, the CLI and tests.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { openDb, type Db } from '../db/client';
import { MIGRATIONS } from '../db/migrations';
import { verifyAudit, writeAudit } from '../db/repositories/audit.repo';
import { AppError } from '../../shared/ipc/result';
import type { BackupFile } from '../../shared/ipc/backup.contract';

export const BACKUP_DIR = 'backups';
/** Scheduled backups kept (the newest N); manual ones are never pruned. */
export const DEFAULT_KEEP = 14;

/** Retention: JENJANG_BACKUP_KEEP (a positive integer) or DEFAULT_KEEP. */
export function backupKeep(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.JENJANG_BACKUP_KEEP);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_KEEP;
}
const HOUR = 60 * 60 * 1000;
const JAKARTA_OFFSET_MS = 7 * HOUR;

function openRaw(path: string, readonly: boolean): Database.Database {
  return new Database(path, {
    readonly,
    fileMustExist: true,
    nativeBinding: process.env.JENJANG_NATIVE_BINDING || undefined,
  });
}

/** The backups folder beside the database file. */
export function backupDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), BACKUP_DIR);
}

function stemOf(dbPath: string): string {
  const b = basename(dbPath);
  const e = extname(b);
  return e ? b.slice(0, -e.length) : b;
}

/** `20261126T041200Z`: sorts like time, safe on every file system. */
function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** `<stem>.auto-<stamp>.db` (scheduled) or `<stem>.manual-<stamp>.db`. */
export function backupName(dbPath: string, at: Date, scheduled: boolean): string {
  return `${stemOf(dbPath)}.${scheduled ? 'auto' : 'manual'}-${stamp(at)}.db`;
}

const NAME_RE = /^(.+)\.(auto|manual)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(?:-\d+)?\.db$/;

export function parseBackupName(
  name: string,
): { stem: string; scheduled: boolean; at: Date } | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const at = new Date(`${m[3]}-${m[4]}-${m[5]}T${m[6]}:${m[7]}:${m[8]}Z`);
  if (Number.isNaN(at.getTime())) return null;
  return { stem: m[1]!, scheduled: m[2] === 'auto', at };
}

function jakartaDay(at: Date): string {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Scheduled backups of `stem` among `names`, newest first. */
function scheduledOf(names: readonly string[], stem: string) {
  return names
    .map((name) => ({ name, p: parseBackupName(name) }))
    .filter((x) => x.p !== null && x.p.scheduled && x.p.stem === stem)
    .sort((a, b) => b.p!.at.getTime() - a.p!.at.getTime() || (a.name < b.name ? 1 : -1));
}

/** Pure: is a scheduled backup due? Yes when none was taken on `now`'s Jakarta calendar day. */
export function isBackupDue(names: readonly string[], stem: string, now: Date): boolean {
  const today = jakartaDay(now);
  return !scheduledOf(names, stem).some((x) => jakartaDay(x.p!.at) === today);
}

/** Pure: which scheduled backups to delete so that the newest `keep` remain. */
export function backupsToPrune(names: readonly string[], stem: string, keep: number): string[] {
  return scheduledOf(names, stem)
    .slice(Math.max(1, keep))
    .map((x) => x.name);
}

function fileInfo(path: string): BackupFile {
  const name = basename(path);
  const p = parseBackupName(name);
  const st = statSync(path);
  return {
    name,
    path,
    bytes: st.size,
    at: (p?.at ?? st.mtime).toISOString(),
    scheduled: p?.scheduled ?? false,
  };
}

/**
 * Copy the live database to `out` with SQLite's online backup API: consistent even while the
 * app writes. Written to a temporary name and renamed, so `out` is never half a file; the copy
 * is switched to a single self-contained file (journal_mode DELETE). Refuses to overwrite.
 */
export async function createBackup(db: Db, out: string): Promise<BackupFile> {
  const target = resolve(out);
  if (target === resolve(db.path)) throw new AppError('VALIDATION', 'cannot back up onto itself');
  if (existsSync(target)) throw new AppError('CONFLICT', `${target} already exists`);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await db.sqlite.backup(tmp);
    const copy = openRaw(tmp, false);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    if (existsSync(target)) throw new AppError('CONFLICT', `${target} already exists`);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-journal`, { force: true });
  }
  return fileInfo(target);
}

/** Backups beside the database, newest first (scheduled and manual). */
export function listBackups(dbPath: string): BackupFile[] {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => parseBackupName(n) !== null)
    .map((n) => fileInfo(join(dir, n)))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.name < b.name ? 1 : -1));
}

/** A timestamped path in the backups folder that does not exist yet. */
export function defaultBackupPath(dbPath: string, at: Date, scheduled: boolean): string {
  const dir = backupDir(dbPath);
  const name = backupName(dbPath, at, scheduled);
  let p = join(dir, name);
  for (let i = 2; existsSync(p); i++) p = join(dir, name.replace(/\.db$/, `-${i}.db`));
  return p;
}

export interface RestoreCheck {
  /** Migrations recorded in the backup, in order. */
  migrations: string[];
  schemaVersion: string | null;
}

/**
 * Can `src` replace the live database? It must be an SQLite file that passes
 * `PRAGMA integrity_check`, and its migration history must be a prefix of this build's
 * MIGRATIONS (same migrations, same order; newer ones are applied on restore).
 */
export function checkRestorable(src: string): RestoreCheck {
  if (!existsSync(src) || !statSync(src).isFile())
    throw new AppError('NOT_FOUND', `no backup file at ${src}`);
  let f: Database.Database;
  try {
    f = openRaw(src, true);
  } catch (e) {
    throw new AppError('VALIDATION', `${src} cannot be opened: ${(e as Error).message}`);
  }
  try {
    let integrity: string[];
    try {
      integrity = f.prepare('PRAGMA integrity_check').pluck().all() as string[];
    } catch (e) {
      throw new AppError('VALIDATION', `integrity check failed: ${(e as Error).message}`);
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new AppError(
        'VALIDATION',
        `integrity check failed: ${integrity.join('; ').replace(/\s+/g, ' ').slice(0, 300)}`,
      );
    }
    const hasTable = f
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!hasTable) throw new AppError('VALIDATION', `${src} is not a Jenjang database`);
    const migrations = f
      .prepare('SELECT name FROM schema_migrations ORDER BY rowid')
      .pluck()
      .all() as string[];
    if (migrations.length === 0) throw new AppError('VALIDATION', `${src} has no schema`);
    if (migrations.length > MIGRATIONS.length) {
      throw new AppError(
        'VALIDATION',
        `backup has ${migrations.length} migrations, this build knows ${MIGRATIONS.length}: made by a newer version`,
      );
    }
    migrations.forEach((name, i) => {
      if (MIGRATIONS[i]!.name !== name) {
        throw new AppError(
          'VALIDATION',
          `backup has migration ${name} at position ${i + 1}, this build expects ${MIGRATIONS[i]!.name}`,
        );
      }
    });
    return { migrations, schemaVersion: migrations[migrations.length - 1] ?? null };
  } finally {
    f.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  previousKeptAs: string;
  schemaVersion: string | null;
  migrationsApplied: number;
  auditOk: boolean;
}

/**
 * Check `src`, stage a consistent copy beside the live file, then — with the live handle
 * closed by `replaceDb` — keep the live file as `<db>.before-restore` and rename the copy into
 * place. Newer migrations are applied, and the restore itself is written to the restored
 * database's audit log.
 */
export async function restoreDatabase(
  db: Db,
  srcPath: string,
  actor: string,
  replaceDb: (replace: (path: string) => void) => void,
): Promise<RestoreResult> {
  const live = resolve(db.path);
  const src = resolve(srcPath);
  if (src === live)
    throw new AppError('VALIDATION', 'cannot restore the live database onto itself');
  const check = checkRestorable(src);
  const staged = `${live}.restore-${randomBytes(4).toString('hex')}`;
  const previous = `${live}.before-restore`;
  let result: RestoreResult | undefined;
  try {
    // A consistent single-file copy of the backup, next to the live file (same volume: the
    // final rename is atomic).
    const s = openRaw(src, true);
    try {
      await s.backup(staged);
    } finally {
      s.close();
    }
    const c = openRaw(staged, false);
    try {
      c.pragma('journal_mode = DELETE');
    } finally {
      c.close();
    }
    replaceDb((path) => {
      const target = resolve(path);
      if (existsSync(`${target}-wal`)) {
        throw new AppError(
          'CONFLICT',
          'the database is open in another program (app or CLI): close it and retry',
        );
      }
      rmSync(`${target}-shm`, { force: true });
      rmSync(previous, { force: true });
      try {
        renameSync(target, previous);
      } catch (e) {
        throw new AppError(
          'CONFLICT',
          `the database file cannot be moved (open in another program?): ${(e as Error).message}`,
        );
      }
      try {
        renameSync(staged, target);
      } catch (e) {
        renameSync(previous, target);
        throw e;
      }
      const fresh = openDb(target);
      try {
        const audit = verifyAudit(fresh);
        writeAudit(fresh, {
          actor,
          action: 'restore',
          entity: 'database',
          entityId: basename(src),
          after: { from: src, schemaVersion: check.schemaVersion, previousKeptAs: previous },
        });
        result = {
          restoredFrom: src,
          previousKeptAs: previous,
          schemaVersion: MIGRATIONS[MIGRATIONS.length - 1]?.name ?? null,
          migrationsApplied: MIGRATIONS.length - check.migrations.length,
          auditOk: audit.ok,
        };
      } finally {
        fresh.sqlite.close();
      }
    });
  } finally {
    rmSync(staged, { force: true });
    rmSync(`${staged}-journal`, { force: true });
  }
  if (!result) throw new Error('restore did not run');
  return result;
}

export interface SchedulerOptions {
  /** The live database (looked up at each tick: a restore swaps it). */
  getDb: () => Db | undefined;
  keep?: number;
  now?: () => Date;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  onError?: (e: unknown) => void;
}

export interface BackupScheduler {
  /** Back up if due, then prune; resolves to the new backup or null. */
  tick(): Promise<BackupFile | null>;
  stop(): void;
}

/**
 * Daily backups: checks once an hour (and at start) whether today's (Asia/Jakarta) scheduled
 * backup exists; if not, takes it and prunes the scheduled ones beyond the newest `keep`.
 */
export function startBackupScheduler(o: SchedulerOptions): BackupScheduler {
  const keep = o.keep ?? DEFAULT_KEEP;
  const now = o.now ?? (() => new Date());
  const setI = o.setInterval ?? ((fn, ms) => setInterval(fn, ms).unref());
  const clearI = o.clearInterval ?? ((h) => clearInterval(h as NodeJS.Timeout));
  const onError = o.onError ?? ((e) => console.error('[backup]', e));
  let running: Promise<BackupFile | null> | null = null;

  const run = async (): Promise<BackupFile | null> => {
    const db = o.getDb();
    if (!db || !db.sqlite.open) return null;
    const dir = backupDir(db.path);
    const stem = stemOf(db.path);
    const names = existsSync(dir) ? readdirSync(dir) : [];
    const at = now();
    if (!isBackupDue(names, stem, at)) return null;
    const made = await createBackup(db, defaultBackupPath(db.path, at, true));
    for (const n of backupsToPrune([...names, made.name], stem, keep)) {
      unlinkSync(join(dir, n));
    }
    return made;
  };
  const tick = (): Promise<BackupFile | null> => {
    running ??= run()
      .catch((e: unknown) => {
        onError(e);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const handle = setI(() => void tick(), o.intervalMs ?? HOUR);
  void tick();
  return { tick, stop: () => clearI(handle) };
}
