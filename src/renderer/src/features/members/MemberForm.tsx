import { useState, type FormEvent } from 'react';
import {
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  zMemberCreate,
  zMemberUpdate,
  type MemberRow,
} from '../../../../shared/ipc/members.contract';
import { jakartaToday } from '../../../../shared/period';
import { ErrorAlert } from '../../components/ErrorAlert';
import { call, toApiError, type ApiError } from '../../lib/api';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from './fieldErrors';

type Values = Record<
  | 'code'
  | 'name'
  | 'kind'
  | 'sponsorCode'
  | 'placementCode'
  | 'leg'
  | 'joinDate'
  | 'status'
  | 'phone'
  | 'email'
  | 'nik'
  | 'npwp'
  | 'bankName'
  | 'bankAccount'
  | 'bankHolder',
  string
>;

const EDITABLE = [
  'name',
  'phone',
  'email',
  'nik',
  'npwp',
  'bankName',
  'bankAccount',
  'bankHolder',
  'status',
  'kind',
] as const;

function initial(member: MemberRow | undefined): Values {
  return {
    code: member?.code ?? '',
    name: member?.name ?? '',
    kind: member?.kind ?? 'distributor',
    sponsorCode: member?.sponsorCode ?? '',
    placementCode: member?.placementCode ?? '',
    leg: member?.leg ?? '',
    joinDate: member?.joinDate ?? jakartaToday(),
    status: member?.status ?? 'active',
    phone: member?.phone ?? '',
    email: member?.email ?? '',
    nik: member?.nik ?? '',
    npwp: member?.npwp ?? '',
    bankName: member?.bankName ?? '',
    bankAccount: member?.bankAccount ?? '',
    bankHolder: member?.bankHolder ?? '',
  };
}

/**
 * Create (no `member`) or edit a member. The same zod schemas as main check every field before
 * sending; main's own refusals (unknown sponsor, taken slot, …) come back with field paths and
 * land under the same fields.
 */
export function MemberForm(props: {
  opened: boolean;
  member?: MemberRow | undefined;
  onClose: () => void;
  onSaved: (m: MemberRow) => void;
}) {
  const { t } = useTranslation('members');
  const { opened, member, onClose } = props;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={member ? t('form.editTitle', { code: member.code }) : t('form.createTitle')}
      size="lg"
    >
      {/* Mounted while open: every opening starts from the member's current values. */}
      {opened ? <FormBody {...props} /> : null}
    </Modal>
  );
}

function FormBody({
  member,
  onClose,
  onSaved,
}: {
  member?: MemberRow | undefined;
  onClose: () => void;
  onSaved: (m: MemberRow) => void;
}) {
  const { t } = useTranslation('members');
  const [values, setValues] = useState<Values>(() => initial(member));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const editing = member !== undefined;

  const set = (k: keyof Values) => (v: string | null) => {
    setValues((s) => ({ ...s, [k]: v ?? '' }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };
  const text = (k: keyof Values, extra: { required?: boolean; disabled?: boolean } = {}) => ({
    label: t(`form.${k}`),
    value: values[k],
    onChange: (e: { currentTarget: { value: string } }) => set(k)(e.currentTarget.value),
    error: errors[k] || undefined,
    'data-testid': `member-form-${k}`,
    ...extra,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    let input: Record<string, unknown>;
    if (editing) {
      input = { code: member.code };
      for (const k of EDITABLE) if (values[k] !== (initial(member)[k] ?? '')) input[k] = values[k];
      const parsed = zMemberUpdate.safeParse(input);
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    } else {
      input = { ...values };
      if (!values.leg) delete input.leg;
      const parsed = zMemberCreate.safeParse(input);
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    }
    setSaving(true);
    try {
      const saved = editing
        ? await call('members:update', input as never)
        : await call('members:create', input as never);
      onSaved(saved);
    } catch (err) {
      const a = toApiError(err);
      const fields = apiFieldErrors(a);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(a);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="member-form">
      <Stack gap="sm">
        {failure ? <ErrorAlert error={failure} /> : null}
        <Divider label={t('form.sections.identity')} labelPosition="left" />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput {...text('code', { required: true, disabled: editing })} />
          <TextInput {...text('name', { required: true })} data-autofocus />
          <Select
            label={t('form.kind')}
            value={values.kind}
            onChange={set('kind')}
            allowDeselect={false}
            data={(['distributor', 'customer'] as const).map((k) => ({
              value: k,
              label: t(`kind.${k}`),
            }))}
            error={errors.kind || undefined}
            data-testid="member-form-kind"
          />
          <Select
            label={t('form.status')}
            value={values.status}
            onChange={set('status')}
            allowDeselect={false}
            data={(['active', 'suspended', 'terminated'] as const).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            }))}
            error={errors.status || undefined}
          />
          <TextInput {...text('nik')} inputMode="numeric" />
          <TextInput {...text('npwp')} inputMode="numeric" />
        </SimpleGrid>
        <Divider label={t('form.sections.network')} labelPosition="left" />
        {editing ? (
          <Text size="sm" c="dimmed">
            {t('form.networkHint')}
          </Text>
        ) : null}
        <SimpleGrid cols={2} spacing="sm">
          <TextInput {...text('sponsorCode', { disabled: editing })} />
          <TextInput {...text('joinDate', { required: true, disabled: editing })} type="date" />
          <TextInput
            {...text('placementCode', { disabled: editing || values.kind === 'customer' })}
          />
          <Select
            label={t('form.leg')}
            value={values.leg || null}
            onChange={set('leg')}
            clearable
            placeholder={t('form.legNone')}
            disabled={editing || values.kind === 'customer'}
            data={['L', 'R']}
            error={errors.leg || undefined}
            data-testid="member-form-leg"
          />
        </SimpleGrid>
        <Divider label={t('form.sections.contact')} labelPosition="left" />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput {...text('phone')} type="tel" />
          <TextInput {...text('email')} type="email" />
        </SimpleGrid>
        <Divider label={t('form.sections.bank')} labelPosition="left" />
        <SimpleGrid cols={3} spacing="sm">
          <TextInput {...text('bankName')} />
          <TextInput {...text('bankAccount')} inputMode="numeric" />
          <TextInput {...text('bankHolder')} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="member-form-save">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
