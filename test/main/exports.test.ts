import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Selectable } from 'kysely';
import type { RunMembersTable } from '../../src/main/db/database';
import { dispatch } from '../../src/main/ipc/dispatch';
import { RUPIAH_FORMAT } from '../../src/main/services/xlsx';
import { ctxFor, tempDb, type TempDb } from '../helpers/db';
import { caller, demoWithRuns, workbook, workedExample } from './payouts.fixture';

/**
 * The payout sheet and the tax report are opened the way a person's spreadsheet would open them
 * (exceljs, papaparse) and every number is checked against run_members / run_lines.
 */

function csvRows(base64: string): Record<string, string>[] {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true })
    .data;
}

/** A cell's number: plain numbers, or the cached result of a formula cell. */
function num(v: ExcelJS.CellValue): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v) return Number((v as { result: unknown }).result);
  // exceljs' reader drops a cached formula result of 0 (`<v>0</v>` is in the file)
  if (v && typeof v === 'object' && 'formula' in v) return 0;
  if (v === null || v === undefined || v === '') return 0;
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

interface Table {
  headerRow: number;
  header: string[];
  rows: ExcelJS.CellValue[][];
  totals: ExcelJS.CellValue[] | null;
}

/** The table under the frozen header of a sheet: data rows, then the TOTAL row. */
function table(ws: ExcelJS.Worksheet): Table {
  const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
  expect(view?.state).toBe('frozen');
  const headerRow = view!.ySplit!;
  const header = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: ExcelJS.CellValue[][] = [];
  let totals: ExcelJS.CellValue[] | null = null;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const values = (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1);
    if (values[0] === 'TOTAL') totals = values;
    else if (values.length) rows.push(values);
  }
  return { headerRow, header, rows, totals };
}

type RunMemberDb = Pick<
  Selectable<RunMembersTable>,
  | 'bonuses_json'
  | 'bonus_total'
  | 'adjustments'
  | 'clawbacks'
  | 'carry_in'
  | 'gross'
  | 'available'
  | 'tax_base'
  | 'tax'
  | 'net'
  | 'carry_out'
  | 'paid'
> & { code: string };

function runMembers(db: TempDb, period: string): Map<string, RunMemberDb> {
  const rows = db.sqlite
    .prepare(
      `SELECT m.code, rm.* FROM run_members rm JOIN members m ON m.id = rm.member_id
       JOIN runs r ON r.id = rm.run_id WHERE r.period = ? AND r.status = 'committed'`,
    )
    .all(period) as RunMemberDb[];
  return new Map(rows.map((r) => [r.code, r]));
}

function runTotals(db: TempDb, period: string) {
  const t = db.sqlite
    .prepare(`SELECT totals_json FROM runs WHERE period = ? AND status = 'committed'`)
    .pluck()
    .get(period) as string;
  return JSON.parse(t) as {
    bonuses: number;
    tax: number;
    net: number;
    carryOut: number;
    bv: number;
  };
}

function lineSums(db: TempDb, period: string): Map<string, { n: number; amount: number }> {
  const rows = db.sqlite
    .prepare(
      `SELECT bonus_id AS id, count(*) AS n, sum(amount) AS amount FROM run_lines l
       JOIN runs r ON r.id = l.run_id WHERE r.period = ? AND r.status = 'committed' GROUP BY 1`,
    )
    .all(period) as { id: string; n: number; amount: number }[];
  return new Map(rows.map((r) => [r.id, r]));
}

const MONEY_COLUMNS = [
  ['Total bonus', 'bonus_total'],
  ['Penyesuaian', 'adjustments'],
  ['Penarikan kembali', 'clawbacks'],
  ['Saldo masuk', 'carry_in'],
  ['Bruto', 'gross'],
  ['Tersedia', 'available'],
  ['DPP pajak', 'tax_base'],
  ['PPh dipotong', 'tax'],
  ['Neto ditransfer', 'net'],
  ['Saldo ditahan', 'carry_out'],
] as const;

