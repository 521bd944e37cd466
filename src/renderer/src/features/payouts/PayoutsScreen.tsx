import {
  Alert,
  Button,
  Group,
  Menu,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PayoutPeriod } from '../../../../shared/ipc/payouts.contract';
import type { ScreenProps } from '../../app/routes';
import { navigate } from '../../app/router';
import { EmptyCard } from '../../components/EmptyCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconPayouts } from '../../components/icons';
import { Screen } from '../../components/Screen';
import { call, useQuery } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { useDownload, type FileBytes } from '../../lib/download';
import { PayoutSheetGrid } from './PayoutSheetGrid';
import { TransfersPanel } from './TransfersPanel';

type Tab = 'sheet' | 'transfers';

/**
 * `#/payouts[/<period>[/transfers]]`: the payouts of one committed period. The numbers are the
 * committed run's (read-only); what changes here is the payout batch (bank file, paid/failed).
 */
export function PayoutsScreen({ params }: ScreenProps) {
  const { t } = useTranslation('payouts');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const periods = useQuery('payouts:periods', {});
  const list = periods.data?.periods;
  const period = list?.some((p) => p.period === params[0]) ? params[0]! : list?.[0]?.period;
  const current = list?.find((p) => p.period === period);
  const tab: Tab = params[1] === 'transfers' ? 'transfers' : 'sheet';

  return (
    <Screen
      title={tc('nav.payouts')}
      subtitle={t('subtitle')}
      actions={
        list?.length && period ? (
          <>
            <Select
              aria-label={t('period')}
              data-testid="payouts-period"
              w={190}
              allowDeselect={false}
              value={period}
              onChange={(v) => v && navigate('payouts', v, tab)}
              data={list.map((p) => ({ value: p.period, label: f.period(p.period) }))}
            />
            <ExportMenu period={period} />
          </>
        ) : null
      }
    >
      {periods.error ? <ErrorAlert error={periods.error} onRetry={periods.refetch} /> : null}
      {list === undefined ? (
        periods.error ? null : (
          <Skeleton h={200} radius="md" />
        )
      ) : !current ? (
        <EmptyCard
          testId="payouts-ready"
          icon={<IconPayouts size={24} />}
          title={t('empty.title')}
          description={t('empty.body')}
        />
      ) : (
        <Stack gap="md" data-testid="payouts-ready">
          <SummaryCards p={current} f={f} />
          <Tabs
            value={tab}
            onChange={(v) =>
              navigate('payouts', current.period, v === 'transfers' ? 'transfers' : 'sheet')
            }
            keepMounted={false}
          >
            <Tabs.List>
              <Tabs.Tab value="sheet" data-testid="payouts-tab-sheet">
                {t('tabs.sheet')}
              </Tabs.Tab>
              <Tabs.Tab value="transfers" data-testid="payouts-tab-transfers">
                {t('tabs.transfers')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="sheet" pt="md">
              <PayoutSheetGrid period={current.period} />
            </Tabs.Panel>
            <Tabs.Panel value="transfers" pt="md">
              <TransfersPanel
                period={current.period}
                openFailures={periods.data?.openFailures ?? []}
                onChanged={periods.refetch}
              />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Screen>
  );
}

function SummaryCards({ p, f }: { p: PayoutPeriod; f: Formatters }) {
  const { t } = useTranslation('payouts');
  const cards: [string, string, string][] = [
    ['members', t('cards.members'), f.number(p.members)],
    ['paid', t('cards.paid'), f.number(p.paidMembers)],
    ['gross', t('cards.gross'), f.rupiah(p.totals.gross)],
    ['tax', t('cards.tax'), f.rupiah(p.totals.tax)],
    ['net', t('cards.net'), f.rupiah(p.totals.net)],
    ['carryOut', t('cards.carryOut'), f.rupiah(p.totals.carryOut)],
    ['ratio', t('cards.ratio'), f.bp(p.payoutRatioBp)],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm" data-testid="payouts-cards">
      {cards.map(([key, label, value]) => (
        <Paper key={key} withBorder radius="md" p="sm" data-testid={`payouts-card-${key}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fw={700} size="lg" className="num" ta="left">
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function ExportMenu({ period }: { period: string }) {
  const { t } = useTranslation('payouts');
  const f = useFormat();
  const dl = useDownload();
  const items: [string, string, () => Promise<FileBytes>][] = [
    [
      'sheet-xlsx',
      t('export.sheetXlsx'),
      () => call('payouts:exportSheet', { period, format: 'xlsx', lang: f.lang }),
    ],
    [
      'sheet-csv',
      t('export.sheetCsv'),
      () => call('payouts:exportSheet', { period, format: 'csv', lang: f.lang }),
    ],
    [
      'tax-xlsx',
      t('export.taxXlsx'),
      () => call('reports:exportTax', { period, format: 'xlsx', lang: f.lang }),
    ],
    [
      'tax-csv',
      t('export.taxCsv'),
      () => call('reports:exportTax', { period, format: 'csv', lang: f.lang }),
    ],
    [
      'statements',
      t('export.statements'),
      () => call('payouts:statements', { period, lang: f.lang }),
    ],
    [
      'statements-paid',
      t('export.statementsPaid'),
      () => call('payouts:statements', { period, onlyPaid: true, lang: f.lang }),
    ],
  ];
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" loading={dl.running !== null} data-testid="payouts-export">
            {t('export.label')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {items.map(([key, label, make]) => (
            <Menu.Item
              key={key}
              data-testid={`payouts-export-${key}`}
              onClick={() => void dl.run(key, make)}
            >
              {label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {dl.error ? (
        <Group w="100%">
          <ErrorAlert error={dl.error} />
        </Group>
      ) : null}
      {dl.done ? (
        <Alert
          color="green"
          variant="light"
          withCloseButton
          onClose={dl.clear}
          py={6}
          data-testid="payouts-export-done"
        >
          {t('export.done', { file: dl.done })}
        </Alert>
      ) : null}
    </>
  );
}
