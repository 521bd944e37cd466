import type { Db } from '../db/client';
import { AppError } from '../../shared/ipc/result';
import { previousPeriod } from '../../shared/period';
import { DEFAULT_PLAN } from '../../shared/plan';
import { countPlanVersions, insertPlanVersion } from '../db/repositories/plans.repo';

/**
 * Deterministic demo company: same (members, months, seed, endPeriod) ⇒ same rows.
 * Sponsor trees grow by preferential attachment to recent, productive distributors, which gives
 * the realistic shape of a network: a few deep, wide legs and many small ones.
 */
export interface DemoOptions {
  members: number;
  months: number;
  seed: number;
  /** Last month with orders, `YYYY-MM`. */
  endPeriod: string;
  onProgress?: (done: number, total: number) => void;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Rudi',
  'Sri',
  'Joko',
  'Ani',
  'Bambang',
  'Wati',
  'Hendra',
  'Rina',
  'Eko',
  'Yuni',
  'Ahmad',
  'Nur',
  'Dedi',
  'Lestari',
  'Andi',
  'Fitri',
  'Iwan',
  'Ratna',
  'Yusuf',
  'Indah',
  'Hadi',
  'Putri',
  'Rizki',
  'Maya',
  'Fajar',
  'Ayu',
  'Dimas',
  'Nadia',
  'Teguh',
  'Kartika',
  'Wahyu',
  'Mega',
  'Arief',
  'Sari',
  'Bayu',
  'Intan',
  'Made',
  'Ketut',
  'Nyoman',
  'Wayan',
  'Ucok',
  'Butet',
];
const LAST = [
  'Santoso',
  'Wijaya',
  'Saputra',
  'Hidayat',
  'Kusuma',
  'Pratama',
  'Setiawan',
  'Nugroho',
  'Susanto',
  'Halim',
  'Gunawan',
  'Siregar',
  'Nasution',
  'Harahap',
  'Simanjuntak',
  'Lubis',
  'Wibowo',
  'Purnomo',
  'Rahman',
  'Hakim',
  'Permana',
  'Suryadi',
  'Tanjung',
  'Daulay',
  'Sembiring',
  'Ginting',
  'Manurung',
  'Putra',
  'Utami',
  'Anggraini',
  'Wulandari',
  'Handayani',
  'Rahayu',
  'Kurniawan',
  'Firmansyah',
];
export const DEMO_CITIES = [
  'Jakarta',
  'Surabaya',
  'Bandung',
  'Medan',
  'Semarang',
  'Makassar',
  'Palembang',
  'Denpasar',
  'Yogyakarta',
  'Malang',
  'Pekanbaru',
  'Balikpapan',
  'Manado',
  'Padang',
  'Pontianak',
  'Banjarmasin',
];
const BANKS = ['BCA', 'BRI', 'BNI', 'Mandiri', 'BSI', 'CIMB Niaga'];

