/**
 * Data layout of the commission engine. Everything is columnar: one typed array per field,
 * indexed by member position 0..n-1 (the caller's choice of order; results never depend on it)
 * or by order-line position. No objects per member, so 1M members and 5M lines fit in a few
 * hundred MB and the arrays can be transferred to/from a worker thread without copying.
 *
 * Conventions:
 * - member references are positions (`-1` = none), order references are the caller's order ids;
 * - counts, codes and flags are Int32Array / Uint8Array; money and volume are Float64Array holding
 *   whole numbers only (exact below 2^53, and rupiah sums can pass 2^31);
 * - every rate application is `Math.floor(amount · bp / 10000)` (shared/money.ts `mulBp`).
 */

export const KIND_DISTRIBUTOR = 0;
export const KIND_CUSTOMER = 1;

export const STATUS_ACTIVE = 0;
export const STATUS_SUSPENDED = 1;
export const STATUS_TERMINATED = 2;

export const LEG_NONE = 0;
export const LEG_LEFT = 1;
export const LEG_RIGHT = 2;

export const KIND_NAMES = ['distributor', 'customer'] as const;
export const STATUS_NAMES = ['active', 'suspended', 'terminated'] as const;
export type MemberKind = (typeof KIND_NAMES)[number];
export type MemberStatus = (typeof STATUS_NAMES)[number];

/** Every member registered at computation time, whether or not they bought in the period. */
export interface SnapshotMembers {
  count: number;
  /** Member code, used for output and deterministic sorting (plain code-unit order). */
  code: readonly string[];
  /** KIND_DISTRIBUTOR | KIND_CUSTOMER */
  kind: Uint8Array;
  /** STATUS_ACTIVE | STATUS_SUSPENDED | STATUS_TERMINATED (status at computation time) */
  status: Uint8Array;
  /** Sponsor position or -1 (only root distributors). A distributor's sponsor is a distributor. */
  sponsor: Int32Array;
  /** Placement parent position or -1; distributors only, parent is a distributor. */
  placement: Int32Array;
  /** LEG_NONE | LEG_LEFT | LEG_RIGHT: the side of `placement` this member sits on. */
  leg: Uint8Array;
  /** Join month as yyyymm (2026-10 → 202610), see `periodToInt`. */
  joinPeriod: Int32Array;
  /** 1 = payout hold. */
  hold: Uint8Array;
  /** 1 = has a bank account to pay into. */
  hasBank: Uint8Array;
  /** 1 = has a valid NPWP (15/16 digits) or NIK (16 digits); drives the PPh 21 surcharge. */
  hasTaxId: Uint8Array;
}

/**
 * Order lines of the orders dated in the period, with returns recorded while the period is open
 * already netted out by the caller (`qty` = bought − returned, may be 0, never negative).
 * Per-unit values are the snapshot taken at order time.
 */
export interface SnapshotLines {
  count: number;
  /** Order id (the caller's, e.g. DB id). Lines of one order share buyer; best passed sorted by order. */
  order: Int32Array;
  /** Member position of the buyer (the order's member). */
  buyer: Int32Array;
  qty: Int32Array;
  unitPrice: Float64Array;
  memberPrice: Float64Array;
  pv: Float64Array;
  bv: Float64Array;
}

export interface PeriodSnapshot {
  /** 'YYYY-MM' */
  period: string;
  members: SnapshotMembers;
  lines: SnapshotLines;
  /** Per member: Σ signed adjustments entered for the period. */
  adjustments: Float64Array;
  /** Per member: Σ clawbacks charged in the period, as a positive amount (see clawback.ts). */
  clawbacks: Float64Array;
  /** Per member: carryOut of the previous committed run (0 if none); may be negative. */
  carryIn: Float64Array;
  /** Per member: binary carry of the previous closed period, left and right leg. */
  binaryCarryInL: Float64Array;
  binaryCarryInR: Float64Array;
  /**
   * Optional: the volume of order lines that are summed rather than listed in `lines`. Per
   * member, Σ qty·pv and Σ qty·bv (net of returns, whole numbers ≥ 0) of the period's lines that
   * are not in `lines`. A loader only has to list the lines that can earn a retail margin
   * (unitPrice > memberPrice): every other line matters to the engine through its buyer's sums
   * alone. Absent = every line is listed. The run is the same either way (a property test).
   */
  bought?: { pv: Float64Array; bv: Float64Array } | undefined;
}

