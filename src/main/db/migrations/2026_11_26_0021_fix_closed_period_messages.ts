import type { Migration } from './index';

/**
 * The update triggers of the closed-period guard refused the right writes but always named the
 * row's old period: moving an order, line, return or adjustment *into* a closed month said the
 * open month it came from "is closed". They now name the closed one (the old period when both
 * are). Same conditions as before. Frozen: never edit, add a new file.
 */
const closedOf = (oldPeriod: string, newPeriod: string) =>
  `CASE WHEN EXISTS (SELECT 1 FROM periods WHERE period = ${oldPeriod} AND status = 'closed')
        THEN ${oldPeriod} ELSE ${newPeriod} END`;

const guard = (table: string, newPeriod: string) => `
DROP TRIGGER ${table}_closed_upd;
CREATE TRIGGER ${table}_closed_upd BEFORE UPDATE ON ${table}
WHEN EXISTS (SELECT 1 FROM periods WHERE period IN (OLD.period, ${newPeriod}) AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || ${closedOf('OLD.period', newPeriod)} || ' is closed'); END;
`;

export const fixClosedPeriodMessages: Migration = {
  name: '2026_11_26_0021_fix_closed_period_messages',
  up: [
    guard('orders', 'substr(NEW.order_date, 1, 7)'),
    guard('order_lines', 'NEW.period'),
    guard('returns', 'substr(NEW.return_date, 1, 7)'),
    guard('adjustments', 'NEW.period'),
  ].join(''),
};
