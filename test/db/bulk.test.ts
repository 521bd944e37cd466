import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchRowError, batchInserter, scanIntTuples } from '../../src/main/db/bulk';
import { toAppError } from '../../src/main/db/client';
import { AppError } from '../../src/shared/ipc/result';
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

  it('names the first bad row of a failing statement by its position in the load', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.nat(),
        (n, perStatement, pick) => {
          const bad = 1 + (pick % (n - 1)); // repeats the key of the row before it
          db.sqlite.exec('DELETE FROM t');
          let caught: unknown;
          try {
            db.sqlite.transaction(() => {
              const w = batchInserter(db.sqlite, 't', ['k', 'a', 'b'], perStatement);
              for (let r = 0; r < n; r++) w.add(r === bad ? r - 1 : r, r, null);
              w.finish();
            })();
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(BatchRowError);
          expect((caught as BatchRowError).row).toBe(bad);
          expect((caught as BatchRowError).message).toMatch(/UNIQUE|PRIMARY KEY/);
          expect(rows()).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
  it('a refused row maps to the AppError its trigger names (toAppError unwraps the row error)', () => {
    db.sqlite.exec(`CREATE TRIGGER t_no BEFORE INSERT ON t WHEN NEW.a < 0
      BEGIN SELECT RAISE(ABORT, 'VALIDATION: a must not be negative'); END`);
    let caught: unknown;
    try {
      db.sqlite.transaction(() => {
        const w = batchInserter(db.sqlite, 't', ['k', 'a', 'b'], 4);
        for (let k = 0; k < 6; k++) w.add(k, k === 2 ? -1 : k, null);
        w.finish();
      })();
    } catch (e) {
      caught = e;
    }
    expect((caught as BatchRowError).row).toBe(2);
    const a = toAppError(caught);
    expect(a).toBeInstanceOf(AppError);
    expect(a).toMatchObject({ code: 'VALIDATION', message: 'a must not be negative' });
  });
});

describe('scanIntTuples', () => {
  it('reads every tuple of every key range, the last range cut at `to`; empty ranges skipped', () => {
    db.sqlite.exec(`INSERT INTO t VALUES (1, 10, 'x'), (2, 0, NULL), (7, 123456789, 'y')`);
    const seen: number[][] = [];
    scanIntTuples(
      db.sqlite,
      `SELECT group_concat(k || ',' || a, ',') FROM t WHERE b IS NOT ? AND k > ? AND k <= ?`,
      2,
      0,
      7,
      (t) => seen.push([...t]),
      3, // ranges (0,3], (3,6], (6,7]
      ['z'],
    );
    expect(seen).toEqual([
      [1, 10],
      [2, 0],
      [7, 123456789],
    ]);
  });
});
