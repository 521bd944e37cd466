import { mulBp as sharedMulBp } from '../../shared/money';
import type {
  BinaryBonus,
  MatchingBonus,
  Plan,
  ReferralBonus,
  SponsorBonus,
  TaxProfile,
  UnilevelBonus,
} from '../../shared/plan';
import { computeTax } from './tax';
import {
  KIND_CUSTOMER as KIND_CUSTOMER_,
  KIND_DISTRIBUTOR as KIND_DISTRIBUTOR_,
  LEG_LEFT as LEG_LEFT_,
  LEG_NONE as LEG_NONE_,
  LEG_RIGHT as LEG_RIGHT_,
  STATUS_ACTIVE as STATUS_ACTIVE_,
  STATUS_TERMINATED as STATUS_TERMINATED_,
  SnapshotError,
  periodToInt,
  type ComputeOptions,
  type MemberResults,
  type PeriodSnapshot,
  type RunLines,
  type RunResult,
  type RunTotals,
} from './types';

// Module-local copies of imported values used in hot loops: under tsx/vitest, imports compile to
// getter properties that V8 does not inline, which made the million-member loops several × slower.
const KIND_CUSTOMER = KIND_CUSTOMER_;
const KIND_DISTRIBUTOR = KIND_DISTRIBUTOR_;
const LEG_LEFT = LEG_LEFT_;
const LEG_NONE = LEG_NONE_;
const LEG_RIGHT = LEG_RIGHT_;
const STATUS_ACTIVE = STATUS_ACTIVE_;
const STATUS_TERMINATED = STATUS_TERMINATED_;
const mulBp = sharedMulBp;

/**
 * Members per bucket when sums are added to member arrays bucket by bucket: 32768 members span
 * 256 KB per Float64Array, so the writes of a bucket stay in cache and in the TLB. Adding to
 * random places of million-entry arrays instead costs 100–200 ns per write on a VM — at 5M lines
 * that alone was most of the engine's time.
 */
const BUCKET_SHIFT = 15;

/**
 * The commission engine: (plan, period snapshot) → run. Pure: no I/O, no clock, no randomness.
 * Rules and their interpretation: /work/shared/docs/plan-format.md and docs/plan-engine.md.
 *
 * Shape of the computation (every pass is linear, none recursive — trees can be 100k deep):
 *   1. validate the snapshot; put the sponsor forest in a parents-first order ("tree order",
 *      positions k): the input order when sponsors already come first, else breadth-first;
 *      derive each member's volume owner and distributor parent;
 *   2. the order lines → PV, BV, own BV (summed per order, added to members bucket by bucket);
 *   3. one bottom-up pass in tree order → GV, qualifying GV per capped rank, qualified legs, rank;
 *   4. one top-down pass → `nextActive` (nearest active ancestor), which makes dynamic compression
 *      O(levels) per source instead of O(depth);
 *   5. bonuses in plan order, each a small function appending lines;
 *   6. payout and tax per member, totals.
 *
 * Memory access, not arithmetic, is the cost at 1M members and 5M lines: passes read arrays
 * sequentially where they can; additions to random members are grouped by bucket (BUCKET_SHIFT)
 * or deferred to their block; per-member accumulators are interleaved so one update touches one
 * cache line; and no array is copied without need (fresh memory is expensive to touch).
 */
export function computeRun(plan: Plan, snap: PeriodSnapshot, opts: ComputeOptions = {}): RunResult {
  const stages = ['tree', 'volumes', 'ranks', ...plan.bonuses.map((b) => b.id), 'payout'];
  let done = 0;
  const progress = (): void => {
    done += 1;
    opts.onProgress?.(stages[done - 1] ?? '', done, stages.length);
  };

  const st = prepareState(plan, snap, progress, opts.bucketShift ?? BUCKET_SHIFT);
  const lines = new LineBuffer(Math.max(1024, st.n));
  const bonus = plan.bonuses.map(() => new Float64Array(st.n));

  plan.bonuses.forEach((b, index) => {
    const out: BonusOutput = { index, amounts: bonus[index] as Float64Array, lines };
    switch (b.type) {
      case 'retail':
        retailBonus(st, out);
        break;
      case 'referral':
        referralBonus(st, b, out);
        break;
      case 'sponsor':
        sponsorBonus(st, b, out);
        break;
      case 'unilevel':
        unilevelBonus(st, b, out);
        break;
      case 'binary':
        binaryBonus(st, b, out);
        break;
      case 'matching': {
        const of = plan.bonuses.findIndex((x) => x.id === b.of);
        matchingBonus(st, b, bonus[of] as Float64Array, out);
        break;
      }
    }
    progress();
  });

  const members = payout(st, bonus);
  progress();
  return {
    period: snap.period,
    bonusIds: plan.bonuses.map((b) => b.id),
    members,
    lines: lines.finish(),
    totals: totalsOf(members),
  };
}

// ---------------------------------------------------------------------------------------------
// State shared by the passes (also used by explain.ts to re-walk one member's situation).

/** The sponsor forest in a parents-first order; arrays suffixed K are indexed by tree position. */
export interface TreeOrder {
  /** Positions are member indices (the input order was already parents-first). */
  identity: boolean;
  /** position → member */
  order: Int32Array;
  /** member → position */
  pos: Int32Array;
  /** 1 when the member at the position is a distributor */
  distK: Uint8Array;
  /** status of the member at the position */
  statusK: Uint8Array;
  /** position of parent(d), -1 for roots and customers */
  parentK: Int32Array;
}

/** What the volume pass learnt about the order lines, for retail. */
export interface LineFacts {
  /** Order ids never decrease, so each order's lines are contiguous. */
  sortedByOrder: boolean;
  /** First line of each run of consecutive lines bought by one customer (the run ends where the buyer changes). */
  customerRuns: Int32Array;
  customerRunCount: number;
}

export interface EngineState {
  plan: Plan;
  snap: PeriodSnapshot;
  n: number;
  tree: TreeOrder;
  lineFacts: LineFacts;
  // Member order:
  volumeOwner: Int32Array;
  parent: Int32Array;
  pv: Float64Array;
  bv: Float64Array;
  ownBv: Float64Array;
  gv: Float64Array;
  rank: Int32Array;
  active: Uint8Array;
  // Tree order (for the upline walks of unilevel and matching):
  rankK: Int32Array;
  /** Nearest active strict ancestor (a position) in the distributor tree, -1 if none. */
  nextActiveK: Int32Array;
  /** Binary carry after the period (filled by the binary bonus). */
  binaryCarryL: Float64Array;
  binaryCarryR: Float64Array;
}

