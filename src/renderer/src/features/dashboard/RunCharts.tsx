import type { ReactNode } from 'react';
import {
  Alert,
  Button,
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
import type { ReportsDashboard } from '../../../../shared/ipc/reports.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { call, useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useDownload } from '../../lib/download';
import '../reports/print.css';
import {
  BarLineChart,
  BarsChart,
  ChartCard,
  countYAxis,
  rupiahYAxis,
} from '../../components/charts';

/**
 * Dashboard charts from closed periods (issue 8): payout ratio, active distributors, referral
 * conversion, rank distribution, unilevel payout per level, top earners. Data: `reports:dashboard`.
 * Texts live in the `reports` namespace (reports/messages.ts → dashboard.*).
 */

/** Card of one closed-period chart: kept whole when printed, "no data" when `hasData` is false. */
function RunChartCard({
  title,
  testId,
  hasData,
  children,
}: {
  title: string;
  testId: string;
  hasData: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('reports');
  return (
    <ChartCard
      title={title}
      testId={testId}
      empty={hasData ? null : t('dashboard.noData')}
      height={250}
      printBlock
    >
      {children}
    </ChartCard>
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
    <RunChartCard
      title={t('dashboard.ratio')}
      testId="chart-payout-ratio"
      hasData={data.length > 0}
    >
      <BarLineChart
        f={f}
        data={data}
        xKey="label"
        marginLeft={8}
        left={rupiahYAxis(f)}
        format={f.rupiah}
        bars={[
          { key: 'bonuses', name: t('dashboard.bonuses'), color: 'var(--mantine-color-indigo-6)' },
        ]}
        line={{
          key: 'ratio',
          name: t('dashboard.ratioLine'),
          color: 'var(--mantine-color-orange-6)',
        }}
      />
    </RunChartCard>
  );
}

function ActiveChart({ months }: { months: ReportsDashboard['months'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const data = months
    .filter((m) => m.activeMembers !== null)
    .map((m) => ({ label: f.period(m.period, 'short'), active: m.activeMembers }));
  return (
    <RunChartCard title={t('dashboard.active')} testId="chart-active" hasData={data.length > 0}>
      <BarsChart
        data={data}
        xKey="label"
        yAxis={countYAxis(f)}
        format={f.number}
        bars={[
          { key: 'active', name: t('dashboard.activeBar'), color: 'var(--mantine-color-teal-6)' },
        ]}
      />
    </RunChartCard>
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
    <RunChartCard title={t('dashboard.referral')} testId="chart-referral" hasData={any}>
      <BarLineChart
        f={f}
        data={data}
        xKey="label"
        left={countYAxis(f)}
        format={f.number}
        bars={[
          { key: 'referees', name: t('dashboard.referees'), color: 'var(--mantine-color-gray-5)' },
          { key: 'ordering', name: t('dashboard.ordering'), color: 'var(--mantine-color-grape-6)' },
        ]}
        line={{
          key: 'conversion',
          name: t('dashboard.conversion'),
          color: 'var(--mantine-color-orange-6)',
        }}
        percentDomain={[0, 100]}
      />
    </RunChartCard>
  );
}

function RanksChart({ ranks }: { ranks: ReportsDashboard['rankDistribution'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  return (
    <RunChartCard title={t('dashboard.ranks')} testId="chart-ranks" hasData={ranks.length > 0}>
      <BarsChart
        data={ranks}
        xKey="rank"
        yAxis={countYAxis(f)}
        format={f.number}
        legend="sorted"
        bars={[
          {
            key: 'members',
            name: t('dashboard.rankMembers'),
            color: 'var(--mantine-color-indigo-4)',
          },
          {
            key: 'active',
            name: t('dashboard.rankActive'),
            color: 'var(--mantine-color-indigo-7)',
          },
        ]}
      />
    </RunChartCard>
  );
}

function LevelsChart({ levels }: { levels: ReportsDashboard['unilevelByLevel'] }) {
  const { t } = useTranslation('reports');
  const f = useFormat();
  const data = levels.map((l) => ({ ...l, label: t('dashboard.level', { level: l.level }) }));
  return (
    <RunChartCard title={t('dashboard.levels')} testId="chart-levels" hasData={data.length > 0}>
      <BarsChart
        data={data}
        xKey="label"
        marginLeft={8}
        yAxis={rupiahYAxis(f)}
        format={f.rupiah}
        bars={[
          { key: 'amount', name: t('dashboard.levelAmount'), color: 'var(--mantine-color-cyan-6)' },
        ]}
      />
    </RunChartCard>
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
