import type { Db } from '../db/client';
import { AppError } from '../../shared/ipc/result';
import { jakartaToday } from '../../shared/period';
import {
  companyInfo,
  ensureBatch,
  getCommittedRun,
  periodItems,
  recordExport,
  type PayoutItem,
} from '../db/repositories/payouts.repo';
import { writeAudit } from '../db/repositories/audit.repo';
import { buildCsv, filePayload, MIME, type FilePayload } from './xlsx';

/**
 * Bank transfer files of a period's payout batch (docs/payouts.md "Bank files").
 *
 * A file carries every live *pending* transfer of the period: the run's paid members (net) and
 * failed transfers of earlier periods carried forward. Transfers that cannot go into the file
 * (missing or malformed account, unknown bank for the layout) are returned as exceptions, never
 * dropped silently; so are members the run held back because they have no bank account.
 *
 * Layouts:
 * - `generic`: one CSV row per transfer, for any bank portal that maps columns on upload.
 * - `mandiri`: Bank Mandiri MCM / Kopra "Payroll – Multi Service" bulk upload CSV (header record
 *   `P` + one detail record per transfer). See docs/payouts.md for what was and was not verified.
 */

export const BANK_LAYOUTS = ['generic', 'mandiri'] as const;
export type BankLayout = (typeof BANK_LAYOUTS)[number];

export type ExceptionReason =
  | 'missing_bank'
  | 'missing_account'
  | 'invalid_account'
  | 'unknown_bank'
  | 'on_hold'
  | 'no_account_held';

export interface BankException {
  code: string;
  name: string;
  amount: number;
  sourcePeriod: string;
  kind: 'run' | 'retry' | 'held';
  reason: ExceptionReason;
  detail: string;
  bankName: string | null;
  bankAccount: string | null;
}

export interface BankTransfer {
  itemId: number;
  code: string;
  name: string;
  bankName: string;
  bankCode: string | null;
  account: string;
  holder: string;
  amount: number;
  sourcePeriod: string;
  kind: 'run' | 'retry';
  reference: string;
  remark: string;
}

/**
 * Indonesian banks by the names members type, with the 3-digit bank code used by online
 * (ATM-network) transfers. Only banks whose code we are sure of; others are exceptions in the
 * Mandiri layout (which needs a code) and fine in the generic one.
 */
export const BANKS: readonly { name: string; code: string; aliases: readonly string[] }[] = [
  { name: 'BRI', code: '002', aliases: ['bri', 'bank rakyat indonesia', 'bank bri'] },
  { name: 'Mandiri', code: '008', aliases: ['mandiri', 'bank mandiri'] },
  { name: 'BNI', code: '009', aliases: ['bni', 'bank negara indonesia', 'bank bni', 'bni 46'] },
  { name: 'Danamon', code: '011', aliases: ['danamon', 'bank danamon'] },
  { name: 'Permata', code: '013', aliases: ['permata', 'bank permata', 'permatabank'] },
  { name: 'BCA', code: '014', aliases: ['bca', 'bank central asia', 'bank bca'] },
  { name: 'Maybank', code: '016', aliases: ['maybank', 'maybank indonesia', 'bii'] },
  { name: 'Panin', code: '019', aliases: ['panin', 'panin bank', 'bank panin'] },
  { name: 'CIMB Niaga', code: '022', aliases: ['cimb', 'cimb niaga', 'bank cimb niaga'] },
  { name: 'OCBC NISP', code: '028', aliases: ['ocbc', 'ocbc nisp', 'nisp'] },
  { name: 'BTN', code: '200', aliases: ['btn', 'bank tabungan negara', 'bank btn'] },
  { name: 'BSI', code: '451', aliases: ['bsi', 'bank syariah indonesia', 'bank bsi'] },
];

export function findBank(name: string | null | undefined): (typeof BANKS)[number] | undefined {
  const key = (name ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (!key) return undefined;
  return BANKS.find((b) => b.aliases.includes(key) || b.name.toLowerCase() === key);
}

/** Account numbers are digits; people type spaces, dots and dashes between groups. */
export function normalizeAccount(raw: string | null | undefined): string {
  return (raw ?? '').replace(/[\s.-]/g, '');
}

/** Indonesian account numbers are 6–20 digits (BCA 10, Mandiri 13, BRI 15, …). */
export const ACCOUNT_RE = /^\d{6,20}$/;

export function checkAccount(
  bankName: string | null,
  account: string | null,
  layout: BankLayout,
): { ok: true; account: string } | { ok: false; reason: ExceptionReason; detail: string } {
  if (!bankName?.trim()) return { ok: false, reason: 'missing_bank', detail: 'no bank name' };
  if (!account?.trim())
    return { ok: false, reason: 'missing_account', detail: 'no account number' };
  const acc = normalizeAccount(account);
  if (!ACCOUNT_RE.test(acc)) {
    return {
      ok: false,
      reason: 'invalid_account',
      detail: `account number "${account}" is not 6–20 digits`,
    };
  }
  if (layout === 'mandiri' && !findBank(bankName)) {
    return {
      ok: false,
      reason: 'unknown_bank',
      detail: `bank "${bankName}" has no known bank code for the Mandiri layout`,
    };
  }
  return { ok: true, account: acc };
}

/** Bank portals take plain upper-case Latin names of limited length. */
export function bankText(s: string, max: number): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 .'/-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .slice(0, max);
}

