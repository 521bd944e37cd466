import type { Db } from '../db/client';
import type { MemberCreate, MemberRow, MemberUpdate } from '../../shared/ipc/members.contract';
import { AppError, type ErrorCode } from '../../shared/ipc/result';
import { periodOfDate } from '../../shared/period';
import { writeAudit } from '../db/repositories/audit.repo';
import {
  MEMBER_AUDIT_ENTITY,
  closedPeriods,
  findMemberCore,
  getMemberByCode,
  insertHold,
  memberInserter,
  releaseHolds,
  requireMemberCore,
  updateMemberColumns,
  type MemberColumnPatch,
} from '../db/repositories/members.repo';
import { getMemberTree, subtree } from './member-tree';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A refusal naming the fields: message `field: message; …` (what dispatch shows everywhere)
 * and details.issues shaped like zod's, so the form puts each message under its field.
 */
export function fieldError(problems: FieldProblem[], code: ErrorCode = 'VALIDATION'): AppError {
  return new AppError(code, problems.map((p) => `${p.field}: ${p.message}`).join('; '), {
    issues: problems.map((p) => ({ path: [p.field], message: p.message })),
  });
}

/** Is `date` inside a closed period? Registrations may not be back-dated into one. */
export function closedPeriodOf(db: Db, date: string): string | null {
  const p = periodOfDate(date);
  return closedPeriods(db).includes(p) ? p : null;
}

export function createMember(db: Db, input: MemberCreate, actor: string): MemberRow {
  const problems: FieldProblem[] = [];
  if (findMemberCore(db, input.code)) {
    problems.push({ field: 'code', message: `a member with code ${input.code} already exists` });
  }
  let sponsorId: number | null = null;
  if (input.sponsorCode) {
    const s = findMemberCore(db, input.sponsorCode);
    if (!s)
      problems.push({ field: 'sponsorCode', message: `member ${input.sponsorCode} not found` });
    else if (input.kind === 'distributor' && s.kind !== 'distributor') {
      problems.push({
        field: 'sponsorCode',
        message: `a distributor's sponsor must be a distributor (${s.code} is a customer)`,
      });
    } else sponsorId = s.id;
  } else if (input.kind === 'customer') {
    problems.push({ field: 'sponsorCode', message: 'a customer needs a sponsor' });
  }
  let placementId: number | null = null;
  const leg = input.leg ?? null;
  if (input.placementCode || leg) {
    if (input.kind === 'customer') {
      problems.push({
        field: 'placementCode',
        message: 'customers are not placed in the binary tree',
      });
    } else if (!input.placementCode) {
      problems.push({ field: 'placementCode', message: 'a leg needs a placement parent' });
    } else if (!leg) {
      problems.push({
        field: 'leg',
        message: 'choose the leg (L or R) under the placement parent',
      });
    } else {
      const pl = findMemberCore(db, input.placementCode);
      if (!pl) {
        problems.push({
          field: 'placementCode',
          message: `member ${input.placementCode} not found`,
        });
      } else if (pl.kind !== 'distributor') {
        problems.push({
          field: 'placementCode',
          message: 'a placement parent must be a distributor',
        });
      } else {
        const taken = db.sqlite
          .prepare('SELECT code FROM members WHERE placement_id = ? AND leg = ?')
          .pluck()
          .get(pl.id, leg) as string | undefined;
        if (taken) {
          problems.push({
            field: 'leg',
            message: `slot ${leg} under ${pl.code} is taken by ${taken}`,
          });
        } else placementId = pl.id;
      }
    }
  }
  const closed = closedPeriodOf(db, input.joinDate);
  if (closed) {
    problems.push({
      field: 'joinDate',
      message: `period ${closed} is closed: registrations cannot be back-dated into it`,
    });
  }
  if (problems.length) throw fieldError(problems);
  const id = memberInserter(db)({
    code: input.code,
    name: input.name,
    kind: input.kind,
    sponsor_id: sponsorId,
    placement_id: placementId,
    leg: placementId ? leg : null,
    status: input.status,
    join_date: input.joinDate,
    phone: input.phone ?? null,
    email: input.email ?? null,
    nik: input.nik ?? null,
    npwp: input.npwp ?? null,
    bank_name: input.bankName ?? null,
    bank_account: input.bankAccount ?? null,
    bank_holder: input.bankHolder ?? null,
  });
  const row = getMemberByCode(db, input.code)!;
  writeAudit(db, {
    actor,
    action: 'member.create',
    entity: MEMBER_AUDIT_ENTITY,
    entityId: input.code,
    after: { ...row, id },
  });
  return row;
}

const UPDATE_COLUMNS = {
  name: 'name',
  phone: 'phone',
  email: 'email',
  nik: 'nik',
  npwp: 'npwp',
  bankName: 'bank_name',
  bankAccount: 'bank_account',
  bankHolder: 'bank_holder',
  status: 'status',
  kind: 'kind',
} as const;

