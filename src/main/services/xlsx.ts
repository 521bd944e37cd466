import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/**
 * Report workbooks: several sheets, each a table with a bold frozen header, an autofilter over
 * the data, typed columns (rupiah as `"Rp "#,##0`, integers, text kept as text so NIK, account
 * numbers and codes never turn into numbers) and an optional totals row.
 *
 * Written with ExcelJS's streaming writer: rows are committed as they come, so a payout sheet of
 * a large run never holds every row object in memory at once. Totals are summed in JS while the
 * rows stream (integers, exact) and written as `SUBTOTAL(109, …)` formulas with that cached
 * result, so Excel shows the sum of the filtered rows and readers see the exact run total.
 */

export const RUPIAH_FORMAT = '"Rp "#,##0';
export const INT_FORMAT = '#,##0';
/** Basis points shown as a percentage: the cell holds bp / 10000 (display only). */
export const PERCENT_FORMAT = '0.00%';

/** Language of an export's labels (CSV column names of the payout files stay English). */
export type Lang = 'id' | 'en';

/** How `bool` cells read in `lang` (SheetSpec.boolText). */
export function yesNo(lang: Lang): readonly [string, string] {
  return lang === 'en' ? ['yes', 'no'] : ['ya', 'tidak'];
}

/** `auto`: numbers stay numbers, text stays text, no number format. */
export type ColumnType = 'text' | 'money' | 'int' | 'bp' | 'bool' | 'date' | 'auto';
export type Cell = string | number | boolean | null | undefined;

export interface ColumnSpec {
  header: string;
  type: ColumnType;
  width?: number;
  /** Sum this column in the totals row (money / int columns). */
  total?: boolean;
}

function column(type: ColumnType) {
  return (header: string, width?: number, total?: boolean): ColumnSpec => ({
    header,
    type,
    width,
    total,
  });
}

/** Column shorthands: `col.money(t.net, 16, true)` = rupiah, 16 wide, summed in the totals row. */
export const col = {
  text: column('text'),
  money: column('money'),
  int: column('int'),
  bp: column('bp'),
  bool: column('bool'),
  auto: column('auto'),
};

export interface SheetSpec {
  name: string;
  columns: readonly ColumnSpec[];
  rows: Iterable<readonly Cell[]>;
  /** Label written in the first column of the totals row; no totals row when absent. */
  totalsLabel?: string;
  /** Lines above the table (title, period): written first, table header follows a blank row. */
  title?: readonly string[];
  /** How `bool` cells read: default Indonesian `ya` / `tidak`. */
  boolText?: readonly [string, string];
}

