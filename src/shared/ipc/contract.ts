import type { ChannelDef } from './channel';
import { membersContract } from './members.contract';
import { ordersContract } from './orders.contract';
import { periodsContract } from './periods.contract';
import { productsContract } from './products.contract';
import { systemContract } from './system.contract';
import { usersContract } from './users.contract';
import { auditContract } from './audit.contract';
import { backupContract } from './backup.contract';
import { closeContract } from './close.contract';
import { plansContract } from './plans.contract';
import { payoutsContract } from './payouts.contract';
import { reportsContract } from './reports.contract';
import { whatifContract } from './whatif.contract';

/** Every channel of the app. Adding a domain = one contract file + one line here. */
export const contract = {
  ...systemContract,
  ...periodsContract,
  ...membersContract,
  ...productsContract,
  ...ordersContract,
  ...usersContract,
  ...auditContract,
  ...backupContract,
  ...closeContract,
  ...plansContract,
  ...payoutsContract,
  ...reportsContract,
  ...whatifContract,
} as const satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
