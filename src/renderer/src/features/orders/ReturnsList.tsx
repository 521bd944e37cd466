import { useCallback, useMemo, useState } from 'react';
import { Badge, Checkbox } from '@mantine/core';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReturnRow } from '../../../../shared/ipc/orders.contract';
import { InfiniteGrid } from '../../components/DataGrid';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RowCount } from '../../components/GridStatus';
import { FilterInput, GridToolbar, SearchInput } from '../../components/GridToolbar';
import { call } from '../../lib/api';
import type { Formatters } from '../../lib/format';
import { numberColumn, openRowHandlers, useServerRows, type PageRequest } from '../../lib/grid';
import { PeriodFilter } from './OrdersList';
import { periodMemberPart, searchPart, useListFilters } from './listFilters';

function ClawbackCell({ data, t }: ICellRendererParams<ReturnRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <Badge size="sm" variant="light" color={data.clawback ? 'orange' : 'gray'}>
      {data.clawback ? t('clawback') : t('netted')}
    </Badge>
  );
}

function returnColumns(t: TFunction, f: Formatters): ColDef<ReturnRow>[] {
  const num = (colId: 'qty' | 'amount' | 'pv' | 'bv', money: boolean): ColDef<ReturnRow> =>
    numberColumn(f, money ? 'rupiah' : 'number', {
      colId,
      field: colId,
      headerName: t(`columns.${colId}`),
      width: colId === 'qty' || colId === 'pv' ? 90 : 140,
      sortable: colId === 'qty',
    });
  return [
    {
      colId: 'returnNo',
      field: 'returnNo',
      headerName: t('columns.returnNo'),
      width: 180,
      sortable: true,
      pinned: 'left',
    },
    {
      colId: 'date',
      field: 'date',
      headerName: t('columns.date'),
      width: 130,
      sortable: true,
      valueFormatter: (p) => f.date(p.value as string | undefined),
    },
    {
      colId: 'clawback',
      headerName: t('columns.clawback'),
      width: 170,
      cellRenderer: ClawbackCell,
      cellRendererParams: { t },
    },
    {
      colId: 'orderNo',
      field: 'orderNo',
      headerName: t('columns.orderNo'),
      width: 180,
      sortable: true,
    },
    {
      colId: 'orderPeriod',
      field: 'orderPeriod',
      headerName: t('columns.orderPeriod'),
      width: 140,
      valueFormatter: (p) => (p.value ? f.period(p.value as string, 'short') : ''),
    },
    {
      colId: 'memberCode',
      field: 'memberCode',
      headerName: t('columns.memberCode'),
      width: 120,
      sortable: true,
    },
    { colId: 'memberName', field: 'memberName', headerName: t('columns.memberName'), width: 180 },
    { colId: 'sku', field: 'sku', headerName: t('columns.sku'), width: 110 },
    {
      colId: 'productName',
      field: 'productName',
      headerName: t('columns.productName'),
      flex: 1,
      minWidth: 180,
    },
    num('qty', false),
    num('amount', true),
    num('pv', false),
    num('bv', true),
  ];
}

/** Returned lines, newest first; clawbacks (orders of closed periods) are marked. */
export function ReturnsList({ onOpen }: { onOpen: (orderNo: string) => void }) {
  const { t } = useTranslation('orders');
  const { f, periods, period, setPeriod, memberText, searchText, member, search } = useListFilters(
    t('closed'),
  );
  const [clawbackOnly, setClawbackOnly] = useState(false);
  const columns = useMemo(() => returnColumns(t, f), [t, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const load = useCallback(
    (req: PageRequest) =>
      call('returns:list', {
        ...req,
        ...searchPart(search),
        filter: {
          ...periodMemberPart(period, member),
          ...(clawbackOnly ? { clawback: true } : {}),
        },
      }),
    [period, member, search, clawbackOnly],
  );
  const rows = useServerRows(load);

  return (
    <>
      <GridToolbar>
        <PeriodFilter
          options={periods.options}
          value={period}
          onChange={setPeriod}
          testId="returns-period"
        />
        <FilterInput label={t('filter.member')} w={150} {...memberText.input} />
        <SearchInput label={t('columns.returnNo')} w={190} {...searchText.input} />
        <Checkbox
          label={t('filter.clawbackOnly')}
          checked={clawbackOnly}
          onChange={(e) => setClawbackOnly(e.currentTarget.checked)}
          data-testid="returns-clawback"
        />
      </GridToolbar>
      {rows.error ? <ErrorAlert error={rows.error} onRetry={rows.refresh} /> : null}
      <RowCount testId="returns-total" total={rows.total} text={(n) => t('returnsTotal', n)} />
      <InfiniteGrid<ReturnRow>
        testId="returns-grid"
        datasource={rows.datasource}
        columnDefs={columns}
        getRowId={(p) => String(p.data.id)}
        {...openRowHandlers((row: ReturnRow) => onOpen(row.orderNo))}
      />
    </>
  );
}
