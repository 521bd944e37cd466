import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Channel, Contract } from '../../src/shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src/shared/ipc/channel';
import { ctxFor, tempDb } from '../helpers/db';
import { must, workedExample, workedNovember } from './payouts.fixture';
import {
  bankText,
  checkAccount,
  findBank,
  normalizeAccount,
} from '../../src/main/services/bank-export';

type TestDb = ReturnType<typeof tempDb>;
let db: TestDb;

function call<C extends Channel>(
  channel: C,
  input: InputOf<Contract[C]>,
  role: 'admin' | 'accountant' | 'viewer' | 'staff' = 'accountant',
): Promise<OutputOf<Contract[C]>> {
  return must(dispatch(channel, input, ctxFor(db, role, `u-${role}`)) as never);
}

function parseCsv(base64: string): Record<string, string>[] {
  const text = Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/^\ufeff/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

beforeEach(async () => {
  db = tempDb();
  await workedExample(db, ctxFor(db));
}, 180_000);
afterEach(() => db.cleanup());

describe('bank file of the worked example (generic layout)', () => {
  it('carries exactly the members the run paid with a valid account, at their net', async () => {
    const r = await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    const rows = parseCsv(r.file.base64);
    expect(
      rows.map((x) => [x.member_code, x.bank_name, x.account_number, Number(x.amount)]),
    ).toEqual([
      ['A', 'BCA', '1234567890', 117000],
      ['B', 'Mandiri', '1370001234567', 48500],
    ]);
    expect(r.transfers).toBe(2);
    expect(r.total).toBe(165500);
    // every row says what it pays for
    expect(rows[0]).toMatchObject({
      currency: 'IDR',
      source_period: '2026-10',
      kind: 'run',
      bank_code: '014',
    });
    expect(rows[0]!.remark).toBe('BONUS 2026-10 A');
  });

  it('lists members without a valid account as exceptions, never drops them', async () => {
    const r = await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    expect(r.exceptions.map((e) => [e.code, e.reason, e.amount])).toEqual([
      ['D', 'invalid_account', 58500],
      ['C', 'no_account_held', 10000],
      ['R', 'no_account_held', 5000],
    ]);
    expect(r.exceptionsFile).not.toBeNull();
    const ex = parseCsv(r.exceptionsFile!.base64);
    expect(ex.map((e) => e.member_code)).toEqual(['D', 'C', 'R']);
    // paid by the run = in the file + exceptions of paid members: nothing lost
    const paidNet = db.sqlite
      .prepare(`SELECT sum(net) FROM run_members WHERE paid = 1`)
      .pluck()
      .get() as number;
    const exceptionsOfPaid = r.exceptions
      .filter((e) => e.kind !== 'held')
      .reduce((s, e) => s + e.amount, 0);
    expect(r.total + exceptionsOfPaid).toBe(paidNet);
  });

  it('a fixed account number makes the member transferable on the next export', async () => {
    await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    db.sqlite.prepare(`UPDATE members SET bank_account = '0987-654-321' WHERE code = 'D'`).run();
    const again = await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    const rows = parseCsv(again.file.base64);
    expect(rows.find((x) => x.member_code === 'D')).toMatchObject({
      account_number: '0987654321',
      amount: '58500',
    });
    expect(again.exceptions.map((e) => e.code)).toEqual(['C', 'R']);
  });

  it('refuses a period without a committed run', async () => {
    const r = await dispatch(
      'payouts:exportBank',
      { period: '2026-11', layout: 'generic' },
      ctxFor(db),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/close commit/),
      });
  });
});

