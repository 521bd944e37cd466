import { basename } from 'node:path';
import type { Db } from '../db/client';
import { toAppError } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repo';
import { insertProduct, updateProduct, type ProductValues } from '../db/repositories/products.repo';
import type { Progress } from '../ipc/context';
import {
  checkColumns,
  formatOf,
  parseCsv,
  parseXlsx,
  readTable,
  rowError,
  tabularErrors,
  type Table,
  type TabularError,
  type TabularRow,
} from './tabular';
import { SKU_RE, type ImportInput, type ImportResult } from '../../shared/ipc/products.contract';
import { AppError } from '../../shared/ipc/result';
import { isValidDate } from '../../shared/period';

/** What an importer needs besides the file: who acts, and where progress goes. */
export interface ImportContext {
  actor: string;
  onProgress?: ((p: Progress) => void) | undefined;
}

/** The file of an import request: a path (CLI) or a name + base64 bytes (renderer). */
export async function readImportTable(input: ImportInput): Promise<Table> {
  if (input.path !== undefined) return readTable(input.path);
  const name = basename(input.fileName ?? 'upload.csv');
  const bytes = Buffer.from(input.base64 ?? '', 'base64');
  return formatOf(name) === 'xlsx' ? parseXlsx(bytes, name) : parseCsv(bytes, name);
}

/** Thrown inside the import transaction to roll back a dry run after full validation. */
export class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super('dry run');
  }
}

/**
 * Run `fn` in one transaction; a dry run rolls it back and still returns the result. Writing in
 * a dry run too means the database's own checks (triggers, constraints) are exercised. IMMEDIATE:
 * the write lock is taken at BEGIN, where SQLite waits for another writer (busy timeout) — a
 * read transaction that turns into a write gets "database is locked" at once.
 */
export function importTransaction<T>(db: Db, dryRun: boolean, fn: () => T): T {
  try {
    return db.sqlite
      .transaction(() => {
        const r = fn();
        if (dryRun) throw new DryRunRollback(r);
        return r;
      })
      .immediate();
  } catch (e) {
    if (e instanceof DryRunRollback) return e.result as T;
    throw e;
  }
}

/** Cell parsers shared by the importers: each returns the value or pushes an error. */
export class CellReader {
  readonly errors: TabularError[] = [];
  constructor(private readonly table: Table) {}

  error(row: TabularRow, column: string, message: string): void {
    this.errors.push(rowError(this.table, row, column, message));
  }

  text(row: TabularRow, column: string, max = 200): string | undefined {
    const v = row.values[column] ?? '';
    if (v === '') return (this.error(row, column, 'required'), undefined);
    if (v.length > max)
      return (this.error(row, column, `longer than ${max} characters`), undefined);
    return v;
  }

  /** Whole number in [min, max]; empty → `fallback` when given, else an error. */
  int(
    row: TabularRow,
    column: string,
    min: number,
    fallback?: number,
    max = 1e13,
  ): number | undefined {
    const v = row.values[column] ?? '';
    if (v === '') {
      if (fallback !== undefined) return fallback;
      return (this.error(row, column, 'required'), undefined);
    }
    if (!/^-?\d+$/.test(v)) {
      return (this.error(row, column, `"${v}" is not a whole number`), undefined);
    }
    const n = Number(v);
    if (n < min) return (this.error(row, column, `must be ≥ ${min}`), undefined);
    if (n > max) return (this.error(row, column, `must be ≤ ${max}`), undefined);
    return n;
  }

  private readonly dates = new Map<string, boolean>();

  /** A calendar date `YYYY-MM-DD` (validity cached: a file repeats few distinct dates). */
  date(row: TabularRow, column: string): string | undefined {
    const v = this.text(row, column, 10);
    if (v === undefined) return undefined;
    let valid = this.dates.get(v);
    if (valid === undefined) this.dates.set(v, (valid = isValidDate(v)));
    if (!valid) return (this.error(row, column, `"${v}" is not a date YYYY-MM-DD`), undefined);
    return v;
  }

  matching(row: TabularRow, column: string, re: RegExp, what: string): string | undefined {
    const v = this.text(row, column);
    if (v === undefined) return undefined;
    if (!re.test(v)) return (this.error(row, column, `"${v}" is not a valid ${what}`), undefined);
    return v;
  }
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'ya', 'aktif', 'active']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'tidak', 'nonaktif', 'inactive']);

