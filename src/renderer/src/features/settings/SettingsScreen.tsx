import type { ReactNode } from 'react';
import {
  Code,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NAV } from '../../app/nav';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Screen } from '../../components/Screen';
import { currentLanguage } from '../../i18n';
import { useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { SecurityPanels } from '../users/SecurityPanels';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h5" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={180} fw={500} c="dimmed">
        {label}
      </Table.Th>
      <Table.Td style={{ wordBreak: 'break-all' }}>{children}</Table.Td>
    </Table.Tr>
  );
}

export function SettingsScreen() {
  const { t, i18n } = useTranslation('settings');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const info = useQuery('system:info', {});

  return (
    <Screen title={tc('nav.settings')} subtitle={t('subtitle')}>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section title={t('appearance.title')}>
          <Stack gap="md">
            <div>
              <Text size="sm" fw={500} mb={6} id="settings-language">
                {t('appearance.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="settings-language"
                value={currentLanguage(i18n.resolvedLanguage)}
                onChange={(lng) => void i18n.changeLanguage(lng)}
                data={[
                  { value: 'id', label: tc('language.id') },
                  { value: 'en', label: tc('language.en') },
                ]}
                data-testid="settings-language"
              />
            </div>
            <div>
              <Text size="sm" fw={500} mb={6} id="settings-theme">
                {t('appearance.theme')}
              </Text>
              <SegmentedControl
                aria-labelledby="settings-theme"
                value={colorScheme}
                onChange={(v) => setColorScheme(v as MantineColorScheme)}
                data={[
                  { value: 'light', label: tc('theme.light') },
                  { value: 'dark', label: tc('theme.dark') },
                  { value: 'auto', label: tc('theme.auto') },
                ]}
                data-testid="settings-theme"
              />
            </div>
          </Stack>
        </Section>

        <Section title={t('database.title')}>
          {info.error ? <ErrorAlert error={info.error} onRetry={info.refetch} /> : null}
          {info.data ? (
            <Table
              variant="vertical"
              withRowBorders={false}
              verticalSpacing={6}
              data-testid="settings-db"
            >
              <Table.Tbody>
                <Row label={t('database.path')}>
                  <Code>{info.data.dbPath}</Code>
                </Row>
                <Row label={t('database.schema')}>
                  <Code>{info.data.schemaVersion ?? '—'}</Code>
                </Row>
                <Row label={t('database.user')}>
                  {info.data.user.username} (
                  {t(`roles.${info.data.user.role}`, { defaultValue: info.data.user.role })})
                </Row>
                <Row label={t('database.members')}>{f.number(info.data.counts.members)}</Row>
                <Row label={t('database.products')}>{f.number(info.data.counts.products)}</Row>
                <Row label={t('database.orders')}>{f.number(info.data.counts.orders)}</Row>
              </Table.Tbody>
            </Table>
          ) : info.error ? null : (
            <Skeleton h={160} />
          )}
        </Section>

        <Section title={t('shortcuts.title')}>
          <Table variant="vertical" withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              {NAV.map((r, i) => (
                <Table.Tr key={r.id}>
                  <Table.Th w={180} fw={400}>
                    <Group gap={4} wrap="nowrap">
                      <Kbd size="xs">Alt</Kbd>+<Kbd size="xs">{i + 1}</Kbd>
                    </Group>
                  </Table.Th>
                  <Table.Td>{tc(`nav.${r.id}`)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th w={180} fw={400}>
                  <Group gap={4} wrap="nowrap">
                    <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">Home</Kbd>/<Kbd size="xs">End</Kbd>
                  </Group>
                </Table.Th>
                <Table.Td>{t('shortcuts.gridEdges')}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Section>
      </SimpleGrid>
      <SecurityPanels />
    </Screen>
  );
}
