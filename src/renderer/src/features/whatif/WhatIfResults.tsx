import { useMemo, useState, type ReactNode } from 'react';
import {
  Accordion,
  Alert,
  Badge,
  Center,
  Grid,
  Group,
  List,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  WhatIfMemberRow,
  WhatIfResultDto,
  WhatIfTotals,
} from '../../../../shared/ipc/whatif.contract';
import type { PlanChange } from '../../../../shared/plan-diff';
import { useFormat, type Formatters } from '../../lib/format';
import { categoryXAxis, countYAxis, GRID_STROKE, TOOLTIP_STYLE } from '../../components/charts';
import { TableHead, TablePanel, type HeadCell } from '../../components/TablePanel';
import { DataGrid } from '../../components/DataGrid';
import { PlanChanges } from '../plan/PlanChanges';

/**
 * The comparison side by side: totals (current plan vs candidate vs difference), per bonus, per
 * rank, the members gaining and losing the most (AG Grid with both amounts and the difference)
 * and the distribution of the per-member changes (recharts histogram).
 */

const UP = 'var(--mantine-color-teal-6)';
const DOWN = 'var(--mantine-color-red-6)';

function diffColor(d: number): string | undefined {
  return d > 0 ? 'teal' : d < 0 ? 'red' : undefined;
}

function signedRupiah(f: Formatters, d: number): string {
  return d > 0 ? `+${f.rupiah(d)}` : f.rupiah(d);
}

function signedNumber(f: Formatters, d: number): string {
  return d > 0 ? `+${f.number(d)}` : f.number(d);
}

function signedBp(f: Formatters, d: number): string {
  return d > 0 ? `+${f.bp(d)}` : f.bp(d);
}

type Kind = 'money' | 'bp' | 'count';

interface Metric {
  /** Key of the label `totals.<name>` and of the row's test id. */
  name: string;
  kind: Kind;
  get: (t: WhatIfTotals) => number;
}

const METRICS: Metric[] = [
  { name: 'bv', kind: 'money', get: (t) => t.bv },
  { name: 'bonuses', kind: 'money', get: (t) => t.bonuses },
  { name: 'payoutRatio', kind: 'bp', get: (t) => t.payoutRatioBp },
  { name: 'gross', kind: 'money', get: (t) => t.gross },
  { name: 'tax', kind: 'money', get: (t) => t.tax },
  { name: 'net', kind: 'money', get: (t) => t.net },
  { name: 'carryOut', kind: 'money', get: (t) => t.carryOut },
  { name: 'earners', kind: 'count', get: (t) => t.earners },
  { name: 'paid', kind: 'count', get: (t) => t.paid },
  { name: 'active', kind: 'count', get: (t) => t.active },
];

/** The cards above the totals table: metric name and test id suffix. */
const CARDS = [
  ['bonuses', 'bonuses'],
  ['payoutRatio', 'ratio'],
  ['net', 'net'],
] as const;

function fmt(f: Formatters, kind: Kind, v: number, signed = false): string {
  if (kind === 'money') return signed ? signedRupiah(f, v) : f.rupiah(v);
  if (kind === 'bp') return signed ? signedBp(f, v) : f.bp(v);
  return signed ? signedNumber(f, v) : f.number(v);
}

function StatCard({
  label,
  testId,
  before,
  after,
  kind,
}: {
  label: string;
  testId: string;
  before: number;
  after: number;
  kind: Kind;
}) {
  const f = useFormat();
  const d = after - before;
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group gap={6} align="baseline" wrap="wrap">
        <Text size="sm" c="dimmed" className="num" data-testid={`${testId}-before`}>
          {fmt(f, kind, before)}
        </Text>
        <Text size="sm" c="dimmed">
          →
        </Text>
        <Text fw={700} size="lg" className="num" data-testid={`${testId}-after`}>
          {fmt(f, kind, after)}
        </Text>
      </Group>
      <Text size="sm" fw={600} c={diffColor(d)} className="num" data-testid={`${testId}-diff`}>
        {fmt(f, kind, d, true)}
      </Text>
    </Paper>
  );
}

