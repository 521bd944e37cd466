import type Database from 'better-sqlite3';

/**
 * Bulk read of small non-negative integer tuples, fast: better-sqlite3 spends ~1–5 µs building a
 * JS row per result row, which dominates reading a million rows. Instead SQLite concatenates a
 * range of rows into one string (`group_concat`) and JS parses the digits into numbers — about
 * twice as fast at 1M rows, and no per-row garbage (member tree, period volumes, the close's
 * volume sums; docs/performance.md).
 *
 * `sql` must select ONE value: `group_concat(a || ',' || b || …, ',')` over rows with
 * `key > ? AND key <= ?` (the range bounds, after `extraParams`), every value a non-negative
 * integer. Tuples arrive range by range, in whatever order SQLite concatenates them.
 */
export function scanIntTuples(
  sqlite: Database.Database,
  sql: string,
  width: number,
  from: number,
  to: number,
  onTuple: (t: number[]) => void,
  step = 200_000,
  extraParams: readonly unknown[] = [],
): void {
  const stmt = sqlite.prepare(sql).pluck();
  const t = new Array<number>(width).fill(0);
  for (let lo = from; lo < to; lo += step) {
    const s = stmt.get(...extraParams, lo, Math.min(to, lo + step)) as string | null;
    if (!s) continue;
    let v = 0;
    let k = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 44) {
        t[k++] = v;
        v = 0;
        if (k === width) {
          onTuple(t);
          k = 0;
        }
      } else v = v * 10 + (c - 48);
    }
    t[k++] = v;
    if (k === width) onTuple(t);
  }
}

/** A row of a batched insert failed: `row` is its 0-based index in the order rows were added. */
export class BatchRowError extends Error {
  constructor(
    readonly row: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'BatchRowError';
  }
}

/**
 * Inserts rows `rowsPerStatement` at a time through one prepared multi-row INSERT (and a
 * one-row statement for the tail): a million rows cost a million native calls and parameter
 * arrays otherwise, about a quarter of the time of writing a run. Call `finish()` at the end.
 * Values go in as arguments, not as one array: better-sqlite3 binds a spread argument list about
 * twice as fast as it reads an array's elements (1M run_members rows: 4.9 s → 2.6 s).
 *
 * When a statement fails (a constraint, a trigger), SQLite has undone that statement only; its
 * rows are retried one by one so the error is a BatchRowError naming the first bad row.
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
  let flushed = 0; // rows written before buf[0]
  const oneByOne = (end: number) => {
    for (let r = 0; r < end; r += width) {
      try {
        single.run(...buf.slice(r, r + width));
      } catch (e) {
        throw new BatchRowError(flushed + r / width, e);
      }
    }
  };
  return {
    add(...values: unknown[]) {
      if (values.length !== width)
        throw new Error(`${table}: ${values.length} values for ${width} columns`);
      for (let i = 0; i < width; i++) buf[at++] = values[i];
      if (at === buf.length) {
        try {
          many.run(...buf);
        } catch {
          oneByOne(at); // throws at the bad row (rows that pass alone are simply written)
        }
        flushed += rowsPerStatement;
        at = 0;
      }
    },
    finish() {
      oneByOne(at);
      flushed += at / width;
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
 * back with the rows. Indexes named in `keep` stay (partial indexes that few new rows enter: a
 * check per row is cheaper than another scan of the table to build them).
 */
export function withIndexesDeferred(
  sqlite: Database.Database,
  table: string,
  triggers: readonly string[],
  fill: () => void,
  keep: readonly string[] = [],
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
  )
    .filter((name) => !keep.includes(name))
    .map((name) => ({ kind: 'INDEX', name, sql: schema('index', name) as string }));
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
