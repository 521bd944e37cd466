import type { ReactNode } from 'react';
import { EmptyState, Paper } from '@mantine/core';

/** A screen's body when there is nothing to show yet (e.g. no committed period). */
export function EmptyCard({
  icon,
  title,
  description,
  testId,
}: {
  icon: ReactNode;
  title: ReactNode;
  description: ReactNode;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="xl" data-testid={testId}>
      <EmptyState variant="light" icon={icon} title={title} description={description} />
    </Paper>
  );
}
