// Worker thread entry of the what-if simulator. Started by whatif/service.ts through
// jobs/worker.ts; bundled by electron-vite as out/main/whatif-worker.js.
import { toAppError } from '../db/client';
import { serveWorker } from '../jobs/worker';
import { runWhatIfTask, type WhatIfTask } from './tasks';

serveWorker(
  async (task, ctx) => ({ value: await runWhatIfTask(task as WhatIfTask, ctx.progress) }),
  (e) => toAppError(e),
);
