import type { Role } from '../roles';
import type { ChannelDef } from './channel';
import { contract, isChannel, type Channel } from './contract';

/**
 * Who may call what, read from the contract (the same `roles` lists dispatch enforces in main).
 * The renderer uses it only to hide what a role cannot do; main refuses regardless.
 */
export const ROLE_TABLE: Readonly<Record<Channel, readonly Role[]>> = Object.fromEntries(
  Object.entries(contract).map(([ch, def]) => [ch, def.roles]),
) as Record<Channel, readonly Role[]>;

/** May a user with `role` call `channel`? No role (signed out): only public channels. */
export function can(role: Role | null | undefined, channel: Channel | string): boolean {
  if (!isChannel(channel)) return false;
  if (role == null) return (contract[channel] as ChannelDef).public === true;
  return ROLE_TABLE[channel].includes(role);
}

/** Every channel a role may call (e.g. for a menu built from what the user can reach). */
export function channelsFor(role: Role): Channel[] {
  return (Object.keys(ROLE_TABLE) as Channel[]).filter((ch) => ROLE_TABLE[ch].includes(role));
}
