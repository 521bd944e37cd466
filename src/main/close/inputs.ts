import type { Db } from '../db/client';
import type { RunInfo } from '../../shared/ipc/close.contract';
import { getPlanVersion } from '../db/repositories/plans.repo';
import { committedRun, previousCommittedRun } from '../db/repositories/runs.repo';
import { computeClawbacks, type CommittedLine, type ReturnedOrder } from '../engine/clawback';
import type { LoadedSnapshot } from './snapshot';

/**
 * The payout inputs of period P that the snapshot (snapshot.ts: members, lines net of ordinary
 * returns, adjustments) leaves at 0 — read from earlier committed runs:
 * - carryIn = carry_out of the previous committed run (plan-format.md "Payout");
 * - binary carry = binary_carry_l/r of the previous committed run ("binary");
 * - clawbacks = returns dated in P whose order's period was already closed (returns.clawback = 1),
 *   restating the committed lines of that period with the engine's clawback.ts ("Clawbacks").
 * "Previous committed run" = the latest committed run of a period before P (periods without data
 * are never committed, so this is P−1 or the last period that had data).
 */

/** Per member (by snapshot position) figures of the previous committed run, for the diffs. */
export interface PreviousRun {
  run: RunInfo;
  present: Uint8Array;
  /** Index into `rankCodes`, -1 for none (customers). */
  rank: Int32Array;
  rankCodes: string[];
  bonusTotal: Float64Array;
  gross: Float64Array;
  net: Float64Array;
}

/** One restated line of an earlier run, charged in P (stored in run_clawbacks). */
export interface ClawbackLine {
  earnerId: number;
  bonusId: string;
  sourceRunId: number;
  sourcePeriod: string;
  sourceMemberId: number | null;
  sourceOrderId: number | null;
  level: number;
  base: number;
  rateBp: number;
  before: number;
  after: number;
  amount: number;
}

export interface PayoutInputs {
  previous: PreviousRun | null;
  clawbacks: ClawbackLine[];
  warnings: string[];
}

export function fillPayoutInputs(db: Db, snap: LoadedSnapshot, period: string): PayoutInputs {
  const warnings: string[] = [];
  const previous = readPreviousRun(db, snap, period);
  const clawbacks = readClawbacks(db, snap, period, warnings);
  return { previous, clawbacks, warnings };
}

function readPreviousRun(db: Db, snap: LoadedSnapshot, period: string): PreviousRun | null {
  const run = previousCommittedRun(db, period);
  if (!run) return null;
  const n = snap.members.count;
  const prev: PreviousRun = {
    run,
    present: new Uint8Array(n),
    rank: new Int32Array(n).fill(-1),
    rankCodes: [],
    bonusTotal: new Float64Array(n),
    gross: new Float64Array(n),
    net: new Float64Array(n),
  };
  const rankIndex = new Map<string, number>();
  // The primary key (run_id, member_id) is the table's clustering key: one range scan.
  const rows = db.sqlite
    .prepare(
      `SELECT member_id, carry_out, binary_carry_l, binary_carry_r, rank, bonus_total, gross, net
       FROM run_members WHERE run_id = ?`,
    )
    .raw()
    .iterate(run.runId) as IterableIterator<
    [number, number, number, number, string | null, number, number, number]
  >;
  for (const [id, carryOut, bl, br, rank, bonusTotal, gross, net] of rows) {
    const pos = snap.positionById[id];
    if (pos === undefined || pos < 0) continue;
    snap.carryIn[pos] = carryOut;
    snap.binaryCarryInL[pos] = bl;
    snap.binaryCarryInR[pos] = br;
    prev.present[pos] = 1;
    if (rank !== null) {
      let r = rankIndex.get(rank);
      if (r === undefined) {
        r = prev.rankCodes.push(rank) - 1;
        rankIndex.set(rank, r);
      }
      prev.rank[pos] = r;
    }
    prev.bonusTotal[pos] = bonusTotal;
    prev.gross[pos] = gross;
    prev.net[pos] = net;
  }
  return prev;
}

interface ReturnedRow {
  orderId: number;
  buyerId: number;
  orderPeriod: string;
  bv: number;
  margin: number;
  priorBv: number;
  priorMargin: number;
}

