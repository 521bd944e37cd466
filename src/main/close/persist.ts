import type { Db } from '../db/client';
import {
  encodeBonuses,
  insertRun,
  runRowWriter,
  setPeriodClosed,
} from '../db/repositories/runs.repo';
import { childLists } from '../engine/engine';
import type { Computed, StageProgress } from './compute';

/**
 * Writes a computed run: runs row, one run_members row per member, one run_lines row per line
 * with amount > 0 (the engine keeps no zero lines), the clawback lines, and the periods row that
 * locks the period. Must run inside the commit's transaction: the caller owns atomicity.
 *
 * Cost is rows, not arithmetic (performance-notes.md): multi-row prepared inserts, no per-row
 * queries, numbers bound directly, lines in earner order; members whose bonuses are all 0 store `{}`.
 */
export function writeRun(
  db: Db,
  c: Computed,
  who: { createdBy: string; previewedBy: string | null },
  progress: StageProgress = () => {},
): number {
  const { snap, result } = c;
  const plan = c.plan.plan;
  const R = result.members;
  const L = result.lines;
  const rankCodes = plan.ranks.map((r) => r.code);
  const bonusIds = result.bonusIds;
  const ids = snap.memberId;

  const runId = insertRun(db, {
    period: c.period,
    planVersion: c.plan.row.version,
    planHash: c.plan.row.planHash,
    runHash: c.runHash,
    totals: c.totals,
    createdBy: who.createdBy,
    previewedBy: who.previewedBy,
  });
  const w = runRowWriter(db);
  const total = R.count + L.count + c.inputs.clawbacks.length;
  const every = 4096;
  let done = 0;

  const amounts: number[] = new Array<number>(bonusIds.length).fill(0);
  for (let m = 0; m < R.count; m++) {
    let any = false;
    for (let b = 0; b < bonusIds.length; b++) {
      const a = (R.bonus[b] as Float64Array)[m] as number;
      amounts[b] = a;
      if (a !== 0) any = true;
    }
    const rank = R.rank[m] as number;
    const owner = R.volumeOwner[m] as number;
    w.member.add(
      runId,
      ids[m],
      rank >= 0 ? (rankCodes[rank] ?? null) : null,
      R.active[m],
      R.pv[m],
      R.gv[m],
      R.bv[m],
      any ? encodeBonuses(bonusIds, amounts) : '{}',
      R.bonusTotal[m],
      R.adjustments[m],
      R.clawbacks[m],
      R.carryIn[m],
      R.gross[m],
      R.available[m],
      R.held[m],
      R.paid[m],
      R.tax[m],
      R.taxBase[m],
      R.net[m],
      R.carryOut[m],
      R.binaryCarryL[m],
      R.binaryCarryR[m],
      owner >= 0 ? ids[owner] : null,
    );
    if (++done % every === 0) progress('write', done, total);
  }

  w.member.finish();

  // Lines by earner (member position = id order): the (run_id, earner_id) index then grows at
  // its end instead of taking each line at a random place, and one member's lines sit together.
  for (const i of childLists(L.earner, L.count, undefined, R.count).child) {
    const src = L.sourceMember[i] as number;
    const order = L.sourceOrder[i] as number;
    w.line.add(
      runId,
      ids[L.earner[i] as number],
      bonusIds[L.bonus[i] as number],
      src >= 0 ? ids[src] : null,
      order >= 0 ? order : null,
      L.level[i],
      L.base[i],
      L.rateBp[i],
      L.amount[i],
    );
    if (++done % every === 0) progress('write', done, total);
  }

  w.line.finish();

  for (const cl of c.inputs.clawbacks) {
    w.clawback.run(
      runId,
      cl.earnerId,
      cl.bonusId,
      cl.sourceRunId,
      cl.sourcePeriod,
      cl.sourceMemberId,
      cl.sourceOrderId,
      cl.level,
      cl.base,
      cl.rateBp,
      cl.before,
      cl.after,
      cl.amount,
    );
  }
  setPeriodClosed(db, c.period, runId, who.createdBy);
  progress('write', total, total);
  return runId;
}
