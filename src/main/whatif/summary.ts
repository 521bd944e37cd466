import type { Db } from '../db/client';
import { diffPlans } from '../../shared/plan-diff';
import type {
  WhatIfMeasure,
  WhatIfMemberRow,
  WhatIfResultDto,
} from '../../shared/ipc/whatif.contract';
import { KIND_CUSTOMER } from '../engine/types';
import type { MemberSums, Simulation } from './simulate';

/**
 * A simulation → what the screen, the CLI and the export show: totals side by side, per bonus,
 * per rank, the members gaining and losing the most and the distribution of the differences.
 */

export type Measure = 'bonuses' | 'net';

function arraysOf(m: MemberSums, measure: Measure): [Float64Array, Float64Array] {
  return measure === 'bonuses'
    ? [m.baselineBonuses, m.candidateBonuses]
    : [m.baselineNet, m.candidateNet];
}

/** Member ids with a non-zero amount on either side, sorted by difference (desc), then code. */
export function comparedIds(m: MemberSums, measure: Measure): Int32Array {
  const [b, c] = arraysOf(m, measure);
  const ids: number[] = [];
  for (let id = 0; id < m.size; id++) {
    if (m.present[id] && ((b[id] as number) !== 0 || (c[id] as number) !== 0)) ids.push(id);
  }
  const diff = (id: number): number => (c[id] as number) - (b[id] as number);
  ids.sort((x, y) => {
    const d = diff(y) - diff(x);
    if (d !== 0) return d;
    const cx = m.code[x] ?? '';
    const cy = m.code[y] ?? '';
    return cx < cy ? -1 : cx > cy ? 1 : 0;
  });
  return Int32Array.from(ids);
}

/** Bucket width 1, 2 or 5 × 10^k so that the range fits in at most `maxBuckets` buckets. */
export function niceWidth(range: number, maxBuckets = 20): number {
  const raw = Math.max(1, Math.ceil(range / maxBuckets));
  let pow = 1;
  while (pow * 10 <= raw) pow *= 10;
  for (const f of [1, 2, 5, 10]) if (f * pow >= raw) return f * pow;
  return 10 * pow;
}

/** Buckets [from, to) over the non-zero differences; 0 is always a bucket edge. */
export function histogram(diffs: readonly number[]): WhatIfMeasure['histogram'] {
  if (diffs.length === 0) return { width: 0, buckets: [] };
  let min = Infinity;
  let max = -Infinity;
  for (const d of diffs) {
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const lo = Math.min(min, 0);
  const hi = Math.max(max, 0);
  // At most 21 buckets: the width covers the range in 20, rounding both ends out adds one.
  const width = niceWidth(hi - lo + 1);
  const from = Math.floor(min / width) * width;
  const count = Math.floor(max / width) - Math.floor(min / width) + 1;
  const counts = new Array<number>(count).fill(0);
  for (const d of diffs) {
    const i = Math.floor((d - from) / width);
    counts[i] = (counts[i] as number) + 1;
  }
  return {
    width,
    buckets: counts.map((c, i) => ({
      from: from + i * width,
      to: from + (i + 1) * width,
      count: c,
    })),
  };
}

/** Names of the given member ids (one query). */
export function memberNames(db: Db, ids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = db.sqlite
    .prepare('SELECT id, name FROM members WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(ids)) as [number, string][];
  for (const [id, name] of rows) out.set(id, name);
  return out;
}

export function memberRow(
  m: MemberSums,
  measure: Measure,
  id: number,
  names: Map<number, string>,
): WhatIfMemberRow {
  const [b, c] = arraysOf(m, measure);
  const baseline = b[id] as number;
  const candidate = c[id] as number;
  return {
    code: m.code[id] ?? String(id),
    name: names.get(id) ?? '',
    kind: m.kind[id] === KIND_CUSTOMER ? 'customer' : 'distributor',
    baselineRank: m.baselineRank[id] ?? null,
    candidateRank: m.candidateRank[id] ?? null,
    baseline,
    candidate,
    diff: candidate - baseline,
  };
}

function measureOf(db: Db, m: MemberSums, measure: Measure, top: number): WhatIfMeasure {
  const ids = comparedIds(m, measure);
  const [b, c] = arraysOf(m, measure);
  let gainers = 0;
  let losers = 0;
  let totalGain = 0;
  let totalLoss = 0;
  const diffs: number[] = [];
  for (const id of ids) {
    const d = (c[id] as number) - (b[id] as number);
    if (d > 0) {
      gainers++;
      totalGain += d;
    } else if (d < 0) {
      losers++;
      totalLoss += d;
    }
    if (d !== 0) diffs.push(d);
  }
  // ids are sorted by difference, largest first: gainers at the front, losers at the back.
  const gainIds = Array.from(ids.subarray(0, Math.min(top, gainers)));
  const loseIds: number[] = [];
  for (let i = ids.length - 1; i >= 0 && loseIds.length < Math.min(top, losers); i--) {
    loseIds.push(ids[i] as number);
  }
  const names = memberNames(db, [...gainIds, ...loseIds]);
  return {
    compared: ids.length,
    gainers,
    losers,
    unchanged: ids.length - gainers - losers,
    totalGain,
    totalLoss,
    topGainers: gainIds.map((id) => memberRow(m, measure, id, names)),
    topLosers: loseIds.map((id) => memberRow(m, measure, id, names)),
    histogram: histogram(diffs),
  };
}

export function summarize(db: Db, sim: Simulation, top: number): WhatIfResultDto {
  return {
    periods: sim.periods,
    candidate: { name: sim.candidate.name, planHash: sim.candidateHash },
    baselinePlans: sim.baselinePlans.map((p) => ({
      version: p.row.version,
      name: p.row.name,
      planHash: p.row.planHash,
    })),
    planChanges: diffPlans(sim.lastBaselinePlan, sim.candidate),
    perPeriod: sim.perPeriod,
    totals: sim.totals,
    byBonus: sim.byBonus,
    byRank: sim.byRank,
    members: {
      bonuses: measureOf(db, sim.members, 'bonuses', top),
      net: measureOf(db, sim.members, 'net', top),
    },
    warnings: sim.warnings,
  };
}
