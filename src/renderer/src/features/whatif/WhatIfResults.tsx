import { useMemo, useState } from 'react';
import {
  Accordion,
  Alert,
  Badge,
  Box,
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
import { AgGridReact } from 'ag-grid-react';
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
import { defaultColDef, gridTheme, useGridLocaleText } from '../../lib/grid';
import { categoryXAxis, countYAxis, GRID_STROKE, TOOLTIP_STYLE } from '../../components/charts';
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

function TotalsTable({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  const { baseline: b, candidate: c } = result.totals;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5">
          {t('totals.title')}
        </Title>
        {result.periods.length > 1 ? (
          <Text size="xs" c="dimmed">
            {t('totals.perPeriods', { count: result.periods.length })}
          </Text>
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={6} data-testid="whatif-totals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('totals.metric')}</Table.Th>
              <Table.Th ta="right">{t('totals.current')}</Table.Th>
              <Table.Th ta="right">{t('totals.candidate')}</Table.Th>
              <Table.Th ta="right">{t('totals.diff')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {METRICS.map((m) => {
              const x = m.get(b);
              const y = m.get(c);
              const name = m.name;
              return (
                <Table.Tr key={name} data-testid={`whatif-total-${name}`}>
                  <Table.Td>{t(`totals.${name}`)}</Table.Td>
                  <Table.Td ta="right" className="num">
                    {fmt(f, m.kind, x)}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {fmt(f, m.kind, y)}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text span size="sm" fw={600} c={diffColor(y - x)}>
                      {fmt(f, m.kind, y - x, true)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function ByBonus({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const { t: tp } = useTranslation('plan');
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="md" h="100%">
      <Title order={2} size="h5" mb="xs">
        {t('byBonus.title')}
      </Title>
      <Table verticalSpacing={6} data-testid="whatif-by-bonus">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('byBonus.bonus')}</Table.Th>
            <Table.Th ta="right">{t('totals.current')}</Table.Th>
            <Table.Th ta="right">{t('totals.candidate')}</Table.Th>
            <Table.Th ta="right">{t('totals.diff')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
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
              <Table.Td ta="right" className="num">
                {f.rupiah(b.baseline)}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {f.rupiah(b.candidate)}
              </Table.Td>
              <Table.Td ta="right" className="num">
                <Text span size="sm" fw={600} c={diffColor(b.candidate - b.baseline)}>
                  {signedRupiah(f, b.candidate - b.baseline)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function ByRank({ result }: { result: WhatIfResultDto }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="md" h="100%">
      <Title order={2} size="h5" mb="xs">
        {t('byRank.title')}
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={6} data-testid="whatif-by-rank">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('byRank.rank')}</Table.Th>
              <Table.Th ta="right">{t('byRank.members')}</Table.Th>
              <Table.Th ta="right">{t('totals.current')}</Table.Th>
              <Table.Th ta="right">{t('totals.candidate')}</Table.Th>
              <Table.Th ta="right">{t('totals.diff')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.byRank.map((r) => {
              const d = r.candidateBonuses - r.baselineBonuses;
              return (
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
                  <Table.Td ta="right" className="num">
                    {f.rupiah(r.baselineBonuses)}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {f.rupiah(r.candidateBonuses)}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text span size="sm" fw={600} c={diffColor(d)}>
                      {signedRupiah(f, d)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function MembersGrid({ rows }: { rows: WhatIfMemberRow[] }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  const localeText = useGridLocaleText();
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
      {
        field: 'baseline',
        headerName: t('members.current'),
        width: 150,
        minWidth: 140,
        cellClass: 'num',
        sortable: true,
        valueFormatter: (p) => f.rupiah(p.value as number),
      },
      {
        field: 'candidate',
        headerName: t('members.candidate'),
        width: 150,
        minWidth: 140,
        cellClass: 'num',
        sortable: true,
        valueFormatter: (p) => f.rupiah(p.value as number),
      },
      {
        field: 'diff',
        headerName: t('members.diff'),
        width: 150,
        minWidth: 140,
        cellClass: 'num',
        sortable: true,
        valueFormatter: (p) => signedRupiah(f, p.value as number),
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
    <Box h={380} data-testid="whatif-members-grid">
      <AgGridReact<WhatIfMemberRow>
        key={f.lang}
        theme={gridTheme}
        localeText={localeText}
        rowData={rows}
        columnDefs={cols}
        defaultColDef={defaultColDef}
        getRowId={(p) => p.data.code}
        autoSizeStrategy={{ type: 'fitGridWidth' }}
        overlayNoRowsTemplate={t('members.empty')}
      />
    </Box>
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
            <SegmentedControl
              size="xs"
              value={measure}
              onChange={(v) => setMeasure(v as 'bonuses' | 'net')}
              data={[
                { value: 'bonuses', label: t('members.measure.bonuses') },
                { value: 'net', label: t('members.measure.net') },
              ]}
              data-testid="whatif-measure"
            />
            <SegmentedControl
              size="xs"
              value={list}
              onChange={(v) => setList(v as 'gainers' | 'losers')}
              data={[
                { value: 'gainers', label: t('members.list.gainers') },
                { value: 'losers', label: t('members.list.losers') },
              ]}
              data-testid="whatif-list"
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
        <StatCard
          label={t('totals.bonuses')}
          testId="whatif-card-bonuses"
          before={b.bonuses}
          after={c.bonuses}
          kind="money"
        />
        <StatCard
          label={t('totals.payoutRatio')}
          testId="whatif-card-ratio"
          before={b.payoutRatioBp}
          after={c.payoutRatioBp}
          kind="bp"
        />
        <StatCard
          label={t('totals.net')}
          testId="whatif-card-net"
          before={b.net}
          after={c.net}
          kind="money"
        />
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
