import { mulBp } from '../../shared/money';
import type { BinaryBonus, BonusType, MatchingBonus, Plan, UnilevelBonus } from '../../shared/plan';
import { childLists, computeRun, depthTable, rankTable } from './engine';
import {
  KIND_CUSTOMER,
  KIND_DISTRIBUTOR,
  KIND_NAMES,
  LEG_LEFT,
  STATUS_ACTIVE,
  STATUS_NAMES,
  STATUS_TERMINATED,
  periodToInt,
  type MemberKind,
  type MemberStatus,
  type PeriodSnapshot,
  type RunResult,
} from './types';

/**
 * "Why is my bonus Rp X?" — every line a member earned, plus the lines they did *not* earn and
 * why. Paid lines come from the run (RunResult.lines); the engine stores only lines with
 * amount > 0, so the why-not part re-walks the member's surroundings with the run's own per-member
 * figures (volume owner, parent, PV/BV/GV, rank, active) — the walks of plan-format.md seen from
 * the earner's side, not a second computation of volumes or ranks. One member costs
 * O(members + lines) plus its downline.
 */

/** The run's per-member figures explain works from, plus the distributor tree's child lists. */
interface Facts {
  plan: Plan;
  snap: PeriodSnapshot;
  n: number;
  volumeOwner: Int32Array;
  parent: Int32Array;
  pv: Float64Array;
  bv: Float64Array;
  ownBv: Float64Array;
  gv: Float64Array;
  rank: Int32Array;
  active: Uint8Array;
  /** Distributor children of each member (CSR). */
  kids: { start: Int32Array; child: Int32Array };
}

function factsOf(plan: Plan, snap: PeriodSnapshot, result: RunResult): Facts {
  const r = result.members;
  const n = snap.members.count;
  const kind = snap.members.kind;
  return {
    plan,
    snap,
    n,
    volumeOwner: r.volumeOwner,
    parent: r.parent,
    pv: r.pv,
    bv: r.bv,
    ownBv: r.ownBv,
    gv: r.gv,
    rank: r.rank,
    active: r.active,
    kids: childLists(r.parent, n, (m) => kind[m] === KIND_DISTRIBUTOR),
  };
}

export type WhyNotCode =
  /** retail/referral earner whose status is not active */
  | 'STATUS_NOT_ACTIVE'
  /** earner not active (status, or PV below activePv) */
  | 'NOT_ACTIVE'
  /** unilevel/matching: the member was inactive and skipped; the level went to the next active upline */
  | 'COMPRESSED'
  /** unilevel/matching: reached at a level beyond the depth of the member's rank */
  | 'BEYOND_RANK_DEPTH'
  /** the rate applied to a small base floors to 0 */
  | 'ROUNDS_TO_ZERO'
  /** binary: pair amount above capAmount was flushed */
  | 'CAP_HIT'
  /** binary: a leg holds no active distributor the member sponsored */
  | 'LEG_NOT_QUALIFIED';

export interface ExplainLine {
  bonusId: string;
  type: BonusType;
  level: number;
  sourceMember: number;
  sourceCode: string | null;
  sourceOrder: number | null;
  base: number;
  rateBp: number;
  amount: number;
}

export interface WhyNot {
  bonusId: string;
  type: BonusType;
  code: WhyNotCode;
  message: string;
  sourceMember: number | null;
  sourceCode: string | null;
  sourceOrder: number | null;
  level: number | null;
  base: number;
  rateBp: number;
  /** What the line would have paid. */
  missed: number;
}

export interface BonusExplanation {
  id: string;
  type: BonusType;
  amount: number;
  lines: ExplainLine[];
  /** Largest missed amounts first. */
  whyNot: WhyNot[];
  /** Why-not entries left out beyond `maxWhyNot`. */
  whyNotOmitted: number;
}

export interface RankCheck {
  rank: string;
  index: number;
  achieved: boolean;
  unmet: string[];
}

export interface BinaryExplanation {
  carryInL: number;
  carryInR: number;
  legBvL: number;
  legBvR: number;
  inL: number;
  inR: number;
  qualified: boolean;
  sponsoredActiveLeft: boolean;
  sponsoredActiveRight: boolean;
  pair: number;
  /** floor(pair · rate) before the cap */
  uncapped: number;
  amount: number;
  carryOutL: number;
  carryOutR: number;
}