export const DEMO_PRODUCTS: {
  sku: string;
  name: string;
  memberPrice: number;
  retailPrice: number;
  pv: number;
  bv: number;
}[] = [
  {
    sku: 'HRB-001',
    name: 'Teh Herbal Jahe Merah',
    memberPrice: 85_000,
    retailPrice: 110_000,
    pv: 20,
    bv: 60_000,
  },
  {
    sku: 'HRB-002',
    name: 'Kapsul Temulawak',
    memberPrice: 150_000,
    retailPrice: 195_000,
    pv: 35,
    bv: 105_000,
  },
  {
    sku: 'HRB-003',
    name: 'Madu Hutan Sumbawa 500 g',
    memberPrice: 120_000,
    retailPrice: 155_000,
    pv: 28,
    bv: 84_000,
  },
  {
    sku: 'HRB-004',
    name: 'Minyak Kayu Putih Premium',
    memberPrice: 45_000,
    retailPrice: 60_000,
    pv: 10,
    bv: 30_000,
  },
  {
    sku: 'NUT-001',
    name: 'Susu Kedelai Bubuk',
    memberPrice: 95_000,
    retailPrice: 125_000,
    pv: 22,
    bv: 66_000,
  },
  {
    sku: 'NUT-002',
    name: 'Sereal Beras Merah',
    memberPrice: 75_000,
    retailPrice: 98_000,
    pv: 17,
    bv: 51_000,
  },
  {
    sku: 'NUT-003',
    name: 'Protein Shake Cokelat',
    memberPrice: 320_000,
    retailPrice: 415_000,
    pv: 75,
    bv: 225_000,
  },
  {
    sku: 'BTY-001',
    name: 'Serum Wajah Bengkoang',
    memberPrice: 180_000,
    retailPrice: 240_000,
    pv: 40,
    bv: 120_000,
  },
  {
    sku: 'BTY-002',
    name: 'Sabun Kopi Arabika',
    memberPrice: 35_000,
    retailPrice: 48_000,
    pv: 8,
    bv: 24_000,
  },
  {
    sku: 'BTY-003',
    name: 'Lulur Tradisional Jawa',
    memberPrice: 65_000,
    retailPrice: 88_000,
    pv: 15,
    bv: 45_000,
  },
  {
    sku: 'HOM-001',
    name: 'Sabun Cuci Piring Ramah Lingkungan',
    memberPrice: 28_000,
    retailPrice: 36_000,
    pv: 6,
    bv: 18_000,
  },
  {
    sku: 'HOM-002',
    name: 'Pembersih Lantai Sereh',
    memberPrice: 42_000,
    retailPrice: 55_000,
    pv: 9,
    bv: 27_000,
  },
  {
    sku: 'KIT-001',
    name: 'Paket Pendaftaran (Starter Kit)',
    memberPrice: 150_000,
    retailPrice: 150_000,
    pv: 0,
    bv: 0,
  },
];

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function daysInMonth(period: string): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function generateDemo(db: Db, opts: DemoOptions): { members: number; orders: number } {
  const existing = db.sqlite.prepare('SELECT count(*) FROM members').pluck().get() as number;
  if (existing > 0) throw new AppError('CONFLICT', 'demo data needs an empty database');
  const rnd = mulberry32(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const n = opts.members;
  const periods: string[] = [];
  let p = opts.endPeriod;
  for (let i = 0; i < opts.months; i++) {
    periods.unshift(p);
    p = previousPeriod(p);
  }
  // Members join over the 6 months before the first order month and during the order months.
  const joinPeriods: string[] = [];
  let jp = p;
  for (let i = 0; i < 6; i++) {
    joinPeriods.unshift(jp);
    jp = previousPeriod(jp);
  }
  joinPeriods.push(...periods);
  let total = 0;
  const bump = () => {
    total++;
    if (opts.onProgress && total % 10_000 === 0) opts.onProgress(total, n);
  };

  const load = db.sqlite.transaction(() => {
    // The demo company can close at once: the example plan becomes version 1 (docs/close.md).
    if (countPlanVersions(db) === 0) insertPlanVersion(db, DEFAULT_PLAN, { createdBy: 'demo' });
    const insProduct = db.sqlite.prepare(
      'INSERT INTO products (sku, name, member_price, retail_price, pv, bv) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const productIds = DEMO_PRODUCTS.map(
      (pr) =>
        insProduct.run(pr.sku, pr.name, pr.memberPrice, pr.retailPrice, pr.pv, pr.bv)
          .lastInsertRowid as number,
    );
    const insMember = db.sqlite.prepare(
      `INSERT INTO members (id, code, name, kind, sponsor_id, placement_id, leg, status, join_date,
         phone, email, nik, npwp, bank_name, bank_account, bank_holder)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const kind = new Uint8Array(n + 1); // 1 distributor, 2 customer (index = member id)
    const left = new Int32Array(n + 1);
    const right = new Int32Array(n + 1);
    const joinIdx = new Int32Array(n + 1);
    const distributors: number[] = [];
    const sponsorOf = new Int32Array(n + 1);
    for (let id = 1; id <= n; id++) {
      const isCustomer = id > 5 && rnd() < 0.3;
      kind[id] = isCustomer ? 2 : 1;
      // Join month grows with id so sponsors always joined earlier.
      const ji = Math.min(joinPeriods.length - 1, Math.floor((id / (n + 1)) * joinPeriods.length));
      joinIdx[id] = ji;
      const jPeriod = joinPeriods[ji]!;
      const day = 1 + Math.floor(rnd() * daysInMonth(jPeriod));
      let sponsor = 0;
      if (id > 1) {
        // Preferential attachment: mostly recent distributors, sometimes an old leader.
        const d = distributors.length;
        const r = rnd();
        const idx =
          r < 0.6 ? d - 1 - Math.floor(rnd() * Math.min(d, 50)) : Math.floor(rnd() * rnd() * d);
        sponsor = distributors[Math.max(0, idx)]!;
        // A few customers are referred by other customers.
        if (isCustomer && id > 20 && rnd() < 0.15) {
          const c = id - 1 - Math.floor(rnd() * Math.min(id - 2, 30));
          if (kind[c] === 2) sponsor = c;
        }
      }
      sponsorOf[id] = sponsor;
      let placement = 0;
      let leg: 'L' | 'R' | null = null;
      if (!isCustomer && sponsor !== 0) {
        // Spillover: descend from the sponsor along random legs to the first free slot.
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
      const first = pick(FIRST);
      const last = pick(LAST);
      const status = rnd() < 0.02 ? 'suspended' : rnd() < 0.01 ? 'terminated' : 'active';
      const hasBank = !isCustomer && rnd() < 0.93;
      const hasNik = rnd() < 0.85;
      insMember.run(
        id,
        `${isCustomer ? 'C' : 'D'}${pad(id, 7)}`,
        `${first} ${last}`,
        isCustomer ? 'customer' : 'distributor',
        sponsor || null,
        placement || null,
        leg,
        status,
        `${jPeriod}-${pad(day, 2)}`,
        `08${pad(Math.floor(rnd() * 1e10), 10)}`,
        rnd() < 0.6 ? `${first}.${last}${id}@mail.example`.toLowerCase() : null,
        hasNik
          ? `${pad(31 + Math.floor(rnd() * 60), 2)}${pad(Math.floor(rnd() * 1e14), 14)}`
          : null,
        hasNik && rnd() < 0.3 ? pad(Math.floor(rnd() * 1e15), 15) : null,
        hasBank ? pick(BANKS) : null,
        hasBank ? pad(Math.floor(rnd() * 1e10), 10) : null,
        hasBank ? `${first} ${last}`.toUpperCase() : null,
      );
      if (!isCustomer) distributors.push(id);
      bump();
    }

    const insOrder = db.sqlite.prepare(
      'INSERT INTO orders (id, order_no, member_id, order_date) VALUES (?, ?, ?, ?)',
    );
    const insLine = db.sqlite.prepare(
      `INSERT INTO order_lines (order_id, member_id, period, product_id, qty, unit_price, member_price, pv, bv)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let orderId = 0;
    const sellable = DEMO_PRODUCTS.length - 1; // starter kit only at registration
    periods.forEach((period) => {
      const pi = joinPeriods.indexOf(period);
      const dim = daysInMonth(period);
      for (let id = 1; id <= n; id++) {
        if (joinIdx[id]! > pi) break; // ids are in join order
        const isCustomer = kind[id] === 2;
        const orders = isCustomer
          ? rnd() < 0.45
            ? 1
            : 0
          : rnd() < 0.7
            ? 1 + Math.floor(rnd() * 2)
            : 0;
        for (let o = 0; o < orders; o++) {
          orderId++;
          const date = `${period}-${pad(1 + Math.floor(rnd() * dim), 2)}`;
          insOrder.run(orderId, `SO-${period.replace('-', '')}-${pad(orderId, 7)}`, id, date);
          const nLines = 1 + Math.floor(rnd() * 3);
          const used = new Set<number>();
          if (!isCustomer && joinIdx[id] === pi && o === 0) used.add(sellable); // starter kit
          while (used.size < nLines + (used.has(sellable) ? 1 : 0))
            used.add(Math.floor(rnd() * sellable));
          for (const pIdx of used) {
            const pr = DEMO_PRODUCTS[pIdx]!;
            const qty = 1 + Math.floor(rnd() * rnd() * 4);
            insLine.run(
              orderId,
              id,
              period,
              productIds[pIdx],
              qty,
              isCustomer ? pr.retailPrice : pr.memberPrice,
              pr.memberPrice,
              pr.pv,
              pr.bv,
            );
          }
        }
      }
    });
    opts.onProgress?.(n, n);
    return { members: n, orders: orderId };
  });
  // IMMEDIATE: waits for another writer (busy timeout) instead of failing at its first write.
  return load.immediate();
}

/** The last full month before `today` (YYYY-MM-DD): where demo orders end by default. */
export function defaultDemoEndPeriod(today: string): string {
  return previousPeriod(today.slice(0, 7));
}
