import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BatchRowError } from '../db/bulk';
import type { Db } from '../db/client';
import { toAppError } from '../db/client';
import type { Progress } from '../ipc/context';
import {
  EMAIL_RE,
  FIELD_MESSAGES,
  NIK_RE,
  NPWP_RE,
  PHONE_RE,
  type ImportResult,
} from '../../shared/ipc/members.contract';
import { AppError } from '../../shared/ipc/result';
import { isValidDate, periodOfDate } from '../../shared/period';
import { writeAudit } from '../db/repositories/audit.repo';
import { importTransaction } from './products-import';
import {
  MEMBER_DETAIL_COLUMNS,
  closedPeriods,
  loadMembersInBulk,
  memberBatchInserter,
} from '../db/repositories/members.repo';
import {
  checkColumns,
  formatOf,
  readTableFromBytes,
  tabularErrors,
  type Table,
  type TabularError,
} from './tabular';

/**
 * `members.csv` / `.xlsx` import (interfaces.md): validate every row (all problems, as
 * `FILE:LINE: column: message`), then insert all rows in one transaction in topological order
 * (sponsors and placement parents before the members below them, so rows may reference rows
 * further down the file). Nothing is written when anything is wrong; a dry run does the whole
 * thing and rolls back.
 */
export const MEMBER_IMPORT_COLUMNS = {
  required: ['code', 'name', 'kind', 'sponsor', 'join_date'],
  optional: ['placement', 'leg', 'status', ...MEMBER_DETAIL_COLUMNS],
} as const;

const CODE_RE = /^[A-Za-z0-9_-]{1,32}$/;
const LENGTH_LIMITS = [
  ['bank_name', 100],
  ['bank_account', 34],
  ['bank_holder', 200],
] as const;

/**
 * From this many rows, when they are at least a quarter of the members already stored, the
 * import rebuilds the members' indexes after inserting instead of growing them row by row
 * (members.repo.ts loadMembersInBulk; docs/performance.md).
 */
const BULK_MIN_ROWS = 5_000;

const memberCount = (db: Db): number =>
  db.sqlite.prepare('SELECT count(*) FROM members').pluck().get() as number;
const STATUSES = ['active', 'suspended', 'terminated'];
/** The optional columns with a format: pattern and message (the forms use the same). */
const RULES = {
  nik: [NIK_RE, FIELD_MESSAGES.nik],
  npwp: [NPWP_RE, FIELD_MESSAGES.npwp],
  email: [EMAIL_RE, FIELD_MESSAGES.email],
  phone: [PHONE_RE, FIELD_MESSAGES.phone],
} as const;

export interface ImportSource {
  path?: string | undefined;
  fileName?: string | undefined;
  base64?: string | undefined;
}

export interface ImportOptions {
  dryRun: boolean;
  actor: string;
  onProgress?: ((p: Progress) => void) | undefined;
}

