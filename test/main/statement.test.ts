import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Channel, Contract } from '../../src/shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src/shared/ipc/channel';
import { ctxFor, tempDb } from '../helpers/db';
import { must, workedExample } from './payouts.fixture';

/**
 * Member statements are read back with poppler (pdftotext / pdftoppm, Debian package
 * poppler-utils; .ci/run installs it) and their amounts compared with the hand-computed run.
 */

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type TestDb = ReturnType<typeof tempDb>;
let db: TestDb;

function call<C extends Channel>(
  channel: C,
  input: InputOf<Contract[C]>,
): Promise<OutputOf<Contract[C]>> {
  return must(dispatch(channel, input, ctxFor(db, 'accountant')) as never);
}

function writePdf(name: string, base64: string): string {
  const path = join(db.dir, name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return path;
}

function pdfText(path: string, page?: number): string {
  const args = ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-'];
  // collapse runs of spaces so assertions do not depend on column positions
  return execFileSync('pdftotext', args, { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
}

beforeAll(async () => {
  db = tempDb();
  await workedExample(db, ctxFor(db));
  db.sqlite
    .prepare(
      `INSERT INTO settings (key, value) VALUES ('company.name', 'PT Herbal Sejahtera'), ('company.address', 'Jl. Melati 5, Bandung')`,
    )
    .run();
}, 180_000);
afterAll(() => db.cleanup());

describe('member statement PDF', () => {
  it('poppler-utils is installed (apt-get install -y poppler-utils)', () => {
    expect(hasTool('pdftotext')).toBe(true);
    expect(hasTool('pdftoppm')).toBe(true);
  });

  it('shows company, member, bonus lines by type with subtotals, tax, net and carry-forward', async () => {
    const r = await call('payouts:statement', { period: '2026-10', member: 'A' });
    expect(r).toMatchObject({
      fileName: 'statement-2026-10-A.pdf',
      mime: 'application/pdf',
      pages: 1,
    });
    const path = writePdf(r.fileName, r.base64);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(path);
    for (const s of [
      'PT Herbal Sejahtera',
      'LAPORAN BONUS',
      'Periode Oktober 2026',
      'Ani Wijaya',
      'BCA ******7890',
      '3171010101800001',
      // retail lines (one per customer order) and subtotal
      'SO-5',
      'SO-6',
      'Subtotal retail Rp 60.000',
      'Subtotal referral Rp 5.000',
      // unilevel: level 2 from C at 5 %
      'C Citra Lestari 2 Rp 500.000 5,00 % Rp 25.000',
      'Subtotal unilevel Rp 55.000',
      'Total bonus Rp 120.000',
      'Penghasilan bruto periode ini Rp 120.000',
      'Saldo tersedia Rp 120.000',
      'Dasar pengenaan PPh 21 Rp 60.000',
      'PPh 21 dipotong -Rp 3.000',
      'Dibayarkan (neto) Rp 117.000',
      'Saldo dibawa ke periode berikut Rp 0',
      'Status: Dibayar',
      'A · Halaman 1/1',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('adjustments and a held member carried forward', async () => {
    const r = await call('payouts:statement', { period: '2026-10', member: 'C' });
    const text = pdfText(writePdf('c.pdf', r.base64));
    expect(text).toContain('Penyesuaian');
    expect(text).toContain('hadiah kontes Rp 10.000');
    expect(text).toContain('Tidak ada bonus pada periode ini.');
    expect(text).toContain('Saldo dibawa ke periode berikut Rp 10.000');
    expect(text).toContain('Status: Ditahan (belum ada rekening bank)');
  });

  it('shows the transfer status once the batch is marked', async () => {
    await call('payouts:mark', {
      period: '2026-10',
      status: 'failed',
      members: ['B'],
      reason: 'rekening ditutup',
    });
    const r = await call('payouts:statement', { period: '2026-10', member: 'B', lang: 'en' });
    const text = pdfText(writePdf('b.pdf', r.base64));
    expect(text).toContain('BONUS STATEMENT');
    expect(text).toContain('PPh 21 withheld -Rp 1.500');
    expect(text).toContain('Paid out (net) Rp 48.500');
    expect(text).toContain('Transfer Rp 48.500: failed');
  });

  it('batch: one PDF, every member with money on their own page(s)', async () => {
    const r = await call('payouts:statements', { period: '2026-10' });
    expect(r).toMatchObject({ fileName: 'statements-2026-10.pdf', members: 5, pages: 5 });
    const path = writePdf(r.fileName, r.base64);
    const codes = ['A', 'B', 'C', 'D', 'R'];
    codes.forEach((code, i) => {
      const page = pdfText(path, i + 1);
      expect(page).toContain(`${code} · Halaman 1/1`);
    });
    expect(pdfText(path, 4)).toContain('Dibayarkan (neto) Rp 58.500');
    const paidOnly = await call('payouts:statements', { period: '2026-10', onlyPaid: true });
    expect(paidOnly.members).toBe(3);
  });

  it('renders a page to PNG (what a person sees)', async () => {
    const r = await call('payouts:statement', { period: '2026-10', member: 'A' });
    const pdf = writePdf('a.pdf', r.base64);
    const prefix = join(db.dir, 'a');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, prefix]);
    const png = `${prefix}-1.png`;
    expect(existsSync(png)).toBe(true);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // A4 portrait at 60 dpi: about 496 × 702 pixels
    expect(Math.abs(bytes.readUInt32BE(16) - 496)).toBeLessThanOrEqual(1);
    expect(Math.abs(bytes.readUInt32BE(20) - 702)).toBeLessThanOrEqual(1);
  });

  it('unknown member or uncommitted period is refused', async () => {
    const a = await dispatch('payouts:statement', { period: '2026-10', member: 'ZZZ' }, ctxFor(db));
    expect(a.ok).toBe(false);
    const b = await dispatch('payouts:statement', { period: '2026-12', member: 'A' }, ctxFor(db));
    expect(b.ok).toBe(false);
  });
});
