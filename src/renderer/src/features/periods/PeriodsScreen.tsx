import { Badge, Code, EmptyState, Paper, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconPeriods } from '../../components/icons';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';

export function PeriodsScreen() {
  const { t } = useTranslation('periods');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const periods = useQuery('periods:list', {});
  const rows = periods.data ? [...periods.data].reverse() : undefined; // newest first

  return (
    <Screen title={tc('nav.periods')} subtitle={t('subtitle')}>
      {periods.error ? <ErrorAlert error={periods.error} onRetry={periods.refetch} /> : null}
      {rows === undefined ? (
        periods.error ? null : (
          <Skeleton h={160} radius="md" />
        )
      ) : rows.length === 0 ? (
        <Paper withBorder radius="md" p="xl">
          <EmptyState
            variant="light"
            icon={<IconPeriods size={24} />}
            title={t('empty.title')}
            description={t('empty.body')}
          />
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="sm" data-testid="periods-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.period')}</Table.Th>
                <Table.Th>{t('columns.code')}</Table.Th>
                <Table.Th>{t('columns.status')}</Table.Th>
                <Table.Th>{t('columns.runHash')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.period}>
                  <Table.Td fw={500}>{f.period(p.period)}</Table.Td>
                  <Table.Td>
                    <Code>{p.period}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={p.status === 'closed' ? 'gray' : 'green'}>
                      {t(`status.${p.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {p.runHash ? (
                      <Tooltip label={p.runHash}>
                        <Code>{p.runHash.slice(0, 12)}…</Code>
                      </Tooltip>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('noRun')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Screen>
  );
}
