import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Code,
  Drawer,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MemberDetail, MemberRef } from '../../../../shared/ipc/members.contract';
import { hrefFor, navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { HoldDialog } from './HoldDialog';
import { MemberForm } from './MemberForm';
import { MoveDialog } from './MoveDialog';
import { useCan } from './useCan';

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function RefLink({ r }: { r: MemberRef & { leg?: 'L' | 'R' | null } }) {
  return (
    <Anchor href={hrefFor('members', r.code)} size="sm">
      {r.code}
      {r.leg ? `/${r.leg}` : ''}{' '}
      <Text span c="dimmed" size="sm">
        {r.name}
      </Text>
    </Anchor>
  );
}

/** Detail of one member (`#/members/<code>`): profile, network, history, audit; actions. */
export function MemberDrawer({
  code,
  onClose,
  onChanged,
}: {
  code: string | undefined;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation('members');
  const [limit, setLimit] = useState(50);
  const q = useQuery(
    'members:detail',
    { code: code ?? 'x', downlineLimit: limit },
    { enabled: code !== undefined },
  );
  const [dialog, setDialog] = useState<'edit' | 'hold' | 'release' | 'move' | undefined>();
  const allowed = useCan();
  const d = q.data && q.data.member.code === code ? q.data : undefined;
  const changed = () => {
    setDialog(undefined);
    q.refetch();
    onChanged();
  };

  return (
    <Drawer
      opened={code !== undefined}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('detail.title', { code: code ?? '' })}
      data-testid="member-drawer"
    >
      {q.error ? <ErrorAlert error={q.error} onRetry={q.refetch} /> : null}
      {!d ? (
        q.error ? null : (
          <Loader size="sm" />
        )
      ) : (
        <Stack gap="md">
          <Group gap="xs">
            {allowed('members:update') ? (
              <Button size="xs" onClick={() => setDialog('edit')} data-testid="member-edit">
                {t('actions.edit')}
              </Button>
            ) : null}
            {allowed('members:move') ? (
              <Button
                size="xs"
                variant="default"
                onClick={() => setDialog('move')}
                data-testid="member-move"
              >
                {t('actions.move')}
              </Button>
            ) : null}
            {!allowed('members:hold') ? null : d.member.hold ? (
              <Button
                size="xs"
                variant="default"
                color="red"
                onClick={() => setDialog('release')}
                data-testid="member-release"
              >
                {t('actions.release')}
              </Button>
            ) : (
              <Button
                size="xs"
                variant="default"
                color="red"
                onClick={() => setDialog('hold')}
                data-testid="member-hold"
              >
                {t('actions.hold')}
              </Button>
            )}
            <Button
              size="xs"
              variant="subtle"
              onClick={() => navigate('members', 'genealogy', d.member.code)}
              data-testid="member-genealogy"
            >
              {t('actions.genealogy')}
            </Button>
          </Group>
          <DetailTabs d={d} onMore={() => setLimit((l) => l + 100)} />
          <MemberForm
            opened={dialog === 'edit'}
            member={d.member}
            onClose={() => setDialog(undefined)}
            onSaved={changed}
          />
          <HoldDialog
            mode={dialog === 'hold' ? 'hold' : dialog === 'release' ? 'release' : undefined}
            code={d.member.code}
            onClose={() => setDialog(undefined)}
            onDone={changed}
          />
          <MoveDialog
            opened={dialog === 'move'}
            member={d.member}
            onClose={() => setDialog(undefined)}
            onMoved={changed}
          />
        </Stack>
      )}
    </Drawer>
  );
}

function DetailTabs({ d, onMore }: { d: MemberDetail; onMore: () => void }) {
  const { t } = useTranslation('members');
  const f = useFormat();
  const m = d.member;
  const line = (label: string, value: string | null | undefined) => (
    <Table.Tr>
      <Table.Th w={200} fw={500}>
        {label}
      </Table.Th>
      <Table.Td>{value || '—'}</Table.Td>
    </Table.Tr>
  );
  return (
    <Tabs defaultValue="profile" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="profile">{t('detail.tabs.profile')}</Tabs.Tab>
        <Tabs.Tab value="network" data-testid="member-tab-network">
          {t('detail.tabs.network')}
        </Tabs.Tab>
        <Tabs.Tab value="history">{t('detail.tabs.history')}</Tabs.Tab>
        <Tabs.Tab value="audit" data-testid="member-tab-audit">
          {t('detail.tabs.audit')}
        </Tabs.Tab>
      </Tabs.List>

      <Tabs.Panel value="profile" pt="md">
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600} size="lg" data-testid="member-name">
              {m.name}
            </Text>
            <Badge variant="light">{t(`kind.${m.kind}`)}</Badge>
            <Badge variant="light" color={m.status === 'active' ? 'green' : 'yellow'}>
              {t(`status.${m.status}`)}
            </Badge>
            {m.hold ? (
              <Badge color="red" variant="outline" data-testid="member-hold-badge">
                {t('hold')}: {m.holdReason}
              </Badge>
            ) : null}
          </Group>
          <SimpleGrid cols={2} spacing="xs">
            <Stat
              label={`${t('detail.pv')} · ${f.period(d.period)}`}
              value={f.number(d.volumes.pv)}
              testId="member-pv"
            />
            <Stat
              label={`${t('detail.gv')} · ${f.period(d.period)}`}
              value={f.number(d.volumes.gv)}
              testId="member-gv"
            />
          </SimpleGrid>
          <Table withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              {line(t('columns.joinDate'), f.date(m.joinDate))}
              {line(t('columns.sponsor'), m.sponsorCode)}
              {line(
                t('columns.placement'),
                m.placementCode ? `${m.placementCode} / ${m.leg}` : null,
              )}
              {line(t('columns.phone'), m.phone)}
              {line(t('columns.email'), m.email)}
              {line('NIK', m.nik)}
              {line('NPWP', m.npwp)}
              {line(t('columns.bankName'), m.bankName)}
              {line(t('columns.bankAccount'), m.bankAccount)}
              {line(t('columns.bankHolder'), m.bankHolder)}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {t('detail.created', { at: f.dateTime(m.createdAt) })}
          </Text>
          <Title order={3} size="h6">
            {t('detail.holds')}
          </Title>
          {d.holds.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('detail.noHolds')}
            </Text>
          ) : (
            d.holds.map((h, i) => (
              <Text size="sm" key={i}>
                {f.dateTime(h.placedAt)} — {h.reason} (
                {t('detail.placedBy', { who: h.placedBy ?? '?' })};{' '}
                {h.releasedAt
                  ? t('detail.releasedBy', {
                      at: f.dateTime(h.releasedAt),
                      who: h.releasedBy ?? '?',
                    })
                  : t('detail.stillHeld')}
                )
              </Text>
            ))
          )}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="network" pt="md">
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="xs">
            <Stat label={t('detail.directSponsored')} value={f.number(d.counts.directSponsored)} />
            <Stat
              label={t('detail.downline')}
              value={f.number(d.counts.sponsorDownline)}
              testId="member-downline"
            />
            <Stat
              label={t('detail.left')}
              value={
                d.counts.placementLeft
                  ? `${d.counts.placementLeft.code} · ${f.number(d.counts.placementLeft.size)}`
                  : '—'
              }
            />
            <Stat
              label={t('detail.right')}
              value={
                d.counts.placementRight
                  ? `${d.counts.placementRight.code} · ${f.number(d.counts.placementRight.size)}`
                  : '—'
              }
            />
          </SimpleGrid>
          <Title order={3} size="h6">
            {t('detail.sponsorLine')} · {t('detail.depth', { depth: d.sponsorDepth })}
          </Title>
          {d.sponsorLine.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('detail.root')}
            </Text>
          ) : (
            <Stack gap={2} data-testid="member-sponsor-line">
              {d.sponsorLine.map((r) => (
                <RefLink key={r.code} r={r} />
              ))}
            </Stack>
          )}
          <Title order={3} size="h6">
            {t('detail.placementLine')}
          </Title>
          {d.placementLine.length === 0 ? (
            <Text size="sm" c="dimmed">
              {m.placementCode ? '' : t('detail.notPlaced')}
            </Text>
          ) : (
            <Group gap="xs">
              {d.placementLine.map((r) => (
                <RefLink key={r.code} r={r} />
              ))}
            </Group>
          )}
          <Title order={3} size="h6">
            {t('detail.directDownline')} ({f.number(d.downline.total)})
          </Title>
          <Table striped verticalSpacing={2} data-testid="member-downline-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('columns.code')}</Table.Th>
                <Table.Th>{t('columns.name')}</Table.Th>
                <Table.Th ta="right">{t('tree.pv')}</Table.Th>
                <Table.Th ta="right">{t('tree.gv')}</Table.Th>
                <Table.Th ta="right">{t('tree.downline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.downline.rows.map((n) => (
                <Table.Tr key={n.code}>
                  <Table.Td>
                    <Anchor href={hrefFor('members', n.code)} size="sm">
                      {n.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{n.name}</Table.Td>
                  <Table.Td ta="right">{f.number(n.pv)}</Table.Td>
                  <Table.Td ta="right">{f.number(n.gv)}</Table.Td>
                  <Table.Td ta="right">{f.number(n.downlineSize)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {d.downline.rows.length < d.downline.total ? (
            <Button size="xs" variant="subtle" onClick={onMore}>
              {t('detail.more')}
            </Button>
          ) : null}
        </Stack>
      </Tabs.Panel>

      <Tabs.Panel value="history" pt="md">
        {d.ranks.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('detail.noRuns')}
          </Text>
        ) : (
          <Table striped verticalSpacing={2}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tree.period')}</Table.Th>
                <Table.Th>{t('detail.rank')}</Table.Th>
                <Table.Th ta="right">PV</Table.Th>
                <Table.Th ta="right">GV</Table.Th>
                <Table.Th ta="right">{t('detail.gross')}</Table.Th>
                <Table.Th ta="right">{t('detail.tax')}</Table.Th>
                <Table.Th ta="right">{t('detail.net')}</Table.Th>
                <Table.Th>{t('detail.paid')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.ranks.map((r, i) => {
                const p = d.payouts[i]!;
                return (
                  <Table.Tr key={r.period}>
                    <Table.Td>{f.period(r.period, 'short')}</Table.Td>
                    <Table.Td>
                      {r.rank ?? '—'}{' '}
                      {r.active ? <Badge size="xs">{t('detail.active')}</Badge> : null}
                    </Table.Td>
                    <Table.Td ta="right">{f.number(r.pv)}</Table.Td>
                    <Table.Td ta="right">{f.number(r.gv)}</Table.Td>
                    <Table.Td ta="right">{f.rupiah(p.gross)}</Table.Td>
                    <Table.Td ta="right">{f.rupiah(p.tax)}</Table.Td>
                    <Table.Td ta="right">{f.rupiah(p.net)}</Table.Td>
                    <Table.Td>
                      {p.paid
                        ? t('detail.paid')
                        : p.held
                          ? t('detail.held')
                          : `${t('detail.carry')} ${f.rupiah(p.carryOut)}`}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Tabs.Panel>

      <Tabs.Panel value="audit" pt="md">
        {d.audit.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('detail.noAudit')}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="member-audit">
            {d.audit.map((a) => (
              <Paper key={a.id} withBorder p="xs" radius="sm">
                <Group justify="space-between">
                  <Text size="sm" fw={600}>
                    {a.action}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {f.dateTime(a.at)} · {a.actor}
                  </Text>
                </Group>
                {a.reason ? <Text size="sm">“{a.reason}”</Text> : null}
                {a.before || a.after ? (
                  <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                    {a.before ? `− ${JSON.stringify(a.before)}\n` : ''}
                    {a.after ? `+ ${JSON.stringify(a.after)}` : ''}
                  </Code>
                ) : null}
              </Paper>
            ))}
          </Stack>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}
