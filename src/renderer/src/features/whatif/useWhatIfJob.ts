import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobDto } from '../../../../shared/ipc/close.contract';
import { ApiError, call, toApiError, type In, type Out } from '../../lib/api';

/** The what-if channels that run as jobs (contract `job: true`). */
export type WhatIfJobChannel = 'whatif:run' | 'whatif:export';

export interface WhatIfJobState<C extends WhatIfJobChannel> {
  status: 'idle' | JobDto['status'];
  progress: JobDto['progress'];
  result: Out<C> | undefined;
  error: ApiError | undefined;
}

const POLL_MS = 250;

/**
 * Start a what-if channel as a job (`jobs:start` answers at once) and poll `jobs:get` for the
 * progress and the result, so no IPC call stays open while main computes in its worker thread.
 * `cancel()` terminates the worker (`jobs:cancel`).
 */
export function useWhatIfJob<C extends WhatIfJobChannel>(channel: C) {
  const [state, setState] = useState<WhatIfJobState<C>>({
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
      // Leaving the screen stops the work nobody will look at.
      const id = jobId.current;
      jobId.current = null;
      if (id) void call('jobs:cancel', { id }).catch(() => undefined);
    };
  }, []);

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
                ? new ApiError(job.error.code as ApiError['code'], job.error.message)
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

  return { ...state, start, cancel };
}