function readClawbacks(
  db: Db,
  snap: LoadedSnapshot,
  period: string,
  warnings: string[],
): ClawbackLine[] {
  // Per returned order: what is charged now (returns dated in P) and what earlier periods
  // already charged (clawback returns dated before P), so repeated returns chain exactly.
  const rows = db.sqlite
    .prepare(
      `SELECT r.order_id AS orderId, o.member_id AS buyerId, o.period AS orderPeriod,
         sum(CASE WHEN r.period = @p THEN r.qty * l.bv ELSE 0 END) AS bv,
         sum(CASE WHEN r.period = @p THEN r.qty * max(0, l.unit_price - l.member_price) ELSE 0 END) AS margin,
         sum(CASE WHEN r.period < @p THEN r.qty * l.bv ELSE 0 END) AS priorBv,
         sum(CASE WHEN r.period < @p THEN r.qty * max(0, l.unit_price - l.member_price) ELSE 0 END) AS priorMargin
       FROM returns r
       JOIN order_lines l ON l.id = r.order_line_id
       JOIN orders o ON o.id = r.order_id
       WHERE r.clawback = 1
         AND r.order_id IN (SELECT order_id FROM returns WHERE period = @p AND clawback = 1)
       GROUP BY r.order_id
       ORDER BY o.period, r.order_id`,
    )
    .all({ p: period }) as ReturnedRow[];
  if (rows.length === 0) return [];

  const byPeriod = new Map<string, ReturnedRow[]>();
  for (const r of rows) {
    const list = byPeriod.get(r.orderPeriod);
    if (list) list.push(r);
    else byPeriod.set(r.orderPeriod, [r]);
  }

  const out: ClawbackLine[] = [];
  for (const [p0, returned] of byPeriod) {
    const run0 = committedRun(db, p0);
    if (!run0) {
      warnings.push(
        `returns of ${returned.length} order(s) of ${p0} are clawbacks, but ${p0} has no committed run (reopened?): not charged until it is committed again`,
      );
      continue;
    }
    const plan0 = getPlanVersion(db, run0.planVersion);
    if (!plan0) throw new Error(`plan version ${run0.planVersion} of run ${run0.runId} is missing`);

    const buyers = [...new Set(returned.map((r) => r.buyerId))];
    const ownerOf = new Map<number, number>();
    const owners = db.sqlite
      .prepare(
        `SELECT member_id, volume_owner_id FROM run_members
         WHERE run_id = ? AND member_id IN (SELECT value FROM json_each(?))`,
      )
      .raw()
      .all(run0.runId, JSON.stringify(buyers)) as [number, number | null][];
    for (const [m, o] of owners) if (o !== null) ownerOf.set(m, o);

    const orders = returned.map((r) => r.orderId);
    const sources = [...new Set([...buyers, ...ownerOf.values()])];
    const lines = (
      db.sqlite
        .prepare(
          `SELECT earner_id, bonus_id, source_member_id, source_order_id, level, base, rate_bp, amount
           FROM run_lines
           WHERE run_id = @run
             AND (source_order_id IN (SELECT value FROM json_each(@orders))
                  OR source_member_id IN (SELECT value FROM json_each(@members)))`,
        )
        .raw()
        .all({
          run: run0.runId,
          orders: JSON.stringify(orders),
          members: JSON.stringify(sources),
        }) as [number, string, number | null, number | null, number, number, number, number][]
    ).map(([earner, bonusId, sm, so, level, base, rateBp, amount]): CommittedLine => ({
      earner,
      bonusId,
      sourceMember: sm ?? -1,
      sourceOrder: so ?? -1,
      level,
      base,
      rateBp,
      amount,
    }));

    const result = computeClawbacks(
      plan0.plan,
      lines,
      returned.map((r): ReturnedOrder => ({
        order: r.orderId,
        buyer: r.buyerId,
        volumeOwner: ownerOf.get(r.buyerId) ?? -1,
        bv: r.bv,
        margin: r.margin,
        priorBv: r.priorBv,
        priorMargin: r.priorMargin,
      })),
    );
    for (const item of result.items) {
      const line = lines[item.line] as CommittedLine;
      const pos = snap.positionById[item.earner];
      if (pos === undefined || pos < 0) continue;
      snap.clawbacks[pos] = (snap.clawbacks[pos] as number) + item.clawback;
      out.push({
        earnerId: item.earner,
        bonusId: item.bonusId,
        sourceRunId: run0.runId,
        sourcePeriod: p0,
        sourceMemberId: line.sourceMember >= 0 ? line.sourceMember : null,
        sourceOrderId: line.sourceOrder >= 0 ? line.sourceOrder : null,
        level: line.level,
        base: line.base,
        rateBp: line.rateBp,
        before: item.before,
        after: item.after,
        amount: item.clawback,
      });
    }
  }
  return out;
}
