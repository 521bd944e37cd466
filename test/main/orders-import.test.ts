import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/client';
import { eachTestDb, type TempDb } from '../helpers/db';
import { addMembers, cli, closePeriod, fails, ok, writeFile, seedExample } from './orders.fixture';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Progress } from '../../src/main/ipc/context';

let db: TempDb;
eachTestDb((d) => {
  db = d;
  seedExample(db);
});

const count = (t: string) => db.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;

describe('orders import', () => {
  it('rows with the same order_no form one order; default prices by buyer kind', async () => {
    const path = writeFile(
      db.dir,
      'orders.csv',
      `order_no,member,date,sku,qty,unit_price
SO-1,D2,2026-10-01,A,2,
SO-1,D2,2026-10-01,B,1,45000
SO-2,C1,2026-10-02,A,1,
`,
    );
    const r = await ok(db, 'orders:import', { path });
    expect(r).toEqual({
      file: 'orders.csv',
      dryRun: false,
      rows: 3,
      created: 2,
      updated: 0,
      lines: 3,
    });
    const o1 = await ok(db, 'orders:get', { orderNo: 'SO-1' });
    expect(o1.lines.map((l) => [l.sku, l.qty, l.unitPrice])).toEqual([
      ['A', 2, 100_000],
      ['B', 1, 45_000],
    ]);
    const o2 = await ok(db, 'orders:get', { orderNo: 'SO-2' });
    expect(o2.lines[0]!.unitPrice).toBe(130_000); // customer → retail price
    const audit = db.sqlite.prepare(`SELECT action, after_json FROM audit_log`).all() as {
      action: string;
      after_json: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(['order.import']);
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({
      file: 'orders.csv',
      orders: 2,
      lines: 3,
    });
  });

  it('every problem is reported as FILE:LINE: column: message; nothing is written', async () => {
    await ok(db, 'orders:create', {
      orderNo: 'OLD-1',
      member: 'D1',
      date: '2026-10-01',
      lines: [{ sku: 'A', qty: 1 }],
    });
    closePeriod(db, '2026-09');
    const path = writeFile(
      db.dir,
      'orders.csv',
      `order_no,member,date,sku,qty
SO-1,D2,2026-10-01,A,2
SO-1,D3,2026-10-02,B,1
SO-1,D2,2026-10-01,A,1
SO-2,NOPE,2026-10-01,A,1
SO-3,D2,2026-09-30,A,1
SO-4,D2,2026-13-01,ZZ,0
OLD-1,D1,2026-10-01,A,1
,D1,2026-10-01,A,x
`,
    );
    const e = await fails(db, 'orders:import', { path });
    expect(e.code).toBe('VALIDATION');
    expect(e.message.split('\n')).toEqual([
      'orders.csv:3: member: order SO-1 has member D2 on line 2, not D3',
      'orders.csv:3: date: order SO-1 is dated 2026-10-01 on line 2, not 2026-10-02',
      'orders.csv:4: sku: duplicate line: A is already in order SO-1 on line 2',
      'orders.csv:5: member: unknown member NOPE',
      'orders.csv:6: date: period 2026-09 is closed',
      'orders.csv:7: date: "2026-13-01" is not a date YYYY-MM-DD',
      'orders.csv:7: sku: unknown product ZZ',
      'orders.csv:7: qty: must be ≥ 1',
      'orders.csv:8: order_no: order OLD-1 already exists',
      'orders.csv:9: order_no: required',
      'orders.csv:9: qty: "x" is not a whole number',
    ]);
    expect(e.details).toMatchObject({
      errors: expect.arrayContaining([
        { file: 'orders.csv', line: 5, column: 'member', message: 'unknown member NOPE' },
      ]),
    });
    expect(count('orders')).toBe(1);
    expect(count('order_lines')).toBe(1);
  });

  it('header problems: missing and unknown columns', async () => {
    const path = writeFile(db.dir, 'o.csv', 'order_no,member,date,qty,colour\n');
    expect((await fails(db, 'orders:import', { path })).message.split('\n')).toEqual([
      'o.csv:1: sku: required column missing',
      'o.csv:1: colour: unknown column (expected: order_no, member, date, sku, qty, unit_price)',
    ]);
  });

  it('dry run validates everything (including the database checks) and writes nothing', async () => {
    const path = writeFile(
      db.dir,
      'orders.csv',
      'order_no,member,date,sku,qty\nSO-1,D2,2026-10-01,A,2\nSO-2,D3,2026-10-01,B,1\n',
    );
    const r = await ok(db, 'orders:import', { path, dryRun: true });
    expect(r).toMatchObject({ dryRun: true, created: 2, lines: 2 });
    expect(count('orders')).toBe(0);
    expect(count('audit_log')).toBe(0);
  });

  it('CLI: import orders FILE [--dry-run]; refused → exit 2, errors on stderr', async () => {
    const dbPath = `${db.dir}/cli.db`;
    const products = writeFile(
      db.dir,
      'products.csv',
      'sku,name,member_price,retail_price,pv,bv\nA,Produk A,100000,130000,20,60000\n',
    );
    expect((await cli(['--db', dbPath, 'import', 'products', products])).code).toBe(0);
    // Members straight into the file (a second connection; the CLI opens its own).
    const other = openDb(dbPath);
    addMembers(other, [{ code: 'D1' }]);
    other.sqlite.close();
    const orders = writeFile(
      db.dir,
      'orders.csv',
      'order_no,member,date,sku,qty\nS1,D1,2026-10-01,A,3\n',
    );
    const dry = await cli(['--db', dbPath, 'import', 'orders', orders, '--dry-run']);
    expect(dry.out).toBe(
      'dry run: orders.csv is valid: 1 orders created, 1 lines (1 rows); nothing written\n',
    );
    const real = await cli(['--db', dbPath, 'import', 'orders', orders]);
    expect(real).toMatchObject({
      code: 0,
      out: 'imported orders.csv: 1 orders created, 1 lines (1 rows)\n',
    });
    const again = await cli(['--db', dbPath, 'import', 'orders', orders]);
    expect(again).toMatchObject({
      code: 2,
      err: 'jenjang: orders.csv:2: order_no: order S1 already exists\n',
    });
    const missing = await cli(['--db', dbPath, 'import', 'orders', `${db.dir}/nope.csv`]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.csv: cannot read file/);
  });

  it('100k order lines: one transaction, prepared statements, progress reported', async () => {
    // 400 distributors under D1; 25.000 orders × 4 lines.
    addMembers(
      db,
      Array.from({ length: 400 }, (_, i) => ({ code: `M${i}`, sponsor: 'D1' })),
    );
    const skus = ['A', 'B'];
    for (let i = 0; i < 30; i++) {
      db.sqlite
        .prepare(
          'INSERT INTO products (sku, name, member_price, retail_price, pv, bv) VALUES (?, ?, 1000, 1300, 1, 300)',
        )
        .run(`P${i}`, `Produk ${i}`);
      skus.push(`P${i}`);
    }
    const rows = ['order_no,member,date,sku,qty'];
    for (let o = 0; o < 25_000; o++) {
      const member = `M${o % 400}`;
      const date = `2026-10-${String(1 + (o % 28)).padStart(2, '0')}`;
      for (let k = 0; k < 4; k++)
        rows.push(`BULK-${o},${member},${date},${skus[(o + k * 7) % skus.length]},${1 + k}`);
    }
    const path = writeFile(db.dir, 'big.csv', `${rows.join('\n')}\n`);
    const progress: Progress[] = [];
    const t0 = performance.now();
    const r = await dispatch(
      'orders:import',
      { path },
      { db, user: { username: 'bulk', role: 'staff' }, onProgress: (p) => progress.push(p) },
    );
    const ms = performance.now() - t0;
    expect(r.ok ? r.data : r.error).toMatchObject({ created: 25_000, lines: 100_000 });
    expect(count('order_lines')).toBe(100_000);
    expect(progress.some((p) => p.stage === 'validate')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ stage: 'write', done: 100_000, total: 100_000 });
    // Informational only (no timing assert): the aim is a few seconds on a 2-core machine.
    console.info(`orders import: 100k lines in ${Math.round(ms)} ms`);
  });
});
