import type { Contract } from '../../../shared/ipc/contract';
import type { HandlersFor } from '../handler';
import { membersHandlers } from './members.handlers';
import { ordersHandlers } from './orders.handlers';
import { periodsHandlers } from './periods.handlers';
import { productsHandlers } from './products.handlers';
import { systemHandlers } from './system.handlers';
import { usersHandlers } from './users.handlers';
import { auditHandlers } from './audit.handlers';
import { backupHandlers } from './backup.handlers';
import { closeHandlers } from './close.handlers';
import { plansHandlers } from './plans.handlers';
import { payoutsHandlers } from './payouts.handlers';
import { reportsHandlers } from './reports.handlers';
import { whatifHandlers } from './whatif.handlers';

const domains: object[] = [
  systemHandlers,
  periodsHandlers,
  membersHandlers,
  productsHandlers,
  ordersHandlers,
  usersHandlers,
  auditHandlers,
  backupHandlers,
  closeHandlers,
  plansHandlers,
  payoutsHandlers,
  reportsHandlers,
  whatifHandlers,
];

/** A channel registered by two domains is a programming error: fail at startup. */
const seen = new Set<string>();
for (const d of domains) {
  for (const k of Object.keys(d)) {
    if (seen.has(k)) throw new Error(`IPC channel registered twice: ${k}`);
    seen.add(k);
  }
}

/** Every channel of the contract has exactly one handler; the type checker enforces it. */
export const handlers = {
  ...systemHandlers,
  ...periodsHandlers,
  ...membersHandlers,
  ...productsHandlers,
  ...ordersHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...closeHandlers,
  ...plansHandlers,
  ...payoutsHandlers,
  ...reportsHandlers,
  ...whatifHandlers,
} satisfies HandlersFor<Contract>;