/**
 * A comparison table in its card: the caller's first columns, then current, candidate and
 * difference (rows fill them with CompareCells).
 */
function CompareTable({
  title,
  aside,
  h,
  minWidth,
  testId,
  head,
  children,
}: {
  title: string;
  aside?: ReactNode;
  h?: string;
  minWidth?: number;
  testId: string;
  head: HeadCell[];
  children: ReactNode;
}) {
  const { t } = useTranslation('whatif');
  return (
    <TablePanel title={title} aside={aside} h={h} minWidth={minWidth}>
      <Table verticalSpacing={6} data-testid={testId}>
        <TableHead
          cells={[
            ...head,
            { label: t('totals.current'), right: true },
            { label: t('totals.candidate'), right: true },
            { label: t('totals.diff'), right: true },
          ]}
        />
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </TablePanel>
  );
}

/** The cells under CompareTable's last columns: both values and the signed, coloured difference. */
function CompareCells({ before, after, kind }: { before: number; after: number; kind: Kind }) {
  const f = useFormat();
  return (
    <>
      <Table.Td ta="right" className="num">
        {fmt(f, kind, before)}
      </Table.Td>
      <Table.Td ta="right" className="num">
        {fmt(f, kind, after)}
      </Table.Td>
      <Table.Td ta="right" className="num">
        <Text span size="sm" fw={600} c={diffColor(after - before)}>
          {fmt(f, kind, after - before, true)}
        </Text>
      </Table.Td>
    </>
  );
}

