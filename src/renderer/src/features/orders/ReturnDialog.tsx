import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderDetail, ReturnDoc } from '../../../../shared/ipc/orders.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { jakartaToday } from './periods';

interface Props {
  order: OrderDetail | undefined;
  opened: boolean;
  onClose: () => void;
  onDone: (r: ReturnDoc) => void;
}

/** Partial or full return of an order's lines; never more than what is left (main checks too). */
export function ReturnDialog({ order, opened, onClose, onDone }: Props) {
  const { t } = useTranslation('orders');
  return (
    <Modal
      opened={opened && order !== undefined}
      onClose={onClose}
      title={order ? t('return.title', { orderNo: order.orderNo }) : ''}
      size="xl"
      data-testid="return-dialog"
    >
      {opened && order ? (
        <ReturnForm key={order.id} order={order} onDone={onDone} onClose={onClose} />
      ) : null}
    </Modal>
  );
}

function ReturnForm({
  order,
  onDone,
  onClose,
}: {
  order: OrderDetail;
  onDone: (r: ReturnDoc) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('orders');
  const f = useFormat();
  const save = useAction('returns:create');
  const today = jakartaToday();
  const [date, setDate] = useState(today < order.date ? order.date : today);
  const [returnNo, setReturnNo] = useState('');
  const [qty, setQty] = useState<Record<number, number | string>>({});
  const left = (l: OrderDetail['lines'][number]) => l.qty - l.returnedQty;

  const chosen = order.lines
    .map((l) => ({ l, q: typeof qty[l.id] === 'number' ? (qty[l.id] as number) : 0 }))
    .filter((x) => x.q > 0);
  const amount = chosen.reduce((a, x) => a + x.q * x.l.unitPrice, 0);
  const pv = chosen.reduce((a, x) => a + x.q * x.l.pv, 0);

  const submit = async () => {
    const r = await save.run({
      ...(returnNo.trim() ? { returnNo: returnNo.trim() } : {}),
      orderNo: order.orderNo,
      date,
      lines: chosen.map((x) => ({ sku: x.l.sku, qty: x.q })),
    });
    if (r) onDone(r);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        {order.periodClosed ? (
          <Alert color="orange" variant="light" data-testid="return-clawback-warning">
            {t('return.clawbackWarning', { period: f.period(order.period) })}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            {t('return.netNote')}
          </Text>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            type="date"
            label={t('return.date')}
            value={date}
            min={order.date}
            onChange={(e) => setDate(e.currentTarget.value)}
            required
            data-testid="return-date"
          />
          <TextInput
            label={t('return.returnNo')}
            placeholder={t('entry.orderNoPlaceholder')}
            value={returnNo}
            onChange={(e) => setReturnNo(e.currentTarget.value)}
            data-testid="return-no"
          />
        </SimpleGrid>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.sku')}</Table.Th>
              <Table.Th>{t('columns.productName')}</Table.Th>
              <Table.Th className="num">{t('return.bought')}</Table.Th>
              <Table.Th className="num">{t('return.alreadyReturned')}</Table.Th>
              <Table.Th className="num">{t('return.left')}</Table.Th>
              <Table.Th w={110}>{t('return.toReturn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((l, i) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.sku}</Table.Td>
                <Table.Td>{l.productName}</Table.Td>
                <Table.Td className="num">{f.number(l.qty)}</Table.Td>
                <Table.Td className="num">{f.number(l.returnedQty)}</Table.Td>
                <Table.Td className="num">{f.number(left(l))}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${t('return.toReturn')} ${l.sku}`}
                    value={qty[l.id] ?? ''}
                    onChange={(v) => setQty((q) => ({ ...q, [l.id]: v }))}
                    min={0}
                    max={left(l)}
                    clampBehavior="strict"
                    allowDecimal={false}
                    allowNegative={false}
                    disabled={left(l) === 0}
                    data-testid={`return-qty-${i}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Group gap="xs">
            <Button
              variant="light"
              size="xs"
              onClick={() => setQty(Object.fromEntries(order.lines.map((l) => [l.id, left(l)])))}
              data-testid="return-all"
            >
              {t('return.all')}
            </Button>
            <Button variant="subtle" size="xs" onClick={() => setQty({})}>
              {t('return.none')}
            </Button>
          </Group>
          <Text size="sm" className="num" data-testid="return-totals">
            {f.rupiah(amount)} · {f.number(pv)} PV
          </Text>
        </Group>
        {save.error ? <ErrorAlert error={save.error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('return.cancel')}
          </Button>
          <Button
            type="submit"
            color={order.periodClosed ? 'orange' : undefined}
            disabled={chosen.length === 0}
            loading={save.running}
            data-testid="return-save"
          >
            {t('return.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
