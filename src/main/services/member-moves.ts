import type { Db } from '../db/client';
import type { MemberRow, MovePreview } from '../../shared/ipc/members.contract';
import { AppError, type ErrorCode } from '../../shared/ipc/result';
import { writeAudit } from '../db/repositories/audit.repo';
import {
  MEMBER_AUDIT_ENTITY,
  findMemberCore,
  getMemberByCode,
  requireMemberCore,
  updateMemberColumns,
  type MemberColumnPatch,
} from '../db/repositories/members.repo';
import { nodeInfo, refs } from './genealogy';
import {
  KIND_DISTRIBUTOR,
  LEG_L,
  LEG_R,
  ancestors,
  getMemberTree,
  inSubtree,
  subtree,
  type MemberTree,
} from './member-tree';
import {
  defaultPeriod,
  getPeriodVolumes,
  placementSums,
  type PeriodVolumes,
} from './member-volumes';
import { firstClosedVolume } from './members';

/**
 * Sponsor and placement moves (docs/members.md "Moves"). Refused: unknown or same target,
 * cycles, a customer above a distributor, customers in the binary tree, taken slots, and any
 * move whose moved volume has history in a closed period (see firstClosedVolume): moving it
 * would make a recomputation of that period differ from its committed run. The triggers of
 * the core schema refuse the structural cases again in SQL.
 */
export interface MoveInput {
  code: string;
  sponsorCode?: string | null | undefined;
  placement?: { parentCode: string; leg: 'L' | 'R' } | null | undefined;
}

interface Problem {
  field: string;
  message: string;
  code: ErrorCode;
}

const AFFECTED_LISTED = 20;
const LINE_LISTED = 50;

export function previewMove(db: Db, input: MoveInput): MovePreview & { _problems: Problem[] } {
  const m = requireMemberCore(db, input.code);
  const t = getMemberTree(db);
  const p = t.posOfId(m.id);
  const period = defaultPeriod(db);
  const v = getPeriodVolumes(db, period, t);
  const problems: Problem[] = [];
  const add = (field: string, message: string, code: ErrorCode = 'VALIDATION') =>
    problems.push({ field, message, code });
  if (input.sponsorCode === undefined && input.placement === undefined) {
    add('sponsorCode', 'nothing to move: give a new sponsor and/or placement');
  }

  let sponsor: MovePreview['sponsor'] = null;
  const movedIds = new Set<number>();
  if (input.sponsorCode !== undefined) {
    let to = -1;
    let ok = true;
    if (input.sponsorCode === null) {
      if (m.kind === 'customer') add('sponsorCode', 'a customer needs a sponsor');
      if (m.sponsor_id === null) add('sponsorCode', `${m.code} has no sponsor already`);
    } else {
      const s = findMemberCore(db, input.sponsorCode);
      if (!s) {
        add('sponsorCode', `member ${input.sponsorCode} not found`);
        ok = false;
      } else {
        to = t.posOfId(s.id);
        if (s.id === m.id) add('sponsorCode', 'a member cannot sponsor itself');
        else if (s.id === m.sponsor_id) add('sponsorCode', `${s.code} is already the sponsor`);
        else if (inSubtree(t, 'sponsor', p, to)) {
          add(
            'sponsorCode',
            `${s.code} is in ${m.code}'s own downline: the move would create a cycle`,
          );
        }
        if (m.kind === 'distributor' && s.kind !== 'distributor') {
          add(
            'sponsorCode',
            `a distributor's sponsor must be a distributor (${s.code} is a customer)`,
          );
        }
      }
    }
    if (ok) {
      const cyclic = to >= 0 && inSubtree(t, 'sponsor', p, to);
      sponsor = sponsorChange(db, t, v, p, to, cyclic);
      for (const x of subtree(t, 'sponsor', p)) movedIds.add(t.ids[x]!);
    }
  }

  let placement: MovePreview['placement'] = null;
  if (input.placement !== undefined) {
    let to = -1;
    let leg = 0;
    let ok = true;
    if (m.kind === 'customer') {
      add('placement', 'customers are not placed in the binary tree');
      ok = false;
    } else if (input.placement === null) {
      if (m.placement_id === null) add('placement', `${m.code} is not placed in the binary tree`);
    } else {
      const parent = findMemberCore(db, input.placement.parentCode);
      leg = input.placement.leg === 'L' ? LEG_L : LEG_R;
      if (!parent) {
        add('placement.parentCode', `member ${input.placement.parentCode} not found`);
        ok = false;
      } else {
        to = t.posOfId(parent.id);
        const slot = leg === LEG_L ? t.left[to]! : t.right[to]!;
        if (parent.kind !== 'distributor') {
          add('placement.parentCode', 'a placement parent must be a distributor');
        } else if (parent.id === m.id) {
          add('placement.parentCode', 'a member cannot be placed under itself');
        } else if (inSubtree(t, 'placement', p, to)) {
          add(
            'placement.parentCode',
            `${parent.code} is in ${m.code}'s own binary subtree: the move would create a cycle`,
          );
        } else if (slot === p) {
          add('placement.leg', `${m.code} is already on ${input.placement.leg} of ${parent.code}`);
        } else if (slot >= 0) {
          const taken = nodeInfo(db, t, [slot])[0]!.code;
          add(
            'placement.leg',
            `slot ${input.placement.leg} under ${parent.code} is taken by ${taken}`,
            'CONFLICT',
          );
        }
      }
    }
    if (ok) {
      const cyclic = to >= 0 && inSubtree(t, 'placement', p, to);
      placement = placementChange(db, t, v, p, to, leg, cyclic);
      // Volume that moves in the binary tree: everyone whose volume owner is in the subtree.
      const inside = new Uint8Array(t.n);
      for (const x of subtree(t, 'placement', p)) inside[x] = 1;
      for (let x = 0; x < t.n; x++) {
        const o = t.owner[x]!;
        if (o >= 0 && inside[o]) movedIds.add(t.ids[x]!);
      }
    }
  }

  if (problems.length === 0 && movedIds.size) {
    const hit = firstClosedVolume(db, [...movedIds]);
    if (hit) {
      add(
        'code',
        `${hit.code}${hit.code === m.code ? '' : ` (moved with ${m.code})`} has orders in closed period ${hit.period}: the move would change that period's computed result`,
        'PERIOD_CLOSED',
      );
    }
  }

  const me = nodeInfo(db, t, [p])[0]!;
  return {
    member: { code: me.code, name: me.name, kind: me.kind, status: me.status },
    period,
    allowed: problems.length === 0,
    problems: problems.map(({ field, message }) => ({ field, message })),
    sponsor,
    placement,
    _problems: problems,
  };
}

