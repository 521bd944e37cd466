import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FeatureJobProgress, type JobBarProps } from '../../components/JobProgressPanel';
import { useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { downloadFile } from '../../lib/download';
import { checkPlanText } from '../plan/planText';
import { useJob } from '../../lib/useJob';
import { WhatIfResults } from './WhatIfResults';

/**
 * The what-if simulator (issue 11): closed period(s) + a candidate plan (the editor's text or a
 * saved draft) → main recomputes them in a worker on a read-only connection, with a progress
 * bar and Cancel → the comparison, exportable to XLSX.
 */

const STAGES = [
  'snapshot',
  'inputs',
  'baseline',
  'candidate',
  'compare',
  'summary',
  'export',
] as const;

type Candidate = { plan: unknown } | { draftId: number };
interface RunInput {
  periods: string[];
  candidate: Candidate;
}

/** A what-if job's progress with the simulator's stage names. */
export function JobBar(props: JobBarProps) {
  return <FeatureJobProgress {...props} ns="whatif" stages={STAGES} cancelKey="cancel" />;
}

export function WhatIfPanel({ editorText, active }: { editorText: string; active: boolean }) {
  const { t } = useTranslation('whatif');
  const f = useFormat();
  const periods = useQuery('periods:list', {});
  const drafts = useQuery('planDrafts:list', {});
  const closed = useMemo(
    () => (periods.data ?? []).filter((p) => p.status === 'closed').map((p) => p.period),
    [periods.data],
  );
  const [selected, setSelected] = useState<string[] | null>(null);
  const chosen = selected ?? (closed.length ? [closed.at(-1)!] : []);
  const [source, setSource] = useState<'editor' | 'draft'>('editor');
  const [draftId, setDraftId] = useState<string | null>(null);
  const editor = useMemo(() => checkPlanText(editorText), [editorText]);
  const validDrafts = (drafts.data ?? []).filter((d) => d.valid);
  const job = useJob('whatif:run', { cancelOnUnmount: true });
  const exportJob = useJob('whatif:export', { cancelOnUnmount: true });
  const [lastInput, setLastInput] = useState<RunInput | null>(null);

  // Drafts saved in the editor meanwhile appear when the tab is shown again.
  const refetchDrafts = drafts.refetch;
  useEffect(() => {
    if (active) refetchDrafts();
  }, [active, refetchDrafts]);

  useEffect(() => {
    if (exportJob.status === 'done' && exportJob.result) downloadFile(exportJob.result);
  }, [exportJob.status, exportJob.result]);

  const candidate: Candidate | null =
    source === 'editor'
      ? editor.state === 'valid'
        ? { plan: editor.plan }
        : null
      : draftId
        ? { draftId: Number(draftId) }
        : null;
  const canRun = chosen.length > 0 && candidate !== null && job.status !== 'running';

  const run = () => {
    if (!candidate) return;
    const input: RunInput = { periods: [...chosen].sort(), candidate };
    setLastInput(input);
    void job.start({ periods: input.periods, top: 100, ...candidate });
  };

  const exportXlsx = () => {
    if (!lastInput) return;
    void exportJob.start({ periods: lastInput.periods, ...lastInput.candidate, lang: f.lang });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      {periods.error ? <ErrorAlert error={periods.error} onRetry={periods.refetch} /> : null}
      {periods.data && closed.length === 0 ? (
        <Alert color="yellow" variant="light" data-testid="whatif-no-closed">
          {t('noClosed')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <Grid gap="md" align="flex-end">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <MultiSelect
              label={t('periods')}
              placeholder={chosen.length ? undefined : t('periodsPlaceholder')}
              data={[...closed].reverse().map((p) => ({ value: p, label: f.period(p) }))}
              value={chosen}
              onChange={setSelected}
              comboboxProps={{ withinPortal: true }}
              data-testid="whatif-periods"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {t('candidate')}
              </Text>
              <Group gap="sm" wrap="wrap">
                <SegmentedControl
                  value={source}
                  onChange={(v) => setSource(v as 'editor' | 'draft')}
                  data={[
                    { value: 'editor', label: t('source.editor') },
                    { value: 'draft', label: t('source.draft') },
                  ]}
                  data-testid="whatif-source"
                />
                {source === 'editor' ? (
                  <Text
                    size="sm"
                    c={editor.state === 'valid' ? undefined : 'red'}
                    data-testid="whatif-editor-plan"
                  >
                    {editor.state === 'valid'
                      ? t('editorPlan', { name: editor.plan.name })
                      : t('editorInvalid')}
                  </Text>
                ) : (
                  <Select
                    placeholder={t('pickDraft')}
                    value={draftId}
                    onChange={setDraftId}
                    data={validDrafts.map((d) => ({
                      value: String(d.id),
                      label: `#${d.id} ${d.name}`,
                    }))}
                    comboboxProps={{ withinPortal: true }}
                    data-testid="whatif-draft"
                  />
                )}
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="md" gap="sm">
          {job.result && lastInput ? (
            <Button
              variant="default"
              onClick={exportXlsx}
              loading={exportJob.status === 'running'}
              data-testid="whatif-export"
            >
              {t('export')}
            </Button>
          ) : null}
          <Button
            onClick={run}
            disabled={!canRun}
            loading={job.status === 'running'}
            data-testid="whatif-run"
          >
            {t('run')}
          </Button>
        </Group>
      </Paper>

      {job.status === 'running' ? (
        <JobBar
          label={t('progress.title')}
          progress={job.progress}
          onCancel={() => void job.cancel()}
          testId="whatif-progress"
        />
      ) : null}
      {exportJob.status === 'running' ? (
        <JobBar label={t('export')} progress={exportJob.progress} testId="whatif-export-progress" />
      ) : null}
      {job.status === 'cancelled' ? (
        <Alert color="gray" variant="light" data-testid="whatif-cancelled">
          {t('cancelled')}
        </Alert>
      ) : null}
      {job.error ? <ErrorAlert error={job.error} /> : null}
      {exportJob.error ? <ErrorAlert error={exportJob.error} /> : null}
      {job.result ? <WhatIfResults result={job.result} /> : null}
    </Stack>
  );
}