export interface MemberExplanation {
  period: string;
  member: number;
  code: string;
  kind: MemberKind;
  status: MemberStatus;
  /** Distributor whose volume this member's orders count for (itself for distributors). */
  volumeOwner: string | null;
  sponsor: string | null;
  parent: string | null;
  pv: number;
  gv: number;
  bv: number;
  ownBv: number;
  activePv: number;
  active: boolean;
  /** Why the member is not active (null when active). */
  inactiveReason: string | null;
  rank: string | null;
  rankChecks: RankCheck[];
  bonuses: BonusExplanation[];
  binary: BinaryExplanation | null;
  payout: {
    bonusTotal: number;
    adjustments: number;
    clawbacks: number;
    carryIn: number;
    gross: number;
    available: number;
    minimum: number;
    held: boolean;
    heldReasons: string[];
    paid: boolean;
    /** Why nothing was paid out (null when paid). */
    notPaidReason: string | null;
    taxProfile: string;
    taxBase: number;
    tax: number;
    net: number;
    carryOut: number;
  };
}

export interface ExplainOptions {
  /** Cap on why-not entries per bonus (default 200); the rest is counted in whyNotOmitted. */
  maxWhyNot?: number;
}

export function explainMember(
  plan: Plan,
  snap: PeriodSnapshot,
  member: number,
  result: RunResult = computeRun(plan, snap),
  opts: ExplainOptions = {},
): MemberExplanation {
  if (member < 0 || member >= snap.members.count) throw new RangeError(`no member at ${member}`);
  const st = factsOf(plan, snap, result);
  const M = snap.members;
  const R = result.members;
  const codeOf = (m: number): string | null => (m >= 0 ? (M.code[m] ?? null) : null);
  const customer = M.kind[member] === KIND_CUSTOMER;
  const status = STATUS_NAMES[M.status[member] as number] ?? 'active';
  const maxWhyNot = opts.maxWhyNot ?? 200;
  const binaryBonus = plan.bonuses.find((b): b is BinaryBonus => b.type === 'binary');
  const binary = binaryBonus && !customer ? explainBinary(st, binaryBonus, member) : null;

  const bonuses = plan.bonuses.map((b, index): BonusExplanation => {
    const why: WhyNot[] = customer ? [] : whyNotFor(st, result, member, index, binary);
    if (customer && b.type === 'referral') why.push(...referralWhyNot(st, member, index));
    why.sort((x, y) => y.missed - x.missed);
    return {
      id: b.id,
      type: b.type,
      amount: (R.bonus[index] as Float64Array)[member] as number,
      lines: [],
      whyNot: why.slice(0, maxWhyNot),
      whyNotOmitted: Math.max(0, why.length - maxWhyNot),
    };
  });
  const L = result.lines;
  for (let i = 0; i < L.count; i++) {
    if (L.earner[i] !== member) continue;
    const bi = L.bonus[i] as number;
    const b = plan.bonuses[bi];
    const target = bonuses[bi];
    if (!b || !target) continue;
    const src = L.sourceMember[i] as number;
    const order = L.sourceOrder[i] as number;
    target.lines.push({
      bonusId: b.id,
      type: b.type,
      level: L.level[i] as number,
      sourceMember: src,
      sourceCode: codeOf(src),
      sourceOrder: order >= 0 ? order : null,
      base: L.base[i] as number,
      rateBp: L.rateBp[i] as number,
      amount: L.amount[i] as number,
    });
  }

  const minimum = plan.payout.minimum ?? 0;
  const available = R.available[member] as number;
  const held = R.held[member] === 1;
  const heldReasons: string[] = [];
  if (M.hold[member] === 1) heldReasons.push('payout hold');
  if (M.status[member] !== STATUS_ACTIVE) heldReasons.push(`status ${status}`);
  if (M.hasBank[member] !== 1) heldReasons.push('no bank account');

  return {
    period: snap.period,
    member,
    code: M.code[member] as string,
    kind: KIND_NAMES[M.kind[member] as number] ?? 'distributor',
    status,
    volumeOwner: codeOf(st.volumeOwner[member] as number),
    sponsor: codeOf(M.sponsor[member] as number),
    parent: codeOf(st.parent[member] as number),
    pv: R.pv[member] as number,
    gv: R.gv[member] as number,
    bv: R.bv[member] as number,
    ownBv: R.ownBv[member] as number,
    activePv: plan.activePv,
    active: R.active[member] === 1,
    inactiveReason: inactiveReason(st, member),
    rank: customer ? null : (plan.ranks[R.rank[member] as number]?.code ?? null),
    rankChecks: customer ? [] : rankChecks(st, member),
    bonuses,
    binary,
    payout: {
      bonusTotal: R.bonusTotal[member] as number,
      adjustments: R.adjustments[member] as number,
      clawbacks: R.clawbacks[member] as number,
      carryIn: R.carryIn[member] as number,
      gross: R.gross[member] as number,
      available,
      minimum,
      held,
      heldReasons,
      paid: R.paid[member] === 1,
      notPaidReason:
        R.paid[member] === 1
          ? null
          : held
            ? `held: ${heldReasons.join(', ')}`
            : available <= 0
              ? 'nothing available (balance ≤ 0 carries forward)'
              : `available ${available} is below the payout minimum ${minimum}; carried forward`,
      taxProfile: plan.tax.profile,
      taxBase: R.taxBase[member] as number,
      tax: R.tax[member] as number,
      net: R.net[member] as number,
      carryOut: R.carryOut[member] as number,
    },
  };
}

