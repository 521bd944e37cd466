import { useCallback, useEffect, useState } from 'react';
import type { InputOf, OutputOf } from '../../../shared/ipc/channel';
import type { Channel, Contract } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/ipc/result';

export type In<C extends Channel> = InputOf<Contract[C]>;
export type Out<C extends Channel> = OutputOf<Contract[C]>;

/** A refused or failed call, as main reported it (closed set of codes). */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The renderer's only way to main: `window.api.invoke` (the preload in Electron, a fetch shim in
 * the e2e harness). Resolves with the data or throws an ApiError.
 */
export async function call<C extends Channel>(channel: C, input: In<C>): Promise<Out<C>> {
  let result;
  try {
    result = await window.api.invoke(channel, input);
  } catch (e) {
    throw new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.data;
}

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError
    ? e
    : new ApiError('INTERNAL', e instanceof Error ? e.message : String(e));
}

export interface QueryState<T> {
  /** Last data received; kept while a refetch or a new input is loading. */
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refetch: () => void;
}

interface Settled<T> {
  key: string;
  data: T | undefined;
  error: ApiError | undefined;
}

/**
 * Load a read channel and follow its input: a new input (compared as JSON) or `refetch()`
 * starts a new call; answers of outdated calls are dropped. `enabled: false` skips the call.
 */
export function useQuery<C extends Channel>(
  channel: C,
  input: In<C>,
  opts: { enabled?: boolean } = {},
): QueryState<Out<C>> {
  const enabled = opts.enabled ?? true;
  const [version, setVersion] = useState(0);
  const inputJson = JSON.stringify(input ?? {});
  const key = `${channel}\u0000${inputJson}\u0000${version}`;
  const [settled, setSettled] = useState<Settled<Out<C>>>({
    key: '',
    data: undefined,
    error: undefined,
  });

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    call(channel, JSON.parse(inputJson) as In<C>).then(
      (data) => current && setSettled({ key, data, error: undefined }),
      (e: unknown) => current && setSettled((s) => ({ key, data: s.data, error: toApiError(e) })),
    );
    return () => {
      current = false;
    };
  }, [channel, inputJson, key, enabled]);

  const refetch = useCallback(() => setVersion((v) => v + 1), []);
  const fresh = settled.key === key;
  return {
    data: settled.data,
    error: fresh ? settled.error : undefined,
    loading: enabled && !fresh,
    refetch,
  };
}

export interface ActionState<C extends Channel> {
  /** Calls the channel; resolves with the data, or undefined when it failed (see `error`). */
  run: (input: In<C>) => Promise<Out<C> | undefined>;
  running: boolean;
  error: ApiError | undefined;
}

/** A write channel behind a button: running flag and last error for the UI. */
export function useAction<C extends Channel>(channel: C): ActionState<C> {
  const [state, setState] = useState<{ running: boolean; error: ApiError | undefined }>({
    running: false,
    error: undefined,
  });
  const run = useCallback(
    async (input: In<C>) => {
      setState({ running: true, error: undefined });
      try {
        const data = await call(channel, input);
        setState({ running: false, error: undefined });
        return data;
      } catch (e) {
        setState({ running: false, error: toApiError(e) });
        return undefined;
      }
    },
    [channel],
  );
  return { run, ...state };
}
