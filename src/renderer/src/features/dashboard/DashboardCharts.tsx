import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/ipc/system.contract';
import { useFormat } from '../../lib/format';
import { BarsChart, ChartCard, countYAxis, rupiahYAxis } from '../../components/charts';

const HEIGHT = 260;

export function SalesChart({ months }: { months: Dashboard['months'] }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const data = months.map((m) => ({ ...m, label: f.period(m.period, 'short') }));
  return (
    <ChartCard
      title={t('sales.title')}
      empty={months.length ? null : t('sales.empty')}
      testId="chart-sales"
      height={HEIGHT}
    >
      <BarsChart
        data={data}
        xKey="label"
        marginLeft={8}
        yAxis={rupiahYAxis(f, 88)}
        format={f.rupiah}
        hoverCursor
        legend="declared"
        bars={[
          { key: 'sales', name: t('sales.sales'), color: 'var(--mantine-color-indigo-6)' },
          { key: 'bv', name: t('sales.bv'), color: 'var(--mantine-color-teal-6)' },
        ]}
      />
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
      height={HEIGHT}
    >
      <BarsChart
        data={data}
        xKey="label"
        yAxis={countYAxis(f)}
        format={f.number}
        hoverCursor
        legend="declared"
        bars={[
          {
            key: 'distributors',
            name: t('newMembers.distributors'),
            color: 'var(--mantine-color-indigo-6)',
            stackId: 'm',
            square: true,
          },
          {
            key: 'customers',
            name: t('newMembers.customers'),
            color: 'var(--mantine-color-orange-5)',
            stackId: 'm',
          },
        ]}
      />
    </ChartCard>
  );
}