function sponsorChange(
  db: Db,
  t: MemberTree,
  v: PeriodVolumes,
  p: number,
  to: number,
  cyclic: boolean,
): NonNullable<MovePreview['sponsor']> {
  const oldUp = ancestors(t, 'sponsor', p);
  const newUp = to >= 0 ? [to, ...ancestors(t, 'sponsor', to)] : [];
  const moved = v.gv[p]!;
  const inOld = new Set(oldUp);
  const inNew = new Set(newUp);
  // Common ancestors keep their GV; only the two branches below the meeting point change.
  const oldOnly = cyclic ? [] : oldUp.filter((a) => !inNew.has(a));
  const newOnly = cyclic ? [] : newUp.filter((a) => !inOld.has(a));
  const affected = [
    ...sideRows(db, t, oldOnly.slice(0, AFFECTED_LISTED), 'old', (a) => [
      v.gv[a]!,
      v.gv[a]! - moved,
    ]),
    ...sideRows(db, t, newOnly.slice(0, AFFECTED_LISTED), 'new', (a) => [
      v.gv[a]!,
      v.gv[a]! + moved,
    ]),
  ];
  const ref = (x: number) => (x >= 0 ? { ...refs(db, t, [x])[0]!, leg: null } : null);
  return {
    from: ref(t.sponsor[p]!),
    to: ref(to),
    oldLine: refs(db, t, oldUp.slice(0, LINE_LISTED)),
    newLine: refs(db, t, newUp.slice(0, LINE_LISTED)),
    subtreeSize: t.sSize[p]! + 1,
    volumeMoved: Math.round(moved),
    oldUplineAffected: moved === 0 ? 0 : oldOnly.length,
    newUplineAffected: moved === 0 ? 0 : newOnly.length,
    affected: moved === 0 ? [] : affected,
  };
}

function sideRows(
  db: Db,
  t: MemberTree,
  positions: number[],
  side: 'old' | 'new',
  values: (a: number) => [number, number],
  legOf: (a: number) => 'L' | 'R' | null = () => null,
) {
  return nodeInfo(db, t, positions).map((r, i) => {
    const [before, after] = values(positions[i]!);
    return {
      code: r.code,
      name: r.name,
      leg: legOf(positions[i]!),
      before: Math.round(before),
      after: Math.round(after),
      side,
    };
  });
}

