import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkColumns,
  formatTabularError,
  parseCsv,
  readTable,
  tabularErrors,
  toCsv,
  toXlsx,
  writeTable,
} from '../../src/main/services/tabular';
import type { AppError } from '../../src/shared/ipc/result';

const dir = mkdtempSync(join(tmpdir(), 'jenjang-tabular-'));

function catchErr(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a throw');
}

describe('parseCsv', () => {
  it('reads header + rows with 1-based physical line numbers, BOM stripped, values trimmed', () => {
    const t = parseCsv('\ufeffCode, Name \nA, Ani \n\nB,"Budi, Jr."\n', 'm.csv');
    expect(t.header).toEqual(['code', 'name']);
    expect(t.headerLine).toBe(1);
    expect(t.rows).toEqual([
      { line: 2, values: { code: 'A', name: 'Ani' } },
      { line: 4, values: { code: 'B', name: 'Budi, Jr.' } },
    ]);
  });

  it('counts lines inside quoted multi-line values and CRLF files', () => {
    const t = parseCsv('code,name\r\nA,"two\r\nlines"\r\nB,x\r\n', 'm.csv');
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(t.rows[0]!.values.name).toBe('two\r\nlines');
  });

  it('fills missing trailing cells with "" and refuses extra values', () => {
    expect(parseCsv('a,b,c\n1\n', 'f.csv').rows[0]!.values).toEqual({ a: '1', b: '', c: '' });
    const e = catchErr(() => parseCsv('a,b\n1,2\n1,2,3\n', 'f.csv'));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('f.csv:3: (row): more values than header columns (2)');
  });

  it('refuses an empty file and duplicate/empty header names', () => {
    expect(catchErr(() => parseCsv('', 'e.csv')).message).toMatch(
      /^e\.csv:1: .*header row required/,
    );
    expect(catchErr(() => parseCsv('a,A\n', 'd.csv')).message).toBe('d.csv:1: a: duplicate column');
    expect(catchErr(() => parseCsv('a,,b\n', 'd.csv')).message).toBe(
      'd.csv:1: #2: empty column name',
    );
  });
});

describe('checkColumns', () => {
  it('reports missing required and unknown columns on the header line', () => {
    const t = parseCsv('code,colour\n', 'm.csv');
    const errs = checkColumns(t, { required: ['code', 'name'], optional: ['phone'] });
    expect(errs.map(formatTabularError)).toEqual([
      'm.csv:1: name: required column missing',
      'm.csv:1: colour: unknown column (expected: code, name, phone)',
    ]);
  });
  it('accepts any order and left-out optional columns', () => {
    const t = parseCsv('name,code\n', 'm.csv');
    expect(checkColumns(t, { required: ['code', 'name'], optional: ['phone'] })).toEqual([]);
  });
});

describe('tabularErrors', () => {
  it('sorts by line and carries structured details', () => {
    const e = tabularErrors([
      { file: 'f.csv', line: 5, column: 'b', message: 'm2' },
      { file: 'f.csv', line: 2, column: 'a', message: 'm1' },
    ]);
    expect(e.message).toBe('f.csv:2: a: m1\nf.csv:5: b: m2');
    expect((e.details as { errors: unknown[] }).errors).toHaveLength(2);
  });
});

describe('files', () => {
  it('round-trips CSV and XLSX through writeTable/readTable', async () => {
    const header = ['code', 'name', 'nik', 'join_date'];
    const rows = [
      ['A1', 'Ani "Sari", S.E.', '3201234567890123', '2026-01-05'],
      ['B2', ' x ', '', '2026-02-01'],
    ];
    for (const fmt of ['csv', 'xlsx'] as const) {
      const p = join(dir, `rt.${fmt}`);
      await writeTable(p, fmt, header, rows);
      const t = await readTable(p);
      expect(t.file).toBe(`rt.${fmt}`);
      expect(t.header).toEqual(header);
      expect(t.rows.map((r) => r.line)).toEqual([2, 3]);
      expect(t.rows[0]!.values).toEqual({
        code: 'A1',
        name: 'Ani "Sari", S.E.',
        nik: '3201234567890123',
        join_date: '2026-01-05',
      });
      expect(t.rows[1]!.values.name).toBe('x');
    }
  });

  it('reads XLSX numbers and dates as text', async () => {
    const buf = await toXlsx(['sku', 'pv', 'date'], [['S1', 12, null]]);
    const p = join(dir, 'n.xlsx');
    writeFileSync(p, buf);
    const t = await readTable(p);
    expect(t.rows[0]!.values).toEqual({ sku: 'S1', pv: '12', date: '' });
  });

  it('refuses a non-xlsx file with an .xlsx name and unknown extensions', async () => {
    const p = join(dir, 'bad.xlsx');
    writeFileSync(p, 'code,name\n');
    await expect(readTable(p)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(readTable(join(dir, 'x.pdf'))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('toCsv quotes what needs quoting and starts with a BOM', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'q"'],
          [1, null],
        ],
      ),
    ).toBe('\ufeffa,b\n"x,y","q"""\n1,\n');
  });
});