/** Steps 1–4: everything the bonuses depend on. `shift`: see ComputeOptions.bucketShift. */
export function prepareState(
  plan: Plan,
  snap: PeriodSnapshot,
  progress?: () => void,
  shift: number = BUCKET_SHIFT,
): EngineState {
  validateSnapshot(snap);
  const n = snap.members.count;
  const { tree, volumeOwner, parent } = treeOrder(snap);
  progress?.();
  const { pv, bv, ownBv, lineFacts } = volumes(snap, volumeOwner, shift);
  progress?.();
  const pvK = gather(tree, pv);
  const { gvK, rankK } = groupVolumeAndRanks(plan, tree, pvK, shift);
  const activeK = new Uint8Array(n);
  const { distK, statusK } = tree;
  for (let k = 0; k < n; k++) {
    activeK[k] =
      distK[k] === 1 && statusK[k] === STATUS_ACTIVE && (pvK[k] as number) >= plan.activePv ? 1 : 0;
  }
  const nextActiveK = nearestActiveAncestors(tree, activeK);
  const st: EngineState = {
    plan,
    snap,
    n,
    tree,
    lineFacts,
    volumeOwner,
    parent,
    pv,
    bv,
    ownBv,
    gv: scatter(tree, gvK, () => new Float64Array(n)),
    rank: scatter(tree, rankK, () => new Int32Array(n)),
    active: scatter(tree, activeK, () => new Uint8Array(n)),
    rankK,
    nextActiveK,
    binaryCarryL: new Float64Array(n),
    binaryCarryR: new Float64Array(n),
  };
  progress?.();
  return st;
}

// Member order ↔ tree order. With the identity order the same array serves both (never copied:
// on the VMs this runs on, first touch of fresh memory costs ~1.5 ms per MB).

/** out[k] = values[order[k]] */
function gather(tree: TreeOrder, values: Float64Array): Float64Array {
  if (tree.identity) return values;
  const order = tree.order;
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = values[order[k] as number] as number;
  return out;
}

/** out[order[k]] = valuesK[k] */
function scatter<T extends Float64Array | Int32Array | Uint8Array>(
  tree: TreeOrder,
  valuesK: T,
  make: () => T,
): T {
  if (tree.identity) return valuesK;
  const order = tree.order;
  const out = make();
  for (let k = 0; k < order.length; k++) out[order[k] as number] = valuesK[k] as number;
  return out;
}

