import { useCallback, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Menu,
  SegmentedControl,
  Select,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type {
  CellEditRequestEvent,
  CellKeyDownEvent,
  ColDef,
  GridApi,
  GridState,
  IDatasource,
  StateUpdatedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useTranslation } from 'react-i18next';
import type {
  MemberFilter,
  MemberRow,
  MemberStatus,
} from '../../../../shared/ipc/members.contract';
import type { ScreenProps } from '../../app/routes';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconSearch } from '../../components/icons';
import { Screen } from '../../components/Screen';
import { call, toApiError, type ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { defaultColDef, gridTheme, useGridLocaleText } from '../../lib/grid';
import { GenealogyView } from '../genealogy/GenealogyView';
import { downloadBase64 } from './files';
import { ImportDialog } from './ImportDialog';
import { MemberDrawer } from './MemberDrawer';
import { MemberForm } from './MemberForm';
import { INLINE_EDITABLE, memberColumns, type InlineField } from './members.columns';
import { useCan } from './useCan';

type KindFilter = 'all' | 'distributor' | 'customer';
const PAGE = 100;
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
  const { t: tc } = useTranslation();
  const f = useFormat();
  const localeText = useGridLocaleText();
  const [searchInput, setSearchInput] = useState('');
  const [search] = useDebouncedValue(searchInput.trim(), 250);
  const [kind, setKind] = useState<KindFilter>('all');
  const [status, setStatus] = useState<MemberStatus | null>(null);
  const [holdOnly, setHoldOnly] = useState(false);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [notice, setNotice] = useState<{ color: string; text: string } | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
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
  const sortRef = useRef<{ colId: string; sort: 'asc' | 'desc' }[]>([]);

  // A new datasource (search, filter, retry) makes the grid drop its cache and start at row 0.
  const datasource = useMemo<IDatasource>(
    () => ({
      rowCount: undefined,
      getRows: (p) => {
        const sort = p.sortModel.map((s) => ({ colId: s.colId, sort: s.sort }));
        sortRef.current = sort;
        call('members:list', {
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          sort,
          search: search || undefined,
          filter,
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
    }),
    // `attempt` re-creates the datasource for "try again" and after writes
    [search, filter, attempt], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const refresh = useCallback(() => setAttempt((a) => a + 1), []);

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
      if (r.base64) downloadBase64(r.base64, r.fileName);
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
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <TextInput
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            leftSection={<IconSearch size={16} />}
            value={searchInput}
            onChange={(e) => setSearchInput(e.currentTarget.value)}
            w={240}
            data-testid="members-search"
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
        </Group>
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
              <Menu.Item disabled={!allowed('members:export')} onClick={() => void exportAs('csv')}>
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
      </Group>
      {error ? <ErrorAlert error={error} onRetry={refresh} /> : null}
      {notice ? (
        <Alert
          color={notice.color}
          variant="light"
          withCloseButton
          onClose={() => setNotice(undefined)}
          py={6}
          data-testid="members-notice"
          role={notice.color === 'red' ? 'alert' : 'status'}
        >
          {notice.text}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="members-total" aria-live="polite">
          {total === undefined
            ? tc('state.loading')
            : t('total', { count: total, formatted: f.number(total) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('edit.hint')}
        </Text>
      </Group>
      <Box style={{ flex: 1, minHeight: 240 }} data-testid="members-grid">
        <AgGridReact<MemberRow>
          key={f.lang}
          theme={gridTheme}
          localeText={localeText}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={PAGE}
          maxBlocksInCache={50}
          infiniteInitialRowCount={PAGE}
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
      </Box>
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
