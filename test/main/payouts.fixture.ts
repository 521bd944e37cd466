import ExcelJS from 'exceljs';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Ctx } from '../../src/main/ipc/context';
import type { Db } from '../../src/main/db/client';
import type { Channel, Contract } from '../../src/shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src/shared/ipc/channel';
import { DEFAULT_PLAN } from '../../src/shared/plan';
import type { Role } from '../../src/shared/roles';
import { must } from '../helpers/cli';
import { ctxFor } from '../helpers/db';

export { must };

// ---------------------------------------------------------------------------------------------
// Worked example with hand-computed numbers (docs/payouts.md "Worked example").

export const WORKED_PLAN = {
  format: 'jenjang-plan/1',
  name: 'Contoh payout',
  activePv: 100,
  ranks: [{ code: 'MEMBER' }],
  bonuses: [
    { id: 'retail', type: 'retail' },
    { id: 'referral', type: 'referral', rateBp: 500 },
    { id: 'unilevel', type: 'unilevel', levels: [1000, 500] },
  ],
  payout: { minimum: 50000 },
  tax: { profile: 'id-pph21-nonemployee' },
} as const;

/**
 * Calls channels on `db` as `role` and returns their data (an error result fails the test).
 */
export function caller(db: Db, role: Role = 'accountant', username?: string) {
  return <C extends Channel>(
    channel: C,
    input: InputOf<Contract[C]>,
  ): Promise<OutputOf<Contract[C]>> =>
    must(dispatch(channel, input, ctxFor(db, role, username)) as never);
}

/** An XLSX file payload (base64) opened the way a spreadsheet program would. */
export async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/**
 * Members A (root, NIK, BCA), B (sponsor A, Mandiri, no NIK/NPWP), C (sponsor B, no bank),
 * D (sponsor A, malformed account "ABC-123", NIK), customers K (sponsor A), R (sponsor A, never
 * buys) and E (sponsor R). One product P1 (member 100.000, retail 130.000, PV 100, BV 100.000)
 * and a starter kit KIT (150.000, no PV/BV). Orders in 2026-10: A 1×P1, B 2×P1, C 5×P1 + 1×KIT,
 * D 1×P1, K 1×P1 and E 1×P1 at retail. Adjustments: D +60.000, C +10.000.
 *
 * Hand-computed run of 2026-10 (plan WORKED_PLAN):
 *   A: retail 2×30.000 = 60.000; referral 5 % of K's 100.000 = 5.000; unilevel 25.000 (C, L2)
 *      + 20.000 (B, L1) + 10.000 (D, L1) = 55.000 → 120.000; PPh 21: base 60.000, tax 3.000,
 *      net 117.000.
 *   B: unilevel 10 % of C's 500.000 = 50.000; no NIK/NPWP: base 25.000, tax 1.250 × 120 % =
 *      1.500, net 48.500.
 *   D: adjustment 60.000; base 30.000, tax 1.500, net 58.500 (paid by the run, but the account
 *      is malformed → bank-file exception).
 *   C: adjustment 10.000, no bank account → held, carried forward.
 *   R: referral 5 % of E's 100.000 = 5.000, no own purchase, below minimum → carried forward.
 *   Totals: BV 1.100.000 (A 300.000, B 200.000, C 500.000, D 100.000), bonuses 175.000,
 *   payout ratio 1590 bp, tax 6.000, net 224.000.
 */
