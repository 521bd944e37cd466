import type { Db } from '../client';
import type { PeriodRow } from '../../../shared/ipc/periods.contract';

/** Every period with data (orders, returns, adjustments) or with a close record, oldest first. */
export function listPeriods(db: Db): PeriodRow[] {
  const rows = db.sqlite
    .prepare(
      `WITH p(period) AS (
         SELECT DISTINCT period FROM orders
         UNION SELECT DISTINCT period FROM returns
         UNION SELECT DISTINCT period FROM adjustments
         UNION SELECT period FROM periods)
       SELECT p.period, coalesce(pr.status, 'open') AS status, r.run_hash AS runHash
       FROM p
       LEFT JOIN periods pr ON pr.period = p.period
       LEFT JOIN runs r ON r.period = p.period AND r.status = 'committed'
       ORDER BY p.period`,
    )
    .all() as PeriodRow[];
  return rows;
}

export function isPeriodClosed(db: Db, period: string): boolean {
  return (
    db.sqlite
      .prepare(`SELECT 1 FROM periods WHERE period = ? AND status = 'closed'`)
      .get(period) !== undefined
  );
}
