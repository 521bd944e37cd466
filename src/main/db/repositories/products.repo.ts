import { sql } from 'kysely';
import type { Db } from '../client';
import { all, first } from '../client';
import type { ProductRow } from '../../../shared/ipc/products.contract';

/** Product fields as the app sees them (camelCase); the table stores snake_case + 0/1. */
export interface ProductValues {
  sku: string;
  name: string;
  memberPrice: number;
  retailPrice: number;
  pv: number;
  bv: number;
  active: boolean;
}

function productSelect(db: Db) {
  return db.q
    .selectFrom('products')
    .select([
      'id',
      'sku',
      'name',
      'member_price as memberPrice',
      'retail_price as retailPrice',
      'pv',
      'bv',
      'active',
    ]);
}

type RawProduct = Omit<ProductRow, 'active'> & { active: number };
export const toProductDto = (r: RawProduct): ProductRow => ({ ...r, active: r.active === 1 });

export function getProductBySku(db: Db, sku: string): ProductRow | undefined {
  const r = first(db, productSelect(db).where('sku', '=', sku));
  return r ? toProductDto(r) : undefined;
}

export function getProductById(db: Db, id: number): ProductRow | undefined {
  const r = first(db, productSelect(db).where('id', '=', id));
  return r ? toProductDto(r) : undefined;
}

/** Every product (catalogues are small: hundreds, not millions). */
export function allProducts(db: Db): ProductRow[] {
  return all(db, productSelect(db).orderBy('sku')).map(toProductDto);
}

export function insertProduct(db: Db, p: ProductValues): number {
  return Number(
    db.sqlite
      .prepare(
        `INSERT INTO products (sku, name, member_price, retail_price, pv, bv, active)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.sku, p.name, p.memberPrice, p.retailPrice, p.pv, p.bv, p.active ? 1 : 0)
      .lastInsertRowid,
  );
}

/** Catalogue change only: order_lines hold their own price/PV/BV snapshot. */
export function updateProduct(db: Db, id: number, p: ProductValues): void {
  db.sqlite
    .prepare(
      `UPDATE products SET sku = ?, name = ?, member_price = ?, retail_price = ?, pv = ?, bv = ?,
         active = ? WHERE id = ?`,
    )
    .run(p.sku, p.name, p.memberPrice, p.retailPrice, p.pv, p.bv, p.active ? 1 : 0, id);
}

export interface ProductPageQuery {
  offset: number;
  limit: number;
  sort: { colId: string; sort: 'asc' | 'desc' }[];
  search?: string | undefined;
  filter: { active?: boolean | undefined };
}

const SORTABLE = {
  sku: 'sku',
  name: 'name',
  memberPrice: 'member_price',
  retailPrice: 'retail_price',
  pv: 'pv',
  bv: 'bv',
  active: 'active',
} as const;

/** Search matches a SKU prefix or any word start of the name (the order form's autocomplete). */
export function listProducts(db: Db, q: ProductPageQuery): { rows: ProductRow[]; total: number } {
  let base = productSelect(db);
  if (q.filter.active !== undefined) base = base.where('active', '=', q.filter.active ? 1 : 0);
  const s = q.search?.trim();
  if (s) {
    const like = `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where(
      sql<boolean>`(sku LIKE ${like} ESCAPE '\\' OR name LIKE ${like} ESCAPE '\\'
        OR name LIKE ${`% ${like}`} ESCAPE '\\')`,
    );
  }
  const total =
    first(db, db.q.selectFrom(base.as('b')).select(sql<number>`count(*)`.as('n')))?.n ?? 0;
  let page = base;
  for (const o of q.sort) {
    const col = SORTABLE[o.colId as keyof typeof SORTABLE];
    if (col) page = page.orderBy(col, o.sort);
  }
  // Exact SKU match first, then by SKU: typing "HRB-001" in the form picks that product.
  if (s) page = page.orderBy(sql`sku = ${s} COLLATE NOCASE`, 'desc');
  page = page.orderBy('sku', 'asc').limit(q.limit).offset(q.offset);
  return { rows: all(db, page).map(toProductDto), total };
}