export const PRODUCT_COLUMNS = {
  required: ['sku', 'name', 'member_price', 'retail_price', 'pv', 'bv'],
  optional: ['active'],
} as const;

/**
 * products.csv / .xlsx: upsert by SKU (a new SKU is created, a known one updated). Past order
 * lines are untouched: they hold their own price/PV/BV snapshot. All-or-nothing.
 */
export async function importProducts(
  db: Db,
  input: ImportInput,
  ctx: ImportContext,
): Promise<ImportResult> {
  const table = await readImportTable(input);
  const headerErrors = checkColumns(table, PRODUCT_COLUMNS);
  if (headerErrors.length) throw tabularErrors(headerErrors);
  const r = new CellReader(table);
  const bySku = new Map<string, number>();
  const parsed: { row: TabularRow; values: ProductValues; activeGiven: boolean }[] = [];
  for (const row of table.rows) {
    const sku = r.matching(row, 'sku', SKU_RE, 'SKU (1–32 letters, digits, . _ / -)');
    const name = r.text(row, 'name', 120);
    const memberPrice = r.int(row, 'member_price', 0);
    const retailPrice = r.int(row, 'retail_price', 0);
    const pv = r.int(row, 'pv', 0);
    const bv = r.int(row, 'bv', 0);
    const a = (row.values.active ?? '').toLowerCase();
    let active = true;
    if (a !== '') {
      if (TRUE.has(a)) active = true;
      else if (FALSE.has(a)) active = false;
      else r.error(row, 'active', `"${row.values.active}" is not 1/0, true/false or yes/no`);
    }
    if (sku !== undefined) {
      const first = bySku.get(sku);
      if (first !== undefined) r.error(row, 'sku', `duplicate SKU ${sku} (first on line ${first})`);
      else bySku.set(sku, row.line);
    }
    if (
      sku === undefined ||
      name === undefined ||
      memberPrice === undefined ||
      retailPrice === undefined ||
      pv === undefined ||
      bv === undefined
    ) {
      continue;
    }
    parsed.push({
      row,
      values: { sku, name, memberPrice, retailPrice, pv, bv, active },
      activeGiven: a !== '',
    });
  }
  if (r.errors.length) throw tabularErrors(r.errors);

  return importTransaction(db, input.dryRun, () => {
    const existing = db.sqlite.prepare(
      `SELECT id, sku, name, member_price AS memberPrice, retail_price AS retailPrice, pv, bv, active
       FROM products WHERE sku = ?`,
    );
    let created = 0;
    let updated = 0;
    parsed.forEach(({ row, values, activeGiven }, i) => {
      const before = existing.get(values.sku) as
        (Omit<ProductValues, 'active'> & { id: number; active: number }) | undefined;
      try {
        if (!before) {
          const id = insertProduct(db, values);
          created++;
          writeAudit(db, {
            actor: ctx.actor,
            action: 'product.create',
            entity: 'product',
            entityId: id,
            after: values,
            reason: `import ${table.file}:${row.line}`,
          });
        } else {
          const after: ProductValues = {
            ...values,
            // No `active` column (or an empty cell) keeps the product's current flag.
            active: activeGiven ? values.active : before.active === 1,
          };
          const old: ProductValues = {
            sku: before.sku,
            name: before.name,
            memberPrice: before.memberPrice,
            retailPrice: before.retailPrice,
            pv: before.pv,
            bv: before.bv,
            active: before.active === 1,
          };
          if (JSON.stringify(old) !== JSON.stringify(after)) {
            updateProduct(db, before.id, after);
            updated++;
            writeAudit(db, {
              actor: ctx.actor,
              action: 'product.update',
              entity: 'product',
              entityId: before.id,
              before: old,
              after,
              reason: `import ${table.file}:${row.line}`,
            });
          }
        }
      } catch (e) {
        const err = toAppError(e);
        if (err instanceof AppError) throw tabularErrors([rowError(table, row, '', err.message)]);
        throw e;
      }
      ctx.onProgress?.({ stage: 'products', done: i + 1, total: parsed.length });
    });
    return {
      file: table.file,
      dryRun: input.dryRun,
      rows: table.rows.length,
      created,
      updated,
      lines: 0,
    };
  });
}
