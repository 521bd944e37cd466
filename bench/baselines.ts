import type { Db } from '../src/main/db/client';

/**
 * The two yardsticks the close is measured against, run in the same process on the same file.
 *
 * floor: the physical minimum of a close that reads from the database — one streamed scan of the
 *   members and of the period's order lines into typed arrays, no arithmetic at all.
 * naive: what a straightforward implementation does — per-member queries for PV, a recursive CTE
 *   for GV (every ancestor/descendant pair) and per-member upline queries for 3 unilevel levels.
 */
export function floorScan(db: Db, period: string): { ms: number; checksum: number } {
  const t = performance.now();
  const n = (db.sqlite.prepare('SELECT max(id) FROM members').pluck().get() as number) ?? 0;
  const sponsor = new Int32Array(n + 1);
  const kind = new Uint8Array(n + 1);
  for (const r of db.sqlite
    .prepare("SELECT id, sponsor_id, kind = 'customer' FROM members")
    .raw()
    .iterate() as Iterable<[number, number | null, number]>) {
    sponsor[r[0]] = r[1] ?? -1;
    kind[r[0]] = r[2];
  }
  const pv = new Float64Array(n + 1);
  const bv = new Float64Array(n + 1);
  let checksum = 0;
  for (const r of db.sqlite
    .prepare(
      'SELECT member_id, qty, pv, bv, unit_price, member_price, order_id FROM order_lines NOT INDEXED WHERE period = ?',
    )
    .raw()
    .iterate(period) as Iterable<[number, number, number, number, number, number, number]>) {
    pv[r[0]] = pv[r[0]]! + r[1] * r[2];
    bv[r[0]] = bv[r[0]]! + r[1] * r[3];
    checksum += r[6];
  }
  return { ms: performance.now() - t, checksum };
}

export function naiveClose(
  db: Db,
  period: string,
): { ms: number; gvRoot: number; unilevel: number } {
  const t = performance.now();
  const s = db.sqlite;
  s.exec('DROP TABLE IF EXISTS temp.own');
  s.prepare(
    `CREATE TEMP TABLE own AS SELECT member_id AS id, sum(qty * pv) AS pv, sum(qty * bv) AS bv
     FROM order_lines WHERE period = ? GROUP BY member_id`,
  ).run(period);
  s.exec('CREATE UNIQUE INDEX temp.own_id ON own(id)');
  // GV: every (ancestor, descendant) pair of the sponsor tree, summed per ancestor.
  const gv = s
    .prepare(
      `WITH RECURSIVE anc(a, d) AS (
         SELECT id, id FROM members WHERE kind = 'distributor'
         UNION ALL SELECT m.sponsor_id, anc.d FROM anc JOIN members m ON m.id = anc.a WHERE m.sponsor_id IS NOT NULL)
       SELECT anc.a, coalesce(sum(own.pv), 0) FROM anc LEFT JOIN own ON own.id = anc.d GROUP BY anc.a`,
    )
    .raw()
    .all() as [number, number][];
  // Unilevel: per member, walk the upline one query at a time.
  const ids = s
    .prepare(`SELECT id FROM members WHERE kind = 'distributor'`)
    .pluck()
    .all() as number[];
  const bvQ = s.prepare('SELECT bv FROM own WHERE id = ?').pluck();
  const up = s.prepare('SELECT sponsor_id FROM members WHERE id = ?').pluck();
  const rates = [500, 300, 200];
  let unilevel = 0;
  for (const id of ids) {
    const bv = (bvQ.get(id) as number | undefined) ?? 0;
    if (bv <= 0) continue;
    let a = up.get(id) as number | null;
    for (let level = 0; level < rates.length && a != null; level++) {
      unilevel += Math.floor((bv * rates[level]!) / 10000);
      a = up.get(a) as number | null;
    }
  }
  s.exec('DROP TABLE temp.own');
  const gvRoot = gv.reduce((m, r) => Math.max(m, r[1]), 0);
  return { ms: performance.now() - t, gvRoot, unilevel };
}
