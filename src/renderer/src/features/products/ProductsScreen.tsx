import { useCallback, useEffect, useMemo, useState } from 'react';
import { Badge, Button, SegmentedControl } from '@mantine/core';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ProductRow } from '../../../../shared/ipc/products.contract';
import { DataGrid } from '../../components/DataGrid';
import { ErrorAlert } from '../../components/ErrorAlert';
import { GridStatus } from '../../components/GridStatus';
import { GridToolbar, SearchInput } from '../../components/GridToolbar';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { call, toApiError, type ApiError } from '../../lib/api';
import { useFormat, type Formatters } from '../../lib/format';
import { defaultColDef, numberColumn, openRowHandlers, useDebouncedText } from '../../lib/grid';
import { ImportFileDialog } from './ImportFileDialog';
import { ProductForm } from './ProductForm';

type ActiveFilter = 'all' | 'active' | 'inactive';

function ActiveCell({ data, t }: ICellRendererParams<ProductRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <Badge size="sm" variant="light" color={data.active ? 'green' : 'gray'}>
      {data.active ? t('active') : t('inactive')}
    </Badge>
  );
}

function productColumns(t: TFunction, f: Formatters): ColDef<ProductRow>[] {
  const money = (field: 'memberPrice' | 'retailPrice' | 'bv'): ColDef<ProductRow> =>
    numberColumn(f, 'rupiah', {
      colId: field,
      field,
      headerName: t(`columns.${field}`),
      width: 135,
    });
  return [
    { colId: 'sku', field: 'sku', headerName: t('columns.sku'), width: 130, pinned: 'left' },
    { colId: 'name', field: 'name', headerName: t('columns.name'), flex: 1, minWidth: 200 },
    money('memberPrice'),
    money('retailPrice'),
    numberColumn(f, 'rupiah', {
      colId: 'margin',
      headerName: t('columns.margin'),
      width: 130,
      valueGetter: (p) => (p.data ? p.data.retailPrice - p.data.memberPrice : null),
    }),
    numberColumn(f, 'number', { colId: 'pv', field: 'pv', headerName: t('columns.pv'), width: 75 }),
    money('bv'),
    {
      colId: 'active',
      field: 'active',
      headerName: t('columns.active'),
      width: 105,
      cellRenderer: ActiveCell,
      cellRendererParams: { t },
    },
  ];
}

/** Catalogues are small (hundreds of products): load them all, sort and filter in the grid. */
async function loadAll(search: string, active: ActiveFilter): Promise<ProductRow[]> {
  const rows: ProductRow[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call('products:list', {
      offset,
      limit: 1000,
      ...(search ? { search } : {}),
      filter: active === 'all' ? {} : { active: active === 'active' },
    });
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) return rows;
  }
}

export function ProductsScreen() {
  const { t } = useTranslation('products');
  const { t: tc } = useTranslation();
  const f = useFormat();
  const searchText = useDebouncedText(200);
  const { value: search } = searchText;
  const [active, setActive] = useState<ActiveFilter>('all');
  const [rows, setRows] = useState<ProductRow[] | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [editing, setEditing] = useState<ProductRow | 'new' | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<NoticeMessage | undefined>(undefined);
  const refresh = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    let current = true;
    loadAll(search, active).then(
      (r) => {
        if (!current) return;
        setRows(r);
        setError(undefined);
      },
      (e: unknown) => current && setError(toApiError(e)),
    );
    return () => {
      current = false;
    };
  }, [search, active, attempt]);

  const columns = useMemo(() => productColumns(t, f), [t, f.lang]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <Screen
      title={tc('nav.products')}
      subtitle={t('subtitle')}
      fill
      actions={
        <>
          <Button onClick={() => setEditing('new')} data-testid="products-new">
            {t('actions.new')}
          </Button>
          <Button
            variant="default"
            onClick={() => setImporting(true)}
            data-testid="products-import"
          >
            {t('actions.import')}
          </Button>
        </>
      }
    >
      <GridToolbar>
        <SearchInput
          label={t('search.label')}
          placeholder={t('search.placeholder')}
          w={240}
          testId="products-search"
          {...searchText.input}
        />
        <SegmentedControl
          aria-label={t('filter.label')}
          value={active}
          onChange={(v) => setActive(v as ActiveFilter)}
          data={[
            { value: 'all', label: t('filter.all') },
            { value: 'active', label: t('filter.active') },
            { value: 'inactive', label: t('filter.inactive') },
          ]}
          data-testid="products-active"
        />
      </GridToolbar>
      {error ? <ErrorAlert error={error} onRetry={refresh} /> : null}
      <Notice notice={notice} onClose={() => setNotice(undefined)} testId="products-notice" />
      <GridStatus
        testId="products-total"
        total={rows?.length}
        text={(n) => t('total', n)}
        hint={t('hint')}
      />
      <DataGrid<ProductRow>
        testId="products-grid"
        rowData={rows}
        loading={rows === undefined}
        columnDefs={columns}
        defaultColDef={{ ...defaultColDef, sortable: true }}
        getRowId={(p) => String(p.data.id)}
        {...openRowHandlers((row: ProductRow) => setEditing(row))}
      />
      <ProductForm
        opened={editing !== undefined}
        product={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
        onSaved={(p) => {
          setEditing(undefined);
          setNotice({ color: 'green', text: t('form.saved', { sku: p.sku }) });
          refresh();
        }}
      />
      <ImportFileDialog
        opened={importing}
        channel="products:import"
        title={t('import.title')}
        columnsHint={t('import.columns')}
        onClose={() => setImporting(false)}
        onImported={refresh}
        testId="products-import-dialog"
      />
    </Screen>
  );
}