// ---------------------------------------------------------------------------------------------

function inactiveReason(st: Facts, m: number): string | null {
  const M = st.snap.members;
  if (M.kind[m] === KIND_CUSTOMER) return 'customers are never active';
  if (M.status[m] !== STATUS_ACTIVE) return `status ${STATUS_NAMES[M.status[m] as number]}`;
  if ((st.pv[m] as number) < st.plan.activePv)
    return `PV ${st.pv[m]} is below activePv ${st.plan.activePv}`;
  return null;
}

function rankChecks(st: Facts, d: number): RankCheck[] {
  const t = rankTable(st.plan);
  const { start, child } = st.kids;
  const children = Array.from(child.subarray(start[d] as number, start[d + 1] as number));
  const checks: RankCheck[] = [];
  const achievedIndex = st.rank[d] as number;
  const pv = st.pv[d] as number;
  for (let i = 1; i < t.count; i++) {
    const unmet: string[] = [];
    if (st.snap.members.status[d] !== STATUS_ACTIVE) unmet.push('status is not active');
    if (pv < (t.minPv[i] as number)) unmet.push(`PV ${pv} < minPv ${t.minPv[i]}`);
    const cs = t.capSlot[i] as number;
    const minGv = t.minGv[i] as number;
    if (cs >= 0) {
      const cap = t.capOfSlot[cs] as number;
      const q = children.reduce((sum, c) => sum + Math.min(st.gv[c] as number, cap), pv);
      if (q < minGv) unmet.push(`qualifying GV ${q} (legs capped at ${cap}) < minGv ${minGv}`);
    } else if ((st.gv[d] as number) < minGv) {
      unmet.push(`GV ${st.gv[d]} < minGv ${minGv}`);
    }
    const ls = t.legSlot[i] as number;
    if (ls >= 0) {
      const need = t.legCount[i] as number;
      const legRank = t.legRankOfSlot[ls] as number;
      const have = children.filter((c) => subtreeHoldsRank(st, c, legRank)).length;
      if (have < need) {
        unmet.push(`${have} of ${need} legs holding rank ${t.codes[legRank]} or higher`);
      }
    }
    checks.push({ rank: t.codes[i] as string, index: i, achieved: i === achievedIndex, unmet });
  }
  return checks;
}

/** Whether c's subtree (c included) holds a distributor of rank index ≥ `rank` (explicit stack). */
function subtreeHoldsRank(st: Facts, c: number, rank: number): boolean {
  const { start, child } = st.kids;
  const stack = [c];
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if ((st.rank[x] as number) >= rank) return true;
    for (let k = start[x] as number; k < (start[x + 1] as number); k++)
      stack.push(child[k] as number);
  }
  return false;
}