export interface BankExportOptions {
  period: string;
  layout: BankLayout;
  /** Transfer date written into the file (Mandiri header); default: today in Jakarta. */
  valueDate?: string;
  /** Company account to debit (Mandiri header); default: settings `payout.sourceAccount`. */
  sourceAccount?: string;
  actor: string;
}

export interface BankExportResult {
  file: FilePayload;
  exceptionsFile: FilePayload | null;
  transfers: number;
  total: number;
  exceptions: BankException[];
  layout: BankLayout;
}

function heldWithoutAccount(db: Db, runId: number): BankException[] {
  const rows = db.sqlite
    .prepare(
      `SELECT m.code, m.name, rm.available, m.bank_name AS bankName, m.bank_account AS bankAccount
       FROM run_members rm JOIN members m ON m.id = rm.member_id
       JOIN runs r ON r.id = rm.run_id
       WHERE rm.run_id = ? AND rm.paid = 0 AND rm.held = 1 AND rm.available > 0
         AND (m.bank_account IS NULL OR trim(m.bank_account) = '')
       ORDER BY m.code`,
    )
    .all(runId) as {
    code: string;
    name: string;
    available: number;
    bankName: string | null;
    bankAccount: string | null;
  }[];
  const period = db.sqlite
    .prepare('SELECT period FROM runs WHERE id = ?')
    .pluck()
    .get(runId) as string;
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    amount: r.available,
    sourcePeriod: period,
    kind: 'held' as const,
    reason: 'no_account_held' as const,
    detail: 'held by the close: no bank account; the balance is carried forward',
    bankName: r.bankName,
    bankAccount: r.bankAccount,
  }));
}

/** Split the live pending items of a period into transfers and exceptions. */
export function planTransfers(
  items: readonly PayoutItem[],
  period: string,
  layout: BankLayout,
): { transfers: BankTransfer[]; exceptions: BankException[] } {
  const transfers: BankTransfer[] = [];
  const exceptions: BankException[] = [];
  for (const it of items) {
    const check = checkAccount(it.bankName, it.bankAccount, layout);
    const kind = it.kind;
    if (it.hold) {
      exceptions.push({
        code: it.code,
        name: it.name,
        amount: it.amount,
        sourcePeriod: it.sourcePeriod,
        kind,
        reason: 'on_hold',
        detail: 'member was put on hold after the close; release the hold to pay',
        bankName: it.bankName,
        bankAccount: it.bankAccount,
      });
      continue;
    }
    if (!check.ok) {
      exceptions.push({
        code: it.code,
        name: it.name,
        amount: it.amount,
        sourcePeriod: it.sourcePeriod,
        kind,
        reason: check.reason,
        detail: check.detail,
        bankName: it.bankName,
        bankAccount: it.bankAccount,
      });
      continue;
    }
    const retry = kind === 'retry';
    transfers.push({
      itemId: it.id,
      code: it.code,
      name: it.name,
      bankName: it.bankName!.trim(),
      bankCode: findBank(it.bankName)?.code ?? null,
      account: check.account,
      holder: bankText(it.bankHolder?.trim() || it.name, 40),
      amount: it.amount,
      sourcePeriod: it.sourcePeriod,
      kind,
      // ≤ 19 characters (Mandiri customer reference): JJ + yyyymm + item id
      reference: `JJ${period.replace('-', '')}${String(it.id).padStart(6, '0')}`.slice(0, 19),
      remark: bankText(`BONUS ${it.sourcePeriod}${retry ? ' ULANG' : ''} ${it.code}`, 140),
    });
  }
  return { transfers, exceptions };
}

