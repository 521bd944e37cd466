import type { ReactNode } from 'react';
import { Group, Paper, Table, Title } from '@mantine/core';

/** One header cell: its text, right-aligned for figures, an optional width. */
export interface HeadCell {
  label?: ReactNode;
  right?: boolean;
  w?: number;
}

/** The header row of a plain Mantine table. */
export function TableHead({ cells }: { cells: HeadCell[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {cells.map((c, i) => (
          <Table.Th key={i} ta={c.right ? 'right' : undefined} w={c.w}>
            {c.label}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * A titled card around a table: the title (with `aside` on its right when given), then the
 * table, scrolled sideways below `minWidth` when given.
 */
export function TablePanel({
  title,
  aside,
  h,
  minWidth,
  children,
}: {
  title: ReactNode;
  /** Given (even null): title and aside share one row. */
  aside?: ReactNode;
  h?: string;
  minWidth?: number;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" h={h}>
      {aside !== undefined ? (
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h5">
            {title}
          </Title>
          {aside}
        </Group>
      ) : (
        <Title order={2} size="h5" mb="xs">
          {title}
        </Title>
      )}
      {minWidth !== undefined ? (
        <Table.ScrollContainer minWidth={minWidth}>{children}</Table.ScrollContainer>
      ) : (
        children
      )}
    </Paper>
  );
}
