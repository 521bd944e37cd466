import type { systemContract } from '../../../shared/ipc/system.contract';
import { jakartaToday } from '../../../shared/period';
import { schemaVersion } from '../../db/client';
import { countMembers } from '../../db/repositories/members.repo';
import { defaultDemoEndPeriod, generateDemo } from '../../services/demo';
import type { HandlersFor } from '../handler';

export const systemHandlers = {
  'system:info': (_input, { db, user }) => {
    const c = countMembers(db);
    const count = (t: 'products' | 'orders') =>
      db.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return {
      dbPath: db.path,
      schemaVersion: schemaVersion(db),
      counts: { ...c, products: count('products'), orders: count('orders') },
      user: { username: user.username, role: user.role },
    };
  },
  'system:dashboard': (_input, { db }) => {
    const months = db.sqlite
      .prepare(
        `SELECT period, count(DISTINCT order_id) AS orders, sum(qty * unit_price) AS sales,
                sum(qty * pv) AS pv, sum(qty * bv) AS bv, count(DISTINCT member_id) AS buyers
         FROM order_lines GROUP BY period ORDER BY period`,
      )
      .all() as {
      period: string;
      orders: number;
      sales: number;
      pv: number;
      bv: number;
      buyers: number;
    }[];
    const newMembers = db.sqlite
      .prepare(
        `SELECT substr(join_date, 1, 7) AS period, sum(kind = 'distributor') AS distributors,
                sum(kind = 'customer') AS customers
         FROM members GROUP BY 1 ORDER BY 1`,
      )
      .all() as { period: string; distributors: number; customers: number }[];
    return { months, newMembers };
  },
  'system:demo': (input, { db, onProgress }) =>
    generateDemo(db, {
      ...input,
      endPeriod: defaultDemoEndPeriod(jakartaToday()),
      onProgress: (done, total) => onProgress?.({ stage: 'demo', done, total }),
    }),
} satisfies HandlersFor<typeof systemContract>;
