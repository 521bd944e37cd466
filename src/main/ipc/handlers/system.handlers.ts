import type { systemContract } from '../../../shared/ipc/system.contract';
import { jakartaToday } from '../../../shared/period';
import { schemaVersion } from '../../db/client';
import { countMembers } from '../../db/repositories/members.repo';
import { monthlySales, newMembersByMonth } from '../../db/repositories/reports.repo';
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
  // The reports' own month figures (net of returns, like the dashboard's export and the
  // Laporan screen), kept until the data changes (reports.repo.ts).
  'system:dashboard': (_input, { db }) => ({
    months: monthlySales(db),
    newMembers: newMembersByMonth(db),
  }),
  'system:demo': (input, { db, onProgress }) =>
    generateDemo(db, {
      ...input,
      endPeriod: defaultDemoEndPeriod(jakartaToday()),
      onProgress: (done, total) => onProgress?.({ stage: 'demo', done, total }),
    }),
} satisfies HandlersFor<typeof systemContract>;
