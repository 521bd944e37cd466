import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import type { TabularError } from '../../shared/ipc/members.contract';
import { AppError } from '../../shared/ipc/result';

/** One problem in an input file, printed as `FILE:LINE: column: message` (the IPC shape). */
export type { TabularError };

/**
 * Generic reader/writer for the CSV and XLSX files of interfaces.md ("CSV import"):
 * UTF-8, optional BOM, comma separated, header row required, column order free, optional columns
 * may be left out, unknown columns are an error; XLSX = the same header in the first sheet.
 *
 * Usage by an importer:
 *
 *   const table = await readTable(path);                        // throws TabularFileError (VALIDATION)
 *   const errors = checkColumns(table, { required: ['sku', 'name'], optional: ['active'] });
 *   for (const row of table.rows) { ... errors.push(rowError(table, row, 'sku', 'duplicate')) }
 *   if (errors.length) throw tabularErrors(errors);              // AppError VALIDATION, details.errors
 *
 * Header names are trimmed and lower-cased; cell values are trimmed. Line numbers are 1-based
 * physical lines of the file (header = line 1; a quoted value spanning lines counts them all),
 * or the sheet row number for XLSX. Fully empty rows are skipped (their lines still count).
 */

export interface TabularRow {
  /** 1-based line in the file (CSV) or row number (XLSX). */
  line: number;
  /** Every header column → trimmed cell text ('' when empty or missing). */
  values: Record<string, string>;
}

export interface Table {
  /** File name as shown in errors (basename of the path). */
  file: string;
  header: string[];
  /** Line of the header row (1 unless blank lines precede it). */
  headerLine: number;
  rows: TabularRow[];
}

export interface ColumnSpec {
  required: readonly string[];
  optional?: readonly string[];
}

export type TabularFormat = 'csv' | 'xlsx';

export function formatTabularError(e: TabularError): string {
  return `${e.file}:${e.line}: ${e.column || '(row)'}: ${e.message}`;
}

/** Sort by line, then column order as given: stable, readable reports. */
export function sortTabularErrors(errors: TabularError[]): TabularError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e }) => e);
}

/**
 * The AppError an importer throws when its file has problems. `message` is every problem on its
 * own line (`FILE:LINE: column: message`); `details.errors` holds them as structured values
 * (the renderer shows a table of them, the CLI prints `message`).
 */
export function tabularErrors(errors: TabularError[]): AppError {
  const sorted = sortTabularErrors(errors);
  return new AppError('VALIDATION', sorted.map(formatTabularError).join('\n'), {
    errors: sorted,
  });
}

export function rowError(
  table: Pick<Table, 'file'>,
  row: Pick<TabularRow, 'line'>,
  column: string,
  message: string,
): TabularError {
  return { file: table.file, line: row.line, column, message };
}

export function formatOf(path: string): TabularFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '') return 'csv';
  throw new AppError(
    'VALIDATION',
    `${basename(path)}: unsupported file type ${ext} (use .csv or .xlsx)`,
  );
}

/** Read a CSV or XLSX file (by extension) into a Table. Header problems throw (VALIDATION). */
export async function readTable(path: string, opts: { name?: string } = {}): Promise<Table> {
  const file = opts.name ?? basename(path);
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw new AppError('VALIDATION', `${file}: cannot read file: ${(e as Error).message}`);
  }
  return formatOf(opts.name ?? path) === 'xlsx' ? parseXlsx(buf, file) : parseCsv(buf, file);
}

/** Parse file bytes by the file name's extension (the renderer sends picked files as bytes). */
export async function readTableFromBytes(bytes: Uint8Array, name: string): Promise<Table> {
  const file = basename(name);
  return formatOf(name) === 'xlsx' ? parseXlsx(bytes, file) : parseCsv(bytes, file);
}

/** Parse CSV text (or UTF-8 bytes, BOM allowed). */
export function parseCsv(input: string | Uint8Array, file: string): Table {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimiter: ',',
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    const line = lineAtRow(parsed.data, fatal.row ?? 0);
    throw tabularErrors([{ file, line, column: '', message: `malformed CSV: ${fatal.message}` }]);
  }
  // Physical line of each record: count newlines consumed by the records before it.
  return buildTable(file, parsed.data, recordLines(parsed.data));
}

function recordLines(records: string[][]): number[] {
  const out: number[] = [];
  let line = 1;
  for (const rec of records) {
    out.push(line);
    let nl = 1;
    for (const cell of rec) {
      if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue; // almost every cell
      for (const ch of cell) if (ch === '\n') nl++;
      // "\r\n" inside a quoted cell is one line break; a lone "\r" too.
      nl += (cell.match(/\r(?!\n)/g) ?? []).length;
    }
    line += nl;
  }
  return out;
}

function lineAtRow(records: string[][], row: number): number {
  return recordLines(records)[row] ?? records.length + 1;
}

