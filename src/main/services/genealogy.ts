import type { Db } from '../db/client';
import type {
  ChildrenPage,
  MemberDetail,
  MemberKind,
  MemberRef,
  MemberStatus,
  Tree,
  TreeNode,
} from '../../shared/ipc/members.contract';
import { AppError } from '../../shared/ipc/result';
import {
  auditOf,
  getMemberByCode,
  holdsOf,
  requireMemberCore,
  runHistoryOf,
} from '../db/repositories/members.repo';
import {
  LEG_L,
  LEG_R,
  ancestors,
  depth,
  getMemberTree,
  placementChildren,
  sponsorChildren,
  type MemberTree,
} from './member-tree';
import {
  defaultPeriod,
  getPeriodVolumes,
  placementSums,
  type PeriodVolumes,
} from './member-volumes';

interface NodeInfo {
  id: number;
  code: string;
  name: string;
  kind: MemberKind;
  status: MemberStatus;
  hold: number;
}

/** Names, codes and statuses of a few positions (one query per 500). */
export function nodeInfo(db: Db, t: MemberTree, positions: ArrayLike<number>): NodeInfo[] {
  const ids = Array.from(positions, (p) => t.ids[p]!);
  const byId = new Map<number, NodeInfo>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db.sqlite
      .prepare(
        `SELECT id, code, name, kind, status, hold FROM members WHERE id IN (${chunk.map(() => '?').join(',')})`,
      )
      .all(...chunk) as NodeInfo[];
    for (const r of rows) byId.set(r.id, r);
  }
  return ids.map((id) => byId.get(id)!);
}

export function refs(db: Db, t: MemberTree, positions: ArrayLike<number>): MemberRef[] {
  return nodeInfo(db, t, positions).map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind,
    status: r.status,
  }));
}

const legName = (l: number): 'L' | 'R' | null => (l === LEG_L ? 'L' : l === LEG_R ? 'R' : null);

export function treeNodes(
  db: Db,
  t: MemberTree,
  v: PeriodVolumes,
  tree: Tree,
  positions: ArrayLike<number>,
): TreeNode[] {
  const info = nodeInfo(db, t, positions);
  const legs = tree === 'placement' ? placementSums(t, v) : null;
  const legPv = (c: number) => (legs ? (c >= 0 ? Math.round(legs[c]!) : 0) : null);
  return Array.from(positions, (p, i) => {
    const r = info[i]!;
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      status: r.status,
      hold: r.hold === 1,
      leg: legName(t.leg[p]!),
      childCount:
        tree === 'sponsor'
          ? t.sStart[p + 1]! - t.sStart[p]!
          : (t.left[p]! >= 0 ? 1 : 0) + (t.right[p]! >= 0 ? 1 : 0),
      downlineSize: (tree === 'sponsor' ? t.sSize : t.pSize)[p]!,
      pv: Math.round(v.pv[p]!),
      gv: Math.round(v.gv[p]!),
      leftPv: legPv(t.left[p]!),
      rightPv: legPv(t.right[p]!),
    };
  });
}

export function positionOf(db: Db, t: MemberTree, code: string): number {
  const m = requireMemberCore(db, code);
  const p = t.posOfId(m.id);
  if (p < 0) throw new AppError('NOT_FOUND', `member ${code} not found`);
  return p;
}

export interface ChildrenQuery {
  tree: Tree;
  code?: string | null | undefined;
  offset: number;
  limit: number;
  period?: string | undefined;
}