/** A position-valued array back to member order: out[order[k]] = order[refK[k]] (or -1). */
function scatterRef(order: Int32Array, refK: Int32Array): Int32Array {
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const r = refK[k] as number;
    out[order[k] as number] = r >= 0 ? (order[r] as number) : -1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1. Snapshot checks and the sponsor tree

/**
 * Rejects what the engine cannot give a meaning to; the database enforces the same invariants.
 * Structure only: cycles are found by the tree passes, line values by the volume pass.
 */
export function validateSnapshot(snap: PeriodSnapshot): void {
  const M = snap.members;
  const n = M.count;
  const perMember: [string, ArrayLike<unknown>][] = [
    ['code', M.code],
    ['kind', M.kind],
    ['status', M.status],
    ['sponsor', M.sponsor],
    ['placement', M.placement],
    ['leg', M.leg],
    ['joinPeriod', M.joinPeriod],
    ['hold', M.hold],
    ['hasBank', M.hasBank],
    ['hasTaxId', M.hasTaxId],
    ['adjustments', snap.adjustments],
    ['clawbacks', snap.clawbacks],
    ['carryIn', snap.carryIn],
    ['binaryCarryInL', snap.binaryCarryInL],
    ['binaryCarryInR', snap.binaryCarryInR],
  ];
  for (const [name, arr] of perMember) {
    if (arr.length < n)
      throw new SnapshotError(`members.${name} has ${arr.length} entries, expected ${n}`);
  }
  periodToInt(snap.period);
  const bad = (m: number, what: string): never => {
    throw new SnapshotError(`member ${M.code[m] ?? m}: ${what}`);
  };
  const { kind, status, sponsor, placement, leg } = M;
  // Placement slots taken so far: bit 1 left, bit 2 right.
  const slots = new Uint8Array(n);
  for (let m = 0; m < n; m++) {
    const k = kind[m] as number;
    if (k > KIND_CUSTOMER) bad(m, `invalid kind ${k}`);
    if ((status[m] as number) > STATUS_TERMINATED) bad(m, `invalid status ${status[m]}`);
    const s = sponsor[m] as number;
    if (s < -1 || s >= n || s === m) bad(m, `invalid sponsor ${s}`);
    const p = placement[m] as number;
    const side = leg[m] as number;
    if (p === -1) {
      if (side !== LEG_NONE) bad(m, 'leg without placement');
      continue;
    }
    if (p < -1 || p >= n || p === m) bad(m, `invalid placement ${p}`);
    if (k !== KIND_DISTRIBUTOR || kind[p] !== KIND_DISTRIBUTOR) {
      bad(m, 'placement is for distributors under distributors only');
    }
    if (side !== LEG_LEFT && side !== LEG_RIGHT) bad(m, 'placement without leg');
    if (((slots[p] as number) & side) !== 0)
      bad(m, `placement slot ${side === LEG_LEFT ? 'L' : 'R'} is taken`);
    slots[p] = (slots[p] as number) | side;
  }
  const L = snap.lines;
  for (const [name, arr] of [
    ['order', L.order],
    ['buyer', L.buyer],
    ['qty', L.qty],
    ['unitPrice', L.unitPrice],
    ['memberPrice', L.memberPrice],
    ['pv', L.pv],
    ['bv', L.bv],
  ] as const) {
    if (arr.length < L.count)
      throw new SnapshotError(`lines.${name} has ${arr.length} entries, expected ${L.count}`);
  }
  if (snap.bought) {
    for (const [name, arr] of [
      ['pv', snap.bought.pv],
      ['bv', snap.bought.bv],
    ] as const) {
      if (arr.length < n)
        throw new SnapshotError(`bought.${name} has ${arr.length} entries, expected ${n}`);
      for (let m = 0; m < n; m++) {
        const x = arr[m] as number;
        if (!(x >= 0 && Number.isInteger(x))) bad(m, `bought.${name} must be a whole number ≥ 0`);
      }
    }
  }
  // Per-line checks (buyer in range, qty ≥ 0) happen in the volume pass, which reads every line
  // anyway; a distributor's sponsor kind is checked in treeOrder, which visits every member.
}

/**
 * Children lists (CSR) of a forest given as parent pointers: children of p are
 * child[start[p] .. start[p+1]), in member order. `include(m)` filters nodes. With `parents`
 * (the number of possible parents, n by default) it groups any n items by a key < parents — a
 * stable counting sort (the close writes run lines grouped by earner this way).
 */
export function childLists(
  parentOf: Int32Array,
  n: number,
  include?: (m: number) => boolean,
  parents: number = n,
): { start: Int32Array; child: Int32Array } {
  const start = new Int32Array(parents + 1);
  for (let m = 0; m < n; m++) {
    const p = parentOf[m] as number;
    if (p >= 0 && (include === undefined || include(m)))
      start[p + 1] = (start[p + 1] as number) + 1;
  }
  for (let i = 0; i < parents; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, parents);
  const child = new Int32Array(start[parents] as number);
  for (let m = 0; m < n; m++) {
    const p = parentOf[m] as number;
    if (p >= 0 && (include === undefined || include(m))) {
      const at = fill[p] as number;
      child[at] = m;
      fill[p] = at + 1;
    }
  }
  return { start, child };
}

interface TreeAndOwners {
  tree: TreeOrder;
  volumeOwner: Int32Array;
  parent: Int32Array;
}

/**
 * A parents-first order of the sponsor forest, with each member's volume owner (the member
 * itself for a distributor, else the owner of its sponsor: customers sponsored by customers roll
 * up through them) and distributor parent (= owner of the sponsor) derived on the way.
 *
 * When every sponsor already sits at a smaller position — members read in registration order,
 * the usual case — that order is used as is: building another costs more random memory access
 * than it saves. Otherwise (a sponsor moved under a later member) the forest is ordered
 * breadth-first.
 */
function treeOrder(snap: PeriodSnapshot): TreeAndOwners {
  const { count: n, sponsor } = snap.members;
  for (let m = 0; m < n; m++) if ((sponsor[m] as number) >= m) return breadthFirstTree(snap);
  return inputOrderTree(snap);
}

/** The input order is parents-first: positions are member indices. */
function inputOrderTree(snap: PeriodSnapshot): TreeAndOwners {
  const { count: n, sponsor, kind, status } = snap.members;
  const order = new Int32Array(n);
  const distK = new Uint8Array(n);
  const parentK = new Int32Array(n).fill(-1);
  const ownerK = new Int32Array(n).fill(-1);
  for (let m = 0; m < n; m++) {
    order[m] = m;
    const s = sponsor[m] as number;
    const ownerOfSponsor = s >= 0 ? (ownerK[s] as number) : -1;
    if (kind[m] === KIND_DISTRIBUTOR) {
      // A distributor owns its own volume, so a sponsor owning someone else's is a customer.
      if (s >= 0 && ownerOfSponsor !== s) throw notDistributorSponsor(snap, m);
      distK[m] = 1;
      ownerK[m] = m;
      parentK[m] = s;
    } else {
      ownerK[m] = ownerOfSponsor;
    }
  }
  // Positions are member indices: order and pos are the same identity map, and the member-order
  // results can share the arrays (nobody writes to them).
  return {
    tree: { identity: true, order, pos: order, distK, statusK: status, parentK },
    volumeOwner: ownerK,
    parent: parentK,
  };
}

function notDistributorSponsor(snap: PeriodSnapshot, m: number): SnapshotError {
  return new SnapshotError(
    `member ${snap.members.code[m] ?? m}: a distributor's sponsor must be a distributor`,
  );
}

/** Breadth-first order; a member never reached is in a sponsor cycle. */
function breadthFirstTree(snap: PeriodSnapshot): TreeAndOwners {
  const { count: n, sponsor, kind, status } = snap.members;
  const { start, child } = childLists(sponsor, n);
  const order = new Int32Array(n);
  const pos = new Int32Array(n);
  const distK = new Uint8Array(n);
  const statusK = new Uint8Array(n);
  const parentK = new Int32Array(n).fill(-1);
  const ownerK = new Int32Array(n).fill(-1);
  let tail = 0;
  for (let m = 0; m < n; m++) {
    if (sponsor[m] !== -1) continue;
    order[tail] = m;
    pos[m] = tail;
    statusK[tail] = status[m] as number;
    if (kind[m] === KIND_DISTRIBUTOR) {
      distK[tail] = 1;
      ownerK[tail] = tail;
    }
    tail++;
  }
  for (let head = 0; head < tail; head++) {
    const m = order[head] as number;
    const ownerOfSponsor = ownerK[head] as number;
    const sponsorIsDist = distK[head] === 1;
    for (let c = start[m] as number, e = start[m + 1] as number; c < e; c++) {
      const x = child[c] as number;
      order[tail] = x;
      pos[x] = tail;
      statusK[tail] = status[x] as number;
      if (kind[x] === KIND_DISTRIBUTOR) {
        if (!sponsorIsDist) throw notDistributorSponsor(snap, x);
        distK[tail] = 1;
        ownerK[tail] = tail;
        parentK[tail] = head;
      } else {
        ownerK[tail] = ownerOfSponsor;
      }
      tail++;
    }
  }
  if (tail < n) {
    const seen = new Uint8Array(n);
    for (let k = 0; k < tail; k++) seen[order[k] as number] = 1;
    let m = 0;
    while (seen[m]) m++;
    throw new SnapshotError(`member ${snap.members.code[m] ?? m}: sponsor chain forms a cycle`);
  }
  return {
    tree: { identity: false, order, pos, distK, statusK, parentK },
    volumeOwner: scatterRef(order, ownerK),
    parent: scatterRef(order, parentK),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Volumes

/**
 * PV, BV and own BV per member from the order lines. Lines of one order are adjacent, so each
 * run of lines of one buyer is summed first (about one run per order). Pass 1 counts the runs per
 * buyer bucket, checks each line, and notes what retail needs (the customers' runs, in line order,
 * and whether lines are sorted by order); pass 2 writes the run sums grouped by bucket; pass 3
 * adds them to the buyers' own PV/BV bucket by bucket, plus the loader's `bought` sums; pass 4
 * moves customers' volume to their volume owner the same way.
 */
function volumes(
  snap: PeriodSnapshot,
  volumeOwner: Int32Array,
  shift: number,
): { pv: Float64Array; bv: Float64Array; ownBv: Float64Array; lineFacts: LineFacts } {
  const n = snap.members.count;
  const kind = snap.members.kind;
  const L = snap.lines;
  const { buyer, qty, order, pv: linePv, bv: lineBv } = L;
  const buckets = (n >> shift) + 1;

  // Pass 1 (kind is one byte per member: small enough to look up at random)
  const start = new Int32Array(buckets + 1);
  let customerRuns = new Int32Array(1024);
  let customerRunCount = 0;
  let sortedByOrder = true;
  let lastOrder = -Infinity;
  let current = -1;
  for (let i = 0; i < L.count; i++) {
    const b = buyer[i] as number;
    if (b !== current) {
      if (!(b >= 0 && b < n)) throw new SnapshotError(`line ${i}: invalid buyer ${b}`);
      start[(b >> shift) + 1] = (start[(b >> shift) + 1] as number) + 1;
      current = b;
      if (kind[b] === KIND_CUSTOMER) {
        if (customerRunCount === customerRuns.length) {
          const grown = new Int32Array(customerRuns.length * 2);
          grown.set(customerRuns);
          customerRuns = grown;
        }
        customerRuns[customerRunCount++] = i;
      }
    }
    if ((qty[i] as number) < 0) throw new SnapshotError(`line ${i}: negative quantity`);
    const o = order[i] as number;
    if (o < lastOrder) sortedByOrder = false;
    lastOrder = o;
  }
  for (let j = 0; j < buckets; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const totalRuns = start[buckets] as number;

  // Pass 2 (no closure for the flush: captured mutable locals would live in a heap context)
  const fill = start.slice(0, buckets);
  const runBuyer = new Int32Array(totalRuns);
  const runPv = new Float64Array(totalRuns);
  const runBv = new Float64Array(totalRuns);
  current = -1;
  let sumPv = 0;
  let sumBv = 0;
  for (let i = 0; i <= L.count; i++) {
    const b = i < L.count ? (buyer[i] as number) : -2;
    if (b !== current) {
      if (current >= 0) {
        const at = fill[current >> shift] as number;
        fill[current >> shift] = at + 1;
        runBuyer[at] = current;
        runPv[at] = sumPv;
        runBv[at] = sumBv;
      }
      current = b;
      sumPv = 0;
      sumBv = 0;
    }
    if (b === -2) break;
    const q = qty[i] as number;
    sumPv += q * (linePv[i] as number);
    sumBv += q * (lineBv[i] as number);
  }

  // Pass 3: own volumes (customers' own PV parked in pv[] until pass 4)
  const pv = new Float64Array(n);
  const ownBv = new Float64Array(n);
  for (let r = 0; r < totalRuns; r++) {
    const b = runBuyer[r] as number;
    pv[b] = (pv[b] as number) + (runPv[r] as number);
    ownBv[b] = (ownBv[b] as number) + (runBv[r] as number);
  }

  // Volume summed by the loader instead of listed as lines (PeriodSnapshot.bought).
  if (snap.bought) {
    const { pv: boughtPv, bv: boughtBv } = snap.bought;
    for (let m = 0; m < n; m++) {
      pv[m] = (pv[m] as number) + (boughtPv[m] as number);
      ownBv[m] = (ownBv[m] as number) + (boughtBv[m] as number);
    }
  }

  // Pass 4: a distributor's volume is its own; a customer's goes to its volume owner.
  const bv = new Float64Array(n);
  let customersWithVolume = 0;
  for (let m = 0; m < n; m++) {
    if (kind[m] === KIND_DISTRIBUTOR) bv[m] = ownBv[m] as number;
    else if (pv[m] !== 0 || ownBv[m] !== 0) customersWithVolume++;
  }
  const owners = new Int32Array(customersWithVolume);
  const cPv = new Float64Array(customersWithVolume);
  const cBv = new Float64Array(customersWithVolume);
  let c = 0;
  for (let m = 0; m < n; m++) {
    if (kind[m] === KIND_DISTRIBUTOR || (pv[m] === 0 && ownBv[m] === 0)) continue;
    owners[c] = volumeOwner[m] as number;
    cPv[c] = pv[m] as number;
    cBv[c] = ownBv[m] as number;
    pv[m] = 0;
    c++;
  }
  addByBucket(owners, cPv, cBv, pv, bv, shift);

  return { pv, bv, ownBv, lineFacts: { sortedByOrder, customerRuns, customerRunCount } };
}

/**
 * outA[key[i]] += a[i] and outB[key[i]] += b[i] (keys < 0 skipped), grouped by bucket of
 * 2^shift members so the writes stay within a cache-sized range (see BUCKET_SHIFT).
 */
function addByBucket(
  keys: Int32Array,
  a: Float64Array,
  b: Float64Array,
  outA: Float64Array,
  outB: Float64Array,
  shift: number,
): void {
  const count = keys.length;
  const buckets = (outA.length >> shift) + 1;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < count; i++) {
    const k = keys[i] as number;
    if (k >= 0) start[(k >> shift) + 1] = (start[(k >> shift) + 1] as number) + 1;
  }
  for (let j = 0; j < buckets; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number);
  const total = start[buckets] as number;
  const fill = start.slice(0, buckets);
  const pk = new Int32Array(total);
  const pa = new Float64Array(total);
  const pb = new Float64Array(total);
  for (let i = 0; i < count; i++) {
    const k = keys[i] as number;
    if (k < 0) continue;
    const at = fill[k >> shift] as number;
    fill[k >> shift] = at + 1;
    pk[at] = k;
    pa[at] = a[i] as number;
    pb[at] = b[i] as number;
  }
  for (let j = 0; j < total; j++) {
    const k = pk[j] as number;
    outA[k] = (outA[k] as number) + (pa[j] as number);
    outB[k] = (outB[k] as number) + (pb[j] as number);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. GV and ranks, bottom-up

/** The plan's rank requirements as flat arrays, with defaults applied. */
export interface RankTable {
  count: number;
  codes: string[];
  minPv: Float64Array;
  minGv: Float64Array;
  /** Slot in the qualifying-GV accumulator, -1 without maxLegShareBp. */
  capSlot: Int32Array;
  /** Per cap slot: floor(minGv · maxLegShareBp / 10000). */
  capOfSlot: Float64Array;
  /** Slot in the leg counters, -1 without legs. */
  legSlot: Int32Array;
  legCount: Int32Array;
  /** Per leg slot: the rank index a leg must hold. */
  legRankOfSlot: Int32Array;
}

export function rankTable(plan: Plan): RankTable {
  const R = plan.ranks.length;
  const codes = plan.ranks.map((r) => r.code);
  const capOfSlot: number[] = [];
  const legRankOfSlot: number[] = [];
  const t = {
    count: R,
    codes,
    minPv: new Float64Array(R),
    minGv: new Float64Array(R),
    capSlot: new Int32Array(R).fill(-1),
    legSlot: new Int32Array(R).fill(-1),
    legCount: new Int32Array(R),
  };
  plan.ranks.forEach((r, i) => {
    t.minPv[i] = r.minPv ?? 0;
    t.minGv[i] = r.minGv ?? 0;
    if (r.maxLegShareBp !== undefined) {
      t.capSlot[i] = capOfSlot.push(mulBp(r.minGv ?? 0, r.maxLegShareBp)) - 1;
    }
    if (r.legs) {
      const need = codes.indexOf(r.legs.rank);
      let slot = legRankOfSlot.indexOf(need);
      if (slot < 0) slot = legRankOfSlot.push(need) - 1;
      t.legSlot[i] = slot;
      t.legCount[i] = r.legs.count;
    }
  });
  return {
    ...t,
    capOfSlot: Float64Array.from(capOfSlot),
    legRankOfSlot: Int32Array.from(legRankOfSlot),
  };
}

/**
 * GV, qualifying GV per capped rank, qualified-leg counts and rank, bottom-up (positions from last
 * to first, children before parents). The accumulators of a member are interleaved — [GV, highest
 * rank in subtree + 1, qGV per cap slot…, legs per leg slot…] — so passing a member's figures to
 * its parent touches one cache line. Positions are processed in blocks of 2^shift; what a member
 * passes to a parent in an earlier block is queued for that block and added when the block's
 * turn comes (all its children are final by then), so the additions land in cache-sized ranges
 * instead of anywhere in the array (see BUCKET_SHIFT).
 */
function groupVolumeAndRanks(
  plan: Plan,
  tree: TreeOrder,
  pvK: Float64Array,
  shift: number = BUCKET_SHIFT,
): { gvK: Float64Array; rankK: Int32Array } {
  const n = pvK.length;
  const { distK, statusK, parentK } = tree;
  const t = rankTable(plan);
  const R = t.count;
  const layout: AccLayout = {
    S: 2 + t.capOfSlot.length + t.legRankOfSlot.length,
    QGV: 2,
    LEGS: 2 + t.capOfSlot.length,
    caps: t.capOfSlot,
    legRanks: t.legRankOfSlot,
  };
  const S = layout.S;
  const acc = new Float64Array(n * S);
  const gvK = new Float64Array(n);
  const rankK = new Int32Array(n).fill(-1);

  // A block's accumulators should span about as many bytes as a bucket of one Float64Array.
  shift = Math.max(0, shift - Math.ceil(Math.log2(S)));
  // Queues of contributions to parents in earlier blocks, laid out per target block.
  const blocks = (n >> shift) + 1;
  const qStart = new Int32Array(blocks + 1);
  for (let k = 0; k < n; k++) {
    const p = parentK[k] as number;
    if (distK[k] === 1 && p >= 0 && p >> shift !== k >> shift) {
      qStart[(p >> shift) + 1] = (qStart[(p >> shift) + 1] as number) + 1;
    }
  }
  for (let j = 0; j < blocks; j++)
    qStart[j + 1] = (qStart[j + 1] as number) + (qStart[j] as number);
  const qFill = qStart.slice(0, blocks);
  const qParent = new Int32Array(qStart[blocks] as number);
  const qGv = new Float64Array(qStart[blocks] as number);
  const qSub = new Int32Array(qStart[blocks] as number);

  for (let block = blocks - 1; block >= 0; block--) {
    for (let j = qStart[block] as number, e = qFill[block] as number; j < e; j++) {
      addToParent(acc, layout, (qParent[j] as number) * S, qGv[j] as number, qSub[j] as number);
    }
    const lo = block << shift;
    for (let k = Math.min(n, (block + 1) << shift) - 1; k >= lo; k--) {
      if (distK[k] !== 1) continue;
      const at = k * S;
      const ownPv = pvK[k] as number;
      const gv = (acc[at] as number) + ownPv;
      acc[at] = gv;
      gvK[k] = gv;
      for (let j = 0; j < t.capOfSlot.length; j++) {
        acc[at + layout.QGV + j] = (acc[at + layout.QGV + j] as number) + ownPv;
      }

      let r = 0;
      if (statusK[k] === STATUS_ACTIVE) {
        for (let i = R - 1; i > 0; i--) {
          if (ownPv < (t.minPv[i] as number)) continue;
          const cs = t.capSlot[i] as number;
          const q = cs >= 0 ? (acc[at + layout.QGV + cs] as number) : gv;
          if (q < (t.minGv[i] as number)) continue;
          const ls = t.legSlot[i] as number;
          if (ls >= 0 && (acc[at + layout.LEGS + ls] as number) < (t.legCount[i] as number))
            continue;
          r = i;
          break;
        }
      }
      rankK[k] = r;
      const sub = Math.max((acc[at + 1] as number) - 1, r);

      const p = parentK[k] as number;
      if (p < 0) continue;
      if (p >> shift === block) {
        addToParent(acc, layout, p * S, gv, sub);
      } else {
        const q = qFill[p >> shift] as number;
        qFill[p >> shift] = q + 1;
        qParent[q] = p;
        qGv[q] = gv;
        qSub[q] = sub;
      }
    }
  }
  return { gvK, rankK };
}

interface AccLayout {
  /** stride */
  S: number;
  QGV: number;
  LEGS: number;
  caps: Float64Array;
  legRanks: Int32Array;
}

/** A child's GV and subtree rank added to its parent's accumulators (starting at `up`). */
function addToParent(acc: Float64Array, L: AccLayout, up: number, gv: number, sub: number): void {
  acc[up] = (acc[up] as number) + gv;
  if (sub + 1 > (acc[up + 1] as number)) acc[up + 1] = sub + 1;
  for (let j = 0; j < L.caps.length; j++) {
    acc[up + L.QGV + j] = (acc[up + L.QGV + j] as number) + Math.min(gv, L.caps[j] as number);
  }
  for (let j = 0; j < L.legRanks.length; j++) {
    if (sub >= (L.legRanks[j] as number))
      acc[up + L.LEGS + j] = (acc[up + L.LEGS + j] as number) + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Dynamic compression helper

function nearestActiveAncestors(tree: TreeOrder, activeK: Uint8Array): Int32Array {
  const n = activeK.length;
  const parentK = tree.parentK;
  const next = new Int32Array(n);
  // Nearest active member at or above each position: one random read (the parent's entry) per
  // member instead of two (the parent's flag and its own nearest active ancestor).
  const atOrAbove = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const p = parentK[k] as number;
    const na = p >= 0 ? (atOrAbove[p] as number) : -1;
    next[k] = na;
    atOrAbove[k] = activeK[k] ? k : na;
  }
  return next;
}

/** depth(rank) of a unilevel or matching bonus, per rank index. */
export function depthTable(plan: Plan, bonus: UnilevelBonus | MatchingBonus): Int32Array {
  const full = bonus.levels.length;
  const map = bonus.depthByRank;
  return Int32Array.from(plan.ranks, (r) => (map ? (map[r.code] ?? 0) : full));
}

// ---------------------------------------------------------------------------------------------
// 5. Bonuses

interface BonusOutput {
  index: number;
  amounts: Float64Array;
  lines: LineBuffer;
}

function credit(
  out: BonusOutput,
  earner: number,
  sourceMember: number,
  sourceOrder: number,
  level: number,
  base: number,
  rateBp: number,
  amount: number,
): void {
  if (amount <= 0) return;
  out.amounts[earner] = (out.amounts[earner] as number) + amount;
  out.lines.push(earner, out.index, sourceMember, sourceOrder, level, base, rateBp, amount);
}

/**
 * Retail: one line per customer order, margin Σ qty·max(0, unitPrice − memberPrice), earned by
 * the volume owner if their status is active. Only the customer runs found by the volume pass
 * are read. With lines sorted by order id an order is a contiguous slice of a run; otherwise
 * orders are grouped through a Map (first-seen order).
 */
function retailBonus(st: EngineState, out: BonusOutput): void {
  const L = st.snap.lines;
  const { order, buyer, qty, unitPrice, memberPrice } = L;
  const status = st.snap.members.status;
  const { sortedByOrder, customerRuns, customerRunCount } = st.lineFacts;
  const byOrder = sortedByOrder ? null : new Map<number, { buyer: number; margin: number }>();
  for (let r = 0; r < customerRunCount; r++) {
    const first = customerRuns[r] as number;
    const b = buyer[first] as number;
    const owner = st.volumeOwner[b] as number;
    if (owner < 0 || status[owner] !== STATUS_ACTIVE) continue;
    let current = order[first] as number;
    let margin = 0;
    for (let i = first; i < L.count && buyer[i] === b; i++) {
      const o = order[i] as number;
      const lineMargin =
        (qty[i] as number) * Math.max(0, (unitPrice[i] as number) - (memberPrice[i] as number));
      if (byOrder) {
        const acc = byOrder.get(o);
        if (acc) acc.margin += lineMargin;
        else byOrder.set(o, { buyer: b, margin: lineMargin });
        continue;
      }
      if (o !== current) {
        credit(out, owner, b, current, 0, margin, 10_000, margin);
        current = o;
        margin = 0;
      }
      margin += lineMargin;
    }
    if (!byOrder) credit(out, owner, b, current, 0, margin, 10_000, margin);
  }
  if (byOrder) {
    for (const [o, acc] of byOrder) {
      const owner = st.volumeOwner[acc.buyer] as number;
      credit(out, owner, acc.buyer, o, 0, acc.margin, 10_000, acc.margin);
    }
  }
}

/** Referral: a customer's direct sponsor (any kind, status active) earns a rate of the customer's own BV. */
function referralBonus(st: EngineState, b: ReferralBonus, out: BonusOutput): void {
  const { kind, status, sponsor } = st.snap.members;
  const ownBv = st.ownBv;
  for (let c = 0; c < st.n; c++) {
    if (kind[c] !== KIND_CUSTOMER) continue;
    const base = ownBv[c] as number;
    if (base <= 0) continue;
    const s = sponsor[c] as number;
    if (s < 0 || status[s] !== STATUS_ACTIVE) continue;
    credit(out, s, c, -1, 0, base, b.rateBp, mulBp(base, b.rateBp));
  }
}

/** Sponsor (first-month) bonus: parent of a distributor who joined in P earns a rate of its own BV. */
function sponsorBonus(st: EngineState, b: SponsorBonus, out: BonusOutput): void {
  const { kind, joinPeriod } = st.snap.members;
  const period = periodToInt(st.snap.period);
  for (let d = 0; d < st.n; d++) {
    if (kind[d] !== KIND_DISTRIBUTOR || joinPeriod[d] !== period) continue;
    const p = st.parent[d] as number;
    const base = st.ownBv[d] as number;
    if (p < 0 || !st.active[p] || base <= 0) continue;
    credit(out, p, d, -1, 0, base, b.rateBp, mulBp(base, b.rateBp));
  }
}

/**
 * Pays the upline of every distributor with a base > 0 (unilevel: BV; matching: the matched
 * bonus), walking with dynamic compression: inactive ancestors are skipped without using a level
 * (nextActive jumps over them), each active one uses a level and is paid if the level is within
 * the depth of its rank. Works in tree order; lines carry member positions.
 */
function payUplines(
  st: EngineState,
  out: BonusOutput,
  base: Float64Array,
  levels: readonly number[],
  depth: Int32Array,
): void {
  const { order, distK } = st.tree;
  const { nextActiveK, rankK } = st;
  const maxLevel = levels.length;
  for (let k = 0; k < st.n; k++) {
    if (distK[k] !== 1) continue;
    const source = order[k] as number;
    const x = base[source] as number;
    if (x <= 0) continue;
    let a = nextActiveK[k] as number;
    for (let level = 1; a >= 0 && level <= maxLevel; level++) {
      if (level <= (depth[rankK[a] as number] as number)) {
        const rateBp = levels[level - 1] as number;
        credit(out, order[a] as number, source, -1, level, x, rateBp, mulBp(x, rateBp));
      }
      a = nextActiveK[a] as number;
    }
  }
}

function unilevelBonus(st: EngineState, b: UnilevelBonus, out: BonusOutput): void {
  payUplines(st, out, st.bv, b.levels, depthTable(st.plan, b));
}

function matchingBonus(
  st: EngineState,
  b: MatchingBonus,
  of: Float64Array,
  out: BonusOutput,
): void {
  payUplines(st, out, of, b.levels, depthTable(st.plan, b));
}

/**
 * The placement forest of distributors in depth-first preorder ("placement order", positions p):
 * a subtree is the contiguous range [p, p + sizeP[p]).
 */
export interface PlacementTree {
  count: number;
  /** position → member */
  pre: Int32Array;
  /** member → position (-1 for customers) */
  tin: Int32Array;
  /** subtree size by position (member included) */
  sizeP: Int32Array;
  /** position of the placement parent, -1 for roots */
  parentP: Int32Array;
  /** LEG_LEFT / LEG_RIGHT by position */
  legP: Uint8Array;
  /** Left / right child by member, -1 if empty. */
  left: Int32Array;
  right: Int32Array;
}

export function placementTree(snap: PeriodSnapshot): PlacementTree {
  const { count: n, kind, placement, leg } = snap.members;
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  for (let m = 0; m < n; m++) {
    const p = placement[m] as number;
    if (p < 0) continue;
    if (leg[m] === LEG_LEFT) left[p] = m;
    else right[p] = m;
  }
  const pre = new Int32Array(n);
  const tin = new Int32Array(n).fill(-1);
  const parentP = new Int32Array(n);
  const legP = new Uint8Array(n);
  const stack = new Int32Array(n);
  const stackParent = new Int32Array(n);
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (kind[root] !== KIND_DISTRIBUTOR || placement[root] !== -1) continue;
    let top = 0;
    stack[top] = root;
    stackParent[top++] = -1;
    while (top > 0) {
      const m = stack[--top] as number;
      const at = count++;
      tin[m] = at;
      pre[at] = m;
      parentP[at] = stackParent[top] as number;
      legP[at] = leg[m] as number;
      // Right pushed first so the left subtree comes first in preorder (cosmetic only).
      const r = right[m] as number;
      const l = left[m] as number;
      if (r >= 0) {
        stack[top] = r;
        stackParent[top++] = at;
      }
      if (l >= 0) {
        stack[top] = l;
        stackParent[top++] = at;
      }
    }
  }
  // Placement cycles leave distributors unvisited.
  for (let m = 0; m < n; m++) {
    if (kind[m] === KIND_DISTRIBUTOR && tin[m] === -1) {
      throw new SnapshotError(`member ${snap.members.code[m] ?? m}: placement chain forms a cycle`);
    }
  }
  const sizeP = new Int32Array(count).fill(1);
  for (let p = count - 1; p > 0; p--) {
    const up = parentP[p] as number;
    if (up >= 0) sizeP[up] = (sizeP[up] as number) + (sizeP[p] as number);
  }
  return { count, pre, tin, sizeP, parentP, legP, left, right };
}

/** True when x lies in the placement subtree rooted at `root` (root included). */
export function inPlacementSubtree(t: PlacementTree, root: number, x: number): boolean {
  if (root < 0) return false;
  const r = t.tin[root] as number;
  const p = t.tin[x] as number;
  return p >= r && p < r + (t.sizeP[r] as number);
}

/**
 * BV of each leg by placement position, interleaved: [2p] = Σ BV over the left placement subtree,
 * [2p + 1] = the right one (one cache line for both when read by member).
 */
export function legVolumes(t: PlacementTree, bv: Float64Array): Float64Array {
  const sub = new Float64Array(t.count);
  const legBvP = new Float64Array(t.count * 2);
  for (let p = 0; p < t.count; p++) sub[p] = bv[t.pre[p] as number] as number;
  // Descendants sit at larger positions, so each subtree total is final before it is passed up.
  for (let p = t.count - 1; p >= 0; p--) {
    const up = t.parentP[p] as number;
    if (up < 0) continue;
    const v = sub[p] as number;
    sub[up] = (sub[up] as number) + v;
    const at = t.legP[p] === LEG_LEFT ? 2 * up : 2 * up + 1;
    legBvP[at] = (legBvP[at] as number) + v;
  }
  return legBvP;
}

/**
 * Per member, bit 1: the left leg holds an active distributor it sponsored; bit 2: the right leg.
 * Each active distributor x sets the bit of its sponsor's leg that contains it, if any.
 */
export function sponsoredActiveLegs(st: EngineState, t: PlacementTree): Uint8Array {
  const flags = new Uint8Array(st.n);
  const sponsor = st.snap.members.sponsor;
  for (let x = 0; x < st.n; x++) {
    if (!st.active[x]) continue;
    const s = sponsor[x] as number;
    if (s < 0) continue;
    if (inPlacementSubtree(t, t.left[s] as number, x)) flags[s] = (flags[s] as number) | 1;
    else if (inPlacementSubtree(t, t.right[s] as number, x)) flags[s] = (flags[s] as number) | 2;
  }
  return flags;
}

function binaryBonus(st: EngineState, b: BinaryBonus, out: BonusOutput): void {
  const status = st.snap.members.status;
  const { binaryCarryInL, binaryCarryInR } = st.snap;
  const kind = st.snap.members.kind;
  const t = placementTree(st.snap);
  const legBvP = legVolumes(t, st.bv);
  const legsOk = b.requireSponsoredActiveEachLeg ? sponsoredActiveLegs(st, t) : null;
  const cap = b.capAmount ?? Number.POSITIVE_INFINITY;
  // Member order: the per-member inputs and outputs are read and written sequentially.
  for (let m = 0; m < st.n; m++) {
    if (kind[m] !== KIND_DISTRIBUTOR) continue;
    const p = t.tin[m] as number;
    const inL = (binaryCarryInL[m] as number) + (legBvP[2 * p] as number);
    const inR = (binaryCarryInR[m] as number) + (legBvP[2 * p + 1] as number);
    const qualified = st.active[m] === 1 && (legsOk === null || legsOk[m] === 3);
    if (qualified) {
      const pair = Math.min(inL, inR);
      // Volume above the cap is flushed with the pair: both legs lose `pair` regardless.
      credit(out, m, -1, -1, 0, pair, b.rateBp, Math.min(mulBp(pair, b.rateBp), cap));
      st.binaryCarryL[m] = inL - pair;
      st.binaryCarryR[m] = inR - pair;
    } else if (status[m] !== STATUS_TERMINATED) {
      st.binaryCarryL[m] = inL;
      st.binaryCarryR[m] = inR;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 6. Payout, tax, totals

function payout(st: EngineState, bonus: Float64Array[]): MemberResults {
  const n = st.n;
  const { status, hold, hasBank, hasTaxId } = st.snap.members;
  const minimum = st.plan.payout.minimum ?? 0;
  const profile: TaxProfile = st.plan.tax;
  const bonusTotal = new Float64Array(n);
  for (const arr of bonus)
    for (let m = 0; m < n; m++) bonusTotal[m] = (bonusTotal[m] as number) + (arr[m] as number);

  // Views of the snapshot's inputs, not copies (the result shares them; neither side writes).
  const adjustments = st.snap.adjustments.subarray(0, n);
  const clawbacks = st.snap.clawbacks.subarray(0, n);
  const carryIn = st.snap.carryIn.subarray(0, n);
  const gross = new Float64Array(n);
  const available = new Float64Array(n);
  const held = new Uint8Array(n);
  const paid = new Uint8Array(n);
  const tax = new Float64Array(n);
  const taxBase = new Float64Array(n);
  const net = new Float64Array(n);
  const carryOut = new Float64Array(n);

  for (let m = 0; m < n; m++) {
    const g = (bonusTotal[m] as number) + (adjustments[m] as number) - (clawbacks[m] as number);
    const avail = (carryIn[m] as number) + g;
    gross[m] = g;
    available[m] = avail;
    const isHeld = hold[m] === 1 || status[m] !== STATUS_ACTIVE || hasBank[m] !== 1;
    held[m] = isHeld ? 1 : 0;
    if (!isHeld && avail >= minimum && avail > 0) {
      paid[m] = 1;
      if (profile.profile === 'none') {
        net[m] = avail;
      } else {
        const t = computeTax(profile, avail, hasTaxId[m] === 1);
        tax[m] = t.tax;
        taxBase[m] = t.base;
        net[m] = avail - t.tax;
      }
    } else {
      carryOut[m] = avail;
    }
  }

  // Customers' PV/BV/GV are 0 by construction: their orders count for their volume owner.
  return {
    count: n,
    volumeOwner: st.volumeOwner,
    parent: st.parent,
    rank: st.rank,
    active: st.active,
    pv: st.pv,
    gv: st.gv,
    bv: st.bv,
    ownBv: st.ownBv,
    bonus,
    bonusTotal,
    adjustments,
    clawbacks,
    carryIn,
    gross,
    available,
    held,
    paid,
    tax,
    taxBase,
    net,
    carryOut,
    binaryCarryL: st.binaryCarryL,
    binaryCarryR: st.binaryCarryR,
  };
}

function totalsOf(r: MemberResults): RunTotals {
  let bv = 0;
  let bonuses = 0;
  let tax = 0;
  let net = 0;
  let carryOut = 0;
  for (let m = 0; m < r.count; m++) {
    bv += r.bv[m] as number;
    bonuses += r.bonusTotal[m] as number;
    tax += r.tax[m] as number;
    net += r.net[m] as number;
    carryOut += r.carryOut[m] as number;
  }
  return {
    bv,
    bonuses,
    payoutRatioBp: bv > 0 ? Math.floor((bonuses * 10_000) / bv) : 0,
    tax,
    net,
    carryOut,
  };
}

// ---------------------------------------------------------------------------------------------

/** Growable columnar line store; `finish` returns views of the used length. */
class LineBuffer {
  count = 0;
  private cap: number;
  private earner: Int32Array;
  private bonus: Uint8Array;
  private sourceMember: Int32Array;
  private sourceOrder: Int32Array;
  private level: Uint8Array;
  private base: Float64Array;
  private rateBp: Int32Array;
  private amount: Float64Array;

  constructor(capacity: number) {
    this.cap = capacity;
    this.earner = new Int32Array(capacity);
    this.bonus = new Uint8Array(capacity);
    this.sourceMember = new Int32Array(capacity);
    this.sourceOrder = new Int32Array(capacity);
    this.level = new Uint8Array(capacity);
    this.base = new Float64Array(capacity);
    this.rateBp = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
  }

  push(
    earner: number,
    bonus: number,
    sourceMember: number,
    sourceOrder: number,
    level: number,
    base: number,
    rateBp: number,
    amount: number,
  ): void {
    if (this.count === this.cap) this.grow();
    const i = this.count++;
    this.earner[i] = earner;
    this.bonus[i] = bonus;
    this.sourceMember[i] = sourceMember;
    this.sourceOrder[i] = sourceOrder;
    this.level[i] = level;
    this.base[i] = base;
    this.rateBp[i] = rateBp;
    this.amount[i] = amount;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(
      a: T,
      make: (k: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.earner = g(this.earner, (k) => new Int32Array(k));
    this.bonus = g(this.bonus, (k) => new Uint8Array(k));
    this.sourceMember = g(this.sourceMember, (k) => new Int32Array(k));
    this.sourceOrder = g(this.sourceOrder, (k) => new Int32Array(k));
    this.level = g(this.level, (k) => new Uint8Array(k));
    this.base = g(this.base, (k) => new Float64Array(k));
    this.rateBp = g(this.rateBp, (k) => new Int32Array(k));
    this.amount = g(this.amount, (k) => new Float64Array(k));
    this.cap = cap;
  }

  finish(): RunLines {
    const c = this.count;
    // Views, not copies: copying would touch as much fresh memory again (see gather()).
    return {
      count: c,
      earner: this.earner.subarray(0, c),
      bonus: this.bonus.subarray(0, c),
      sourceMember: this.sourceMember.subarray(0, c),
      sourceOrder: this.sourceOrder.subarray(0, c),
      level: this.level.subarray(0, c),
      base: this.base.subarray(0, c),
      rateBp: this.rateBp.subarray(0, c),
      amount: this.amount.subarray(0, c),
    };
  }
}
