import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SystemInfo } from '../../../../shared/ipc/system.contract';
import { useFormat } from '../../lib/format';

const KEYS = ['members', 'distributors', 'customers', 'products', 'orders'] as const;

export function StatCards({ counts }: { counts: SystemInfo['counts'] | undefined }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
      {KEYS.map((k) => (
        <Paper key={k} withBorder radius="md" p="md" data-testid={`count-${k}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(`counts.${k}`)}
          </Text>
          {counts ? (
            <Text fz={28} fw={700} className="num" ta="left">
              {f.number(counts[k])}
            </Text>
          ) : (
            <Skeleton h={28} mt={6} w="60%" />
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
