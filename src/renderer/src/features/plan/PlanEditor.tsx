import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  FileButton,
  Grid,
  Group,
  List,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/plan';
import { diffPlans } from '../../../../shared/plan-diff';
import { jakartaToday, nextPeriod, periodOfDate } from '../../../../shared/period';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { call, toApiError, useQuery, type ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { PlanChanges } from './PlanChanges';
import { planError } from './planErrors';
import { checkPlanText, planToText } from './planText';

/**
 * The candidate plan as JSON: typed or uploaded, validated as it changes (errors name JSON
 * paths, the same parsePlan main uses), compared with the plan in force, saved as a draft and
 * adopted as the next version with the period it applies from.
 */

export interface EditorState {
  text: string;
  /** The draft the text was opened from / saved to (null: not a draft yet). */
  draftId: number | null;
  /** Text as last saved to that draft (to show unsaved changes). */
  savedText: string | null;
  draftName: string;
  /** The person changed the text (the current plan is not loaded over it any more). */
  touched: boolean;
}

interface Props {
  state: EditorState;
  onChange: (s: EditorState | ((s: EditorState) => EditorState)) => void;
  current: { version: number; plan: Plan } | null;
  onAdopted: () => void;
}

/** Select value for "no effective period": every open period. */
const ALL = 'all';

/** Periods a new version may start from: after the last closed one, six months ahead. */
function effectiveOptions(closed: string | undefined): string[] {
  let p = closed ? nextPeriod(closed) : periodOfDate(jakartaToday());
  const out: string[] = [];
  for (let i = 0; i < 6; i++) {
    out.push(p);
    p = nextPeriod(p);
  }
  return out;
}

export function PlanEditor({ state, onChange, current, onAdopted }: Props) {
  const { t } = useTranslation('plan');
  const f = useFormat();
  const [debounced] = useDebouncedValue(state.text, 250);
  const check = useMemo(() => checkPlanText(debounced), [debounced]);
  const drafts = useQuery('planDrafts:list', {});
  const periods = useQuery('periods:list', {});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<{ id: number; name: string } | null>(null);
  const [adoptOpen, setAdoptOpen] = useState(false);
  const [effective, setEffective] = useState<string>(ALL);

  const changes = useMemo(
    () => (check.state === 'valid' && current ? diffPlans(current.plan, check.plan) : null),
    [check, current],
  );
  const dirty = state.savedText !== state.text;
  const openDraft = drafts.data?.find((d) => d.id === state.draftId);
  const lastClosed = periods.data?.filter((p) => p.status === 'closed').at(-1)?.period;
  const nextVersion = (current?.version ?? 0) + 1;

  const setText = (text: string) => onChange((s) => ({ ...s, text, touched: true }));

  async function act<T>(key: string, fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(key);
    setError(undefined);
    setNotice(null);
    try {
      return await fn();
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  const save = (asNew: boolean) =>
    act('save', async () => {
      const d = await call('planDrafts:save', {
        text: state.text,
        ...(state.draftId !== null && !asNew ? { id: state.draftId } : {}),
        ...(state.draftName.trim() ? { name: state.draftName.trim() } : {}),
        ...(current ? { baseVersion: current.version } : {}),
      });
      onChange((s) => ({
        ...s,
        draftId: d.id,
        savedText: state.text,
        draftName: d.name,
        touched: true,
      }));
      setNotice(t('drafts.saved'));
      drafts.refetch();
      return d;
    });

  const open = (id: number) =>
    act(`open-${id}`, async () => {
      const d = await call('planDrafts:get', { id });
      // An adopted draft is frozen: opening it starts a new draft from its text.
      onChange({
        text: d.text,
        draftId: d.adoptedVersion === null ? d.id : null,
        savedText: d.adoptedVersion === null ? d.text : null,
        draftName: d.name,
        touched: true,
      });
    });

  const remove = (id: number) =>
    act(`delete-${id}`, async () => {
      await call('planDrafts:delete', { id });
      if (state.draftId === id) onChange((s) => ({ ...s, draftId: null, savedText: null }));
      setConfirmDelete(null);
      drafts.refetch();
    });

  const adopt = () =>
    act('adopt', async () => {
      let id = state.draftId;
      if (id === null || dirty) {
        const d = await call('planDrafts:save', {
          text: state.text,
          ...(id !== null ? { id } : {}),
          ...(state.draftName.trim() ? { name: state.draftName.trim() } : {}),
          ...(current ? { baseVersion: current.version } : {}),
        });
        id = d.id;
      }
      const r = await call('planDrafts:adopt', {
        id,
        ...(effective !== ALL ? { effectivePeriod: effective } : {}),
      });
      onChange((s) => ({ ...s, draftId: null, savedText: null, touched: true }));
      setAdoptOpen(false);
      setNotice(t('adopt.done', { version: r.version.version }));
      drafts.refetch();
      onAdopted();
    });

  const upload = (file: File | null) => {
    if (!file) return;
    void file.text().then((text) => {
      onChange((s) => ({
        ...s,
        text,
        draftId: null,
        savedText: null,
        draftName: '',
        touched: true,
      }));
      setNotice(t('editor.uploaded', { file: file.name }));
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Button
            variant="default"
            disabled={!current}
            onClick={() =>
              current &&
              onChange({
                text: planToText(current.plan),
                draftId: null,
                savedText: null,
                draftName: '',
                touched: true,
              })
            }
            data-testid="editor-load-current"
          >
            {t('editor.loadCurrent')}
          </Button>
          <FileButton onChange={upload} accept="application/json,.json">
            {(props) => (
              <Button variant="default" {...props} data-testid="editor-upload">
                {t('editor.upload')}
              </Button>
            )}
          </FileButton>
          <Text size="sm" c="dimmed" data-testid="editor-source">
            {state.draftId !== null
              ? t('editor.fromDraft', {
                  id: state.draftId,
                  name: openDraft?.name ?? state.draftName,
                })
              : t('editor.newText')}
            {state.draftId !== null && dirty ? ` · ${t('editor.dirty')}` : ''}
          </Text>
        </Group>
        <Button
          onClick={() => navigate('plan', 'whatif')}
          disabled={check.state !== 'valid'}
          data-testid="editor-simulate"
        >
          {t('editor.simulate')}
        </Button>
      </Group>
      {error ? <ErrorAlert error={error} /> : null}
      {notice ? (
        <Alert
          color="green"
          variant="light"
          data-testid="editor-notice"
          withCloseButton
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      ) : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={2} size="h5" mb="xs">
              {t('editor.title')}
            </Title>
            <Textarea
              aria-label={t('editor.label')}
              value={state.text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={18}
              maxRows={32}
              spellCheck={false}
              styles={{
                input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 },
              }}
              data-testid="plan-editor"
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md" data-testid="plan-validation">
              {check.state === 'empty' ? (
                <Text c="dimmed">{t('editor.empty')}</Text>
              ) : check.state === 'valid' ? (
                <Group gap="xs">
                  <Badge color="green" variant="light" size="lg" data-testid="plan-valid">
                    {t('editor.valid')}
                  </Badge>
                  <Text fw={600}>{check.plan.name}</Text>
                </Group>
              ) : (
                <Stack gap="xs">
                  <Group gap="xs">
                    <Badge color="red" variant="light" size="lg" data-testid="plan-invalid">
                      {t('editor.invalid', { count: check.errors.length })}
                    </Badge>
                    <Text size="sm">{t('editor.errorsTitle')}</Text>
                  </Group>
                  <List size="sm" spacing={4} data-testid="plan-errors">
                    {check.errors.map((e, i) => {
                      const { path, message } = planError(e, f.lang);
                      return (
                        <List.Item key={i}>
                          {path ? <Code>{path}</Code> : null} {message}
                        </List.Item>
                      );
                    })}
                  </List>
                </Stack>
              )}
            </Paper>

            <Paper withBorder radius="md" p="md">
              <Title order={2} size="h5" mb="xs">
                {t('drafts.title')}
              </Title>
              <Stack gap="xs">
                <TextInput
                  label={t('drafts.name')}
                  value={state.draftName}
                  placeholder={check.state === 'valid' ? check.plan.name : ''}
                  onChange={(e) => {
                    const draftName = e.currentTarget.value;
                    onChange((s) => ({ ...s, draftName }));
                  }}
                  maxLength={120}
                  data-testid="draft-name"
                />
                <Group gap="xs">
                  <Button
                    onClick={() => void save(false)}
                    loading={busy === 'save'}
                    disabled={state.text.trim() === ''}
                    data-testid="draft-save"
                  >
                    {t('drafts.save')}
                  </Button>
                  {state.draftId !== null ? (
                    <Button
                      variant="default"
                      onClick={() => void save(true)}
                      data-testid="draft-save-new"
                    >
                      {t('drafts.saveNew')}
                    </Button>
                  ) : null}
                  <Button
                    variant="light"
                    color="orange"
                    disabled={check.state !== 'valid'}
                    onClick={() => {
                      setEffective(ALL);
                      setAdoptOpen(true);
                    }}
                    data-testid="draft-adopt"
                  >
                    {t('drafts.adopt')}
                  </Button>
                </Group>
                {drafts.error ? <ErrorAlert error={drafts.error} onRetry={drafts.refetch} /> : null}
                {drafts.data && drafts.data.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('drafts.none')}
                  </Text>
                ) : null}
                {drafts.data && drafts.data.length > 0 ? (
                  <Table verticalSpacing={6} data-testid="drafts-table">
                    <Table.Tbody>
                      {drafts.data.map((d) => (
                        <Table.Tr key={d.id} data-testid={`draft-row-${d.id}`}>
                          <Table.Td>
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm" fw={d.id === state.draftId ? 700 : 500} lineClamp={1}>
                                #{d.id} {d.name}
                              </Text>
                              <Badge
                                size="sm"
                                variant="light"
                                style={{ flexShrink: 0 }}
                                color={
                                  d.adoptedVersion !== null ? 'gray' : d.valid ? 'green' : 'red'
                                }
                              >
                                {d.adoptedVersion !== null
                                  ? t('drafts.adopted', { version: d.adoptedVersion })
                                  : d.valid
                                    ? t('drafts.valid')
                                    : t('drafts.invalid')}
                              </Badge>
                            </Group>
                            <Text size="xs" c="dimmed">
                              {t('drafts.updated', {
                                at: f.dateTime(d.updatedAt),
                                by: d.updatedBy ?? '—',
                              })}
                            </Text>
                          </Table.Td>
                          <Table.Td w={1}>
                            <Group gap={4} justify="flex-end" wrap="nowrap">
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                loading={busy === `open-${d.id}`}
                                onClick={() => void open(d.id)}
                                data-testid={`draft-open-${d.id}`}
                              >
                                {t('drafts.load')}
                              </Button>
                              {d.adoptedVersion === null ? (
                                <Button
                                  size="compact-xs"
                                  variant="subtle"
                                  color="red"
                                  onClick={() => setConfirmDelete({ id: d.id, name: d.name })}
                                  data-testid={`draft-delete-${d.id}`}
                                >
                                  {t('drafts.delete')}
                                </Button>
                              ) : null}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                ) : null}
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>

      {changes && current ? (
        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h5" mb="xs">
            {t('changes.titleCandidate', { version: current.version })}
          </Title>
          <PlanChanges changes={changes} testId="candidate-changes" />
        </Paper>
      ) : null}

      <Modal
        opened={confirmDelete !== null}
        onClose={() => setConfirmDelete(null)}
        title={confirmDelete ? t('drafts.deleteConfirm', { name: confirmDelete.name }) : ''}
      >
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmDelete(null)}>
            {t('adopt.cancel')}
          </Button>
          <Button
            color="red"
            loading={busy?.startsWith('delete-')}
            onClick={() => confirmDelete && void remove(confirmDelete.id)}
            data-testid="draft-delete-confirm"
          >
            {t('drafts.delete')}
          </Button>
        </Group>
      </Modal>

      <Modal opened={adoptOpen} onClose={() => setAdoptOpen(false)} title={t('adopt.title')}>
        <Stack gap="md">
          <Text size="sm">{t('adopt.body', { version: nextVersion })}</Text>
          <Select
            label={t('adopt.effective')}
            value={effective}
            onChange={(v) => setEffective(v ?? ALL)}
            data={[
              { value: ALL, label: t('adopt.effectiveAll') },
              ...effectiveOptions(lastClosed).map((p) => ({ value: p, label: f.period(p) })),
            ]}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="adopt-effective"
          />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAdoptOpen(false)}>
              {t('adopt.cancel')}
            </Button>
            <Button
              color="orange"
              loading={busy === 'adopt'}
              onClick={() => void adopt()}
              data-testid="adopt-confirm"
            >
              {t('adopt.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
