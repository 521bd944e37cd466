import type { ReactNode } from 'react';
import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Compliance } from '../../../../shared/ipc/reports.contract';
import type { ScreenProps } from '../../app/routes';
import { navigate } from '../../app/router';
import { EmptyCard } from '../../components/EmptyCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconReports } from '../../components/icons';
import { Screen } from '../../components/Screen';
import { call, useQuery } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { useDownload } from '../../lib/download';
import './print.css';

/** `#/reports[/<period>]`: the compliance report of a committed period; export and print. */
export function ReportsScreen({ params }: ScreenProps) {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const dash = useQuery('reports:dashboard', {});
  const periods = dash.data ? [...dash.data.committedPeriods].reverse() : undefined;
  const period = periods?.includes(params[0] ?? '') ? params[0]! : periods?.[0];
  const report = useQuery(
    'reports:compliance',
    { period: period ?? '2000-01' },
    { enabled: Boolean(period) },
  );
  const dl = useDownload();

  return (
    <Screen
      title={tc('nav.reports')}
      subtitle={t('subtitle')}
      actions={
        period && periods ? (
          <Group gap="sm" data-print-hide>
            <Select
              aria-label={t('period')}
              w={190}
              allowDeselect={false}
              value={period}
              onChange={(v) => v && navigate('reports', v)}
              data={periods.map((p) => ({ value: p, label: f.period(p) }))}
              data-testid="reports-period"
            />
            <Button
              variant="default"
              loading={dl.running === 'csv'}
              data-testid="reports-export-csv"
              onClick={() =>
                void dl.run('csv', () =>
                  call('reports:exportCompliance', { period, format: 'csv', lang: f.lang }),
                )
              }
            >
              {t('exportCsv')}
            </Button>
            <Button
              variant="default"
              loading={dl.running === 'xlsx'}
              data-testid="reports-export-xlsx"
              onClick={() =>
                void dl.run('xlsx', () =>
                  call('reports:exportCompliance', { period, format: 'xlsx', lang: f.lang }),
                )
              }
            >
              {t('exportXlsx')}
            </Button>
            <Button onClick={() => window.print()} data-testid="reports-print">
              {t('print')}
            </Button>
          </Group>
        ) : null
      }
    >
      {dash.error ? <ErrorAlert error={dash.error} onRetry={dash.refetch} /> : null}
      {report.error ? <ErrorAlert error={report.error} onRetry={report.refetch} /> : null}
      {dl.error ? <ErrorAlert error={dl.error} /> : null}
      {dl.done ? (
        <Alert color="green" variant="light" withCloseButton onClose={dl.clear} data-print-hide>
          {t('downloaded', { file: dl.done })}
        </Alert>
      ) : null}
      {periods === undefined ? (
        dash.error ? null : (
          <Skeleton h={240} radius="md" />
        )
      ) : !period ? (
        <EmptyCard
          testId="reports-ready"
          icon={<IconReports size={24} />}
          title={t('empty.title')}
          description={t('empty.body')}
        />
      ) : report.data && report.data.period === period ? (
        <ComplianceReport c={report.data} f={f} />
      ) : (
        <Skeleton h={240} radius="md" />
      )}
    </Screen>
  );
}

