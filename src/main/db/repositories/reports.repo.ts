import type { Db } from '../client';

/**
 * Read-only aggregates for dashboards and the compliance report. One SQL pass per figure,
 * grouped in SQL; nothing here writes. Sales and volumes are net of returns, counted in the
 * order's own period (what was finally bought in that month).
 */

/** Order lines with their net quantity (bought − every return of the line). */
const NET_LINES = `SELECT l.id, l.order_id, l.member_id, l.period, l.product_id, l.unit_price,
    l.pv, l.bv, l.qty - coalesce(r.q, 0) AS qty
  FROM order_lines l
  LEFT JOIN (SELECT order_line_id, sum(qty) AS q FROM returns GROUP BY order_line_id) r
    ON r.order_line_id = l.id`;

/**
 * The month figures below read every order line and every member (seconds at millions of lines)
 * and the dashboard asks for them twice when it opens (its monthly table and its closed-period
 * charts): each is kept per connection until members, order lines or returns change — inserts
 * seen by max(id), updates and deletes by `change_counters` (migration 0004), as the member tree
 * and the period volumes do.
 */
const monthFigures = new WeakMap<Db, { key: string; values: Map<string, unknown> }>();

function salesDataKey(db: Db): string {
  const r = db.sqlite
    .prepare(
      `SELECT (SELECT group_concat(name || '=' || version) FROM change_counters) AS counters,
              (SELECT max(id) FROM members) AS members, (SELECT max(id) FROM order_lines) AS lines,
              (SELECT max(id) FROM returns) AS returns`,
    )
    .get() as Record<string, unknown>;
  return `${r.counters}|${r.members}|${r.lines}|${r.returns}`;
}

function keptUntilSalesChange<T>(db: Db, name: string, compute: () => T): T {
  const key = salesDataKey(db);
  let kept = monthFigures.get(db);
  if (kept?.key !== key) monthFigures.set(db, (kept = { key, values: new Map() }));
  if (!kept.values.has(name)) kept.values.set(name, compute());
  return kept.values.get(name) as T;
}

export interface MonthSales {
  period: string;
  orders: number;
  buyers: number;
  sales: number;
  pv: number;
  bv: number;
}

export function monthlySales(db: Db): MonthSales[] {
  return keptUntilSalesChange(
    db,
    'monthlySales',
    () =>
      db.sqlite
        .prepare(
          `SELECT period, count(DISTINCT order_id) AS orders, count(DISTINCT member_id) AS buyers,
         coalesce(sum(qty * unit_price), 0) AS sales, coalesce(sum(qty * pv), 0) AS pv,
         coalesce(sum(qty * bv), 0) AS bv
       FROM (${NET_LINES}) GROUP BY period ORDER BY period`,
        )
        .all() as MonthSales[],
  );
}

export function newMembersByMonth(
  db: Db,
): { period: string; distributors: number; customers: number }[] {
  return keptUntilSalesChange(
    db,
    'newMembersByMonth',
    () =>
      db.sqlite
        .prepare(
          `SELECT substr(join_date, 1, 7) AS period, coalesce(sum(kind = 'distributor'), 0) AS distributors,
         coalesce(sum(kind = 'customer'), 0) AS customers
       FROM members GROUP BY 1 ORDER BY 1`,
        )
        .all() as { period: string; distributors: number; customers: number }[],
  );
}

export interface RunStats {
  period: string;
  runId: number;
  totalsJson: string;
  activeMembers: number;
  distributors: number;
  paidMembers: number;
  gross: number;
}

export function committedRunStats(db: Db): RunStats[] {
  return db.sqlite
    .prepare(
      `SELECT r.period, r.id AS runId, r.totals_json AS totalsJson,
         coalesce(sum(rm.active), 0) AS activeMembers,
         coalesce(sum(rm.rank IS NOT NULL), 0) AS distributors,
         coalesce(sum(rm.paid), 0) AS paidMembers, coalesce(sum(rm.gross), 0) AS gross
       FROM runs r LEFT JOIN run_members rm ON rm.run_id = r.id
       WHERE r.status = 'committed' GROUP BY r.id ORDER BY r.period`,
    )
    .all() as RunStats[];
}

