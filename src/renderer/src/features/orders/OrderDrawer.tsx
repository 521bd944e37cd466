import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../../shared/ipc/orders.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ReturnDialog } from './ReturnDialog';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** One order: header, lines (with what was returned), its returns, and the return dialog. */
export function OrderDrawer({
  orderNo,
  onClose,
}: {
  orderNo: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation('orders');
  const q = useQuery('orders:get', { orderNo: orderNo ?? '' }, { enabled: Boolean(orderNo) });
  const order = q.data && q.data.orderNo === orderNo ? q.data : undefined;
  return (
    <Drawer
      opened={Boolean(orderNo)}
      onClose={onClose}
      position="right"
      size="xl"
      title={orderNo ? t('detail.title', { orderNo }) : ''}
      data-testid="order-drawer"
    >
      {q.error ? <ErrorAlert error={q.error} onRetry={q.refetch} /> : null}
      {order ? (
        <OrderBody order={order} onChanged={q.refetch} />
      ) : q.error ? null : (
        <Loader size="sm" />
      )}
    </Drawer>
  );
}

function OrderBody({ order, onChanged }: { order: OrderDetail; onChanged: () => void }) {
  const { t } = useTranslation('orders');
  const f = useFormat();
  const [returning, setReturning] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const left = order.totals.qty - order.totals.returnedQty;

  return (
    <Stack gap="md">
      <SimpleGrid cols={3} spacing="sm">
        <Field label={t('detail.buyer')}>
          {order.member.code} · {order.member.name}{' '}
          <Badge
            size="xs"
            variant="light"
            color={order.member.kind === 'customer' ? 'grape' : 'blue'}
          >
            {t(`kind.${order.member.kind}`)}
          </Badge>
        </Field>
        <Field label={t('detail.date')}>{f.date(order.date)}</Field>
        <Field label={t('detail.period')}>
          {f.period(order.period)}{' '}
          {order.periodClosed ? (
            <Badge size="xs" variant="outline" color="gray">
              {t('closed')}
            </Badge>
          ) : null}
        </Field>
      </SimpleGrid>
      {order.periodClosed ? (
        <Alert color="gray" variant="light" py={6}>
          {t('detail.periodClosed', { period: f.period(order.period) })}
        </Alert>
      ) : null}
      {notice ? (
        <Alert
          color="green"
          variant="light"
          withCloseButton
          onClose={() => setNotice(undefined)}
          role="status"
          py={6}
          data-testid="order-notice"
        >
          {notice}
        </Alert>
      ) : null}

      <Title order={3} size="h5">
        {t('detail.lines')}
      </Title>
      <Table striped verticalSpacing={4} fz="sm" data-testid="order-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('columns.sku')}</Table.Th>
            <Table.Th>{t('columns.productName')}</Table.Th>
            <Table.Th className="num">{t('columns.qty')}</Table.Th>
            <Table.Th className="num">{t('columns.returnedQty')}</Table.Th>
            <Table.Th className="num">{t('entry.unitPrice')}</Table.Th>
            <Table.Th className="num">{t('detail.memberPrice')}</Table.Th>
            <Table.Th className="num">PV</Table.Th>
            <Table.Th className="num">BV</Table.Th>
            <Table.Th className="num">{t('entry.lineTotal')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{l.sku}</Table.Td>
              <Table.Td>{l.productName}</Table.Td>
              <Table.Td className="num">{f.number(l.qty)}</Table.Td>
              <Table.Td className="num">{l.returnedQty ? f.number(l.returnedQty) : ''}</Table.Td>
              <Table.Td className="num">{f.rupiah(l.unitPrice)}</Table.Td>
              <Table.Td className="num">{f.rupiah(l.memberPrice)}</Table.Td>
              <Table.Td className="num">{f.number(l.pv)}</Table.Td>
              <Table.Td className="num">{f.rupiah(l.bv)}</Table.Td>
              <Table.Td className="num">{f.rupiah(l.qty * l.unitPrice)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td colSpan={2}>{t('entry.totals')}</Table.Td>
            <Table.Td className="num">{f.number(order.totals.qty)}</Table.Td>
            <Table.Td className="num">
              {order.totals.returnedQty ? f.number(order.totals.returnedQty) : ''}
            </Table.Td>
            <Table.Td colSpan={2} />
            <Table.Td className="num">{f.number(order.totals.pv)}</Table.Td>
            <Table.Td className="num">{f.rupiah(order.totals.bv)}</Table.Td>
            <Table.Td className="num">{f.rupiah(order.totals.amount)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      <Group justify="space-between">
        <Title order={3} size="h5">
          {t('detail.returns')}
        </Title>
        {left > 0 ? (
          <Button
            variant="light"
            color={order.periodClosed ? 'orange' : undefined}
            onClick={() => setReturning(true)}
            data-testid="order-return"
          >
            {t('detail.returnButton')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('detail.nothingLeft')}
          </Text>
        )}
      </Group>
      {order.returns.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detail.noReturns')}
        </Text>
      ) : (
        <Table striped verticalSpacing={4} fz="sm" data-testid="order-returns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.returnNo')}</Table.Th>
              <Table.Th>{t('columns.date')}</Table.Th>
              <Table.Th>{t('columns.sku')}</Table.Th>
              <Table.Th className="num">{t('columns.qty')}</Table.Th>
              <Table.Th className="num">{t('columns.amount')}</Table.Th>
              <Table.Th>{t('columns.clawback')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.returns.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.returnNo}</Table.Td>
                <Table.Td>{f.date(r.date)}</Table.Td>
                <Table.Td>{r.sku}</Table.Td>
                <Table.Td className="num">{f.number(r.qty)}</Table.Td>
                <Table.Td className="num">{f.rupiah(r.amount)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={r.clawback ? 'orange' : 'gray'}>
                    {r.clawback ? t('clawback') : t('netted')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ReturnDialog
        order={order}
        opened={returning}
        onClose={() => setReturning(false)}
        onDone={(r) => {
          setReturning(false);
          setNotice(
            r.clawback
              ? t('return.savedClawback', { returnNo: r.returnNo })
              : t('return.saved', { returnNo: r.returnNo }),
          );
          onChanged();
        }}
      />
    </Stack>
  );
}
