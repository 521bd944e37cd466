import type { Db } from '../db/client';
import {
  getCommittedRun,
  iterateRunLines,
  iterateRunMembers,
  planBonuses,
  runLineSums,
  runMemberSums,
  type CommittedRun,
  type RunMemberRow,
} from '../db/repositories/payouts.repo';
import {
  buildCsv,
  buildWorkbook,
  filePayload,
  MIME,
  type Cell,
  type ColumnSpec,
  type FilePayload,
  type SheetSpec,
} from './xlsx';

/**
 * The payout sheet of a committed period (issue 8): exactly the run's numbers, never
 * recomputed. XLSX: a Summary sheet with one row per member with money (totals row = run totals),
 * then one sheet per bonus of the plan with its lines (totals row = Σ lines = Σ that bonus over
 * members). CSV: the Summary table alone (one row per member, no totals row, so scripts can sum).
 * Also the tax report (data for the PPh 21 withholding slips).
 */

export type Lang = 'id' | 'en';
export type TableFormat = 'csv' | 'xlsx';

const L = {
  id: {
    summary: 'Ringkasan',
    code: 'Kode',
    name: 'Nama',
    kind: 'Jenis',
    rank: 'Peringkat',
    active: 'Aktif',
    pv: 'PV',
    gv: 'GV',
    bv: 'BV',
    bonusTotal: 'Total bonus',
    adjustments: 'Penyesuaian',
    clawbacks: 'Penarikan kembali',
    carryIn: 'Saldo masuk',
    gross: 'Bruto',
    available: 'Tersedia',
    held: 'Ditahan',
    paid: 'Dibayar',
    taxBase: 'DPP pajak',
    tax: 'PPh dipotong',
    net: 'Neto ditransfer',
    carryOut: 'Saldo ditahan',
    bankName: 'Bank',
    bankAccount: 'No. rekening',
    bankHolder: 'Atas nama',
    total: 'TOTAL',
    earner: 'Kode penerima',
    earnerName: 'Nama penerima',
    level: 'Level',
    source: 'Sumber',
    sourceName: 'Nama sumber',
    order: 'No. order',
    base: 'Dasar',
    rate: 'Tarif',
    amount: 'Jumlah',
    nik: 'NIK',
    npwp: 'NPWP',
    taxId: 'Punya NIK/NPWP',
    title: 'Lembar pembayaran bonus',
    taxTitle: 'Laporan PPh 21 (bukan pegawai)',
    period: 'Periode',
    run: 'Run',
    plan: 'Versi rencana',
  },
  en: {
    summary: 'Summary',
    code: 'Code',
    name: 'Name',
    kind: 'Kind',
    rank: 'Rank',
    active: 'Active',
    pv: 'PV',
    gv: 'GV',
    bv: 'BV',
    bonusTotal: 'Bonus total',
    adjustments: 'Adjustments',
    clawbacks: 'Clawbacks',
    carryIn: 'Carry-in',
    gross: 'Gross',
    available: 'Available',
    held: 'Held',
    paid: 'Paid',
    taxBase: 'Tax base',
    tax: 'Tax withheld',
    net: 'Net transfer',
    carryOut: 'Carry-forward',
    bankName: 'Bank',
    bankAccount: 'Account no.',
    bankHolder: 'Account holder',
    total: 'TOTAL',
    earner: 'Earner code',
    earnerName: 'Earner name',
    level: 'Level',
    source: 'Source',
    sourceName: 'Source name',
    order: 'Order no.',
    base: 'Base',
    rate: 'Rate',
    amount: 'Amount',
    nik: 'NIK',
    npwp: 'NPWP',
    taxId: 'Has NIK/NPWP',
    title: 'Bonus payout sheet',
    taxTitle: 'PPh 21 report (non-employees)',
    period: 'Period',
    run: 'Run',
    plan: 'Plan version',
  },
} as const;

