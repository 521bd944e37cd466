/** The run JSON of interfaces.md as tests state it (written out: the docs are the contract). */

/** Keys of one member, in printed order (`binaryCarry` follows when the plan has a binary bonus). */
export const MEMBER_JSON_KEYS = [
  'code',
  'kind',
  'rank',
  'active',
  'pv',
  'gv',
  'bv',
  'bonuses',
  'adjustments',
  'clawbacks',
  'carryIn',
  'gross',
  'available',
  'held',
  'paid',
  'tax',
  'net',
  'carryOut',
] as const;

/** Bonus ids of the default (demo) plan, in plan order. */
export const DEFAULT_BONUS_IDS = [
  'retail',
  'referral',
  'sponsor',
  'unilevel',
  'binary',
  'matching',
] as const;
