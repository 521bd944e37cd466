import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { MemberRow, MovePreview } from '../../../../shared/ipc/members.contract';
import { DialogForm, StateInput } from '../../components/DialogForm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';

type SponsorMode = 'keep' | 'change' | 'root';
type PlacementMode = 'keep' | 'change' | 'unplace';

/**
 * Change sponsor and/or placement. Every edit asks main for a preview (`members:movePreview`):
 * what moves, the old and new lines, and the uplines whose volume changes this period; main
 * refuses cycles, customers above distributors, taken slots and closed-period history.
 */
export function MoveDialog({
  opened,
  member,
  onClose,
  onMoved,
}: {
  opened: boolean;
  member: MemberRow;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { t } = useTranslation('members');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('move.title', { code: member.code })}
      size="xl"
    >
      {opened ? <MoveBody member={member} onClose={onClose} onMoved={onMoved} /> : null}
    </Modal>
  );
}

function MoveBody({
  member,
  onClose,
  onMoved,
}: {
  member: MemberRow;
  onClose: () => void;
  onMoved: () => void;
}) {
  const opened = true;
  const { t } = useTranslation('members');
  const [sMode, setSMode] = useState<SponsorMode>('change');
  const [sponsor, setSponsor] = useState('');
  const [pMode, setPMode] = useState<PlacementMode>('keep');
  const [parent, setParent] = useState('');
  const [leg, setLeg] = useState<'L' | 'R'>('L');
  const [reason, setReason] = useState('');
  const move = useAction('members:move');

  const target = useMemo(() => {
    const x: {
      code: string;
      sponsorCode?: string | null;
      placement?: { parentCode: string; leg: 'L' | 'R' } | null;
    } = { code: member.code };
    if (sMode === 'root') x.sponsorCode = null;
    if (sMode === 'change' && sponsor.trim()) x.sponsorCode = sponsor.trim();
    if (pMode === 'unplace') x.placement = null;
    if (pMode === 'change' && parent.trim()) x.placement = { parentCode: parent.trim(), leg };
    return x;
  }, [member.code, sMode, sponsor, pMode, parent, leg]);
  const [debounced] = useDebouncedValue(target, 300);
  const hasChange = debounced.sponsorCode !== undefined || debounced.placement !== undefined;
  const preview = useQuery('members:movePreview', debounced, { enabled: opened && hasChange });
  const p = hasChange ? preview.data : undefined;
  const current = JSON.stringify(target) === JSON.stringify(debounced) && !preview.loading;

  const submit = async () => {
    const r = await move.run({ ...target, reason });
    if (r) onMoved();
  };

  return (
    <DialogForm
      onSubmit={submit}
      error={move.error}
      cancelLabel={t('actions.cancel')}
      onCancel={onClose}
      submit={{
        label: t('move.submit'),
        testId: 'move-submit',
        loading: move.running,
        disabled: !p?.allowed || !current || !reason.trim(),
      }}
    >
      <SimpleGrid cols={2} spacing="md">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('move.sponsor')}: {member.sponsorCode ?? t('move.none')}
          </Text>
          <SegmentedControl
            size="xs"
            value={sMode}
            onChange={(v) => setSMode(v as SponsorMode)}
            data={[
              { value: 'keep', label: t('move.keep') },
              { value: 'change', label: t('move.change') },
              ...(member.kind === 'distributor' ? [{ value: 'root', label: t('move.root') }] : []),
            ]}
          />
          {sMode === 'change' ? (
            <TextInput
              label={t('move.newSponsor')}
              value={sponsor}
              onChange={(e) => setSponsor(e.currentTarget.value)}
              data-testid="move-sponsor"
              data-autofocus
            />
          ) : null}
        </Stack>
        {member.kind === 'distributor' ? (
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('move.placement')}:{' '}
              {member.placementCode ? `${member.placementCode} / ${member.leg}` : t('move.none')}
            </Text>
            <SegmentedControl
              size="xs"
              value={pMode}
              onChange={(v) => setPMode(v as PlacementMode)}
              data={[
                { value: 'keep', label: t('move.keep') },
                { value: 'change', label: t('move.change') },
                { value: 'unplace', label: t('move.unplace') },
              ]}
            />
            {pMode === 'change' ? (
              <Group grow>
                <TextInput
                  label={t('move.newParent')}
                  value={parent}
                  onChange={(e) => setParent(e.currentTarget.value)}
                  data-testid="move-parent"
                />
                <Select
                  label={t('move.leg')}
                  value={leg}
                  onChange={(v) => setLeg((v as 'L' | 'R') ?? 'L')}
                  data={['L', 'R']}
                  allowDeselect={false}
                  data-testid="move-leg"
                />
              </Group>
            ) : null}
          </Stack>
        ) : null}
      </SimpleGrid>
      <Title order={3} size="h6">
        {t('move.preview')}
      </Title>
      {!hasChange ? null : preview.error ? (
        <ErrorAlert error={preview.error} />
      ) : !p ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('move.checking')}</Text>
        </Group>
      ) : (
        <PreviewView p={p} />
      )}
      <StateInput
        label={t('move.reason')}
        required
        value={reason}
        onChange={setReason}
        testId="move-reason"
      />
    </DialogForm>
  );
}

