import { useCallback, useMemo, useState } from 'react';
import { Badge, Box, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ColDef, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../../shared/ipc/orders.contract';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconSearch } from '../../components/icons';
import { call, toApiError, type ApiError } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { defaultColDef, gridTheme, useGridLocaleText } from '../../lib/grid';
import { ImportFileDialog } from '../products/ImportFileDialog';
import { usePeriodOptions } from './periods';

const PAGE = 100;
/** Same shapes as the contract's zMemberCode / zSku (kept here so the bundle needs no zod). */
const MEMBER_CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;
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

export function orderColumns(t: TFunction, f: Formatters): ColDef<OrderRow>[] {
  const num = (colId: keyof OrderRow, money = false, width = 110): ColDef<OrderRow> => ({
    colId,
    field: colId,
    headerName: t(`columns.${colId}`),
    width,
    type: 'rightAligned',
    cellClass: 'num',
    valueFormatter: (p) =>
      typeof p.value === 'number' ? (money ? f.rupiah(p.value) : f.number(p.value)) : '',
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
  const { t: tc } = useTranslation();
  const f = useFormat();
  const localeText = useGridLocaleText();
  const periods = usePeriodOptions(f, t('closed'));
  const [period, setPeriod] = useState<string | null>(null);
  const [memberInput, setMemberInput] = useState('');
  const [skuInput, setSkuInput] = useState('');
  const [searchInput, setSearchInput] = useState('');
  const [member] = useDebouncedValue(memberInput.trim(), 250);
  const [sku] = useDebouncedValue(skuInput.trim(), 250);
  const [search] = useDebouncedValue(searchInput.trim(), 250);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [importing, setImporting] = useState<'orders' | 'returns' | undefined>(undefined);
  const refetchPeriods = periods.refetch;
  const refresh = useCallback(() => {
    setAttempt((a) => a + 1);
    refetchPeriods();
  }, [refetchPeriods]);

  const columns = useMemo(() => orderColumns(t, f), [t, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const filter = useMemo(
    () => ({
      ...(period ? { period } : {}),
      // Half-typed codes that cannot match anything are not sent (main would refuse them).
      ...(MEMBER_CODE_RE.test(member) ? { member } : {}),
      ...(SKU_RE.test(sku) ? { sku } : {}),
    }),
    [period, member, sku],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        call('orders:list', {
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          sort: p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
          ...(search && search.length <= 100 ? { search } : {}),
          filter,
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
    [filter, search, attempt], // eslint-disable-line react-hooks/exhaustive-deps
  );

  return (
    <>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <Select
            aria-label={t('filter.period')}
            placeholder={t('filter.anyPeriod')}
            clearable
            w={200}
            data={periods.options}
            value={period}
            onChange={setPeriod}
            data-testid="orders-period"
          />
          <TextInput
            aria-label={t('filter.member')}
            placeholder={t('filter.member')}
            w={150}
            value={memberInput}
            onChange={(e) => setMemberInput(e.currentTarget.value)}
            data-testid="orders-member"
          />
          <TextInput
            aria-label={t('filter.sku')}
            placeholder={t('filter.sku')}
            w={120}
            value={skuInput}
            onChange={(e) => setSkuInput(e.currentTarget.value)}
            data-testid="orders-sku"
          />
          <TextInput
            aria-label={t('filter.search')}
            placeholder={t('filter.search')}
            leftSection={<IconSearch size={16} />}
            w={190}
            value={searchInput}
            onChange={(e) => setSearchInput(e.currentTarget.value)}
            data-testid="orders-search"
          />
        </Group>
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
      </Group>
      {error ? <ErrorAlert error={error} onRetry={refresh} /> : null}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="orders-total" aria-live="polite">
          {total === undefined
            ? tc('state.loading')
            : t('total', { count: total, formatted: f.number(total) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('hint')}
        </Text>
      </Group>
      <Box style={{ flex: 1, minHeight: 240 }} data-testid="orders-grid">
        <AgGridReact<OrderRow>
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