/** Checks a payout sheet XLSX against the committed run of `period`, cell by cell. */
async function checkPayoutXlsx(db: TempDb, period: string, base64: string): Promise<void> {
  const wb = await workbook(base64);
  const members = runMembers(db, period);
  const totals = runTotals(db, period);
  const plan = JSON.parse(
    db.sqlite
      .prepare(
        `SELECT p.plan_json FROM runs r JOIN plan_versions p ON p.version = r.plan_version
         WHERE r.period = ? AND r.status = 'committed'`,
      )
      .pluck()
      .get(period) as string,
  ) as { bonuses: { id: string }[] };
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', ...plan.bonuses.map((b) => b.id)]);

  const summary = wb.getWorksheet('Ringkasan')!;
  const t = table(summary);
  const col = (h: string) => {
    const i = t.header.indexOf(h);
    expect(i, h).toBeGreaterThanOrEqual(0);
    return i;
  };
  // autofilter over header + data, rupiah format on money columns
  expect(summary.autoFilter).toBeTruthy();
  const netCol = col('Neto ditransfer');
  expect(summary.getRow(t.headerRow + 1).getCell(netCol + 1).numFmt).toBe(RUPIAH_FORMAT);
  expect(RUPIAH_FORMAT).toBe('"Rp "#,##0');

  const withMoney = [...members.values()].filter(
    (m) =>
      m.bonus_total ||
      m.adjustments ||
      m.clawbacks ||
      m.carry_in ||
      m.available ||
      m.carry_out ||
      m.net,
  );
  expect(t.rows).toHaveLength(withMoney.length);
  for (const row of t.rows) {
    const m = members.get(String(row[col('Kode')]))!;
    expect(m).toBeDefined();
    for (const [h, k] of MONEY_COLUMNS) expect(num(row[col(h)]), `${m.code} ${h}`).toBe(m[k]);
    const bonuses = JSON.parse(m.bonuses_json) as Record<string, number>;
    for (const b of plan.bonuses)
      expect(num(row[col(b.id)]), `${m.code} ${b.id}`).toBe(bonuses[b.id] ?? 0);
    expect(row[col('Dibayar')]).toBe(m.paid ? 'ya' : 'tidak');
  }
  // totals row = the run's totals (and = Σ over every member of the run)
  const sum = (k: keyof RunMemberDb) =>
    [...members.values()].reduce((s, m) => s + (m[k] as number), 0);
  expect(t.totals).not.toBeNull();
  for (const [h, k] of MONEY_COLUMNS) expect(num(t.totals![col(h)]), `total ${h}`).toBe(sum(k));
  expect(num(t.totals![col('Total bonus')])).toBe(totals.bonuses);
  expect(num(t.totals![col('PPh dipotong')])).toBe(totals.tax);
  expect(num(t.totals![col('Neto ditransfer')])).toBe(totals.net);
  expect(num(t.totals![col('Saldo ditahan')])).toBe(totals.carryOut);
  const f = t.totals![col('Neto ditransfer')] as { formula?: string };
  expect(f.formula).toMatch(/^SUBTOTAL\(109,[A-Z]+\d+:[A-Z]+\d+\)$/);

  // one sheet per bonus: its lines, totals = Σ run_lines = Σ that bonus over members
  const lines = lineSums(db, period);
  for (const b of plan.bonuses) {
    const bt = table(wb.getWorksheet(b.id)!);
    const amountCol = bt.header.indexOf('Jumlah');
    const expected = lines.get(b.id) ?? { n: 0, amount: 0 };
    expect(bt.rows.length, b.id).toBe(Math.max(expected.n, 0));
    expect(
      bt.rows.reduce((s, r) => s + num(r[amountCol]), 0),
      b.id,
    ).toBe(expected.amount);
    expect(num(bt.totals![amountCol])).toBe(expected.amount);
    const perMember = [...members.values()].reduce(
      (s, m) => s + ((JSON.parse(m.bonuses_json) as Record<string, number>)[b.id] ?? 0),
      0,
    );
    expect(expected.amount).toBe(perMember);
  }
}

