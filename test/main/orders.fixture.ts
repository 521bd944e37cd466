import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Db } from '../../src/main/db/client';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Channel, Contract } from '../../src/shared/ipc/contract';
import type { InputOf, OutputOf } from '../../src/shared/ipc/channel';
import type { IpcErrorValue } from '../../src/shared/ipc/result';
import { ctxFor } from '../helpers/db';

/** Shared fixtures of the products/orders/returns/snapshot tests. */

export interface MemberSpec {
  code: string;
  kind?: 'distributor' | 'customer';
  sponsor?: string | null;
  status?: 'active' | 'suspended' | 'terminated';
  join?: string;
  placement?: string;
  leg?: 'L' | 'R';
  bank?: string;
  nik?: string;
}

/** Insert members directly (parents before children). Returns code → id. */
export function addMembers(db: Db, specs: MemberSpec[]): Map<string, number> {
  const ids = new Map<string, number>(
    (db.sqlite.prepare('SELECT code, id FROM members').all() as { code: string; id: number }[]).map(
      (r) => [r.code, r.id],
    ),
  );
  const ins = db.sqlite.prepare(
    `INSERT INTO members (code, name, kind, sponsor_id, placement_id, leg, status, join_date, bank_account, nik)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const s of specs) {
    const r = ins.run(
      s.code,
      `Nama ${s.code}`,
      s.kind ?? 'distributor',
      s.sponsor ? ids.get(s.sponsor)! : null,
      s.placement ? ids.get(s.placement)! : null,
      s.leg ?? null,
      s.status ?? 'active',
      s.join ?? '2026-01-01',
      s.bank ?? null,
      s.nik ?? null,
    );
    ids.set(s.code, Number(r.lastInsertRowid));
  }
  return ids;
}

export const PRODUCT_A = {
  sku: 'A',
  name: 'Produk A',
  memberPrice: 100_000,
  retailPrice: 130_000,
  pv: 20,
  bv: 60_000,
};
export const PRODUCT_B = {
  sku: 'B',
  name: 'Produk B',
  memberPrice: 50_000,
  retailPrice: 70_000,
  pv: 10,
  bv: 30_000,
};

export function addProducts(db: Db, products = [PRODUCT_A, PRODUCT_B]): void {
  const ins = db.sqlite.prepare(
    'INSERT INTO products (sku, name, member_price, retail_price, pv, bv) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const p of products) ins.run(p.sku, p.name, p.memberPrice, p.retailPrice, p.pv, p.bv);
}

/** Simulate a committed close of `period` (a periods row with status 'closed'). */
export function closePeriod(db: Db, period: string): void {
  db.sqlite
    .prepare(
      `INSERT INTO periods (period, status, closed_at, closed_by) VALUES (?, 'closed', '2026-12-01T00:00:00Z', 'test')
       ON CONFLICT (period) DO UPDATE SET status = 'closed'`,
    )
    .run(period);
}

/** Call a channel as admin (or the given role) and return its data; fails the test on error. */
export async function ok<C extends Channel>(
  db: Db,
  channel: C,
  input: InputOf<Contract[C]>,
): Promise<OutputOf<Contract[C]>> {
  const r = await dispatch(channel, input, ctxFor(db));
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/** Call a channel that must fail; returns the error value. */
export async function fails<C extends Channel>(
  db: Db,
  channel: C,
  input: InputOf<Contract[C]>,
): Promise<IpcErrorValue> {
  const r = await dispatch(channel, input, ctxFor(db));
  expect(r.ok, `${channel} should fail`).toBe(false);
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/**
 * The worked example of snapshot.test.ts and orders tests (period 2026-10):
 *
 *   D1 (root) ── D2 ── D3 ── C4
 *    │           ├── C1 ── C2 ── C3      (customers sponsored by customers roll up to D2)
 *    └── D4 (suspended)
 */
export const EXAMPLE_MEMBERS: MemberSpec[] = [
  { code: 'D1' },
  { code: 'D2', sponsor: 'D1' },
  { code: 'D3', sponsor: 'D2' },
  { code: 'D4', sponsor: 'D1', status: 'suspended' },
  { code: 'C1', kind: 'customer', sponsor: 'D2' },
  { code: 'C2', kind: 'customer', sponsor: 'C1' },
  { code: 'C3', kind: 'customer', sponsor: 'C2' },
  { code: 'C4', kind: 'customer', sponsor: 'D3' },
];

/** Products A and B and the example members: what most orders/returns tests start from. */
export function seedExample(db: Db): void {
  addProducts(db);
  addMembers(db, EXAMPLE_MEMBERS);
}

/** An order entered through the app (orders:create as admin). */
export function createOrder(
  db: Db,
  orderNo: string,
  member: string,
  date: string,
  lines: { sku: string; qty: number; unitPrice?: number }[],
): Promise<OutputOf<Contract['orders:create']>> {
  return ok(db, 'orders:create', { orderNo, member, date, lines });
}

/** A return entered through the app (returns:create as admin). */
export function createReturn(
  db: Db,
  returnNo: string,
  orderNo: string,
  date: string,
  lines: { sku: string; qty: number }[],
): Promise<OutputOf<Contract['returns:create']>> {
  return ok(db, 'returns:create', { returnNo, orderNo, date, lines });
}

/**
 * Orders and returns of the worked example, entered through the app (dispatch):
 *   2026-09  O0  D2 1×A                                   (then 2026-09 is closed)
 *   2026-10  O1  D2 3×A @100.000     O2 C1 2×A @130.000   O3 C2 1×B @70.000
 *            O4  C3 2×B @60.000 (explicit price)         O5 C4 1×A @90.000 (below member price)
 *            O6  D3 5×B              O7 D1 1×A            O8 D4 1×B
 *   returns  R1  1×A of O1 on 2026-10-20 (same period: nets out)
 *            R2  1×B of O3 on 2026-11-05 (later month, October still open: nets out of October)
 *            R3  1×A of O0 on 2026-10-10 (September closed: clawback, no netting anywhere)
 */
export async function buildExample(db: Db): Promise<void> {
  if (db.sqlite.prepare('SELECT count(*) FROM products').pluck().get() === 0) addProducts(db);
  if (db.sqlite.prepare('SELECT count(*) FROM members').pluck().get() === 0) {
    addMembers(db, EXAMPLE_MEMBERS);
  }
  await createOrder(db, 'O0', 'D2', '2026-09-15', [{ sku: 'A', qty: 1 }]);
  closePeriod(db, '2026-09');
  await createOrder(db, 'O1', 'D2', '2026-10-05', [{ sku: 'A', qty: 3 }]);
  await createOrder(db, 'O2', 'C1', '2026-10-06', [{ sku: 'A', qty: 2 }]);
  await createOrder(db, 'O3', 'C2', '2026-10-07', [{ sku: 'B', qty: 1 }]);
  await createOrder(db, 'O4', 'C3', '2026-10-08', [{ sku: 'B', qty: 2, unitPrice: 60_000 }]);
  await createOrder(db, 'O5', 'C4', '2026-10-09', [{ sku: 'A', qty: 1, unitPrice: 90_000 }]);
  await createOrder(db, 'O6', 'D3', '2026-10-10', [{ sku: 'B', qty: 5 }]);
  await createOrder(db, 'O7', 'D1', '2026-10-11', [{ sku: 'A', qty: 1 }]);
  await createOrder(db, 'O8', 'D4', '2026-10-12', [{ sku: 'B', qty: 1 }]);
  await createReturn(db, 'R1', 'O1', '2026-10-20', [{ sku: 'A', qty: 1 }]);
  await createReturn(db, 'R2', 'O3', '2026-11-05', [{ sku: 'B', qty: 1 }]);
  await createReturn(db, 'R3', 'O0', '2026-10-10', [{ sku: 'A', qty: 1 }]);
}

export { cli } from '../helpers/cli';
