import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ColDef, GridApi, ICellRendererParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { BankExceptionDto, PayoutItemDto } from '../../../../shared/ipc/payouts.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { call, toApiError, useQuery, type ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { DataGrid } from '../../components/DataGrid';
import { downloadFile, type FileBytes } from '../../lib/download';

type Layout = 'generic' | 'mandiri';

interface OpenFailure {
  id: number;
  code: string;
  name: string;
  sourcePeriod: string;
  amount: number;
  reason: string | null;
}

const STATUS_COLOR = { pending: 'blue', paid: 'green', failed: 'red' } as const;

function StatusCell({ data }: ICellRendererParams<PayoutItemDto>) {
  const { t } = useTranslation('payouts');
  if (!data) return null;
  return (
    <Group gap={4} wrap="nowrap" h="100%" align="center">
      <Badge color={data.live ? STATUS_COLOR[data.status] : 'gray'} variant="light">
        {t(`transfers.statusLabel.${data.status}`)}
      </Badge>
      {!data.live ? (
        <Text size="xs" c="dimmed">
          {t('transfers.void')}
        </Text>
      ) : null}
      {data.resent ? (
        <Text size="xs" c="dimmed">
          {t('transfers.resent')}
        </Text>
      ) : null}
    </Group>
  );
}

