import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/client';
import { company, member } from './helpers';

/**
 * Tax profiles through the CLI (plan-format.md "Tax profiles"), numbers by hand: PPh 21 for
 * non-employees across the brackets, the 20 % surcharge without NIK/NPWP, then a plan change
 * to a flat rate in the next period. Large amounts come from adjustments (part of gross).
 */

const PPH21_PLAN = {
  format: 'jenjang-plan/1',
  name: 'Rencana Pajak',
  activePv: 100,
  ranks: [{ code: 'MEMBER' }],
  bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [1000] }],
  payout: { minimum: 0 },
  tax: { profile: 'id-pph21-nonemployee' },
};

// B and E have neither NIK nor NPWP; C has only a 15-digit NPWP.
const MEMBERS_CSV = `code,name,kind,sponsor,join_date,nik,npwp,bank_name,bank_account,bank_holder
A,Ani,distributor,,2025-12-01,3171000000000001,,BCA,1110001,ANI
B,Budi,distributor,A,2025-12-02,,,BCA,2220002,BUDI
C,Cici,distributor,A,2025-12-03,,012345678901234,BCA,3330003,CICI
D,Dedi,distributor,A,2025-12-04,3171000000000004,,BCA,4440004,DEDI
E,Eka,distributor,A,2025-12-05,,,BCA,5550005,EKA
`;

describe('close: tax profiles (CLI)', () => {
  it('PPh 21 brackets, surcharge without NIK/NPWP, stored withholding data; then flat', async () => {
    const c = company();
    await c.ok('plan', 'set', c.file('pph21.json', JSON.stringify(PPH21_PLAN)));
    await c.importCsv(
      'products',
      'products.csv',
      'sku,name,member_price,retail_price,pv,bv\nP1,Produk Satu,100000,130000,100,80000\n',
    );
    await c.importCsv('members', 'members.csv', MEMBERS_CSV);
    await c.importCsv(
      'orders',
      'jan.csv',
      'order_no,member,date,sku,qty\nJ1,A,2026-01-10,P1,1\nJ2,B,2026-01-11,P1,1\n',
    );
    const adjust = (code: string, amount: number) =>
      c.ok(
        'adjust',
        '--member',
        code,
        '--period',
        '2026-01',
        '--amount',
        String(amount),
        '--reason',
        'test',
      );
    // unilevel: source B (80 000) → A: 8 000. Adjustments bring the available amounts to:
    await adjust('A', 199_992_000); // A: 200 000 000
    await adjust('B', 200_000_000); // B: 200 000 000 (no NIK/NPWP)
    await adjust('C', 1_000_001); //   C:   1 000 001 (NPWP)
    await adjust('D', 1_200_000_000); // D: 1 200 000 000
    await adjust('E', 1_000_003); //   E:   1 000 003 (no NIK/NPWP)

    // A: base floor(200 000 000 · 50 %) = 100 000 000
    //    tax = 60 000 000 · 5 % + 40 000 000 · 15 % = 3 000 000 + 6 000 000 = 9 000 000
    // B: same base and tax, no NIK/NPWP: floor(9 000 000 · 120 / 100) = 10 800 000
    // C: base floor(500 000.5) = 500 000 → floor(500 000 · 5 %) = 25 000 (NPWP: no surcharge)
    // D: base 600 000 000 → 60M·5 % + 190M·15 % + 250M·25 % + 100M·30 %
    //    = 3 000 000 + 28 500 000 + 62 500 000 + 30 000 000 = 124 000 000
    // E: base floor(500 001.5) = 500 001 → floor(25 000.05) = 25 000 → ·120 % = 30 000
    const jan = await c.json('close', 'commit', '--period', '2026-01');
    const taxOf = (code: string) => {
      const m = member(jan, code);
      return { available: m.available, paid: m.paid, tax: m.tax, net: m.net };
    };
    expect(taxOf('A')).toEqual({
      available: 200_000_000,
      paid: true,
      tax: 9_000_000,
      net: 191_000_000,
    });
    expect(taxOf('B')).toEqual({
      available: 200_000_000,
      paid: true,
      tax: 10_800_000,
      net: 189_200_000,
    });
    expect(taxOf('C')).toEqual({ available: 1_000_001, paid: true, tax: 25_000, net: 975_001 });
    expect(taxOf('D')).toEqual({
      available: 1_200_000_000,
      paid: true,
      tax: 124_000_000,
      net: 1_076_000_000,
    });
    expect(taxOf('E')).toEqual({ available: 1_000_003, paid: true, tax: 30_000, net: 970_003 });
    expect(jan.totals).toEqual({
      bv: 160_000,
      bonuses: 8_000,
      payoutRatioBp: 500,
      tax: 9_000_000 + 10_800_000 + 25_000 + 124_000_000 + 30_000,
      net: 191_000_000 + 189_200_000 + 975_001 + 1_076_000_000 + 970_003,
      carryOut: 0,
    });

    // Withholding slip data stored per paid member: the base and the tax (NIK/NPWP: members).
    const db = openDb(c.db);
    const slips = db.sqlite
      .prepare(
        `SELECT m.code, m.nik, m.npwp, rm.tax_base AS base, rm.tax
         FROM run_members rm JOIN runs r ON r.id = rm.run_id JOIN members m ON m.id = rm.member_id
         WHERE r.period = '2026-01' AND r.status = 'committed' AND rm.paid = 1 ORDER BY m.code`,
      )
      .all();
    expect(slips).toEqual([
      { code: 'A', nik: '3171000000000001', npwp: null, base: 100_000_000, tax: 9_000_000 },
      { code: 'B', nik: null, npwp: null, base: 100_000_000, tax: 10_800_000 },
      { code: 'C', nik: null, npwp: '012345678901234', base: 500_000, tax: 25_000 },
      { code: 'D', nik: '3171000000000004', npwp: null, base: 600_000_000, tax: 124_000_000 },
      { code: 'E', nik: null, npwp: null, base: 500_001, tax: 30_000 },
    ]);
    db.sqlite.close();

    // ---- February under a new plan version with a flat 2.5 % -----------------------------------
    const flat = { ...PPH21_PLAN, name: 'Rencana Flat', tax: { profile: 'flat', rateBp: 250 } };
    expect((await c.ok('plan', 'set', c.file('flat.json', JSON.stringify(flat)))).trim()).toBe('2');
    await c.importCsv(
      'orders',
      'feb.csv',
      'order_no,member,date,sku,qty\nF1,A,2026-02-10,P1,1\nF2,B,2026-02-11,P1,1\n',
    );
    // A: unilevel 8 000 → tax floor(8 000 · 250 / 10 000) = 200, net 7 800
    const preview = await c.run('close', 'preview', '--period', '2026-02');
    expect(preview.out).toMatch(/plan version changed since 2026-01: 1 → 2/);
    const feb = await c.json('close', 'commit', '--period', '2026-02');
    expect(feb.planVersion).toBe(2);
    expect(member(feb, 'A')).toMatchObject({ available: 8_000, tax: 200, net: 7_800 });
    expect(feb.totals).toMatchObject({ bonuses: 8_000, tax: 200, net: 7_800 });
    const plans = JSON.parse(await c.ok('plan', 'list', '--json')) as {
      committedPeriods: string[];
    }[];
    expect(plans.map((p) => p.committedPeriods)).toEqual([['2026-01'], ['2026-02']]);
  });
});
