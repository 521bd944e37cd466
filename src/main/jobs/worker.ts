import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, parentPort, workerData, type Transferable } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../shared/ipc/result';
import type { Progress } from '../ipc/context';

/**
 * Long work in a worker thread (node:worker_threads), so the Electron main process keeps
 * answering IPC (progress polling, other screens) while a close computes.
 *
 * One protocol for every worker: the parent posts `{ id, task }`; the worker posts `progress`
 * messages, then exactly one `result` (with transferred typed arrays) or `error` for that id.
 * Cancel = terminate the thread; a worker that was writing loses its open transaction (SQLite
 * rolls it back), so cancelling is always safe.
 *
 * Loading: from the sources (CLI via tsx, vitest) the entry is a .ts file started through
 * worker-bootstrap.mjs, which registers tsx in the thread; from the electron-vite bundle it is
 * the bundled `<name>.js` next to the main entry (a second rollup input).
 */

export interface WorkerEntry {
  /** import.meta.url of a module next to the entry's source file. */
  callerUrl: string;
  /** Source file name, next to the caller: `close.worker.ts`. */
  sourceFile: string;
  /** Bundled file name in out/main: `close-worker.js`. */
  bundleFile: string;
}

export function resolveWorker(entry: WorkerEntry): { file: string; entryUrl?: string } {
  const here = fileURLToPath(entry.callerUrl);
  const dir = dirname(here);
  if (here.endsWith('.ts')) {
    const bootstrap = fileURLToPath(new URL('./worker-bootstrap.mjs', import.meta.url));
    return { file: bootstrap, entryUrl: pathToFileURL(join(dir, entry.sourceFile)).href };
  }
  // Bundled: the caller may sit in out/main or in a shared chunk folder below it.
  for (const d of [dir, dirname(dir), dirname(dirname(dir))]) {
    const f = join(d, entry.bundleFile);
    if (existsSync(f)) return { file: f };
  }
  throw new Error(`worker bundle ${entry.bundleFile} not found near ${dir}`);
}

/**
 * A task as its caller gives it: without the database path (the service adds ctx.db's) and the
 * fields in `K`. Distributes over a union of task kinds.
 */
export type TaskInput<T, K extends PropertyKey = never> = T extends unknown
  ? Omit<T, 'dbPath' | K>
  : never;

export interface RunWorkerOptions {
  onProgress?: ((p: Progress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Ask the worker to cut short what it does after its previous answer (`WorkerAnswer.afterwards`
   * sees `stop()` turn true) so this task starts at once — for quick tasks that should not wait
   * behind housekeeping.
   */
  interruptAfterwards?: boolean | undefined;
}

interface SerializedError {
  name: string;
  code?: string;
  message: string;
  details?: unknown;
  stack?: string;
}

type FromWorker =
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'result'; value: unknown }
  | { type: 'error'; error: SerializedError };

export class CancelledError extends AppError {
  constructor() {
    super('CONFLICT', 'cancelled');
    this.name = 'CancelledError';
  }
}

interface Idle {
  worker: Worker;
  file: string;
}

/**
 * Workers are kept warm: starting one costs a module load (and, from the sources, a TypeScript
 * transform), so a finished worker waits for the next task instead of exiting — one idle worker
 * per entry, unref'd so it never keeps a CLI process alive. A cancelled or crashed worker is
 * terminated, never reused.
 */
const idle = new Map<string, Idle>();
let nextId = 1;

function acquire(entry: WorkerEntry): Worker {
  const { file, entryUrl } = resolveWorker(entry);
  const key = `${file}\u0000${entryUrl ?? ''}`;
  const warm = idle.get(key);
  if (warm) {
    idle.delete(key);
    warm.worker.ref();
    return warm.worker;
  }
  // One shared flag per worker: the parent raises it to cut the worker's `afterwards` short.
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(file, { workerData: { entryUrl, interrupt: interrupt.buffer } });
  (worker as Worker & { interrupt?: Int32Array }).interrupt = interrupt;
  // A worker that dies while idle is simply forgotten.
  worker.on('exit', () => {
    if (idle.get(key)?.worker === worker) idle.delete(key);
  });
  worker.on('error', () => {});
  (worker as Worker & { poolKey?: string }).poolKey = key;
  return worker;
}

function release(worker: Worker): void {
  const key = (worker as Worker & { poolKey?: string }).poolKey ?? '';
  if (idle.has(key)) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle.set(key, { worker, file: key });
}

/**
 * Stops the idle (warm) workers: whatever a worker keeps between tasks — a close worker's kept
 * preview and its open connection — goes with it. Used before a restore swaps the database file.
 */
export async function stopIdleWorkers(): Promise<void> {
  const stopping = [...idle.values()].map((w) => w.worker.terminate());
  idle.clear();
  await Promise.all(stopping);
}

/** Run `task` in a worker thread (a warm one if idle); resolves with the worker's result. */
export function runWorker<T>(
  entry: WorkerEntry,
  task: unknown,
  opts: RunWorkerOptions = {},
): Promise<T> {
  if (opts.signal?.aborted) return Promise.reject(new CancelledError());
  const worker = acquire(entry);
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const cleanup = (): void => {
      opts.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const finish = (fn: () => void, reuse: boolean): void => {
      if (settled) return;
      settled = true;
      cleanup();
      if (reuse) release(worker);
      else void worker.terminate();
      fn();
    };
    const onAbort = (): void => finish(() => reject(new CancelledError()), false);
    const onMessage = (m: FromWorker & { id: number }): void => {
      if (m.id !== id) return;
      if (m.type === 'progress') {
        if (!settled) opts.onProgress?.({ stage: m.stage, done: m.done, total: m.total });
      } else if (m.type === 'result') {
        finish(() => resolve(m.value as T), true);
      } else {
        finish(() => reject(deserializeError(m.error)), true);
      }
    };
    const onError = (e: Error): void => finish(() => reject(e), false);
    const onExit = (code: number): void =>
      finish(() => reject(new Error(`worker stopped (exit code ${code}) before answering`)), false);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const flag = (worker as Worker & { interrupt?: Int32Array }).interrupt;
    if (opts.interruptAfterwards && flag) Atomics.store(flag, 0, 1);
    worker.postMessage({ id, task });
  });
}

