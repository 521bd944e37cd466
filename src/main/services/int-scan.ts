import type { Db } from '../db/client';

/**
 * Bulk read of small non-negative integer tuples, fast: better-sqlite3 spends ~1–5 µs building a
 * JS row per result row, which dominates reading a million rows. Instead SQLite concatenates a
 * range of rows into one string (`group_concat`) and JS parses the digits into numbers — about
 * twice as fast at 1M rows, and no per-row garbage.
 *
 * `sql` must select ONE value: `group_concat(a || ',' || b || …, ',')` over rows with
 * `rowid > ? AND rowid <= ?` (the range bounds), every value a non-negative integer.
 */
export function scanIntTuples(
  db: Db,
  sql: string,
  width: number,
  from: number,
  to: number,
  onTuple: (t: number[]) => void,
  step = 200_000,
  extraParams: readonly unknown[] = [],
): void {
  const stmt = db.sqlite.prepare(sql).pluck();
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
