import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { batchInserter, flatSql, readFlat } from '../../src/main/db/bulk';
import { tempDb } from '../helpers/db';

let db: ReturnType<typeof tempDb>;
beforeEach(() => {
  db = tempDb();
  db.sqlite.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, a INTEGER, b TEXT)');
});
afterEach(() => db.cleanup());

const rows = () => db.sqlite.prepare('SELECT k, a, b FROM t ORDER BY k').raw().all();

describe('batchInserter', () => {
  it('writes every row, whole batches and the tail, in order, values as given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer(), fc.option(fc.string(), { nil: null })), { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        (values, perStatement) => {
          db.sqlite.exec('DELETE FROM t');
          db.sqlite.transaction(() => {
            const w = batchInserter(db.sqlite, 't', ['k', 'a', 'b'], perStatement);
            values.forEach(([a, b], k) => w.add(k, a, b));
            w.finish();
          })();
          expect(rows()).toEqual(values.map(([a, b], k) => [k, a, b]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a row of the wrong width, and an error rolls the whole load back', () => {
    const w = batchInserter(db.sqlite, 't', ['k', 'a', 'b'], 2);
    expect(() => w.add(1, 2)).toThrow(/2 values for 3 columns/);
    expect(() =>
      db.sqlite.transaction(() => {
        const v = batchInserter(db.sqlite, 't', ['k', 'a', 'b'], 2);
        v.add(1, 1, 'x');
        v.add(2, 2, 'y'); // first statement runs here
        v.add(2, 3, 'z'); // duplicate key, in the tail
        v.finish();
      })(),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(rows()).toEqual([]);
  });
});

describe('readFlat', () => {
  it('returns the rows flat, in the asked order, text JSON-quoted; nothing is []', () => {
    db.sqlite.exec(`INSERT INTO t VALUES (1, 10, 'a"b'), (2, -5, NULL), (3, 0, 'ç')`);
    expect(
      readFlat(db.sqlite, ['k', 'a', "json_quote(coalesce(b, ''))"], 'FROM t', [], 'k DESC'),
    ).toEqual([3, 0, 'ç', 2, -5, '', 1, 10, 'a"b']);
    expect(readFlat(db.sqlite, ['k'], 'FROM t WHERE k > ?', [9])).toEqual([]);
  });

  it('builds one aggregate statement', () => {
    expect(flatSql(['x', 'y'], 'FROM t', 'x')).toBe(
      "SELECT '[' || coalesce(group_concat((x) || ',' || (y), ',' ORDER BY x), '') || ']' FROM t",
    );
  });
});