export async function loadImportTable(
  src: ImportSource,
): Promise<{ table: Table; sha256: string }> {
  let bytes: Buffer;
  let name: string;
  if (src.path !== undefined) {
    name = basename(src.path);
    formatOf(src.path); // refuse other file types before reading anything
    try {
      bytes = await readFile(src.path);
    } catch (e) {
      throw new AppError('VALIDATION', `${name}: cannot read file: ${(e as Error).message}`);
    }
  } else if (src.base64 !== undefined && src.fileName) {
    name = basename(src.fileName);
    bytes = Buffer.from(src.base64, 'base64');
  } else {
    throw new AppError('VALIDATION', 'give either path or base64 with fileName');
  }
  return {
    table: await readTableFromBytes(bytes, name),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export async function importMembers(
  db: Db,
  src: ImportSource,
  opts: ImportOptions,
): Promise<ImportResult> {
  const { table, sha256 } = await loadImportTable(src);
  return importMembersTable(db, table, { ...opts, sha256 });
}

interface Row {
  line: number;
  code: string;
  name: string;
  kind: 'distributor' | 'customer';
  sponsor: string;
  placement: string;
  leg: 'L' | 'R' | null;
  /** A leg was given but is neither L nor R (already reported). */
  badLeg: boolean;
  status: 'active' | 'suspended' | 'terminated';
  joinDate: string;
  phone: string | null;
  email: string | null;
  nik: string | null;
  npwp: string | null;
  bankName: string | null;
  bankAccount: string | null;
  bankHolder: string | null;
}

/** An optional column's value (null when empty), reported when it does not match `re`. */
function optional(
  values: Record<string, string>,
  column: string,
  rule: readonly [RegExp, string] | null,
  line: number,
  err: (line: number, column: string, message: string) => void,
): string | null {
  const x = values[column];
  if (!x) return null;
  if (rule && !rule[0].test(x)) err(line, column, rule[1]);
  return x;
}

/** A cell's text ('' when the column is absent). */
const cell = (values: Record<string, string>, column: string): string => values[column] ?? '';

/**
 * The stored members the file may name, by code: read from whichever side is smaller — every
 * stored member (a first load into an empty or small table), or the file's codes looked up in
 * one statement (a query per row costs more than the rest of the validation at 100k rows).
 */
function storedMembers(db: Db, table: Table, stored: number): Map<string, DbMember> {
  const out = new Map<string, DbMember>();
  if (stored === 0) return out;
  let found: IterableIterator<[string, number, string]>;
  if (stored <= 3 * table.rows.length) {
    found = db.sqlite.prepare('SELECT code, id, kind FROM members').raw().iterate() as typeof found;
  } else {
    const named = new Set<string>();
    for (const r of table.rows) {
      for (const c of ['code', 'sponsor', 'placement']) {
        const v = r.values[c];
        if (v) named.add(v);
      }
    }
    found = db.sqlite
      .prepare('SELECT m.code, m.id, m.kind FROM json_each(?) j JOIN members m ON m.code = j.value')
      .raw()
      .iterate(JSON.stringify([...named])) as typeof found;
  }
  for (const [code, id, kind] of found) out.set(code, { id, kind });
  return out;
}

interface DbMember {
  id: number;
  kind: string;
}

export function importMembersTable(
  db: Db,
  table: Table,
  opts: ImportOptions & { sha256?: string },
): ImportResult {
  const headerErrors = checkColumns(table, MEMBER_IMPORT_COLUMNS);
  if (headerErrors.length) throw tabularErrors(headerErrors);
  const errors: TabularError[] = [];
  const err = (line: number, column: string, message: string) =>
    errors.push({ file: table.file, line, column, message });
  const total = table.rows.length;
  const progress = (stage: string, done: number) => opts.onProgress?.({ stage, done, total });

  const stored = memberCount(db);
  const dbMember = storedMembers(db, table, stored);
  const lookupDb = (code: string): DbMember | null => dbMember.get(code) ?? null;
  const closed = new Set(closedPeriods(db));

  const dates = new Map<string, boolean>(); // a file has few distinct join dates
  const validDate = (d: string): boolean => {
    let ok = dates.get(d);
    if (ok === undefined) dates.set(d, (ok = isValidDate(d)));
    return ok;
  };

  // Pass 1: each row on its own. (No closures made per row: at 100k rows they show.)
  const rows: (Row | null)[] = [];
  const byCode = new Map<string, number>(); // code → index in rows (first occurrence)
  for (let i = 0; i < total; i++) {
    const r = table.rows[i]!;
    const v = r.values;
    const before = errors.length;
    const code = cell(v, 'code');
    if (!code) err(r.line, 'code', 'required');
    else if (!CODE_RE.test(code)) err(r.line, 'code', 'must be 1–32 letters, digits, _ or -');
    else if (byCode.has(code)) {
      err(
        r.line,
        'code',
        `duplicate code ${code} (first on line ${table.rows[byCode.get(code)!]!.line})`,
      );
    } else if (lookupDb(code)) err(r.line, 'code', `member ${code} already exists`);
    const name = cell(v, 'name');
    if (!name) err(r.line, 'name', 'required');
    else if (name.length > 200) err(r.line, 'name', 'at most 200 characters');
    const kind = cell(v, 'kind').toLowerCase();
    if (kind !== 'distributor' && kind !== 'customer') {
      err(
        r.line,
        'kind',
        kind
          ? `must be distributor or customer, got "${cell(v, 'kind')}"`
          : 'required (distributor or customer)',
      );
    }
    const joinDate = cell(v, 'join_date');
    if (!joinDate) err(r.line, 'join_date', 'required (YYYY-MM-DD)');
    else if (!validDate(joinDate)) err(r.line, 'join_date', `not a date YYYY-MM-DD: "${joinDate}"`);
    else if (closed.has(periodOfDate(joinDate))) {
      err(r.line, 'join_date', `period ${periodOfDate(joinDate)} is closed`);
    }
    const statusText = cell(v, 'status').toLowerCase();
    if (statusText && !STATUSES.includes(statusText)) {
      err(r.line, 'status', `must be active, suspended or terminated, got "${cell(v, 'status')}"`);
    }
    const legText = cell(v, 'leg').toUpperCase();
    if (legText && legText !== 'L' && legText !== 'R')
      err(r.line, 'leg', `must be L or R, got "${cell(v, 'leg')}"`);
    const nik = optional(v, 'nik', RULES.nik, r.line, err);
    const npwp = optional(v, 'npwp', RULES.npwp, r.line, err);
    const email = optional(v, 'email', RULES.email, r.line, err);
    const phone = optional(v, 'phone', RULES.phone, r.line, err);
    const bankName = optional(v, 'bank_name', null, r.line, err);
    const bankAccount = optional(v, 'bank_account', null, r.line, err);
    const bankHolder = optional(v, 'bank_holder', null, r.line, err);
    for (const [c, max] of LENGTH_LIMITS) {
      if (cell(v, c).length > max) err(r.line, c, `at most ${max} characters`);
    }
    if (code && CODE_RE.test(code) && !byCode.has(code)) byCode.set(code, i);
    rows.push(
      errors.length > before && !(code && (kind === 'distributor' || kind === 'customer'))
        ? null
        : {
            line: r.line,
            code,
            name,
            kind: kind as Row['kind'],
            sponsor: cell(v, 'sponsor'),
            placement: cell(v, 'placement'),
            leg: legText === 'L' || legText === 'R' ? legText : null,
            badLeg: legText !== '' && legText !== 'L' && legText !== 'R',
            status: (statusText || 'active') as Row['status'],
            joinDate,
            phone,
            email,
            nik,
            npwp,
            bankName,
            bankAccount,
            bankHolder,
          },
    );
    if ((i + 1) % 10_000 === 0) progress('validate', i + 1);
  }

  // Pass 2: references (sponsor, placement, slots) against the file and the database. The row
  // each names in the file (-1: none, or a row already refused) is kept for the order and ids.
  const sponsorRow = new Int32Array(total).fill(-1);
  const placementRow = new Int32Array(total).fill(-1);
  const fileRow = (code: string): number => {
    const i = code ? byCode.get(code) : undefined;
    return i === undefined || !rows[i] ? -1 : i;
  };
  const fileKind = (i: number): string | null => (i < 0 ? null : rows[i]!.kind);
  const slotTaken = db.sqlite.prepare(
    `SELECT c.code FROM members c JOIN members p ON p.id = c.placement_id WHERE p.code = ? AND c.leg = ?`,
  );
  // Slots taken by earlier rows: under a parent in the file by its row (row·2 + leg R), under a
  // stored parent by `${code}|${leg}` (a string key per row costs ~50 ms at 100k rows).
  const fileSlotLine = new Int32Array(2 * total); // 0: free
  const dbSlotLine = new Map<string, number>();
  rows.forEach((row, i) => {
    if (!row) return;
    const { line } = row;
    const sponsorAt = (sponsorRow[i] = fileRow(row.sponsor));
    const placementAt = (placementRow[i] = row.placement ? fileRow(row.placement) : -1);
    if (!row.sponsor) {
      if (row.kind === 'customer') err(line, 'sponsor', 'a customer needs a sponsor');
    } else if (row.sponsor === row.code) {
      err(line, 'sponsor', 'a member cannot sponsor itself');
    } else {
      const k = fileKind(sponsorAt) ?? lookupDb(row.sponsor)?.kind ?? null;
      if (k === null) {
        if (!byCode.has(row.sponsor)) err(line, 'sponsor', `unknown member ${row.sponsor}`);
      } else if (row.kind === 'distributor' && k !== 'distributor') {
        err(
          line,
          'sponsor',
          `a distributor's sponsor must be a distributor (${row.sponsor} is a customer)`,
        );
      }
    }
    if (row.placement || row.leg || row.badLeg) {
      if (row.kind === 'customer') {
        err(
          line,
          row.placement ? 'placement' : 'leg',
          'customers are not placed in the binary tree',
        );
      } else if (!row.placement) {
        err(line, 'placement', 'required when leg is given');
      } else if (!row.leg) {
        if (!row.badLeg) err(line, 'leg', 'required with placement (L or R)');
      } else if (row.placement === row.code) {
        err(line, 'placement', 'a member cannot be placed under itself');
      } else {
        const k = fileKind(placementAt) ?? lookupDb(row.placement)?.kind ?? null;
        if (k === null) {
          if (!byCode.has(row.placement)) err(line, 'placement', `unknown member ${row.placement}`);
        } else if (k !== 'distributor') {
          err(
            line,
            'placement',
            `a placement parent must be a distributor (${row.placement} is a customer)`,
          );
        } else {
          const slot = placementAt >= 0 ? 2 * placementAt + (row.leg === 'R' ? 1 : 0) : -1;
          const key = slot < 0 ? `${row.placement}|${row.leg}` : '';
          const takenOn = slot >= 0 ? fileSlotLine[slot]! : (dbSlotLine.get(key) ?? 0);
          const dbTaken = lookupDb(row.placement)
            ? (slotTaken.pluck().get(row.placement, row.leg) as string | undefined)
            : undefined;
          if (dbTaken)
            err(line, 'leg', `slot ${row.leg} under ${row.placement} is taken by ${dbTaken}`);
          else if (takenOn > 0) {
            err(
              line,
              'leg',
              `slot ${row.leg} under ${row.placement} is already taken on line ${takenOn}`,
            );
          } else if (slot >= 0) fileSlotLine[slot] = line;
          else dbSlotLine.set(key, line);
        }
      }
    }
  });

  // Pass 3: cycles among the file's rows (references to the database end a chain).
  const order = topologicalOrder(rows, sponsorRow, placementRow, (cycle, which) => {
    const codes = cycle.map((i) => rows[i]!.code);
    for (const i of cycle) {
      if (which === 'both') {
        err(rows[i]!.line, 'sponsor', `sponsor and placement references loop: ${codes.join(', ')}`);
      } else err(rows[i]!.line, which, `${which} cycle: ${[...codes, codes[0]].join(' → ')}`);
    }
  });

  if (errors.length) throw tabularErrors(errors);

  // Insert, parents first, in one transaction.
  const result: ImportResult = {
    file: table.file,
    dryRun: opts.dryRun,
    rows: total,
    distributors: rows.filter((r) => r?.kind === 'distributor').length,
    customers: rows.filter((r) => r?.kind === 'customer').length,
    inserted: 0,
  };
  // Ids by row: a parent in the file is inserted before its rows (topological order).
  const ids = new Float64Array(total);
  const idOf = (code: string, at: number): number | null =>
    at >= 0 ? ids[at]! : code ? (lookupDb(code)?.id ?? null) : null;
  // One IMMEDIATE transaction (waits for another writer); a dry run rolls it back.
  importTransaction(db, opts.dryRun, () => {
    let done = 0;
    const fill = () => {
      const insert = memberBatchInserter(db);
      for (const i of order) {
        const r = rows[i]!;
        const id = insert.add({
          code: r.code,
          name: r.name,
          kind: r.kind,
          sponsor_id: idOf(r.sponsor, sponsorRow[i]!),
          placement_id: r.placement ? idOf(r.placement, placementRow[i]!) : null,
          leg: r.placement ? r.leg : null,
          status: r.status,
          join_date: r.joinDate,
          phone: r.phone,
          email: r.email,
          nik: r.nik,
          npwp: r.npwp,
          bank_name: r.bankName,
          bank_account: r.bankAccount,
          bank_holder: r.bankHolder,
        });
        ids[i] = id;
        if (++done % 10_000 === 0) progress('insert', done);
      }
      insert.finish();
    };
    // A load that adds a large share of the table builds the indexes once, afterwards.
    try {
      if (total >= BULK_MIN_ROWS && total * 4 >= stored + total) loadMembersInBulk(db, fill);
      else fill();
    } catch (e) {
      // The database refused a row the checks above let through: name its line.
      const a = toAppError(e instanceof BatchRowError ? e.cause : e);
      const member = a instanceof AppError ? (a.details as { member?: string })?.member : null;
      const at =
        e instanceof BatchRowError ? order[e.row] : member ? byCode.get(member) : undefined;
      if (at === undefined || !(a instanceof Error)) throw a;
      throw tabularErrors([
        { file: table.file, line: rows[at]!.line, column: '', message: a.message },
      ]);
    }
    progress('insert', total);
    writeAudit(db, {
      actor: opts.actor,
      action: 'members.import',
      entity: 'members',
      entityId: table.file,
      after: {
        file: table.file,
        sha256: opts.sha256 ?? null,
        rows: total,
        distributors: result.distributors,
        customers: result.customers,
      },
    });
  });
  if (!opts.dryRun) result.inserted = total;
  return result;
}

/**
 * The order to insert the rows in: the file's own when every row's sponsor and placement rows
 * (`sp`, `pl`: index in `rows`, -1 when not in the file) come before it — the usual export
 * order —, else Kahn's algorithm over those edges. Rows left over sit on or behind a cycle;
 * each cycle is reported once per tree.
 */
function topologicalOrder(
  rows: (Row | null)[],
  sp: Int32Array,
  pl: Int32Array,
  onCycle: (cycle: number[], which: 'sponsor' | 'placement' | 'both') => void,
): number[] {
  const n = rows.length;
  let fileOrder = true;
  for (let i = 0; i < n && fileOrder; i++) fileOrder = sp[i]! < i && pl[i]! < i;
  if (fileOrder) {
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (rows[i]) order.push(i);
    return order;
  }
  const pending = new Int32Array(n);
  const kids: (number[] | undefined)[] = new Array<number[] | undefined>(n); // only parents get one
  const edge = (p: number, i: number) => {
    if (p < 0 || p === i) return;
    pending[i]!++;
    (kids[p] ??= []).push(i);
  };
  rows.forEach((r, i) => {
    if (!r) return;
    edge(sp[i]!, i);
    if (pl[i] !== sp[i]) edge(pl[i]!, i);
  });
  const order: number[] = [];
  rows.forEach((r, i) => {
    if (r && pending[i] === 0) order.push(i);
  });
  for (let k = 0; k < order.length; k++) {
    for (const c of kids[order[k]!] ?? []) if (--pending[c]! === 0) order.push(c);
  }
  if (order.length < rows.filter(Boolean).length) {
    let reported = false;
    for (const [which, up] of [
      ['sponsor', sp],
      ['placement', pl],
    ] as const) {
      const state = new Uint8Array(n); // 0 new, 1 on current walk, 2 done
      for (let s = 0; s < n; s++) {
        if (!rows[s] || state[s] !== 0) continue;
        const walk: number[] = [];
        let x = s;
        while (x >= 0 && state[x] === 0) {
          state[x] = 1;
          walk.push(x);
          x = up[x]!;
        }
        if (x >= 0 && state[x] === 1) {
          onCycle(walk.slice(walk.indexOf(x)), which);
          reported = true;
        }
        for (const w of walk) state[w] = 2;
      }
    }
    // A loop through both trees (A sponsors B, B is placed under A's row…): name its rows.
    if (!reported)
      onCycle(
        rows.flatMap((r, i) => (r && pending[i]! > 0 ? [i] : [])),
        'both',
      );
  }
  return order;
}
