import type { Db } from '../client';
import type { AdjustmentDto } from '../../../shared/ipc/close.contract';

/** Manual signed adjustments of an open period (triggers refuse writes to closed periods). */

const SELECT = `SELECT a.id, m.code AS memberCode, m.name AS memberName, a.period, a.amount,
                       a.reason, a.created_by AS createdBy, a.created_at AS createdAt
                FROM adjustments a JOIN members m ON m.id = a.member_id`;

export function listAdjustments(db: Db, period: string, limit = 10_000): AdjustmentDto[] {
  return db.sqlite
    .prepare(`${SELECT} WHERE a.period = ? ORDER BY a.id LIMIT ?`)
    .all(period, limit) as AdjustmentDto[];
}

export function adjustmentTotals(db: Db, period: string): { count: number; total: number } {
  return db.sqlite
    .prepare(
      'SELECT count(*) AS count, coalesce(sum(amount), 0) AS total FROM adjustments WHERE period = ?',
    )
    .get(period) as { count: number; total: number };
}

export function memberAdjustments(db: Db, period: string, memberId: number): AdjustmentDto[] {
  return db.sqlite
    .prepare(`${SELECT} WHERE a.period = ? AND a.member_id = ? ORDER BY a.id`)
    .all(period, memberId) as AdjustmentDto[];
}

export function getAdjustment(db: Db, id: number): AdjustmentDto | undefined {
  return db.sqlite.prepare(`${SELECT} WHERE a.id = ?`).get(id) as AdjustmentDto | undefined;
}

export function insertAdjustment(
  db: Db,
  a: { memberId: number; period: string; amount: number; reason: string; createdBy: string },
): number {
  const r = db.sqlite
    .prepare(
      'INSERT INTO adjustments (member_id, period, amount, reason, created_by) VALUES (?, ?, ?, ?, ?)',
    )
    .run(a.memberId, a.period, a.amount, a.reason, a.createdBy);
  return Number(r.lastInsertRowid);
}

export function deleteAdjustment(db: Db, id: number): void {
  db.sqlite.prepare('DELETE FROM adjustments WHERE id = ?').run(id);
}
