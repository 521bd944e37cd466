import { useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeriodRow } from '../../../../shared/ipc/periods.contract';
import type { ChecklistDto } from '../../../../shared/ipc/close.contract';
import type { ScreenProps } from '../../app/routes';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { Checklist } from './Checklist';
import { AdjustmentDialog, CommitDialog, ReopenDialog } from './dialogs';
import { ExplainDrawer } from './ExplainDrawer';
import { JobProgress } from './JobProgress';
import { PreviewReview, TotalsCards } from './PreviewReview';
import { useJob } from '../../lib/useJob';

/**
 * `#/periods[/<period>]` — Periods & Close (tutup buku). Left: every period with data and its
 * status (the period list). Right: the close of the chosen period — checklist, preview in a
 * worker with a progress bar, review grids, commit with confirmation, reopen with a reason, and
 * the explain panel for any member.
 */
export function CloseScreen({ params }: ScreenProps) {
  const { t } = useTranslation('close');
  const { t: tc } = useTranslation();
  const periods = useQuery('periods:list', {});
  const rows = periods.data;
  // Default: the oldest open period (the next one to close), else the newest.
  const fallback = rows?.find((p) => p.status === 'open')?.period ?? rows?.at(-1)?.period;
  const period = params[0] && /^\d{4}-\d{2}$/.test(params[0]) ? params[0] : fallback;

  return (
    <Screen title={tc('nav.periods')} subtitle={t('subtitle')}>
      {periods.error ? <ErrorAlert error={periods.error} onRetry={periods.refetch} /> : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <PeriodList rows={rows} selected={period} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {period ? (
            <ClosePanel key={period} period={period} onChanged={periods.refetch} />
          ) : rows ? (
            <Paper withBorder radius="md" p="xl">
              <Text c="dimmed">{rows.length ? t('pick') : t('periods.empty')}</Text>
            </Paper>
          ) : null}
        </Grid.Col>
      </Grid>
    </Screen>
  );
}

function PeriodList({
  rows,
  selected,
}: {
  rows: PeriodRow[] | undefined;
  selected: string | undefined;
}) {
  const { t } = useTranslation('close');
  const f = useFormat();
  if (!rows) return <Skeleton h={200} radius="md" />;
  const newestFirst = [...rows].reverse();
  return (
    <Paper withBorder radius="md">
      <Table highlightOnHover verticalSpacing="xs" data-testid="periods-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('periods.period')}</Table.Th>
            <Table.Th>{t('periods.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map((p) => (
            <Table.Tr
              key={p.period}
              onClick={() => navigate('periods', p.period)}
              style={{ cursor: 'pointer' }}
              bg={p.period === selected ? 'var(--mantine-primary-color-light)' : undefined}
              aria-selected={p.period === selected}
              data-testid={`period-row-${p.period}`}
            >
              <Table.Td>
                <Text size="sm" fw={500}>
                  {f.period(p.period)}
                </Text>
                {p.runHash ? (
                  <Code fz="xs" title={p.runHash}>
                    {p.runHash.slice(0, 12)}…
                  </Code>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t('periods.noRun')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={p.status === 'closed' ? 'gray' : 'green'}>
                  {t(`status.${p.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" p="md">
          {t('periods.empty')}
        </Text>
      ) : null}
    </Paper>
  );
}

function ClosePanel({ period, onChanged }: { period: string; onChanged: () => void }) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const checklist = useQuery('close:checklist', { period });
  const preview = useJob('close:preview');
  const commit = useJob('close:commit');
  const [dialog, setDialog] = useState<'commit' | 'reopen' | 'adjust' | null>(null);
  const [explain, setExplain] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const c: ChecklistDto | undefined = checklist.data;
  const busy = preview.status === 'running' || commit.status === 'running';

  const runPreview = async () => {
    setNotice(null);
    commit.reset();
    await preview.start({ period });
    checklist.refetch();
  };
  const runCommit = async () => {
    setDialog(null);
    const p = preview.result;
    if (!p) return;
    const r = await commit.start({ period, expectRunHash: p.runHash });
    if (r) {
      preview.reset();
      setNotice(t('commit.done', { period: f.period(period) }));
      // Stay on this period (the default choice would move on to the next open one).
      navigate('periods', period);
      onChanged();
    }
    checklist.refetch();
  };
  const changed = () => {
    setDialog(null);
    navigate('periods', period);
    preview.reset();
    checklist.refetch();
    onChanged();
  };

  return (
    <Stack gap="md" data-testid="close-panel">
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={2} size="h3" data-testid="close-period">
            {f.period(period)}
          </Title>
          {c ? (
            <Badge
              variant="light"
              color={c.status === 'closed' ? 'gray' : 'green'}
              data-testid="close-status"
            >
              {t(`status.${c.status}`)}
            </Badge>
          ) : null}
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={() => setExplain('')} data-testid="explain-open">
            {t('actions.explain')}
          </Button>
          {c?.status === 'open' ? (
            <>
              <Button
                variant="light"
                onClick={() => void runPreview()}
                disabled={!c.canPreview || busy}
                data-testid="close-preview"
              >
                {preview.result ? t('actions.previewAgain') : t('actions.preview')}
              </Button>
              <Button
                color="red"
                onClick={() => setDialog('commit')}
                disabled={!c.canCommit || !preview.result || busy}
                data-testid="close-commit"
              >
                {t('actions.commit')}
              </Button>
            </>
          ) : null}
          {c?.status === 'closed' ? (
            <Button
              variant="light"
              color="red"
              onClick={() => setDialog('reopen')}
              disabled={!c.canReopen}
              data-testid="close-reopen"
            >
              {t('actions.reopen')}
            </Button>
          ) : null}
        </Group>
      </Group>

      {checklist.error ? <ErrorAlert error={checklist.error} onRetry={checklist.refetch} /> : null}
      {notice ? (
        <Alert
          color="teal"
          variant="light"
          data-testid="close-notice"
          withCloseButton
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      ) : null}
      {preview.status === 'running' ? (
        <JobProgress
          label={t('progress.label', { period: f.period(period) })}
          progress={preview.progress}
          onCancel={preview.cancel}
          testId="close-progress"
        />
      ) : null}
      {commit.status === 'running' ? (
        <JobProgress
          label={t('progress.commitLabel', { period: f.period(period) })}
          progress={commit.progress}
          testId="commit-progress"
        />
      ) : null}
      {preview.status === 'cancelled' ? (
        <Alert color="gray" variant="light" data-testid="close-cancelled">
          {t('progress.cancelled')}
        </Alert>
      ) : null}
      {preview.error ? <ErrorAlert error={preview.error} /> : null}
      {commit.error ? <ErrorAlert error={commit.error} /> : null}

      {!c ? (
        checklist.error ? null : (
          <Skeleton h={240} radius="md" />
        )
      ) : (
        <>
          {c.status === 'closed' && c.run ? (
            <Paper withBorder radius="md" p="md" data-testid="close-run">
              <Group justify="space-between" mb="sm">
                <Box>
                  <Title order={3} size="h4">
                    {t('run.title')}
                  </Title>
                  <Text size="xs" c="dimmed">
                    {t('run.value', {
                      at: f.dateTime(c.run.createdAt),
                      user: c.run.createdBy ?? '',
                    })}
                    {c.run.previewedBy
                      ? ` · ${t('run.previewedBy', { user: c.run.previewedBy })}`
                      : ''}
                  </Text>
                </Box>
                <Code data-testid="close-run-hash" title={c.run.runHash}>
                  {c.run.runHash.slice(0, 16)}…
                </Code>
              </Group>
              <TotalsCards totals={c.run.totals} />
            </Paper>
          ) : null}
          {c.superseded.length ? (
            <Paper withBorder radius="md" p="sm">
              <Text size="sm" fw={500}>
                {t('run.superseded')}
              </Text>
              {c.superseded.map((r) => (
                <Text key={r.runId} size="xs" c="dimmed">
                  {t('run.supersededValue', {
                    hash: `${r.runHash.slice(0, 12)}…`,
                    at: r.supersededAt ? f.dateTime(r.supersededAt) : '',
                    reason: r.supersedeReason ?? '',
                  })}
                </Text>
              ))}
            </Paper>
          ) : null}
          {preview.status === 'done' && preview.result ? (
            <PreviewReview p={preview.result} onExplain={(code) => setExplain(code)} />
          ) : null}
          <Checklist c={c} onAddAdjustment={() => setDialog('adjust')} />
        </>
      )}

      <CommitDialog
        opened={dialog === 'commit'}
        preview={preview.result}
        onClose={() => setDialog(null)}
        onConfirm={() => void runCommit()}
      />
      <ReopenDialog
        period={period}
        opened={dialog === 'reopen'}
        onClose={() => setDialog(null)}
        onDone={changed}
      />
      <AdjustmentDialog
        period={period}
        opened={dialog === 'adjust'}
        onClose={() => setDialog(null)}
        onDone={changed}
      />
      <ExplainDrawer period={period} code={explain} onClose={() => setExplain(null)} />
    </Stack>
  );
}
