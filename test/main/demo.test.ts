import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/main/services/demo';
import { tempDb } from '../helpers/db';

const dbs: ReturnType<typeof tempDb>[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.cleanup()));

function demoDb(seed: number) {
  const db = tempDb();
  dbs.push(db);
  generateDemo(db, { members: 1500, months: 3, seed, endPeriod: '2026-10' });
  return db;
}
const dump = (db: ReturnType<typeof tempDb>) =>
  JSON.stringify([
    db.sqlite
      .prepare(
        'SELECT code, name, kind, sponsor_id, placement_id, leg, join_date, nik FROM members ORDER BY id',
      )
      .all(),
    db.sqlite.prepare('SELECT order_no, member_id, order_date FROM orders ORDER BY id').all(),
    db.sqlite
      .prepare('SELECT order_id, product_id, qty, unit_price FROM order_lines ORDER BY id')
      .all(),
  ]);

describe('demo data', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(dump(demoDb(3))).toBe(dump(demoDb(3)));
    expect(dump(demoDb(3))).not.toBe(dump(demoDb(4)));
  });

  it('looks like a real network: deep sponsor tree, customers, binary placements, 3 months of orders', () => {
    const db = demoDb(1);
    const depth = db.sqlite
      .prepare(
        `WITH RECURSIVE t(id, d) AS (SELECT id, 0 FROM members WHERE sponsor_id IS NULL
           UNION ALL SELECT m.id, t.d + 1 FROM members m JOIN t ON m.sponsor_id = t.id)
         SELECT max(d) FROM t`,
      )
      .pluck()
      .get() as number;
    expect(depth).toBeGreaterThan(5);
    const kinds = db.sqlite.prepare('SELECT kind, count(*) n FROM members GROUP BY kind').all() as {
      kind: string;
      n: number;
    }[];
    const customers = kinds.find((k) => k.kind === 'customer')!.n;
    expect(customers / 1500).toBeGreaterThan(0.2);
    // every distributor but the root is placed in the binary tree
    expect(
      db.sqlite
        .prepare(
          `SELECT count(*) FROM members WHERE kind = 'distributor' AND sponsor_id IS NOT NULL AND placement_id IS NULL`,
        )
        .pluck()
        .get(),
    ).toBe(0);
    const periods = db.sqlite
      .prepare('SELECT DISTINCT period FROM orders ORDER BY 1')
      .pluck()
      .all();
    expect(periods).toEqual(['2026-08', '2026-09', '2026-10']);
    // customers pay retail, distributors member price
    expect(
      db.sqlite
        .prepare(
          `SELECT count(*) FROM order_lines l JOIN members m ON m.id = l.member_id JOIN products p ON p.id = l.product_id
                  WHERE l.unit_price <> CASE m.kind WHEN 'customer' THEN p.retail_price ELSE p.member_price END`,
        )
        .pluck()
        .get(),
    ).toBe(0);
  });
});
