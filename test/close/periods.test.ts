import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/client';
import { runHash } from '../../src/main/engine/hash';
import type { ExplainDto } from '../../src/shared/ipc/close.contract';
import { company, figures, member, PRODUCTS_CSV, type RunJson } from './helpers';

/**
 * Three months of a four-member company, closed through the CLI, every number worked out by
 * hand below from plan-format.md. Covers: out-of-order refusal, carry-forward below the
 * minimum then paid, hold, adjustments (incl. a negative balance carried forward), dynamic
 * compression, rank change, reopen + recommit with the same hash, the locked period.
 */

const PLAN = {
  format: 'jenjang-plan/1',
  name: 'Rencana Uji',
  activePv: 100,
  ranks: [{ code: 'MEMBER' }, { code: 'BRONZE', minPv: 100, minGv: 400 }],
  bonuses: [
    { id: 'retail', type: 'retail' },
    { id: 'referral', type: 'referral', rateBp: 500 },
    { id: 'sponsor', type: 'sponsor', rateBp: 1000 },
    { id: 'unilevel', type: 'unilevel', levels: [1000, 500] },
  ],
  payout: { minimum: 30000 },
  tax: { profile: 'none' },
};

// A (root) ← B ← C (distributors), K customer of B. K has no bank account.
const MEMBERS_CSV = `code,name,kind,sponsor,join_date,bank_name,bank_account,bank_holder,nik
A,Ani,distributor,,2026-01-05,BCA,1110001,ANI,3171000000000001
B,Budi,distributor,A,2026-01-10,BCA,2220002,BUDI,3171000000000002
K,Kiki,customer,B,2026-01-12,,,,
C,Cici,distributor,B,2026-02-03,BCA,3330003,CICI,3171000000000003
`;

const JAN = `order_no,member,date,sku,qty
J1,A,2026-01-20,P1,1
J2,B,2026-01-21,P1,1
J3,K,2026-01-22,P2,1
`;
const FEB = `order_no,member,date,sku,qty
F1,A,2026-02-10,P1,1
F2,B,2026-02-11,P1,1
F3,C,2026-02-12,P1,2
`;
const MAR = `order_no,member,date,sku,qty
M1,A,2026-03-10,P1,1
M2,C,2026-03-12,P1,1
`;

const zero = { retail: 0, referral: 0, sponsor: 0, unilevel: 0 };

