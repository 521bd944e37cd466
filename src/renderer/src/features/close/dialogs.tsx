import { useState } from 'react';
import { Alert, Code, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PreviewDto } from '../../../../shared/ipc/close.contract';
import { DialogActions, FormDialog, StateInput } from '../../components/DialogForm';
import { useAction } from '../../lib/api';
import { useFormat } from '../../lib/format';

/** Confirmation before a commit: what will be stored, and that the period gets locked. */
export function CommitDialog({
  opened,
  preview,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  preview: PreviewDto | undefined;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const period = preview ? f.period(preview.period) : '';
  return (
    <Modal opened={opened} onClose={onClose} title={t('commit.title', { period })} size="lg">
      {preview ? (
        <Stack gap="sm" data-testid="commit-dialog">
          <Text size="sm">{t('commit.body', { period })}</Text>
          <Alert variant="light" color="blue">
            <Text size="sm" fw={500}>
              {t('commit.summary', {
                paid: f.number(preview.totals.paid),
                net: f.rupiah(preview.totals.net),
                tax: f.rupiah(preview.totals.tax),
              })}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('commit.hash')}: <Code>{preview.runHash}</Code>
            </Text>
          </Alert>
          <DialogActions
            cancelLabel={t('actions.cancel')}
            onCancel={onClose}
            confirm={{
              label: t('commit.confirm'),
              testId: 'commit-confirm',
              color: 'red',
              onClick: onConfirm,
            }}
          />
        </Stack>
      ) : null}
    </Modal>
  );
}

/** The period a dialog acts on, and what to do when it is closed or done. */
interface PeriodDialogProps {
  period: string;
  opened: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Reopen the latest committed period; the reason is required and audited. */
export function ReopenDialog({ period, opened, onClose, onDone }: PeriodDialogProps) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const [reason, setReason] = useState('');
  const reopen = useAction('close:reopen');
  const submit = async () => {
    const r = await reopen.run({ period, reason });
    if (r) {
      setReason('');
      onDone();
    }
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('reopen.title', { period: f.period(period) })}
      onSubmit={submit}
      error={reopen.error}
      intro={<Text size="sm">{t('reopen.body')}</Text>}
      testId="reopen-dialog"
      cancelLabel={t('actions.cancel')}
      submit={{
        label: t('reopen.confirm'),
        testId: 'reopen-confirm',
        color: 'red',
        loading: reopen.running,
        disabled: !reason.trim(),
      }}
    >
      <Textarea
        label={t('reopen.reason')}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-autofocus
        data-testid="reopen-reason"
      />
    </FormDialog>
  );
}

/** A signed manual adjustment for a member in this (open) period. */
export function AdjustmentDialog({ period, opened, onClose, onDone }: PeriodDialogProps) {
  const { t } = useTranslation('close');
  const f = useFormat();
  const [member, setMember] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const add = useAction('adjustments:add');
  const valid =
    member.trim() !== '' && typeof amount === 'number' && amount !== 0 && reason.trim() !== '';
  const submit = async () => {
    if (typeof amount !== 'number') return;
    const r = await add.run({ member: member.trim(), period, amount, reason });
    if (r) {
      setMember('');
      setAmount('');
      setReason('');
      onDone();
    }
  };
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t('adjustments.dialogTitle', { period: f.period(period) })}
      onSubmit={submit}
      error={add.error}
      cancelLabel={t('actions.cancel')}
      submit={{
        label: t('adjustments.save'),
        testId: 'adjustment-save',
        loading: add.running,
        disabled: !valid,
      }}
    >
      <StateInput
        label={t('adjustments.member')}
        required
        value={member}
        onChange={setMember}
        autoFocus
        testId="adjustment-member"
      />
      <NumberInput
        label={t('adjustments.amount')}
        description={t('adjustments.amountHint')}
        required
        allowDecimal={false}
        allowNegative
        thousandSeparator={f.lang === 'id' ? '.' : ','}
        decimalSeparator={f.lang === 'id' ? ',' : '.'}
        prefix="Rp "
        value={amount}
        onChange={setAmount}
        data-testid="adjustment-amount"
      />
      <StateInput
        label={t('adjustments.reason')}
        required
        value={reason}
        onChange={setReason}
        testId="adjustment-reason"
      />
    </FormDialog>
  );
}
