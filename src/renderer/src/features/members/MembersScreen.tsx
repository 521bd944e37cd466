import { useCallback, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Group, Menu, SegmentedControl, Select } from '@mantine/core';
import type {
  CellEditRequestEvent,
  CellKeyDownEvent,
  ColDef,
  GridApi,
  GridState,
  StateUpdatedEvent,
} from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type {
  MemberFilter,
  MemberRow,
  MemberStatus,
} from '../../../../shared/ipc/members.contract';
import type { ScreenProps } from '../../app/routes';
import { navigate } from '../../app/router';
import { InfiniteGrid } from '../../components/DataGrid';
import { ErrorAlert } from '../../components/ErrorAlert';
import { GridStatus } from '../../components/GridStatus';
import { GridToolbar, SearchInput } from '../../components/GridToolbar';
import { Notice, type NoticeMessage } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { call, toApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { defaultColDef, useDebouncedText, useServerRows, type PageRequest } from '../../lib/grid';
import { GenealogyView } from '../genealogy/GenealogyView';
import { downloadFile } from '../../lib/download';
import { ImportDialog } from './ImportDialog';
import { MemberDrawer } from './MemberDrawer';
import { MemberForm } from './MemberForm';
import { INLINE_EDITABLE, memberColumns, type InlineField } from './members.columns';
import { useCan } from './useCan';

type KindFilter = 'all' | 'distributor' | 'customer';
const STATE_KEY = 'jenjang.members.grid';
/** The app's defaults, but columns may be reordered (the order is remembered). */
const MEMBER_COL_DEF = { ...defaultColDef, suppressMovable: false } as ColDef<MemberRow>;

/** Column order, widths, visibility, pinning and sort survive restarts (localStorage). */
function loadGridState(): GridState | undefined {
  try {
    const raw = localStorage.getItem(STATE_KEY);
    return raw ? (JSON.parse(raw) as GridState) : undefined;
  } catch {
    return undefined;
  }
}

function saveGridState(e: StateUpdatedEvent): void {
  const { columnOrder, columnSizing, columnVisibility, columnPinning, sort } = e.state;
  try {
    localStorage.setItem(
      STATE_KEY,
      JSON.stringify({ columnOrder, columnSizing, columnVisibility, columnPinning, sort }),
    );
  } catch {
    // storage unavailable: the layout lasts for this session only
  }
}

/**
 * `#/members` the grid; `#/members/<code>` the grid with that member's detail drawer;
 * `#/members/genealogy[/<code>]` the genealogy, opened at a member.
 */
export function MembersScreen({ params }: ScreenProps) {
  const { t } = useTranslation('members');
  const { t: tc } = useTranslation();
  const view = params[0] === 'genealogy' ? 'tree' : 'list';
  return (
    <Screen
      title={tc('nav.members')}
      subtitle={t('subtitle')}
      fill
      actions={
        <SegmentedControl
          aria-label={t('view.label')}
          value={view}
          onChange={(v) => (v === 'tree' ? navigate('members', 'genealogy') : navigate('members'))}
          data={[
            { value: 'list', label: t('view.list') },
            { value: 'tree', label: t('view.tree') },
          ]}
          data-testid="members-view"
        />
      }
    >
      {view === 'tree' ? (
        <GenealogyView
          code={params[1]}
          onOpen={(code) => navigate('members', 'genealogy', code)}
          onDetails={(code) => navigate('members', code)}
        />
      ) : (
        <MembersList openCode={params[0]} />
      )}
    </Screen>
  );
}

function MembersList({ openCode }: { openCode: string | undefined }) {
  const { t } = useTranslation('members');
  const f = useFormat();
  const searchText = useDebouncedText();
  const { value: search } = searchText;
  const [kind, setKind] = useState<KindFilter>('all');
  const [status, setStatus] = useState<MemberStatus | null>(null);
  const [holdOnly, setHoldOnly] = useState(false);
  const [notice, setNotice] = useState<NoticeMessage | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const apiRef = useRef<GridApi<MemberRow> | null>(null);
  const [initialState] = useState(loadGridState);
  const allowed = useCan();
  const canEdit = allowed('members:update');

  const columns = useMemo(() => memberColumns(t, f, canEdit), [t, f.lang, canEdit]); // eslint-disable-line react-hooks/exhaustive-deps
  const filter = useMemo<MemberFilter>(
    () => ({
      ...(kind === 'all' ? {} : { kind }),
      ...(status ? { status } : {}),
      ...(holdOnly ? { hold: true } : {}),
    }),
    [kind, status, holdOnly],
  );
  /** The grid's last sort, for the export. */
  const sortRef = useRef<PageRequest['sort']>([]);

  const load = useCallback(
    (req: PageRequest) => {
      sortRef.current = req.sort;
      return call('members:list', { ...req, search: search || undefined, filter });
    },
    [search, filter],
  );
  const rows = useServerRows(load);
  const { refresh, setError } = rows;

  // Inline edit: the grid asks, main validates and stores, the row shows what main returned.
  const onEdit = useCallback(
    (e: CellEditRequestEvent<MemberRow>) => {
      const field = e.colDef.field as InlineField | undefined;
      if (!e.data || !field || !(INLINE_EDITABLE as readonly string[]).includes(field)) return;
      const code = e.data.code;
      const value = typeof e.newValue === 'string' ? e.newValue : '';
      call('members:update', { code, [field]: value }).then(
        (row) => {
          e.node.setData(row);
          setNotice({
            color: 'green',
            text: t('edit.saved', { code, field: t(`columns.${field}`) }),
          });
        },
        (err: unknown) => {
          const a = toApiError(err);
          setNotice({ color: 'red', text: t('edit.failed', { code, message: a.message }) });
          e.api.refreshCells({ rowNodes: [e.node], force: true });
        },
      );
    },
    [t],
  );

  const onKey = useCallback((e: CellKeyDownEvent<MemberRow>) => {
    const ev = e.event as KeyboardEvent | undefined;
    if (ev?.key !== 'Enter' || !e.data) return;
    const editableCol = (INLINE_EDITABLE as readonly string[]).includes(e.colDef.field ?? '');
    if (!editableCol) navigate('members', e.data.code);
  }, []);

  const exportAs = async (format: 'csv' | 'xlsx') => {
    try {
      const r = await call('members:export', {
        format,
        filter,
        sort: sortRef.current,
        ...(search ? { search } : {}),
      });
      if (r.base64) downloadFile({ fileName: r.fileName, mime: r.mime, base64: r.base64 });
      setNotice({
        color: 'blue',
        text: t('export.done', { rows: f.number(r.rows), file: r.fileName }),
      });
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <>
      <GridToolbar
        actions={
          <Group gap="sm">
            {allowed('members:create') ? (
              <Button onClick={() => setCreating(true)} data-testid="members-new">
                {t('actions.new')}
              </Button>
            ) : null}
            {allowed('members:import') ? (
              <Button
                variant="default"
                onClick={() => setImporting(true)}
                data-testid="members-import"
              >
                {t('actions.import')}
              </Button>
            ) : null}
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" data-testid="members-export">
                  {t('actions.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  disabled={!allowed('members:export')}
                  onClick={() => void exportAs('csv')}
                >
                  {t('actions.exportCsv')}
                </Menu.Item>
                <Menu.Item
                  disabled={!allowed('members:export')}
                  onClick={() => void exportAs('xlsx')}
                >
                  {t('actions.exportXlsx')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  onClick={() => {
                    localStorage.removeItem(STATE_KEY);
                    apiRef.current?.resetColumnState();
                  }}
                >
                  {t('actions.resetColumns')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        }
      >
        <SearchInput
          label={t('search.label')}
          placeholder={t('search.placeholder')}
          w={240}
          testId="members-search"
          {...searchText.input}
        />
        <SegmentedControl
          aria-label={t('filter.label')}
          value={kind}
          onChange={(v) => setKind(v as KindFilter)}
          data={[
            { value: 'all', label: t('filter.all') },
            { value: 'distributor', label: t('kind.distributor') },
            { value: 'customer', label: t('kind.customer') },
          ]}
          data-testid="members-kind"
        />
        <Select
          aria-label={t('filter.status')}
          placeholder={t('filter.anyStatus')}
          clearable
          w={170}
          value={status}
          onChange={(v) => setStatus(v as MemberStatus | null)}
          data={(['active', 'suspended', 'terminated'] as const).map((s) => ({
            value: s,
            label: t(`status.${s}`),
          }))}
          data-testid="members-status"
        />
        <Checkbox
          label={t('filter.hold')}
          checked={holdOnly}
          onChange={(e) => setHoldOnly(e.currentTarget.checked)}
          data-testid="members-hold"
        />
      </GridToolbar>
      {rows.error ? <ErrorAlert error={rows.error} onRetry={refresh} /> : null}
      <Notice notice={notice} onClose={() => setNotice(undefined)} testId="members-notice" />
      <GridStatus
        testId="members-total"
        total={rows.total}
        text={(n) => t('total', n)}
        hint={t('edit.hint')}
      />
      <InfiniteGrid<MemberRow>
        testId="members-grid"
        datasource={rows.datasource}
        columnDefs={columns}
        defaultColDef={MEMBER_COL_DEF}
        getRowId={(p) => String(p.data.id)}
        readOnlyEdit
        onCellEditRequest={onEdit}
        onCellKeyDown={onKey}
        onRowDoubleClicked={(e) => {
          const col = (e.event as MouseEvent | undefined)?.target as HTMLElement | undefined;
          const colId = col?.closest('[col-id]')?.getAttribute('col-id') ?? '';
          if (e.data && !(INLINE_EDITABLE as readonly string[]).includes(colId)) {
            navigate('members', e.data.code);
          }
        }}
        initialState={initialState}
        onStateUpdated={saveGridState}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        stopEditingWhenCellsLoseFocus
      />
      <MemberForm
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(m) => {
          setCreating(false);
          refresh();
          navigate('members', m.code);
        }}
      />
      <ImportDialog
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={() => refresh()}
      />
      <MemberDrawer code={openCode} onClose={() => navigate('members')} onChanged={refresh} />
    </>
  );
}
