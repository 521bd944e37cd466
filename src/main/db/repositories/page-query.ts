/**
 * Pieces of the paged grid queries (orders, returns, audit log, run members): a WHERE clause
 * built one condition at a time with its parameters, and the ORDER BY of a grid's sort model.
 */

export interface GridSort {
  colId: string;
  sort: 'asc' | 'desc';
}

/** One page of an infinite grid: rows offset … offset + limit, sorted, searched, filtered. */
export interface PageQuery<F> {
  offset: number;
  limit: number;
  sort: GridSort[];
  search?: string | undefined;
  filter: F;
}

/** WHERE conditions (joined with AND) and the `?` parameters they take, in order. */
export class Where {
  readonly terms: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.terms.push(sql);
    this.params.push(...params);
    return this;
  }

  /** `col` starts with the trimmed search text (an index range scan); nothing when blank. */
  prefix(col: string, search: string | undefined): this {
    const s = search?.trim();
    return s ? this.add(`(${col} >= ? AND ${col} < ?)`, s, `${s}\uffff`) : this;
  }

  /** `WHERE …`, or '' without conditions. */
  get sql(): string {
    return this.terms.length ? `WHERE ${this.terms.join(' AND ')}` : '';
  }
}

/** LIKE pattern "contains `s`" (with `ESCAPE '\\'`): %, _ and \\ in `s` match themselves. */
export function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * ORDER BY terms of a grid's sort model: columns by `columns` (colId → SQL; unknown ids are
 * skipped), `fallback` when none is left, then `idCol` in the first term's direction so that
 * equal values page in a stable order.
 */
export function gridOrderBy(
  sort: readonly GridSort[],
  columns: Readonly<Record<string, string>>,
  fallback: string,
  idCol: string,
): string[] {
  const terms = sort
    .filter((s) => Object.prototype.hasOwnProperty.call(columns, s.colId))
    .map((s) => `${columns[s.colId]} ${s.sort === 'desc' ? 'DESC' : 'ASC'}`);
  if (terms.length === 0) terms.push(fallback);
  terms.push(`${idCol} ${terms[0]!.endsWith('DESC') ? 'DESC' : 'ASC'}`);
  return terms;
}
