import type { reportsContract } from '../../../shared/ipc/reports.contract';
import { getCommittedRun } from '../../db/repositories/payouts.repo';
import { exportTaxReport, taxSummary } from '../../services/payout-export';
import { compliance, dashboard, exportCompliance, exportDashboard } from '../../services/reports';
import type { HandlersFor } from '../handler';

export const reportsHandlers = {
  'reports:dashboard': (input, { db }) => dashboard(db, input.period),

  'reports:compliance': (input, { db }) =>
    compliance(db, input.period, {
      ...(input.thresholds ? { thresholds: input.thresholds } : {}),
      limit: input.limit,
    }),

  'reports:exportDashboard': (input, { db }) =>
    exportDashboard(db, {
      format: input.format,
      lang: input.lang,
      ...(input.period ? { period: input.period } : {}),
    }),

  'reports:exportCompliance': (input, { db }) =>
    exportCompliance(db, {
      period: input.period,
      format: input.format,
      lang: input.lang,
      ...(input.thresholds ? { thresholds: input.thresholds } : {}),
    }),

  'reports:tax': (input, { db }) => taxSummary(db, getCommittedRun(db, input.period)),

  'reports:exportTax': async (input, { db }) => {
    const r = await exportTaxReport(db, input.period, input.format, input.lang);
    return { fileName: r.fileName, mime: r.mime, base64: r.base64, bytes: r.bytes };
  },
} satisfies HandlersFor<typeof reportsContract>;
