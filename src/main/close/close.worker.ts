// Worker thread entry of the period close (preview, commit, explain). Started by
// close/service.ts through jobs/worker.ts; bundled by electron-vite as out/main/close-worker.js.
import { toAppError } from '../db/client';
import { serveWorker } from '../jobs/worker';
import { checkpointAfter, runCloseTask, stageKeptPreview, type CloseTask } from './tasks';

serveWorker(
  (task, ctx) => ({
    value: runCloseTask(task as CloseTask, ctx.progress),
    // Off the path the user waits on, after the answer: a kept preview stages its run rows
    // for the commit that may follow; the WAL goes back into the database file (the task's own
    // connection never checkpoints). An explain or preview waiting cuts both short (`stop`):
    // the next task's afterwards does them.
    afterwards: (stop) => {
      stageKeptPreview(stop);
      if (!stop()) checkpointAfter(task as CloseTask);
    },
  }),
  (e) => toAppError(e),
);
