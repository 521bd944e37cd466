import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Code,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type {
  DiffRow,
  PreviewDto,
  RunTotalsDto,
  RunTotalsExt,
} from '../../../../shared/ipc/close.contract';
import { defaultColDef } from '../../lib/grid';
import { DataGrid } from '../../components/DataGrid';
import { useFormat, type Formatters } from '../../lib/format';

type T = (key: string, opts?: Record<string, unknown>) => string;

function Card({
  label,
  value,
  hint,
  testId,
  text = false,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  testId: string;
  /** A phrase rather than one figure: may wrap, not right-aligned. */
  text?: boolean;
}) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text
        size={text ? 'md' : 'lg'}
        fw={600}
        className={text ? undefined : 'num'}
        data-testid={`${testId}-value`}
      >
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The one-figure totals cards: test id, label key, the figure and how it is formatted. */
const FIGURES: {
  testId: string;
  label: string;
  get: (t: RunTotalsDto) => number;
  fmt: 'rupiah' | 'bp';
}[] = [
  { testId: 'total-bv', label: 'totals.bv', get: (x) => x.bv, fmt: 'rupiah' },
  { testId: 'total-bonuses', label: 'totals.bonuses', get: (x) => x.bonuses, fmt: 'rupiah' },
  { testId: 'total-ratio', label: 'totals.ratio', get: (x) => x.payoutRatioBp, fmt: 'bp' },
  { testId: 'total-net', label: 'totals.net', get: (x) => x.net, fmt: 'rupiah' },
  { testId: 'total-tax', label: 'totals.tax', get: (x) => x.tax, fmt: 'rupiah' },
  { testId: 'total-carry', label: 'totals.carryOut', get: (x) => x.carryOut, fmt: 'rupiah' },
];

/** Totals cards of a run (preview or committed), with the previous run's value when known. */
export function TotalsCards({
  totals,
  previous,
}: {
  totals: RunTotalsExt;
  previous?: PreviewDto['previous'] | undefined;
}) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const p = previous?.totals;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="close-totals">
      {FIGURES.map((c) => (
        <Card
          key={c.testId}
          testId={c.testId}
          label={t(c.label)}
          value={f[c.fmt](c.get(totals))}
          hint={p ? t('totals.previous', { value: f[c.fmt](c.get(p)) }) : undefined}
        />
      ))}
      <Card
        testId="total-members"
        label={t('totals.members')}
        value={t('totals.membersValue', {
          paid: f.number(totals.paid),
          held: f.number(totals.held),
        })}
        text
      />
      <Card
        testId="total-adjustments"
        label={`${t('totals.adjustments')} / ${t('totals.clawbacks')}`}
        value={`${f.rupiah(totals.adjustments)} / ${f.rupiah(-totals.clawbacks)}`}
        text
      />
    </SimpleGrid>
  );
}

function SmallGrid<R>({
  rows,
  columns,
  testId,
  onOpen,
}: {
  rows: R[];
  columns: ColDef<R>[];
  testId: string;
  onOpen?: ((row: R) => void) | undefined;
}) {
  return (
    <DataGrid<R>
      testId={testId}
      height={Math.min(420, 48 + Math.max(rows.length, 3) * 37)}
      rowData={rows}
      columnDefs={columns}
      defaultColDef={{ ...defaultColDef, sortable: true }}
      onRowDoubleClicked={(e) => e.data && onOpen?.(e.data)}
    />
  );
}

const money = (f: Formatters) => ({
  cellClass: 'num',
  type: 'rightAligned',
  valueFormatter: (p: { value: unknown }) => (typeof p.value === 'number' ? f.rupiah(p.value) : ''),
});

