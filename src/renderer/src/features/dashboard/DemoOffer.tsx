import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconSparkles } from '../../components/icons';
import { useAction } from '../../lib/api';
import { useFormat } from '../../lib/format';

export const DEMO_SIZE = { members: 2000, months: 3 } as const;

/** First start with an empty database: offer a demo company, then let the dashboard refresh. */
export function DemoOffer({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  const demo = useAction('system:demo');
  const create = async () => {
    const res = await demo.run({ ...DEMO_SIZE });
    if (res) onCreated();
  };
  return (
    <Paper withBorder radius="md" p="lg" data-testid="demo-offer">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon size={44} radius="xl" variant="light">
          <IconSparkles size={24} />
        </ThemeIcon>
        <Stack gap="sm" style={{ flex: 1 }}>
          <Title order={2} size="h4">
            {t('demo.title')}
          </Title>
          <Text size="sm" maw={640}>
            {t('demo.body', { members: f.number(DEMO_SIZE.members), months: DEMO_SIZE.months })}
          </Text>
          {demo.error ? <ErrorAlert error={demo.error} /> : null}
          <Group>
            <Button onClick={() => void create()} loading={demo.running} data-testid="demo-create">
              {t('demo.action')}
            </Button>
            {demo.running ? (
              <Text size="sm" c="dimmed" role="status">
                {t('demo.running')}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}