function ProblemCell({ data }: ICellRendererParams<PayoutItemDto>) {
  const { t } = useTranslation('payouts');
  if (!data) return null;
  const account = [data.bankName, data.bankAccount].filter(Boolean).join(' ');
  return (
    <Group gap={6} wrap="nowrap" h="100%" align="center">
      <Text size="sm">{account || '—'}</Text>
      {data.accountProblem && data.status === 'pending' && data.live ? (
        <Badge color="orange" variant="light" size="sm">
          {t(`transfers.problem.${data.accountProblem}`)}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The payout batch of a period: bank file, exceptions, paid / failed per transfer. */
export function TransfersPanel({
  period,
  openFailures,
  onChanged,
}: {
  period: string;
  openFailures: OpenFailure[];
  onChanged: () => void;
}) {
  const { t } = useTranslation('payouts');
  const f = useFormat();
  const items = useQuery('payouts:items', { period, offset: 0, limit: 1000 });
  const [layout, setLayout] = useState<Layout>('generic');
  const [sourceAccount, setSourceAccount] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [exported, setExported] = useState<{
    count: number;
    amount: number;
    file: string;
    exceptions: BankExceptionDto[];
    exceptionsFile: FileBytes | null;
  } | null>(null);
  const [selected, setSelected] = useState<PayoutItemDto[]>([]);
  const [failOpen, setFailOpen] = useState(false);
  const [reason, setReason] = useState('');
  const apiRef = useRef<GridApi<PayoutItemDto> | null>(null);

  const refresh = () => {
    items.refetch();
    onChanged();
  };

  const act = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    setError(undefined);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };

  const exportBank = () =>
    act('bank', async () => {
      const r = await call('payouts:exportBank', {
        period,
        layout,
        ...(layout === 'mandiri' && sourceAccount.trim()
          ? { sourceAccount: sourceAccount.trim() }
          : {}),
      });
      downloadFile(r.file);
      setExported({
        count: r.transfers,
        amount: r.total,
        file: r.file.fileName,
        exceptions: r.exceptions,
        exceptionsFile: r.exceptionsFile,
      });
      refresh();
    });

  const mark = (
    status: 'paid' | 'failed',
    input: { itemIds?: number[]; allPending?: boolean; reason?: string },
  ) =>
    act(`mark-${status}`, async () => {
      const r = await call('payouts:mark', { period, status, ...input });
      setNotice(
        t('transfers.marked', { count: r.changed, status: t(`transfers.statusLabel.${status}`) }),
      );
      apiRef.current?.deselectAll();
      setSelected([]);
      refresh();
    });

  const cols = useMemo<ColDef<PayoutItemDto>[]>(
    () => [
      { field: 'code', headerName: t('columns.code'), width: 115, sortable: true },
      { field: 'name', headerName: t('columns.name'), width: 170, sortable: true },
      {
        colId: 'kind',
        headerName: t('columns.kind'),
        width: 150,
        valueGetter: (p) =>
          p.data?.kind === 'retry'
            ? t('transfers.retry', { period: p.data.sourcePeriod })
            : t('transfers.run'),
      },
      {
        field: 'amount',
        headerName: t('columns.amount'),
        width: 140,
        sortable: true,
        cellClass: 'num',
        headerClass: 'ag-right-aligned-header',
        valueFormatter: (p) => (typeof p.value === 'number' ? f.rupiah(p.value) : ''),
      },
      { colId: 'bank', headerName: t('columns.bank'), width: 250, cellRenderer: ProblemCell },
      { colId: 'status', headerName: t('columns.status'), width: 190, cellRenderer: StatusCell },
      { field: 'reason', headerName: t('columns.reason'), flex: 1, minWidth: 160 },
    ],
    [t, f],
  );

  const data = items.data;
  const pendingCount = data?.counts.pending ?? 0;

  return (
    <Stack gap="md">
      {items.error ? <ErrorAlert error={items.error} onRetry={items.refetch} /> : null}
      {error ? <ErrorAlert error={error} /> : null}
      {notice ? (
        <Alert
          color="green"
          variant="light"
          withCloseButton
          onClose={() => setNotice(null)}
          data-testid="transfers-notice"
        >
          {notice}
        </Alert>
      ) : null}

      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Title order={2} size="h5">
              {t('transfers.bankFile')}
            </Title>
            {data && !data.batch ? (
              <Text size="sm" c="dimmed" data-testid="transfers-no-batch">
                {t('transfers.noBatch', {
                  members: f.number(data.payable.members),
                  amount: f.rupiah(data.payable.amount),
                })}
              </Text>
            ) : data ? (
              <Text size="sm" c="dimmed" data-testid="transfers-counts">
                {t('transfers.counts', {
                  pending: `${f.number(data.counts.pending)} (${f.rupiah(data.counts.pendingAmount)})`,
                  paid: `${f.number(data.counts.paid)} (${f.rupiah(data.counts.paidAmount)})`,
                  failed: `${f.number(data.counts.failed)} (${f.rupiah(data.counts.failedAmount)})`,
                })}
              </Text>
            ) : null}
          </Stack>
          <Group gap="sm" align="flex-end">
            <Select
              label={t('transfers.layout')}
              w={170}
              allowDeselect={false}
              value={layout}
              onChange={(v) => setLayout((v as Layout) ?? 'generic')}
              data={[
                { value: 'generic', label: t('transfers.layoutGeneric') },
                { value: 'mandiri', label: t('transfers.layoutMandiri') },
              ]}
              data-testid="bank-layout"
            />
            {layout === 'mandiri' ? (
              <TextInput
                label={t('transfers.sourceAccount')}
                w={220}
                value={sourceAccount}
                onChange={(e) => setSourceAccount(e.currentTarget.value)}
              />
            ) : null}
            <Button
              onClick={() => void exportBank()}
              loading={busy === 'bank'}
              data-testid="bank-export"
            >
              {t('transfers.download')}
            </Button>
          </Group>
        </Group>
        {exported ? (
          <Stack gap="sm" mt="md">
            <Alert color="blue" variant="light" data-testid="bank-exported">
              {t('transfers.exported', {
                count: exported.count,
                amount: f.rupiah(exported.amount),
                file: exported.file,
              })}
            </Alert>
            {exported.exceptions.length ? (
              <Alert
                color="orange"
                variant="light"
                title={t('transfers.exceptionsTitle', { count: exported.exceptions.length })}
                data-testid="bank-exceptions"
              >
                <Text size="sm" mb="xs">
                  {t('transfers.exceptionsHint')}
                </Text>
                <Table withRowBorders={false} verticalSpacing={2} fz="sm">
                  <Table.Tbody>
                    {exported.exceptions.map((e) => (
                      <Table.Tr key={`${e.code}-${e.kind}-${e.sourcePeriod}`}>
                        <Table.Td>{e.code}</Table.Td>
                        <Table.Td>{e.name}</Table.Td>
                        <Table.Td className="num">{f.rupiah(e.amount)}</Table.Td>
                        <Table.Td>{t(`transfers.problem.${e.reason}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {exported.exceptionsFile ? (
                  <Button
                    mt="xs"
                    size="xs"
                    variant="light"
                    color="orange"
                    onClick={() => downloadFile(exported.exceptionsFile!)}
                  >
                    {t('transfers.downloadExceptions')}
                  </Button>
                ) : null}
              </Alert>
            ) : null}
          </Stack>
        ) : null}
      </Paper>

      <Group gap="sm">
        <Button
          variant="light"
          color="green"
          disabled={!selected.some((i) => i.live && i.status !== 'paid')}
          loading={busy === 'mark-paid'}
          onClick={() => void mark('paid', { itemIds: selected.map((i) => i.id) })}
          data-testid="mark-paid"
        >
          {t('transfers.markPaid')}
        </Button>
        <Button
          variant="light"
          color="red"
          disabled={!selected.some((i) => i.live && i.status === 'pending')}
          loading={busy === 'mark-failed'}
          onClick={() => setFailOpen(true)}
          data-testid="mark-failed"
        >
          {t('transfers.markFailed')}
        </Button>
        <Button
          variant="default"
          disabled={pendingCount === 0}
          onClick={() => void mark('paid', { allPending: true })}
          data-testid="mark-all-paid"
        >
          {t('transfers.markAllPaid')}
        </Button>
      </Group>

      <DataGrid<PayoutItemDto>
        testId="transfers-grid"
        height={420}
        rowData={data?.items ?? []}
        columnDefs={cols}
        getRowId={(p) => String(p.data.id)}
        rowSelection={{
          mode: 'multiRow',
          isRowSelectable: (n) =>
            Boolean(n.data?.live && n.data.status !== 'paid' && !n.data.resent),
        }}
        onGridReady={(e) => (apiRef.current = e.api)}
        onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
      />

      {openFailures.length ? (
        <Paper withBorder radius="md" p="md" data-testid="open-failures">
          <Title order={2} size="h5">
            {t('transfers.openFailures')}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('transfers.openFailuresHint')}
          </Text>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Tbody>
              {openFailures.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>{o.code}</Table.Td>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td>{f.period(o.sourcePeriod)}</Table.Td>
                  <Table.Td className="num">{f.rupiah(o.amount)}</Table.Td>
                  <Table.Td>{o.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : null}

      <Modal opened={failOpen} onClose={() => setFailOpen(false)} title={t('transfers.failReason')}>
        <Stack>
          <TextInput
            data-autofocus
            placeholder={t('transfers.failPlaceholder')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="fail-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setFailOpen(false)}>
              {t('transfers.cancel')}
            </Button>
            <Button
              color="red"
              disabled={!reason.trim()}
              data-testid="fail-confirm"
              onClick={() => {
                setFailOpen(false);
                void mark('failed', {
                  itemIds: selected.filter((i) => i.status === 'pending').map((i) => i.id),
                  reason: reason.trim(),
                });
                setReason('');
              }}
            >
              {t('transfers.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
