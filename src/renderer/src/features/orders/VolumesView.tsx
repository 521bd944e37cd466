import { useCallback, useMemo, useState } from 'react';
import {
  Badge,
  Box,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ColDef, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { VolumeRow, VolumeSummary } from '../../../../shared/ipc/orders.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconSearch } from '../../components/icons';
import { call, toApiError, type ApiError } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { defaultColDef, gridTheme, useGridLocaleText } from '../../lib/grid';
import { jakartaMonth, usePeriodOptions } from './periods';

const PAGE = 100;

function ActiveCell({ data, t }: ICellRendererParams<VolumeRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <Badge size="sm" variant="light" color={data.active ? 'green' : 'gray'}>
      {data.active ? t('volumes.yes') : t('volumes.no')}
    </Badge>
  );
}

function volumeColumns(t: TFunction, f: Formatters): ColDef<VolumeRow>[] {
  const num = (colId: keyof VolumeRow, money = false, width = 110): ColDef<VolumeRow> => ({
    colId,
    field: colId,
    headerName: t(`volumes.columns.${colId}`),
    width,
    sortable: true,
    type: 'rightAligned',
    cellClass: 'num',
    valueFormatter: (p) =>
      typeof p.value === 'number' ? (money ? f.rupiah(p.value) : f.number(p.value)) : '',
  });
  return [
    {
      colId: 'code',
      field: 'code',
      headerName: t('volumes.columns.code'),
      width: 130,
      sortable: true,
      pinned: 'left',
    },
    {
      colId: 'name',
      field: 'name',
      headerName: t('volumes.columns.name'),
      flex: 1,
      minWidth: 180,
      sortable: true,
    },
    {
      colId: 'status',
      field: 'status',
      headerName: t('volumes.columns.status'),
      width: 130,
      sortable: true,
      valueFormatter: (p) => (p.value ? t(`volumes.status.${p.value as string}`) : ''),
    },
    {
      colId: 'rank',
      field: 'rank',
      headerName: t('volumes.columns.rank'),
      width: 110,
      sortable: true,
    },
    {
      colId: 'active',
      headerName: t('volumes.columns.active'),
      width: 100,
      sortable: true,
      cellRenderer: ActiveCell,
      cellRendererParams: { t },
    },
    num('pv', false, 100),
    num('ownPv', false, 110),
    num('customerPv', false, 130),
    num('gv', false, 110),
    num('bv', true, 150),
    num('retailProfit', true, 160),
  ];
}

function Card({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="xs" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} className="num" style={{ textAlign: 'left' }}>
        {value}
      </Text>
    </Paper>
  );
}

/**
 * Volumes of one period per distributor — PV (own + rolled up from customers), BV, GV, active,
 * rank and retail profit — as the commission engine computes them for the close.
 */
