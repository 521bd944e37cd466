import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { JobDto } from '../../../shared/ipc/close.contract';

/** The job's stage if the caller has a label for it, else 'starting' (no progress reported yet). */
export function knownStage(progress: JobDto['progress'], stages: readonly string[]): string {
  return progress && stages.includes(progress.stage) ? progress.stage : 'starting';
}

/**
 * Progress of a running job as `jobs:get` reports it: one 0…1000 scale plus the stage, already
 * translated by the feature (close, what-if). The bar moves while main works in a worker
 * thread; Cancel (when given) stops the worker.
 */
export function JobProgressPanel({
  label,
  progress,
  stageText,
  cancelText,
  onCancel,
  testId,
}: {
  label: string;
  progress: JobDto['progress'];
  stageText: string;
  cancelText: string;
  onCancel?: (() => void) | undefined;
  testId: string;
}) {
  const pct = progress && progress.total > 0 ? (progress.done * 100) / progress.total : 0;
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500}>{label}</Text>
          {onCancel ? (
            <Button size="xs" variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
              {cancelText}
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
            {stageText}
          </Text>
          <Text size="sm" c="dimmed" className="num">
            {Math.floor(pct)} %
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}

/** What a feature passes to its job bar (the stage names and Cancel text come from the feature). */
export interface JobBarProps {
  label: string;
  progress: JobDto['progress'];
  onCancel?: (() => void) | undefined;
  testId: string;
}

/**
 * JobProgressPanel with a feature's texts: the stage `<ns>:progress.stage.<stage>` (or
 * `starting` for a stage it has no label for) and Cancel as `<ns>:<cancelKey>`.
 */
export function FeatureJobProgress({
  ns,
  stages,
  cancelKey,
  ...bar
}: JobBarProps & { ns: string; stages: readonly string[]; cancelKey: string }) {
  const { t } = useTranslation(ns);
  return (
    <JobProgressPanel
      {...bar}
      stageText={t(`progress.stage.${knownStage(bar.progress, stages)}`)}
      cancelText={t(cancelKey)}
    />
  );
}