function TotalsTable({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const { baseline: b, candidate: c } = result.totals;
  return (
    <CompareTable
      title={t('totals.title')}
      aside={
        result.periods.length > 1 ? (
          <Text size="xs" c="dimmed">
            {t('totals.perPeriods', { count: result.periods.length })}
          </Text>
        ) : null
      }
      minWidth={520}
      testId="whatif-totals"
      head={[{ label: t('totals.metric') }]}
    >
      {METRICS.map((m) => (
        <Table.Tr key={m.name} data-testid={`whatif-total-${m.name}`}>
          <Table.Td>{t(`totals.${m.name}`)}</Table.Td>
          <CompareCells before={m.get(b)} after={m.get(c)} kind={m.kind} />
        </Table.Tr>
      ))}
    </CompareTable>
  );
}

function ByBonus({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const { t: tp } = useTranslation('plan');
  return (
    <CompareTable
      title={t('byBonus.title')}
      h="100%"
      testId="whatif-by-bonus"
      head={[{ label: t('byBonus.bonus') }]}
    >
      {result.byBonus.map((b) => (
        <Table.Tr key={b.id} data-testid={`whatif-bonus-${b.id}`}>
          <Table.Td>
            <Text size="sm" fw={500}>
              {tp(`types.${b.type}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {b.id}
              {!b.inCandidate ? ` · ${t('byBonus.notInCandidate')}` : ''}
              {!b.inBaseline ? ` · ${t('byBonus.newInCandidate')}` : ''}
            </Text>
          </Table.Td>
          <CompareCells before={b.baseline} after={b.candidate} kind="money" />
        </Table.Tr>
      ))}
    </CompareTable>
  );
}

function ByRank({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  return (
    <CompareTable
      title={t('byRank.title')}
      h="100%"
      minWidth={520}
      testId="whatif-by-rank"
      head={[{ label: t('byRank.rank') }, { label: t('byRank.members'), right: true }]}
    >
      {result.byRank.map((r) => (
        <Table.Tr
          key={r.rank ?? '(customers)'}
          data-testid={`whatif-rank-${r.rank ?? 'customers'}`}
        >
          <Table.Td>{r.rank ?? t('byRank.customers')}</Table.Td>
          <Table.Td ta="right" className="num" style={{ whiteSpace: 'nowrap' }}>
            {r.baselineMembers === r.candidateMembers
              ? f.number(r.baselineMembers)
              : `${f.number(r.baselineMembers)} → ${f.number(r.candidateMembers)}`}
          </Table.Td>
          <CompareCells before={r.baselineBonuses} after={r.candidateBonuses} kind="money" />
        </Table.Tr>
      ))}
    </CompareTable>
  );
}

/** A sortable amount column of the members grid. */
function amountColumn(
  field: 'baseline' | 'candidate' | 'diff',
  headerName: string,
  format: (v: number) => string,
): ColDef<WhatIfMemberRow> {
  return {
    field,
    headerName,
    width: 150,
    minWidth: 140,
    cellClass: 'num',
    sortable: true,
    valueFormatter: (p) => format(p.value as number),
  };
}

function MembersGrid({ rows }: { rows: WhatIfMemberRow[] }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  const cols = useMemo<ColDef<WhatIfMemberRow>[]>(
    () => [
      { field: 'code', headerName: t('members.code'), width: 115, minWidth: 105, pinned: 'left' },
      { field: 'name', headerName: t('members.name'), width: 220, minWidth: 140 },
      {
        colId: 'rank',
        headerName: t('members.rank'),
        width: 140,
        minWidth: 110,
        valueGetter: (p) =>
          p.data
            ? p.data.baselineRank === p.data.candidateRank
              ? (p.data.baselineRank ?? '—')
              : `${p.data.baselineRank ?? '—'} → ${p.data.candidateRank ?? '—'}`
            : '',
      },
      amountColumn('baseline', t('members.current'), (v) => f.rupiah(v)),
      amountColumn('candidate', t('members.candidate'), (v) => f.rupiah(v)),
      {
        ...amountColumn('diff', t('members.diff'), (v) => signedRupiah(f, v)),
        // Room on the right for the vertical scrollbar, which may overlay the last column.
        cellStyle: (p) => {
          const v = p.value as number;
          const color = v > 0 ? UP : v < 0 ? DOWN : 'inherit';
          return { color, fontWeight: 600, paddingRight: 28 };
        },
      },
    ],
    [t, f],
  );
  return (
    <DataGrid<WhatIfMemberRow>
      testId="whatif-members-grid"
      height={380}
      rowData={rows}
      columnDefs={cols}
      getRowId={(p) => p.data.code}
      autoSizeStrategy={{ type: 'fitGridWidth' }}
      overlayNoRowsTemplate={t('members.empty')}
    />
  );
}

function Histogram({ buckets }: { buckets: { from: number; to: number; count: number }[] }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  const data = buckets.map((b) => ({ ...b, label: f.rupiahCompact(b.from) }));
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="whatif-histogram"
      data-buckets={buckets.length}
    >
      <Title order={2} size="h5" mb="sm">
        {t('histogram.title')}
      </Title>
      {data.length === 0 ? (
        <Center h={240}>
          <Text c="dimmed" size="sm">
            {t('histogram.empty')}
          </Text>
        </Center>
      ) : (
        <div style={{ width: '100%', height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={data}
              margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
              barCategoryGap={1}
            >
              <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />
              <XAxis {...categoryXAxis('label')} interval="preserveStartEnd" />
              <YAxis {...countYAxis(f, 44)} />
              <Tooltip
                contentStyle={TOOLTIP_STYLE}
                labelFormatter={(_l, payload) => {
                  const p = payload?.[0]?.payload as { from: number; to: number } | undefined;
                  return p
                    ? t('histogram.range', { from: f.rupiah(p.from), to: f.rupiah(p.to) })
                    : '';
                }}
                formatter={(v) => [f.number(Number(v)), t('histogram.members')]}
              />
              <Bar
                dataKey="count"
                name={t('histogram.members')}
                isAnimationActive={false}
                radius={[3, 3, 0, 0]}
              >
                {data.map((b, i) => (
                  <Cell key={i} fill={b.from < 0 ? DOWN : UP} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </Paper>
  );
}

/** A small segmented choice; option `x` is labelled `whatif:<labels>.x`. */
function Choice<V extends string>({
  value,
  onChange,
  options,
  labels,
  testId,
}: {
  value: V;
  onChange: (v: V) => void;
  options: readonly V[];
  labels: string;
  testId: string;
}) {
  const { t } = useTranslation('whatif');
  return (
    <SegmentedControl
      size="xs"
      value={value}
      onChange={(v) => onChange(v as V)}
      data={options.map((o) => ({ value: o, label: t(`${labels}.${o}`) }))}
      data-testid={testId}
    />
  );
}

function Members({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  const [measure, setMeasure] = useState<'bonuses' | 'net'>('bonuses');
  const [list, setList] = useState<'gainers' | 'losers'>('gainers');
  const m = result.members[measure];
  const rows = list === 'gainers' ? m.topGainers : m.topLosers;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Title order={2} size="h5">
            {t('members.title')}
          </Title>
          <Group gap="sm">
            <Choice
              value={measure}
              onChange={setMeasure}
              options={['bonuses', 'net']}
              labels="members.measure"
              testId="whatif-measure"
            />
            <Choice
              value={list}
              onChange={setList}
              options={['gainers', 'losers']}
              labels="members.list"
              testId="whatif-list"
            />
          </Group>
        </Group>
        <Text size="sm" c="dimmed" mb="xs" data-testid="whatif-member-counts">
          {t('members.counts', {
            compared: f.number(m.compared),
            gainers: f.number(m.gainers),
            gain: signedRupiah(f, m.totalGain),
            losers: f.number(m.losers),
            loss: signedRupiah(f, m.totalLoss),
            unchanged: f.number(m.unchanged),
          })}
        </Text>
        <MembersGrid rows={rows} />
      </Paper>
      <Histogram buckets={m.histogram.buckets} />
    </Stack>
  );
}

export function WhatIfResults({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  const b = result.totals.baseline;
  const c = result.totals.candidate;
  const plans = result.baselinePlans.map((p) => `v${p.version} “${p.name}”`).join(', ');
  return (
    <Stack gap="md" data-testid="whatif-results">
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="xs" data-testid="whatif-title">
          {t('result.title', { candidate: result.candidate.name, plans })}
        </Title>
        <Group gap="xs">
          {result.perPeriod.map((p, i) => (
            <Badge
              key={p.period}
              variant="light"
              color={p.reproduced ? 'green' : 'orange'}
              tt="none"
              size="lg"
              data-testid={`whatif-period-${p.period}`}
              data-reproduced={p.reproduced}
              title={
                p.chained && i > 0
                  ? t('result.chained', { period: result.perPeriod[i - 1]!.period })
                  : undefined
              }
            >
              {p.reproduced
                ? t('result.reproduced', { period: f.period(p.period) })
                : t('result.notReproduced', { period: f.period(p.period) })}
            </Badge>
          ))}
        </Group>
      </Paper>
      {result.warnings.length ? (
        <Alert color="orange" variant="light" title={t('result.warnings')}>
          <List size="sm">
            {result.warnings.map((w, i) => (
              <List.Item key={i}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <Accordion variant="contained" radius="md" defaultValue="changes">
        <Accordion.Item value="changes">
          <Accordion.Control data-testid="whatif-changes-toggle">
            {t('result.changes', { count: result.planChanges.length })}
          </Accordion.Control>
          <Accordion.Panel>
            <PlanChanges changes={result.planChanges as PlanChange[]} testId="whatif-changes" />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {CARDS.map(([name, id]) => {
          const m = METRICS.find((x) => x.name === name)!;
          return (
            <StatCard
              key={id}
              label={t(`totals.${name}`)}
              testId={`whatif-card-${id}`}
              before={m.get(b)}
              after={m.get(c)}
              kind={m.kind}
            />
          );
        })}
      </SimpleGrid>
      <TotalsTable result={result} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 6 }}>
          <ByBonus result={result} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 6 }}>
          <ByRank result={result} />
        </Grid.Col>
      </Grid>
      <Members result={result} />
    </Stack>
  );
}
