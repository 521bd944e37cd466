import type { Db } from '../db/client';
import type { Compliance, ReportsDashboard } from '../../shared/ipc/reports.contract';
import {
  findCommittedRun,
  getCommittedRun,
  runMemberSums,
  type CommittedRun,
} from '../db/repositories/payouts.repo';
import {
  bonusByLevel,
  committedRunStats,
  customerIncome,
  distributorIncomes,
  kitProductIds,
  monthlySales,
  newMembersByMonth,
  noPurchaseEarners,
  rankDistribution,
  referralJoins,
  referralOrders,
  salesByClass,
  topEarners,
} from '../db/repositories/reports.repo';
import {
  buildCsv,
  col,
  filePayload,
  MIME,
  xlsxFile,
  type Cell,
  type ColumnSpec,
  type FilePayload,
  type Lang,
} from './xlsx';

/**
 * Management and compliance reports (issue 8). Every figure is an integer computed from the
 * stored rows (orders, members, committed runs); ratios are basis points, floored.
 */

const ratioBp = (part: number, whole: number): number =>
  whole > 0 ? Math.floor((part * 10_000) / whole) : 0;

// ---------------------------------------------------------------------------------------------
// Dashboard

export function dashboard(db: Db, period?: string): ReportsDashboard {
  const sales = monthlySales(db);
  const joins = newMembersByMonth(db);
  const runs = committedRunStats(db);
  const refOrders = referralOrders(db);
  const refJoins = referralJoins(db);

  const periods = [
    ...new Set([...sales.map((s) => s.period), ...runs.map((r) => r.period)]),
  ].sort();
  // Months shown: every month with orders or a committed run, plus join months in between.
  if (periods.length) {
    const first = periods[0]!;
    const last = periods[periods.length - 1]!;
    for (const j of joins) if (j.period >= first && j.period <= last) periods.push(j.period);
  }
  const months = [...new Set(periods)].sort();

  const cumulative = (rows: { period: string; n: number }[], p: string): number =>
    rows.reduce((s, r) => (r.period <= p ? s + r.n : s), 0);

  const monthRows = months.map((p) => {
    const s = sales.find((x) => x.period === p);
    const j = joins.find((x) => x.period === p);
    const r = runs.find((x) => x.period === p);
    const totals = r
      ? (JSON.parse(r.totalsJson) as { bonuses: number; payoutRatioBp: number })
      : null;
    const ro = refOrders.find((x) => x.period === p);
    const referees = cumulative(refJoins.referees, p);
    const ordering = ro?.orderingReferees ?? 0;
    return {
      period: p,
      orders: s?.orders ?? 0,
      buyers: s?.buyers ?? 0,
      sales: s?.sales ?? 0,
      pv: s?.pv ?? 0,
      bv: s?.bv ?? 0,
      newDistributors: j?.distributors ?? 0,
      newCustomers: j?.customers ?? 0,
      activeMembers: r ? r.activeMembers : null,
      committed: Boolean(r),
      bonuses: totals ? totals.bonuses : null,
      payoutRatioBp: totals ? totals.payoutRatioBp : null,
      referral: {
        referrers: cumulative(refJoins.referrers, p),
        referees,
        orderingReferees: ordering,
        orders: ro?.orders ?? 0,
        sales: ro?.sales ?? 0,
        bv: ro?.bv ?? 0,
        conversionBp: ratioBp(ordering, referees),
      },
    };
  });

  const committed = runs.map((r) => r.period);
  let run: CommittedRun | undefined;
  if (period) run = getCommittedRun(db, period);
  else if (committed.length) run = findCommittedRun(db, committed[committed.length - 1]!);

  let rankRows: ReportsDashboard['rankDistribution'] = [];
  let unilevel: ReportsDashboard['unilevelByLevel'] = [];
  let unilevelId: string | null = null;
  let top: ReportsDashboard['topEarners'] = [];
  if (run) {
    const order = run.plan.ranks.map((x) => x.code);
    const dist = rankDistribution(db, run.id);
    rankRows = order.map((code) => {
      const d = dist.find((x) => x.rank === code);
      return { rank: code, members: d?.members ?? 0, active: d?.active ?? 0 };
    });
    for (const d of dist) if (!order.includes(d.rank)) rankRows.push(d);
    unilevelId = run.plan.bonuses.find((b) => b.type === 'unilevel')?.id ?? null;
    unilevel = unilevelId ? bonusByLevel(db, run.id, unilevelId) : [];
    top = topEarners(db, run.id, 10);
  }
  return {
    months: monthRows,
    runPeriod: run?.period ?? null,
    committedPeriods: committed,
    rankDistribution: rankRows,
    unilevelByLevel: unilevel,
    unilevelBonusId: unilevelId,
    topEarners: top,
  };
}

