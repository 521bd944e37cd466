import type { ChangeEvent, ReactNode } from 'react';
import { Group, TextInput } from '@mantine/core';
import { IconSearch } from './icons';

/**
 * Filters of a grid on the left, wrapping as needed; `actions` (buttons, a note) on the right.
 * Without `actions` the filters stand alone. (`actions={null}` keeps the two-sided layout.)
 */
export function GridToolbar({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const filters = (
    <Group gap="sm" wrap="wrap">
      {children}
    </Group>
  );
  if (actions === undefined) return filters;
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      {filters}
      {actions}
    </Group>
  );
}

export interface FilterInputProps {
  /** The accessible name; also the placeholder unless one is given. */
  label: string;
  placeholder?: string;
  w: number;
  testId?: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
}

/** A text filter of a grid (pair it with `useDebouncedText`). */
export function FilterInput({
  label,
  placeholder = label,
  testId,
  leftSection,
  ...input
}: FilterInputProps & { leftSection?: ReactNode }) {
  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder}
      leftSection={leftSection}
      data-testid={testId}
      {...input}
    />
  );
}

/** The free-text search of a grid: a filter input with a magnifier. */
export function SearchInput(props: FilterInputProps) {
  return <FilterInput {...props} leftSection={<IconSearch size={16} />} />;
}
