import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN } from '../../src/shared/plan';
import { canonicalJson } from '../../src/shared/canonical';
import {
  computeRun,
  createSnapshot,
  planHash,
  runHash,
  runHashOf,
  SnapshotError,
} from '../../src/main/engine';
import { membersCanonicalText } from '../../src/main/engine/json';
import { buy, c, d, plan, pvOnly, run } from './helpers';
import { DEFAULT_BONUS_IDS, MEMBER_JSON_KEYS } from '../helpers/run-json';

describe('run JSON (interfaces.md)', () => {
  const r = run(
    DEFAULT_PLAN,
    [d('b2'), d('B1', 'b2'), c('a', 'B1'), d('_x', 'b2')],
    [
      pvOnly('b2', 100),
      buy('B1', { qty: 1, pv: 100, bv: 20_000 }),
      buy('a', { qty: 1, bv: 10_000, unitPrice: 12_000, memberPrice: 10_000 }),
    ],
  );

  it('lists every member sorted by code (code-unit order), with every field', () => {
    expect(r.members.map((x) => x.code)).toEqual(['B1', '_x', 'a', 'b2']);
    expect(Object.keys(r.members[0] ?? {})).toEqual([...MEMBER_JSON_KEYS, 'binaryCarry']);
  });

  it('keys bonuses by plan id in plan order, 0 when nothing was earned', () => {
    expect(Object.keys(r.by.a?.bonuses ?? {})).toEqual([...DEFAULT_BONUS_IDS]);
    // B1 earns retail 2000 and referral floor(10000 · 5%) = 500
    expect(r.by.B1?.bonuses).toEqual({
      retail: 2000,
      referral: 500,
      sponsor: 0,
      unilevel: 0,
      binary: 0,
      matching: 0,
    });
  });

  it('prints customers with rank null, not active, zero volumes and zero binary carry', () => {
    expect(r.by.a).toMatchObject({
      kind: 'customer',
      rank: null,
      active: false,
      pv: 0,
      gv: 0,
      bv: 0,
      binaryCarry: { left: 0, right: 0 },
    });
  });
});

describe('runHash', () => {
  const members = [d('A'), d('B', 'A', { placement: 'A', leg: 'L' }), c('K', 'B')];
  const orders = [
    pvOnly('A', 100),
    buy('K', { qty: 2, pv: 10, bv: 5_000, unitPrice: 7_000, memberPrice: 5_000 }),
  ];

  it('is SHA-256 of canonical {period, planHash, members}, streamed in chunks', () => {
    const r = run(DEFAULT_PLAN, members, orders);
    const ph = planHash(DEFAULT_PLAN);
    const expected = createHash('sha256')
      .update(canonicalJson({ period: '2026-10', planHash: ph, members: r.members }))
      .digest('hex');
    expect(runHash('2026-10', ph, r.members)).toBe(expected);
    expect(runHashOf(DEFAULT_PLAN, ph, r.snap, r.result)).toBe(expected);
  });

  it('streams large runs identically to the one-string hash', () => {
    const many = [
      d('R0'),
      ...Array.from({ length: 3000 }, (_, i) => d(`R${i + 1}`, `R${Math.floor(i / 2)}`)),
    ];
    const r = run(plan(), many, [pvOnly('R7', 100)]);
    const expected = createHash('sha256')
      .update(canonicalJson({ period: '2026-10', planHash: 'x', members: r.members }))
      .digest('hex');
    expect(runHash('2026-10', 'x', r.members)).toBe(expected);
  });

  it('same input ⇒ same hash; a changed plan or period ⇒ another hash', () => {
    const a = run(DEFAULT_PLAN, members, orders);
    const b = run(DEFAULT_PLAN, members, orders);
    const ph = planHash(DEFAULT_PLAN);
    expect(runHash('2026-10', ph, a.members)).toBe(runHash('2026-10', ph, b.members));
    expect(runHash('2026-11', ph, a.members)).not.toBe(runHash('2026-10', ph, a.members));
    expect(runHash('2026-10', planHash({ ...DEFAULT_PLAN, activePv: 99 }), a.members)).not.toBe(
      runHash('2026-10', ph, a.members),
    );
  });
});