function placementChange(
  db: Db,
  t: MemberTree,
  v: PeriodVolumes,
  p: number,
  to: number,
  leg: number,
  cyclic: boolean,
): NonNullable<MovePreview['placement']> {
  const sums = placementSums(t, v);
  const moved = t.kind[p] === KIND_DISTRIBUTOR ? sums[p]! : 0;
  // For each ancestor, the leg the moved subtree hangs on (before / after).
  const oldUp = ancestors(t, 'placement', p);
  const oldSide = new Map<number, number>();
  let below = p;
  for (const a of oldUp) {
    oldSide.set(a, t.leg[below]!);
    below = a;
  }
  const newUp = to >= 0 ? [to, ...ancestors(t, 'placement', to)] : [];
  const newSide = new Map<number, number>();
  below = -1;
  for (const a of newUp) {
    newSide.set(a, below < 0 ? leg : t.leg[below]!);
    below = a;
  }
  const legVolume = (a: number, side: number) => {
    const c = side === LEG_L ? t.left[a]! : t.right[a]!;
    return c >= 0 ? sums[c]! : 0;
  };
  const legName = (s: number): 'L' | 'R' | null => (s === LEG_L ? 'L' : s === LEG_R ? 'R' : null);
  const oldOnly = cyclic ? [] : oldUp.filter((a) => newSide.get(a) !== oldSide.get(a));
  const newOnly = cyclic ? [] : newUp.filter((a) => newSide.get(a) !== oldSide.get(a));
  const affected = [
    ...sideRows(
      db,
      t,
      oldOnly.slice(0, AFFECTED_LISTED),
      'old',
      (a) => [legVolume(a, oldSide.get(a)!), legVolume(a, oldSide.get(a)!) - moved],
      (a) => legName(oldSide.get(a)!),
    ),
    ...sideRows(
      db,
      t,
      newOnly.slice(0, AFFECTED_LISTED),
      'new',
      (a) => [legVolume(a, newSide.get(a)!), legVolume(a, newSide.get(a)!) + moved],
      (a) => legName(newSide.get(a)!),
    ),
  ];
  const ref = (x: number, l: number) =>
    x >= 0 ? { ...refs(db, t, [x])[0]!, leg: legName(l) } : null;
  return {
    from: ref(t.placement[p]!, t.leg[p]!),
    to: ref(to, leg),
    oldLine: refs(db, t, oldUp.slice(0, LINE_LISTED)),
    newLine: refs(db, t, newUp.slice(0, LINE_LISTED)),
    subtreeSize: t.pSize[p]! + 1,
    volumeMoved: Math.round(moved),
    oldUplineAffected: moved === 0 ? 0 : oldOnly.length,
    newUplineAffected: moved === 0 ? 0 : newOnly.length,
    affected: moved === 0 ? [] : affected,
  };
}

/** Apply a move (caller owns the transaction): preview, refuse on any problem, update, audit. */
export function applyMove(
  db: Db,
  input: MoveInput,
  reason: string,
  actor: string,
): { member: MemberRow; preview: MovePreview } {
  const { _problems, ...preview } = previewMove(db, input);
  if (_problems.length) {
    const code = _problems.find((x) => x.code === 'PERIOD_CLOSED')
      ? 'PERIOD_CLOSED'
      : _problems.find((x) => x.code === 'CONFLICT')
        ? 'CONFLICT'
        : 'VALIDATION';
    throw new AppError(code, _problems.map((x) => `${x.field}: ${x.message}`).join('; '), {
      issues: _problems.map((x) => ({ path: x.field.split('.'), message: x.message })),
    });
  }
  const m = requireMemberCore(db, input.code);
  const before = getMemberByCode(db, input.code)!;
  const patch: MemberColumnPatch = {};
  if (input.sponsorCode !== undefined) {
    patch.sponsor_id =
      input.sponsorCode === null ? null : requireMemberCore(db, input.sponsorCode).id;
  }
  if (input.placement !== undefined) {
    patch.placement_id =
      input.placement === null ? null : requireMemberCore(db, input.placement.parentCode).id;
    patch.leg = input.placement === null ? null : input.placement.leg;
  }
  updateMemberColumns(db, m.id, patch);
  const after = getMemberByCode(db, input.code)!;
  const pick = (r: MemberRow) => ({
    sponsorCode: r.sponsorCode,
    placementCode: r.placementCode,
    leg: r.leg,
  });
  writeAudit(db, {
    actor,
    action: 'member.move',
    entity: MEMBER_AUDIT_ENTITY,
    entityId: input.code,
    before: pick(before),
    after: {
      ...pick(after),
      period: preview.period,
      sponsorSubtree: preview.sponsor?.subtreeSize ?? null,
      placementSubtree: preview.placement?.subtreeSize ?? null,
    },
    reason,
  });
  return { member: after, preview };
}
