import { Alert } from '@mantine/core';

export interface NoticeMessage {
  /** Mantine colour; red is announced as an alert, the others as a status. */
  color: string;
  text: string;
}

/** A one-line, dismissable outcome of an action (saved, exported, failed). */
export function Notice({
  notice,
  onClose,
  testId,
}: {
  notice: NoticeMessage | undefined;
  onClose: () => void;
  testId: string;
}) {
  if (!notice) return null;
  return (
    <Alert
      color={notice.color}
      variant="light"
      withCloseButton
      onClose={onClose}
      py={6}
      data-testid={testId}
      role={notice.color === 'red' ? 'alert' : 'status'}
    >
      {notice.text}
    </Alert>
  );
}
