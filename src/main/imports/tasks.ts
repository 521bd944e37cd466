import { openDb, type Db } from '../db/client';
import type { Progress } from '../ipc/context';
import type { ParsedInputOf } from '../../shared/ipc/channel';
import type { membersContract } from '../../shared/ipc/members.contract';
import type { ImportInput } from '../../shared/ipc/products.contract';
import { importMembers } from '../services/members-import';
import { importOrders } from '../services/orders-import';
import { importProducts } from '../services/products-import';
import { importReturns } from '../services/returns-import';

/**
 * The file imports as tasks a worker thread runs (imports.worker.ts) on its own connection to
 * the app's database file: a 100k-row members file keeps SQLite busy for seconds, and the main
 * process must keep answering other calls meanwhile (other screens, other windows). The importers
 * themselves (services/*-import.ts) take any connection: each validates everything, then
 * writes in one transaction.
 */
export type ImportTask = { dbPath: string; actor: string } & (
  | { kind: 'members'; input: ParsedInputOf<(typeof membersContract)['members:import']> }
  | { kind: 'orders' | 'returns' | 'products'; input: ImportInput }
);

/** A task's connection: it never checkpoints — checkpointImport does, after the answer. */
export function openImportDb(dbPath: string): Db {
  // Wait for a writer rather than fail: a close commit at a million members holds the lock ~10 s.
  const db = openDb(dbPath, { migrate: false, busyTimeoutMs: 30_000 });
  // Copying the load's WAL into the database file (~0.3 s for 100k members) would happen
  // inside the COMMIT the user waits on (docs/performance.md).
  db.sqlite.pragma('wal_autocheckpoint = 0');
  return db;
}

export function runImportTask(
  db: Db,
  task: ImportTask,
  onProgress: (p: Progress) => void,
): Promise<unknown> {
  const ctx = { actor: task.actor, onProgress };
  switch (task.kind) {
    case 'members': {
      const { dryRun, ...src } = task.input;
      return importMembers(db, src, { ...ctx, dryRun });
    }
    case 'orders':
      return importOrders(db, task.input, ctx);
    case 'returns':
      return importReturns(db, task.input, ctx);
    case 'products':
      return importProducts(db, task.input, ctx);
  }
}

/**
 * After the answer: the WAL goes back into the database file (PASSIVE: never waits for another
 * connection; what it cannot copy now, a later checkpoint does), then the connection closes.
 */
export function checkpointImport(db: Db): void {
  try {
    db.sqlite.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.sqlite.close();
  }
}
