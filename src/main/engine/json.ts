import type { Plan } from '../../shared/plan';
import {
  KIND_CUSTOMER,
  KIND_NAMES,
  type MemberJson,
  type PeriodSnapshot,
  type RunResult,
} from './types';

/**
 * Member positions sorted by code in plain UTF-16 code-unit order (never locale order: the run
 * hash must not depend on the machine's locale). Codes are unique in the registry.
 */
export function membersSortedByCode(snap: PeriodSnapshot): Int32Array {
  const code = snap.members.code;
  const idx = Array.from({ length: snap.members.count }, (_, i) => i);
  idx.sort((a, b) => {
    const ca = code[a] as string;
    const cb = code[b] as string;
    return ca < cb ? -1 : ca > cb ? 1 : a - b;
  });
  return Int32Array.from(idx);
}

/** One member as printed by `close preview --json` (interfaces.md). */
export function memberToJson(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
  m: number,
): MemberJson {
  return memberWriter(plan, snap, result)(m);
}

/** A per-member JSON writer with the plan-level lookups done once. */
function memberWriter(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
): (m: number) => MemberJson {
  const r = result.members;
  const ids = plan.bonuses.map((b) => b.id);
  const rankCodes = plan.ranks.map((x) => x.code);
  const hasBinary = plan.bonuses.some((b) => b.type === 'binary');
  return (m) => {
    const customer = snap.members.kind[m] === KIND_CUSTOMER;
    const bonuses: Record<string, number> = {};
    ids.forEach((id, i) => {
      bonuses[id] = (r.bonus[i] as Float64Array)[m] as number;
    });
    const json: MemberJson = {
      code: snap.members.code[m] as string,
      kind: KIND_NAMES[snap.members.kind[m] as number] ?? 'distributor',
      rank: customer ? null : (rankCodes[r.rank[m] as number] ?? null),
      active: !customer && r.active[m] === 1,
      pv: customer ? 0 : (r.pv[m] as number),
      gv: customer ? 0 : (r.gv[m] as number),
      bv: customer ? 0 : (r.bv[m] as number),
      bonuses,
      adjustments: r.adjustments[m] as number,
      clawbacks: r.clawbacks[m] as number,
      carryIn: r.carryIn[m] as number,
      gross: r.gross[m] as number,
      available: r.available[m] as number,
      held: r.held[m] === 1,
      paid: r.paid[m] === 1,
      tax: r.tax[m] as number,
      net: r.net[m] as number,
      carryOut: r.carryOut[m] as number,
    };
    if (hasBinary) {
      json.binaryCarry = customer
        ? { left: 0, right: 0 }
        : { left: r.binaryCarryL[m] as number, right: r.binaryCarryR[m] as number };
    }
    return json;
  };
}

/** Members of the run in code order, lazily (1M members need not be materialised at once). */
export function* iterateMembersJson(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
): Generator<MemberJson> {
  const write = memberWriter(plan, snap, result);
  for (const m of membersSortedByCode(snap)) yield write(m);
}

/** The `members` array of `close preview --json`: every member, sorted by code. */
export function runToJson(plan: Plan, snap: PeriodSnapshot, result: RunResult): MemberJson[] {
  return Array.from(iterateMembersJson(plan, snap, result));
}