export function updateMember(db: Db, input: MemberUpdate, actor: string): MemberRow {
  const core = requireMemberCore(db, input.code);
  const before = getMemberByCode(db, input.code)!;
  const patch: MemberColumnPatch = {};
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(UPDATE_COLUMNS) as [
    keyof typeof UPDATE_COLUMNS,
    (typeof UPDATE_COLUMNS)[keyof typeof UPDATE_COLUMNS],
  ][]) {
    const value = input[field];
    if (value === undefined) continue;
    if ((field === 'name' || field === 'status' || field === 'kind') && value === null) continue;
    if (before[field] === value) continue;
    (patch as Record<string, unknown>)[column] = value;
    changedBefore[field] = before[field];
    changedAfter[field] = value;
  }
  if (patch.kind) checkKindChange(db, core, patch.kind);
  if (Object.keys(patch).length === 0) return before;
  updateMemberColumns(db, core.id, patch);
  writeAudit(db, {
    actor,
    action: 'member.update',
    entity: MEMBER_AUDIT_ENTITY,
    entityId: input.code,
    before: changedBefore,
    after: changedAfter,
  });
  return getMemberByCode(db, input.code)!;
}

function checkKindChange(
  db: Db,
  m: ReturnType<typeof requireMemberCore>,
  kind: 'distributor' | 'customer',
): void {
  const problems: FieldProblem[] = [];
  if (kind === 'customer') {
    if (m.sponsor_id === null)
      problems.push({ field: 'kind', message: 'a customer needs a sponsor' });
    if (m.placement_id !== null) {
      problems.push({
        field: 'kind',
        message: 'take the member out of the binary tree first (move placement)',
      });
    }
    const below = db.sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM members WHERE placement_id = ?) AS placed,
                (SELECT count(*) FROM members WHERE sponsor_id = ? AND kind = 'distributor') AS sponsored`,
      )
      .get(m.id, m.id) as { placed: number; sponsored: number };
    if (below.placed > 0)
      problems.push({ field: 'kind', message: 'has members placed below in the binary tree' });
    if (below.sponsored > 0)
      problems.push({ field: 'kind', message: 'a customer cannot sponsor distributors' });
  } else if (m.sponsor_id !== null) {
    const s = db.sqlite
      .prepare('SELECT code, kind FROM members WHERE id = ?')
      .get(m.sponsor_id) as {
      code: string;
      kind: string;
    };
    if (s.kind !== 'distributor') {
      problems.push({
        field: 'kind',
        message: `a distributor's sponsor must be a distributor (${s.code} is a customer)`,
      });
    }
  }
  if (problems.length) throw fieldError(problems);
  // Volume ownership changes with the kind: same closed-period rule as a sponsor move.
  const t = getMemberTree(db);
  const p = t.posOfId(m.id);
  const hit = firstClosedVolume(
    db,
    Array.from(subtree(t, 'sponsor', p), (x) => t.ids[x]!),
  );
  if (hit) {
    throw fieldError(
      [
        {
          field: 'kind',
          message: `${hit.code} has orders in closed period ${hit.period}: changing the kind would change that period's result`,
        },
      ],
      'PERIOD_CLOSED',
    );
  }
}

/**
 * The first member of `ids` with orders in a closed period, or null. Small sets probe the
 * orders_member index per member; large ones scan the closed periods' orders once.
 */
export function firstClosedVolume(
  db: Db,
  ids: readonly number[],
): { code: string; period: string } | null {
  const closed = closedPeriods(db);
  if (closed.length === 0 || ids.length === 0) return null;
  const marks = `(${closed.map(() => '?').join(',')})`;
  let hit: { member_id: number; period: string } | undefined;
  if (ids.length <= 20_000) {
    const stmt = db.sqlite.prepare(
      `SELECT member_id, period FROM orders WHERE member_id = ? AND period IN ${marks} LIMIT 1`,
    );
    for (const id of ids) {
      hit = stmt.get(id, ...closed) as typeof hit;
      if (hit) break;
    }
  } else {
    const set = new Set(ids);
    const rows = db.sqlite
      .prepare(`SELECT member_id, period FROM orders WHERE period IN ${marks}`)
      .raw()
      .iterate(...closed) as Iterable<[number, string]>;
    for (const [member_id, period] of rows) {
      if (set.has(member_id)) {
        hit = { member_id, period };
        break;
      }
    }
  }
  if (!hit) return null;
  const code = db.sqlite
    .prepare('SELECT code FROM members WHERE id = ?')
    .pluck()
    .get(hit.member_id) as string;
  return { code, period: hit.period };
}

export function holdMember(db: Db, code: string, reason: string, actor: string): MemberRow {
  const m = requireMemberCore(db, code);
  if (m.hold === 1) {
    throw new AppError('CONFLICT', `${code} is already on hold (${m.hold_reason ?? ''})`);
  }
  updateMemberColumns(db, m.id, { hold: 1, hold_reason: reason });
  insertHold(db, m.id, reason, actor);
  writeAudit(db, {
    actor,
    action: 'member.hold',
    entity: MEMBER_AUDIT_ENTITY,
    entityId: code,
    before: { hold: false },
    after: { hold: true, holdReason: reason },
    reason,
  });
  return getMemberByCode(db, code)!;
}

export function releaseMember(
  db: Db,
  code: string,
  reason: string | undefined,
  actor: string,
): MemberRow {
  const m = requireMemberCore(db, code);
  if (m.hold !== 1) throw new AppError('CONFLICT', `${code} is not on hold`);
  updateMemberColumns(db, m.id, { hold: 0, hold_reason: null });
  releaseHolds(db, m.id, actor);
  writeAudit(db, {
    actor,
    action: 'member.release',
    entity: MEMBER_AUDIT_ENTITY,
    entityId: code,
    before: { hold: true, holdReason: m.hold_reason },
    after: { hold: false },
    reason: reason ?? null,
  });
  return getMemberByCode(db, code)!;
}
