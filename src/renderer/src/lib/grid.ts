import { useCallback, useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '@mantine/hooks';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import type {
  CellKeyDownEvent,
  ColDef,
  FullWidthCellKeyDownEvent,
  GridOptions,
  IDatasource,
} from 'ag-grid-community';
import { toApiError, type ApiError } from './api';
import type { Formatters } from './format';

// v33+: features are modules; the community bundle is small enough to register whole, once.
ModuleRegistry.registerModules([AllCommunityModule]);

const FONT = 'inherit';

/**
 * One grid theme for the app (Theming API, no CSS files). It carries a light and a dark mode;
 * the shell sets `data-ag-theme-mode` on <html> from Mantine's colour scheme (see App.tsx), so
 * grids follow the light/dark switch without being re-created.
 */
export const gridTheme = themeQuartz
  .withParams({
    fontFamily: FONT,
    headerFontFamily: FONT,
    cellFontFamily: FONT,
    fontSize: 14,
    headerFontSize: 13,
    spacing: 6,
    wrapperBorderRadius: 8,
    accentColor: '#4c6ef5',
  })
  .withParams(
    {
      backgroundColor: '#ffffff',
      foregroundColor: '#1a1b1e',
      headerBackgroundColor: '#f8f9fa',
      browserColorScheme: 'light',
    },
    'light',
  )
  .withParams(
    {
      backgroundColor: '#242424',
      foregroundColor: '#c9c9c9',
      headerBackgroundColor: '#2e2e2e',
      oddRowBackgroundColor: '#272727',
      browserColorScheme: 'dark',
    },
    'dark',
  );

/** AG Grid's own texts in the current language. Grids read it once: remount on language change. */
export function useGridLocaleText(): Record<string, string> {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      loadingOoo: t('grid.loading'),
      noRowsToShow: t('grid.noRows'),
      loadingError: t('grid.error'),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t changes with the language
    [t, i18n.resolvedLanguage],
  );
}

/**
 * Columns are read-only and sorted by the server; no client filters or header menus. A plain
 * object (not `ColDef<any>`), so it fits `defaultColDef` of a grid of any row type and can be
 * spread into typed column definitions.
 */
export const defaultColDef = {
  resizable: true,
  sortable: false,
  filter: false,
  suppressHeaderMenuButton: true,
  suppressMovable: true,
} as const satisfies ColDef;

/** Rows per request of the server-paged (infinite) grids. */
export const PAGE_SIZE = 100;

export interface PageRequest {
  offset: number;
  limit: number;
  sort: { colId: string; sort: 'asc' | 'desc' }[];
}

export type LoadPage<R> = (req: PageRequest) => Promise<{ rows: R[]; total: number }>;

export interface ServerRows<D extends IDatasource | undefined = IDatasource> {
  /** `undefined` while `load` is (nothing to ask yet). */
  datasource: D;
  /** Rows matching, from the last page answered. */
  total: number | undefined;
  /** The last failed page (or whatever the screen reports with `setError`). */
  error: ApiError | undefined;
  setError: (e: ApiError | undefined) => void;
  /** Drop the cached pages and ask again from row 0 ("try again", after writes). */
  refresh: () => void;
}

/**
 * The datasource of a server-paged grid. `load` asks main for one page with the grid's sort;
 * give it with `useCallback` over the filters: a new `load` (or `refresh`) is a new datasource,
 * which makes the grid drop its cache and start at row 0.
 */
export function useServerRows<R>(load: LoadPage<R>): ServerRows;
export function useServerRows<R>(
  load: LoadPage<R> | undefined,
): ServerRows<IDatasource | undefined>;
export function useServerRows<R>(
  load: LoadPage<R> | undefined,
): ServerRows<IDatasource | undefined> {
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const refresh = useCallback(() => setAttempt((a) => a + 1), []);
  const datasource = useMemo<IDatasource | undefined>(
    () =>
      load && {
        getRows: (p) => {
          load({
            offset: p.startRow,
            limit: p.endRow - p.startRow,
            sort: p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
          }).then(
            (res) => {
              setError(undefined);
              setTotal(res.total);
              p.successCallback(res.rows, res.total);
            },
            (e: unknown) => {
              setError(toApiError(e));
              p.failCallback();
            },
          );
        },
      },
    // `attempt` re-creates the datasource for "try again" and after writes
    [load, attempt], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return { datasource, total, error, setError, refresh };
}

/**
 * A text filter typed into a grid toolbar: `input` goes on the field, `value` (trimmed, settled
 * for `wait` ms) goes to the query.
 */
export function useDebouncedText(wait = 250): {
  value: string;
  input: { value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void };
} {
  const [text, setText] = useState('');
  const [value] = useDebouncedValue(text.trim(), wait);
  const onChange = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value),
    [],
  );
  return { value, input: { value: text, onChange } };
}

const TEXT_ENTRY =
  'textarea, select, [contenteditable="true"], input:not([type="checkbox"]):not([type="radio"])';

/**
 * Ctrl+Home / Ctrl+End (⌘ on a Mac) focus the first / last row in the same column, as in a
 * spreadsheet. AG Grid binds only Home and End to that; Ctrl+End fell through to the browser,
 * which scrolled the viewport but left the focus on the old row — the next key or loaded block
 * brought the grid back up to it. Works before the last block of a server-paged grid is loaded
 * (the grid fetches it and focuses the row when it arrives); not while a cell is being edited.
 * Every grid gets it via DataGrid.
 */
export function jumpToEdgeRow<R>(e: CellKeyDownEvent<R> | FullWidthCellKeyDownEvent<R>): void {
  const ev = e.event as KeyboardEvent | null | undefined;
  if (!ev || !(ev.ctrlKey || ev.metaKey) || ev.altKey || ev.shiftKey) return;
  if ((ev.key !== 'Home' && ev.key !== 'End') || !('column' in e)) return;
  // Typed into a cell editor (or any text field), the keys belong to the text: caret to the
  // start / end. The event's target says so reliably; the grid's editing state lagged behind
  // once in CI (the focus jumped to the last row out of an open editor).
  const target = ev.target as HTMLElement | null;
  if (target?.closest?.(TEXT_ENTRY)) return;
  if (e.api.getEditingCells().length > 0) return;
  const count = e.api.getDisplayedRowCount();
  if (count === 0) return;
  const rowIndex = ev.key === 'Home' ? 0 : count - 1;
  ev.preventDefault();
  e.api.ensureIndexVisible(rowIndex);
  e.api.setFocusedCell(rowIndex, e.column);
}

/** Double-click or Enter on a row opens it. */
export function openRowHandlers<R>(
  open: (row: R) => void,
): Pick<GridOptions<R>, 'onRowDoubleClicked' | 'onCellKeyDown'> {
  return {
    onRowDoubleClicked: (e) => {
      if (e.data) open(e.data);
    },
    onCellKeyDown: (e) => {
      const ev = e.event as KeyboardEvent | undefined;
      if (ev?.key === 'Enter' && e.data) open(e.data);
    },
  };
}

/**
 * A right-aligned column of counts (`number`) or rupiah (`rupiah`); `def` names the column
 * and may override anything.
 */
export function numberColumn<R>(
  f: Formatters,
  kind: 'number' | 'rupiah',
  def: ColDef<R>,
): ColDef<R> {
  return {
    type: 'rightAligned',
    cellClass: 'num',
    valueFormatter: (p) =>
      typeof p.value === 'number'
        ? kind === 'rupiah'
          ? f.rupiah(p.value)
          : f.number(p.value)
        : '',
    ...def,
  };
}