/** Excel's limits: 31 characters, none of : \ / ? * [ ]. Names must be unique (case-insensitive). */
export function safeSheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || 'Sheet';
  let n = base;
  for (let i = 2; taken.has(n.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    n = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(n.toLowerCase());
  return n;
}

function colLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const MAX_ROWS = 1_048_576;

function cellValue(
  type: ColumnType,
  v: Cell,
  boolText: readonly [string, string],
): ExcelJS.CellValue {
  if (v === undefined || v === null || v === '') return null;
  switch (type) {
    case 'bp':
      return typeof v === 'number' ? v / 10_000 : v;
    case 'bool':
      return typeof v === 'boolean' ? (v ? boolText[0] : boolText[1]) : v;
    case 'text':
    case 'date':
      return String(v);
    case 'auto':
      return typeof v === 'boolean' ? String(v) : v;
    default:
      return v as number;
  }
}

function numFmt(type: ColumnType): string | undefined {
  return type === 'money'
    ? RUPIAH_FORMAT
    : type === 'int'
      ? INT_FORMAT
      : type === 'bp'
        ? PERCENT_FORMAT
        : undefined;
}

/** Build an XLSX workbook from sheet specs; resolves with the file bytes. */
export async function buildWorkbook(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Jenjang';
  const taken = new Set<string>();
  for (const spec of sheets) {
    const boolText = spec.boolText ?? (['ya', 'tidak'] as const);
    const titleRows = spec.title?.length ? spec.title.length + 1 : 0;
    const headerRow = titleRows + 1;
    const ws = wb.addWorksheet(safeSheetName(spec.name, taken), {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    });
    ws.columns = spec.columns.map((c) => ({
      key: c.header,
      width: c.width ?? Math.max(10, Math.min(40, c.header.length + 4)),
      style: numFmt(c.type) ? { numFmt: numFmt(c.type) } : {},
    }));
    spec.title?.forEach((t, i) => {
      const r = ws.addRow([t]);
      r.font = { bold: i === 0, size: i === 0 ? 13 : 11 };
      r.commit();
    });
    if (titleRows) ws.addRow([]).commit();
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EAF6' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    header.commit();
    const sums = spec.columns.map(() => 0);
    let rowCount = 0;
    for (const r of spec.rows) {
      if (headerRow + rowCount + 2 > MAX_ROWS) {
        throw new Error(`sheet ${spec.name} has more rows than Excel allows; export it as CSV`);
      }
      const values = spec.columns.map((c, i) => cellValue(c.type, r[i], boolText));
      spec.columns.forEach((c, i) => {
        if (c.total && typeof r[i] === 'number') sums[i] = (sums[i] as number) + (r[i] as number);
      });
      ws.addRow(values).commit();
      rowCount++;
    }
    const lastData = headerRow + Math.max(rowCount, 1);
    ws.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: lastData, column: spec.columns.length },
    };
    if (spec.totalsLabel !== undefined) {
      const values: ExcelJS.CellValue[] = spec.columns.map((c, i) => {
        if (i === 0) return spec.totalsLabel ?? '';
        if (!c.total) return null;
        const col = colLetter(i);
        return {
          formula: `SUBTOTAL(109,${col}${headerRow + 1}:${col}${lastData})`,
          result: sums[i] as number,
        };
      });
      const totals = ws.addRow(values);
      totals.font = { bold: true };
      totals.eachCell((cell) => {
        cell.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
      });
      totals.commit();
    }
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Rows of a sheet or CSV from any records, mapped lazily (the records may be streamed). */
export function* mapRows<T>(rows: Iterable<T>, f: (r: T) => Cell[]): Generator<Cell[]> {
  for (const r of rows) yield f(r);
}

/**
 * CSV text via papaparse: header row, RFC 4180 quoting, `\r\n` line ends; UTF-8 BOM on request
 * (Excel needs it to read names with non-ASCII letters; bank portals usually do not want it).
 * Text cells that would look like formulas to a spreadsheet are prefixed with `'`.
 */
export function buildCsv(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  opts: { bom?: boolean; delimiter?: string; header?: boolean } = {},
): string {
  const data: Cell[][] = [];
  for (const r of rows) data.push(r.map(csvSafe));
  const text = Papa.unparse(
    { fields: [...header], data },
    { header: opts.header ?? true, delimiter: opts.delimiter ?? ',', newline: '\r\n' },
  );
  return (opts.bom ? '\ufeff' : '') + text + '\r\n';
}

function csvSafe(v: Cell): Cell {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) && !/^-?\d+$/.test(v)) return `'${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v ?? '';
}

/** File payload returned over IPC: the renderer turns it into a download, the CLI writes it. */
export interface FilePayload {
  fileName: string;
  mime: string;
  base64: string;
  bytes: number;
}

export const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  txt: 'text/plain',
} as const;

export function filePayload(fileName: string, mime: string, data: Buffer | string): FilePayload {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { fileName, mime, base64: buf.toString('base64'), bytes: buf.length };
}

/** `${fileBase}.xlsx`: the workbook of these sheets. */
export async function xlsxFile(
  fileBase: string,
  sheets: readonly SheetSpec[],
): Promise<FilePayload> {
  return filePayload(`${fileBase}.xlsx`, MIME.xlsx, await buildWorkbook(sheets));
}

/** `${fileBase}.csv`: one table with a header row, UTF-8 BOM (Excel). */
export function csvFile(
  fileBase: string,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
): FilePayload {
  return filePayload(`${fileBase}.csv`, MIME.csv, buildCsv(header, rows, { bom: true }));
}
