// Worker thread entry of the period close (preview, commit, explain). Started by
// close/service.ts through jobs/worker.ts; bundled by electron-vite as out/main/close-worker.js.
import { toAppError } from '../db/client';
import { serveWorker } from '../jobs/worker';
import { checkpointAfter, runCloseTask, type CloseTask } from './tasks';

serveWorker(
  (task, ctx) => ({
    value: runCloseTask(task as CloseTask, ctx.progress),
    // The task's own connection never checkpoints: the WAL goes back into the database file
    // here, after the answer (preview, commit), off the path the user waits on.
    afterwards: () => checkpointAfter(task as CloseTask),
  }),
  (e) => toAppError(e),
);