describe('snapshot validation', () => {
  // With a binary bonus, so the placement tree is built (and checked) too.
  const withBinary = plan({ bonuses: [{ id: 'binary', type: 'binary', rateBp: 1000 }] });
  const build = (ms: Parameters<typeof createSnapshot>[0]['members']) =>
    computeRun(withBinary, createSnapshot({ period: '2026-10', members: ms }));

  it('rejects sponsor cycles', () => {
    expect(() => build([d('A', 'B'), d('B', 'A')])).toThrow(SnapshotError);
    expect(() => build([d('A', 'B'), d('B', 'A')])).toThrow(/sponsor chain forms a cycle/);
  });

  it('rejects placement cycles and taken slots', () => {
    expect(() =>
      build([
        d('R'),
        d('A', 'R', { placement: 'B', leg: 'L' }),
        d('B', 'R', { placement: 'A', leg: 'L' }),
      ]),
    ).toThrow(/placement chain forms a cycle/);
    expect(() =>
      build([
        d('R'),
        d('A', 'R', { placement: 'R', leg: 'L' }),
        d('B', 'R', { placement: 'R', leg: 'L' }),
      ]),
    ).toThrow(/slot L is taken/);
  });

  it('rejects a distributor sponsored by a customer and placements of customers', () => {
    expect(() => build([d('R'), c('K', 'R'), d('X', 'K')])).toThrow(
      /sponsor must be a distributor/,
    );
    expect(() => build([d('R'), c('K', 'R', { placement: 'R', leg: 'L' })])).toThrow(
      /placement is for distributors/,
    );
  });

  it('rejects negative quantities and unknown buyers', () => {
    const snap = createSnapshot({
      period: '2026-10',
      members: [d('A')],
      orders: [buy('A', { qty: 1 })],
    });
    snap.lines.qty[0] = -1;
    expect(() => computeRun(plan(), snap)).toThrow(/negative quantity/);
    snap.lines.qty[0] = 1;
    snap.lines.buyer[0] = 5;
    expect(() => computeRun(plan(), snap)).toThrow(/invalid buyer/);
  });

  it('handles a 100 000-deep sponsor and placement chain without recursion', () => {
    const n = 100_000;
    const ms = [d('M0')];
    for (let i = 1; i < n; i++)
      ms.push(d(`M${i}`, `M${i - 1}`, { placement: `M${i - 1}`, leg: 'L' }));
    const p = plan({
      activePv: 0,
      bonuses: [
        { id: 'uni', type: 'unilevel', levels: [100, 100] },
        { id: 'binary', type: 'binary', rateBp: 1000 },
      ],
    });
    const r = run(p, ms, [buy(`M${n - 1}`, { qty: 1, bv: 1_000_000 })]);
    // GV reaches the root through the whole chain; unilevel pays two levels above the source.
    expect(r.by.M0?.bv).toBe(0);
    expect(
      r.lines.filter((l) => l.bonus === 'uni').map((l) => [l.earner, l.level, l.amount]),
    ).toEqual([
      [`M${n - 2}`, 1, 10_000],
      [`M${n - 3}`, 2, 10_000],
    ]);
    // Every ancestor carries 1000000 on its left leg (right leg empty, pair 0).
    expect(r.by.M0?.binaryCarry).toEqual({ left: 1_000_000, right: 0 });
  });
});

describe('computeRun options', () => {
  it('reports progress after each stage: tree, volumes, ranks, each bonus, payout', () => {
    const snap = createSnapshot({ period: '2026-10', members: [d('A')] });
    const seen: string[] = [];
    computeRun(DEFAULT_PLAN, snap, {
      onProgress: (stage, done, total) => seen.push(`${stage} ${done}/${total}`),
    });
    expect(seen).toEqual([
      'tree 1/10',
      'volumes 2/10',
      'ranks 3/10',
      'retail 4/10',
      'referral 5/10',
      'sponsor 6/10',
      'unilevel 7/10',
      'binary 8/10',
      'matching 9/10',
      'payout 10/10',
    ]);
  });
});

describe('canonical member bytes', () => {
  it('write numbers exactly as JSON does, large, negative and non-integer ones too', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      9,
      10,
      99,
      100,
      12_345,
      -120_000_020,
      2 ** 31,
      2 ** 53 - 1,
      -(2 ** 53 - 1),
      1.5,
      1e21,
    ];
    const r = run(
      DEFAULT_PLAN,
      values.map((v, i) =>
        d(`M${String(i).padStart(2, '0')}`, null, { adjustments: v, carryIn: -v, bank: false }),
      ),
    );
    const expected = '{"members":[' + r.members.map((x) => canonicalJson(x)).join(',');
    expect(membersCanonicalText(DEFAULT_PLAN, r.snap, r.result)).toBe(expected);
  });

  it('escape member codes JSON would escape', () => {
    const r = run(plan(), [d('A"B'), d('ü-1', 'A"B'), d('back\\slash', 'A"B')]);
    const expected = '{"members":[' + r.members.map((x) => canonicalJson(x)).join(',');
    expect(membersCanonicalText(plan(), r.snap, r.result)).toBe(expected);
  });
});