function whyNotFor(
  st: Facts,
  result: RunResult,
  a: number,
  index: number,
  binary: BinaryExplanation | null,
): WhyNot[] {
  const b = st.plan.bonuses[index];
  if (!b) return [];
  switch (b.type) {
    case 'retail':
      return retailWhyNot(st, a, index);
    case 'referral':
      return referralWhyNot(st, a, index);
    case 'sponsor':
      return sponsorWhyNot(st, a, index, b.rateBp);
    case 'unilevel':
      return uplineWhyNot(st, a, index, b, st.bv);
    case 'matching': {
      const of = st.plan.bonuses.findIndex((x) => x.id === b.of);
      return uplineWhyNot(st, a, index, b, result.members.bonus[of] as Float64Array);
    }
    case 'binary':
      return binary ? binaryWhyNot(st, a, index, b, binary) : [];
  }
}

function entry(
  st: Facts,
  index: number,
  code: WhyNotCode,
  message: string,
  e: Partial<Pick<WhyNot, 'sourceMember' | 'sourceOrder' | 'level'>> & {
    base: number;
    rateBp: number;
    missed: number;
  },
): WhyNot {
  const b = st.plan.bonuses[index];
  const src = e.sourceMember ?? null;
  return {
    bonusId: b?.id ?? '',
    type: b?.type ?? 'retail',
    code,
    message,
    sourceMember: src,
    sourceCode: src !== null && src >= 0 ? (st.snap.members.code[src] ?? null) : null,
    sourceOrder: e.sourceOrder ?? null,
    level: e.level ?? null,
    base: e.base,
    rateBp: e.rateBp,
    missed: e.missed,
  };
}

/** Retail margins of customer orders owned by `a` that were not paid because a's status is not active. */
function retailWhyNot(st: Facts, a: number, index: number): WhyNot[] {
  const M = st.snap.members;
  if (M.status[a] === STATUS_ACTIVE) return [];
  const L = st.snap.lines;
  const byOrder = new Map<number, { buyer: number; margin: number }>();
  for (let i = 0; i < L.count; i++) {
    const buyer = L.buyer[i] as number;
    if (M.kind[buyer] !== KIND_CUSTOMER || st.volumeOwner[buyer] !== a) continue;
    const margin =
      (L.qty[i] as number) * Math.max(0, (L.unitPrice[i] as number) - (L.memberPrice[i] as number));
    const o = L.order[i] as number;
    const acc = byOrder.get(o);
    if (acc) acc.margin += margin;
    else byOrder.set(o, { buyer, margin });
  }
  const out: WhyNot[] = [];
  for (const [order, { buyer, margin }] of byOrder) {
    if (margin <= 0) continue;
    out.push(
      entry(
        st,
        index,
        'STATUS_NOT_ACTIVE',
        `status ${STATUS_NAMES[M.status[a] as number]}: retail margin not paid`,
        {
          sourceMember: buyer,
          sourceOrder: order,
          base: margin,
          rateBp: 10_000,
          missed: margin,
        },
      ),
    );
  }
  return out;
}

/** Customers sponsored by `a` whose referral was not paid (a's status, or rounding). */
function referralWhyNot(st: Facts, a: number, index: number): WhyNot[] {
  const b = st.plan.bonuses[index];
  if (b?.type !== 'referral') return [];
  const M = st.snap.members;
  const out: WhyNot[] = [];
  for (let c = 0; c < st.n; c++) {
    if (M.kind[c] !== KIND_CUSTOMER || M.sponsor[c] !== a) continue;
    const base = st.ownBv[c] as number;
    if (base <= 0) continue;
    const missed = mulBp(base, b.rateBp);
    if (M.status[a] !== STATUS_ACTIVE) {
      out.push(
        entry(
          st,
          index,
          'STATUS_NOT_ACTIVE',
          `status ${STATUS_NAMES[M.status[a] as number]}: referral not paid`,
          {
            sourceMember: c,
            base,
            rateBp: b.rateBp,
            missed,
          },
        ),
      );
    } else if (missed === 0) {
      out.push(roundsToZero(st, index, c, null, base, b.rateBp));
    }
  }
  return out;
}