export async function workedExample(db: Db, ctx: Ctx): Promise<void> {
  const s = db.sqlite;
  s.prepare(
    `INSERT INTO products (id, sku, name, member_price, retail_price, pv, bv) VALUES
     (1, 'P1', 'Teh Herbal', 100000, 130000, 100, 100000),
     (2, 'KIT', 'Paket Pendaftaran (Starter Kit)', 150000, 150000, 0, 0)`,
  ).run();
  const ins = s.prepare(
    `INSERT INTO members (id, code, name, kind, sponsor_id, join_date, nik, npwp, bank_name, bank_account, bank_holder)
     VALUES (?, ?, ?, ?, ?, '2026-01-10', ?, ?, ?, ?, ?)`,
  );
  ins.run(
    1,
    'A',
    'Ani Wijaya',
    'distributor',
    null,
    '3171010101800001',
    null,
    'BCA',
    '1234567890',
    'ANI WIJAYA',
  );
  ins.run(
    2,
    'B',
    'Budi Santoso',
    'distributor',
    1,
    null,
    null,
    'Mandiri',
    '1370001234567',
    'BUDI SANTOSO',
  );
  ins.run(3, 'C', 'Citra Lestari', 'distributor', 2, '3171010101800003', null, null, null, null);
  ins.run(
    4,
    'D',
    'Dedi Kurniawan',
    'distributor',
    1,
    '3171010101800004',
    null,
    'BRI',
    'ABC-123',
    'DEDI K',
  );
  ins.run(5, 'K', 'Kartika Sari', 'customer', 1, null, null, null, null, null);
  ins.run(6, 'R', 'Rina Putri', 'customer', 1, null, null, null, null, null);
  ins.run(7, 'E', 'Eko Prasetyo', 'customer', 6, null, null, null, null, null);
  const order = s.prepare(
    `INSERT INTO orders (id, order_no, member_id, order_date) VALUES (?, ?, ?, ?)`,
  );
  const line = s.prepare(
    `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
     VALUES (?, ?, substr(?, 1, 7), ?, ?, ?, ?, ?, ?)`,
  );
  const buy = (id: number, member: number, date: string, qty: number, retail = false) => {
    order.run(id, `SO-${id}`, member, date);
    line.run(id, member, date, 1, qty, retail ? 130000 : 100000, 100000, 100, 100000);
  };
  buy(1, 1, '2026-10-03', 1);
  buy(2, 2, '2026-10-04', 2);
  buy(3, 3, '2026-10-05', 5);
  line.run(3, 3, '2026-10-05', 2, 1, 150000, 150000, 0, 0);
  buy(4, 4, '2026-10-06', 1);
  buy(5, 5, '2026-10-07', 1, true);
  buy(6, 7, '2026-10-08', 1, true);
  await must(dispatch('plans:set', { plan: WORKED_PLAN }, ctx));
  await must(
    dispatch(
      'adjustments:add',
      { member: 'D', period: '2026-10', amount: 60000, reason: 'koreksi bonus September' },
      ctx,
    ),
  );
  await must(
    dispatch(
      'adjustments:add',
      { member: 'C', period: '2026-10', amount: 10000, reason: 'hadiah kontes' },
      ctx,
    ),
  );
  await must(dispatch('close:commit', { period: '2026-10' }, ctx));
}

/** November: only A buys; nobody earns; C and R stay below / held. */
export async function workedNovember(db: Db, ctx: Ctx): Promise<void> {
  db.sqlite
    .prepare(
      `INSERT INTO orders (id, order_no, member_id, order_date) VALUES (10, 'SO-10', 1, '2026-11-02')`,
    )
    .run();
  db.sqlite
    .prepare(
      `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
       VALUES (10, 1, '2026-11', 1, 1, 100000, 100000, 100, 100000)`,
    )
    .run();
  await must(dispatch('close:commit', { period: '2026-11' }, ctx));
}

/**
 * A demo company (300 members, 2 months of orders) with every period closed by the real close,
 * under the default plan with PPh 21 withholding (so tax figures are not all zero).
 */
export async function demoWithRuns(
  ctx: Ctx,
  opts: { members?: number; months?: number } = {},
): Promise<string[]> {
  await must(
    dispatch(
      'plans:set',
      { plan: { ...DEFAULT_PLAN, tax: { profile: 'id-pph21-nonemployee' } } },
      ctx,
    ),
  );
  await must(
    dispatch(
      'system:demo',
      { members: opts.members ?? 300, months: opts.months ?? 2, seed: 7 },
      ctx,
    ),
  );
  const periods = (await must(dispatch('periods:list', {}, ctx))).map((p) => p.period);
  for (const period of periods) await must(dispatch('close:commit', { period }, ctx));
  return periods;
}
