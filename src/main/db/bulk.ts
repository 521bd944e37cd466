import type Database from 'better-sqlite3';

/**
 * Many rows in one call: SQLite writes the selected values of every row as one JSON array text
 * (`[a0,b0,c0,a1,b1,c1,…]`) and V8 parses it at once. better-sqlite3 pays a native step and a
 * fresh JS array per returned row (~1.5 µs here), seconds at a million rows; this leaves the
 * per-row work to SQLite's C and V8's JSON parser — about 2× faster for the close's reads
 * (docs/performance.md, "Reading rows").
 *
 * `exprs` are SQL expressions that each yield a JSON literal: integers, `json_quote(text)`, or
 * 0/1 from a comparison written with IS so NULL cannot leak in (a NULL would void the whole
 * row's text). `rest` is the FROM/WHERE part; `orderBy` fixes the row order inside the aggregate
 * (without it the order is whatever the scan gives). Keep one call's rows to a few hundred
 * thousand (V8 caps a string near 512 MB): callers read in key ranges.
 */
export function readFlat(
  sqlite: Database.Database,
  exprs: readonly string[],
  rest: string,
  params: readonly unknown[],
  orderBy?: string,
): unknown[] {
  const sql = flatSql(exprs, rest, orderBy);
  let stmt = cache.get(sqlite)?.get(sql);
  if (!stmt) {
    stmt = sqlite.prepare(sql).pluck();
    const m = cache.get(sqlite) ?? new Map<string, Database.Statement>();
    m.set(sql, stmt);
    cache.set(sqlite, m);
  }
  return JSON.parse(stmt.get(...params) as string) as unknown[];
}

export function flatSql(exprs: readonly string[], rest: string, orderBy?: string): string {
  const row = exprs.map((e) => `(${e})`).join(" || ',' || ");
  const order = orderBy ? ` ORDER BY ${orderBy}` : '';
  return `SELECT '[' || coalesce(group_concat(${row}, ','${order}), '') || ']' ${rest}`;
}

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * Inserts rows `rowsPerStatement` at a time through one prepared multi-row INSERT (and a
 * one-row statement for the tail): a million rows cost a million native calls and parameter
 * arrays otherwise, about a quarter of the time of writing a run. Call `finish()` at the end.
 * Runs inside the caller's transaction.
 */
export function batchInserter(
  sqlite: Database.Database,
  table: string,
  columns: readonly string[],
  rowsPerStatement = 32,
): { add: (...values: unknown[]) => void; finish: () => void } {
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = sqlite.prepare(
    head + Array.from({ length: rowsPerStatement }, () => one).join(', '),
  );
  const single = sqlite.prepare(head + one);
  const width = columns.length;
  const buf: unknown[] = new Array<unknown>(width * rowsPerStatement);
  let at = 0;
  return {
    add(...values: unknown[]) {
      if (values.length !== width)
        throw new Error(`${table}: ${values.length} values for ${width} columns`);
      for (let i = 0; i < width; i++) buf[at++] = values[i];
      if (at === buf.length) {
        many.run(buf);
        at = 0;
      }
    },
    finish() {
      for (let r = 0; r < at; r += width) single.run(buf.slice(r, r + width));
      at = 0;
    },
  };
}

/**
 * Runs `fill` with `table`'s plain secondary indexes (not UNIQUE; constraint indexes stay) and
 * the named triggers dropped, then re-creates them from the SQL they were created with. Building
 * an index once by sorting is several times cheaper than growing it row by row — worth it when a
 * load adds a large share of the table. Must run inside the caller's transaction: other
 * connections never see the table without its indexes, and a failure anywhere rolls the drops
 * back with the rows.
 */
export function withIndexesDeferred(
  sqlite: Database.Database,
  table: string,
  triggers: readonly string[],
  fill: () => void,
): void {
  if (!sqlite.inTransaction) throw new Error('withIndexesDeferred: call inside a transaction');
  const schema = (type: string, name: string) =>
    sqlite
      .prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?')
      .pluck()
      .get(type, name) as string | undefined;
  const indexes = (
    sqlite
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL
         AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`,
      )
      .pluck()
      .all(table) as string[]
  ).map((name) => ({ kind: 'INDEX', name, sql: schema('index', name) as string }));
  const dropped = [
    ...indexes,
    ...triggers.map((name) => {
      const sql = schema('trigger', name);
      if (!sql) throw new Error(`withIndexesDeferred: no trigger ${name}`);
      return { kind: 'TRIGGER', name, sql };
    }),
  ];
  for (const d of dropped) sqlite.exec(`DROP ${d.kind} "${d.name}"`);
  fill();
  for (const d of dropped) sqlite.exec(d.sql);
}