describe('Mandiri MCM layout', () => {
  it('writes the P header and one detail record per transfer', async () => {
    const r = await call('payouts:exportBank', {
      period: '2026-10',
      layout: 'mandiri',
      valueDate: '2026-11-03',
      sourceAccount: '1230009876543',
    });
    const lines = Buffer.from(r.file.base64, 'base64').toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('P,20261103,1230009876543,2,165500.00');
    const detail = lines.slice(1).map((l) => l.split(','));
    expect(detail).toHaveLength(2);
    expect(detail[0]!.slice(0, 12)).toEqual([
      '1234567890',
      'ANI WIJAYA',
      '',
      '',
      '',
      'IDR',
      '117000.00',
      'BONUS 2026-10 A',
      expect.stringMatching(/^JJ202610\d{6}$/),
      'OBU',
      '014',
      'BCA',
    ]);
    // Mandiri to Mandiri is an in-house transfer: no bank code
    expect(detail[1]!.slice(0, 12)).toEqual([
      '1370001234567',
      'BUDI SANTOSO',
      '',
      '',
      '',
      'IDR',
      '48500.00',
      'BONUS 2026-10 B',
      expect.stringMatching(/^JJ202610\d{6}$/),
      'IBU',
      '',
      '',
    ]);
    const total = detail.reduce((s, d) => s + Number(d[6]), 0);
    expect(total).toBe(165500);
  });

  it('needs the company debit account', async () => {
    const r = await dispatch(
      'payouts:exportBank',
      { period: '2026-10', layout: 'mandiri' },
      ctxFor(db),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/source-account|payout.sourceAccount/);
    db.sqlite
      .prepare(
        `INSERT INTO settings (key, value) VALUES ('payout.sourceAccount', '123-000-9876543')`,
      )
      .run();
    const ok = await call('payouts:exportBank', {
      period: '2026-10',
      layout: 'mandiri',
      valueDate: '2026-11-03',
    });
    expect(Buffer.from(ok.file.base64, 'base64').toString('utf8')).toMatch(
      /^P,20261103,1230009876543,2,/,
    );
  });

  it('a bank without a known code is an exception in this layout only', async () => {
    db.sqlite
      .prepare(`UPDATE members SET bank_name = 'Bank Antah Berantah' WHERE code = 'A'`)
      .run();
    const m = await call('payouts:exportBank', {
      period: '2026-10',
      layout: 'mandiri',
      sourceAccount: '1230009876543',
    });
    expect(m.exceptions.find((e) => e.code === 'A')).toMatchObject({
      reason: 'unknown_bank',
      amount: 117000,
    });
    const g = await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    expect(g.exceptions.find((e) => e.code === 'A')).toBeUndefined();
  });
});

describe('marking transfers and carrying failures forward', () => {
  it('marks paid and failed per member; failed transfers go into the next period batch', async () => {
    await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    const paid = await call('payouts:mark', { period: '2026-10', status: 'paid', members: ['A'] });
    expect(paid).toMatchObject({ changed: 1, amount: 117000 });
    const failed = await call('payouts:mark', {
      period: '2026-10',
      status: 'failed',
      members: ['B'],
      reason: 'rekening ditutup',
    });
    expect(failed).toMatchObject({ changed: 1, amount: 48500 });
    expect(failed.counts).toMatchObject({
      paid: 1,
      paidAmount: 117000,
      failed: 1,
      failedAmount: 48500,
      pending: 1,
    });

    const periods = await call('payouts:periods', {}, 'viewer');
    expect(periods.openFailures).toEqual([
      expect.objectContaining({
        code: 'B',
        sourcePeriod: '2026-10',
        amount: 48500,
        reason: 'rekening ditutup',
      }),
    ]);

    // November closes; its batch re-sends B's failed transfer (already taxed: same net amount).
    await workedNovember(db, ctxFor(db));
    db.sqlite.prepare(`UPDATE members SET bank_account = '1370009999999' WHERE code = 'B'`).run();
    const nov = await call('payouts:exportBank', { period: '2026-11', layout: 'generic' });
    const rows = parseCsv(nov.file.base64);
    expect(
      rows.map((x) => [x.member_code, x.account_number, x.amount, x.source_period, x.kind]),
    ).toEqual([['B', '1370009999999', '48500', '2026-10', 'retry']]);
    expect(rows[0]!.remark).toBe('BONUS 2026-10 ULANG B');
    expect((await call('payouts:periods', {})).openFailures).toEqual([]);

    // The original failure can no longer be flipped to paid: it was re-sent.
    const flip = await dispatch(
      'payouts:mark',
      { period: '2026-10', status: 'paid', members: ['B'] },
      ctxFor(db),
    );
    expect(flip.ok).toBe(false);

    await call('payouts:mark', { period: '2026-11', status: 'paid', allPending: true });
    const items = await call('payouts:items', { period: '2026-11' });
    expect(items.items.map((i) => [i.code, i.kind, i.status, i.amount])).toEqual([
      ['B', 'retry', 'paid', 48500],
    ]);
    // Nothing left to transfer
    const empty = await call('payouts:exportBank', { period: '2026-11', layout: 'generic' });
    expect(empty.transfers).toBe(0);
  });

  it('a paid transfer is final, also in SQL', async () => {
    await call('payouts:mark', { period: '2026-10', status: 'paid', members: ['A'] });
    const again = await dispatch(
      'payouts:mark',
      { period: '2026-10', status: 'failed', members: ['A'], reason: 'x' },
      ctxFor(db),
    );
    expect(again.ok).toBe(false);
    expect(() => db.sqlite.prepare(`UPDATE payout_items SET status = 'pending'`).run()).toThrow(
      /paid transfer is final/,
    );
    expect(() => db.sqlite.prepare(`UPDATE payout_items SET amount = amount + 1`).run()).toThrow(
      /never change/,
    );
    expect(() => db.sqlite.prepare(`DELETE FROM payout_items`).run()).toThrow(/never deleted/);
  });

  it('failing needs a reason; unknown members are refused; every mark is audited', async () => {
    const noReason = await dispatch(
      'payouts:mark',
      { period: '2026-10', status: 'failed', members: ['B'] },
      ctxFor(db),
    );
    expect(noReason.ok).toBe(false);
    const unknown = await dispatch(
      'payouts:mark',
      { period: '2026-10', status: 'paid', members: ['C'] },
      ctxFor(db),
    );
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('NOT_FOUND');
    await call('payouts:mark', { period: '2026-10', status: 'paid', allPending: true });
    const audit = db.sqlite
      .prepare(`SELECT action, actor FROM audit_log WHERE action LIKE 'payouts.%' ORDER BY id`)
      .all() as { action: string; actor: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'payouts.batch.create',
      'payouts.item.paid',
      'payouts.item.paid',
      'payouts.item.paid',
    ]);
    expect(audit.every((a) => a.actor === 'u-accountant')).toBe(true);
  });

  it('viewers may read but not export bank files or mark', async () => {
    const r = await dispatch(
      'payouts:exportBank',
      { period: '2026-10', layout: 'generic' },
      ctxFor(db, 'viewer'),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    const m = await dispatch(
      'payouts:mark',
      { period: '2026-10', status: 'paid', allPending: true },
      ctxFor(db, 'staff'),
    );
    expect(m.ok).toBe(false);
    const items = await call('payouts:items', { period: '2026-10' }, 'viewer');
    expect(items.batch).toBeNull();
    expect(items.payable).toEqual({ members: 3, amount: 224000 });
  });
});

