import { randomUUID } from 'node:crypto';
import type { JobDto } from '../../shared/ipc/close.contract';
import type { IpcResult } from '../../shared/ipc/result';
import type { Progress } from '../ipc/context';

/**
 * Jobs: a long channel (contract `job: true`) started from the renderer runs in the background;
 * the renderer gets an id at once and polls `jobs:get` for progress and the result, so no IPC
 * call stays open for minutes and the UI never waits on one. The CLI does not use jobs: it calls
 * the channel directly and awaits it.
 *
 * Jobs live in memory (they end with the process); finished ones are kept for a while so a
 * late poll still sees the result.
 */

interface Job {
  id: string;
  owner: string;
  channel: string;
  status: JobDto['status'];
  progress: Progress | null;
  startedAt: string;
  finishedAt: string | null;
  result?: unknown;
  error?: { code: string; message: string; details?: unknown };
  controller: AbortController;
  finishedMs: number;
}

const KEEP_MS = 30 * 60 * 1000;
const MAX_FINISHED = 50;

export type JobRunner = (ctx: {
  onProgress: (p: Progress) => void;
  signal: AbortSignal;
}) => Promise<IpcResult<unknown>>;

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start(owner: string, channel: string, run: JobRunner): Job {
    this.prune();
    const job: Job = {
      id: randomUUID(),
      owner,
      channel,
      status: 'running',
      progress: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      controller: new AbortController(),
      finishedMs: 0,
    };
    this.jobs.set(job.id, job);
    const end = (patch: Partial<Job>): void => {
      if (job.status !== 'running') return;
      Object.assign(job, patch, { finishedAt: new Date().toISOString(), finishedMs: Date.now() });
    };
    run({
      onProgress: (p) => {
        if (job.status === 'running') job.progress = p;
      },
      signal: job.controller.signal,
    }).then(
      (r) => {
        if (job.controller.signal.aborted) end({ status: 'cancelled' });
        else if (r.ok) end({ status: 'done', result: r.data });
        else {
          const { code, message, details } = r.error;
          end({
            status: 'error',
            error: { code, message, ...(details === undefined ? {} : { details }) },
          });
        }
      },
      (e: unknown) =>
        end({
          status: job.controller.signal.aborted ? 'cancelled' : 'error',
          error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) },
        }),
    );
    return job;
  }

  /** A job as its owner (or an admin) may see it; undefined for unknown ids. */
  get(id: string, user: { username: string; role: string }): JobDto | undefined {
    const job = this.jobs.get(id);
    if (!job || (job.owner !== user.username && user.role !== 'admin')) return undefined;
    return toDto(job);
  }

  cancel(id: string, user: { username: string; role: string }): JobDto | undefined {
    const job = this.jobs.get(id);
    if (!job || (job.owner !== user.username && user.role !== 'admin')) return undefined;
    if (job.status === 'running') {
      job.controller.abort();
      job.status = 'cancelled';
      job.finishedAt = new Date().toISOString();
      job.finishedMs = Date.now();
    }
    return toDto(job);
  }

  private prune(): void {
    const now = Date.now();
    const finished = [...this.jobs.values()].filter((j) => j.status !== 'running');
    finished.sort((a, b) => b.finishedMs - a.finishedMs);
    finished.forEach((j, i) => {
      if (i >= MAX_FINISHED || now - j.finishedMs > KEEP_MS) this.jobs.delete(j.id);
    });
  }
}

function toDto(j: Job): JobDto {
  return {
    id: j.id,
    channel: j.channel,
    status: j.status,
    progress: j.progress,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    ...(j.status === 'done' ? { result: j.result } : {}),
    ...(j.error ? { error: j.error } : {}),
  };
}

/** One registry per process (the app's main process). */
export const jobs = new JobRegistry();
