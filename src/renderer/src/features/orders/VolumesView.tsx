import { useMemo, useState } from 'react';
import { Badge, Checkbox, Group, Paper, Select, SimpleGrid, Text } from '@mantine/core';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { VolumeRow, VolumeSummary } from '../../../../shared/ipc/orders.contract';
import { GridBox, InfiniteGrid } from '../../components/DataGrid';
import { ErrorAlert } from '../../components/ErrorAlert';
import { GridStatus } from '../../components/GridStatus';
import { GridToolbar, SearchInput } from '../../components/GridToolbar';
import { call } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { numberColumn, useDebouncedText, useServerRows, type PageRequest } from '../../lib/grid';
import { jakartaMonth, usePeriodOptions } from './periods';

function ActiveCell({ data, t }: ICellRendererParams<VolumeRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <Badge size="sm" variant="light" color={data.active ? 'green' : 'gray'}>
      {data.active ? t('volumes.yes') : t('volumes.no')}
    </Badge>
  );
}

function volumeColumns(t: TFunction, f: Formatters): ColDef<VolumeRow>[] {
  const num = (colId: keyof VolumeRow, money = false, width = 110): ColDef<VolumeRow> =>
    numberColumn(f, money ? 'rupiah' : 'number', {
      colId,
      field: colId,
      headerName: t(`volumes.columns.${colId}`),
      width,
      sortable: true,
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
  const searchText = useDebouncedText();
  const { value: search } = searchText;
  const [activeOnly, setActiveOnly] = useState(false);
  const [summary, setSummary] = useState<VolumeSummary | undefined>(undefined);
  const columns = useMemo(() => volumeColumns(t, f), [t, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  // No period yet (the periods are loading): no datasource, no grid.
  const load = useMemo(
    () =>
      period
        ? (req: PageRequest) =>
            call('volumes:list', {
              period,
              ...req,
              ...(search && search.length <= 100 ? { search } : {}),
              filter: activeOnly ? { activeOnly: true } : {},
            }).then((res) => {
              setSummary(res.summary);
              return res;
            })
        : undefined,
    [period, search, activeOnly],
  );
  const rows = useServerRows(load);

  const s = summary && summary.period === period ? summary : undefined;
  const summaryCards: [string, string, (v: VolumeSummary) => string][] = [
    ['distributors', 'volumes-distributors', (v) => f.number(v.distributors)],
    ['active', 'volumes-active-count', (v) => f.number(v.active)],
    ['pv', 'volumes-pv', (v) => f.number(v.pv)],
    ['bv', 'volumes-bv', (v) => f.rupiah(v.bv)],
    ['retailProfit', 'volumes-retail', (v) => f.rupiah(v.retailProfit)],
    ['lines', 'volumes-lines', (v) => f.number(v.orderLines)],
  ];
  return (
    <>
      <GridToolbar
        // `null` while the summary loads keeps the filters where they stand
        actions={
          s ? (
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
          ) : null
        }
      >
        <Select
          aria-label={t('volumes.period')}
          w={230}
          data={options}
          value={period ?? null}
          onChange={(v) => v && onPeriod(v)}
          allowDeselect={false}
          data-testid="volumes-period"
        />
        <SearchInput
          label={t('volumes.search')}
          w={240}
          testId="volumes-search"
          {...searchText.input}
        />
        <Checkbox
          label={t('volumes.activeOnly')}
          checked={activeOnly}
          onChange={(e) => setActiveOnly(e.currentTarget.checked)}
          data-testid="volumes-active"
        />
      </GridToolbar>
      {rows.error ? <ErrorAlert error={rows.error} onRetry={rows.refresh} /> : null}
      <SimpleGrid cols={{ base: 2, md: 6 }} spacing="xs" data-testid="volumes-summary">
        {summaryCards.map(([key, testId, value]) => (
          <Card
            key={testId}
            label={t(`volumes.cards.${key}`)}
            value={s ? value(s) : '…'}
            testId={testId}
          />
        ))}
      </SimpleGrid>
      <GridStatus
        testId="volumes-total"
        total={rows.total}
        pending=""
        text={(n) => t('volumes.total', n)}
        hint={t('volumes.hint')}
      />
      {rows.datasource ? (
        <InfiniteGrid<VolumeRow>
          testId="volumes-grid"
          datasource={rows.datasource}
          columnDefs={columns}
          getRowId={(p) => p.data.code}
        />
      ) : (
        <GridBox testId="volumes-grid" />
      )}
    </>
  );
}