function PreviewView({ p }: { p: MovePreview }) {
  const { t } = useTranslation('members');
  const f = useFormat();
  const line = (refs: { code: string }[]) => refs.map((r) => r.code).join(' → ') || t('move.none');
  return (
    <Stack gap="xs" data-testid="move-preview">
      {p.problems.length ? (
        <Alert color="red" variant="light" title={t('move.problems')} data-testid="move-problems">
          {p.problems.map((x) => (
            <Text size="sm" key={`${x.field}${x.message}`}>
              {x.message}
            </Text>
          ))}
        </Alert>
      ) : null}
      {(
        [
          ['sponsor', p.sponsor],
          ['placement', p.placement],
        ] as const
      ).map(([name, c]) =>
        c ? (
          <Stack gap={4} key={name}>
            <Text size="sm" fw={600}>
              {t(`move.${name}`)}:{' '}
              {c.from ? `${c.from.code}${c.from.leg ? `/${c.from.leg}` : ''}` : t('move.none')} →{' '}
              {c.to ? `${c.to.code}${c.to.leg ? `/${c.to.leg}` : ''}` : t('move.none')}
            </Text>
            <Text size="sm">
              {t('move.oldLine')}: {line(c.oldLine)}
            </Text>
            <Text size="sm">
              {t('move.newLine')}: {line(c.newLine)}
            </Text>
            <Text size="sm" data-testid={`move-${name}-subtree`}>
              {t('move.subtree', { count: c.subtreeSize, code: p.member.code })} ·{' '}
              {t('move.volume', { pv: f.number(c.volumeMoved), period: f.period(p.period) })}
            </Text>
            {c.affected.length ? (
              <>
                <Table striped verticalSpacing={2} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('move.upline')}</Table.Th>
                      <Table.Th />
                      <Table.Th ta="right">{t('move.before')}</Table.Th>
                      <Table.Th ta="right">{t('move.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {c.affected.map((a) => (
                      <Table.Tr key={`${a.side}${a.code}${a.leg ?? ''}`}>
                        <Table.Td>
                          {a.code} {a.leg ? `(${a.leg})` : ''}{' '}
                          <Text span c="dimmed" size="xs">
                            {a.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge
                            size="xs"
                            color={a.side === 'old' ? 'orange' : 'teal'}
                            variant="light"
                          >
                            {t(`move.side.${a.side}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right">{f.number(a.before)}</Table.Td>
                        <Table.Td ta="right">{f.number(a.after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Text size="xs" c="dimmed">
                  {t('move.moreUplines', { old: c.oldUplineAffected, new: c.newUplineAffected })}
                </Text>
              </>
            ) : null}
          </Stack>
        ) : null,
      )}
    </Stack>
  );
}
