import { useMemo, useState } from 'react';
import { Badge, Box, Button, Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ColDef, ICellRendererParams, IDatasource } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { PayoutRow } from '../../../../shared/ipc/payouts.contract';
import { InfiniteGrid } from '../../components/DataGrid';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconSearch } from '../../components/icons';
import { call, toApiError, type ApiError } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { downloadFile } from '../../lib/download';

type Filter = 'money' | 'paid' | 'unpaid' | 'all';

function StatementButton({ data, period }: ICellRendererParams<PayoutRow> & { period: string }) {
  const { t } = useTranslation('payouts');
  const f = useFormat();
  const [busy, setBusy] = useState(false);
  if (!data) return null;
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      loading={busy}
      data-testid={`statement-${data.code}`}
      onClick={() => {
        setBusy(true);
        call('payouts:statement', { period, member: data.code, lang: f.lang })
          .then(downloadFile, () => undefined)
          .finally(() => setBusy(false));
      }}
    >
      {t('statementPdf')}
    </Button>
  );
}

function StatusBadge({ data }: ICellRendererParams<PayoutRow>) {
  const { t } = useTranslation('payouts');
  if (!data) return null;
  if (data.paid)
    return (
      <Badge color="green" variant="light">
        {t('state.paid')}
      </Badge>
    );
  if (data.held && data.available !== 0)
    return (
      <Badge
        color="orange"
        variant="light"
        title={data.hasBankAccount ? undefined : t('state.noBank')}
      >
        {t('state.held')}
      </Badge>
    );
  if (data.available > 0)
    return (
      <Badge color="gray" variant="light">
        {t('state.below')}
      </Badge>
    );
  return <Text c="dimmed">{t('state.nothing')}</Text>;
}

function columns(
  t: (k: string) => string,
  f: Formatters,
  bonusIds: string[],
  period: string,
): ColDef<PayoutRow>[] {
  const money = (field: keyof PayoutRow, header: string, sortable = true): ColDef<PayoutRow> => ({
    field,
    headerName: header,
    sortable,
    width: 130,
    cellClass: 'num',
    headerClass: 'ag-right-aligned-header',
    valueFormatter: (p) => (typeof p.value === 'number' ? f.rupiah(p.value) : ''),
  });
  return [
    { field: 'code', headerName: t('columns.code'), width: 115, pinned: 'left', sortable: true },
    { field: 'name', headerName: t('columns.name'), width: 190, sortable: true },
    { field: 'rank', headerName: t('columns.rank'), width: 100, sortable: true },
    money('bonusTotal', t('columns.bonusTotal')),
    money('adjustments', t('columns.adjustments')),
    money('clawbacks', t('columns.clawbacks')),
    money('carryIn', t('columns.carryIn')),
    money('gross', t('columns.gross')),
    money('tax', t('columns.tax')),
    money('net', t('columns.net')),
    money('carryOut', t('columns.carryOut')),
    { colId: 'status', headerName: t('columns.status'), width: 140, cellRenderer: StatusBadge },
    ...bonusIds.map((id): ColDef<PayoutRow> => ({
      colId: `bonus_${id}`,
      headerName: id,
      width: 120,
      cellClass: 'num',
      headerClass: 'ag-right-aligned-header',
      valueGetter: (p) => p.data?.bonuses[id] ?? 0,
      valueFormatter: (p) => (p.data ? f.rupiah(Number(p.value)) : ''),
    })),
    {
      colId: 'statement',
      headerName: t('columns.statement'),
      width: 90,
      pinned: 'right',
      cellRenderer: StatementButton,
      cellRendererParams: { period },
    },
  ];
}

/** The payout sheet of a period, paged from `payouts:sheet` (infinite row model). */
export function PayoutSheetGrid({ period }: { period: string }) {
  const { t } = useTranslation('payouts');
  const f = useFormat();
  const [filter, setFilter] = useState<Filter>('money');
  const [searchInput, setSearchInput] = useState('');
  const [search] = useDebouncedValue(searchInput.trim(), 250);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [bonusIds, setBonusIds] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        call('payouts:sheet', {
          period,
          filter,
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          sort: p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
          search: search || undefined,
        }).then(
          (res) => {
            setError(undefined);
            setTotal(res.total);
            setBonusIds((prev) => (prev.join() === res.bonusIds.join() ? prev : res.bonusIds));
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
    [period, filter, search, attempt], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const cols = useMemo(() => columns(t, f, bonusIds, period), [t, f, bonusIds, period]);

  return (
    <Box>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="sm">
          <SegmentedControl
            aria-label={t('filter.label')}
            value={filter}
            onChange={(v) => setFilter(v as Filter)}
            data-testid="payouts-filter"
            data={(['money', 'paid', 'unpaid', 'all'] as const).map((v) => ({
              value: v,
              label: t(`filter.${v}`),
            }))}
          />
          <TextInput
            aria-label={t('search')}
            placeholder={t('search')}
            leftSection={<IconSearch size={16} />}
            value={searchInput}
            onChange={(e) => setSearchInput(e.currentTarget.value)}
            w={240}
          />
        </Group>
        <Text c="dimmed" size="sm" data-testid="payouts-total">
          {total === undefined ? '' : t('total', { count: total, formatted: f.number(total) })}
        </Text>
      </Group>
      {error ? <ErrorAlert error={error} onRetry={() => setAttempt((a) => a + 1)} /> : null}
      <InfiniteGrid<PayoutRow>
        testId="payouts-grid"
        height={520}
        datasource={datasource}
        columnDefs={cols}
        getRowId={(p) => p.data.code}
      />
    </Box>
  );
}
