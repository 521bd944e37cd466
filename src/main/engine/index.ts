/** The commission engine: pure functions (plan, period snapshot) → run. See docs/plan-engine.md. */
export * from './types';
export { computeRun, prepareState, validateSnapshot } from './engine';
export type { EngineState } from './engine';
export {
  computeTax,
  pasal17,
  PPH21_BRACKETS,
  PPH21_BASE_PERCENT,
  PPH21_NO_TAX_ID_PERCENT,
} from './tax';
export type { TaxResult } from './tax';
export {
  iterateMembersJson,
  memberToJson,
  membersCanonicalText,
  membersSortedByCode,
  runToJson,
  writeMembersCanonical,
} from './json';
export { sha256Hex, planHash, runHash, runHashOf } from './hash';
export { explainMember } from './explain';
export type {
  BinaryExplanation,
  BonusExplanation,
  ExplainLine,
  ExplainOptions,
  MemberExplanation,
  RankCheck,
  WhyNot,
  WhyNotCode,
} from './explain';
export { computeClawbacks } from './clawback';
export type { ClawbackItem, ClawbackResult, CommittedLine, ReturnedOrder } from './clawback';
export { createSnapshot, emptyLines } from './snapshot';
export type { MemberInput, OrderInput, OrderLineInput, SnapshotInput } from './snapshot';