async function checkPayoutCsv(db: TempDb, period: string, base64: string): Promise<void> {
  const rows = csvRows(base64);
  const members = runMembers(db, period);
  const totals = runTotals(db, period);
  const keys = [
    'bonus_total',
    'adjustments',
    'clawbacks',
    'carry_in',
    'gross',
    'available',
    'tax_base',
    'tax',
    'net',
    'carry_out',
  ] as const;
  for (const r of rows) {
    const m = members.get(r.code!)!;
    for (const k of keys) expect(Number(r[k]), `${r.code} ${k}`).toBe(m[k]);
    const bonuses = JSON.parse(m.bonuses_json) as Record<string, number>;
    for (const [k, v] of Object.entries(r)) {
      if (k.startsWith('bonus_') && k !== 'bonus_total')
        expect(Number(v)).toBe(bonuses[k.slice(6)] ?? 0);
    }
  }
  const sum = (k: string) => rows.reduce((s, r) => s + Number(r[k]), 0);
  expect(sum('bonus_total')).toBe(totals.bonuses);
  expect(sum('tax')).toBe(totals.tax);
  expect(sum('net')).toBe(totals.net);
  expect(sum('carry_out')).toBe(totals.carryOut);
}

describe('payout sheet and tax report of the worked example', () => {
  let db: TempDb;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    db = tempDb();
    call = caller(db, 'accountant');
    await workedExample(db, ctxFor(db));
  }, 180_000);
  afterAll(() => db.cleanup());

  it('XLSX: hand-computed numbers, sheets per bonus, totals row', async () => {
    const r = await call('payouts:exportSheet', { period: '2026-10', format: 'xlsx' });
    expect(r.fileName).toBe('payouts-2026-10.xlsx');
    expect(r).toMatchObject({
      members: 5,
      totals: {
        bonuses: 175000,
        adjustments: 70000,
        gross: 245000,
        tax: 6000,
        net: 224000,
        carryOut: 15000,
      },
    });
    await checkPayoutXlsx(db, '2026-10', r.base64);
    const wb = await workbook(r.base64);
    const t = table(wb.getWorksheet('Ringkasan')!);
    const byCode = new Map(t.rows.map((row) => [String(row[0]), row]));
    expect([...byCode.keys()]).toEqual(['A', 'B', 'C', 'D', 'R']);
    const net = t.header.indexOf('Neto ditransfer');
    expect(num(byCode.get('A')![net])).toBe(117000);
    expect(num(byCode.get('B')![net])).toBe(48500);
    expect(num(byCode.get('D')![net])).toBe(58500);
    const uni = table(wb.getWorksheet('unilevel')!);
    expect(uni.rows.map((x) => [x[0], x[2], x[3], num(x[6]), x[7], num(x[8])])).toEqual([
      ['A', 1, 'B', 200000, 0.1, 20000],
      ['A', 1, 'D', 100000, 0.1, 10000],
      ['A', 2, 'C', 500000, 0.05, 25000],
      ['B', 1, 'C', 500000, 0.1, 50000],
    ]);
    const retail = table(wb.getWorksheet('retail')!);
    expect(retail.rows.map((x) => [x[0], x[3], x[5], num(x[8])])).toEqual([
      ['A', 'E', 'SO-6', 30000],
      ['A', 'K', 'SO-5', 30000],
    ]);
  });

  it('CSV: one row per member with money, machine column names', async () => {
    const r = await call('payouts:exportSheet', { period: '2026-10', format: 'csv' });
    expect(r.mime).toBe('text/csv');
    const rows = csvRows(r.base64);
    expect(
      rows.map((x) => [
        x.code,
        x.bonus_retail,
        x.bonus_referral,
        x.bonus_unilevel,
        x.gross,
        x.tax,
        x.net,
      ]),
    ).toEqual([
      ['A', '60000', '5000', '55000', '120000', '3000', '117000'],
      ['B', '0', '0', '50000', '50000', '1500', '48500'],
      ['C', '0', '0', '0', '10000', '0', '0'],
      ['D', '0', '0', '0', '60000', '1500', '58500'],
      ['R', '0', '5000', '0', '5000', '0', '0'],
    ]);
    await checkPayoutCsv(db, '2026-10', r.base64);
  });

  it('English headers on request', async () => {
    const r = await call('payouts:exportSheet', { period: '2026-10', format: 'xlsx', lang: 'en' });
    const wb = await workbook(r.base64);
    expect(wb.worksheets[0]!.name).toBe('Summary');
    expect(table(wb.worksheets[0]!).header).toContain('Net transfer');
  });

  it('tax report: NIK/NPWP, gross, base and tax of every paid member', async () => {
    const s = await call('reports:tax', { period: '2026-10' });
    expect(s).toEqual({
      period: '2026-10',
      profile: 'id-pph21-nonemployee',
      members: 3,
      gross: 230000,
      taxBase: 115000,
      tax: 6000,
      net: 224000,
      withoutTaxId: 1,
    });
    const csv = csvRows(
      (await call('reports:exportTax', { period: '2026-10', format: 'csv' })).base64,
    );
    expect(csv).toEqual([
      {
        code: 'A',
        name: 'Ani Wijaya',
        nik: '3171010101800001',
        npwp: '',
        has_tax_id: 'true',
        gross: '120000',
        tax_base: '60000',
        tax: '3000',
        net: '117000',
      },
      {
        code: 'B',
        name: 'Budi Santoso',
        nik: '',
        npwp: '',
        has_tax_id: 'false',
        gross: '50000',
        tax_base: '25000',
        tax: '1500',
        net: '48500',
      },
      {
        code: 'D',
        name: 'Dedi Kurniawan',
        nik: '3171010101800004',
        npwp: '',
        has_tax_id: 'true',
        gross: '60000',
        tax_base: '30000',
        tax: '1500',
        net: '58500',
      },
    ]);
    const x = await call('reports:exportTax', { period: '2026-10', format: 'xlsx' });
    const t = table((await workbook(x.base64)).worksheets[0]!);
    expect(t.header).toEqual([
      'Kode',
      'Nama',
      'NIK',
      'NPWP',
      'Punya NIK/NPWP',
      'Bruto',
      'DPP pajak',
      'PPh dipotong',
      'Neto ditransfer',
    ]);
    // NIK stays text (16 digits would lose precision as a number)
    expect(t.rows[0]![2]).toBe('3171010101800001');
    expect(t.totals!.slice(5).map(num)).toEqual([230000, 115000, 6000, 224000]);
  });

  it('tax report is for finance only', async () => {
    const r = await dispatch(
      'reports:exportTax',
      { period: '2026-10', format: 'csv' },
      ctxFor(db, 'viewer'),
    );
    expect(r.ok).toBe(false);
  });
});

