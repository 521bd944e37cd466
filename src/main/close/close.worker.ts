// Worker thread entry of the period close (preview, commit, explain). Started by
// close/service.ts through jobs/worker.ts; bundled by electron-vite as out/main/close-worker.js.
import { toAppError } from '../db/client';
import { serveWorker } from '../jobs/worker';
import { runCloseTask, type CloseTask } from './tasks';

serveWorker(
  (task, ctx) => ({ value: runCloseTask(task as CloseTask, ctx.progress) }),
  (e) => toAppError(e),
);
