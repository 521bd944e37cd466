import type { ChannelDef } from './channel';
import { membersContract } from './members.contract';
import { periodsContract } from './periods.contract';
import { systemContract } from './system.contract';

/** Every channel of the app. Adding a domain = one contract file + one line here. */
export const contract = {
  ...systemContract,
  ...periodsContract,
  ...membersContract,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
