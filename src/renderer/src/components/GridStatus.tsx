import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';

export interface RowCountProps {
  /** Rows matching the filters; `undefined` while the first page loads. */
  total: number | undefined;
  /** The sentence for a count, e.g. `(n) => t('total', n)` (plural by `count`). */
  text: (n: { count: number; formatted: string }) => string;
  /** Shown while `total` is unknown; "loading…" unless given. */
  pending?: string;
  testId?: string;
}

/** "1.234 rows", announced politely to screen readers when it changes. */
export function RowCount({ total, text, pending, testId }: RowCountProps) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Text size="sm" c="dimmed" data-testid={testId} aria-live="polite">
      {total === undefined
        ? (pending ?? t('state.loading'))
        : text({ count: total, formatted: f.number(total) })}
    </Text>
  );
}

/** The line above a grid: the row count on the left, a usage hint on the right. */
export function GridStatus({ hint, ...count }: RowCountProps & { hint: string }) {
  return (
    <Group justify="space-between">
      <RowCount {...count} />
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Group>
  );
}
