import type { ReactNode } from 'react';
import { EmptyState, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Placeholder body for a screen whose feature has not landed yet. */
export function ComingSoon({ icon, description }: { icon: ReactNode; description: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="xl">
      <EmptyState
        variant="light"
        icon={icon}
        title={t('placeholder.title')}
        description={description}
        data-testid="coming-soon"
      />
    </Paper>
  );
}
