import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobDto } from '../../../shared/ipc/close.contract';
import type { Channel, Contract } from '../../../shared/ipc/contract';
import { ApiError, call, toApiError, type In, type Out } from './api';

/** Channels that run as jobs (contract `job: true`). */
export type JobChannel = {
  [C in Channel]: Contract[C] extends { job: true } ? C : never;
}[Channel];

export interface JobState<C extends JobChannel> {
  status: 'idle' | JobDto['status'];
  progress: JobDto['progress'];
  result: Out<C> | undefined;
  error: ApiError | undefined;
}

const POLL_MS = 250;

/**
 * Run a long channel as a job: `jobs:start` answers at once with an id, then `jobs:get` is
 * polled for progress and the result — no IPC call stays open, the UI never waits on one.
 * `cancel()` stops the job (its worker thread is terminated in main). With `cancelOnUnmount`,
 * leaving the screen also cancels a running job: work nobody will look at.
 */
export function useJob<C extends JobChannel>(
  channel: C,
  { cancelOnUnmount = false }: { cancelOnUnmount?: boolean } = {},
) {
  const [state, setState] = useState<JobState<C>>({
    status: 'idle',
    progress: null,
    result: undefined,
    error: undefined,
  });
  const jobId = useRef<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      const id = jobId.current;
      if (cancelOnUnmount && id) {
        jobId.current = null;
        void call('jobs:cancel', { id }).catch(() => undefined);
      }
    };
  }, [cancelOnUnmount]);

  const start = useCallback(
    async (input: In<C>): Promise<Out<C> | undefined> => {
      setState({ status: 'running', progress: null, result: undefined, error: undefined });
      try {
        const { jobId: id } = await call('jobs:start', { channel, input });
        jobId.current = id;
        for (;;) {
          await new Promise((r) => setTimeout(r, POLL_MS));
          if (!alive.current || jobId.current !== id) return undefined;
          const job = await call('jobs:get', { id });
          if (!alive.current || jobId.current !== id) return undefined;
          if (job.status === 'running') {
            setState((s) => ({ ...s, progress: job.progress }));
            continue;
          }
          jobId.current = null;
          if (job.status === 'done') {
            const result = job.result as Out<C>;
            setState({ status: 'done', progress: job.progress, result, error: undefined });
            return result;
          }
          setState({
            status: job.status,
            progress: job.progress,
            result: undefined,
            error:
              job.status === 'error' && job.error
                ? new ApiError(
                    job.error.code as ApiError['code'],
                    job.error.message,
                    job.error.details,
                  )
                : undefined,
          });
          return undefined;
        }
      } catch (e) {
        jobId.current = null;
        setState({ status: 'error', progress: null, result: undefined, error: toApiError(e) });
        return undefined;
      }
    },
    [channel],
  );

  const cancel = useCallback(async () => {
    const id = jobId.current;
    jobId.current = null;
    setState((s) => ({ ...s, status: 'cancelled' }));
    if (id) await call('jobs:cancel', { id }).catch(() => undefined);
  }, []);

  const reset = useCallback(() => {
    jobId.current = null;
    setState({ status: 'idle', progress: null, result: undefined, error: undefined });
  }, []);

  return { ...state, start, cancel, reset };
}
