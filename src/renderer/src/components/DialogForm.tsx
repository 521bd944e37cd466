import type { ChangeEvent, ReactNode } from 'react';
import { Button, Group, Modal, Stack, TextInput, type ButtonProps } from '@mantine/core';
import type { ApiError } from '../lib/api';
import { ErrorAlert } from './ErrorAlert';

/** The confirming button of a dialog: its text, test id and the usual button props. */
export interface ConfirmButton extends Pick<ButtonProps, 'color' | 'loading' | 'disabled'> {
  label: string;
  testId: string;
  type?: 'submit' | 'button';
  onClick?: () => void;
}

/** A dialog's footer: Cancel (default look) then the confirming button, right-aligned. */
export function DialogActions({
  cancelLabel,
  onCancel,
  confirm,
}: {
  cancelLabel: string;
  onCancel: () => void;
  confirm: ConfirmButton;
}) {
  const { label, testId, ...rest } = confirm;
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button {...rest} data-testid={testId}>
        {label}
      </Button>
    </Group>
  );
}

/**
 * The body of a dialog that submits: a form (Enter submits) with an optional intro, main's
 * error, the fields, and Cancel + the submit button.
 */
export interface DialogFormProps {
  onSubmit: () => Promise<void> | void;
  error: ApiError | undefined;
  intro?: ReactNode;
  testId?: string;
  cancelLabel: string;
  onCancel: () => void;
  submit: Omit<ConfirmButton, 'type' | 'onClick'>;
  children: ReactNode;
}

export function DialogForm({
  onSubmit,
  error,
  intro,
  testId,
  cancelLabel,
  onCancel,
  submit,
  children,
}: DialogFormProps) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <Stack gap="sm" data-testid={testId}>
        {intro}
        {error ? <ErrorAlert error={error} /> : null}
        {children}
        <DialogActions
          cancelLabel={cancelLabel}
          onCancel={onCancel}
          confirm={{ ...submit, type: 'submit' }}
        />
      </Stack>
    </form>
  );
}

/** A modal whose body is a DialogForm; closing the modal and Cancel are the same. */
export function FormDialog({
  opened,
  onClose,
  title,
  ...form
}: Omit<DialogFormProps, 'onCancel'> & { opened: boolean; onClose: () => void; title: string }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <DialogForm {...form} onCancel={onClose} />
    </Modal>
  );
}

/** A one-line text field bound to a string state (a reason, a code). */
export function StateInput({
  label,
  value,
  onChange,
  required,
  autoFocus,
  testId,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  /** Focused when the dialog opens (Mantine's `data-autofocus`). */
  autoFocus?: boolean;
  testId: string;
}) {
  return (
    <TextInput
      label={label}
      required={required}
      value={value}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.currentTarget.value)}
      data-autofocus={autoFocus || undefined}
      data-testid={testId}
    />
  );
}