function deserializeError(e: SerializedError): Error {
  if (e.code && (ERROR_CODES as readonly string[]).includes(e.code)) {
    return new AppError(e.code as ErrorCode, e.message, e.details);
  }
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}

// ---- inside the worker ---------------------------------------------------------------------

export interface WorkerContext {
  /** Throttled: posts at most when the stage or the per-mille changes. */
  progress: (stage: string, done: number, total: number) => void;
}

/**
 * Worker side of the protocol: answers each `{ id, task }` message with progress messages and
 * one result (or error), one task at a time. The handler returns `{ value, transfer }`: typed
 * arrays in `transfer` move to the parent without copying.
 */
/**
 * What a worker's handler returns: the value (typed arrays in `transfer` move without a copy) and
 * optional work to do once the caller has its answer (e.g. a WAL checkpoint after a large write);
 * the worker takes its next task after that.
 */
export interface WorkerAnswer {
  value: unknown;
  transfer?: Transferable[];
  /** `stop()` turns true when the parent wants the next task started (interruptAfterwards). */
  afterwards?: (stop: () => boolean) => void;
}

/** This worker's interrupt flag (raised by runWorker's `interruptAfterwards`). */
function interruptFlag(): Int32Array | null {
  const buf = (workerData as { interrupt?: SharedArrayBuffer } | null)?.interrupt;
  return buf ? new Int32Array(buf) : null;
}

export function serveWorker(
  handler: (task: unknown, ctx: WorkerContext) => Promise<WorkerAnswer> | WorkerAnswer,
  mapError: (e: unknown) => unknown = (e) => e,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker must run in a worker thread');
  let queue = Promise.resolve();
  const flag = interruptFlag();
  const stop = () => flag !== null && Atomics.load(flag, 0) === 1;
  port.on('message', (msg: { id: number; task: unknown }) => {
    queue = queue.then(() => {
      if (flag) Atomics.store(flag, 0, 0); // this task is starting: nothing left to cut short
      return serve(port, msg.id, msg.task, handler, mapError, stop);
    });
  });
}

async function serve(
  port: NonNullable<typeof parentPort>,
  id: number,
  task: unknown,
  handler: Parameters<typeof serveWorker>[0],
  mapError: (e: unknown) => unknown,
  stop: () => boolean,
): Promise<void> {
  let lastStage = '';
  let lastMille = -1;
  const ctx: WorkerContext = {
    progress: (stage, done, total) => {
      const mille = total > 0 ? Math.floor((done * 1000) / total) : 0;
      if (stage === lastStage && mille === lastMille) return;
      lastStage = stage;
      lastMille = mille;
      port.postMessage({ id, type: 'progress', stage, done, total });
    },
  };
  try {
    const { value, transfer, afterwards } = await handler(task, ctx);
    port.postMessage({ id, type: 'result', value }, transfer ?? []);
    try {
      afterwards?.(stop);
    } catch {
      // Housekeeping only: the answer is already delivered.
    }
  } catch (raw) {
    const e = mapError(raw);
    const err: SerializedError =
      e instanceof Error
        ? {
            name: e.name,
            message: e.message,
            ...(e instanceof AppError ? { code: e.code, details: safeDetails(e.details) } : {}),
            ...(e.stack ? { stack: e.stack } : {}),
          }
        : { name: 'Error', message: String(e) };
    port.postMessage({ id, type: 'error', error: err });
  }
}

function safeDetails(d: unknown): unknown {
  try {
    return d === undefined ? undefined : (JSON.parse(JSON.stringify(d)) as unknown);
  } catch {
    return undefined;
  }
}
