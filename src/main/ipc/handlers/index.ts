import type { Contract } from '../../../shared/ipc/contract';
import type { HandlersFor } from '../handler';
import { membersHandlers } from './members.handlers';
import { periodsHandlers } from './periods.handlers';
import { systemHandlers } from './system.handlers';

const domains: object[] = [systemHandlers, periodsHandlers, membersHandlers];

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
} satisfies HandlersFor<Contract>;