export function VolumesView({
  period: wanted,
  onPeriod,
}: {
  period: string | undefined;
  onPeriod: (p: string) => void;
}) {
  const { t } = useTranslation('orders');
  const f = useFormat();
  const localeText = useGridLocaleText();
  const periods = usePeriodOptions(f, t('closed'));
  const period =
    wanted ?? periods.options[0]?.value ?? (periods.loaded ? jakartaMonth() : undefined);
  const options = useMemo(
    () =>
      period && !periods.options.some((o) => o.value === period)
        ? [{ value: period, label: f.period(period), closed: false }, ...periods.options]
        : periods.options,
    [period, periods.options, f.lang], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const [searchInput, setSearchInput] = useState('');
  const [search] = useDebouncedValue(searchInput.trim(), 250);
  const [activeOnly, setActiveOnly] = useState(false);
  const [summary, setSummary] = useState<VolumeSummary | undefined>(undefined);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((a) => a + 1), []);
  const columns = useMemo(() => volumeColumns(t, f), [t, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const datasource = useMemo<IDatasource | undefined>(
    () =>
      period
        ? {
            getRows: (p) => {
              call('volumes:list', {
                period,
                offset: p.startRow,
                limit: p.endRow - p.startRow,
                sort: p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
                ...(search && search.length <= 100 ? { search } : {}),
                filter: activeOnly ? { activeOnly: true } : {},
              }).then(
                (res) => {
                  setError(undefined);
                  setTotal(res.total);
                  setSummary(res.summary);
                  p.successCallback(res.rows, res.total);
                },
                (e: unknown) => {
                  setError(toApiError(e));
                  p.failCallback();
                },
              );
            },
          }
        : undefined,
    // `attempt` re-creates the datasource for "try again"
    [period, search, activeOnly, attempt], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const s = summary && summary.period === period ? summary : undefined;
  return (
    <>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <Select
            aria-label={t('volumes.period')}
            w={230}
            data={options}
            value={period ?? null}
            onChange={(v) => v && onPeriod(v)}
            allowDeselect={false}
            data-testid="volumes-period"
          />
          <TextInput
            aria-label={t('volumes.search')}
            placeholder={t('volumes.search')}
            leftSection={<IconSearch size={16} />}
            w={240}
            value={searchInput}
            onChange={(e) => setSearchInput(e.currentTarget.value)}
            data-testid="volumes-search"
          />
          <Checkbox
            label={t('volumes.activeOnly')}
            checked={activeOnly}
            onChange={(e) => setActiveOnly(e.currentTarget.checked)}
            data-testid="volumes-active"
          />
        </Group>
        {s ? (
          <Group gap="xs">
            {s.periodClosed ? (
              <Badge variant="outline" color="gray">
                {t('volumes.closedNote')}
              </Badge>
            ) : null}
            <Text size="xs" c="dimmed" data-testid="volumes-plan">
              {s.planVersion === null
                ? t('volumes.planDefault', { activePv: f.number(s.activePv) })
                : t('volumes.plan', { version: s.planVersion, activePv: f.number(s.activePv) })}
            </Text>
          </Group>
        ) : null}
      </Group>
      {error ? <ErrorAlert error={error} onRetry={refresh} /> : null}
      <SimpleGrid cols={{ base: 2, md: 6 }} spacing="xs" data-testid="volumes-summary">
        <Card
          label={t('volumes.cards.distributors')}
          value={s ? f.number(s.distributors) : '…'}
          testId="volumes-distributors"
        />
        <Card
          label={t('volumes.cards.active')}
          value={s ? f.number(s.active) : '…'}
          testId="volumes-active-count"
        />
        <Card label={t('volumes.cards.pv')} value={s ? f.number(s.pv) : '…'} testId="volumes-pv" />
        <Card label={t('volumes.cards.bv')} value={s ? f.rupiah(s.bv) : '…'} testId="volumes-bv" />
        <Card
          label={t('volumes.cards.retailProfit')}
          value={s ? f.rupiah(s.retailProfit) : '…'}
          testId="volumes-retail"
        />
        <Card
          label={t('volumes.cards.lines')}
          value={s ? f.number(s.orderLines) : '…'}
          testId="volumes-lines"
        />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="volumes-total" aria-live="polite">
          {total === undefined
            ? ''
            : t('volumes.total', { count: total, formatted: f.number(total) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('volumes.hint')}
        </Text>
      </Group>
      <Box style={{ flex: 1, minHeight: 240 }} data-testid="volumes-grid">
        {datasource ? (
          <AgGridReact<VolumeRow>
            key={f.lang}
            theme={gridTheme}
            localeText={localeText}
            rowModelType="infinite"
            datasource={datasource}
            cacheBlockSize={PAGE}
            maxBlocksInCache={50}
            infiniteInitialRowCount={PAGE}
            columnDefs={columns}
            defaultColDef={defaultColDef}
            getRowId={(p) => p.data.code}
          />
        ) : null}
      </Box>
    </>
  );
}
