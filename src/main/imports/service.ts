import type { Ctx } from '../ipc/context';
import { runWorker, type TaskInput } from '../jobs/worker';
import { runImportTask, type ImportTask } from './tasks';

/** Main-process side of the imports: hands the task to the worker thread. */

const IMPORTS_WORKER = {
  callerUrl: import.meta.url,
  sourceFile: 'imports.worker.ts',
  bundleFile: 'imports-worker.js',
};

export type ImportTaskInput = TaskInput<ImportTask>;

/**
 * Run an import in the imports worker on its own connection to ctx.db's file. On this thread,
 * on ctx.db: for a caller with nothing else to answer (`ctx.sameThread`: the CLI), and for an
 * in-memory database (it cannot be opened twice).
 */
export function runImportJob<T>(
  ctx: Pick<Ctx, 'db' | 'onProgress' | 'signal' | 'sameThread'>,
  task: ImportTaskInput,
): Promise<T> {
  const full = { ...task, dbPath: ctx.db.path } as ImportTask;
  if (ctx.sameThread || ctx.db.path === ':memory:' || ctx.db.path === '') {
    return runImportTask(ctx.db, full, (p) => ctx.onProgress?.(p)) as Promise<T>;
  }
  return runWorker<T>(IMPORTS_WORKER, full, { onProgress: ctx.onProgress, signal: ctx.signal });
}
