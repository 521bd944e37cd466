import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { DEFAULT_BONUS_IDS } from '../helpers/run-json';
import { tempPath } from '../helpers/db';

/**
 * The CLI end to end, as the company's scripts use it: a demo company closed with the real
 * `close commit`, then every export written to disk and opened again.
 */

let dbPath: string;
let dir: string;
let periods: string[];
const run = (...args: string[]) => cli(['--db', dbPath, ...args]);

function sql<T>(q: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(q).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dbPath = tempPath('cli.db');
  dir = dirname(dbPath);
  expect((await run('demo', '--members', '300', '--months', '2', '--seed', '11')).code).toBe(0);
  periods = (JSON.parse((await run('period', 'list', '--json')).out) as { period: string }[]).map(
    (p) => p.period,
  );
  for (const p of periods) {
    const r = await run('close', 'commit', '--period', p);
    expect(r.code, r.err).toBe(0);
  }
}, 180_000);

describe('jenjang export / report / payouts', () => {
  it('export payouts --format xlsx|csv writes sheets whose totals equal the run', async () => {
    const period = periods[1]!;
    const x = await run(
      'export',
      'payouts',
      '--period',
      period,
      '--format',
      'xlsx',
      '--out',
      join(dir, 'p.xlsx'),
    );
    expect(x.code, x.err).toBe(0);
    expect(x.out).toMatch(/payout sheet .* members →/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'p.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ringkasan', ...DEFAULT_BONUS_IDS]);
    const [totals] = sql<{ totals_json: string }>(
      `SELECT totals_json FROM runs WHERE period = ? AND status = 'committed'`,
      period,
    );
    const t = JSON.parse(totals!.totals_json) as { net: number; bonuses: number };
    const c = await run(
      'export',
      'payouts',
      '--period',
      period,
      '--format',
      'csv',
      '--out',
      join(dir, 'p.csv'),
    );
    expect(c.code).toBe(0);
    const rows = Papa.parse<Record<string, string>>(
      readFileSync(join(dir, 'p.csv'), 'utf8').replace(/^\ufeff/, ''),
      {
        header: true,
        skipEmptyLines: true,
      },
    ).data;
    expect(rows.reduce((s, r) => s + Number(r.net), 0)).toBe(t.net);
    expect(rows.reduce((s, r) => s + Number(r.bonus_total), 0)).toBe(t.bonuses);
  });

  it('export bank lists members without a valid account as exceptions (file and output)', async () => {
    const period = periods[1]!;
    // a paid member whose account number was mistyped after the close
    const [victim] = sql<{ code: string; net: number }>(
      `SELECT m.code, rm.net FROM run_members rm JOIN members m ON m.id = rm.member_id JOIN runs r ON r.id = rm.run_id
       WHERE r.period = ? AND r.status = 'committed' AND rm.paid = 1 ORDER BY rm.net DESC LIMIT 1`,
      period,
    );
    const db = new Database(dbPath);
    db.prepare(`UPDATE members SET bank_account = '12AB' WHERE code = ?`).run(victim!.code);
    db.close();
    const out = join(dir, 'bank.csv');
    const r = await run('export', 'bank', '--period', period, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/bank file .* \(generic\): \d+ transfers/);
    expect(r.out).toContain(`${victim!.code}`);
    expect(r.out).toMatch(/invalid_account/);
    const exPath = join(dir, 'bank.exceptions.csv');
    expect(existsSync(exPath)).toBe(true);
    const ex = Papa.parse<Record<string, string>>(
      readFileSync(exPath, 'utf8').replace(/^\ufeff/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(ex.find((e) => e.member_code === victim!.code)).toMatchObject({
      reason: 'invalid_account',
      amount: String(victim!.net),
    });
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.find((x) => x.member_code === victim!.code)).toBeUndefined();
    // file + exceptions of paid members = everything the run pays
    const [paid] = sql<{ n: number; net: number }>(
      `SELECT count(*) AS n, sum(net) AS net FROM run_members rm JOIN runs r ON r.id = rm.run_id
       WHERE r.period = ? AND r.status = 'committed' AND rm.paid = 1 AND rm.net > 0`,
      period,
    );
    const inFile = rows.reduce((s, x) => s + Number(x.amount), 0);
    const exPaid = ex.filter((e) => e.kind !== 'held').reduce((s, e) => s + Number(e.amount), 0);
    expect(inFile + exPaid).toBe(paid!.net);
    expect(rows.length + ex.filter((e) => e.kind !== 'held').length).toBe(paid!.n);

    const j = await run(
      'export',
      'bank',
      '--period',
      period,
      '--out',
      join(dir, 'bank2.csv'),
      '--json',
    );
    expect(JSON.parse(j.out)).toMatchObject({ layout: 'generic', transfers: rows.length });
  });

  it('payouts mark / status: all pending paid, nothing left to transfer', async () => {
    const period = periods[0]!;
    const first = await run('export', 'bank', '--period', period, '--out', join(dir, 'b0.csv'));
    expect(first.code).toBe(0);
    const m = await run('payouts', 'mark', '--period', period, '--status', 'paid', '--all-pending');
    expect(m.code, m.err).toBe(0);
    expect(m.out).toMatch(/^\d+ transfers marked paid/);
    const s = JSON.parse((await run('payouts', 'status', '--period', period, '--json')).out) as {
      counts: { pending: number; paid: number };
    };
    expect(s.counts.pending).toBe(0);
    expect(s.counts.paid).toBeGreaterThan(0);
    const again = await run('export', 'bank', '--period', period, '--out', join(dir, 'b1.csv'));
    expect(again.out).toMatch(/: 0 transfers/);
    const bad = await run(
      'payouts',
      'mark',
      '--period',
      period,
      '--status',
      'failed',
      '--all-pending',
    );
    expect(bad.code).toBe(2);
  });

  it('export tax, export statement (single and --all), report compliance --json', async () => {
    const period = periods[1]!;
    const t = await run('export', 'tax', '--period', period, '--out', join(dir, 'tax.xlsx'));
    expect(t.code, t.err).toBe(0);
    expect(t.out).toMatch(/tax report .* members →/);
    const [top] = sql<{ code: string; net: number }>(
      `SELECT m.code, rm.net FROM run_members rm JOIN members m ON m.id = rm.member_id JOIN runs r ON r.id = rm.run_id
       WHERE r.period = ? AND r.status = 'committed' ORDER BY rm.gross DESC LIMIT 1`,
      period,
    );
    const pdf = join(dir, 's.pdf');
    const s = await run(
      'export',
      'statement',
      '--period',
      period,
      '--member',
      top!.code,
      '--out',
      pdf,
    );
    expect(s.code, s.err).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(
      /[ \t]+/g,
      ' ',
    );
    const rp = `Rp ${new Intl.NumberFormat('id-ID').format(top!.net)}`;
    expect(text).toContain(`Dibayarkan (neto) ${rp}`);
    const all = await run(
      'export',
      'statement',
      '--period',
      period,
      '--all',
      '--only-paid',
      '--out',
      join(dir, 'all.pdf'),
    );
    expect(all.code, all.err).toBe(0);
    expect(all.out).toMatch(/statements .*: \d+ members, \d+ pages/);

    const c = await run('report', 'compliance', '--period', period, '--json');
    expect(c.code, c.err).toBe(0);
    const j = JSON.parse(c.out) as {
      payoutRatioBp: number;
      sales: { ok: boolean };
      incomeDisclosure: { distributors: { median: number } };
    };
    const [totals] = sql<{ totals_json: string }>(
      `SELECT totals_json FROM runs WHERE period = ? AND status = 'committed'`,
      period,
    );
    expect(j.payoutRatioBp).toBe(
      (JSON.parse(totals!.totals_json) as { payoutRatioBp: number }).payoutRatioBp,
    );
    expect(j.sales.ok).toBe(true);
    const text2 = await run(
      'report',
      'compliance',
      '--period',
      period,
      '--out',
      join(dir, 'c.xlsx'),
    );
    expect(text2.out).toMatch(/income from products\s+100\.00 % OK/);
    expect(existsSync(join(dir, 'c.xlsx'))).toBe(true);
  });

  it('refuses with exit 2: uncommitted period, bad format, unknown member, missing --member', async () => {
    expect(
      (
        await run(
          'export',
          'payouts',
          '--period',
          '2020-01',
          '--format',
          'csv',
          '--out',
          join(dir, 'x.csv'),
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await run(
          'export',
          'payouts',
          '--period',
          periods[0]!,
          '--format',
          'pdf',
          '--out',
          join(dir, 'x.pdf'),
        )
      ).code,
    ).toBe(2);
    expect(
      (
        await run(
          'export',
          'statement',
          '--period',
          periods[0]!,
          '--member',
          'NOPE',
          '--out',
          join(dir, 'x.pdf'),
        )
      ).code,
    ).toBe(2);
    expect(
      (await run('export', 'statement', '--period', periods[0]!, '--out', join(dir, 'x.pdf'))).code,
    ).toBe(2);
    expect(
      (
        await run(
          'export',
          'bank',
          '--period',
          periods[0]!,
          '--layout',
          'bni',
          '--out',
          join(dir, 'x.csv'),
        )
      ).code,
    ).toBe(2);
    expect((await run('users', 'add', 'vera', '--role', 'viewer')).code).toBe(0);
    const r = await cli([
      '--db',
      dbPath,
      '--user',
      'vera',
      'export',
      'bank',
      '--period',
      periods[0]!,
      '--out',
      join(dir, 'x.csv'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/viewer/);
  });
});
