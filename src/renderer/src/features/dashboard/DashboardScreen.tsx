import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../lib/api';
import { NewMembersChart, SalesChart } from './DashboardCharts';
import { DemoOffer } from './DemoOffer';
import { MonthlyTable } from './MonthlyTable';
import { RunCharts } from './RunCharts';
import { StatCards } from './StatCards';

export function DashboardScreen() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const info = useQuery('system:info', {});
  const dash = useQuery('system:dashboard', {});
  const refresh = () => {
    info.refetch();
    dash.refetch();
  };
  const isEmpty = info.data !== undefined && info.data.counts.members === 0;
  const hasHistory =
    !!dash.data && (dash.data.months.length > 0 || dash.data.newMembers.length > 0);

  return (
    <Screen title={tc('nav.dashboard')} subtitle={t('subtitle')}>
      <Stack gap="md">
        {info.error ? <ErrorAlert error={info.error} onRetry={refresh} /> : null}
        {dash.error ? <ErrorAlert error={dash.error} onRetry={refresh} /> : null}
        {isEmpty ? <DemoOffer onCreated={refresh} /> : null}
        <StatCards counts={info.data?.counts} />
        {dash.data && hasHistory ? (
          <>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <SalesChart months={dash.data.months} />
              <NewMembersChart newMembers={dash.data.newMembers} />
            </SimpleGrid>
            <MonthlyTable months={dash.data.months} />
            <RunCharts />
          </>
        ) : null}
      </Stack>
    </Screen>
  );
}
