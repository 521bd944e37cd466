import type { Plan } from '../../src/shared/plan';
import {
  computeRun,
  createSnapshot,
  runToJson,
  type MemberInput,
  type MemberJson,
  type OrderInput,
  type OrderLineInput,
  type PeriodSnapshot,
  type RunResult,
  type SnapshotInput,
} from '../../src/main/engine';

export const PERIOD = '2026-10';

/** A plan with nothing but what a test adds: one base rank, no bonuses, no minimum, no tax. */
export function plan(p: Partial<Plan> = {}): Plan {
  return {
    format: 'jenjang-plan/1',
    name: 'Test',
    activePv: 100,
    ranks: [{ code: 'MEMBER' }],
    bonuses: [],
    payout: {},
    tax: { profile: 'none' },
    ...p,
  };
}

/** Distributor. */
export function d(
  code: string,
  sponsor: string | null = null,
  extra: Partial<MemberInput> = {},
): MemberInput {
  return { code, kind: 'distributor', sponsor, ...extra };
}

/** Customer. */
export function c(
  code: string,
  sponsor: string | null,
  extra: Partial<MemberInput> = {},
): MemberInput {
  return { code, kind: 'customer', sponsor, ...extra };
}

let nextOrderId = 1000;
/** One order of `buyer` with the given lines (order id auto unless given). */
export function buy(
  buyer: string,
  lines: OrderLineInput | OrderLineInput[],
  id?: number,
): OrderInput {
  return { id: id ?? nextOrderId++, buyer, lines: Array.isArray(lines) ? lines : [lines] };
}

/** An order that only gives PV (no BV): makes a member active without creating commission volume. */
export function pvOnly(buyer: string, pv: number): OrderInput {
  return buy(buyer, { qty: 1, pv, bv: 0 });
}

export interface LineView {
  earner: string;
  bonus: string;
  source: string | null;
  order: number | null;
  level: number;
  base: number;
  rateBp: number;
  amount: number;
}

export interface Ran {
  snap: PeriodSnapshot;
  result: RunResult;
  members: MemberJson[];
  by: Record<string, MemberJson>;
  lines: LineView[];
  /** Lines of one bonus, as "earner<-source@level=amount" strings, sorted, for compact asserts. */
  linesOf(bonus: string): string[];
}

export function linesView(p: Plan, snap: PeriodSnapshot, r: RunResult): LineView[] {
  const out: LineView[] = [];
  const L = r.lines;
  const code = (m: number): string | null => (m >= 0 ? (snap.members.code[m] ?? null) : null);
  for (let i = 0; i < L.count; i++) {
    const order = L.sourceOrder[i] as number;
    out.push({
      earner: code(L.earner[i] as number) ?? '?',
      bonus: p.bonuses[L.bonus[i] as number]?.id ?? '?',
      source: code(L.sourceMember[i] as number),
      order: order >= 0 ? order : null,
      level: L.level[i] as number,
      base: L.base[i] as number,
      rateBp: L.rateBp[i] as number,
      amount: L.amount[i] as number,
    });
  }
  return out;
}

export function run(
  p: Plan,
  members: MemberInput[],
  orders: OrderInput[] = [],
  period = PERIOD,
): Ran {
  const input: SnapshotInput = { period, members, orders };
  const snap = createSnapshot(input);
  const result = computeRun(p, snap);
  const json = runToJson(p, snap, result);
  const lines = linesView(p, snap, result);
  return {
    snap,
    result,
    members: json,
    by: Object.fromEntries(json.map((m) => [m.code, m])),
    lines,
    linesOf: (bonus) =>
      lines
        .filter((l) => l.bonus === bonus)
        .map((l) => `${l.earner}<-${l.source ?? '-'}${l.level ? `@${l.level}` : ''}=${l.amount}`)
        .sort(),
  };
}

/** Member field by code, failing loudly on a typo. */
export function m(r: Ran, code: string): MemberJson {
  const x = r.by[code];
  if (!x) throw new Error(`no member ${code}`);
  return x;
}