/** Children of a node (or the roots), with counts and volumes; one page. */
export function genealogyChildren(db: Db, q: ChildrenQuery): ChildrenPage {
  const t = getMemberTree(db);
  const period = q.period ?? defaultPeriod(db);
  const v = getPeriodVolumes(db, period, t);
  let parent: TreeNode | null = null;
  let all: ArrayLike<number>;
  if (q.code) {
    const p = positionOf(db, t, q.code);
    if (q.tree === 'placement' && t.kind[p] !== 1) {
      throw new AppError(
        'VALIDATION',
        `${q.code} is a customer: customers are not in the binary tree`,
      );
    }
    parent = treeNodes(db, t, v, q.tree, [p])[0]!;
    all = q.tree === 'sponsor' ? sponsorChildren(t, p) : placementChildren(t, p);
  } else {
    all = q.tree === 'sponsor' ? t.sRoots : t.pRoots;
  }
  const page = Array.prototype.slice.call(all, q.offset, q.offset + q.limit) as number[];
  return {
    tree: q.tree,
    period,
    parent,
    total: all.length,
    rows: treeNodes(db, t, v, q.tree, page),
  };
}

/** Root first, the member last. */
export function genealogyPath(
  db: Db,
  q: { tree: Tree; code: string; period?: string | undefined },
): { tree: Tree; period: string; path: TreeNode[] } {
  const t = getMemberTree(db);
  const period = q.period ?? defaultPeriod(db);
  const v = getPeriodVolumes(db, period, t);
  const p = positionOf(db, t, q.code);
  if (q.tree === 'placement' && t.kind[p] !== 1) {
    throw new AppError(
      'VALIDATION',
      `${q.code} is a customer: customers are not in the binary tree`,
    );
  }
  const up = ancestors(t, q.tree, p).reverse();
  up.push(p);
  return { tree: q.tree, period, path: treeNodes(db, t, v, q.tree, up) };
}

export function memberDetail(
  db: Db,
  q: { code: string; period?: string | undefined; downlineOffset: number; downlineLimit: number },
): MemberDetail {
  const m = getMemberByCode(db, q.code);
  if (!m) throw new AppError('NOT_FOUND', `member ${q.code} not found`);
  const core = requireMemberCore(db, q.code);
  const t = getMemberTree(db);
  const p = t.posOfId(m.id);
  const period = q.period ?? defaultPeriod(db);
  const v = getPeriodVolumes(db, period, t);
  const sUp = ancestors(t, 'sponsor', p, 200);
  const pUp = ancestors(t, 'placement', p, 200);
  // The leg of ancestor a that leads to p is the leg of the node just below a on the path.
  const below = [p, ...pUp];
  const placementLine = refs(db, t, pUp).map((r, i) => ({ ...r, leg: legName(t.leg[below[i]!]!) }));
  const side = (c: number) =>
    c >= 0 ? { code: nodeInfo(db, t, [c])[0]!.code, size: t.pSize[c]! + 1 } : null;
  const history = runHistoryOf(db, m.id);
  return {
    member: { ...m, createdAt: core.created_at, updatedAt: core.updated_at },
    period,
    volumes: { pv: Math.round(v.pv[p]!), gv: Math.round(v.gv[p]!) },
    sponsorLine: refs(db, t, sUp),
    sponsorDepth: depth(t, 'sponsor', p),
    placementLine,
    counts: {
      directSponsored: t.sStart[p + 1]! - t.sStart[p]!,
      sponsorDownline: t.sSize[p]!,
      placementLeft: side(t.left[p]!),
      placementRight: side(t.right[p]!),
    },
    downline: genealogyChildren(db, {
      tree: 'sponsor',
      code: q.code,
      offset: q.downlineOffset,
      limit: q.downlineLimit,
      period,
    }),
    ranks: history.map((h) => ({
      period: h.period,
      rank: h.rank,
      active: h.active === 1,
      pv: h.pv,
      gv: h.gv,
    })),
    payouts: history.map((h) => ({
      period: h.period,
      gross: h.gross,
      tax: h.tax,
      net: h.net,
      held: h.held === 1,
      paid: h.paid === 1,
      carryOut: h.carryOut,
    })),
    holds: holdsOf(db, m.id),
    audit: auditOf(db, m.code, 100),
  };
}
