import { mulBp } from '../../shared/money';
import type { BonusType, Plan } from '../../shared/plan';

/**
 * Clawbacks (plan-format.md "Clawbacks"): when an order of a closed period P₀ is returned, every
 * order-sourced line of P₀'s committed run whose source includes that order is recomputed with the
 * source's volume reduced by what was returned — same earner, level and rate, no re-compression,
 * ranks unchanged — and the difference is charged in the open period.
 *
 * Which lines a returned order touches (source = what the line's `base` was summed from):
 *   retail   — the line whose sourceOrder is the order; base = margin
 *   referral — lines whose sourceMember is the buyer (a customer); base = the customer's own BV
 *   sponsor  — lines whose sourceMember is the buyer (a new distributor); base = own BV
 *   unilevel — lines whose sourceMember is the order's volume owner in P₀; base = the owner's BV
 *   binary, matching — never restated.
 *
 * Returns of one order spread over several periods chain exactly: with `prior` = volume already
 * clawed back earlier, the charge now is line(base − prior) − line(base − prior − current), so the
 * charges over all periods add up to line(base) − line(base − all returned).
 */

/** A stored line of the committed run of P₀ (run_lines row). Member/order ids: caller's choice. */
export interface CommittedLine {
  earner: number;
  bonusId: string;
  sourceMember: number;
  sourceOrder: number;
  level: number;
  base: number;
  rateBp: number;
  amount: number;
}

/** What was returned from one order of P₀ (sum over its returned lines). */
export interface ReturnedOrder {
  order: number;
  buyer: number;
  /** Distributor whose BV included the order in P₀ (RunResult.members.volumeOwner), -1 if none. */
  volumeOwner: number;
  /** Σ returned qty · bv, of returns charged in the period being computed. */
  bv: number;
  /** Σ returned qty · max(0, unitPrice − memberPrice), same returns. */
  margin: number;
  /** The same sums of returns of this order already charged in earlier periods. */
  priorBv?: number;
  priorMargin?: number;
}

export interface ClawbackItem {
  /** Position of the line in the `lines` input. */
  line: number;
  earner: number;
  bonusId: string;
  /** Line amount before this charge (after earlier clawbacks). */
  before: number;
  /** Line amount after the reduction. */
  after: number;
  clawback: number;
}

export interface ClawbackResult {
  items: ClawbackItem[];
  /** Σ clawback per earner: the positive amount to put into PeriodSnapshot.clawbacks. */
  byEarner: Map<number, number>;
  total: number;
}

interface Reduction {
  current: number;
  prior: number;
}

function add(map: Map<number, Reduction>, key: number, current: number, prior: number): void {
  if (key < 0) return;
  const r = map.get(key);
  if (r) {
    r.current += current;
    r.prior += prior;
  } else {
    map.set(key, { current, prior });
  }
}

/** Line amount recomputed with its base reduced (never below 0). */
function lineAt(base: number, reduction: number, rateBp: number): number {
  return mulBp(Math.max(0, base - reduction), rateBp);
}

export function computeClawbacks(
  plan: Plan,
  lines: readonly CommittedLine[],
  returned: readonly ReturnedOrder[],
): ClawbackResult {
  const typeOf = new Map<string, BonusType>(plan.bonuses.map((b) => [b.id, b.type]));
  const byOrder = new Map<number, Reduction>();
  const byBuyer = new Map<number, Reduction>();
  const byOwner = new Map<number, Reduction>();
  for (const r of returned) {
    add(byOrder, r.order, r.margin, r.priorMargin ?? 0);
    add(byBuyer, r.buyer, r.bv, r.priorBv ?? 0);
    add(byOwner, r.volumeOwner, r.bv, r.priorBv ?? 0);
  }

  const items: ClawbackItem[] = [];
  const byEarner = new Map<number, number>();
  let total = 0;
  lines.forEach((line, i) => {
    let red: Reduction | undefined;
    switch (typeOf.get(line.bonusId)) {
      case 'retail':
        red = byOrder.get(line.sourceOrder);
        break;
      case 'referral':
      case 'sponsor':
        red = byBuyer.get(line.sourceMember);
        break;
      case 'unilevel':
        red = byOwner.get(line.sourceMember);
        break;
      default:
        return; // binary, matching, or a bonus the plan does not know: not restated
    }
    if (!red || red.current <= 0) return;
    const before = lineAt(line.base, red.prior, line.rateBp);
    const after = lineAt(line.base, red.prior + red.current, line.rateBp);
    const clawback = before - after;
    if (clawback <= 0) return;
    items.push({ line: i, earner: line.earner, bonusId: line.bonusId, before, after, clawback });
    byEarner.set(line.earner, (byEarner.get(line.earner) ?? 0) + clawback);
    total += clawback;
  });
  return { items, byEarner, total };
}