function genericCsv(transfers: readonly BankTransfer[]): string {
  return buildCsv(
    [
      'no',
      'member_code',
      'member_name',
      'bank_name',
      'bank_code',
      'account_number',
      'account_holder',
      'amount',
      'currency',
      'remark',
      'reference',
      'source_period',
      'kind',
    ],
    transfers.map((t, i) => [
      i + 1,
      t.code,
      t.name,
      t.bankName,
      t.bankCode,
      t.account,
      t.holder,
      t.amount,
      'IDR',
      t.remark,
      t.reference,
      t.sourcePeriod,
      t.kind,
    ]),
  );
}

/** Rupiah amount with the two decimals bank files expect: 1250000 → `1250000.00`. */
export function bankAmount(n: number): string {
  return `${n}.00`;
}

/**
 * Mandiri MCM "Payroll – Multi Service" CSV: a header record
 * `P,<yyyyMMdd>,<debit account>,<count>,<total>` then one detail record per transfer:
 * account, name, address 1–3 (blank), currency, amount, remark, customer reference, FT service
 * (`IBU` in-house to Mandiri, `OBU` online to other banks), beneficiary bank code, bank name.
 * No header row of column names; fields never contain commas (bankText removes them).
 */
function mandiriCsv(
  transfers: readonly BankTransfer[],
  opts: { valueDate: string; sourceAccount: string },
): string {
  const total = transfers.reduce((s, t) => s + t.amount, 0);
  const lines = [
    [
      'P',
      opts.valueDate.replace(/-/g, ''),
      opts.sourceAccount,
      transfers.length,
      bankAmount(total),
    ].join(','),
  ];
  for (const t of transfers) {
    const inHouse = t.bankCode === '008';
    lines.push(
      [
        t.account,
        t.holder,
        '',
        '',
        '',
        'IDR',
        bankAmount(t.amount),
        t.remark,
        t.reference,
        inHouse ? 'IBU' : 'OBU',
        inHouse ? '' : (t.bankCode ?? ''),
        inHouse ? '' : bankText(t.bankName, 40),
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export function exceptionsCsv(exceptions: readonly BankException[]): string {
  return buildCsv(
    [
      'member_code',
      'member_name',
      'amount',
      'source_period',
      'kind',
      'reason',
      'detail',
      'bank_name',
      'bank_account',
    ],
    exceptions.map((e) => [
      e.code,
      e.name,
      e.amount,
      e.sourcePeriod,
      e.kind,
      e.reason,
      e.detail,
      e.bankName,
      e.bankAccount,
    ]),
    { bom: true },
  );
}

/**
 * Build the bank file of a period (creating its payout batch on first use) and record which
 * transfers it carried. A write: call inside a transaction.
 */
export function exportBankFile(db: Db, opts: BankExportOptions): BankExportResult {
  const run = getCommittedRun(db, opts.period);
  const company = companyInfo(db);
  const sourceAccount = normalizeAccount(opts.sourceAccount ?? company.sourceAccount);
  if (opts.layout === 'mandiri' && !ACCOUNT_RE.test(sourceAccount)) {
    throw new AppError(
      'VALIDATION',
      'the Mandiri layout needs the company account to debit: pass --source-account or set payout.sourceAccount in settings',
    );
  }
  const batch = ensureBatch(db, run, opts.actor);
  const pending = periodItems(db, opts.period, { status: 'pending', liveOnly: true });
  const { transfers, exceptions } = planTransfers(pending, opts.period, opts.layout);
  exceptions.push(...heldWithoutAccount(db, run.id));
  recordExport(
    db,
    batch.id,
    transfers.map((t) => ({
      id: t.itemId,
      bankName: t.bankName,
      bankAccount: t.account,
      bankHolder: t.holder,
    })),
    opts.layout,
    opts.actor,
  );
  const total = transfers.reduce((s, t) => s + t.amount, 0);
  writeAudit(db, {
    actor: opts.actor,
    action: 'payouts.bank.export',
    entity: 'payout_batch',
    entityId: batch.id,
    after: {
      period: opts.period,
      layout: opts.layout,
      transfers: transfers.length,
      total,
      exceptions: exceptions.length,
    },
  });
  const valueDate = opts.valueDate ?? jakartaToday();
  const text =
    opts.layout === 'mandiri'
      ? mandiriCsv(transfers, { valueDate, sourceAccount })
      : genericCsv(transfers);
  const base = `bank-${opts.period}-${opts.layout}`;
  return {
    file: filePayload(`${base}.csv`, MIME.csv, text),
    exceptionsFile: exceptions.length
      ? filePayload(`${base}-exceptions.csv`, MIME.csv, exceptionsCsv(exceptions))
      : null,
    transfers: transfers.length,
    total,
    exceptions,
    layout: opts.layout,
  };
}
