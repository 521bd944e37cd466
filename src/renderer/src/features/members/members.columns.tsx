import { Badge, Group } from '@mantine/core';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { MemberRow } from '../../../../shared/ipc/members.contract';
import type { Formatters } from '../../lib/format';

const STATUS_COLOR = { active: 'green', suspended: 'yellow', terminated: 'gray' } as const;

function StatusCell({ data, t }: ICellRendererParams<MemberRow> & { t: TFunction }) {
  if (!data) return null;
  return (
    <Group gap={4} wrap="nowrap" h="100%" align="center">
      <Badge size="sm" variant="light" color={STATUS_COLOR[data.status]}>
        {t(`status.${data.status}`)}
      </Badge>
      {data.hold ? (
        <Badge size="sm" variant="outline" color="red" title={data.holdReason ?? undefined}>
          {t('hold')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** Fields the grid edits in place (`members:update`); everything else goes through dialogs. */
export const INLINE_EDITABLE = [
  'name',
  'phone',
  'email',
  'bankName',
  'bankAccount',
  'bankHolder',
] as const;
export type InlineField = (typeof INLINE_EDITABLE)[number];

const EDITABLE = { editable: true, cellClass: 'members-editable' } as const;

/** Column ids equal the sort keys `members:list` accepts (code, name, kind, status, joinDate). */
export function memberColumns(t: TFunction, f: Formatters, canEdit = true): ColDef<MemberRow>[] {
  const editable = canEdit ? EDITABLE : {};
  return [
    {
      colId: 'code',
      field: 'code',
      headerName: t('columns.code'),
      width: 130,
      sortable: true,
    },
    {
      colId: 'name',
      field: 'name',
      headerName: t('columns.name'),
      flex: 1,
      minWidth: 200,
      sortable: true,
      ...editable,
    },
    {
      colId: 'kind',
      field: 'kind',
      headerName: t('columns.kind'),
      width: 130,
      sortable: true,
      valueFormatter: (p) => (p.value ? t(`kind.${p.value as string}`) : ''),
    },
    {
      colId: 'status',
      field: 'status',
      headerName: t('columns.status'),
      width: 190,
      sortable: true,
      cellRenderer: StatusCell,
      cellRendererParams: { t },
    },
    { colId: 'sponsor', field: 'sponsorCode', headerName: t('columns.sponsor'), width: 130 },
    {
      colId: 'placement',
      headerName: t('columns.placement'),
      width: 140,
      valueGetter: (p) =>
        p.data?.placementCode ? `${p.data.placementCode} / ${p.data.leg ?? ''}` : '',
    },
    {
      colId: 'joinDate',
      field: 'joinDate',
      headerName: t('columns.joinDate'),
      width: 150,
      sortable: true,
      valueFormatter: (p) => f.date(p.value as string | undefined),
    },
    { colId: 'phone', field: 'phone', headerName: t('columns.phone'), width: 160, ...editable },
    { colId: 'email', field: 'email', headerName: t('columns.email'), width: 220, ...editable },
    {
      colId: 'bankName',
      field: 'bankName',
      headerName: t('columns.bankName'),
      width: 120,
      ...editable,
    },
    {
      colId: 'bankAccount',
      field: 'bankAccount',
      headerName: t('columns.bankAccount'),
      width: 150,
      ...editable,
    },
    {
      colId: 'bankHolder',
      field: 'bankHolder',
      headerName: t('columns.bankHolder'),
      width: 200,
      hide: true,
      ...editable,
    },
  ];
}