function roundsToZero(
  st: Facts,
  index: number,
  source: number,
  level: number | null,
  base: number,
  rateBp: number,
): WhyNot {
  return entry(st, index, 'ROUNDS_TO_ZERO', `floor(${base} × ${rateBp} / 10000) = 0`, {
    sourceMember: source,
    ...(level !== null ? { level } : {}),
    base,
    rateBp,
    missed: 0,
  });
}

/** New distributors (joined in P) whose parent `a` did not earn the first-month bonus. */
function sponsorWhyNot(st: Facts, a: number, index: number, rateBp: number): WhyNot[] {
  const M = st.snap.members;
  const period = periodToInt(st.snap.period);
  const out: WhyNot[] = [];
  for (let d = 0; d < st.n; d++) {
    if (M.kind[d] !== KIND_DISTRIBUTOR || st.parent[d] !== a || M.joinPeriod[d] !== period)
      continue;
    const base = st.ownBv[d] as number;
    if (base <= 0) continue;
    const missed = mulBp(base, rateBp);
    if (!st.active[a]) {
      out.push(
        entry(
          st,
          index,
          'NOT_ACTIVE',
          `not active (${inactiveReason(st, a)}): first-month bonus not paid`,
          {
            sourceMember: d,
            base,
            rateBp,
            missed,
          },
        ),
      );
    } else if (missed === 0) {
      out.push(roundsToZero(st, index, d, null, base, rateBp));
    }
  }
  return out;
}

/**
 * Unilevel / matching seen from the earner: walk a's distributor downline top-down, counting the
 * active members strictly between each source and `a`; that count + 1 is the level at which the
 * source's walk reaches `a`. Branches stop once that level passes levels.length.
 */
function uplineWhyNot(
  st: Facts,
  a: number,
  index: number,
  b: UnilevelBonus | MatchingBonus,
  baseOf: Float64Array,
): WhyNot[] {
  const M = st.snap.members;
  if (M.kind[a] !== KIND_DISTRIBUTOR) return [];
  const depth = depthTable(st.plan, b).at(st.rank[a] as number) ?? 0;
  const rankCode = st.plan.ranks[st.rank[a] as number]?.code ?? '';
  const { start, child } = st.kids;
  const out: WhyNot[] = [];
  // Explicit stack of (member, active members strictly between it and a).
  const stackM: number[] = [];
  const stackC: number[] = [];
  for (let k = start[a] as number; k < (start[a + 1] as number); k++) {
    stackM.push(child[k] as number);
    stackC.push(0);
  }
  while (stackM.length > 0) {
    const s = stackM.pop() as number;
    const between = stackC.pop() as number;
    const level = between + 1;
    const base = baseOf[s] as number;
    if (base > 0) {
      const rateBp = b.levels[level - 1] as number;
      const missed = mulBp(base, rateBp);
      if (!st.active[a]) {
        out.push(
          entry(
            st,
            index,
            'COMPRESSED',
            `not active (${inactiveReason(st, a)}): skipped, level ${level} passed to the next active upline`,
            {
              sourceMember: s,
              level,
              base,
              rateBp,
              missed,
            },
          ),
        );
      } else if (level > depth) {
        out.push(
          entry(
            st,
            index,
            'BEYOND_RANK_DEPTH',
            `level ${level} is beyond the depth ${depth} of rank ${rankCode}`,
            {
              sourceMember: s,
              level,
              base,
              rateBp,
              missed,
            },
          ),
        );
      } else if (missed === 0) {
        out.push(roundsToZero(st, index, s, level, base, rateBp));
      }
    }
    const next = between + (st.active[s] ? 1 : 0);
    if (next + 1 > b.levels.length) continue;
    for (let k = start[s] as number; k < (start[s + 1] as number); k++) {
      stackM.push(child[k] as number);
      stackC.push(next);
    }
  }
  return out;
}

/**
 * The binary picture of one member, from its own placement subtree: leg BV by walking each leg,
 * and the sponsored-active test by marking the leg each node belongs to.
 */
