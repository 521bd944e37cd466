import { useMemo, useState } from 'react';
import { Badge, Box, Grid, Paper, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/plan';
import { diffPlans } from '../../../../shared/plan-diff';
import type { PlanVersionRow } from '../../../../shared/ipc/plans.contract';
import type { ScreenProps } from '../../app/routes';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { WhatIfPanel } from '../whatif/WhatIfPanel';
import { PlanChanges } from './PlanChanges';
import { PlanEditor, type EditorState } from './PlanEditor';
import { PlanView } from './PlanView';
import { planToText } from './planText';

/**
 * `#/plan[/<tab>[/<version>]]` — the compensation plan (Rencana Bonus): the plan in force read
 * as tables, its versions with what changed from the one before, the JSON editor that validates
 * a candidate (errors name JSON paths) and keeps drafts, and the what-if simulator on closed
 * periods (features/whatif).
 */

const TABS = ['current', 'versions', 'edit', 'whatif'] as const;
type Tab = (typeof TABS)[number];

function isTab(v: string | undefined): v is Tab {
  return (TABS as readonly string[]).includes(v ?? '');
}

/** The adopted version listed just before `version` (what its changes are measured against). */
function previousOf(
  rows: PlanVersionRow[] | undefined,
  version: number,
): PlanVersionRow | undefined {
  return rows?.filter((r) => r.status === 'adopted' && r.version < version).at(-1);
}

function ChangesCard({
  version,
  plan,
  previous,
}: {
  version: number;
  plan: Plan;
  previous: PlanVersionRow | undefined;
}) {
  const { t } = useTranslation('plan');
  const prev = useQuery('plans:show', { version: previous?.version ?? 1 }, { enabled: !!previous });
  const changes = useMemo(
    () => (previous && prev.data ? diffPlans(prev.data.plan as Plan, plan) : null),
    [previous, prev.data, plan],
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid={`changes-card-${version}`}>
      <Title order={2} size="h5" mb="xs">
        {previous ? t('changes.title', { version: previous.version }) : t('changes.first')}
      </Title>
      {prev.error ? <ErrorAlert error={prev.error} onRetry={prev.refetch} /> : null}
      {previous ? changes ? <PlanChanges changes={changes} /> : <Skeleton h={60} /> : null}
    </Paper>
  );
}

function CurrentPanel({ versions }: { versions: PlanVersionRow[] | undefined }) {
  const { t } = useTranslation('plan');
  const current = useQuery('plans:current', {});
  if (current.error) return <ErrorAlert error={current.error} onRetry={current.refetch} />;
  if (current.loading && !current.data) return <Skeleton h={300} radius="md" />;
  const c = current.data;
  if (!c) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Text c="dimmed">{t('none')}</Text>
      </Paper>
    );
  }
  const plan = c.plan as Plan;
  return (
    <Stack gap="md">
      <PlanView plan={plan} row={c} />
      <ChangesCard version={c.version} plan={plan} previous={previousOf(versions, c.version)} />
    </Stack>
  );
}

