import { useCallback, useMemo, useState } from 'react';
import { Badge, Box, Checkbox, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ColDef, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ReturnRow } from '../../../../shared/ipc/orders.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconSearch } from '../../components/icons';
import { call, toApiError, type ApiError } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { defaultColDef, gridTheme, useGridLocaleText } from '../../lib/grid';
import { usePeriodOptions } from './periods';

const PAGE = 100;
const MEMBER_CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;

function ClawbackCell({ data, t }: ICellRendererParams<ReturnRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <Badge size="sm" variant="light" color={data.clawback ? 'orange' : 'gray'}>
      {data.clawback ? t('clawback') : t('netted')}
    </Badge>
  );
}

function returnColumns(t: TFunction, f: Formatters): ColDef<ReturnRow>[] {
  const num = (colId: 'qty' | 'amount' | 'pv' | 'bv', money: boolean): ColDef<ReturnRow> => ({
    colId,
    field: colId,
    headerName: t(`columns.${colId}`),
    width: colId === 'qty' || colId === 'pv' ? 90 : 140,
    sortable: colId === 'qty',
    type: 'rightAligned',
    cellClass: 'num',
    valueFormatter: (p) =>
      typeof p.value === 'number' ? (money ? f.rupiah(p.value) : f.number(p.value)) : '',
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
  const { t: tc } = useTranslation();
  const f = useFormat();
  const localeText = useGridLocaleText();
  const periods = usePeriodOptions(f, t('closed'));
  const [period, setPeriod] = useState<string | null>(null);
  const [memberInput, setMemberInput] = useState('');
  const [searchInput, setSearchInput] = useState('');
  const [member] = useDebouncedValue(memberInput.trim(), 250);
  const [search] = useDebouncedValue(searchInput.trim(), 250);
  const [clawbackOnly, setClawbackOnly] = useState(false);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((a) => a + 1), []);
  const columns = useMemo(() => returnColumns(t, f), [t, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        call('returns:list', {
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          sort: p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
          ...(search && search.length <= 100 ? { search } : {}),
          filter: {
            ...(period ? { period } : {}),
            ...(MEMBER_CODE_RE.test(member) ? { member } : {}),
            ...(clawbackOnly ? { clawback: true } : {}),
          },
        }).then(
          (res) => {
            setError(undefined);
            setTotal(res.total);
            p.successCallback(res.rows, res.total);
          },
          (e: unknown) => {
            setError(toApiError(e));
            p.failCallback();
          },
        );
      },
    }),
    // `attempt` re-creates the datasource for "try again"
    [period, member, search, clawbackOnly, attempt], // eslint-disable-line react-hooks/exhaustive-deps
  );

  return (
    <>
      <Group gap="sm" wrap="wrap">
        <Select
          aria-label={t('filter.period')}
          placeholder={t('filter.anyPeriod')}
          clearable
          w={200}
          data={periods.options}
          value={period}
          onChange={setPeriod}
          data-testid="returns-period"
        />
        <TextInput
          aria-label={t('filter.member')}
          placeholder={t('filter.member')}
          w={150}
          value={memberInput}
          onChange={(e) => setMemberInput(e.currentTarget.value)}
        />
        <TextInput
          aria-label={t('columns.returnNo')}
          placeholder={t('columns.returnNo')}
          leftSection={<IconSearch size={16} />}
          w={190}
          value={searchInput}
          onChange={(e) => setSearchInput(e.currentTarget.value)}
        />
        <Checkbox
          label={t('filter.clawbackOnly')}
          checked={clawbackOnly}
          onChange={(e) => setClawbackOnly(e.currentTarget.checked)}
          data-testid="returns-clawback"
        />
      </Group>
      {error ? <ErrorAlert error={error} onRetry={refresh} /> : null}
      <Text size="sm" c="dimmed" data-testid="returns-total" aria-live="polite">
        {total === undefined
          ? tc('state.loading')
          : t('returnsTotal', { count: total, formatted: f.number(total) })}
      </Text>
      <Box style={{ flex: 1, minHeight: 240 }} data-testid="returns-grid">
        <AgGridReact<ReturnRow>
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
          getRowId={(p) => String(p.data.id)}
          onRowDoubleClicked={(e) => e.data && onOpen(e.data.orderNo)}
          onCellKeyDown={(e) => {
            const ev = e.event as KeyboardEvent | undefined;
            if (ev?.key === 'Enter' && e.data) onOpen(e.data.orderNo);
          }}
        />
      </Box>
    </>
  );
}