describe('close: three periods worked by hand (CLI)', () => {
  it('carry-forward, hold, adjustments, compression, order, reopen/recommit', async () => {
    const c = company();
    expect((await c.ok('plan', 'set', c.file('plan.json', JSON.stringify(PLAN)))).trim()).toBe('1');
    await c.importCsv('products', 'products.csv', PRODUCTS_CSV);
    await c.importCsv('members', 'members.csv', MEMBERS_CSV);
    await c.importCsv('orders', 'jan.csv', JAN);
    await c.importCsv('orders', 'feb.csv', FEB);

    // ---- order: February cannot be committed while January (with data) is open -------------
    const early = await c.run('close', 'commit', '--period', '2026-02');
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/earlier period\(s\) with data are not committed yet: 2026-01/);

    // ---- January -----------------------------------------------------------------------------
    // Volumes: PV(A)=100, BV(A)=80 000. B's own order 100 PV / 80 000 BV plus K's order rolls
    // up to B (K is a customer): PV(B)=150, BV(B)=120 000. GV(B)=150, GV(A)=100+150=250.
    // Ranks: BRONZE needs GV 400 → everyone MEMBER. Active: A, B (PV ≥ 100); C has no PV.
    // retail:   K's order J3: 1·(65 000 − 50 000) = 15 000 → B (K's volume owner)
    // referral: K's sponsor B: floor(40 000 · 500/10 000) = 2 000
    // sponsor:  B joined in 2026-01, parent A active: floor(80 000 · 1000/10 000) = 8 000
    //           (A joined too but has no parent)
    // unilevel: source B (BV 120 000): level 1 = A: floor(120 000 · 1000/10 000) = 12 000
    // A: 8 000 + 12 000 = 20 000 < minimum 30 000 → not paid, carryOut 20 000
    // B: 15 000 + 2 000 = 17 000 → not paid, carryOut 17 000
    // totals: bv 200 000, bonuses 37 000, ratio floor(37 000·10 000/200 000) = 1850, net 0
    const janPreview = await c.json('close', 'preview', '--period', '2026-01');
    const jan = await c.json('close', 'commit', '--period', '2026-01');
    expect(jan.runHash).toBe(janPreview.runHash);
    expect(jan.planVersion).toBe(1);
    expect(jan.totals).toEqual({
      bv: 200_000,
      bonuses: 37_000,
      payoutRatioBp: 1850,
      tax: 0,
      net: 0,
      carryOut: 37_000,
    });
    expect(jan.members.map((m) => m.code)).toEqual(['A', 'B', 'C', 'K']);
    expect(figures(member(jan, 'A'))).toEqual({
      rank: 'MEMBER',
      active: true,
      pv: 100,
      gv: 250,
      bv: 80_000,
      bonuses: { ...zero, sponsor: 8_000, unilevel: 12_000 },
      adjustments: 0,
      clawbacks: 0,
      carryIn: 0,
      gross: 20_000,
      available: 20_000,
      held: false,
      paid: false,
      tax: 0,
      net: 0,
      carryOut: 20_000,
    });
    expect(figures(member(jan, 'B'))).toMatchObject({
      pv: 150,
      gv: 150,
      bv: 120_000,
      bonuses: { ...zero, retail: 15_000, referral: 2_000 },
      gross: 17_000,
      paid: false,
      carryOut: 17_000,
    });
    expect(member(jan, 'C')).toMatchObject({ rank: 'MEMBER', active: false, pv: 0, gross: 0 });
    expect(member(jan, 'K')).toEqual({
      code: 'K',
      kind: 'customer',
      rank: null,
      active: false,
      pv: 0,
      gv: 0,
      bv: 0,
      bonuses: zero,
      adjustments: 0,
      clawbacks: 0,
      carryIn: 0,
      gross: 0,
      available: 0,
      held: true, // no bank account
      paid: false,
      tax: 0,
      net: 0,
      carryOut: 0,
    });

    // The JSON of a commit is read back from the stored rows: it hashes to the run hash.
    const planInfo = JSON.parse(await c.ok('plan', 'show', '--json')) as { planHash: string };
    expect(runHash('2026-01', planInfo.planHash, jan.members)).toBe(jan.runHash);

    // January is locked: no adjustment, no order, no second commit.
    const adjClosed = await c.run(
      'adjust',
      '--member',
      'A',
      '--period',
      '2026-01',
      '--amount',
      '100',
      '--reason',
      'late',
    );
    expect(adjClosed.code).toBe(2);
    expect(adjClosed.err).toMatch(/closed/);
    const lateOrder = await c.run(
      'import',
      'orders',
      c.file('late.csv', 'order_no,member,date,sku,qty\nJ9,A,2026-01-30,P1,1\n'),
    );
    expect(lateOrder.code).toBe(2);
    expect((await c.run('close', 'commit', '--period', '2026-01')).code).toBe(2);

    // ---- February ----------------------------------------------------------------------------
    // PV A 100, B 100, C 200; BV A 80 000, B 80 000, C 160 000. GV C 200, B 300, A 400 →
    // A reaches BRONZE (PV 100, GV 400); B, C stay MEMBER. All three active.
    // sponsor:  C joined 2026-02, parent B: floor(160 000 · 10 %) = 16 000 → B
    // unilevel: source B (80 000) → A level 1: 8 000
    //           source C (160 000) → B level 1: 16 000, A level 2: floor(160 000 · 5 %) = 8 000
    // A: 16 000 + carryIn 20 000 = 36 000 ≥ 30 000 → paid (when not held)
    // B: 32 000 + carryIn 17 000 = 49 000 → paid
    await c.ok('member', 'hold', 'A', '--reason', 'KYC documents expired');
    const held = await c.json('close', 'preview', '--period', '2026-02');
    expect(figures(member(held, 'A'))).toMatchObject({
      rank: 'BRONZE',
      gv: 400,
      bonuses: { ...zero, unilevel: 16_000 },
      carryIn: 20_000,
      gross: 16_000,
      available: 36_000,
      held: true,
      paid: false,
      net: 0,
      carryOut: 36_000,
    });
    await c.ok('member', 'release', 'A', '--reason', 'KYC renewed');

    // Adjustments: B +1 000 → available 50 000 → paid 50 000; C −5 000 → gross −5 000,
    // available −5 000 ≤ 0 → not paid, the negative balance carries forward.
    await c.ok(
      'adjust',
      '--member',
      'B',
      '--period',
      '2026-02',
      '--amount',
      '1000',
      '--reason',
      'promo',
    );
    await c.ok(
      'adjust',
      '--member',
      'C',
      '--period',
      '2026-02',
      '--amount',
      '-5000',
      '--reason',
      'kit refund',
    );
    const febPreview = await c.json('close', 'preview', '--period', '2026-02');
    const feb = await c.json('close', 'commit', '--period', '2026-02');
    expect(feb.runHash).toBe(febPreview.runHash);
    // bv 320 000, bonuses 48 000 (before adjustments), ratio floor(48 000·10 000/320 000) = 1500,
    // net 36 000 + 50 000, carryOut −5 000 (C)
    expect(feb.totals).toEqual({
      bv: 320_000,
      bonuses: 48_000,
      payoutRatioBp: 1500,
      tax: 0,
      net: 86_000,
      carryOut: -5_000,
    });
    expect(figures(member(feb, 'A'))).toMatchObject({
      rank: 'BRONZE',
      carryIn: 20_000,
      available: 36_000,
      held: false,
      paid: true,
      net: 36_000,
      carryOut: 0,
    });
    expect(figures(member(feb, 'B'))).toMatchObject({
      bonuses: { ...zero, sponsor: 16_000, unilevel: 16_000 },
      adjustments: 1_000,
      carryIn: 17_000,
      gross: 33_000,
      available: 50_000,
      paid: true,
      net: 50_000,
      carryOut: 0,
    });
    expect(figures(member(feb, 'C'))).toMatchObject({
      pv: 200,
      bonuses: zero,
      adjustments: -5_000,
      gross: -5_000,
      available: -5_000,
      held: false,
      paid: false,
      carryOut: -5_000,
    });

    // ---- reopen: latest only, reason required; recommit gives the same hash ---------------------
    expect((await c.run('close', 'reopen', '--period', '2026-01', '--reason', 'x')).code).toBe(2);
    expect((await c.run('close', 'reopen', '--period', '2026-02', '--reason', '  ')).code).toBe(2);
    await c.ok('close', 'reopen', '--period', '2026-02', '--reason', 'bank file rejected');
    const listed = JSON.parse(await c.ok('period', 'list', '--json')) as {
      period: string;
      status: string;
      runHash: string | null;
    }[];
    expect(listed).toEqual([
      { period: '2026-01', status: 'closed', runHash: jan.runHash },
      { period: '2026-02', status: 'open', runHash: null },
    ]);
    const again = await c.json('close', 'commit', '--period', '2026-02');
    expect(again.runHash).toBe(feb.runHash);
    {
      const db = openDb(c.db);
      const runs = db.sqlite
        .prepare(
          `SELECT status, run_hash, supersede_reason FROM runs WHERE period = '2026-02' ORDER BY id`,
        )
        .all();
      expect(runs).toEqual([
        { status: 'superseded', run_hash: feb.runHash, supersede_reason: 'bank file rejected' },
        { status: 'committed', run_hash: feb.runHash, supersede_reason: null },
      ]);
      const audit = db.sqlite
        .prepare(`SELECT action, reason FROM audit_log WHERE action LIKE 'close.%' ORDER BY id`)
        .all();
      expect(audit).toEqual([
        { action: 'close.commit', reason: null },
        { action: 'close.commit', reason: null },
        { action: 'close.reopen', reason: 'bank file rejected' },
        { action: 'close.commit', reason: null },
      ]);
      db.sqlite.close();
    }

    // ---- March: compression, negative carry, rank back to MEMBER ------------------------------
    // B buys nothing: PV 0 → not active. A and C buy 1 × P1 (PV 100, BV 80 000 each).
    // unilevel: source C → parent B is inactive and skipped (level stays 1) → A at level 1:
    //           floor(80 000 · 10 %) = 8 000. GV A = 100 + GV B (0 + 100) = 200 → MEMBER.
    // A: carryIn 0 + 8 000 < 30 000 → carryOut 8 000. C: carryIn −5 000 → carryOut −5 000.
    // totals: bv 160 000, bonuses 8 000, ratio 500, net 0, carryOut 8 000 − 5 000 = 3 000
    await c.importCsv('orders', 'mar.csv', MAR);
    const mar: RunJson = await c.json('close', 'commit', '--period', '2026-03');
    expect(mar.totals).toEqual({
      bv: 160_000,
      bonuses: 8_000,
      payoutRatioBp: 500,
      tax: 0,
      net: 0,
      carryOut: 3_000,
    });
    expect(figures(member(mar, 'A'))).toMatchObject({
      rank: 'MEMBER',
      gv: 200,
      bonuses: { ...zero, unilevel: 8_000 },
      carryIn: 0,
      available: 8_000,
      paid: false,
      carryOut: 8_000,
    });
    expect(figures(member(mar, 'B'))).toMatchObject({ active: false, pv: 0, gv: 100, carryOut: 0 });
    expect(figures(member(mar, 'C'))).toMatchObject({
      carryIn: -5_000,
      gross: 0,
      available: -5_000,
      carryOut: -5_000,
    });

    // ---- explain: stored lines of a committed period add up to the member's amounts ----------
    const ex = JSON.parse(
      await c.ok('explain', '--period', '2026-01', '--member', 'A', '--json'),
    ) as ExplainDto;
    expect(ex.source).toBe('committed');
    expect(ex.runHash).toBe(jan.runHash);
    const lines = ex.bonuses.flatMap((b) => b.lines.map((l) => ({ bonus: b.id, ...l })));
    expect(lines).toEqual([
      {
        bonus: 'sponsor',
        level: 0,
        sourceCode: 'B',
        sourceOrderNo: null,
        base: 80_000,
        rateBp: 1000,
        amount: 8_000,
      },
      {
        bonus: 'unilevel',
        level: 1,
        sourceCode: 'B',
        sourceOrderNo: null,
        base: 120_000,
        rateBp: 1000,
        amount: 12_000,
      },
    ]);
    for (const b of ex.bonuses) expect(b.lines.reduce((s, l) => s + l.amount, 0)).toBe(b.amount);
    expect(ex.payout).toMatchObject({
      bonusTotal: 20_000,
      gross: 20_000,
      available: 20_000,
      carryOut: 20_000,
    });

    // Explain of B in March (committed): no line, and why: B was inactive and compressed.
    const exB = JSON.parse(
      await c.ok('explain', '--period', '2026-03', '--member', 'B', '--json'),
    ) as ExplainDto;
    const uni = exB.bonuses.find((b) => b.id === 'unilevel')!;
    expect(uni.lines).toEqual([]);
    expect(uni.whyNot).toEqual([
      expect.objectContaining({ code: 'COMPRESSED', sourceCode: 'C', level: 1, missed: 8_000 }),
    ]);
    expect(exB.member.inactiveReason).toMatch(/PV 0/);
    const text = await c.ok('explain', '--period', '2026-02', '--member', 'B');
    expect(text).toMatch(/sponsor \(sponsor\): 16000/);
    expect(text).toMatch(/available = carry-in 17000 \+ gross 33000 = 50000/);
  });
});
