import type { ReactNode } from 'react';
import { Box } from '@mantine/core';
import type { IDatasource } from 'ag-grid-community';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useFormat } from '../lib/format';
import { defaultColDef, gridTheme, jumpToEdgeRow, PAGE_SIZE, useGridLocaleText } from '../lib/grid';

export interface GridBoxProps {
  testId: string;
  /** A fixed height (panels); without it the grid fills the rest of a `fill` screen. */
  height?: number;
  children?: ReactNode;
}

/** The box a grid lives in; also stands empty while a grid cannot be shown yet. */
export function GridBox({ testId, height, children }: GridBoxProps) {
  return (
    <Box
      h={height}
      style={height === undefined ? { flex: 1, minHeight: 240 } : undefined}
      data-testid={testId}
    >
      {children}
    </Box>
  );
}

export type DataGridProps<R> = AgGridReactProps<R> & Omit<GridBoxProps, 'children'>;

/**
 * An AG Grid with the app's theme, texts in the current language (remounted when it changes),
 * default columns and Ctrl+Home/End to the first/last row; every other grid option is passed
 * through and may override these (`onCellKeyDown` runs after the Ctrl+Home/End handling).
 */
export function DataGrid<R>({ testId, height, onCellKeyDown, ...grid }: DataGridProps<R>) {
  const f = useFormat();
  const localeText = useGridLocaleText();
  return (
    <GridBox testId={testId} height={height}>
      <AgGridReact<R>
        key={f.lang}
        theme={gridTheme}
        localeText={localeText}
        defaultColDef={defaultColDef}
        onCellKeyDown={(e) => {
          jumpToEdgeRow(e);
          onCellKeyDown?.(e);
        }}
        {...grid}
      />
    </GridBox>
  );
}

/** A grid whose rows the server pages, sorts and filters (see `useServerRows`). */
export function InfiniteGrid<R>(props: DataGridProps<R> & { datasource: IDatasource }) {
  return (
    <DataGrid<R>
      rowModelType="infinite"
      cacheBlockSize={PAGE_SIZE}
      maxBlocksInCache={50}
      infiniteInitialRowCount={PAGE_SIZE}
      {...props}
    />
  );
}