/** Machine-friendly CSV column names (stable for scripts, independent of the UI language). */
function summaryColumns(run: CommittedRun, lang: Lang): { csv: string[]; xlsx: ColumnSpec[] } {
  const t = L[lang];
  const bonuses = planBonuses(run.plan);
  const spec: [string, ColumnSpec][] = [
    ['code', { header: t.code, type: 'text', width: 12 }],
    ['name', { header: t.name, type: 'text', width: 26 }],
    ['kind', { header: t.kind, type: 'text', width: 12 }],
    ['rank', { header: t.rank, type: 'text', width: 11 }],
    ['active', { header: t.active, type: 'bool', width: 8 }],
    ['pv', { header: t.pv, type: 'int', width: 9 }],
    ['gv', { header: t.gv, type: 'int', width: 10 }],
    ['bv', { header: t.bv, type: 'money', width: 14 }],
    ...bonuses.map((b): [string, ColumnSpec] => [
      `bonus_${b.id}`,
      { header: b.id, type: 'money', width: 14, total: true },
    ]),
    ['bonus_total', { header: t.bonusTotal, type: 'money', width: 15, total: true }],
    ['adjustments', { header: t.adjustments, type: 'money', width: 14, total: true }],
    ['clawbacks', { header: t.clawbacks, type: 'money', width: 14, total: true }],
    ['carry_in', { header: t.carryIn, type: 'money', width: 14, total: true }],
    ['gross', { header: t.gross, type: 'money', width: 15, total: true }],
    ['available', { header: t.available, type: 'money', width: 15, total: true }],
    ['held', { header: t.held, type: 'bool', width: 8 }],
    ['paid', { header: t.paid, type: 'bool', width: 8 }],
    ['tax_base', { header: t.taxBase, type: 'money', width: 14, total: true }],
    ['tax', { header: t.tax, type: 'money', width: 14, total: true }],
    ['net', { header: t.net, type: 'money', width: 15, total: true }],
    ['carry_out', { header: t.carryOut, type: 'money', width: 15, total: true }],
    ['bank_name', { header: t.bankName, type: 'text', width: 12 }],
    ['bank_account', { header: t.bankAccount, type: 'text', width: 18 }],
    ['bank_holder', { header: t.bankHolder, type: 'text', width: 24 }],
  ];
  return { csv: spec.map(([k]) => k), xlsx: spec.map(([, s]) => s) };
}

function summaryRow(run: CommittedRun, m: RunMemberRow): Cell[] {
  return [
    m.code,
    m.name,
    m.kind,
    m.rank,
    m.active,
    m.pv,
    m.gv,
    m.bv,
    ...run.plan.bonuses.map((b) => m.bonuses[b.id] ?? 0),
    m.bonusTotal,
    m.adjustments,
    m.clawbacks,
    m.carryIn,
    m.gross,
    m.available,
    m.held,
    m.paid,
    m.taxBase,
    m.tax,
    m.net,
    m.carryOut,
    m.bankName,
    m.bankAccount,
    m.bankHolder,
  ];
}

function* mapRows<T>(rows: Iterable<T>, f: (r: T) => Cell[]): Generator<Cell[]> {
  for (const r of rows) yield f(r);
}

export interface SheetSummary {
  period: string;
  runId: number;
  runHash: string;
  members: number;
  totals: {
    bonuses: number;
    adjustments: number;
    clawbacks: number;
    gross: number;
    tax: number;
    net: number;
    carryOut: number;
  };
  bonusLines: { bonusId: string; type: string; lines: number; amount: number }[];
}

export function sheetSummary(db: Db, run: CommittedRun): SheetSummary {
  const s = runMemberSums(db, run.id);
  const lines = runLineSums(db, run.id);
  const members = db.sqlite
    .prepare(
      `SELECT count(*) FROM run_members WHERE run_id = ? AND (bonus_total <> 0 OR adjustments <> 0
       OR clawbacks <> 0 OR carry_in <> 0 OR available <> 0 OR carry_out <> 0 OR net <> 0)`,
    )
    .pluck()
    .get(run.id) as number;
  return {
    period: run.period,
    runId: run.id,
    runHash: run.runHash,
    members,
    totals: {
      bonuses: s.bonusTotal,
      adjustments: s.adjustments,
      clawbacks: s.clawbacks,
      gross: s.gross,
      tax: s.tax,
      net: s.net,
      carryOut: s.carryOut,
    },
    bonusLines: planBonuses(run.plan).map((b) => ({
      bonusId: b.id,
      type: b.type,
      lines: lines.get(b.id)?.lines ?? 0,
      amount: lines.get(b.id)?.amount ?? 0,
    })),
  };
}

export async function exportPayoutSheet(
  db: Db,
  period: string,
  format: TableFormat,
  lang: Lang = 'id',
): Promise<FilePayload & { summary: SheetSummary }> {
  const run = getCommittedRun(db, period);
  const t = L[lang];
  const cols = summaryColumns(run, lang);
  const summary = sheetSummary(db, run);
  const base = `payouts-${period}`;
  if (format === 'csv') {
    const csv = buildCsv(
      cols.csv,
      mapRows(iterateRunMembers(db, run.id, 'money'), (m) => summaryRow(run, m)),
      { bom: true },
    );
    return { ...filePayload(`${base}.csv`, MIME.csv, csv), summary };
  }
  const title = [
    `${t.title} — ${t.period} ${period}`,
    `${t.run} #${run.id} · ${t.plan} ${run.planVersion} · ${run.runHash}`,
  ];
  const sheets: SheetSpec[] = [
    {
      name: t.summary,
      columns: cols.xlsx,
      rows: mapRows(iterateRunMembers(db, run.id, 'money'), (m) => summaryRow(run, m)),
      totalsLabel: t.total,
      title,
      boolText: lang === 'en' ? ['yes', 'no'] : ['ya', 'tidak'],
    },
    ...planBonuses(run.plan).map((b): SheetSpec => ({
      name: `${b.id}`,
      title: [`${b.id} (${b.type}) — ${t.period} ${period}`],
      columns: [
        { header: t.earner, type: 'text', width: 12 },
        { header: t.earnerName, type: 'text', width: 26 },
        { header: t.level, type: 'int', width: 7 },
        { header: t.source, type: 'text', width: 12 },
        { header: t.sourceName, type: 'text', width: 26 },
        { header: t.order, type: 'text', width: 20 },
        { header: t.base, type: 'money', width: 15 },
        { header: t.rate, type: 'bp', width: 9 },
        { header: t.amount, type: 'money', width: 15, total: true },
      ],
      rows: mapRows(iterateRunLines(db, run.id, b.id), (l) => [
        l.earnerCode,
        l.earnerName,
        l.level,
        l.sourceCode,
        l.sourceName,
        l.orderNo,
        l.base,
        l.rateBp,
        l.amount,
      ]),
      totalsLabel: t.total,
    })),
  ];
  const bytes = await buildWorkbook(sheets);
  return { ...filePayload(`${base}.xlsx`, MIME.xlsx, bytes), summary };
}

