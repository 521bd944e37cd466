import type { Db } from '../db/client';
import type { DiffRow, PreviewDto } from '../../shared/ipc/close.contract';
import { commitBlockers } from '../db/repositories/runs.repo';
import { KIND_DISTRIBUTOR, STATUS_ACTIVE, STATUS_NAMES } from '../engine/types';
import { contractTotals } from '../../shared/ipc/close.contract';
import type { Computed } from './compute';
import { unpackFigures, type PreviewFigures } from './preview-store';

/**
 * What the accountant reviews before a commit: totals, payout ratio, rank changes against the
 * previous committed run, top earners, and per-member differences against the previous period
 * and against the previous preview of this period. Lists are capped (the largest changes first)
 * so the summary stays small at a million members; the counts are always complete.
 */

export const LIMITS = { diffRows: 200, rankRows: 100, topEarners: 20, heldRows: 200 } as const;

/** Positions with a positive score, best first (ties by code), at most k. */
function topK(
  n: number,
  score: (m: number) => number,
  code: readonly string[],
  k: number,
): number[] {
  const scores = new Float64Array(n);
  const picked: number[] = [];
  for (let m = 0; m < n; m++) {
    const s = score(m);
    scores[m] = s;
    if (s > 0) picked.push(m);
  }
  // Only the best k are needed: cut the candidates down by threshold before sorting them all.
  if (picked.length > 4 * k) {
    const sorted = Float64Array.from(picked, (m) => scores[m] as number).sort();
    const threshold = sorted[sorted.length - k] as number;
    const kept = picked.filter((m) => (scores[m] as number) >= threshold);
    picked.length = 0;
    picked.push(...kept);
  }
  picked.sort((a, b) => {
    const d = (scores[b] as number) - (scores[a] as number);
    if (d !== 0) return d;
    const ca = code[a] as string;
    const cb = code[b] as string;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  });
  return picked.slice(0, k);
}

interface Side {
  present: Uint8Array;
  rank: Int32Array;
  rankCodes: string[];
  gross: Float64Array;
  net: Float64Array;
}

/** Figures of an earlier preview, re-indexed by the current snapshot's positions. */
function previewSide(prev: PreviewFigures, c: Computed): Side {
  const n = c.snap.members.count;
  const side: Side = {
    present: new Uint8Array(n),
    rank: new Int32Array(n).fill(-1),
    rankCodes: prev.rankCodes,
    gross: new Float64Array(n),
    net: new Float64Array(n),
  };
  for (let i = 0; i < prev.count; i++) {
    const pos = c.snap.positionById[prev.memberId[i] as number];
    if (pos === undefined || pos < 0) continue;
    side.present[pos] = 1;
    side.rank[pos] = prev.rank[i] as number;
    side.gross[pos] = prev.gross[i] as number;
    side.net[pos] = prev.net[i] as number;
  }
  return side;
}

function diff(
  c: Computed,
  side: Side,
  names: Map<number, string>,
  want: Set<number>,
): { changed: number; rows: () => DiffRow[] } {
  const R = c.result.members;
  const codes = c.plan.plan.ranks.map((r) => r.code);
  const n = R.count;
  const rankNow = (m: number): string | null => {
    const r = R.rank[m] as number;
    return r >= 0 ? (codes[r] ?? null) : null;
  };
  const rankBefore = (m: number): string | null => {
    const r = side.rank[m] as number;
    return side.present[m] && r >= 0 ? (side.rankCodes[r] ?? null) : null;
  };
  const score = (m: number): number => {
    const dg = Math.abs((R.gross[m] as number) - (side.gross[m] as number));
    const dn = Math.abs((R.net[m] as number) - (side.net[m] as number));
    if (dg + dn > 0) return dg + dn;
    return rankNow(m) !== rankBefore(m) && (side.present[m] || (R.rank[m] as number) > 0) ? 0.5 : 0;
  };
  let changed = 0;
  for (let m = 0; m < n; m++) if (score(m) > 0) changed++;
  const top = topK(n, score, c.snap.members.code, LIMITS.diffRows);
  for (const m of top) want.add(m);
  return {
    changed,
    rows: () =>
      top.map((m) => {
        const present = side.present[m] === 1;
        return {
          code: c.snap.members.code[m] as string,
          name: names.get(m) ?? '',
          rankBefore: rankBefore(m),
          rankAfter: rankNow(m),
          grossBefore: present ? (side.gross[m] as number) : null,
          grossAfter: R.gross[m] as number,
          netBefore: present ? (side.net[m] as number) : null,
          netAfter: R.net[m] as number,
          delta: (R.gross[m] as number) - (present ? (side.gross[m] as number) : 0),
        };
      }),
  };
}

