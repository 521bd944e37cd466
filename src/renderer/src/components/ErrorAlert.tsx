import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api';

/** An ApiError as a person reads it: the code in words, main's message, and a retry button. */
export function ErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t(`errors.${error.code}`)} role="alert">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          {error.message}
        </Text>
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
