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
  col,
  csvFile,
  mapRows,
  xlsxFile,
  yesNo,
  type Cell,
  type ColumnSpec,
  type FilePayload,
  type Lang,
  type SheetSpec,
} from './xlsx';

/**
 * The payout sheet of a committed period (issue 8): exactly the run's numbers, never
 * recomputed. XLSX: a Summary sheet with one row per member with money (totals row = run totals),
 * then one sheet per bonus of the plan with its lines (totals row = Σ lines = Σ that bonus over
 * members). CSV: the Summary table alone (one row per member, no totals row, so scripts can sum).
 * Also the tax report (data for the PPh 21 withholding slips).
 */

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
    ['code', col.text(t.code, 12)],
    ['name', col.text(t.name, 26)],
    ['kind', col.text(t.kind, 12)],
    ['rank', col.text(t.rank, 11)],
    ['active', col.bool(t.active, 8)],
    ['pv', col.int(t.pv, 9)],
    ['gv', col.int(t.gv, 10)],
    ['bv', col.money(t.bv, 14)],
    ...bonuses.map((b): [string, ColumnSpec] => [`bonus_${b.id}`, col.money(b.id, 14, true)]),
    ['bonus_total', col.money(t.bonusTotal, 15, true)],
    ['adjustments', col.money(t.adjustments, 14, true)],
    ['clawbacks', col.money(t.clawbacks, 14, true)],
    ['carry_in', col.money(t.carryIn, 14, true)],
    ['gross', col.money(t.gross, 15, true)],
    ['available', col.money(t.available, 15, true)],
    ['held', col.bool(t.held, 8)],
    ['paid', col.bool(t.paid, 8)],
    ['tax_base', col.money(t.taxBase, 14, true)],
    ['tax', col.money(t.tax, 14, true)],
    ['net', col.money(t.net, 15, true)],
    ['carry_out', col.money(t.carryOut, 15, true)],
    ['bank_name', col.text(t.bankName, 12)],
    ['bank_account', col.text(t.bankAccount, 18)],
    ['bank_holder', col.text(t.bankHolder, 24)],
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
  const rows = () => mapRows(iterateRunMembers(db, run.id, 'money'), (m) => summaryRow(run, m));
  if (format === 'csv') return { ...csvFile(base, cols.csv, rows()), summary };
  const title = [
    `${t.title} — ${t.period} ${period}`,
    `${t.run} #${run.id} · ${t.plan} ${run.planVersion} · ${run.runHash}`,
  ];
  const sheets: SheetSpec[] = [
    {
      name: t.summary,
      columns: cols.xlsx,
      rows: rows(),
      totalsLabel: t.total,
      title,
      boolText: yesNo(lang),
    },
    ...planBonuses(run.plan).map((b): SheetSpec => ({
      name: `${b.id}`,
      title: [`${b.id} (${b.type}) — ${t.period} ${period}`],
      columns: [
        col.text(t.earner, 12),
        col.text(t.earnerName, 26),
        col.int(t.level, 7),
        col.text(t.source, 12),
        col.text(t.sourceName, 26),
        col.text(t.order, 20),
        col.money(t.base, 15),
        col.bp(t.rate, 9),
        col.money(t.amount, 15, true),
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
  return { ...(await xlsxFile(base, sheets)), summary };
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
    const header = ['code', 'name', 'nik', 'npwp', 'has_tax_id', 'gross', 'tax_base', 'tax', 'net'];
    return { ...csvFile(base, header, mapRows(iterateTaxRows(db, run.id), row)), summary };
  }
  const file = await xlsxFile(base, [
    {
      name: 'PPh 21',
      title: [
        `${t.taxTitle} — ${t.period} ${period}`,
        `${t.run} #${run.id} · ${t.plan} ${run.planVersion} · profile ${run.plan.tax.profile}`,
      ],
      columns: [
        col.text(t.code, 12),
        col.text(t.name, 26),
        col.text(t.nik, 19),
        col.text(t.npwp, 19),
        col.bool(t.taxId, 10),
        col.money(t.gross, 16, true),
        col.money(t.taxBase, 16, true),
        col.money(t.tax, 15, true),
        col.money(t.net, 16, true),
      ],
      rows: mapRows(iterateTaxRows(db, run.id), row),
      totalsLabel: t.total,
      boolText: yesNo(lang),
    },
  ]);
  return { ...file, summary };
}
