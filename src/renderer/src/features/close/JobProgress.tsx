import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JobDto } from '../../../../shared/ipc/close.contract';

const STAGES = ['snapshot', 'inputs', 'compute', 'hash', 'summary', 'write', 'explain'];

/**
 * Progress of a running job as `jobs:get` reports it: one 0…1000 scale plus the stage name.
 * The bar moves while main computes in a worker thread; Cancel stops the worker.
 */
export function JobProgress({
  label,
  progress,
  onCancel,
  testId,
}: {
  label: string;
  progress: JobDto['progress'];
  onCancel?: () => void;
  testId: string;
}) {
  const { t } = useTranslation('close');
  const pct = progress && progress.total > 0 ? (progress.done * 100) / progress.total : 0;
  const stage = progress && STAGES.includes(progress.stage) ? progress.stage : 'starting';
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500}>{label}</Text>
          {onCancel ? (
            <Button size="xs" variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
              {t('actions.cancel')}
            </Button>
          ) : null}
        </Group>
        <Progress
          value={pct}
          size="lg"
          radius="sm"
          animated
          aria-label={label}
          data-testid={`${testId}-bar`}
          data-value={Math.round(pct)}
        />
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid={`${testId}-stage`}>
            {t(`progress.stage.${stage}`)}
          </Text>
          <Text size="sm" c="dimmed" className="num">
            {Math.floor(pct)} %
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
