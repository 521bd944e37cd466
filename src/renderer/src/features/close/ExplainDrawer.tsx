import { useEffect, useState } from 'react';
import {
  Badge,
  Box,
  Button,
  Code,
  Drawer,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExplainDto } from '../../../../shared/ipc/close.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../lib/format';
import { JobProgress } from './JobProgress';
import { useJob } from '../../lib/useJob';

/** "Why is my bonus Rp X?": every line behind a member's amounts, grouped by bonus. */
export function ExplainDrawer({
  period,
  code,
  onClose,
}: {
  period: string;
  /** null: closed; '' : open with an empty member field. */
  code: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('close');
  const f = useFormat();
  return (
    <Drawer
      opened={code !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={t('explain.title', { code: code || '…', period: f.period(period) })}
    >
      {code !== null ? <ExplainBody key={code} period={period} code={code} /> : null}
    </Drawer>
  );
}

function ExplainBody({ period, code }: { period: string; code: string }) {
  const { t } = useTranslation('close');
  const [member, setMember] = useState(code);
  const job = useJob('close:explain');
  const { start } = job;
  useEffect(() => {
    if (code) void start({ period, member: code });
  }, [code, period, start]);

  return (
    <Stack gap="md" data-testid="explain-drawer">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (member.trim()) void start({ period, member: member.trim() });
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('explain.member')}
            value={member}
            onChange={(e) => setMember(e.currentTarget.value)}
            data-testid="explain-member"
            style={{ flex: 1 }}
          />
          <Button
            type="submit"
            disabled={!member.trim() || job.status === 'running'}
            data-testid="explain-run"
          >
            {t('explain.run')}
          </Button>
        </Group>
      </form>
      {job.status === 'running' ? (
        <JobProgress
          label={t('explain.run')}
          progress={job.progress}
          onCancel={job.cancel}
          testId="explain-progress"
        />
      ) : null}
      {job.error ? <ErrorAlert error={job.error} /> : null}
      {job.status === 'done' && job.result ? <ExplainView e={job.result} /> : null}
    </Stack>
  );
}

function ExplainView({ e }: { e: ExplainDto }) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const m = e.member;
  const p = e.payout;
  const row = (label: string, value: number, strong = false) => (
    <Table.Tr>
      <Table.Td>{strong ? <b>{label}</b> : label}</Table.Td>
      <Table.Td ta="right" className="num">
        {strong ? <b>{f.rupiah(value)}</b> : f.rupiah(value)}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="md" data-testid="explain-result">
      <Paper withBorder radius="md" p="sm">
        <Group justify="space-between">
          <Box>
            <Text fw={600}>
              <Code>{m.code}</Code> {m.name}
            </Text>
            <Text size="sm" c="dimmed">
              {m.kind} · {m.rank ?? t('none')} ·{' '}
              {m.active
                ? t('explain.active')
                : `${t('explain.inactive')}${m.inactiveReason ? ` (${m.inactiveReason})` : ''}`}
            </Text>
            <Text size="sm" c="dimmed" className="num">
              {t('explain.figures', { pv: f.number(m.pv), gv: f.number(m.gv), bv: f.rupiah(m.bv) })}
            </Text>
          </Box>
          <Badge variant="light" color={e.source === 'committed' ? 'gray' : 'blue'}>
            {e.source === 'committed' ? t('explain.committed') : t('explain.computed')}
          </Badge>
        </Group>
        {e.rankChecks
          .filter((r) => !r.achieved && r.unmet.length)
          .map((r) => (
            <Text key={r.rank} size="xs" c="dimmed">
              {t('explain.rankUnmet', { rank: r.rank, why: r.unmet.join('; ') })}
            </Text>
          ))}
      </Paper>

      {e.bonuses
        .filter((b) => b.amount !== 0 || b.lines.length || b.whyNot.length)
        .map((b) => (
          <Paper key={b.id} withBorder radius="md" p="sm" data-testid={`explain-bonus-${b.id}`}>
            <Group justify="space-between" mb={4}>
              <Title order={4} size="h5">
                {b.id}{' '}
                <Text span size="xs" c="dimmed">
                  {b.type}
                </Text>
              </Title>
              <Text fw={600} className="num">
                {f.rupiah(b.amount)}
              </Text>
            </Group>
            {b.lines.length ? (
              <Table fz="xs" verticalSpacing={2}>
                <Table.Tbody>
                  {b.lines.map((l, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>
                        {[
                          l.level ? t('explain.level', { level: l.level }) : '',
                          l.sourceCode ? t('explain.from', { code: l.sourceCode }) : '',
                          l.sourceOrderNo ? t('explain.order', { order: l.sourceOrderNo }) : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Table.Td>
                      <Table.Td ta="right" className="num">
                        {f.rupiah(l.base)} × {f.bp(l.rateBp)}
                      </Table.Td>
                      <Table.Td ta="right" className="num">
                        {f.rupiah(l.amount)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="xs" c="dimmed">
                {t('explain.noLines')}
              </Text>
            )}
            {b.whyNot.length ? (
              <Box mt={6}>
                <Text size="xs" fw={600} c="orange">
                  {t('explain.notPaid')}
                </Text>
                {b.whyNot.slice(0, 10).map((w, i) => (
                  <Text key={i} size="xs" c="dimmed">
                    {w.sourceCode ? `${w.sourceCode}: ` : ''}
                    {w.message}
                    {w.missed ? ` (${f.rupiah(w.missed)})` : ''}
                  </Text>
                ))}
              </Box>
            ) : null}
          </Paper>
        ))}

      {e.clawbacks.length ? (
        <Paper withBorder radius="md" p="sm">
          <Title order={4} size="h5" mb={4}>
            {t('explain.clawbacks')}
          </Title>
          {e.clawbacks.map((c, i) => (
            <Group key={i} justify="space-between">
              <Text size="xs">
                {t('explain.clawbackLine', {
                  bonus: c.bonusId,
                  period: f.period(c.sourcePeriod),
                  before: f.rupiah(c.before),
                  after: f.rupiah(c.after),
                })}
                {c.sourceOrderNo ? ` · ${t('explain.order', { order: c.sourceOrderNo })}` : ''}
              </Text>
              <Text size="xs" className="num">
                {f.rupiah(-c.amount)}
              </Text>
            </Group>
          ))}
        </Paper>
      ) : null}

      <Paper withBorder radius="md" p="sm" data-testid="explain-payout">
        <Title order={4} size="h5" mb={4}>
          {t('explain.payout')}
        </Title>
        <Table fz="sm" verticalSpacing={2}>
          <Table.Tbody>
            {row(t('explain.bonusTotal'), p.bonusTotal)}
            {row(t('explain.adjustments'), p.adjustments)}
            {row(t('explain.clawbacks'), -p.clawbacks)}
            {row(t('explain.gross'), p.gross, true)}
            {row(t('explain.carryIn'), p.carryIn)}
            {row(t('explain.available'), p.available, true)}
            {row(t('explain.tax', { profile: p.taxProfile }), -p.tax)}
            {row(t('explain.net'), p.net, true)}
            {row(t('explain.carryOut'), p.carryOut)}
          </Table.Tbody>
        </Table>
        {p.held ? (
          <Text size="xs" c="orange" mt={4}>
            {t('explain.held', { why: p.heldReasons.join(', ') })}
          </Text>
        ) : null}
        {!p.paid && p.notPaidReason ? (
          <Text size="xs" c="dimmed" mt={4}>
            {p.notPaidReason}
          </Text>
        ) : null}
        {e.notes.map((n) => (
          <Text key={n} size="xs" c="dimmed" mt={4}>
            {n}
          </Text>
        ))}
      </Paper>
    </Stack>
  );
}
