import fc from 'fast-check';
import type { Plan } from '../../src/shared/plan';
import type { MemberInput, OrderInput, SnapshotInput } from '../../src/main/engine';

// Random valid plans: ranks with unique codes, references only to existing ranks/bonuses.
const bp = fc.integer({ min: 0, max: 10_000 });
const amount = fc.integer({ min: 0, max: 1_000_000_000 });
export const arbPlan: fc.Arbitrary<Plan> = fc
  .record({
    activePv: fc.integer({ min: 0, max: 150 }),
    extraRanks: fc.array(
      fc.record(
        {
          minPv: fc.integer({ min: 0, max: 200 }),
          minGv: fc.integer({ min: 0, max: 5000 }),
          maxLegShareBp: bp,
          legs: fc.record({ count: fc.integer({ min: 0, max: 3 }), rank: fc.nat() }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 4 },
    ),
    retail: fc.boolean(),
    referral: fc.option(bp, { nil: undefined }),
    sponsor: fc.option(bp, { nil: undefined }),
    unilevel: fc.option(
      fc.record({
        levels: fc.array(bp, { minLength: 1, maxLength: 5 }),
        depth: fc.option(fc.array(fc.nat({ max: 6 }), { maxLength: 5 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    binary: fc.option(
      fc.record({
        rateBp: bp,
        capAmount: fc.option(amount, { nil: undefined }),
        req: fc.option(fc.boolean(), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    matching: fc.option(fc.array(bp, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    minimum: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    tax: fc.oneof(
      fc.constant({ profile: 'none' } as const),
      bp.map((rateBp) => ({ profile: 'flat', rateBp }) as const),
      fc.constant({ profile: 'id-pph21-nonemployee' } as const),
    ),
  })
  .map((g): Plan => {
    const ranks: Plan['ranks'] = [{ code: 'R0' }];
    g.extraRanks.forEach((r, i) => {
      const rank: Plan['ranks'][number] = { code: `R${i + 1}` };
      if (r.minPv !== undefined) rank.minPv = r.minPv;
      if (r.minGv !== undefined) rank.minGv = r.minGv;
      if (r.maxLegShareBp !== undefined) rank.maxLegShareBp = r.maxLegShareBp;
      if (r.legs) rank.legs = { count: r.legs.count, rank: `R${r.legs.rank % (i + 1)}` };
      ranks.push(rank);
    });
    const bonuses: Plan['bonuses'] = [];
    if (g.retail) bonuses.push({ id: 'retail', type: 'retail' });
    if (g.referral !== undefined)
      bonuses.push({ id: 'referral', type: 'referral', rateBp: g.referral });
    if (g.sponsor !== undefined)
      bonuses.push({ id: 'sponsor', type: 'sponsor', rateBp: g.sponsor });
    if (g.unilevel) {
      const u: Plan['bonuses'][number] = {
        id: 'unilevel',
        type: 'unilevel',
        levels: g.unilevel.levels,
      };
      if (g.unilevel.depth) {
        // A prefix of the ranks gets a depth; the others are deliberately missing (depth 0).
        u.depthByRank = Object.fromEntries(
          g.unilevel.depth.slice(0, ranks.length).map((v, i) => [`R${i}`, v]),
        );
      }
      bonuses.push(u);
    }
    if (g.binary) {
      const b: Plan['bonuses'][number] = { id: 'binary', type: 'binary', rateBp: g.binary.rateBp };
      if (g.binary.capAmount !== undefined) b.capAmount = g.binary.capAmount;
      if (g.binary.req !== undefined) b.requireSponsoredActiveEachLeg = g.binary.req;
      bonuses.push(b);
    }
    if (g.matching && bonuses.length > 0) {
      const of = bonuses[bonuses.length - 1]?.id ?? 'retail';
      bonuses.push({ id: 'matching', type: 'matching', of, levels: g.matching });
    }
    const p: Plan = {
      format: 'jenjang-plan/1',
      name: 'Random',
      activePv: g.activePv,
      ranks,
      bonuses,
      payout: g.minimum !== undefined ? { minimum: g.minimum } : {},
      tax: g.tax,
    };
    return p;
  });

/**
 * Random small worlds: member 0 is a root distributor; every later member is sponsored by an
 * earlier one (a distributor by a distributor), optionally placed in a free slot of an earlier
 * distributor. Orders pick random buyers; quantities may be 0 (fully returned lines).
 */
const memberSpec = fc.record({
  customer: fc.boolean(),
  sponsorPick: fc.nat(),
  place: fc.option(fc.record({ pick: fc.nat(), leg: fc.constantFrom<'L' | 'R'>('L', 'R') }), {
    nil: undefined,
  }),
  status: fc.constantFrom<MemberInput['status']>(
    'active',
    'active',
    'active',
    'suspended',
    'terminated',
  ),
  joinNew: fc.boolean(),
  hold: fc.boolean(),
  bank: fc.boolean(),
  taxId: fc.boolean(),
  carryIn: fc.integer({ min: -100_000, max: 200_000 }),
  carryL: fc.nat({ max: 500_000 }),
  carryR: fc.nat({ max: 500_000 }),
  adjustments: fc.integer({ min: -50_000, max: 50_000 }),
  clawbacks: fc.nat({ max: 30_000 }),
});

const lineSpec = fc.record({
  qty: fc.nat({ max: 3 }),
  pv: fc.nat({ max: 150 }),
  bv: fc.nat({ max: 100_000 }),
  unitPrice: fc.nat({ max: 200_000 }),
  memberPrice: fc.nat({ max: 200_000 }),
});

export const arbWorld: fc.Arbitrary<SnapshotInput> = fc
  .record({
    members: fc.array(memberSpec, { minLength: 1, maxLength: 40, size: 'medium' }),
    orders: fc.array(
      fc.record({ buyerPick: fc.nat(), lines: fc.array(lineSpec, { minLength: 1, maxLength: 3 }) }),
      {
        maxLength: 100,
        size: 'medium',
      },
    ),
    roots: fc.nat({ max: 2 }),
  })
  .map(({ members: specs, orders: orderSpecs, roots }) => {
    const members: MemberInput[] = [];
    const distributors: string[] = [];
    const taken = new Set<string>();
    specs.forEach((s, i) => {
      const code = `M${String(i).padStart(2, '0')}`;
      // The first (roots + 1) members are root distributors.
      const customer = i > roots && s.customer;
      const sponsor =
        i <= roots
          ? null
          : customer
            ? (members[s.sponsorPick % members.length]?.code ?? null)
            : (distributors[s.sponsorPick % distributors.length] ?? null);
      const m: MemberInput = {
        code,
        kind: customer ? 'customer' : 'distributor',
        sponsor,
        join: s.joinNew ? '2026-10-05' : '2026-01-05',
        status: s.status,
        hold: s.hold,
        bank: s.bank,
        taxId: s.taxId,
        carryIn: s.carryIn,
        adjustments: s.adjustments,
        clawbacks: s.clawbacks,
      };
      if (!customer) {
        m.binaryCarryIn = { left: s.carryL, right: s.carryR };
        if (s.place && distributors.length > 0) {
          const parent = distributors[s.place.pick % distributors.length] as string;
          for (const leg of [s.place.leg, s.place.leg === 'L' ? 'R' : 'L'] as const) {
            if (!taken.has(`${parent}/${leg}`)) {
              taken.add(`${parent}/${leg}`);
              m.placement = parent;
              m.leg = leg;
              break;
            }
          }
        }
        distributors.push(code);
      }
      members.push(m);
    });
    const orders: OrderInput[] = orderSpecs.map((o, i) => ({
      id: i + 1,
      buyer: (members[o.buyerPick % members.length] as MemberInput).code,
      lines: o.lines,
    }));
    return { period: '2026-10', members, orders };
  });

/** The same world with members (hence positions) and orders in another order. */
export function permuted(
  world: SnapshotInput,
  memberOrder: number[],
  orderOrder: number[],
): SnapshotInput {
  const members = memberOrder.map((i) => world.members[i % world.members.length] as MemberInput);
  const seen = new Set<string>();
  const unique = members.filter((m) => (seen.has(m.code) ? false : (seen.add(m.code), true)));
  for (const m of world.members) if (!seen.has(m.code)) unique.push(m);
  const orders = world.orders ?? [];
  const oSeen = new Set<number>();
  const reOrders: OrderInput[] = [];
  for (const i of orderOrder) {
    if (orders.length === 0) break;
    const k = i % orders.length;
    if (!oSeen.has(k)) {
      oSeen.add(k);
      reOrders.push(orders[k] as OrderInput);
    }
  }
  orders.forEach((o, k) => {
    if (!oSeen.has(k)) reOrders.push(o);
  });
  return { period: world.period, members: unique, orders: reOrders };
}
