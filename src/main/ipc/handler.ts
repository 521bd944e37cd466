import type { z } from 'zod';
import type { ContractMap, ParsedInputOf } from '../../shared/ipc/channel';
import type { AnyCtx, Ctx } from './context';
import { tx } from '../db/client';

export type HandlerFn<I, O, C = Ctx> = (input: I, ctx: C) => O | Promise<O>;

/**
 * A domain's handler map must match its contract exactly (no drift, no missing channel).
 * Handlers of `public` channels may run without a session: their ctx.user can be null.
 */
export type HandlersFor<M extends ContractMap> = {
  [K in keyof M]: HandlerFn<
    ParsedInputOf<M[K]>,
    z.input<M[K]['output']>,
    M[K] extends { public: true } ? AnyCtx : Ctx
  >;
};

/** Run a synchronous handler inside one SQLite transaction: all or nothing. */
export function withTx<I, O>(fn: (input: I, ctx: Ctx) => O): HandlerFn<I, O> {
  return (input, ctx) => tx(ctx.db, () => fn(input, ctx));
}
