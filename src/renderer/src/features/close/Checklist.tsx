import { useState, type ReactNode } from 'react';
import {
  Anchor,
  Box,
  Button,
  Code,
  Collapse,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChecklistDto } from '../../../../shared/ipc/close.contract';
import { useFormat } from '../../lib/format';

type Mark = 'ok' | 'warn' | 'info';

function Item({
  mark,
  label,
  children,
  list,
  testId,
}: {
  mark: Mark;
  label: string;
  children: ReactNode;
  list?: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation('close');
  const [open, setOpen] = useState(false);
  const color = mark === 'ok' ? 'teal' : mark === 'warn' ? 'yellow' : 'gray';
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" data-testid={testId} data-mark={mark}>
      <ThemeIcon color={color} variant="light" radius="xl" size="md" aria-hidden>
        <Text size="sm" fw={700}>
          {mark === 'ok' ? '✓' : mark === 'warn' ? '!' : 'i'}
        </Text>
      </ThemeIcon>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={500}>
            {label}
          </Text>
          {list ? (
            <Anchor component="button" type="button" size="xs" onClick={() => setOpen((o) => !o)}>
              {open ? t('checklist.hideList') : t('checklist.showList')}
            </Anchor>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {children}
        </Text>
        {list ? (
          <Collapse expanded={open}>
            <ScrollArea.Autosize mah={260} mt={6} type="auto">
              {list}
            </ScrollArea.Autosize>
          </Collapse>
        ) : null}
      </Box>
    </Group>
  );
}

/** What an accountant checks before a close, with the numbers behind each point. */
export function Checklist({
  c,
  onAddAdjustment,
}: {
  c: ChecklistDto;
  onAddAdjustment?: (() => void) | undefined;
}) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const open = c.status === 'open';

  return (
    <Paper withBorder radius="md" p="md" data-testid="close-checklist">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t('checklist.title')}
        </Title>
        {open && onAddAdjustment ? (
          <Button size="xs" variant="light" onClick={onAddAdjustment} data-testid="adjustment-add">
            {t('actions.addAdjustment')}
          </Button>
        ) : null}
      </Group>
      <Stack gap="sm">
        <Item mark={c.plan ? 'ok' : 'warn'} label={t('checklist.plan')} testId="check-plan">
          {c.plan
            ? t('checklist.planValue', { version: c.plan.version, name: c.plan.name })
            : t('checklist.noPlan')}
        </Item>
        <Item
          mark={c.orders.orders > 0 ? 'ok' : 'info'}
          label={t('checklist.orders')}
          testId="check-orders"
        >
          {t('checklist.ordersValue', {
            orders: f.number(c.orders.orders),
            lines: f.number(c.orders.lines),
            bv: c.orders.bv === null ? t('none') : f.rupiah(c.orders.bv),
            sales: c.orders.sales === null ? t('none') : f.rupiah(c.orders.sales),
          })}
        </Item>
        <Item mark="info" label={t('checklist.returns')} testId="check-returns">
          {t('checklist.returnsValue', {
            netted: f.number(c.returns.netted),
            clawbacks: f.number(c.returns.clawbacks),
          })}
        </Item>
        <Item
          mark="info"
          label={t('checklist.adjustments')}
          testId="check-adjustments"
          list={
            c.adjustments.rows.length ? (
              <Table fz="xs" verticalSpacing={4} data-testid="adjustments-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('adjustments.member')}</Table.Th>
                    <Table.Th ta="right">{t('adjustments.amount')}</Table.Th>
                    <Table.Th>{t('adjustments.reason')}</Table.Th>
                    <Table.Th>{t('adjustments.by')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.adjustments.rows.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Code>{a.memberCode}</Code> {a.memberName}
                      </Table.Td>
                      <Table.Td ta="right" className="num">
                        {f.rupiah(a.amount)}
                      </Table.Td>
                      <Table.Td>{a.reason}</Table.Td>
                      <Table.Td>{a.createdBy ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : undefined
          }
        >
          {t('checklist.adjustmentsValue', {
            count: f.number(c.adjustments.count),
            total: f.rupiah(c.adjustments.total),
          })}
        </Item>
        <Item
          mark={c.holds.onHoldCount + c.holds.missingBankCount > 0 ? 'warn' : 'ok'}
          label={t('checklist.holds')}
          testId="check-holds"
          list={
            c.holds.onHold.length + c.holds.missingBank.length ? (
              <Table fz="xs" verticalSpacing={4}>
                <Table.Tbody>
                  {c.holds.onHold.map((h) => (
                    <Table.Tr key={`h-${h.code}`}>
                      <Table.Td>
                        <Code>{h.code}</Code> {h.name}
                      </Table.Td>
                      <Table.Td>{t('holds.onHold')}</Table.Td>
                      <Table.Td>{h.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                  {c.holds.missingBank.map((h) => (
                    <Table.Tr key={`b-${h.code}`}>
                      <Table.Td>
                        <Code>{h.code}</Code> {h.name}
                      </Table.Td>
                      <Table.Td>{t('holds.missingBank')}</Table.Td>
                      <Table.Td />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : undefined
          }
        >
          {t('checklist.holdsValue', {
            onHold: f.number(c.holds.onHoldCount),
            missingBank: f.number(c.holds.missingBankCount),
          })}
        </Item>
        {open ? (
          <Item
            mark={c.blockers.length || c.laterClosed ? 'warn' : 'ok'}
            label={t('checklist.order')}
            testId="check-order"
          >
            {c.blockers.length
              ? t('checklist.orderBlocked', {
                  periods: c.blockers.map((p) => f.period(p)).join(', '),
                })
              : c.laterClosed
                ? t('checklist.laterClosed', { period: f.period(c.laterClosed) })
                : t('checklist.orderOk')}
          </Item>
        ) : null}
        {open ? (
          <Item
            mark={c.lastPreview ? 'ok' : 'info'}
            label={t('checklist.preview')}
            testId="check-preview"
          >
            {c.lastPreview
              ? t('checklist.previewValue', {
                  user: c.lastPreview.previewedBy,
                  at: f.dateTime(c.lastPreview.previewedAt),
                })
              : t('checklist.previewNone')}
            {c.makerChecker ? (
              <>
                <br />
                {t('checklist.makerChecker')}
              </>
            ) : null}
          </Item>
        ) : null}
      </Stack>
    </Paper>
  );
}
