import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { eventually, SCREENS_DIR, screenTitle, shot, waitForFirstRow, type App } from './harness';
import { commitAllPeriods, useSharedBridge } from './steps';

/**
 * Payouts, reports and the closed-period dashboard in Chromium: files are downloads (Blob URLs
 * from bytes main produced), opened again and compared with the server's numbers.
 */

let periods: string[];
const spec = useSharedBridge({ seedDemo: { members: 300, months: 2, seed: 5 } }, async (b) => {
  periods = await commitAllPeriods(b);
});
const { server } = spec;

interface Totals {
  bonuses: number;
  tax: number;
  net: number;
  carryOut: number;
  payoutRatioBp: number;
}

function runTotals(period: string): Totals {
  return JSON.parse(
    spec.bridge.db.sqlite
      .prepare(`SELECT totals_json FROM runs WHERE period = ? AND status = 'committed'`)
      .pluck()
      .get(period) as string,
  ) as Totals;
}

const rp = (n: number) => `Rp ${new Intl.NumberFormat('id-ID').format(n)}`;

/** Click something that makes the app download a file; returns the saved path. */
async function download(
  page: App['page'],
  click: () => Promise<void>,
  name: string,
): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  const dir = join(SCREENS_DIR, '..', 'downloads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await dl.saveAs(path);
  return path;
}

describe('payouts screen', () => {
  it('shows the latest closed period with the run totals', async () => {
    const { page } = await spec.open('payouts');
    await eventually(() => screenTitle(page).textContent()).toBe('Pembayaran');
    const last = periods[periods.length - 1]!;
    const t = runTotals(last);
    await eventually(() => page.getByTestId('payouts-card-net').textContent()).toContain(rp(t.net));
    expect(await page.getByTestId('payouts-card-tax').textContent()).toContain(rp(t.tax));
    await waitForFirstRow(page, 'code', '[data-testid="payouts-grid"]');
    const sheet = await server('payouts:sheet', { period: last, limit: 1 });
    await eventually(() => page.getByTestId('payouts-total').textContent()).toBe(
      `${new Intl.NumberFormat('id-ID').format(sheet.total)} anggota`,
    );
    await shot(page, 'payouts');
  });

  it('exports the payout sheet as XLSX from the UI; its numbers equal the run', async () => {
    const last = periods[periods.length - 1]!;
    const { page } = await spec.open(`payouts/${last}`);
    await page.getByTestId('payouts-cards').waitFor();
    const path = await download(
      page,
      async () => {
        await page.getByTestId('payouts-export').click();
        await page.getByTestId('payouts-export-sheet-xlsx').click();
      },
      'payouts.xlsx',
    );
    expect(path.endsWith('payouts.xlsx')).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets[0]!.name).toBe('Ringkasan');
    const ws = wb.worksheets[0]!;
    const headerRow = (ws.views[0] as { ySplit: number }).ySplit;
    const header = (ws.getRow(headerRow).values as unknown[]).map(String);
    const netCol = header.indexOf('Neto ditransfer');
    const taxCol = header.indexOf('PPh dipotong');
    let totalRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'TOTAL') totalRow = n;
    });
    // a formula cell with its cached result (exceljs' reader drops a cached 0)
    const cell = (col: number) =>
      (ws.getRow(totalRow).getCell(col).value as { result?: number }).result ?? 0;
    const t = runTotals(last);
    expect(cell(netCol)).toBe(t.net);
    expect(cell(taxCol)).toBe(t.tax);
    await eventually(() => page.getByTestId('payouts-export-done').textContent()).toContain(
      `payouts-${last}.xlsx`,
    );
  });

  it('bank file download, mark all paid, statement PDF of a member', async () => {
    const first = periods[0]!;
    const { page } = await spec.open(`payouts/${first}/transfers`);
    await page.getByTestId('transfers-no-batch').waitFor();
    const bankPath = await download(
      page,
      () => page.getByTestId('bank-export').click(),
      'bank.csv',
    );
    const rows = Papa.parse<Record<string, string>>(readFileSync(bankPath, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const items = await server('payouts:items', { period: first });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.reduce((s, r) => s + Number(r.amount), 0)).toBeLessThanOrEqual(
      items.counts.pendingAmount,
    );
    await eventually(() => page.getByTestId('bank-exported').textContent()).toContain(
      `${rows.length} transfer`,
    );
    await page.locator('[data-testid="transfers-grid"] .ag-row[row-index="0"]').waitFor();
    await shot(page, 'payouts-transfers');

    await page.getByTestId('mark-all-paid').click();
    await eventually(() => page.getByTestId('transfers-notice').textContent()).toContain(
      'ditandai Dibayar',
    );
    const after = await server('payouts:items', { period: first });
    expect(after.counts.pending).toBe(0);
    expect(after.counts.paid).toBe(items.counts.pending);

    // statement of the top earner, from the payout sheet grid
    const [top] = spec.bridge.db.sqlite
      .prepare(
        `SELECT m.code, rm.net FROM run_members rm JOIN members m ON m.id = rm.member_id
         JOIN runs r ON r.id = rm.run_id WHERE r.period = ? AND r.status = 'committed' ORDER BY rm.net DESC LIMIT 1`,
      )
      .all(first) as { code: string; net: number }[];
    await page.getByTestId('payouts-tab-sheet').click();
    await page.getByRole('textbox', { name: 'Cari kode atau nama' }).fill(top!.code);
    await page.getByTestId(`statement-${top!.code}`).waitFor();
    const pdf = await download(
      page,
      () => page.getByTestId(`statement-${top!.code}`).click(),
      'statement.pdf',
    );
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(
      /[ \t]+/g,
      ' ',
    );
    expect(text).toContain(`Dibayarkan (neto) ${rp(top!.net)}`);
    expect(text).toContain('Transfer');
    // the page as a person sees it
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(SCREENS_DIR, 'statement'),
    ]);
  });
});

describe('reports and dashboard', () => {
  it('compliance report of the latest period, exportable and printable', async () => {
    const last = periods[periods.length - 1]!;
    const { page } = await spec.open('reports');
    await eventually(() => screenTitle(page).textContent()).toBe('Laporan');
    const c = await server('reports:compliance', { period: last });
    const pct = `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(c.payoutRatioBp / 100)} %`;
    await eventually(() => page.getByTestId('compliance-ratio').textContent()).toContain(pct);
    expect(await page.getByTestId('compliance-products').textContent()).toContain('100,00 %');
    await shot(page, 'reports-compliance');
    const csv = await download(
      page,
      () => page.getByTestId('reports-export-csv').click(),
      'compliance.csv',
    );
    expect(readFileSync(csv, 'utf8')).toContain('# Pengungkapan pendapatan');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mantine-AppShell-navbar').isVisible()).toBe(false);
    expect(await page.getByTestId('reports-print').isVisible()).toBe(false);
    await shot(page, 'reports-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('dashboard shows the closed-period charts', async () => {
    const { page } = await spec.open();
    for (const id of [
      'chart-payout-ratio',
      'chart-active',
      'chart-referral',
      'chart-ranks',
      'chart-levels',
    ]) {
      await page.locator(`[data-testid="${id}"] svg.recharts-surface`).first().waitFor();
    }
    const d = await server('reports:dashboard', {});
    await eventually(() => page.getByTestId('top-earners').textContent()).toContain(
      d.topEarners[0]!.code,
    );
    await shot(page, 'dashboard-runs');
  });
});
