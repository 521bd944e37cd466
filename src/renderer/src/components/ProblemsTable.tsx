import { ScrollArea, Table, type TableProps } from '@mantine/core';
import { TableHead, type HeadCell } from './TablePanel';

/** One refused line of an imported file, as main reports it. */
export interface LineProblem {
  line: number;
  column: string;
  message: string;
}

/**
 * The problems main found in an imported file: line, column, message, scrolling past `mah`.
 * `head` gives the three header cells (texts, widths) in the feature's words.
 */
export function ProblemsTable({
  problems,
  head,
  mah,
  numericLine = false,
  ...table
}: {
  problems: readonly LineProblem[];
  head: [HeadCell, HeadCell, HeadCell];
  mah: number;
  /** Line numbers as tabular figures. */
  numericLine?: boolean;
} & Omit<TableProps, 'children'> & { 'data-testid'?: string }) {
  return (
    <ScrollArea.Autosize mah={mah}>
      <Table striped {...table}>
        <TableHead cells={head} />
        <Table.Tbody>
          {problems.map((p, i) => (
            <Table.Tr key={i}>
              <Table.Td className={numericLine ? 'num' : undefined}>{p.line}</Table.Td>
              <Table.Td>{p.column}</Table.Td>
              <Table.Td>{p.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}
