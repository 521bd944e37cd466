import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { dispatch } from '../../src/main/ipc/dispatch';
import { verifyAudit } from '../../src/main/db/repositories/audit.repo';
import { ctxFor, eachTestDb, type TempDb } from '../helpers/db';
import { addMembers, cli, fails, ok, writeFile } from './orders.fixture';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

const teh = {
  sku: 'HRB-001',
  name: 'Teh Herbal Jahe Merah',
  memberPrice: 85_000,
  retailPrice: 110_000,
  pv: 20,
  bv: 60_000,
};

function audit(): {
  action: string;
  entity_id: string;
  before_json: string | null;
  after_json: string;
}[] {
  return db.sqlite
    .prepare('SELECT action, entity_id, before_json, after_json FROM audit_log ORDER BY id')
    .all() as never;
}

describe('products channels', () => {
  it('create, get, update, list — every write audited', async () => {
    const created = await ok(db, 'products:create', teh);
    expect(created).toEqual({ id: 1, ...teh, active: true });
    expect(await ok(db, 'products:get', { sku: 'HRB-001' })).toEqual(created);
    const updated = await ok(db, 'products:update', {
      ...teh,
      id: created.id,
      memberPrice: 90_000,
      active: false,
    });
    expect(updated).toMatchObject({ memberPrice: 90_000, active: false });
    const a = audit();
    expect(a.map((x) => x.action)).toEqual(['product.create', 'product.update']);
    expect(JSON.parse(a[1]!.before_json!)).toMatchObject({ memberPrice: 85_000, active: true });
    expect(JSON.parse(a[1]!.after_json)).toMatchObject({ memberPrice: 90_000, active: false });
    expect(verifyAudit(db).ok).toBe(true);

    await ok(db, 'products:create', { ...teh, sku: 'NUT-001', name: 'Susu Kedelai Bubuk' });
    const all = await ok(db, 'products:list', {});
    expect(all.total).toBe(2);
    const active = await ok(db, 'products:list', { filter: { active: true } });
    expect(active.rows.map((r) => r.sku)).toEqual(['NUT-001']);
    // Autocomplete: SKU prefix, or the start of any word of the name.
    expect((await ok(db, 'products:list', { search: 'hrb' })).rows.map((r) => r.sku)).toEqual([
      'HRB-001',
    ]);
    expect((await ok(db, 'products:list', { search: 'kedelai' })).rows.map((r) => r.sku)).toEqual([
      'NUT-001',
    ]);
    // LIKE wildcards in the search are literal.
    expect((await ok(db, 'products:list', { search: '%' })).total).toBe(0);
  });

  it('refuses duplicates, bad values and writes by viewers', async () => {
    await ok(db, 'products:create', teh);
    expect(await fails(db, 'products:create', teh)).toMatchObject({ code: 'CONFLICT' });
    const neg = await fails(db, 'products:create', { ...teh, sku: 'X', pv: -1 });
    expect(neg.code).toBe('VALIDATION');
    expect(neg.message).toMatch(/^pv: /);
    expect((await fails(db, 'products:create', { ...teh, sku: 'a b' })).message).toMatch(/^sku: /);
    const r = await dispatch('products:create', { ...teh, sku: 'Y' }, ctxFor(db, 'viewer'));
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    expect((await fails(db, 'products:get', { sku: 'NOPE' })).code).toBe('NOT_FOUND');
  });

  it('a price/PV/BV change never alters past orders (lines keep their snapshot)', async () => {
    const p = await ok(db, 'products:create', teh);
    addMembers(db, [{ code: 'D1' }]);
    await ok(db, 'orders:create', {
      orderNo: 'SO-1',
      member: 'D1',
      date: '2026-10-01',
      lines: [{ sku: 'HRB-001', qty: 2 }],
    });
    await ok(db, 'products:update', { ...teh, id: p.id, memberPrice: 99_000, pv: 50, bv: 1 });
    const o = await ok(db, 'orders:get', { orderNo: 'SO-1' });
    expect(o.lines[0]).toMatchObject({
      unitPrice: 85_000,
      memberPrice: 85_000,
      pv: 20,
      bv: 60_000,
    });
    expect(o.totals).toMatchObject({ amount: 170_000, pv: 40, bv: 120_000 });
    // A new order takes the new values.
    const o2 = await ok(db, 'orders:create', {
      member: 'D1',
      date: '2026-10-02',
      lines: [{ sku: 'HRB-001', qty: 1 }],
    });
    expect(o2.lines[0]).toMatchObject({ unitPrice: 99_000, pv: 50, bv: 1 });
  });
});