// ---------------------------------------------------------------------------------------------
// Tax report

export interface TaxRow {
  code: string;
  name: string;
  nik: string | null;
  npwp: string | null;
  hasTaxId: boolean;
  /** Gross payment the tax was computed on (`available` of the run). */
  gross: number;
  taxBase: number;
  tax: number;
  net: number;
}

/** Members the run paid (and anyone with tax, should a profile ever tax an unpaid member). */
export function* iterateTaxRows(db: Db, runId: number): Generator<TaxRow> {
  for (const m of iterateRunMembers(db, runId, 'taxed')) {
    yield {
      code: m.code,
      name: m.name,
      nik: m.nik,
      npwp: m.npwp,
      hasTaxId: Boolean(
        (m.npwp && /^\d{15,16}$/.test(m.npwp)) || (m.nik && /^\d{16}$/.test(m.nik)),
      ),
      gross: m.available,
      taxBase: m.taxBase,
      tax: m.tax,
      net: m.net,
    };
  }
}

export interface TaxSummary {
  period: string;
  profile: string;
  members: number;
  gross: number;
  taxBase: number;
  tax: number;
  net: number;
  withoutTaxId: number;
}

export function taxSummary(db: Db, run: CommittedRun): TaxSummary {
  const s: TaxSummary = {
    period: run.period,
    profile: run.plan.tax.profile,
    members: 0,
    gross: 0,
    taxBase: 0,
    tax: 0,
    net: 0,
    withoutTaxId: 0,
  };
  for (const r of iterateTaxRows(db, run.id)) {
    s.members++;
    s.gross += r.gross;
    s.taxBase += r.taxBase;
    s.tax += r.tax;
    s.net += r.net;
    if (!r.hasTaxId) s.withoutTaxId++;
  }
  return s;
}

export async function exportTaxReport(
  db: Db,
  period: string,
  format: TableFormat,
  lang: Lang = 'id',
): Promise<FilePayload & { summary: TaxSummary }> {
  const run = getCommittedRun(db, period);
  const t = L[lang];
  const summary = taxSummary(db, run);
  const row = (r: TaxRow): Cell[] => [
    r.code,
    r.name,
    r.nik,
    r.npwp,
    r.hasTaxId,
    r.gross,
    r.taxBase,
    r.tax,
    r.net,
  ];
  const base = `tax-${period}`;
  if (format === 'csv') {
    const csv = buildCsv(
      ['code', 'name', 'nik', 'npwp', 'has_tax_id', 'gross', 'tax_base', 'tax', 'net'],
      mapRows(iterateTaxRows(db, run.id), row),
      { bom: true },
    );
    return { ...filePayload(`${base}.csv`, MIME.csv, csv), summary };
  }
  const bytes = await buildWorkbook([
    {
      name: 'PPh 21',
      title: [
        `${t.taxTitle} — ${t.period} ${period}`,
        `${t.run} #${run.id} · ${t.plan} ${run.planVersion} · profile ${run.plan.tax.profile}`,
      ],
      columns: [
        { header: t.code, type: 'text', width: 12 },
        { header: t.name, type: 'text', width: 26 },
        { header: t.nik, type: 'text', width: 19 },
        { header: t.npwp, type: 'text', width: 19 },
        { header: t.taxId, type: 'bool', width: 10 },
        { header: t.gross, type: 'money', width: 16, total: true },
        { header: t.taxBase, type: 'money', width: 16, total: true },
        { header: t.tax, type: 'money', width: 15, total: true },
        { header: t.net, type: 'money', width: 16, total: true },
      ],
      rows: mapRows(iterateTaxRows(db, run.id), row),
      totalsLabel: t.total,
      boolText: lang === 'en' ? ['yes', 'no'] : ['ya', 'tidak'],
    },
  ]);
  return { ...filePayload(`${base}.xlsx`, MIME.xlsx, bytes), summary };
}
