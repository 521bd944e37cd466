import type { Db } from '../db/client';
import { scanIntTuples } from '../db/bulk';

/**
 * The sponsor and placement trees as flat typed arrays indexed by member position (members in
 * id order), loaded in one scan and cached per database handle until the members table changes
 * (key = change_counters.members + max(id), see migration 0004). Subtree sizes, child lists and
 * volume owners come from one pass each, so the genealogy never runs a recursive CTE per request.
 * At 1M members: ~1 s to build, ~40 MB, then O(1) per node.
 */
export const KIND_DISTRIBUTOR = 1;
export const KIND_CUSTOMER = 2;
export const LEG_NONE = 0;
export const LEG_L = 1;
export const LEG_R = 2;

export interface MemberTree {
  key: string;
  n: number;
  /** position → member id (ascending). */
  ids: Int32Array;
  kind: Uint8Array;
  /** position → position of the sponsor / placement parent, -1 for none. */
  sponsor: Int32Array;
  placement: Int32Array;
  leg: Uint8Array;
  /** Sponsor children of position p: sChildren[sStart[p] .. sStart[p+1]) in id order. */
  sStart: Int32Array;
  sChildren: Int32Array;
  /** Placement children (positions, -1 = free slot). */
  left: Int32Array;
  right: Int32Array;
  /** Members below p (not counting p) in the sponsor / placement tree. */
  sSize: Int32Array;
  pSize: Int32Array;
  /** Sponsor roots (no sponsor) and placement roots (distributors without placement), id order. */
  sRoots: Int32Array;
  pRoots: Int32Array;
  /** Volume owner: a distributor owns itself; a customer the nearest distributor up the sponsor chain (-1: none). */
  owner: Int32Array;
  posOfId(id: number): number;
  /** The rows as read (ids of parents, not positions), kept to extend the tree after inserts. */
  raw: RawTree;
}

interface RawTree {
  version: number;
  maxId: number;
  ids: Int32Array;
  kind: Uint8Array;
  sponsorId: Int32Array;
  placementId: Int32Array;
  leg: Uint8Array;
}

const cache = new WeakMap<Db, MemberTree>();

function versionOf(db: Db): { version: number; maxId: number } {
  const r = db.sqlite
    .prepare(
      `SELECT (SELECT version FROM change_counters WHERE name = 'members') AS v,
              (SELECT max(id) FROM members) AS m`,
    )
    .get() as { v: number | null; m: number | null };
  return { version: r.v ?? 0, maxId: r.m ?? 0 };
}

/** Changes whenever a member is inserted, updated or deleted. */
export function membersVersionKey(db: Db): string {
  const v = versionOf(db);
  return `${v.version}:${v.maxId}`;
}

/**
 * The cached tree, rebuilt when stale: after inserts only (same counter, higher max id) the new
 * rows are appended and the derived arrays recomputed in JS (~0.2 s at 1M); after an update or
 * delete everything is read again (~1 s at 1M).
 */
