import { useState } from 'react';
import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProductRow } from '../../../../shared/ipc/products.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/api';
import { useFormat } from '../../lib/format';

interface Values {
  sku: string;
  name: string;
  memberPrice: number | string;
  retailPrice: number | string;
  pv: number | string;
  bv: number | string;
  active: boolean;
}

const EMPTY: Values = {
  sku: '',
  name: '',
  memberPrice: '',
  retailPrice: '',
  pv: '',
  bv: '',
  active: true,
};

const num = (v: number | string): number => (typeof v === 'number' ? v : Number(v || 0));

/** `field: message; field: message` from main → per-field messages. */
function fieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split('; ')) {
    const m = /^(\w+): (.*)$/.exec(part);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

interface FormProps {
  product: ProductRow | undefined;
  onClose: () => void;
  onSaved: (p: ProductRow) => void;
}

/** Create (product undefined) or edit a product; main validates, the form shows its messages. */
export function ProductForm({ opened, ...props }: FormProps & { opened: boolean }) {
  const { t } = useTranslation('products');
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={props.product ? t('form.editTitle', { sku: props.product.sku }) : t('form.newTitle')}
      size="lg"
      data-testid="product-form"
    >
      {opened ? <ProductFormBody key={props.product?.id ?? 'new'} {...props} /> : null}
    </Modal>
  );
}

function ProductFormBody({ product, onClose, onSaved }: FormProps) {
  const { t } = useTranslation('products');
  const f = useFormat();
  const [values, setValues] = useState<Values>(() => (product ? { ...product } : EMPTY));
  const create = useAction('products:create');
  const update = useAction('products:update');
  const action = product ? update : create;

  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((s) => ({ ...s, [k]: v }));
  const errors =
    action.error && ['VALIDATION', 'CONFLICT'].includes(action.error.code)
      ? fieldErrors(action.error.message)
      : {};
  const money = {
    thousandSeparator: f.lang === 'id' ? '.' : ',',
    decimalSeparator: f.lang === 'id' ? ',' : '.',
    allowDecimal: false,
    allowNegative: false,
    min: 0,
    hideControls: true,
  } as const;

  const submit = async () => {
    const body = {
      sku: values.sku.trim(),
      name: values.name.trim(),
      memberPrice: num(values.memberPrice),
      retailPrice: num(values.retailPrice),
      pv: num(values.pv),
      bv: num(values.bv),
      active: values.active,
    };
    const saved = product ? await update.run({ ...body, id: product.id }) : await create.run(body);
    if (saved) onSaved(saved);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('form.sku')}
            value={values.sku}
            onChange={(e) => set('sku', e.currentTarget.value)}
            error={errors.sku}
            required
            data-autofocus
            data-testid="product-sku"
          />
          <TextInput
            label={t('form.name')}
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            required
            data-testid="product-name"
          />
          <NumberInput
            label={t('form.memberPrice')}
            value={values.memberPrice}
            onChange={(v) => set('memberPrice', v)}
            error={errors.memberPrice}
            required
            {...money}
            data-testid="product-memberPrice"
          />
          <NumberInput
            label={t('form.retailPrice')}
            value={values.retailPrice}
            onChange={(v) => set('retailPrice', v)}
            error={errors.retailPrice}
            required
            {...money}
            data-testid="product-retailPrice"
          />
          <NumberInput
            label={t('form.pv')}
            value={values.pv}
            onChange={(v) => set('pv', v)}
            error={errors.pv}
            required
            {...money}
            data-testid="product-pv"
          />
          <NumberInput
            label={t('form.bv')}
            value={values.bv}
            onChange={(v) => set('bv', v)}
            error={errors.bv}
            required
            {...money}
            data-testid="product-bv"
          />
        </SimpleGrid>
        <Checkbox
          label={t('form.active')}
          checked={values.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
          data-testid="product-active"
        />
        {product ? (
          <Text size="xs" c="dimmed">
            {t('form.snapshotNote')}
          </Text>
        ) : null}
        {action.error && Object.keys(errors).length === 0 ? (
          <ErrorAlert error={action.error} />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('form.cancel')}
          </Button>
          <Button type="submit" loading={action.running} data-testid="product-save">
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
