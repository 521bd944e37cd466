import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/client';
import type { ExplainDto } from '../../src/shared/ipc/close.contract';
import { company, figures, member, PRODUCTS_CSV } from './helpers';

/**
 * A customer returns, in two later months, the goods of an order of a closed period
 * (plan-format.md "Clawbacks"). Every number by hand.
 */

const PLAN = {
  format: 'jenjang-plan/1',
  name: 'Rencana Klaim',
  activePv: 100,
  ranks: [{ code: 'MEMBER' }],
  bonuses: [
    { id: 'retail', type: 'retail' },
    { id: 'referral', type: 'referral', rateBp: 500 },
    { id: 'sponsor', type: 'sponsor', rateBp: 1000 },
    { id: 'unilevel', type: 'unilevel', levels: [1000, 500] },
  ],
  payout: { minimum: 0 },
  tax: { profile: 'none' },
};

// Everyone joined in December: no first-month bonus in the months below.
const MEMBERS_CSV = `code,name,kind,sponsor,join_date,bank_name,bank_account,bank_holder
A,Ani,distributor,,2025-12-01,BCA,1110001,ANI
B,Budi,distributor,A,2025-12-02,BCA,2220002,BUDI
K,Kiki,customer,B,2025-12-03,,,
`;

const zero = { retail: 0, referral: 0, sponsor: 0, unilevel: 0 };

