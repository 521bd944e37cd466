import type { z } from 'zod';
import type { Role } from '../roles';

/** One IPC channel: what goes in, what comes out, who may call it. */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  roles: readonly Role[];
  /** Long work: runs as a job (worker thread) with progress; see jobs.contract.ts. */
  job?: boolean;
  /** Callable without a session (sign-in, first-admin setup): dispatch lets an anonymous ctx in. */
  public?: boolean;
}

export type ContractMap = Record<string, ChannelDef>;

export function defineContract<const C extends ContractMap>(c: C): C {
  return c;
}

export type InputOf<D extends ChannelDef> = z.input<D['input']>;
export type ParsedInputOf<D extends ChannelDef> = z.output<D['input']>;
export type OutputOf<D extends ChannelDef> = z.output<D['output']>;