function VersionsPanel({
  versions,
  selected,
}: {
  versions: PlanVersionRow[] | undefined;
  selected: number | undefined;
}) {
  const { t } = useTranslation('plan');
  const f = useFormat();
  const adopted = versions?.filter((v) => v.status === 'adopted') ?? [];
  const latest = adopted.at(-1)?.version;
  const pick = selected ?? latest;
  const shown = useQuery('plans:show', { version: pick ?? 1 }, { enabled: pick !== undefined });
  if (!versions) return <Skeleton h={200} radius="md" />;
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, xl: 4 }}>
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="xs" data-testid="versions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('versions.version')}</Table.Th>
                <Table.Th>{t('versions.name')}</Table.Th>
                <Table.Th>{t('versions.effective')}</Table.Th>
                <Table.Th>{t('versions.usedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...adopted].reverse().map((v) => (
                <Table.Tr
                  key={v.version}
                  onClick={() => navigate('plan', 'versions', String(v.version))}
                  style={{ cursor: 'pointer' }}
                  bg={v.version === pick ? 'var(--mantine-primary-color-light)' : undefined}
                  aria-selected={v.version === pick}
                  data-testid={`version-row-${v.version}`}
                >
                  <Table.Td>
                    <Text fw={600} size="sm" span>
                      v{v.version}
                    </Text>
                    {v.version === latest ? (
                      <Badge size="xs" variant="light" ml={6} style={{ flexShrink: 0 }}>
                        {t('versions.current')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.name}</Text>
                    <Text size="xs" c="dimmed">
                      {f.dateTime(v.createdAt)} · {v.createdBy ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {v.effectivePeriod ? f.period(v.effectivePeriod, 'short') : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {v.committedPeriods.map((p) => f.period(p, 'short')).join(', ') || '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 8 }}>
        {shown.error ? <ErrorAlert error={shown.error} onRetry={shown.refetch} /> : null}
        {pick === undefined ? (
          <Text c="dimmed">{t('versions.pick')}</Text>
        ) : shown.data && shown.data.version === pick ? (
          <Stack gap="md">
            <ChangesCard
              key={pick}
              version={pick}
              plan={shown.data.plan as Plan}
              previous={previousOf(versions, pick)}
            />
            <PlanView plan={shown.data.plan as Plan} row={shown.data} />
          </Stack>
        ) : (
          <Skeleton h={300} radius="md" />
        )}
      </Grid.Col>
    </Grid>
  );
}

export function PlanScreen({ params }: ScreenProps) {
  const { t } = useTranslation('plan');
  const { t: tc } = useTranslation();
  const tab: Tab = isTab(params[0]) ? params[0] : 'current';
  const versions = useQuery('plans:list', {});
  const current = useQuery('plans:current', {});
  // The candidate being edited lives here, so it survives switching tabs (editor ↔ what-if).
  const [editor, setEditor] = useState<EditorState>({
    text: '',
    draftId: null,
    savedText: null,
    draftName: '',
    touched: false,
  });
  // Until the person types or loads something, the editor shows the plan in force.
  const currentText = current.data ? planToText(current.data.plan) : '';
  const shown: EditorState =
    !editor.touched && editor.text === '' ? { ...editor, text: currentText } : editor;
  const updateEditor = (u: EditorState | ((s: EditorState) => EditorState)) =>
    setEditor((s) => {
      const base = !s.touched && s.text === '' ? { ...s, text: currentText } : s;
      return typeof u === 'function' ? u(base) : u;
    });

  const versionParam =
    tab === 'versions' && params[1] && /^\d+$/.test(params[1]) ? Number(params[1]) : undefined;
  const refresh = () => {
    versions.refetch();
    current.refetch();
  };

  return (
    <Screen title={tc('nav.plan')} subtitle={t('subtitle')}>
      {versions.error ? <ErrorAlert error={versions.error} onRetry={versions.refetch} /> : null}
      <Tabs value={tab} onChange={(v) => v && navigate('plan', v)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((id) => (
            <Tabs.Tab key={id} value={id} data-testid={`plan-tab-${id}`}>
              {t(`tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="current">
          <CurrentPanel versions={versions.data} />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsPanel versions={versions.data} selected={versionParam} />
        </Tabs.Panel>
        <Tabs.Panel value="edit">
          <PlanEditor
            state={shown}
            onChange={updateEditor}
            current={
              current.data
                ? { version: current.data.version, plan: current.data.plan as Plan }
                : null
            }
            onAdopted={refresh}
          />
        </Tabs.Panel>
      </Tabs>
      {/* Kept mounted (hidden) on the other tabs: a result or a running simulation survives a
          look at the editor. */}
      <Box display={tab === 'whatif' ? undefined : 'none'}>
        <WhatIfPanel editorText={shown.text} active={tab === 'whatif'} />
      </Box>
    </Screen>
  );
}
