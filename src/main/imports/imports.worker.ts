// Worker thread entry of the file imports. Started by imports/service.ts through jobs/worker.ts;
// bundled by electron-vite as out/main/imports-worker.js.
import { toAppError } from '../db/client';
import { serveWorker } from '../jobs/worker';
import { checkpointImport, openImportDb, runImportTask, type ImportTask } from './tasks';

serveWorker(
  async (raw, ctx) => {
    const task = raw as ImportTask;
    const db = openImportDb(task.dbPath);
    let value: unknown;
    try {
      value = await runImportTask(db, task, (p) => ctx.progress(p.stage, p.done, p.total));
    } catch (e) {
      db.sqlite.close(); // a refused import wrote nothing: no checkpoint
      throw e;
    }
    return { value, afterwards: () => checkpointImport(db) };
  },
  (e) => toAppError(e),
);
