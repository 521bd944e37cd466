import { useMemo } from 'react';
import { useQuery } from '../../lib/api';
import type { Formatters } from '../../lib/format';

/** Today's month in Asia/Jakarta (UTC+7, no DST), `YYYY-MM`. */
export function jakartaMonth(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 7);
}

/** Today in Asia/Jakarta, `YYYY-MM-DD`: the default order date. */
export function jakartaToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface PeriodOption {
  value: string;
  label: string;
  closed: boolean;
}

/** Periods with data (newest first) as Select options; `closed` marks locked ones. */
export function usePeriodOptions(f: Formatters, closedLabel: string) {
  const q = useQuery('periods:list', {});
  const options = useMemo<PeriodOption[]>(
    () =>
      [...(q.data ?? [])].reverse().map((p) => ({
        value: p.period,
        label:
          p.status === 'closed' ? `${f.period(p.period)} · ${closedLabel}` : f.period(p.period),
        closed: p.status === 'closed',
      })),
    [q.data, f.lang, closedLabel], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return { options, loaded: q.data !== undefined, error: q.error, refetch: q.refetch };
}
