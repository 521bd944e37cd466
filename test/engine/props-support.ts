import type { MatchingBonus, Plan, UnilevelBonus } from '../../src/shared/plan';

export {
  computeRun,
  createSnapshot,
  explainMember,
  planHash,
  runHash,
  runHashOf,
  runToJson,
} from '../../src/main/engine';
export { membersCanonicalText } from '../../src/main/engine/json';
export { canonicalJson } from '../../src/shared/canonical';
export type { SnapshotInput } from '../../src/main/engine';

/** depth(rank) as plan-format.md states it. */
export function depthOf(p: Plan, b: UnilevelBonus | MatchingBonus, rankIndex: number): number {
  if (!b.depthByRank) return b.levels.length;
  return b.depthByRank[p.ranks[rankIndex]?.code ?? ''] ?? 0;
}