export function summarize(
  db: Db,
  c: Computed,
  opts: {
    previewedBy: string;
    computedAt: string;
    lastPreview?: { blob: Buffer; previewedAt: string; previewedBy: string; runHash: string };
  },
): Omit<PreviewDto, 'members'> {
  const plan = c.plan.plan;
  const R = c.result.members;
  const M = c.snap.members;
  const n = R.count;
  const codes = plan.ranks.map((r) => r.code);
  const rankOf = (m: number): string | null => {
    const r = R.rank[m] as number;
    return r >= 0 ? (codes[r] ?? null) : null;
  };
  const want = new Set<number>();
  const names = new Map<number, string>();

  // ---- against the previous committed run ----------------------------------------------------
  const prev = c.inputs.previous;
  const prevSide: Side | null = prev
    ? {
        present: prev.present,
        rank: prev.rank,
        rankCodes: prev.rankCodes,
        gross: prev.gross,
        net: prev.net,
      }
    : null;
  const diffPrev = prevSide ? diff(c, prevSide, names, want) : null;

  const counts = new Map<string, { from: string | null; to: string | null; count: number }>();
  let promoted = 0;
  let demoted = 0;
  const changedRank: number[] = [];
  if (prev) {
    for (let m = 0; m < n; m++) {
      if (M.kind[m] !== KIND_DISTRIBUTOR) continue;
      const to = rankOf(m);
      const toIdx = R.rank[m] as number;
      const from =
        prev.present[m] && (prev.rank[m] as number) >= 0
          ? (prev.rankCodes[prev.rank[m] as number] ?? null)
          : null;
      if (from === to || (from === null && toIdx <= 0)) continue;
      const key = `${from}\u0000${to}`;
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { from, to, count: 1 });
      const fromIdx = from === null ? -1 : codes.indexOf(from);
      if (toIdx > fromIdx) promoted++;
      else demoted++;
      changedRank.push(m);
    }
  }
  changedRank.sort((a, b) => {
    const d = (R.rank[b] as number) - (R.rank[a] as number);
    if (d !== 0) return d;
    const ca = M.code[a] as string;
    const cb = M.code[b] as string;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  });
  const rankRows = changedRank.slice(0, LIMITS.rankRows);
  for (const m of rankRows) want.add(m);

  // ---- against the previous preview of this period -------------------------------------------
  const last = opts.lastPreview;
  const diffPrevPreview = last
    ? diff(c, previewSide(unpackFigures(last.blob), c), names, want)
    : null;

  // ---- top earners, held money -----------------------------------------------------------------
  const top = topK(n, (m) => R.bonusTotal[m] as number, M.code, LIMITS.topEarners);
  for (const m of top) want.add(m);
  let heldCount = 0;
  let heldAmount = 0;
  for (let m = 0; m < n; m++) {
    if (R.held[m] === 1 && (R.available[m] as number) > 0) {
      heldCount++;
      heldAmount += R.available[m] as number;
    }
  }
  const heldTop = topK(
    n,
    (m) => (R.held[m] === 1 ? (R.available[m] as number) : 0),
    M.code,
    LIMITS.heldRows,
  );
  for (const m of heldTop) want.add(m);

  // ---- names of everyone listed, one query ---------------------------------------------------
  if (want.size > 0) {
    const ids = [...want].map((m) => c.snap.memberId[m] as number);
    const rows = db.sqlite
      .prepare('SELECT id, name FROM members WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(ids)) as [number, string][];
    for (const [id, name] of rows) names.set(c.snap.positionById[id] as number, name);
  }

  const warnings = [...c.inputs.warnings];
  const blockers = commitBlockers(db, c.period);
  if (blockers.length > 0) {
    warnings.unshift(
      `earlier period(s) with data not committed: ${blockers.join(', ')} — carry-in and binary carry come from ${
        prev ? `the run of ${prev.run.period}` : 'no run (0)'
      }; this preview changes once they are committed, and ${c.period} cannot be committed before them`,
    );
  }
  if (prev && prev.run.planVersion !== c.plan.row.version) {
    warnings.push(
      `plan version changed since ${prev.run.period}: ${prev.run.planVersion} → ${c.plan.row.version}`,
    );
  }

  return {
    period: c.period,
    planVersion: c.plan.row.version,
    planName: c.plan.row.name,
    planHash: c.plan.row.planHash,
    runHash: c.runHash,
    computedAt: opts.computedAt,
    previewedBy: opts.previewedBy,
    totals: c.totals,
    bonusTotals: plan.bonuses.map((b) => ({
      id: b.id,
      type: b.type,
      amount: c.totals.bonusesById[b.id] ?? 0,
    })),
    warnings,
    previous: prev
      ? {
          period: prev.run.period,
          runHash: prev.run.runHash,
          planVersion: prev.run.planVersion,
          totals: contractTotals(prev.run.totals),
        }
      : null,
    rankChanges: {
      counts: [...counts.values()].sort((a, b) => b.count - a.count),
      promoted,
      demoted,
      rows: rankRows.map((m) => ({
        code: M.code[m] as string,
        name: names.get(m) ?? '',
        from:
          prev && prev.present[m] && (prev.rank[m] as number) >= 0
            ? (prev.rankCodes[prev.rank[m] as number] ?? null)
            : null,
        to: rankOf(m),
      })),
    },
    topEarners: top.map((m) => ({
      code: M.code[m] as string,
      name: names.get(m) ?? '',
      rank: rankOf(m),
      bonusTotal: R.bonusTotal[m] as number,
      gross: R.gross[m] as number,
      net: R.net[m] as number,
      paid: R.paid[m] === 1,
    })),
    diffPrevious: {
      base: prev ? prev.run.period : null,
      changed: diffPrev?.changed ?? 0,
      rows: diffPrev?.rows() ?? [],
    },
    diffPreview: {
      base: last
        ? { previewedAt: last.previewedAt, previewedBy: last.previewedBy, runHash: last.runHash }
        : null,
      changed: diffPrevPreview?.changed ?? 0,
      rows: diffPrevPreview?.rows() ?? [],
    },
    held: {
      count: heldCount,
      amount: heldAmount,
      rows: heldTop.map((m) => ({
        code: M.code[m] as string,
        name: names.get(m) ?? '',
        available: R.available[m] as number,
        reasons: [
          ...(M.hold[m] === 1 ? ['hold'] : []),
          ...(M.status[m] !== STATUS_ACTIVE
            ? [`status ${STATUS_NAMES[M.status[m] as number]}`]
            : []),
          ...(M.hasBank[m] !== 1 ? ['no bank account'] : []),
        ],
      })),
    },
  };
}