describe('products import', () => {
  const CSV = `\ufeffsku,name,member_price,retail_price,pv,bv,active
HRB-001,Teh Herbal Jahe Merah,85000,110000,20,60000,
NUT-001,Susu Kedelai Bubuk,95000,125000,22,66000,0
`;

  it('creates, then upserts by SKU (only changed rows count), audited per product', async () => {
    const path = writeFile(db.dir, 'products.csv', CSV);
    const r = await ok(db, 'products:import', { path });
    expect(r).toEqual({
      file: 'products.csv',
      dryRun: false,
      rows: 2,
      created: 2,
      updated: 0,
      lines: 0,
    });
    expect(await ok(db, 'products:get', { sku: 'NUT-001' })).toMatchObject({
      active: false,
      pv: 22,
    });
    // Column order is free; `active` may be left out (keeps the current flag).
    const path2 = writeFile(
      db.dir,
      'products2.csv',
      `name,sku,pv,bv,member_price,retail_price
Teh Herbal Jahe Merah,HRB-001,20,60000,85000,110000
Susu Kedelai Bubuk,NUT-001,25,66000,95000,125000
Sabun Kopi,BTY-002,8,24000,35000,48000
`,
    );
    const r2 = await ok(db, 'products:import', { path: path2 });
    expect(r2).toMatchObject({ created: 1, updated: 1 });
    expect(await ok(db, 'products:get', { sku: 'NUT-001' })).toMatchObject({
      active: false,
      pv: 25,
    });
    expect(audit().map((a) => a.action)).toEqual([
      'product.create',
      'product.create',
      'product.update',
      'product.create',
    ]);
  });

  it('reports every problem as FILE:LINE: column: message and writes nothing', async () => {
    const path = writeFile(
      db.dir,
      'bad.csv',
      `sku,name,member_price,retail_price,pv,bv,active
HRB-001,Teh,85000,110000,20,60000,yes
HRB-001,Teh lagi,85000,110000,20,60000,
,Tanpa SKU,1,1,1,1,
BAD SKU,Nama,-5,1.5,x,1,maybe
`,
    );
    const e = await fails(db, 'products:import', { path });
    expect(e.code).toBe('VALIDATION');
    expect(e.message.split('\n')).toEqual([
      'bad.csv:3: sku: duplicate SKU HRB-001 (first on line 2)',
      'bad.csv:4: sku: required',
      'bad.csv:5: sku: "BAD SKU" is not a valid SKU (1–32 letters, digits, . _ / -)',
      'bad.csv:5: member_price: must be ≥ 0',
      'bad.csv:5: retail_price: "1.5" is not a whole number',
      'bad.csv:5: pv: "x" is not a whole number',
      'bad.csv:5: active: "maybe" is not 1/0, true/false or yes/no',
    ]);
    expect(db.sqlite.prepare('SELECT count(*) FROM products').pluck().get()).toBe(0);
    const unknown = await fails(db, 'products:import', {
      path: writeFile(db.dir, 'p.csv', 'sku,name,member_price,retail_price,pv,bv,colour\n'),
    });
    expect(unknown.message).toMatch(/^p\.csv:1: colour: unknown column/);
  });

  it('dry run validates and writes nothing; XLSX with the same header is accepted', async () => {
    const path = writeFile(db.dir, 'products.csv', CSV);
    const dry = await ok(db, 'products:import', { path, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, created: 2 });
    expect(db.sqlite.prepare('SELECT count(*) FROM products').pluck().get()).toBe(0);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Produk');
    ws.addRow(['sku', 'name', 'member_price', 'retail_price', 'pv', 'bv']);
    ws.addRow(['HRB-002', 'Kapsul Temulawak', 150000, 195000, 35, 105000]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    // From the renderer: name + base64 bytes.
    const r = await ok(db, 'products:import', {
      fileName: 'produk.xlsx',
      base64: bytes.toString('base64'),
    });
    expect(r).toMatchObject({ file: 'produk.xlsx', created: 1 });
    expect(await ok(db, 'products:get', { sku: 'HRB-002' })).toMatchObject({ bv: 105_000 });
  });

  it('CLI: import products FILE [--dry-run], exit 2 with the errors on stderr', async () => {
    const dbPath = `${db.dir}/cli.db`;
    const good = writeFile(db.dir, 'products.csv', CSV);
    const dry = await cli(['--db', dbPath, 'import', 'products', good, '--dry-run']);
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.out).toMatch(
      /dry run: products\.csv is valid: 2 products created \(2 rows\); nothing written/,
    );
    const real = await cli(['--db', dbPath, 'import', 'products', good]);
    expect(real.out).toBe('imported products.csv: 2 products created (2 rows)\n');
    const bad = writeFile(
      db.dir,
      'bad.csv',
      'sku,name,member_price,retail_price,pv,bv\nX,,1,1,1,1\n',
    );
    const refused = await cli(['--db', dbPath, 'import', 'products', bad]);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe('jenjang: bad.csv:2: name: required\n');
  });
});
