import { sql } from 'kysely';
import type { Db } from '../client';
import { all, first } from '../client';
import type { MemberRow } from '../../../shared/ipc/members.contract';

/** Columns of a member DTO; sponsor/placement are shown by code. */
function memberSelect(db: Db) {
  return db.q
    .selectFrom('members as m')
    .leftJoin('members as s', 's.id', 'm.sponsor_id')
    .leftJoin('members as p', 'p.id', 'm.placement_id')
    .select([
      'm.id',
      'm.code',
      'm.name',
      'm.kind',
      'm.status',
      's.code as sponsorCode',
      'p.code as placementCode',
      'm.leg',
      'm.join_date as joinDate',
      'm.phone',
      'm.email',
      'm.nik',
      'm.npwp',
      'm.bank_name as bankName',
      'm.bank_account as bankAccount',
      'm.bank_holder as bankHolder',
      'm.hold',
      'm.hold_reason as holdReason',
    ]);
}

type RawMember = Omit<MemberRow, 'hold'> & { hold: number };
const toDto = (r: RawMember): MemberRow => ({ ...r, hold: r.hold === 1 });

export function getMemberByCode(db: Db, code: string): MemberRow | undefined {
  const r = first(db, memberSelect(db).where('m.code', '=', code));
  return r ? toDto(r as RawMember) : undefined;
}

export function countMembers(db: Db): { members: number; distributors: number; customers: number } {
  const r = first(
    db,
    db.q
      .selectFrom('members')
      .select([
        sql<number>`count(*)`.as('members'),
        sql<number>`coalesce(sum(kind = 'distributor'), 0)`.as('distributors'),
        sql<number>`coalesce(sum(kind = 'customer'), 0)`.as('customers'),
      ]),
  );
  return r ?? { members: 0, distributors: 0, customers: 0 };
}

export interface MemberPageQuery {
  offset: number;
  limit: number;
  sort: { colId: string; sort: 'asc' | 'desc' }[];
  search?: string | undefined;
  filter: { kind?: 'distributor' | 'customer' | undefined; status?: string | undefined };
}

const SORTABLE = {
  code: 'm.code',
  name: 'm.name',
  kind: 'm.kind',
  status: 'm.status',
  joinDate: 'm.join_date',
} as const;

export function listMembers(db: Db, q: MemberPageQuery): { rows: MemberRow[]; total: number } {
  let base = db.q.selectFrom('members as m');
  if (q.filter.kind) base = base.where('m.kind', '=', q.filter.kind);
  if (q.filter.status) base = base.where('m.status', '=', q.filter.status as 'active');
  if (q.search) {
    const s = q.search.trim();
    base = base.where((eb) =>
      eb.or([
        eb('m.code', '>=', s).and('m.code', '<', `${s}\uffff`),
        eb('m.name', 'like', `${s}%`),
        eb('m.phone', '=', s),
      ]),
    );
  }
  const total = first(db, base.select(sql<number>`count(*)`.as('n')))?.n ?? 0;
  // Page through ids first (index-only where possible), then join the details for 1 page.
  let ids = base.select('m.id');
  for (const s of q.sort) {
    const col = SORTABLE[s.colId as keyof typeof SORTABLE];
    if (col) ids = ids.orderBy(col, s.sort);
  }
  ids = ids.orderBy('m.id', 'asc').limit(q.limit).offset(q.offset);
  const idList = all(db, ids).map((r) => r.id);
  if (idList.length === 0) return { rows: [], total };
  const byId = new Map(
    all(db, memberSelect(db).where('m.id', 'in', idList)).map((r) => [r.id, toDto(r as RawMember)]),
  );
  return { rows: idList.map((id) => byId.get(id)!), total };
}
