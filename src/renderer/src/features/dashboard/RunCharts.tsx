import type { ReactNode } from 'react';
import {
  Alert,
  Button,
  Center,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ReportsDashboard } from '../../../../shared/ipc/reports.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { call, useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useDownload } from '../payouts/download';
import '../reports/print.css';

/**
 * Dashboard charts from closed periods (issue 8): payout ratio, active distributors, referral
 * conversion, rank distribution, unilevel payout per level, top earners. Data: `reports:dashboard`.
 * Texts live in the `reports` namespace (reports/messages.ts → dashboard.*).
 */

const HEIGHT = 250;
const AXIS = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
const TOOLTIP_STYLE = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 8,
  fontSize: 13,
};
const GRID = 'var(--mantine-color-default-border)';

function ChartCard({
  title,
  testId,
  empty,
  children,
}: {
  title: string;
  testId: string;
  empty: string | null;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} data-print-block>
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {empty ? (
        <Center h={HEIGHT}>
          <Text c="dimmed" size="sm">
            {empty}
          </Text>
        </Center>
      ) : (
        <div style={{ width: '100%', height: HEIGHT }}>{children}</div>
      )}
    </Paper>
  );
}

/** Payout ratio (line, %) over bonuses (bars) for every committed period. */
function PayoutRatioChart({ months }: { months: ReportsDashboard['months'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const data = months
    .filter((m) => m.committed)
    .map((m) => ({
      label: f.period(m.period, 'short'),
      bonuses: m.bonuses ?? 0,
      ratio: (m.payoutRatioBp ?? 0) / 100,
    }));
  return (
    <ChartCard
      title={t('dashboard.ratio')}
      testId="chart-payout-ratio"
      empty={data.length ? null : t('dashboard.noData')}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            yAxisId="rp"
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={80}
            tickFormatter={(v: number) => f.rupiahCompact(v)}
          />
          <YAxis
            yAxisId="pct"
            orientation="right"
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={48}
            tickFormatter={(v: number) => `${f.number(v)} %`}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            formatter={(v, name) =>
              name === t('dashboard.ratioLine')
                ? f.bp(Math.round(Number(v) * 100))
                : f.rupiah(Number(v))
            }
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar
            yAxisId="rp"
            dataKey="bonuses"
            name={t('dashboard.bonuses')}
            fill="var(--mantine-color-indigo-6)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
          <Line
            yAxisId="pct"
            dataKey="ratio"
            name={t('dashboard.ratioLine')}
            stroke="var(--mantine-color-orange-6)"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function ActiveChart({ months }: { months: ReportsDashboard['months'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const data = months
    .filter((m) => m.activeMembers !== null)
    .map((m) => ({ label: f.period(m.period, 'short'), active: m.activeMembers }));
  return (
    <ChartCard
      title={t('dashboard.active')}
      testId="chart-active"
      empty={data.length ? null : t('dashboard.noData')}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={48}
            allowDecimals={false}
            tickFormatter={(v: number) => f.number(v)}
          />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.number(Number(v))} />
          <Bar
            dataKey="active"
            name={t('dashboard.activeBar')}
            fill="var(--mantine-color-teal-6)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function ReferralChart({ months }: { months: ReportsDashboard['months'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const data = months
    .filter((m) => m.orders > 0 || m.referral.referees > 0)
    .map((m) => ({
      label: f.period(m.period, 'short'),
      referees: m.referral.referees,
      ordering: m.referral.orderingReferees,
      conversion: m.referral.conversionBp / 100,
    }));
  const any = data.some((d) => d.referees > 0);
  return (
    <ChartCard
      title={t('dashboard.referral')}
      testId="chart-referral"
      empty={any ? null : t('dashboard.noData')}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            yAxisId="n"
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={48}
            allowDecimals={false}
            tickFormatter={(v: number) => f.number(v)}
          />
          <YAxis
            yAxisId="pct"
            orientation="right"
            domain={[0, 100]}
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={48}
            tickFormatter={(v: number) => `${f.number(v)} %`}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            formatter={(v, name) =>
              name === t('dashboard.conversion')
                ? f.bp(Math.round(Number(v) * 100))
                : f.number(Number(v))
            }
          />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar
            yAxisId="n"
            dataKey="referees"
            name={t('dashboard.referees')}
            fill="var(--mantine-color-gray-5)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
          <Bar
            yAxisId="n"
            dataKey="ordering"
            name={t('dashboard.ordering')}
            fill="var(--mantine-color-grape-6)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
          <Line
            yAxisId="pct"
            dataKey="conversion"
            name={t('dashboard.conversion')}
            stroke="var(--mantine-color-orange-6)"
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function RanksChart({ ranks }: { ranks: ReportsDashboard['rankDistribution'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  return (
    <ChartCard
      title={t('dashboard.ranks')}
      testId="chart-ranks"
      empty={ranks.length ? null : t('dashboard.noData')}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={ranks} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={GRID} vertical={false} />
          <XAxis dataKey="rank" tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={48}
            allowDecimals={false}
            tickFormatter={(v: number) => f.number(v)}
          />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.number(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar
            dataKey="members"
            name={t('dashboard.rankMembers')}
            fill="var(--mantine-color-indigo-4)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="active"
            name={t('dashboard.rankActive')}
            fill="var(--mantine-color-indigo-7)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function LevelsChart({ levels }: { levels: ReportsDashboard['unilevelByLevel'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const data = levels.map((l) => ({ ...l, label: t('dashboard.level', { level: l.level }) }));
  return (
    <ChartCard
      title={t('dashboard.levels')}
      testId="chart-levels"
      empty={data.length ? null : t('dashboard.noData')}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={GRID} vertical={false} />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={80}
            tickFormatter={(v: number) => f.rupiahCompact(v)}
          />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => f.rupiah(Number(v))} />
          <Bar
            dataKey="amount"
            name={t('dashboard.levelAmount')}
            fill="var(--mantine-color-cyan-6)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function TopEarners({ rows }: { rows: ReportsDashboard['topEarners'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="md" data-testid="top-earners" data-print-block>
      <Title order={2} size="h5" mb="sm">
        {t('dashboard.top')}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.noData')}
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('compliance.code')}</Table.Th>
              <Table.Th>{t('compliance.name')}</Table.Th>
              <Table.Th>{t('compliance.rank')}</Table.Th>
              <Table.Th className="num">{t('dashboard.gross')}</Table.Th>
              <Table.Th className="num">{t('dashboard.net')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>{r.code}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.kind === 'customer' ? t('kinds.customer') : (r.rank ?? '')}</Table.Td>
                <Table.Td className="num">{f.rupiah(r.gross)}</Table.Td>
                <Table.Td className="num">{f.rupiah(r.net)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** The closed-period part of the dashboard; mounted by DashboardScreen with one line. */
export function RunCharts() {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const dash = useQuery('reports:dashboard', {});
  const dl = useDownload();
  const d = dash.data;
  if (dash.error) return <ErrorAlert error={dash.error} onRetry={dash.refetch} />;
  if (!d || (d.months.length === 0 && d.committedPeriods.length === 0)) return null;
  return (
    <Stack gap="md" data-testid="run-charts">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h4">
            {t('dashboard.title')}
          </Title>
          {d.runPeriod ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.forPeriod', { period: f.period(d.runPeriod) })}
            </Text>
          ) : null}
        </div>
        {d.runPeriod ? (
          <Group gap="sm" data-print-hide>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  size="xs"
                  loading={dl.running !== null}
                  data-testid="dashboard-export"
                >
                  {t('dashboard.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  onClick={() =>
                    void dl.run('xlsx', () =>
                      call('reports:exportDashboard', { format: 'xlsx', lang: f.lang }),
                    )
                  }
                >
                  XLSX
                </Menu.Item>
                <Menu.Item
                  onClick={() =>
                    void dl.run('csv', () =>
                      call('reports:exportDashboard', { format: 'csv', lang: f.lang }),
                    )
                  }
                >
                  CSV
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button variant="default" size="xs" onClick={() => window.print()}>
              {t('print')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {dl.error ? <ErrorAlert error={dl.error} /> : null}
      {dl.done ? (
        <Alert color="green" variant="light" withCloseButton onClose={dl.clear} data-print-hide>
          {t('downloaded', { file: dl.done })}
        </Alert>
      ) : null}
      {!d.runPeriod ? (
        <Text c="dimmed" size="sm" data-testid="run-charts-none">
          {t('dashboard.none')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <PayoutRatioChart months={d.months} />
        <ActiveChart months={d.months} />
        <ReferralChart months={d.months} />
        <RanksChart ranks={d.rankDistribution} />
        <LevelsChart levels={d.unilevelByLevel} />
        <TopEarners rows={d.topEarners} />
      </SimpleGrid>
    </Stack>
  );
}