function explainBinary(st: Facts, b: BinaryBonus, m: number): BinaryExplanation {
  const { placement, leg, sponsor } = st.snap.members;
  const n = st.n;
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  for (let x = 0; x < n; x++) {
    const p = placement[x] as number;
    if (p < 0) continue;
    if (leg[x] === LEG_LEFT) left[p] = x;
    else right[p] = x;
  }
  // side[x] = 1 in m's left leg, 2 in its right leg
  const side = new Uint8Array(n);
  const legBv = [0, 0];
  ([left[m], right[m]] as number[]).forEach((root, i) => {
    const stack = root >= 0 ? [root] : [];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      side[x] = i + 1;
      legBv[i] = (legBv[i] as number) + (st.bv[x] as number);
      if ((left[x] as number) >= 0) stack.push(left[x] as number);
      if ((right[x] as number) >= 0) stack.push(right[x] as number);
    }
  });
  let sponsoredLeft = false;
  let sponsoredRight = false;
  for (let x = 0; x < n; x++) {
    if (sponsor[x] !== m || !st.active[x]) continue;
    if (side[x] === 1) sponsoredLeft = true;
    if (side[x] === 2) sponsoredRight = true;
  }
  const legBvL = legBv[0] as number;
  const legBvR = legBv[1] as number;
  const carryInL = st.snap.binaryCarryInL[m] as number;
  const carryInR = st.snap.binaryCarryInR[m] as number;
  const inL = carryInL + legBvL;
  const inR = carryInR + legBvR;
  const qualified =
    st.active[m] === 1 && (!b.requireSponsoredActiveEachLeg || (sponsoredLeft && sponsoredRight));
  const pair = qualified ? Math.min(inL, inR) : 0;
  const uncapped = mulBp(pair, b.rateBp);
  const amount = Math.min(uncapped, b.capAmount ?? Number.POSITIVE_INFINITY);
  const terminated = st.snap.members.status[m] === STATUS_TERMINATED;
  return {
    carryInL,
    carryInR,
    legBvL,
    legBvR,
    inL,
    inR,
    qualified,
    sponsoredActiveLeft: sponsoredLeft,
    sponsoredActiveRight: sponsoredRight,
    pair,
    uncapped,
    amount,
    carryOutL: terminated ? 0 : inL - pair,
    carryOutR: terminated ? 0 : inR - pair,
  };
}

function binaryWhyNot(
  st: Facts,
  a: number,
  index: number,
  b: BinaryBonus,
  x: BinaryExplanation,
): WhyNot[] {
  const pairIfQualified = Math.min(x.inL, x.inR);
  const wouldBe = Math.min(
    mulBp(pairIfQualified, b.rateBp),
    b.capAmount ?? Number.POSITIVE_INFINITY,
  );
  const out: WhyNot[] = [];
  const common = { base: pairIfQualified, rateBp: b.rateBp, missed: wouldBe };
  if (!st.active[a]) {
    const carry =
      st.snap.members.status[a] === STATUS_TERMINATED
        ? 'terminated: carry set to 0'
        : 'both legs carried forward whole';
    out.push(
      entry(
        st,
        index,
        'NOT_ACTIVE',
        `not active (${inactiveReason(st, a)}): no pair; ${carry}`,
        common,
      ),
    );
  }
  if (b.requireSponsoredActiveEachLeg && (!x.sponsoredActiveLeft || !x.sponsoredActiveRight)) {
    const legs = [!x.sponsoredActiveLeft ? 'left' : '', !x.sponsoredActiveRight ? 'right' : '']
      .filter(Boolean)
      .join(' and ');
    out.push(
      entry(
        st,
        index,
        'LEG_NOT_QUALIFIED',
        `no active personally sponsored distributor in the ${legs} leg`,
        common,
      ),
    );
  }
  if (x.qualified && x.uncapped > x.amount) {
    out.push(
      entry(
        st,
        index,
        'CAP_HIT',
        `capped at ${b.capAmount}; ${x.uncapped - x.amount} flushed with the pair`,
        {
          base: x.pair,
          rateBp: b.rateBp,
          missed: x.uncapped - x.amount,
        },
      ),
    );
  }
  if (x.qualified && x.pair > 0 && x.uncapped === 0) {
    out.push(roundsToZero(st, index, -1, null, x.pair, b.rateBp));
  }
  return out;
}