/** Referral activity: members sponsored by a customer (referees) and what they bought per month. */
export function referralOrders(
  db: Db,
): { period: string; orderingReferees: number; orders: number; sales: number; bv: number }[] {
  return keptUntilSalesChange(
    db,
    'referralOrders',
    () =>
      db.sqlite
        .prepare(
          `SELECT l.period, count(DISTINCT l.member_id) AS orderingReferees,
         count(DISTINCT l.order_id) AS orders, coalesce(sum(l.qty * l.unit_price), 0) AS sales,
         coalesce(sum(l.qty * l.bv), 0) AS bv
       FROM (${NET_LINES}) l JOIN members m ON m.id = l.member_id
       JOIN members s ON s.id = m.sponsor_id
       WHERE s.kind = 'customer' AND l.qty > 0
       GROUP BY l.period ORDER BY l.period`,
        )
        .all() as {
        period: string;
        orderingReferees: number;
        orders: number;
        sales: number;
        bv: number;
      }[],
  );
}

/** Referees by join month, and the month each referring customer made their first referral. */
export function referralJoins(db: Db): {
  referees: { period: string; n: number }[];
  referrers: { period: string; n: number }[];
} {
  return keptUntilSalesChange(db, 'referralJoins', () => {
    const referees = db.sqlite
      .prepare(
        `SELECT substr(m.join_date, 1, 7) AS period, count(*) AS n
       FROM members m JOIN members s ON s.id = m.sponsor_id
       WHERE s.kind = 'customer' GROUP BY 1 ORDER BY 1`,
      )
      .all() as { period: string; n: number }[];
    const referrers = db.sqlite
      .prepare(
        `SELECT period, count(*) AS n FROM (
         SELECT s.id, min(substr(m.join_date, 1, 7)) AS period
         FROM members m JOIN members s ON s.id = m.sponsor_id
         WHERE s.kind = 'customer' GROUP BY s.id)
       GROUP BY period ORDER BY period`,
      )
      .all() as { period: string; n: number }[];
    return { referees, referrers };
  });
}

export function rankDistribution(
  db: Db,
  runId: number,
): { rank: string; members: number; active: number }[] {
  return db.sqlite
    .prepare(
      `SELECT rank, count(*) AS members, coalesce(sum(active), 0) AS active FROM run_members
       WHERE run_id = ? AND rank IS NOT NULL GROUP BY rank`,
    )
    .all(runId) as { rank: string; members: number; active: number }[];
}

export function bonusByLevel(
  db: Db,
  runId: number,
  bonusId: string,
): { level: number; lines: number; earners: number; amount: number }[] {
  return db.sqlite
    .prepare(
      `SELECT level, count(*) AS lines, count(DISTINCT earner_id) AS earners,
         coalesce(sum(amount), 0) AS amount
       FROM run_lines WHERE run_id = ? AND bonus_id = ? GROUP BY level ORDER BY level`,
    )
    .all(runId, bonusId) as { level: number; lines: number; earners: number; amount: number }[];
}

export interface EarnerRow {
  code: string;
  name: string;
  kind: string;
  rank: string | null;
  bonusTotal: number;
  gross: number;
  net: number;
}

export function topEarners(db: Db, runId: number, limit: number): EarnerRow[] {
  return db.sqlite
    .prepare(
      `SELECT m.code, m.name, m.kind, rm.rank, rm.bonus_total AS bonusTotal, rm.gross, rm.net
       FROM run_members rm JOIN members m ON m.id = rm.member_id
       WHERE rm.run_id = ? AND rm.gross > 0 ORDER BY rm.gross DESC, m.code LIMIT ?`,
    )
    .all(runId, limit) as EarnerRow[];
}

// ---------------------------------------------------------------------------------------------
// Compliance

/** Registration kits: products listed in settings `compliance.kitSkus` (comma separated), else
 * recognised by SKU prefix `KIT` or a name mentioning starter / pendaftaran / registrasi. */
