import { basename } from 'node:path';
import type { Db } from '../db/client';
import type { MemberFilter } from '../../shared/ipc/members.contract';
import { MEMBER_EXPORT_MAX_INLINE_ROWS } from '../../shared/ipc/members.contract';
import { AppError } from '../../shared/ipc/result';
import { jakartaToday } from '../../shared/period';
import {
  MEMBER_DETAIL_COLUMNS,
  countMembersWhere,
  iterateMembers,
  type MemberPageQuery,
} from '../db/repositories/members.repo';
import { toCsv, toXlsx, type Cell } from './tabular';
import { MIME } from './xlsx';
import { writeFile } from 'node:fs/promises';

/**
 * Export of the members grid (current filter, search and sort) as CSV or XLSX. The columns are
 * exactly the import columns of interfaces.md, so an export of a whole registry imports into
 * an empty database unchanged. With `path` the file is written there (CLI, e2e, a path chosen
 * in a save dialog); without it the bytes come back as base64 for a browser download
 * (at most MEMBER_EXPORT_MAX_INLINE_ROWS rows — larger exports go to a path).
 */
export const MEMBER_EXPORT_HEADER = [
  'code',
  'name',
  'kind',
  'sponsor',
  'placement',
  'leg',
  'join_date',
  'status',
  ...MEMBER_DETAIL_COLUMNS,
] as const;

export interface ExportQuery {
  format: 'csv' | 'xlsx';
  filter: MemberFilter;
  search?: string | undefined;
  sort: MemberPageQuery['sort'];
  path?: string | undefined;
}

export async function exportMembers(
  db: Db,
  q: ExportQuery,
): Promise<{
  rows: number;
  bytes: number;
  fileName: string;
  mime: string;
  path: string | null;
  base64: string | null;
}> {
  const total = countMembersWhere(db, q.filter, q.search);
  if (!q.path && total > MEMBER_EXPORT_MAX_INLINE_ROWS) {
    throw new AppError(
      'VALIDATION',
      `${total} rows are too many for a download (at most ${MEMBER_EXPORT_MAX_INLINE_ROWS}): narrow the filter or export to a file`,
    );
  }
  const rows: Cell[][] = [];
  for (const m of iterateMembers(db, q.filter, q.search, q.sort)) {
    rows.push([
      m.code,
      m.name,
      m.kind,
      m.sponsorCode,
      m.placementCode,
      m.leg,
      m.joinDate,
      m.status,
      m.phone,
      m.email,
      m.nik,
      m.npwp,
      m.bankName,
      m.bankAccount,
      m.bankHolder,
    ]);
  }
  const bytes =
    q.format === 'xlsx'
      ? await toXlsx(MEMBER_EXPORT_HEADER, rows, 'members')
      : Buffer.from(toCsv(MEMBER_EXPORT_HEADER, rows), 'utf8');
  const fileName = q.path ? basename(q.path) : `members-${jakartaToday()}.${q.format}`;
  const file = { rows: rows.length, bytes: bytes.length, fileName, mime: MIME[q.format] };
  if (q.path) {
    await writeFile(q.path, bytes);
    return { ...file, path: q.path, base64: null };
  }
  return {
    ...file,
    path: null,
    base64: bytes.toString('base64'),
  };
}
