import { useState } from 'react';
import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DialogForm, StateInput } from '../../components/DialogForm';
import { useAction } from '../../lib/api';

/** Place or release a payout hold, with the reason kept in the holds history and audit log. */
export function HoldDialog({
  mode,
  code,
  onClose,
  onDone,
}: {
  mode: 'hold' | 'release' | undefined;
  code: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('members');
  return (
    <Modal
      opened={mode !== undefined}
      onClose={onClose}
      title={
        mode === 'release'
          ? t('holdDialog.releaseTitle', { code })
          : t('holdDialog.title', { code })
      }
    >
      {mode ? <HoldBody mode={mode} code={code} onClose={onClose} onDone={onDone} /> : null}
    </Modal>
  );
}

function HoldBody({
  mode,
  code,
  onClose,
  onDone,
}: {
  mode: 'hold' | 'release';
  code: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('members');
  const [reason, setReason] = useState('');
  const hold = useAction('members:hold');
  const release = useAction('members:release');
  const action = mode === 'release' ? release : hold;

  const submit = async () => {
    const r =
      mode === 'release'
        ? await release.run({ code, ...(reason.trim() ? { reason } : {}) })
        : await hold.run({ code, reason });
    if (r) onDone();
  };

  return (
    <DialogForm
      onSubmit={submit}
      error={action.error}
      cancelLabel={t('actions.cancel')}
      onCancel={onClose}
      submit={{
        label: mode === 'release' ? t('actions.release') : t('actions.hold'),
        testId: 'hold-submit',
        color: 'red',
        loading: action.running,
        disabled: mode === 'hold' && !reason.trim(),
      }}
    >
      <StateInput
        label={mode === 'release' ? t('holdDialog.releaseReason') : t('holdDialog.reason')}
        required={mode === 'hold'}
        value={reason}
        onChange={setReason}
        autoFocus
        testId="hold-reason"
      />
    </DialogForm>
  );
}