describe('reopened period', () => {
  it('the new run pays only the difference; items of the superseded run are void', async () => {
    await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    await call('payouts:mark', { period: '2026-10', status: 'paid', members: ['A'] });
    await call('payouts:mark', {
      period: '2026-10',
      status: 'failed',
      members: ['B'],
      reason: 'salah rekening',
    });
    await call('close:reopen', { period: '2026-10', reason: 'koreksi penyesuaian A' }, 'admin');
    await call(
      'adjustments:add',
      { member: 'A', period: '2026-10', amount: 20000, reason: 'bonus tambahan' },
      'admin',
    );
    await call('close:commit', { period: '2026-10' }, 'admin');
    // A: available 140.000, tax 5 % of 70.000 = 3.500, net 136.500, already paid 117.000
    const r = await call('payouts:exportBank', { period: '2026-10', layout: 'generic' });
    const rows = parseCsv(r.file.base64);
    expect(rows.map((x) => [x.member_code, Number(x.amount)])).toEqual([
      ['A', 19500],
      ['B', 48500],
    ]);
    const items = await call('payouts:items', { period: '2026-10' });
    const voided = items.items.filter((i) => !i.live).map((i) => [i.code, i.status]);
    expect(voided).toEqual(
      expect.arrayContaining([
        ['B', 'failed'],
        ['D', 'pending'],
      ]),
    );
    expect(items.counts.void).toBe(2);
    // the superseded failure is not carried forward (the new run pays B again)
    expect((await call('payouts:periods', {})).openFailures).toEqual([]);
    const stale = items.items.find((i) => !i.live && i.code === 'D')!;
    const m = await dispatch(
      'payouts:mark',
      { period: '2026-10', status: 'paid', itemIds: [stale.id] },
      ctxFor(db),
    );
    expect(m.ok).toBe(false);
  });
});

describe('account checks', () => {
  it('normalises and validates account numbers and bank names', () => {
    expect(normalizeAccount(' 123-456.789 0 ')).toBe('1234567890');
    expect(checkAccount('BCA', '123 456 7890', 'generic')).toEqual({
      ok: true,
      account: '1234567890',
    });
    expect(checkAccount('BCA', 'ABC-123', 'generic')).toMatchObject({
      ok: false,
      reason: 'invalid_account',
    });
    expect(checkAccount('BCA', '12345', 'generic')).toMatchObject({
      ok: false,
      reason: 'invalid_account',
    });
    expect(checkAccount('BCA', null, 'generic')).toMatchObject({
      ok: false,
      reason: 'missing_account',
    });
    expect(checkAccount(null, '1234567890', 'generic')).toMatchObject({
      ok: false,
      reason: 'missing_bank',
    });
    expect(checkAccount('Bank Kecil', '1234567890', 'mandiri')).toMatchObject({
      ok: false,
      reason: 'unknown_bank',
    });
    expect(findBank('bank central asia')?.code).toBe('014');
    expect(findBank('  Mandiri ')?.code).toBe('008');
    expect(bankText('Dédi, Kurniawan & Co', 40)).toBe('DEDI KURNIAWAN CO');
  });
});
