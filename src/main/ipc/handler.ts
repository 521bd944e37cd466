import type { z } from 'zod';
import type { ContractMap, ParsedInputOf } from '../../shared/ipc/channel';
import type { Ctx } from './context';
import { tx } from '../db/client';

export type HandlerFn<I, O> = (input: I, ctx: Ctx) => O | Promise<O>;

/** A domain's handler map must match its contract exactly (no drift, no missing channel). */
export type HandlersFor<M extends ContractMap> = {
  [K in keyof M]: HandlerFn<ParsedInputOf<M[K]>, z.input<M[K]['output']>>;
};

/** Run a synchronous handler inside one SQLite transaction: all or nothing. */
export function withTx<I, O>(fn: (input: I, ctx: Ctx) => O): HandlerFn<I, O> {
  return (input, ctx) => tx(ctx.db, () => fn(input, ctx));
}