function Card({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId} data-print-block>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl">
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

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} data-print-block>
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function ComplianceReport({ c, f }: { c: Compliance; f: Formatters }) {
  const { t } = useTranslation('reports');
  const d = c.incomeDisclosure.distributors;
  const num = { className: 'num' } as const;
  const dist = (label: string, x: typeof d) => (
    <Table.Tr key={label}>
      <Table.Td fw={500}>{label}</Table.Td>
      <Table.Td {...num}>{f.number(x.members)}</Table.Td>
      <Table.Td {...num}>{f.number(x.earners)}</Table.Td>
      <Table.Td {...num}>{f.rupiah(x.mean)}</Table.Td>
      <Table.Td {...num}>{f.rupiah(x.p25)}</Table.Td>
      <Table.Td {...num}>{f.rupiah(x.median)}</Table.Td>
      <Table.Td {...num}>{f.rupiah(x.p75)}</Table.Td>
      <Table.Td {...num}>{f.rupiah(x.p90)}</Table.Td>
      <Table.Td {...num}>{f.rupiah(x.p99)}</Table.Td>
      <Table.Td {...num}>{f.rupiah(x.max)}</Table.Td>
    </Table.Tr>
  );
  const hidden = c.noPurchaseEarners.count - c.noPurchaseEarners.members.length;
  return (
    <Stack gap="md" data-testid="reports-ready">
      <Title order={2} size="h4">
        {t('compliance.title', { period: f.period(c.period) })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        <Card
          testId="compliance-ratio"
          label={t('compliance.ratio')}
          value={f.bp(c.payoutRatioBp)}
          hint={t('compliance.ratioHint')}
        />
        <Card
          testId="compliance-products"
          label={t('compliance.products')}
          value={f.bp(c.sales.incomeFromProductsBp)}
          hint={
            <Text span size="xs" fw={600} c={c.sales.ok ? 'green' : 'red'}>
              {c.sales.ok ? t('compliance.ok') : t('compliance.fail')}
            </Text>
          }
        />
        <Card
          testId="compliance-earners"
          label={t('compliance.earners')}
          value={`${f.number(d.earners)} / ${f.number(d.members)}`}
        />
        <Card
          testId="compliance-median"
          label={t('compliance.median')}
          value={f.rupiah(d.median)}
        />
        <Card
          testId="compliance-nopurchase"
          label={t('compliance.noPurchase')}
          value={f.number(c.noPurchaseEarners.count)}
          hint={f.rupiah(c.noPurchaseEarners.total)}
        />
      </SimpleGrid>

      <Section title={t('compliance.sales')} testId="compliance-sales">
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('compliance.kind')}</Table.Th>
              <Table.Th {...num}>{t('compliance.orders')}</Table.Th>
              <Table.Th {...num}>{t('compliance.salesAmount')}</Table.Th>
              <Table.Th {...num}>{t('compliance.bv')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('compliance.productRow')}</Table.Td>
              <Table.Td {...num}>{f.number(c.sales.products.orders)}</Table.Td>
              <Table.Td {...num}>{f.rupiah(c.sales.products.sales)}</Table.Td>
              <Table.Td {...num}>{f.rupiah(c.sales.products.bv)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>
                {t('compliance.kitRow', { skus: c.sales.kitSkus.join(', ') || '—' })}{' '}
                <Text span size="xs" c="dimmed">
                  {c.sales.kitSource === 'settings'
                    ? t('compliance.kitSourceSettings')
                    : t('compliance.kitSourceNames')}
                </Text>
              </Table.Td>
              <Table.Td {...num}>{f.number(c.sales.kits.orders)}</Table.Td>
              <Table.Td {...num}>{f.rupiah(c.sales.kits.sales)}</Table.Td>
              <Table.Td {...num} c={c.sales.kits.bv ? 'red' : undefined}>
                {f.rupiah(c.sales.kits.bv)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('compliance.otherRow')}</Table.Td>
              <Table.Td {...num}>{f.number(c.sales.otherZeroBv.orders)}</Table.Td>
              <Table.Td {...num}>{f.rupiah(c.sales.otherZeroBv.sales)}</Table.Td>
              <Table.Td {...num}>{f.rupiah(0)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Section>

      <Section title={t('compliance.disclosure')} testId="compliance-disclosure">
        <Text size="sm" c="dimmed" mb="xs">
          {t('compliance.disclosureHint')}
        </Text>
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('compliance.group')}</Table.Th>
                <Table.Th {...num}>{t('compliance.members')}</Table.Th>
                <Table.Th {...num}>{t('compliance.earning')}</Table.Th>
                <Table.Th {...num}>{t('compliance.mean')}</Table.Th>
                <Table.Th {...num}>p25</Table.Th>
                <Table.Th {...num}>p50</Table.Th>
                <Table.Th {...num}>p75</Table.Th>
                <Table.Th {...num}>p90</Table.Th>
                <Table.Th {...num}>p99</Table.Th>
                <Table.Th {...num}>{t('compliance.max')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dist(t('compliance.all'), d)}
              {c.incomeDisclosure.byRank.map((r) => dist(r.rank, r))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm" mt="sm">
          {t('compliance.customers', {
            count: f.number(c.incomeDisclosure.customers.earners),
            amount: f.rupiah(c.incomeDisclosure.customers.total),
          })}
        </Text>
      </Section>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section title={t('compliance.thresholds')} testId="compliance-thresholds">
          <Table verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('compliance.amount')}</Table.Th>
                <Table.Th {...num}>{t('compliance.members')}</Table.Th>
                <Table.Th {...num}>{t('compliance.share')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.incomeDisclosure.thresholds.map((x) => (
                <Table.Tr key={x.amount}>
                  <Table.Td>{f.rupiah(x.amount)}</Table.Td>
                  <Table.Td {...num}>{f.number(x.members)}</Table.Td>
                  <Table.Td {...num}>{f.bp(x.shareBp)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title={t('compliance.noPurchaseTitle')} testId="compliance-nopurchase-list">
          {c.noPurchaseEarners.count === 0 ? (
            <Text size="sm" c="dimmed">
              {t('compliance.noPurchaseNone')}
            </Text>
          ) : (
            <Table verticalSpacing={4} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('compliance.code')}</Table.Th>
                  <Table.Th>{t('compliance.name')}</Table.Th>
                  <Table.Th>{t('compliance.memberKind')}</Table.Th>
                  <Table.Th {...num}>{t('compliance.bonus')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.noPurchaseEarners.members.slice(0, 50).map((m) => (
                  <Table.Tr key={m.code}>
                    <Table.Td>{m.code}</Table.Td>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>
                      {m.kind === 'customer'
                        ? t('kinds.customer')
                        : (m.rank ?? t('kinds.distributor'))}
                    </Table.Td>
                    <Table.Td {...num}>{f.rupiah(m.bonusTotal)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {hidden > 0 || c.noPurchaseEarners.members.length > 50 ? (
            <Text size="xs" c="dimmed" mt="xs">
              {t('compliance.more', {
                count: c.noPurchaseEarners.count - Math.min(50, c.noPurchaseEarners.members.length),
              })}
            </Text>
          ) : null}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
