import { useCallback, useMemo, useState } from 'react';
import { Badge, Button, Group, Select } from '@mantine/core';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../../shared/ipc/orders.contract';
import { navigate } from '../../app/router';
import { InfiniteGrid } from '../../components/DataGrid';
import { ErrorAlert } from '../../components/ErrorAlert';
import { GridStatus } from '../../components/GridStatus';
import { FilterInput, GridToolbar, SearchInput } from '../../components/GridToolbar';
import { call } from '../../lib/api';
import type { Formatters } from '../../lib/format';
import {
  numberColumn,
  openRowHandlers,
  useDebouncedText,
  useServerRows,
  type PageRequest,
} from '../../lib/grid';
import { ImportFileDialog } from '../products/ImportFileDialog';
import { periodMemberPart, searchPart, useListFilters } from './listFilters';
import type { PeriodOption } from './periods';

/** Same shape as the contract's zSku (kept here so the bundle needs no zod). */
const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;

/** The date, with a "closed" badge when the order's period is locked. */
function DateCell({ data, t, f }: ICellRendererParams<OrderRow> & { t: TFunction; f: Formatters }) {
  if (!data) return null;
  return (
    <Group gap={4} wrap="nowrap" h="100%" align="center">
      <span>{f.date(data.date)}</span>
      {data.periodClosed ? (
        <Badge size="xs" variant="outline" color="gray">
          {t('closed')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Buyer name with a badge for customers (their volume rolls up to a distributor). */
function NameCell({ data, t }: ICellRendererParams<OrderRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <Group gap={6} wrap="nowrap" h="100%" align="center">
      <span>{data.memberName}</span>
      {data.memberKind === 'customer' ? (
        <Badge size="xs" variant="light" color="grape">
          {t('kind.customer')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** "Any period" or one period: the period filter of the orders and returns grids. */
export function PeriodFilter({
  options,
  value,
  onChange,
  testId,
}: {
  options: PeriodOption[];
  value: string | null;
  onChange: (period: string | null) => void;
  testId: string;
}) {
  const { t } = useTranslation('orders');
  return (
    <Select
      aria-label={t('filter.period')}
      placeholder={t('filter.anyPeriod')}
      clearable
      w={200}
      data={options}
      value={value}
      onChange={onChange}
      data-testid={testId}
    />
  );
}

export function orderColumns(t: TFunction, f: Formatters): ColDef<OrderRow>[] {
  const num = (colId: keyof OrderRow, money = false, width = 110): ColDef<OrderRow> =>
    numberColumn(f, money ? 'rupiah' : 'number', {
      colId,
      field: colId,
      headerName: t(`columns.${colId}`),
      width,
    });
  return [
    {
      colId: 'orderNo',
      field: 'orderNo',
      headerName: t('columns.orderNo'),
      width: 175,
      sortable: true,
      pinned: 'left',
    },
    {
      colId: 'date',
      headerName: t('columns.date'),
      width: 165,
      sortable: true,
      cellRenderer: DateCell,
      cellRendererParams: { t, f },
    },
    {
      colId: 'memberCode',
      field: 'memberCode',
      headerName: t('columns.memberCode'),
      width: 110,
      sortable: true,
    },
    {
      colId: 'memberName',
      headerName: t('columns.memberName'),
      flex: 1,
      minWidth: 170,
      sortable: true,
      cellRenderer: NameCell,
      cellRendererParams: { t },
    },
    num('qty', false, 70),
    num('amount', true, 140),
    num('pv', false, 80),
    num('bv', true, 130),
    num('returnedQty', false, 90),
  ];
}

export function OrdersList({ onOpen }: { onOpen: (orderNo: string) => void }) {
  const { t } = useTranslation('orders');
  const { f, periods, period, setPeriod, memberText, searchText, member, search } = useListFilters(
    t('closed'),
  );
  const skuText = useDebouncedText();
  const { value: sku } = skuText;
  const [importing, setImporting] = useState<'orders' | 'returns' | undefined>(undefined);

  const columns = useMemo(() => orderColumns(t, f), [t, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const filter = useMemo(
    () => ({
      // Half-typed codes that cannot match anything are not sent (main would refuse them).
      ...periodMemberPart(period, member),
      ...(SKU_RE.test(sku) ? { sku } : {}),
    }),
    [period, member, sku],
  );

  const load = useCallback(
    (req: PageRequest) => call('orders:list', { ...req, ...searchPart(search), filter }),
    [filter, search],
  );
  const rows = useServerRows(load);
  const { refresh: refreshRows } = rows;
  const refetchPeriods = periods.refetch;
  const refresh = useCallback(() => {
    refreshRows();
    refetchPeriods();
  }, [refreshRows, refetchPeriods]);

  return (
    <>
      <GridToolbar
        actions={
          <Group gap="sm">
            <Button onClick={() => navigate('orders', 'new')} data-testid="orders-new">
              {t('actions.new')}
            </Button>
            <Button
              variant="default"
              onClick={() => setImporting('orders')}
              data-testid="orders-import"
            >
              {t('actions.import')}
            </Button>
            <Button
              variant="default"
              onClick={() => setImporting('returns')}
              data-testid="returns-import"
            >
              {t('actions.importReturns')}
            </Button>
          </Group>
        }
      >
        <PeriodFilter
          options={periods.options}
          value={period}
          onChange={setPeriod}
          testId="orders-period"
        />
        <FilterInput
          label={t('filter.member')}
          w={150}
          testId="orders-member"
          {...memberText.input}
        />
        <FilterInput label={t('filter.sku')} w={120} testId="orders-sku" {...skuText.input} />
        <SearchInput
          label={t('filter.search')}
          w={190}
          testId="orders-search"
          {...searchText.input}
        />
      </GridToolbar>
      {rows.error ? <ErrorAlert error={rows.error} onRetry={refresh} /> : null}
      <GridStatus
        testId="orders-total"
        total={rows.total}
        text={(n) => t('total', n)}
        hint={t('hint')}
      />
      <InfiniteGrid<OrderRow>
        testId="orders-grid"
        datasource={rows.datasource}
        columnDefs={columns}
        getRowId={(p) => String(p.data.id)}
        {...openRowHandlers((row: OrderRow) => onOpen(row.orderNo))}
      />
      <ImportFileDialog
        opened={importing === 'orders'}
        channel="orders:import"
        title={t('import.ordersTitle')}
        columnsHint={t('import.ordersColumns')}
        onClose={() => setImporting(undefined)}
        onImported={refresh}
        testId="orders-import-dialog"
      />
      <ImportFileDialog
        opened={importing === 'returns'}
        channel="returns:import"
        title={t('import.returnsTitle')}
        columnsHint={t('import.returnsColumns')}
        onClose={() => setImporting(undefined)}
        onImported={refresh}
        testId="returns-import-dialog"
      />
    </>
  );
}
