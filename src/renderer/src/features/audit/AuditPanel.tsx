import { useCallback, useMemo, useState } from 'react';
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../../shared/ipc/audit.contract';
import { InfiniteGrid } from '../../components/DataGrid';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RowCount } from '../../components/GridStatus';
import { call, useAction } from '../../lib/api';
import { formatDateTime, useFormat } from '../../lib/format';
import { useServerRows, type PageRequest } from '../../lib/grid';

/** `{"a":1}` → `a: 1`, compact; the grid cell shows the change at a glance, the tooltip all. */
function brief(json: string | null): string {
  if (json === null) return '';
  try {
    const v = JSON.parse(json) as unknown;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
        .join(', ');
    }
    return JSON.stringify(v);
  } catch {
    return json;
  }
}

/** The hash-chained audit log, newest first, with a chain check (admins and accountants). */
export function AuditPanel() {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const lang = f.lang;
  const [search, setSearch] = useState('');
  const verify = useAction('audit:verify');
  const [verdict, setVerdict] = useState<{ ok: boolean; entries: number; id: number | null }>();

  const columns = useMemo<ColDef<AuditRow>[]>(
    () => [
      { field: 'id', headerName: t('log.columns.id'), width: 90, sortable: true },
      {
        field: 'at',
        headerName: t('log.columns.at'),
        width: 170,
        valueFormatter: (p) => (p.value ? formatDateTime(p.value as string, lang) : ''),
      },
      { field: 'actor', headerName: t('log.columns.actor'), width: 120, sortable: true },
      { field: 'action', headerName: t('log.columns.action'), width: 150, sortable: true },
      { field: 'entity', headerName: t('log.columns.entity'), width: 110, sortable: true },
      { field: 'entityId', headerName: t('log.columns.entityId'), width: 120 },
      { field: 'reason', headerName: t('log.columns.reason'), width: 160, tooltipField: 'reason' },
      {
        colId: 'change',
        headerName: t('log.columns.change'),
        flex: 1,
        minWidth: 220,
        valueGetter: (p) =>
          p.data
            ? [brief(p.data.beforeJson), brief(p.data.afterJson)].filter(Boolean).join('  →  ')
            : '',
        tooltipValueGetter: (p) =>
          p.data ? `${p.data.beforeJson ?? ''}\n→\n${p.data.afterJson ?? ''}` : '',
      },
    ],
    [t, lang],
  );

  const load = useCallback(
    (req: PageRequest) => call('audit:list', { ...req, search: search.trim() || undefined }),
    [search],
  );
  const rows = useServerRows(load);

  return (
    <Stack gap="sm" data-testid="audit-panel">
      <Group justify="space-between" wrap="wrap">
        <TextInput
          size="xs"
          w={300}
          placeholder={t('log.search')}
          aria-label={t('log.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Group gap="sm">
          <RowCount
            total={rows.total}
            pending=""
            text={({ formatted }) => t('log.total', { formatted })}
          />
          <Button
            size="xs"
            variant="light"
            loading={verify.running}
            onClick={() =>
              void verify.run({}).then((r) => {
                if (r) setVerdict({ ok: r.ok, entries: r.entries, id: r.firstBrokenId });
                rows.refresh();
              })
            }
          >
            {t('log.verify')}
          </Button>
        </Group>
      </Group>
      {verdict ? (
        <Alert
          color={verdict.ok ? 'green' : 'red'}
          variant="light"
          role="status"
          data-testid="audit-verdict"
        >
          {verdict.ok
            ? t('log.intact', { count: verdict.entries })
            : t('log.broken', { id: verdict.id })}
        </Alert>
      ) : null}
      {verify.error ? <ErrorAlert error={verify.error} /> : null}
      {rows.error ? <ErrorAlert error={rows.error} onRetry={rows.refresh} /> : null}
      <InfiniteGrid<AuditRow>
        testId="audit-grid"
        height={420}
        datasource={rows.datasource}
        // a short panel: fewer cached pages, and AG Grid's own initial row count
        maxBlocksInCache={20}
        infiniteInitialRowCount={1}
        columnDefs={columns}
        getRowId={(p) => String(p.data.id)}
        tooltipShowDelay={300}
      />
    </Stack>
  );
}
