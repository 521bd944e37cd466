import type { Plan } from '../../src/shared/plan';
import type { MemberInput, MemberJson, SnapshotInput } from '../../src/main/engine';

/**
 * A second, deliberately naive implementation of plan-format.md, read straight off the text:
 * objects keyed by member code, recursion, repeated walks, no typed arrays, no tree order, no
 * `nextActive` shortcut. Only for small worlds in property tests; the engine must agree with it
 * exactly. Tax is left to the shared `tax.ts` table only through the numbers it is given here
 * (brackets re-stated below) so a change to either shows up.
 */
export function referenceRun(plan: Plan, world: SnapshotInput): MemberJson[] {
  const members = world.members;
  const by = new Map<string, MemberInput>(members.map((m) => [m.code, m]));
  const get = (code: string): MemberInput => by.get(code) as MemberInput;
  const isDist = (code: string): boolean => get(code).kind !== 'customer';
  const statusOf = (code: string): string => get(code).status ?? 'active';
  const floorBp = (x: number, bp: number): number => Math.floor((x * bp) / 10000);

  function owner(code: string): string | null {
    let x: string | null = code;
    while (x !== null) {
      if (isDist(x)) return x;
      x = get(x).sponsor ?? null;
    }
    return null;
  }
  const parent = (d: string): string | null => {
    const s = get(d).sponsor ?? null;
    return s === null ? null : owner(s);
  };

  const pv = new Map<string, number>();
  const bv = new Map<string, number>();
  const ownBv = new Map<string, number>();
  const add = (map: Map<string, number>, k: string, v: number): void => {
    map.set(k, (map.get(k) ?? 0) + v);
  };
  for (const o of world.orders ?? []) {
    for (const l of o.lines) {
      const lineBv = l.qty * (l.bv ?? 0);
      add(ownBv, o.buyer, lineBv);
      const ow = owner(o.buyer);
      if (ow !== null) {
        add(pv, ow, l.qty * (l.pv ?? 0));
        add(bv, ow, lineBv);
      }
    }
  }
  const PV = (c: string): number => pv.get(c) ?? 0;
  const BV = (c: string): number => bv.get(c) ?? 0;
  const children = (d: string): string[] =>
    members.filter((m) => isDist(m.code) && m.sponsor === d).map((m) => m.code);
  const GV = (d: string): number => PV(d) + children(d).reduce((s, c) => s + GV(c), 0);
  const active = (d: string): boolean =>
    isDist(d) && statusOf(d) === 'active' && PV(d) >= plan.activePv;

  const rankMemo = new Map<string, number>();
  function rank(d: string): number {
    const known = rankMemo.get(d);
    if (known !== undefined) return known;
    let best = 0;
    if (statusOf(d) === 'active') {
      plan.ranks.forEach((r, i) => {
        if (i === 0) return;
        if (PV(d) < (r.minPv ?? 0)) return;
        const minGv = r.minGv ?? 0;
        const qgv =
          r.maxLegShareBp === undefined
            ? GV(d)
            : PV(d) +
              children(d).reduce(
                (s, c) => s + Math.min(GV(c), floorBp(minGv, r.maxLegShareBp as number)),
                0,
              );
        if (qgv < minGv) return;
        if (r.legs) {
          const need = plan.ranks.findIndex((x) => x.code === r.legs?.rank);
          const legs = children(d).filter((c) => subtreeMaxRank(c) >= need).length;
          if (legs < r.legs.count) return;
        }
        best = i;
      });
    }
    rankMemo.set(d, best);
    return best;
  }
  function subtreeMaxRank(d: string): number {
    return Math.max(rank(d), ...children(d).map(subtreeMaxRank));
  }

  const amounts = new Map<string, Map<string, number>>(plan.bonuses.map((b) => [b.id, new Map()]));
  const credit = (bonusId: string, earner: string, amount: number): void => {
    if (amount > 0) add(amounts.get(bonusId) as Map<string, number>, earner, amount);
  };
  const depth = (levels: number[], map: Record<string, number> | undefined, d: string): number => {
    const code = plan.ranks[rank(d)]?.code as string;
    return map === undefined ? levels.length : (map[code] ?? 0);
  };
  const walkUp = (
    id: string,
    from: string,
    x: number,
    levels: number[],
    map: Record<string, number> | undefined,
  ): void => {
    let a = parent(from);
    let level = 1;
    while (a !== null && level <= levels.length) {
      if (active(a)) {
        if (level <= depth(levels, map, a)) credit(id, a, floorBp(x, levels[level - 1] as number));
        level += 1;
      }
      a = parent(a);
    }
  };
  const carryL = new Map<string, number>();
  const carryR = new Map<string, number>();
  const placedChild = (m: string, leg: 'L' | 'R'): string | null =>
    members.find((x) => x.placement === m && x.leg === leg)?.code ?? null;
  const placementSubtree = (root: string | null): string[] =>
    root === null
      ? []
      : [
          root,
          ...placementSubtree(placedChild(root, 'L')),
          ...placementSubtree(placedChild(root, 'R')),
        ];

  for (const b of plan.bonuses) {
    switch (b.type) {
      case 'retail':
        for (const o of world.orders ?? []) {
          if (isDist(o.buyer)) continue;
          const ow = owner(o.buyer);
          if (ow === null || statusOf(ow) !== 'active') continue;
          credit(
            b.id,
            ow,
            o.lines.reduce(
              (s, l) => s + l.qty * Math.max(0, (l.unitPrice ?? 0) - (l.memberPrice ?? 0)),
              0,
            ),
          );
        }
        break;
      case 'referral':
        for (const c of members) {
          if (isDist(c.code) || !c.sponsor || statusOf(c.sponsor) !== 'active') continue;
          credit(b.id, c.sponsor, floorBp(ownBv.get(c.code) ?? 0, b.rateBp));
        }
        break;
      case 'sponsor':
        for (const n of members) {
          if (!isDist(n.code) || (n.join ?? '2000-01').slice(0, 7) !== world.period) continue;
          const p = parent(n.code);
          if (p !== null && active(p)) credit(b.id, p, floorBp(ownBv.get(n.code) ?? 0, b.rateBp));
        }
        break;
      case 'unilevel':
        for (const s of members) {
          if (isDist(s.code) && BV(s.code) > 0)
            walkUp(b.id, s.code, BV(s.code), b.levels, b.depthByRank);
        }
        break;
      case 'binary':
        for (const m of members) {
          if (!isDist(m.code)) continue;
          const legs = (['L', 'R'] as const).map((leg) =>
            placementSubtree(placedChild(m.code, leg)),
          );
          const [inL, inR] = legs.map(
            (sub, i) =>
              (i === 0 ? (m.binaryCarryIn?.left ?? 0) : (m.binaryCarryIn?.right ?? 0)) +
              sub.reduce((s, x) => s + BV(x), 0),
          ) as [number, number];
          const sponsoredActive = legs.every((sub) =>
            sub.some((x) => get(x).sponsor === m.code && active(x)),
          );
          if (active(m.code) && (!b.requireSponsoredActiveEachLeg || sponsoredActive)) {
            const pair = Math.min(inL, inR);
            credit(b.id, m.code, Math.min(floorBp(pair, b.rateBp), b.capAmount ?? Infinity));
            carryL.set(m.code, inL - pair);
            carryR.set(m.code, inR - pair);
          } else if (statusOf(m.code) !== 'terminated') {
            carryL.set(m.code, inL);
            carryR.set(m.code, inR);
          }
        }
        break;
      case 'matching': {
        const of = amounts.get(b.of) as Map<string, number>;
        for (const e of members) {
          const x = of.get(e.code) ?? 0;
          if (isDist(e.code) && x > 0) walkUp(b.id, e.code, x, b.levels, b.depthByRank);
        }
        break;
      }
    }
  }

  const hasBinary = plan.bonuses.some((b) => b.type === 'binary');
  return members
    .map((m): MemberJson => {
      const dist = isDist(m.code);
      const bonuses = Object.fromEntries(
        plan.bonuses.map((b) => [b.id, amounts.get(b.id)?.get(m.code) ?? 0]),
      );
      const bonusTotal = Object.values(bonuses).reduce((s, v) => s + v, 0);
      const gross = bonusTotal + (m.adjustments ?? 0) - (m.clawbacks ?? 0);
      const carryIn = m.carryIn ?? 0;
      const available = carryIn + gross;
      const held = !!m.hold || statusOf(m.code) !== 'active' || m.bank === false;
      const paid = !held && available >= (plan.payout.minimum ?? 0) && available > 0;
      const tax = paid ? referenceTax(plan, available, m.taxId !== false) : 0;
      const json: MemberJson = {
        code: m.code,
        kind: dist ? 'distributor' : 'customer',
        rank: dist ? (plan.ranks[rank(m.code)]?.code ?? null) : null,
        active: active(m.code),
        pv: dist ? PV(m.code) : 0,
        gv: dist ? GV(m.code) : 0,
        bv: dist ? BV(m.code) : 0,
        bonuses,
        adjustments: m.adjustments ?? 0,
        clawbacks: m.clawbacks ?? 0,
        carryIn,
        gross,
        available,
        held,
        paid,
        tax,
        net: paid ? available - tax : 0,
        carryOut: paid ? 0 : available,
      };
      if (hasBinary)
        json.binaryCarry = { left: carryL.get(m.code) ?? 0, right: carryR.get(m.code) ?? 0 };
      return json;
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function referenceTax(plan: Plan, available: number, hasTaxId: boolean): number {
  const t = plan.tax;
  if (t.profile === 'none') return 0;
  if (t.profile === 'flat') return Math.floor((available * t.rateBp) / 10000);
  const base = Math.floor(available / 2);
  const brackets: [number, number][] = [
    [60e6, 5],
    [250e6, 15],
    [500e6, 25],
    [5e9, 30],
    [Infinity, 35],
  ];
  let lower = 0;
  let tax = 0;
  for (const [upTo, pct] of brackets) {
    if (base > lower) tax += (Math.min(base, upTo) - lower) * pct;
    lower = upTo;
  }
  tax = Math.floor(tax / 100);
  return hasTaxId ? tax : Math.floor((tax * 120) / 100);
}