export function kitProductIds(db: Db): {
  ids: number[];
  skus: string[];
  source: 'settings' | 'names';
} {
  const listed = (
    db.sqlite
      .prepare(`SELECT value FROM settings WHERE key = 'compliance.kitSkus'`)
      .pluck()
      .get() as string | undefined
  )
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const rows = listed?.length
    ? (db.sqlite
        .prepare(`SELECT id, sku FROM products WHERE sku IN (${listed.map(() => '?').join(',')})`)
        .all(...listed) as { id: number; sku: string }[])
    : (db.sqlite
        .prepare(
          `SELECT id, sku FROM products WHERE upper(sku) LIKE 'KIT%' OR lower(name) LIKE '%starter%'
             OR lower(name) LIKE '%pendaftaran%' OR lower(name) LIKE '%registrasi%'
             OR lower(name) LIKE '%registration%'`,
        )
        .all() as { id: number; sku: string }[]);
  return {
    ids: rows.map((r) => r.id),
    skus: rows.map((r) => r.sku),
    source: listed?.length ? 'settings' : 'names',
  };
}

export interface SalesClass {
  cls: 'product' | 'kit' | 'zeroBv';
  orders: number;
  lines: number;
  sales: number;
  pv: number;
  bv: number;
}

/**
 * Sales of a period split into BV-bearing products, registration kits and other zero-BV lines,
 * net of returns recorded while the period was open (exactly the volume the run was computed on).
 */
export function salesByClass(db: Db, period: string, kitIds: readonly number[]): SalesClass[] {
  const kit = kitIds.length ? `l.product_id IN (${kitIds.map(Number).join(',')})` : '0';
  return db.sqlite
    .prepare(
      `SELECT CASE WHEN ${kit} THEN 'kit' WHEN l.bv > 0 THEN 'product' ELSE 'zeroBv' END AS cls,
         count(DISTINCT l.order_id) AS orders, count(*) AS lines,
         coalesce(sum(q * l.unit_price), 0) AS sales, coalesce(sum(q * l.pv), 0) AS pv,
         coalesce(sum(q * l.bv), 0) AS bv
       FROM (SELECT l.*, l.qty - coalesce((SELECT sum(r.qty) FROM returns r
                  WHERE r.order_line_id = l.id AND r.clawback = 0), 0) AS q
             FROM order_lines l WHERE l.period = ?) l
       GROUP BY 1`,
    )
    .all(period) as SalesClass[];
}

/** Gross income of every distributor of a run, with rank (income disclosure). */
export function distributorIncomes(
  db: Db,
  runId: number,
): { rank: string | null; gross: number }[] {
  return db.sqlite
    .prepare(
      `SELECT rm.rank, rm.gross FROM run_members rm JOIN members m ON m.id = rm.member_id
       WHERE rm.run_id = ? AND m.kind = 'distributor' ORDER BY rm.gross`,
    )
    .all(runId) as { rank: string | null; gross: number }[];
}

export function customerIncome(db: Db, runId: number): { earners: number; total: number } {
  return db.sqlite
    .prepare(
      `SELECT coalesce(sum(rm.gross > 0), 0) AS earners, coalesce(sum(CASE WHEN rm.gross > 0 THEN rm.gross END), 0) AS total
       FROM run_members rm JOIN members m ON m.id = rm.member_id
       WHERE rm.run_id = ? AND m.kind = 'customer'`,
    )
    .get(runId) as { earners: number; total: number };
}

export interface NoPurchaseEarner {
  code: string;
  name: string;
  kind: string;
  rank: string | null;
  bonusTotal: number;
}

/** Members who earned bonuses in the period without buying anything themselves in it. */
export function noPurchaseEarners(
  db: Db,
  runId: number,
  period: string,
  limit: number,
): { count: number; total: number; members: NoPurchaseEarner[] } {
  const where = `rm.run_id = ? AND rm.bonus_total > 0 AND NOT EXISTS (
      SELECT 1 FROM orders o JOIN order_lines l ON l.order_id = o.id
      WHERE o.member_id = rm.member_id AND o.period = ?
        AND l.qty > coalesce((SELECT sum(r.qty) FROM returns r
                              WHERE r.order_line_id = l.id AND r.clawback = 0), 0))`;
  const agg = db.sqlite
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(rm.bonus_total), 0) AS total FROM run_members rm WHERE ${where}`,
    )
    .get(runId, period) as { count: number; total: number };
  const members = db.sqlite
    .prepare(
      `SELECT m.code, m.name, m.kind, rm.rank, rm.bonus_total AS bonusTotal
       FROM run_members rm JOIN members m ON m.id = rm.member_id
       WHERE ${where} ORDER BY rm.bonus_total DESC, m.code LIMIT ?`,
    )
    .all(runId, period, limit) as NoPurchaseEarner[];
  return { ...agg, members };
}