describe('payout sheet of a demo company closed by the real close', () => {
  let db: TempDb;
  let call: ReturnType<typeof caller>;
  let periods: string[];
  beforeAll(async () => {
    db = tempDb();
    call = caller(db, 'accountant');
    periods = await demoWithRuns(ctxFor(db, 'admin'));
  }, 180_000);
  afterAll(() => db.cleanup());

  it('XLSX and CSV of every period equal the run exactly', async () => {
    expect(periods).toHaveLength(2);
    for (const period of periods) {
      const x = await call('payouts:exportSheet', { period, format: 'xlsx' });
      await checkPayoutXlsx(db, period, x.base64);
      const c = await call('payouts:exportSheet', { period, format: 'csv' });
      await checkPayoutCsv(db, period, c.base64);
      expect(csvRows(c.base64)).toHaveLength(x.members);
    }
  });

  it('tax report sums equal the run', async () => {
    const period = periods[periods.length - 1]!;
    const totals = runTotals(db, period);
    const rows = csvRows((await call('reports:exportTax', { period, format: 'csv' })).base64);
    expect(rows.reduce((s, r) => s + Number(r.tax), 0)).toBe(totals.tax);
    expect(rows.reduce((s, r) => s + Number(r.net), 0)).toBe(totals.net);
    expect(totals.tax).toBeGreaterThan(0);
  });
});
