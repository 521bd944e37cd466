import type { ReactNode } from 'react';
import { Center, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Dashboard } from '../../../../shared/ipc/system.contract';
import { useFormat } from '../../lib/format';

const HEIGHT = 260;
const AXIS = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
const TOOLTIP_STYLE = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 8,
  fontSize: 13,
};

function ChartCard({
  title,
  empty,
  testId,
  children,
}: {
  title: string;
  empty: string | null;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
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

export function SalesChart({ months }: { months: Dashboard['months'] }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const data = months.map((m) => ({ ...m, label: f.period(m.period, 'short') }));
  return (
    <ChartCard
      title={t('sales.title')}
      empty={months.length ? null : t('sales.empty')}
      testId="chart-sales"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid
            strokeDasharray="3 3"
            stroke="var(--mantine-color-default-border)"
            vertical={false}
          />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={88}
            tickFormatter={(v: number) => f.rupiahCompact(v)}
          />
          <Tooltip
            formatter={(v) => f.rupiah(Number(v))}
            contentStyle={TOOLTIP_STYLE}
            cursor={{ fill: 'var(--mantine-color-default-hover)' }}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          <Bar
            dataKey="sales"
            name={t('sales.sales')}
            fill="var(--mantine-color-indigo-6)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
          <Bar
            dataKey="bv"
            name={t('sales.bv')}
            fill="var(--mantine-color-teal-6)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function NewMembersChart({ newMembers }: { newMembers: Dashboard['newMembers'] }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const data = newMembers.map((m) => ({ ...m, label: f.period(m.period, 'short') }));
  return (
    <ChartCard
      title={t('newMembers.title')}
      empty={newMembers.length ? null : t('newMembers.empty')}
      testId="chart-new-members"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid
            strokeDasharray="3 3"
            stroke="var(--mantine-color-default-border)"
            vertical={false}
          />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} />
          <YAxis
            tick={AXIS}
            tickLine={false}
            axisLine={false}
            width={48}
            allowDecimals={false}
            tickFormatter={(v: number) => f.number(v)}
          />
          <Tooltip
            formatter={(v) => f.number(Number(v))}
            contentStyle={TOOLTIP_STYLE}
            cursor={{ fill: 'var(--mantine-color-default-hover)' }}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          <Bar
            dataKey="distributors"
            name={t('newMembers.distributors')}
            stackId="m"
            fill="var(--mantine-color-indigo-6)"
            isAnimationActive={false}
          />
          <Bar
            dataKey="customers"
            name={t('newMembers.customers')}
            stackId="m"
            fill="var(--mantine-color-orange-5)"
            radius={[4, 4, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
