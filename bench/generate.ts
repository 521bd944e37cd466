import type { Db } from '../src/main/db/client';
import { withIndexesDeferred } from '../src/main/db/bulk';
import { loadMembersInBulk } from '../src/main/db/repositories/members.repo';
import { insertPlanVersion } from '../src/main/db/repositories/plans.repo';
import { mulberry32 } from '../src/main/services/demo';
import { DEFAULT_PLAN } from '../src/shared/plan';

/**
 * Fast deterministic data for the benchmark: `members` members (70 % distributors), a sponsor
 * tree grown by attachment to recent distributors (deep, uneven legs like a real network),
 * binary spillover placement, and ~5 one-line orders per distributor in `period`.
 * Writes straight through prepared statements in one transaction per table, building each
 * table's indexes once afterwards (db/bulk.ts), as a large import does.
 */
export interface BenchData {
  members: number;
  distributors: number;
  orders: number;
}

export const BENCH_PERIOD = '2026-10';

const PRODUCTS = [
  [85_000, 110_000, 20, 60_000],
  [150_000, 195_000, 35, 105_000],
  [45_000, 60_000, 10, 30_000],
  [320_000, 415_000, 75, 225_000],
  [35_000, 48_000, 8, 24_000],
] as const;

export function generateBenchData(db: Db, members: number, seed = 42): BenchData {
  const rnd = mulberry32(seed);
  const s = db.sqlite;
  insertPlanVersion(db, DEFAULT_PLAN, { createdBy: 'bench' });
  s.transaction(() => {
    const p = s.prepare(
      'INSERT INTO products (id, sku, name, member_price, retail_price, pv, bv) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    PRODUCTS.forEach((x, i) => p.run(i + 1, `SKU-${i + 1}`, `Produk ${i + 1}`, ...x));
  })();

  const isDist = new Uint8Array(members + 1);
  const left = new Int32Array(members + 1);
  const right = new Int32Array(members + 1);
  const distributors: number[] = [];
  s.transaction(() => {
    loadMembersInBulk(db, () => insertMembers());
  })();
  function insertMembers(): void {
    const ins = s.prepare(
      `INSERT INTO members (id, code, name, kind, sponsor_id, placement_id, leg, join_date, bank_account, nik)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let id = 1; id <= members; id++) {
      const dist = id === 1 || rnd() < 0.7;
      let sponsor: number | null = null;
      if (id > 1) {
        const d = distributors.length;
        const idx =
          rnd() < 0.7 ? d - 1 - Math.floor(rnd() * Math.min(d, 200)) : Math.floor(rnd() * d);
        sponsor = distributors[Math.max(0, idx)]!;
      }
      let placement: number | null = null;
      let leg: 'L' | 'R' | null = null;
      if (dist && sponsor !== null) {
        let at = sponsor;
        for (;;) {
          if (left[at] === 0) {
            left[at] = id;
            leg = 'L';
            break;
          }
          if (right[at] === 0) {
            right[at] = id;
            leg = 'R';
            break;
          }
          at = rnd() < 0.5 ? left[at]! : right[at]!;
        }
        placement = at;
      }
      const day = String(1 + (id % 28)).padStart(2, '0');
      ins.run(
        id,
        `M${String(id).padStart(8, '0')}`,
        `Anggota ${(id * 7919) % 1_000_003}`,
        dist ? 'distributor' : 'customer',
        sponsor,
        placement,
        leg,
        id <= members * 0.95 ? `2026-0${1 + (id % 9)}-${day}` : `2026-10-${day}`,
        rnd() < 0.95 ? String(1_000_000_000 + id) : null,
        rnd() < 0.9 ? String(3_170_000_000_000_000 + id) : null,
      );
      if (dist) {
        isDist[id] = 1;
        distributors.push(id);
      }
    }
  }

  let orders = 0;
  s.transaction(() =>
    withIndexesDeferred(s, 'orders', [], () =>
      withIndexesDeferred(s, 'order_lines', [], () => insertOrders()),
    ),
  )();
  function insertOrders(): void {
    const o = s.prepare(
      'INSERT INTO orders (id, order_no, member_id, order_date) VALUES (?, ?, ?, ?)',
    );
    const l = s.prepare(
      `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let id = 1; id <= members; id++) {
      // ~5 orders per distributor (0–10), customers ~1 in 2.
      const n = isDist[id] ? Math.floor(rnd() * 11) : rnd() < 0.5 ? 1 : 0;
      for (let k = 0; k < n; k++) {
        orders++;
        o.run(
          orders,
          `B${orders}`,
          id,
          `${BENCH_PERIOD}-${String(1 + (orders % 28)).padStart(2, '0')}`,
        );
        const pi = Math.floor(rnd() * PRODUCTS.length);
        const [mp, rp, pv, bv] = PRODUCTS[pi]!;
        l.run(
          orders,
          id,
          BENCH_PERIOD,
          pi + 1,
          1 + Math.floor(rnd() * 2),
          isDist[id] ? mp : rp,
          mp,
          pv,
          bv,
        );
      }
    }
  }
  return { members, distributors: distributors.length, orders };
}

/** A members.csv (interfaces.md) of `n` rows for the import benchmark, in sponsor order. */
export function membersCsv(n: number): string {
  const out = ['code,name,kind,sponsor,placement,leg,join_date,phone,bank_account'];
  for (let i = 1; i <= n; i++) {
    const sponsor = i === 1 ? '' : `I${Math.max(1, Math.floor(i / 3))}`;
    const placement = i === 1 ? '' : `I${Math.floor(i / 2)}`;
    const leg = i === 1 ? '' : i % 2 === 0 ? 'L' : 'R';
    out.push(
      `I${i},Anggota Impor ${i},distributor,${sponsor},${placement},${leg},2026-01-15,0812${String(i).padStart(8, '0')},${1_000_000 + i}`,
    );
  }
  return `${out.join('\n')}\n`;
}