export function getMemberTree(db: Db): MemberTree {
  const v = versionOf(db);
  const key = `${v.version}:${v.maxId}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit;
  const raw =
    hit && hit.raw.version === v.version && v.maxId > hit.raw.maxId
      ? appendRows(hit.raw, readRows(db, hit.raw.maxId, v.maxId, v), v)
      : readRows(db, 0, v.maxId, v);
  const t = deriveTree(raw, key);
  cache.set(db, t);
  return t;
}

/** Forget the cached tree (tests). */
export function invalidateMemberTree(db: Db): void {
  cache.delete(db);
}

/**
 * Rows with afterId < id <= maxId, in id order. Ids are dense in practice, so each row is put
 * at slot id − afterId − 1 while reading (no sort) and the holes left by deleted ids are
 * squeezed out at the end.
 */
function readRows(
  db: Db,
  afterId: number,
  maxId: number,
  v: { version: number; maxId: number },
): RawTree {
  const span = Math.max(0, maxId - afterId);
  const kind = new Uint8Array(span); // 0 = no member with this id
  const sponsorId = new Int32Array(span);
  const placementId = new Int32Array(span);
  const leg = new Uint8Array(span);
  // members_tree covers these columns: a narrow index scan instead of the wide table. Numbers
  // only (placement·8 + leg·2 + customer), read as concatenated text (see db/bulk.ts).
  scanIntTuples(
    db.sqlite,
    `SELECT group_concat(id || ',' || coalesce(sponsor_id, 0) || ',' ||
       (coalesce(placement_id, 0) * 8 + CASE leg WHEN 'L' THEN 2 WHEN 'R' THEN 4 ELSE 0 END
        + (kind = 'customer')), ',')
     FROM members INDEXED BY members_tree WHERE id > ? AND id <= ?`,
    3,
    afterId,
    maxId,
    (t) => {
      const slot = t[0]! - afterId - 1;
      const packed = t[2]!;
      sponsorId[slot] = t[1]!;
      placementId[slot] = Math.floor(packed / 8);
      leg[slot] = (packed & 6) === 2 ? LEG_L : (packed & 6) === 4 ? LEG_R : LEG_NONE;
      kind[slot] = packed & 1 ? KIND_CUSTOMER : KIND_DISTRIBUTOR;
    },
    // One range: the index is not in id order, so each range would scan all of it.
    Number.MAX_SAFE_INTEGER,
  );
  let n = 0;
  for (let i = 0; i < span; i++) if (kind[i] !== 0) n++;
  const raw: RawTree = {
    version: v.version,
    maxId: v.maxId,
    ids: new Int32Array(n),
    kind: n === span ? kind : new Uint8Array(n),
    sponsorId: n === span ? sponsorId : new Int32Array(n),
    placementId: n === span ? placementId : new Int32Array(n),
    leg: n === span ? leg : new Uint8Array(n),
  };
  for (let i = 0, k = 0; i < span; i++) {
    if (kind[i] === 0) continue;
    raw.ids[k] = afterId + 1 + i;
    if (n !== span) {
      raw.kind[k] = kind[i]!;
      raw.sponsorId[k] = sponsorId[i]!;
      raw.placementId[k] = placementId[i]!;
      raw.leg[k] = leg[i]!;
    }
    k++;
  }
  return raw;
}

function appendRows(old: RawTree, add: RawTree, v: { version: number; maxId: number }): RawTree {
  const cat = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
    const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  return {
    version: v.version,
    maxId: v.maxId,
    ids: cat(old.ids, add.ids),
    kind: cat(old.kind, add.kind),
    sponsorId: cat(old.sponsorId, add.sponsorId),
    placementId: cat(old.placementId, add.placementId),
    leg: cat(old.leg, add.leg),
  };
}

function deriveTree(raw: RawTree, key: string): MemberTree {
  const { ids, kind, sponsorId, placementId, leg } = raw;
  const n = ids.length;
  const maxId = n ? ids[n - 1]! : 0;
  // Dense ids (the normal case) use an array; sparse ids a binary search.
  const dense = maxId <= 4 * n + 1024;
  const posArr = dense ? new Int32Array(maxId + 1).fill(-1) : null;
  if (posArr) for (let p = 0; p < n; p++) posArr[ids[p]!] = p;
  const posOfId = posArr
    ? (id: number) => (id >= 0 && id < posArr.length ? posArr[id]! : -1)
    : (id: number) => {
        let lo = 0;
        let hi = n - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const x = ids[mid]!;
          if (x === id) return mid;
          if (x < id) lo = mid + 1;
          else hi = mid - 1;
        }
        return -1;
      };

  const sponsor = new Int32Array(n);
  const placement = new Int32Array(n);
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  const childCount = new Int32Array(n + 1);
  let sRootCount = 0;
  let pRootCount = 0;
  for (let p = 0; p < n; p++) {
    const s = sponsorId[p] ? posOfId(sponsorId[p]!) : -1;
    sponsor[p] = s;
    if (s >= 0) childCount[s] = childCount[s]! + 1;
    else sRootCount++;
    const pl = placementId[p] ? posOfId(placementId[p]!) : -1;
    placement[p] = pl;
    if (pl >= 0) {
      if (leg[p] === LEG_L) left[pl] = p;
      else right[pl] = p;
    } else if (kind[p] === KIND_DISTRIBUTOR) pRootCount++;
  }
  // CSR child lists; filling in position order keeps children in id order.
  const sStart = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) sStart[p + 1] = sStart[p]! + childCount[p]!;
  const fill = sStart.slice(0, n);
  const sChildren = new Int32Array(n - sRootCount);
  const sRoots = new Int32Array(sRootCount);
  const pRoots = new Int32Array(pRootCount);
  let sr = 0;
  let pr = 0;
  for (let p = 0; p < n; p++) {
    const s = sponsor[p]!;
    if (s >= 0) sChildren[fill[s]!++] = p;
    else sRoots[sr++] = p;
    if (placement[p]! < 0 && kind[p] === KIND_DISTRIBUTOR) pRoots[pr++] = p;
  }

  // Top-down order (BFS from the roots) → sizes bottom-up, owners top-down.
  const order = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let r = 0; r < sRoots.length; r++) order[tail++] = sRoots[r]!;
  while (head < tail) {
    const p = order[head++]!;
    for (let c = sStart[p]!; c < sStart[p + 1]!; c++) order[tail++] = sChildren[c]!;
  }
  const sSize = new Int32Array(n);
  for (let k = tail - 1; k >= 0; k--) {
    const p = order[k]!;
    const s = sponsor[p]!;
    if (s >= 0) sSize[s] = sSize[s]! + sSize[p]! + 1;
  }
  const owner = new Int32Array(n).fill(-1);
  for (let k = 0; k < tail; k++) {
    const p = order[k]!;
    if (kind[p] === KIND_DISTRIBUTOR) owner[p] = p;
    else if (sponsor[p]! >= 0) owner[p] = owner[sponsor[p]!]!;
  }

  const pOrder = new Int32Array(n);
  head = 0;
  tail = 0;
  for (let r = 0; r < pRoots.length; r++) pOrder[tail++] = pRoots[r]!;
  while (head < tail) {
    const p = pOrder[head++]!;
    if (left[p]! >= 0) pOrder[tail++] = left[p]!;
    if (right[p]! >= 0) pOrder[tail++] = right[p]!;
  }
  const pSize = new Int32Array(n);
  for (let k = tail - 1; k >= 0; k--) {
    const p = pOrder[k]!;
    const pl = placement[p]!;
    if (pl >= 0) pSize[pl] = pSize[pl]! + pSize[p]! + 1;
  }

  return {
    key,
    n,
    ids,
    kind,
    sponsor,
    placement,
    leg,
    sStart,
    sChildren,
    left,
    right,
    sSize,
    pSize,
    sRoots,
    pRoots,
    owner,
    posOfId,
    raw,
  };
}

/** Positions of the sponsor children of p (id order). */
export function sponsorChildren(t: MemberTree, p: number): Int32Array {
  return t.sChildren.subarray(t.sStart[p]!, t.sStart[p + 1]!);
}

export function placementChildren(t: MemberTree, p: number): number[] {
  const out: number[] = [];
  if (t.left[p]! >= 0) out.push(t.left[p]!);
  if (t.right[p]! >= 0) out.push(t.right[p]!);
  return out;
}

/** Ancestors of p in a tree, nearest first (at most `max`). */
export function ancestors(
  t: MemberTree,
  tree: 'sponsor' | 'placement',
  p: number,
  max = Infinity,
): number[] {
  const up = tree === 'sponsor' ? t.sponsor : t.placement;
  const out: number[] = [];
  let a = up[p]!;
  while (a >= 0 && out.length < max) {
    out.push(a);
    a = up[a]!;
  }
  return out;
}

export function depth(t: MemberTree, tree: 'sponsor' | 'placement', p: number): number {
  const up = tree === 'sponsor' ? t.sponsor : t.placement;
  let d = 0;
  for (let a = up[p]!; a >= 0; a = up[a]!) d++;
  return d;
}

/** Every position in the subtree of p (p first), depth-first. */
export function subtree(t: MemberTree, tree: 'sponsor' | 'placement', p: number): Int32Array {
  const size = (tree === 'sponsor' ? t.sSize : t.pSize)[p]! + 1;
  const out = new Int32Array(size);
  let k = 0;
  const stack = [p];
  while (stack.length) {
    const x = stack.pop()!;
    out[k++] = x;
    if (tree === 'sponsor') {
      for (let c = t.sStart[x + 1]! - 1; c >= t.sStart[x]!; c--) stack.push(t.sChildren[c]!);
    } else {
      if (t.right[x]! >= 0) stack.push(t.right[x]!);
      if (t.left[x]! >= 0) stack.push(t.left[x]!);
    }
  }
  return out;
}

/** Is x in the subtree of root (root included)? Walks up from x. */
export function inSubtree(
  t: MemberTree,
  tree: 'sponsor' | 'placement',
  root: number,
  x: number,
): boolean {
  const up = tree === 'sponsor' ? t.sponsor : t.placement;
  for (let a = x; a >= 0; a = up[a]!) if (a === root) return true;
  return false;
}