describe('close: clawback of a return of a closed period (CLI)', () => {
  it('charges the restated lines in the return’s period, chained over two returns', async () => {
    const c = company();
    await c.ok('plan', 'set', c.file('plan.json', JSON.stringify(PLAN)));
    await c.importCsv('products', 'products.csv', PRODUCTS_CSV);
    await c.importCsv('members', 'members.csv', MEMBERS_CSV);
    await c.importCsv(
      'orders',
      'jan.csv',
      'order_no,member,date,sku,qty\nJ1,A,2026-01-10,P1,1\nJ2,B,2026-01-11,P1,1\nJ3,K,2026-01-12,P2,2\n',
    );

    // ---- January: PV A 100, B 100 + 2·50 = 200; BV A 80 000, B 80 000 + 80 000 = 160 000 ----
    // retail J3: 2·(65 000 − 50 000) = 30 000 → B; referral: floor(80 000 · 5 %) = 4 000 → B
    // unilevel: source B → A level 1: floor(160 000 · 10 %) = 16 000. Minimum 0: all paid.
    // ratio floor(50 000 · 10 000 / 240 000) = 2083
    const jan = await c.json('close', 'commit', '--period', '2026-01');
    expect(jan.totals).toEqual({
      bv: 240_000,
      bonuses: 50_000,
      payoutRatioBp: 2083,
      tax: 0,
      net: 50_000,
      carryOut: 0,
    });
    expect(member(jan, 'B').bonuses).toEqual({ ...zero, retail: 30_000, referral: 4_000 });
    expect(member(jan, 'A').bonuses).toEqual({ ...zero, unilevel: 16_000 });

    // ---- February: K returns 1 of the 2 units of J3 (January is closed → clawback) -------------
    await c.importCsv(
      'returns',
      'r1.csv',
      'return_no,order_no,date,sku,qty\nR1,J3,2026-02-05,P2,1\n',
    );
    await c.importCsv(
      'orders',
      'feb.csv',
      'order_no,member,date,sku,qty\nF1,A,2026-02-10,P1,1\nF2,B,2026-02-11,P1,1\n',
    );
    // January's lines restated with 1 unit less (BV −40 000, margin −15 000):
    //   retail J3 (B):     30 000 → 15 000                          = 15 000
    //   referral K (B):    floor(80 000·5 %) = 4 000 → floor(40 000·5 %) = 2 000 =  2 000
    //   unilevel B (A, 1): floor(160 000·10 %) = 16 000 → floor(120 000·10 %) = 12 000 = 4 000
    // February bonuses: unilevel source B (80 000) → A 8 000.
    // A: gross 8 000 − 4 000 = 4 000 → paid. B: gross 0 − 17 000 → available −17 000 → carried.
    const feb = await c.json('close', 'commit', '--period', '2026-02');
    expect(feb.totals).toEqual({
      bv: 160_000,
      bonuses: 8_000,
      payoutRatioBp: 500,
      tax: 0,
      net: 4_000,
      carryOut: -17_000,
    });
    expect(figures(member(feb, 'A'))).toMatchObject({
      bonuses: { ...zero, unilevel: 8_000 },
      clawbacks: 4_000,
      gross: 4_000,
      paid: true,
      net: 4_000,
    });
    expect(figures(member(feb, 'B'))).toMatchObject({
      bonuses: zero,
      clawbacks: 17_000,
      gross: -17_000,
      available: -17_000,
      paid: false,
      carryOut: -17_000,
    });
    const exB = JSON.parse(
      await c.ok('explain', '--period', '2026-02', '--member', 'B', '--json'),
    ) as ExplainDto;
    expect(exB.clawbacks).toEqual([
      {
        bonusId: 'retail',
        sourcePeriod: '2026-01',
        sourceCode: 'K',
        sourceOrderNo: 'J3',
        level: 0,
        base: 30_000,
        rateBp: 10_000,
        before: 30_000,
        after: 15_000,
        amount: 15_000,
      },
      {
        bonusId: 'referral',
        sourcePeriod: '2026-01',
        sourceCode: 'K',
        sourceOrderNo: null,
        level: 0,
        base: 80_000,
        rateBp: 500,
        before: 4_000,
        after: 2_000,
        amount: 2_000,
      },
    ]);
    expect(exB.payout).toMatchObject({ clawbacks: 17_000, gross: -17_000, carryOut: -17_000 });

    // ---- March: the second unit comes back too; K buys again ---------------------------------
    await c.importCsv(
      'returns',
      'r2.csv',
      'return_no,order_no,date,sku,qty\nR2,J3,2026-03-04,P2,1\n',
    );
    await c.importCsv(
      'orders',
      'mar.csv',
      'order_no,member,date,sku,qty\nM1,A,2026-03-10,P1,1\nM2,B,2026-03-11,P1,1\nM3,K,2026-03-12,P1,1\n',
    );
    // Chained on what February already charged (1 unit):
    //   retail:   15 000 → 0 = 15 000;  referral: 2 000 → 0 = 2 000  (B: 17 000)
    //   unilevel: floor(120 000·10 %) = 12 000 → floor(80 000·10 %) = 8 000 = 4 000 (A)
    // Over both months: retail 30 000, referral 4 000, unilevel 16 000 − 8 000 — exactly the
    // lines with both units gone.
    // March bonuses: B: PV 100 + 100 (K), BV 160 000; retail M3 30 000, referral 4 000 → 34 000;
    // A: unilevel floor(160 000·10 %) = 16 000.
    // B: gross 34 000 − 17 000 = 17 000, carryIn −17 000 → available 0 → not paid, carryOut 0.
    // A: gross 16 000 − 4 000 = 12 000 → paid.
    const mar = await c.json('close', 'commit', '--period', '2026-03');
    expect(mar.totals).toEqual({
      bv: 240_000,
      bonuses: 50_000,
      payoutRatioBp: 2083,
      tax: 0,
      net: 12_000,
      carryOut: 0,
    });
    expect(figures(member(mar, 'B'))).toMatchObject({
      bonuses: { ...zero, retail: 30_000, referral: 4_000 },
      clawbacks: 17_000,
      carryIn: -17_000,
      gross: 17_000,
      available: 0,
      paid: false,
      carryOut: 0,
    });
    expect(figures(member(mar, 'A'))).toMatchObject({
      clawbacks: 4_000,
      gross: 12_000,
      net: 12_000,
    });

    // Stored: one clawback line per restated line; Σ per earner = run_members.clawbacks.
    const db = openDb(c.db);
    const stored = db.sqlite
      .prepare(
        `SELECT r.period, m.code, sum(c.amount) AS amount, count(*) AS lines
         FROM run_clawbacks c JOIN runs r ON r.id = c.run_id JOIN members m ON m.id = c.earner_id
         WHERE r.status = 'committed' GROUP BY r.period, m.code ORDER BY r.period, m.code`,
      )
      .all();
    expect(stored).toEqual([
      { period: '2026-02', code: 'A', amount: 4_000, lines: 1 },
      { period: '2026-02', code: 'B', amount: 17_000, lines: 2 },
      { period: '2026-03', code: 'A', amount: 4_000, lines: 1 },
      { period: '2026-03', code: 'B', amount: 17_000, lines: 2 },
    ]);
    db.sqlite.close();
  });
});
