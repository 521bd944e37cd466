// Worker entry used when running from the TypeScript sources (CLI through tsx, vitest): it
// registers tsx in this worker thread, then loads the real entry. The Electron build does not
// need it: electron-vite bundles each worker entry to plain JS (electron.vite.config.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entryUrl);