/** Parse the first worksheet of an XLSX file. */
export async function parseXlsx(input: Uint8Array, file: string): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(input as unknown as ArrayBuffer);
  } catch (e) {
    throw new AppError('VALIDATION', `${file}: not a readable XLSX file: ${(e as Error).message}`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw tabularErrors([{ file, line: 1, column: '', message: 'workbook has no sheet' }]);
  const records: string[][] = [];
  const lines: number[] = [];
  const width = ws.columnCount;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    records.push(cells);
    lines.push(rowNumber);
  });
  return buildTable(file, records, lines);
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    return Number.isSafeInteger(v) || !Number.isInteger(v) ? String(v) : cell.text;
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) {
      const r = (v as { result?: unknown }).result;
      if (r instanceof Date) return r.toISOString().slice(0, 10);
      return r === undefined || r === null ? '' : String(r);
    }
    if ('text' in v) return String((v as { text: unknown }).text);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return cell.text;
}

/** `records[i]`: the cells of the record on line `lines[i]`. */
function buildTable(file: string, records: string[][], lines: number[]): Table {
  const headerIdx = records.findIndex((cells) => cells.some((c) => c.trim() !== ''));
  if (headerIdx < 0) {
    throw tabularErrors([
      { file, line: 1, column: '', message: 'file is empty (header row required)' },
    ]);
  }
  const headerRec = { cells: records[headerIdx]!, line: lines[headerIdx] ?? headerIdx + 1 };
  // Trailing empty header cells (XLSX formatting, trailing comma) are ignored.
  const raw = headerRec.cells.map((c) => c.trim().toLowerCase());
  while (raw.length && raw[raw.length - 1] === '') raw.pop();
  const errors: TabularError[] = [];
  const seen = new Set<string>();
  raw.forEach((h, i) => {
    if (h === '') {
      errors.push({
        file,
        line: headerRec.line,
        column: `#${i + 1}`,
        message: 'empty column name',
      });
    } else if (seen.has(h)) {
      errors.push({ file, line: headerRec.line, column: h, message: 'duplicate column' });
    }
    seen.add(h);
  });
  if (errors.length) throw tabularErrors(errors);
  const header = raw;
  const rows: TabularRow[] = [];
  const rowErrors: TabularError[] = [];
  const width = header.length;
  // One pass per record, no closures or copies: at 100k rows they show (docs/performance.md).
  for (let r = headerIdx + 1; r < records.length; r++) {
    const cells = records[r]!;
    const line = lines[r] ?? r + 1;
    const values: Record<string, string> = {};
    let empty = true;
    for (let i = 0; i < width; i++) {
      const c = i < cells.length ? cells[i]!.trim() : '';
      if (c !== '') empty = false;
      values[header[i]!] = c;
    }
    let extra = false;
    for (let i = width; i < cells.length; i++) if (cells[i]!.trim() !== '') extra = true;
    if (empty && !extra) continue; // a fully empty row (its line still counts)
    if (extra) {
      rowErrors.push({
        file,
        line,
        column: '',
        message: `more values than header columns (${width})`,
      });
      continue;
    }
    rows.push({ line, values });
  }
  if (rowErrors.length) throw tabularErrors(rowErrors);
  return { file, header, headerLine: headerRec.line, rows };
}

/**
 * Header check: every required column present, no unknown column. Returns errors on the header
 * line (empty array when fine). Column names are compared lower-case.
 */
export function checkColumns(table: Table, spec: ColumnSpec): TabularError[] {
  const headerLine = table.headerLine;
  const known = new Set([...spec.required, ...(spec.optional ?? [])]);
  const errors: TabularError[] = [];
  for (const c of spec.required) {
    if (!table.header.includes(c)) {
      errors.push({
        file: table.file,
        line: headerLine,
        column: c,
        message: 'required column missing',
      });
    }
  }
  for (const c of table.header) {
    if (!known.has(c)) {
      errors.push({
        file: table.file,
        line: headerLine,
        column: c,
        message: `unknown column (expected: ${[...known].join(', ')})`,
      });
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Writing (exports)

export type Cell = string | number | boolean | null | undefined;

/** CSV text with a header row, RFC 4180 quoting, CRLF-free ("\n"), UTF-8 BOM for Excel. */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  bom = true,
): string {
  const out: string[] = [header.map(csvField).join(',')];
  for (const r of rows) out.push(r.map(csvField).join(','));
  return (bom ? '\ufeff' : '') + out.join('\n') + '\n';
}

function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** XLSX bytes: one sheet, bold frozen header, text cells kept as text (codes, NIK, accounts). */
export async function toXlsx(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  sheetName = 'Sheet1',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === undefined ? null : v)));
  header.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length + 4));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Write rows to `path` as CSV or XLSX; returns the number of bytes written. */
export async function writeTable(
  path: string,
  format: TabularFormat,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Promise<number> {
  const bytes =
    format === 'xlsx' ? await toXlsx(header, rows) : Buffer.from(toCsv(header, rows), 'utf8');
  await writeFile(path, bytes);
  return bytes.length;
}