/**
 * Commission lines, columnar. Only lines with amount > 0 are kept (zero lines carry no money and
 * would multiply storage); explain.ts re-derives the lines that were not paid and why. The arrays
 * are views of the first `count` entries of larger buffers (transferring `.buffer` to another
 * thread moves the whole buffer). Lines come grouped by bonus in plan order; within a bonus the
 * order is deterministic for a given snapshot but otherwise unspecified.
 *
 * `level` is the unilevel/matching level (1-based); 0 for bonuses without levels.
 * `base`/`rateBp`: amount = floor(base · rateBp / 10000), except binary when the cap applied
 * (amount = capAmount < floor(pair · rate)) and retail (base = margin, rateBp = 10000).
 */
export interface RunLines {
  count: number;
  earner: Int32Array;
  /** Index into plan.bonuses. */
  bonus: Uint8Array;
  /** Member whose volume produced the line (-1 for binary: both legs). */
  sourceMember: Int32Array;
  /** Order id for retail lines (one line per order); -1 otherwise. */
  sourceOrder: Int32Array;
  level: Uint8Array;
  base: Float64Array;
  rateBp: Int32Array;
  amount: Float64Array;
}

/**
 * Per-member outcome. Customers: rank -1, active 0, pv/gv/bv 0, binary carry 0.
 * `adjustments`, `clawbacks` and `carryIn` are views of the snapshot's arrays, and some arrays may
 * be shared with engine internals: treat a result as read-only.
 */
export interface MemberResults {
  count: number;
  /** Distributor whose volume a member's orders count for (self for distributors, -1 if none). */
  volumeOwner: Int32Array;
  /** parent(d) in the distributor tree (= volume owner of the sponsor); -1 for roots and customers. */
  parent: Int32Array;
  /** Index into plan.ranks, -1 for customers. */
  rank: Int32Array;
  active: Uint8Array;
  pv: Float64Array;
  gv: Float64Array;
  bv: Float64Array;
  /** Σ qty·bv of the member's own orders (customers too): the base of referral and sponsor. */
  ownBv: Float64Array;
  /** One array per plan bonus, in plan order. */
  bonus: Float64Array[];
  /** Σ over bonuses (= Σ lines of the member). */
  bonusTotal: Float64Array;
  adjustments: Float64Array;
  clawbacks: Float64Array;
  carryIn: Float64Array;
  gross: Float64Array;
  available: Float64Array;
  held: Uint8Array;
  paid: Uint8Array;
  tax: Float64Array;
  /** What the tax rate was applied to (PPh 21: 50 % of available; flat: available; none: 0). */
  taxBase: Float64Array;
  net: Float64Array;
  carryOut: Float64Array;
  /** Binary carry after this period (0 when the plan has no binary bonus). */
  binaryCarryL: Float64Array;
  binaryCarryR: Float64Array;
}

export interface RunTotals {
  bv: number;
  bonuses: number;
  payoutRatioBp: number;
  tax: number;
  net: number;
  carryOut: number;
}

export interface RunResult {
  period: string;
  /** Bonus ids in plan order (index = RunLines.bonus). */
  bonusIds: string[];
  members: MemberResults;
  lines: RunLines;
  totals: RunTotals;
}

export interface ComputeOptions {
  /** Called at each stage boundary: stage name, stages done, stage count. */
  onProgress?: (stage: string, done: number, total: number) => void;
  /**
   * log2 of the members per bucket/block of the memory-friendly passes (default 15). Results do
   * not depend on it; tests set it low so small trees cross block boundaries.
   */
  bucketShift?: number;
}

/** One entry of the `members` array of `close preview --json` (interfaces.md). */
export interface MemberJson {
  code: string;
  kind: MemberKind;
  rank: string | null;
  active: boolean;
  pv: number;
  gv: number;
  bv: number;
  bonuses: Record<string, number>;
  adjustments: number;
  clawbacks: number;
  carryIn: number;
  gross: number;
  available: number;
  held: boolean;
  paid: boolean;
  tax: number;
  net: number;
  carryOut: number;
  binaryCarry?: { left: number; right: number };
}

/** Thrown when a snapshot breaks an invariant the engine relies on (cycles, bad references). */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

/** '2026-10' → 202610 */
export function periodToInt(period: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) throw new SnapshotError(`invalid period "${period}"`);
  return Number(m[1]) * 100 + Number(m[2]);
}