function diffColumns(t: T, f: Formatters): ColDef<DiffRow>[] {
  return [
    { field: 'code', headerName: t('columns.code'), width: 120 },
    { field: 'name', headerName: t('columns.name'), flex: 1, minWidth: 140 },
    { field: 'rankBefore', headerName: t('columns.rankBefore'), width: 120 },
    { field: 'rankAfter', headerName: t('columns.rankAfter'), width: 120 },
    { field: 'grossBefore', headerName: t('columns.grossBefore'), width: 140, ...money(f) },
    { field: 'grossAfter', headerName: t('columns.grossAfter'), width: 140, ...money(f) },
    { field: 'netAfter', headerName: t('columns.netAfter'), width: 140, ...money(f) },
    {
      field: 'delta',
      headerName: t('columns.delta'),
      width: 130,
      ...money(f),
      cellStyle: (p) => ((p.value ?? 0) < 0 ? { color: 'var(--mantine-color-red-7)' } : null),
    },
  ];
}

/** The review of a preview: what the accountant compares before committing. */
export function PreviewReview({
  p,
  onExplain,
}: {
  p: PreviewDto;
  onExplain: (code: string) => void;
}) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const [tab, setTab] = useState<string | null>('top');
  const cols = useMemo(() => {
    type Top = PreviewDto['topEarners'][number];
    type Rank = PreviewDto['rankChanges']['rows'][number];
    type Held = PreviewDto['held']['rows'][number];
    const top: ColDef<Top>[] = [
      { field: 'code', headerName: t('columns.code'), width: 120 },
      { field: 'name', headerName: t('columns.name'), flex: 1, minWidth: 140 },
      { field: 'rank', headerName: t('columns.rank'), width: 110 },
      { field: 'bonusTotal', headerName: t('columns.bonusTotal'), width: 150, ...money(f) },
      { field: 'gross', headerName: t('columns.gross'), width: 140, ...money(f) },
      { field: 'net', headerName: t('columns.net'), width: 140, ...money(f) },
      {
        field: 'paid',
        headerName: t('columns.paid'),
        width: 90,
        valueFormatter: (x) => (x.value ? t('yes') : t('no')),
      },
    ];
    const ranks: ColDef<Rank>[] = [
      { field: 'code', headerName: t('columns.code'), width: 120 },
      { field: 'name', headerName: t('columns.name'), flex: 1, minWidth: 140 },
      {
        field: 'from',
        headerName: t('columns.from'),
        width: 120,
        valueFormatter: (x) => x.value ?? t('none'),
      },
      { field: 'to', headerName: t('columns.to'), width: 120 },
    ];
    const held: ColDef<Held>[] = [
      { field: 'code', headerName: t('columns.code'), width: 120 },
      { field: 'name', headerName: t('columns.name'), flex: 1, minWidth: 140 },
      { field: 'available', headerName: t('columns.available'), width: 150, ...money(f) },
      {
        field: 'reasons',
        headerName: t('columns.reasons'),
        flex: 1,
        valueFormatter: (x) => (Array.isArray(x.value) ? x.value.join(', ') : ''),
      },
    ];
    return { top, ranks, held, diff: diffColumns(t, f) };
  }, [t, f]);
  const open = (r: { code: string }) => onExplain(r.code);
  /** A grid of at most the rows main sent, and a note when there are more. */
  const cappedGrid = <R extends { code: string }>(
    rows: R[],
    columns: ColDef<R>[],
    testId: string,
    count: number,
  ) => (
    <Stack gap={4}>
      <SmallGrid rows={rows} columns={columns} testId={testId} onOpen={open} />
      {count > rows.length ? (
        <Text size="xs" c="dimmed">
          {t('review.capped', { shown: f.number(rows.length), count: f.number(count) })}
        </Text>
      ) : null}
    </Stack>
  );
  const note = (key: string) => (
    <Text size="sm" c="dimmed">
      {t(key)}
    </Text>
  );

  return (
    <Stack gap="md" data-testid="close-review">
      <Group justify="space-between" align="flex-end">
        <Box>
          <Title order={3} size="h4">
            {t('review.title', { period: f.period(p.period) })}
          </Title>
          <Text size="xs" c="dimmed">
            {t('review.computedAt', { at: f.dateTime(p.computedAt), user: p.previewedBy })} ·{' '}
            {t('review.plan', { version: p.planVersion })}
          </Text>
        </Box>
        <Text size="xs" c="dimmed">
          {t('review.runHash')}: <Code data-testid="review-hash">{p.runHash.slice(0, 16)}…</Code>
        </Text>
      </Group>
      {p.warnings.length ? (
        <Alert
          color="yellow"
          variant="light"
          title={t('review.warnings')}
          data-testid="review-warnings"
        >
          <List size="sm">
            {p.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <TotalsCards totals={p.totals} previous={p.previous} />
      <Paper withBorder radius="md" p="sm">
        <Text size="sm" fw={500} mb={4}>
          {t('review.bonuses')}
        </Text>
        <Table fz="sm" verticalSpacing={4}>
          <Table.Tbody>
            {p.bonusTotals.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>
                  <Code>{b.id}</Code>{' '}
                  <Text span size="xs" c="dimmed">
                    {b.type}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {f.rupiah(b.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="top">{t('review.tabs.top')}</Tabs.Tab>
          <Tabs.Tab value="diffPrevious" data-testid="tab-diff-previous">
            {t('review.tabs.diffPrevious', { count: f.number(p.diffPrevious.changed) })}
          </Tabs.Tab>
          <Tabs.Tab value="diffPreview" data-testid="tab-diff-preview">
            {t('review.tabs.diffPreview', { count: f.number(p.diffPreview.changed) })}
          </Tabs.Tab>
          <Tabs.Tab value="ranks">{t('review.tabs.ranks')}</Tabs.Tab>
          <Tabs.Tab value="held">
            {t('review.tabs.held', { count: f.number(p.held.count) })}
          </Tabs.Tab>
        </Tabs.List>
        <Box pt="sm">
          <Text size="xs" c="dimmed" mb={6}>
            {t('review.explainHint')}
          </Text>
          <Tabs.Panel value="top">
            <SmallGrid rows={p.topEarners} columns={cols.top} testId="grid-top" onOpen={open} />
          </Tabs.Panel>
          <Tabs.Panel value="diffPrevious">
            {p.diffPrevious.base === null
              ? note('review.noPrevious')
              : cappedGrid(
                  p.diffPrevious.rows,
                  cols.diff,
                  'grid-diff-previous',
                  p.diffPrevious.changed,
                )}
          </Tabs.Panel>
          <Tabs.Panel value="diffPreview">
            {p.diffPreview.base === null
              ? note('review.noPreviousPreview')
              : p.diffPreview.changed === 0
                ? note('review.unchanged')
                : cappedGrid(
                    p.diffPreview.rows,
                    cols.diff,
                    'grid-diff-preview',
                    p.diffPreview.changed,
                  )}
          </Tabs.Panel>
          <Tabs.Panel value="ranks">
            <Stack gap="sm">
              <Group gap="xs">
                <Badge color="teal" variant="light">
                  {t('review.promoted', { count: p.rankChanges.promoted })}
                </Badge>
                <Badge color="orange" variant="light">
                  {t('review.demoted', { count: p.rankChanges.demoted })}
                </Badge>
              </Group>
              {p.rankChanges.counts.length ? (
                <Table fz="sm" verticalSpacing={4} maw={420}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('columns.from')}</Table.Th>
                      <Table.Th>{t('columns.to')}</Table.Th>
                      <Table.Th ta="right">{t('columns.count')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.rankChanges.counts.map((r) => (
                      <Table.Tr key={`${r.from}-${r.to}`}>
                        <Table.Td>{r.from ?? t('none')}</Table.Td>
                        <Table.Td>{r.to ?? t('none')}</Table.Td>
                        <Table.Td ta="right" className="num">
                          {f.number(r.count)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : null}
              {p.rankChanges.rows.length ? (
                <SmallGrid
                  rows={p.rankChanges.rows}
                  columns={cols.ranks}
                  testId="grid-ranks"
                  onOpen={open}
                />
              ) : null}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="held">
            {cappedGrid(p.held.rows, cols.held, 'grid-held', p.held.count)}
          </Tabs.Panel>
        </Box>
      </Tabs>
    </Stack>
  );
}
