import type { z } from 'zod';
import { contract, isChannel, type Channel, type Contract } from '../../shared/ipc/contract';
import type { ChannelDef, InputOf, OutputOf } from '../../shared/ipc/channel';
import { AppError, type IpcResult } from '../../shared/ipc/result';
import { toAppError } from '../db/client';
import type { AnyCtx } from './context';
import { handlers } from './handlers';

/** Zod issues → `path: message` lines a person can act on. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ');
}

/**
 * The single choke point for every call from the renderer (Electron IPC), the CLI and the test
 * bridge: channel known? role allowed? input valid? → handler → output checked → result value.
 * Nothing thrown crosses it.
 */
export async function dispatch<C extends Channel>(
  channel: C,
  input: InputOf<Contract[C]>,
  ctx: AnyCtx,
): Promise<IpcResult<OutputOf<Contract[C]>>>;
export async function dispatch(
  channel: string,
  input: unknown,
  ctx: AnyCtx,
): Promise<IpcResult<unknown>>;
export async function dispatch(
  channel: string,
  input: unknown,
  ctx: AnyCtx,
): Promise<IpcResult<unknown>> {
  try {
    if (!isChannel(channel))
      throw new AppError('VALIDATION', `unknown channel: ${String(channel).slice(0, 64)}`);
    const def: ChannelDef = contract[channel];
    // Who may call comes before what is sent: a refused caller learns nothing about the input.
    if (ctx.user == null) {
      if (def.public !== true) throw new AppError('FORBIDDEN', `sign in to call ${channel}`);
    } else if (!def.roles.includes(ctx.user.role)) {
      throw new AppError('FORBIDDEN', `role ${ctx.user.role} may not call ${channel}`);
    }
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      throw new AppError('VALIDATION', formatIssues(parsed.error), { issues: parsed.error.issues });
    }
    const handler = handlers[channel] as (i: unknown, c: AnyCtx) => unknown;
    const out = await handler(parsed.data, ctx);
    const checked = def.output.safeParse(out);
    if (!checked.success) {
      throw new Error(
        `handler for ${channel} returned an invalid output: ${formatIssues(checked.error)}`,
      );
    }
    return { ok: true, data: checked.data };
  } catch (e) {
    const err = toAppError(e);
    if (err instanceof AppError) {
      return { ok: false, error: { code: err.code, message: err.message, details: err.details } };
    }
    if (process.env.JENJANG_DEBUG) console.error(err);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
    };
  }
}