// ---------------------------------------------------------------------------------------------
// Compliance

/** Nearest-rank percentile of an ascending array of integers (p in 1..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function distribution(
  sortedGross: readonly number[],
): Compliance['incomeDisclosure']['distributors'] {
  const n = sortedGross.length;
  const total = sortedGross.reduce((s, v) => s + v, 0);
  return {
    members: n,
    earners: sortedGross.filter((v) => v > 0).length,
    total,
    mean: n ? Math.floor(total / n) : 0,
    median: percentile(sortedGross, 50),
    p25: percentile(sortedGross, 25),
    p75: percentile(sortedGross, 75),
    p90: percentile(sortedGross, 90),
    p99: percentile(sortedGross, 99),
    max: n ? sortedGross[n - 1]! : 0,
  };
}

export const DEFAULT_THRESHOLDS = [1, 1_000_000, 5_000_000, 10_000_000, 50_000_000];

export function compliance(
  db: Db,
  period: string,
  opts: { thresholds?: number[]; limit?: number } = {},
): Compliance {
  const run = getCommittedRun(db, period);
  const sums = runMemberSums(db, run.id);

  const kits = kitProductIds(db);
  const classes = salesByClass(db, period, kits.ids);
  const cls = (c: 'product' | 'kit' | 'zeroBv') =>
    classes.find((x) => x.cls === c) ?? { orders: 0, lines: 0, sales: 0, pv: 0, bv: 0 };
  const product = cls('product');
  const kit = cls('kit');
  const zero = cls('zeroBv');
  const bvAll = product.bv + kit.bv;
  const productBvShareBp = bvAll > 0 ? ratioBp(product.bv, bvAll) : 10_000;

  const incomes = distributorIncomes(db, run.id);
  const all = incomes.map((r) => r.gross);
  const byRank = new Map<string, number[]>();
  for (const r of incomes) {
    const k = r.rank ?? '-';
    const list = byRank.get(k) ?? [];
    list.push(r.gross);
    byRank.set(k, list);
  }
  const rankOrder = run.plan.ranks.map((r) => r.code);
  const rankKeys = [
    ...rankOrder.filter((r) => byRank.has(r)),
    ...[...byRank.keys()].filter((r) => !rankOrder.includes(r)),
  ];
  const thresholds = [...(opts.thresholds ?? DEFAULT_THRESHOLDS)].sort((a, b) => a - b);

  return {
    period,
    runId: run.id,
    runHash: run.runHash,
    planVersion: run.planVersion,
    totals: {
      bv: run.totals.bv,
      bonuses: run.totals.bonuses,
      adjustments: sums.adjustments,
      clawbacks: sums.clawbacks,
      gross: sums.gross,
      tax: sums.tax,
      net: sums.net,
      carryOut: sums.carryOut,
    },
    payoutRatioBp: run.totals.payoutRatioBp,
    sales: {
      products: { orders: product.orders, sales: product.sales, pv: product.pv, bv: product.bv },
      kits: { orders: kit.orders, sales: kit.sales, pv: kit.pv, bv: kit.bv },
      otherZeroBv: { orders: zero.orders, sales: zero.sales },
      kitSkus: kits.skus,
      kitSource: kits.source,
      productBvShareBp,
      // Every bonus type is a rate of BV (or the retail margin of product orders), so income
      // attributable to products = bonuses × the product share of BV.
      incomeFromProductsBp: productBvShareBp,
      ok: kit.bv === 0 && kit.pv === 0,
    },
    incomeDisclosure: {
      distributors: distribution(all),
      byRank: rankKeys.map((rank) => ({ rank, ...distribution(byRank.get(rank)!) })),
      thresholds: thresholds.map((amount) => {
        const members = all.filter((v) => v >= amount).length;
        return { amount, members, shareBp: ratioBp(members, all.length) };
      }),
      customers: customerIncome(db, run.id),
    },
    noPurchaseEarners: noPurchaseEarners(db, run.id, period, opts.limit ?? 200),
  };
}

// ---------------------------------------------------------------------------------------------
// Exports: XLSX = one sheet per table; CSV = the same tables one after another, each under a
// title line (`# Title`) and separated by a blank line.

interface Table {
  title: string;
  columns: ColumnSpec[];
  rows: Cell[][];
  totals?: boolean;
}

async function exportTables(
  tables: Table[],
  format: 'csv' | 'xlsx',
  fileBase: string,
  heading: string[],
): Promise<FilePayload> {
  if (format === 'xlsx') {
    return xlsxFile(
      fileBase,
      tables.map((t, i) => ({
        name: t.title,
        title: i === 0 ? heading : [t.title],
        columns: t.columns,
        rows: t.rows,
        ...(t.totals ? { totalsLabel: 'TOTAL' } : {}),
      })),
    );
  }
  const parts = tables.map(
    (t) =>
      `# ${t.title}\r\n${buildCsv(
        t.columns.map((c) => c.header),
        t.rows,
      )}`,
  );
  return filePayload(
    `${fileBase}.csv`,
    MIME.csv,
    `\ufeff${heading.map((h) => `# ${h}\r\n`).join('')}\r\n${parts.join('\r\n')}`,
  );
}

const H = {
  id: {
    monthly: 'Bulanan',
    ratio: 'Rasio bonus',
    ranks: 'Peringkat',
    levels: 'Unilevel per level',
    top: 'Penerima teratas',
    period: 'periode',
    sales: 'penjualan',
    orders: 'order',
    buyers: 'pembeli',
    newDist: 'distributor baru',
    newCust: 'konsumen baru',
    active: 'anggota aktif',
    bonuses: 'total bonus',
    ratioBp: 'rasio bonus',
    referrers: 'konsumen perekrut',
    referees: 'konsumen direkrut',
    ordering: 'direkrut yang belanja',
    refSales: 'penjualan direkrut',
    conversion: 'konversi referal',
    rank: 'peringkat',
    members: 'anggota',
    level: 'level',
    lines: 'baris',
    earners: 'penerima',
    amount: 'jumlah',
    code: 'kode',
    name: 'nama',
    gross: 'bruto',
    net: 'neto',
    dashboardTitle: 'Dasbor',
    complianceTitle: 'Laporan kepatuhan',
  },
  en: {
    monthly: 'Monthly',
    ratio: 'Payout ratio',
    ranks: 'Ranks',
    levels: 'Unilevel by level',
    top: 'Top earners',
    period: 'period',
    sales: 'sales',
    orders: 'orders',
    buyers: 'buyers',
    newDist: 'new distributors',
    newCust: 'new customers',
    active: 'active members',
    bonuses: 'bonuses',
    ratioBp: 'payout ratio',
    referrers: 'referring customers',
    referees: 'referees',
    ordering: 'referees who ordered',
    refSales: 'referee sales',
    conversion: 'referral conversion',
    rank: 'rank',
    members: 'members',
    level: 'level',
    lines: 'lines',
    earners: 'earners',
    amount: 'amount',
    code: 'code',
    name: 'name',
    gross: 'gross',
    net: 'net',
    dashboardTitle: 'Dashboard',
    complianceTitle: 'Compliance report',
  },
} as const;

export async function exportDashboard(
  db: Db,
  opts: { period?: string; format: 'csv' | 'xlsx'; lang: Lang },
): Promise<FilePayload> {
  const d = dashboard(db, opts.period);
  const h = H[opts.lang];
  const tables: Table[] = [
    {
      title: h.monthly,
      columns: [
        col.text(h.period, 10),
        col.money(h.sales, 16, true),
        col.money('BV', 16, true),
        col.int('PV', 10, true),
        col.int(h.orders, 9, true),
        col.int(h.buyers, 9),
        col.int(h.newDist, 12, true),
        col.int(h.newCust, 12, true),
        col.int(h.active, 12),
        col.money(h.bonuses, 16),
        col.bp(h.ratioBp, 10),
        col.int(h.referrers, 12),
        col.int(h.referees, 12),
        col.int(h.ordering, 12),
        col.money(h.refSales, 16),
        col.bp(h.conversion, 10),
      ],
      rows: d.months.map((m) => [
        m.period,
        m.sales,
        m.bv,
        m.pv,
        m.orders,
        m.buyers,
        m.newDistributors,
        m.newCustomers,
        m.activeMembers,
        m.bonuses,
        m.payoutRatioBp,
        m.referral.referrers,
        m.referral.referees,
        m.referral.orderingReferees,
        m.referral.sales,
        m.referral.conversionBp,
      ]),
      totals: true,
    },
    {
      title: h.ranks,
      columns: [col.text(h.rank, 12), col.int(h.members, 10, true), col.int(h.active, 12, true)],
      rows: d.rankDistribution.map((r) => [r.rank, r.members, r.active]),
      totals: true,
    },
    {
      title: h.levels,
      columns: [
        col.int(h.level, 8),
        col.int(h.lines, 10, true),
        col.int(h.earners, 10),
        col.money(h.amount, 16, true),
      ],
      rows: d.unilevelByLevel.map((r) => [r.level, r.lines, r.earners, r.amount]),
      totals: true,
    },
    {
      title: h.top,
      columns: [
        col.text(h.code, 12),
        col.text(h.name, 24),
        col.text(h.rank, 10),
        col.money(h.bonuses, 16),
        col.money(h.gross, 16),
        col.money(h.net, 16),
      ],
      rows: d.topEarners.map((r) => [r.code, r.name, r.rank, r.bonusTotal, r.gross, r.net]),
    },
  ];
  return exportTables(tables, opts.format, `dashboard${d.runPeriod ? `-${d.runPeriod}` : ''}`, [
    `${h.dashboardTitle}${d.runPeriod ? ` — ${d.runPeriod}` : ''}`,
  ]);
}

export async function exportCompliance(
  db: Db,
  opts: { period: string; format: 'csv' | 'xlsx'; lang: Lang; thresholds?: number[] },
): Promise<FilePayload> {
  const c = compliance(db, opts.period, { thresholds: opts.thresholds, limit: 100_000 });
  const en = opts.lang === 'en';
  const h = H[opts.lang];
  const dcols: ColumnSpec[] = [
    col.text(en ? 'group' : 'kelompok', 14),
    col.int(h.members, 10),
    col.int(h.earners, 10),
    col.money(en ? 'total' : 'total', 16),
    col.money(en ? 'mean' : 'rata-rata', 14),
    col.money('p25', 14),
    col.money(en ? 'median (p50)' : 'median (p50)', 14),
    col.money('p75', 14),
    col.money('p90', 14),
    col.money('p99', 14),
    col.money('max', 14),
  ];
  const drow = (label: string, x: Compliance['incomeDisclosure']['distributors']): Cell[] => [
    label,
    x.members,
    x.earners,
    x.total,
    x.mean,
    x.p25,
    x.median,
    x.p75,
    x.p90,
    x.p99,
    x.max,
  ];
  const UNIT = { money: 'Rp', int: '', bp: '%', text: '' } as const;
  const metric = (k: string, v: Cell, type: keyof typeof UNIT = 'money'): Cell[] => [
    k,
    type === 'bp' && typeof v === 'number' ? v / 100 : v,
    UNIT[type],
  ];
  const tables: Table[] = [
    {
      title: en ? 'Summary' : 'Ringkasan',
      columns: [
        col.text(en ? 'metric' : 'ukuran', 44),
        col.auto(en ? 'value' : 'nilai', 20),
        col.text(en ? 'unit' : 'satuan', 8),
      ],
      rows: [
        metric('period', c.period, 'text'),
        metric('run', c.runId, 'int'),
        metric('run hash', c.runHash, 'text'),
        metric('plan version', c.planVersion, 'int'),
        metric('BV', c.totals.bv),
        metric(en ? 'bonuses' : 'total bonus', c.totals.bonuses),
        metric(en ? 'adjustments' : 'penyesuaian', c.totals.adjustments),
        metric(en ? 'clawbacks' : 'penarikan kembali', c.totals.clawbacks),
        metric(en ? 'tax withheld' : 'PPh dipotong', c.totals.tax),
        metric(en ? 'net paid' : 'neto dibayar', c.totals.net),
        metric(en ? 'payout ratio %' : 'rasio bonus %', c.payoutRatioBp, 'bp'),
        metric(en ? 'product sales' : 'penjualan produk', c.sales.products.sales),
        metric(en ? 'product BV' : 'BV produk', c.sales.products.bv),
        metric(en ? 'registration kit sales' : 'penjualan paket pendaftaran', c.sales.kits.sales),
        metric(en ? 'registration kit BV' : 'BV paket pendaftaran', c.sales.kits.bv),
        metric(en ? 'other zero-BV sales' : 'penjualan lain tanpa BV', c.sales.otherZeroBv.sales),
        metric(en ? 'kit SKUs' : 'SKU paket', c.sales.kitSkus.join(' '), 'text'),
        metric(
          en ? 'income from product sales %' : 'penghasilan dari penjualan produk %',
          c.sales.incomeFromProductsBp,
          'bp',
        ),
        metric(
          en ? 'no bonus on registration (ok)' : 'tanpa bonus pendaftaran (ok)',
          c.sales.ok ? 'ok' : 'FAIL',
          'text',
        ),
        metric(
          en ? 'earners without own purchase' : 'penerima tanpa belanja sendiri',
          c.noPurchaseEarners.count,
          'int',
        ),
        metric(en ? 'their bonuses' : 'bonus mereka', c.noPurchaseEarners.total),
        metric(
          en ? 'customers earning referral' : 'konsumen penerima referal',
          c.incomeDisclosure.customers.earners,
          'int',
        ),
        metric(
          en ? 'customer referral income' : 'penghasilan referal konsumen',
          c.incomeDisclosure.customers.total,
        ),
      ],
    },
    {
      title: en ? 'Income disclosure' : 'Pengungkapan pendapatan',
      columns: dcols,
      rows: [
        drow(en ? 'all distributors' : 'semua distributor', c.incomeDisclosure.distributors),
        ...c.incomeDisclosure.byRank.map((r) => drow(r.rank, r)),
      ],
    },
    {
      title: en ? 'Thresholds' : 'Ambang',
      columns: [
        col.money(en ? 'earning at least' : 'berpenghasilan minimal', 18),
        col.int(h.members, 10),
        col.bp(en ? 'share' : 'porsi', 10),
      ],
      rows: c.incomeDisclosure.thresholds.map((t) => [t.amount, t.members, t.shareBp]),
    },
    {
      title: en ? 'No own purchase' : 'Tanpa belanja',
      columns: [
        col.text(h.code, 12),
        col.text(h.name, 24),
        col.text(en ? 'kind' : 'jenis', 12),
        col.text(h.rank, 10),
        col.money(h.bonuses, 16, true),
      ],
      rows: c.noPurchaseEarners.members.map((m) => [m.code, m.name, m.kind, m.rank, m.bonusTotal]),
      totals: true,
    },
  ];
  return exportTables(tables, opts.format, `compliance-${opts.period}`, [
    `${h.complianceTitle} — ${opts.period}`,
  ]);
}
