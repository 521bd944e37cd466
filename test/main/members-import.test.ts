import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { Progress } from '../../src/main/ipc/context';
import { generateDemo } from '../../src/main/services/demo';
import { toXlsx } from '../../src/main/services/tabular';
import { withIndexesDeferred } from '../../src/main/db/bulk';
import {
  distributorsWithoutBank,
  loadMembersInBulk,
  memberBatchInserter,
} from '../../src/main/db/repositories/members.repo';
import { openDb } from '../../src/main/db/client';
import { tabularProblems } from '../../src/shared/ipc/members.contract';
import { ctxFor, tempDb, eachTestDb, type TempDb } from '../helpers/db';
import { waitJob } from '../helpers/jobs';
import { addMembers, cli, closePeriod, fails, ok, writeFile } from './orders.fixture';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

const HEADER =
  'code,name,kind,sponsor,placement,leg,join_date,status,phone,email,nik,npwp,bank_name,bank_account,bank_holder';
const count = () => db.sqlite.prepare('SELECT count(*) FROM members').pluck().get() as number;
const errorLines = (e: { details?: unknown }) =>
  (tabularProblems(e.details) ?? []).map((x) => `${x.file}:${x.line}: ${x.column}: ${x.message}`);

describe('import members', () => {
  it('imports a valid file: forward references, placement, defaults, BOM; one audit entry', async () => {
    const path = writeFile(
      db.dir,
      'members.csv',
      '\ufeff' +
        [
          HEADER,
          // D2's sponsor and placement parent D1 come later in the file.
          'D2,Siti Rahayu,distributor,D1,D1,L,2026-01-10,,081234567890,siti@mail.example,3201234567890123,123456789012345,BCA,1234567890,SITI RAHAYU',
          'C1,"Agus, Jr.",customer,D2,,,2026-01-11,suspended,,,,,,,',
          'D1,Budi Santoso,distributor,,,,2026-01-05,,,,,,,,',
          'D3,Dewi,DISTRIBUTOR,D1,D1,r,2026-01-12,active,,,,,,,',
        ].join('\n'),
    );
    const r = await ok(db, 'members:import', { path });
    expect(r).toEqual({
      file: 'members.csv',
      dryRun: false,
      rows: 4,
      distributors: 3,
      customers: 1,
      inserted: 4,
    });
    const d2 = await ok(db, 'members:get', { code: 'D2' });
    expect(d2).toMatchObject({
      sponsorCode: 'D1',
      placementCode: 'D1',
      leg: 'L',
      status: 'active',
      nik: '3201234567890123',
      bankHolder: 'SITI RAHAYU',
    });
    expect(await ok(db, 'members:get', { code: 'C1' })).toMatchObject({
      name: 'Agus, Jr.',
      status: 'suspended',
    });
    expect(await ok(db, 'members:get', { code: 'D3' })).toMatchObject({
      kind: 'distributor',
      leg: 'R',
    });
    const audit = db.sqlite
      .prepare('SELECT action, entity_id, after_json FROM audit_log')
      .all() as {
      action: string;
      entity_id: string;
      after_json: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'members.import', entity_id: 'members.csv' });
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({
      rows: 4,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('only required columns, any order; sponsors may be existing members', async () => {
    addMembers(db, [{ code: 'ROOT' }]);
    const path = writeFile(
      db.dir,
      'm.csv',
      'join_date,sponsor,kind,name,code\n2026-02-01,ROOT,customer,Ani,C9\n',
    );
    expect((await ok(db, 'members:import', { path })).inserted).toBe(1);
    expect((await ok(db, 'members:get', { code: 'C9' })).sponsorCode).toBe('ROOT');
  });

  it('reports every problem of every row as FILE:LINE: column: message, and writes nothing', async () => {
    addMembers(db, [
      { code: 'OLD' },
      { code: 'OLDL', sponsor: 'OLD', placement: 'OLD', leg: 'L' },
      { code: 'OLDC', kind: 'customer', sponsor: 'OLD' },
    ]);
    closePeriod(db, '2026-03');
    const rows = [
      HEADER,
      'A1,Ani,distributor,,,,2026-01-05,,,,,,,,', // 2 ok (root)
      'A1,Dup,distributor,OLD,,,2026-01-05,,,,,,,,', // 3 duplicate in file
      'OLD,Exists,distributor,A1,,,2026-01-05,,,,,,,,', // 4 exists in db
      'bad code!,X,distributor,A1,,,2026-01-05,,,,,,,,', // 5 bad code
      'A5,,distributor,A1,,,2026-01-05,,,,,,,,', // 6 no name
      'A6,Y,member,A1,,,2026-01-05,,,,,,,,', // 7 bad kind
      'A7,Y,distributor,NOPE,,,2026-01-05,,,,,,,,', // 8 unknown sponsor
      'A8,Y,customer,,,,2026-01-05,,,,,,,,', // 9 customer without sponsor
      'A9,Y,distributor,OLDC,,,2026-01-05,,,,,,,,', // 10 customer above distributor (db)
      'B1,Y,customer,A1,A1,L,2026-01-05,,,,,,,,', // 11 customer placed
      'B2,Y,distributor,A1,OLD,L,2026-01-05,,,,,,,,', // 12 slot taken in db
      'B3,Y,distributor,A1,A1,R,2026-01-05,,,,,,,,', // 13 ok
      'B4,Y,distributor,A1,A1,R,2026-01-05,,,,,,,,', // 14 slot taken in file
      'B5,Y,distributor,A1,A1,X,2026-01-05,,,,,,,,', // 15 bad leg
      'B6,Y,distributor,A1,,L,2026-01-05,,,,,,,,', // 16 leg without placement
      'B7,Y,distributor,A1,B3,,2026-01-05,,,,,,,,', // 17 placement without leg
      'B8,Y,distributor,A1,,,2026-02-30,,,,,,,,', // 18 bad date
      'B9,Y,distributor,A1,,,2026-03-15,,,,,,,,', // 19 closed period
      'C1,Y,distributor,A1,,,2026-01-05,gone,,,,,,,', // 20 bad status
      'C2,Y,distributor,A1,,,2026-01-05,,,,12345,1234,,,', // 21 bad nik, npwp
      'C3,Y,distributor,C5,,,2026-01-05,,,,,,,,', // 22 sponsor cycle C3 → C5 → C4 → C3
      'C4,Y,distributor,C3,,,2026-01-05,,,,,,,,', // 23
      'C5,Y,distributor,C4,,,2026-01-05,,,,,,,,', // 24
      'D1,Y,distributor,A1,D2,L,2026-01-05,,,,,,,,', // 25 placement cycle D1 ↔ D2
      'D2,Y,distributor,A1,D1,L,2026-01-05,,,,,,,,', // 26
      'E1,Y,customer,A1,,,2026-01-05,,,,,,,,', // 27 ok customer
      'E2,Y,distributor,E1,,,2026-01-05,,,,,,,,', // 28 customer above distributor (file)
      'E3,Y,distributor,A1,OLDL,R,2026-01-05,,,,,,,,', // 29 ok: a free slot under a stored member
      'E4,Y,distributor,A1,OLDL,R,2026-01-05,,,,,,,,', // 30 …taken on line 29
    ];
    const path = writeFile(db.dir, 'bad.csv', rows.join('\n'));
    const e = await fails(db, 'members:import', { path });
    expect(e.code).toBe('VALIDATION');
    expect(errorLines(e)).toEqual([
      'bad.csv:3: code: duplicate code A1 (first on line 2)',
      'bad.csv:4: code: member OLD already exists',
      'bad.csv:5: code: must be 1–32 letters, digits, _ or -',
      'bad.csv:6: name: required',
      'bad.csv:7: kind: must be distributor or customer, got "member"',
      'bad.csv:8: sponsor: unknown member NOPE',
      'bad.csv:9: sponsor: a customer needs a sponsor',
      "bad.csv:10: sponsor: a distributor's sponsor must be a distributor (OLDC is a customer)",
      'bad.csv:11: placement: customers are not placed in the binary tree',
      'bad.csv:12: leg: slot L under OLD is taken by OLDL',
      'bad.csv:14: leg: slot R under A1 is already taken on line 13',
      'bad.csv:15: leg: must be L or R, got "X"',
      'bad.csv:16: placement: required when leg is given',
      'bad.csv:17: leg: required with placement (L or R)',
      'bad.csv:18: join_date: not a date YYYY-MM-DD: "2026-02-30"',
      'bad.csv:19: join_date: period 2026-03 is closed',
      'bad.csv:20: status: must be active, suspended or terminated, got "gone"',
      'bad.csv:21: nik: NIK must be exactly 16 digits',
      'bad.csv:21: npwp: NPWP must be 15 or 16 digits',
      'bad.csv:22: sponsor: sponsor cycle: C3 → C5 → C4 → C3',
      'bad.csv:23: sponsor: sponsor cycle: C3 → C5 → C4 → C3',
      'bad.csv:24: sponsor: sponsor cycle: C3 → C5 → C4 → C3',
      'bad.csv:25: placement: placement cycle: D1 → D2 → D1',
      'bad.csv:26: placement: placement cycle: D1 → D2 → D1',
      "bad.csv:28: sponsor: a distributor's sponsor must be a distributor (E1 is a customer)",
      'bad.csv:30: leg: slot R under OLDL is already taken on line 29',
    ]);
    // The message is the same list, one per line.
    expect(e.message.split('\n')).toEqual(errorLines(e));
    expect(count()).toBe(3);
  });

  it('one bad row rejects the whole file and names that row', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 500; i++)
      lines.push(`M${i},Nama ${i},distributor,${i > 1 ? `M${i - 1}` : ''},,,2026-01-05,,,,,,,,`);
    lines[321] = 'M321,Nama 321,distributor,M320,,,2026-13-01,,,,,,,,';
    const path = writeFile(db.dir, 'big.csv', lines.join('\n'));
    const e = await fails(db, 'members:import', { path });
    expect(e.message).toBe('big.csv:322: join_date: not a date YYYY-MM-DD: "2026-13-01"');
    expect(count()).toBe(0);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });

  it('header problems: unknown and missing columns', async () => {
    const path = writeFile(
      db.dir,
      'h.csv',
      'code,name,kind,sponsor,colour\nA,B,distributor,,red\n',
    );
    const e = await fails(db, 'members:import', { path });
    expect(e.message.split('\n')).toEqual([
      'h.csv:1: join_date: required column missing',
      expect.stringMatching(
        /^h\.csv:1: colour: unknown column \(expected: code, name, kind, sponsor, join_date, placement/,
      ),
    ]);
  });

  it('dry run validates everything and writes nothing', async () => {
    const path = writeFile(
      db.dir,
      'ok.csv',
      `${HEADER}\nA,Ani,distributor,,,,2026-01-05,,,,,,,,\n`,
    );
    const r = await ok(db, 'members:import', { path, dryRun: true });
    expect(r).toMatchObject({ dryRun: true, rows: 1, inserted: 0 });
    expect(count()).toBe(0);
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
    const bad = writeFile(db.dir, 'bad.csv', `${HEADER}\nA,Ani,customer,,,,2026-01-05,,,,,,,,\n`);
    expect((await fails(db, 'members:import', { path: bad, dryRun: true })).message).toBe(
      'bad.csv:2: sponsor: a customer needs a sponsor',
    );
  });

  it('XLSX (first sheet) and bytes sent by the renderer (base64)', async () => {
    const xlsx = await toXlsx(
      ['code', 'name', 'kind', 'sponsor', 'join_date', 'nik'],
      [
        ['X1', 'Ani', 'distributor', null, '2026-01-05', '3201234567890123'],
        ['X2', 'Budi', 'customer', 'X1', '2026-01-06', null],
      ],
    );
    const r = await ok(db, 'members:import', {
      fileName: 'anggota.xlsx',
      base64: xlsx.toString('base64'),
    });
    expect(r).toMatchObject({ file: 'anggota.xlsx', inserted: 2 });
    expect((await ok(db, 'members:get', { code: 'X1' })).nik).toBe('3201234567890123');
    const csv = Buffer.from(`code,name,kind,sponsor,join_date\nX3,C,customer,X9,2026-01-05\n`);
    const e = await fails(db, 'members:import', {
      fileName: 'up.csv',
      base64: csv.toString('base64'),
    });
    expect(e.message).toBe('up.csv:2: sponsor: unknown member X9');
    expect((await fails(db, 'members:import', {} as never)).message).toContain(
      'either path or base64',
    );
  });

  it('20,000 rows in one transaction, parents after children in the file, with progress', async () => {
    const lines = [HEADER];
    // Children first: every sponsor is further down the file (worst case for a naive insert).
    for (let i = 20_000; i >= 1; i--) {
      const sponsor = i > 1 ? `M${Math.floor(i / 2)}` : '';
      const leg = i > 1 ? (i % 2 === 0 ? 'L' : 'R') : '';
      lines.push(`M${i},Nama ${i},distributor,${sponsor},${sponsor},${leg},2026-01-05,,,,,,,,`);
    }
    const path = writeFile(db.dir, 'many.csv', lines.join('\n'));
    const progress: Progress[] = [];
    const r = await dispatch(
      'members:import',
      { path },
      { ...ctxFor(db), onProgress: (p) => progress.push(p) },
    );
    expect(r.ok && r.data.inserted).toBe(20_000);
    expect(progress.at(-1)).toEqual({ stage: 'insert', done: 20_000, total: 20_000 });
    const root = await ok(db, 'genealogy:children', { tree: 'placement' });
    expect(root.rows.map((n) => [n.code, n.downlineSize])).toEqual([['M1', 19_999]]);
  });

  it('a file with every sponsor and placement above its row is stored in file order', async () => {
    const path = writeFile(
      db.dir,
      'ordered.csv',
      [
        HEADER,
        'A1,Ani,distributor,,,,2026-01-05,,,,,,,,',
        'B1,Budi,distributor,A1,A1,L,2026-01-05,,,,,,,,',
        'A2,Adi,distributor,,,,2026-01-05,,,,,,,,',
        'C1,Citra,customer,B1,,,2026-01-05,,,,,,,,',
        'B2,Bayu,distributor,A2,A1,R,2026-01-05,,,,,,,,',
      ].join('\n'),
    );
    await ok(db, 'members:import', { path });
    // Kahn's order would put the roots first (A1, A2, B1, …): ids follow the file instead.
    expect(db.sqlite.prepare('SELECT code FROM members ORDER BY id').pluck().all()).toEqual([
      'A1',
      'B1',
      'A2',
      'C1',
      'B2',
    ]);
  });

  it("runs in the imports worker: the app's thread answers while the import waits to write", async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 10_000; i++) {
      lines.push(`W${i},Nama ${i},distributor,${i > 1 ? `W${i >> 1}` : ''},,,2026-01-05,,,,,,,,`);
    }
    const path = writeFile(db.dir, 'wait.csv', lines.join('\n'));
    // Another connection holds the write lock: the import validates, then waits for it.
    const other = openDb(db.path, { migrate: false });
    other.sqlite.exec('BEGIN IMMEDIATE');
    let validated!: () => void;
    const allValidated = new Promise<void>((r) => (validated = r));
    let settled = false;
    const running = dispatch(
      'members:import',
      { path },
      {
        ...ctxFor(db),
        onProgress: (p) => p.stage === 'validate' && p.done === p.total && validated(),
      },
    ).finally(() => (settled = true));
    await allValidated;
    // On this thread an import would hold the event loop (and fail after the busy timeout).
    const page = await ok(db, 'members:list', { offset: 0, limit: 10 });
    expect(page.total).toBe(0);
    expect(settled).toBe(false);
    other.sqlite.exec('ROLLBACK');
    other.sqlite.close();
    const r = await running;
    expect(r.ok && r.data.inserted).toBe(10_000);
    expect(count()).toBe(10_000);
  });

  it('CLI: prints every error line and exits 2; dry run; success', async () => {
    const bad = writeFile(
      db.dir,
      'bad.csv',
      `${HEADER}\nA,,distributor,,,,2026-01-05,,,,,,,,\nB,B,customer,ZZ,,,2026-01-05,,,,,,,,\n`,
    );
    const r = await cli(['--db', db.path, 'import', 'members', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.csv:2: name: required\nbad.csv:3: sponsor: unknown member ZZ\n');
    expect(r.err).toContain('nothing imported: 2 problems');
    const good = writeFile(
      db.dir,
      'good.csv',
      `${HEADER}\nA,Ani,distributor,,,,2026-01-05,,,,,,,,\n`,
    );
    const dry = await cli(['--db', db.path, 'import', 'members', good, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('dry run: good.csv is valid: 1 members');
    expect(count()).toBe(0);
    const real = await cli(['--db', db.path, 'import', 'members', good]);
    expect(real.code, real.err).toBe(0);
    expect(real.out).toBe('imported good.csv: 1 members (1 distributors, 0 customers)\n');
  });
});

describe('import as a job (the import dialogs)', () => {
  const file = (rows: number, prefix = 'J') => {
    const lines = [HEADER];
    for (let i = 1; i <= rows; i++) {
      lines.push(
        `${prefix}${i},Nama ${i},distributor,${i > 1 ? `${prefix}${i >> 1}` : ''},,,2026-01-05,,,,,,,,`,
      );
    }
    return Buffer.from(lines.join('\n')).toString('base64');
  };
  const start = async (input: { fileName: string; base64: string; dryRun?: boolean }) => {
    const r = await dispatch('jobs:start', { channel: 'members:import', input }, ctxFor(db));
    if (!r.ok) throw new Error(r.error.message);
    return r.data.jobId;
  };

  it('reports progress while it runs, then the result; a refused file carries its problems', async () => {
    const { job, seen } = await waitJob(
      ctxFor(db),
      await start({ fileName: 'm.csv', base64: file(20_000) }),
    );
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ file: 'm.csv', rows: 20_000, inserted: 20_000 });
    expect(job.progress).toEqual({ stage: 'insert', done: 20_000, total: 20_000 });
    // Every answer the dialog polled had a known stage and a count within the file.
    for (const p of seen.flatMap((j) => (j.progress ? [j.progress] : []))) {
      expect(['validate', 'insert']).toContain(p.stage);
      expect(p.total).toBe(20_000);
      expect(p.done).toBeLessThanOrEqual(20_000);
    }
    expect(count()).toBe(20_000);

    const bad = Buffer.from(`${HEADER}\nX1,,distributor,,,,2026-01-05,,,,,,,,\n`).toString(
      'base64',
    );
    const refused = (await waitJob(ctxFor(db), await start({ fileName: 'bad.csv', base64: bad })))
      .job;
    expect(refused.status).toBe('error');
    expect(refused.error).toMatchObject({
      code: 'VALIDATION',
      details: { errors: [{ file: 'bad.csv', line: 2, column: 'name', message: 'required' }] },
    });
    // What the dialog's problems table reads (the renderer's useImportJob): that list, and
    // nothing from an error that is about something else.
    expect(tabularProblems(refused.error?.details)).toEqual([
      { file: 'bad.csv', line: 2, column: 'name', message: 'required' },
    ]);
    expect(tabularProblems({ errors: ['plan rejected'] })).toBeUndefined();
    expect(tabularProblems(undefined)).toBeUndefined();
  });

  it('cancelled while it waits to write: nothing is written, and the file imports afterwards', async () => {
    const other = openDb(db.path, { migrate: false });
    other.sqlite.exec('BEGIN IMMEDIATE'); // the import checks the file, then waits for the lock
    const base64 = file(20_000, 'K');
    const id = await start({ fileName: 'k.csv', base64 });
    for (;;) {
      const j = await dispatch('jobs:get', { id }, ctxFor(db));
      const p = j.ok ? j.data.progress : null;
      if (p?.stage === 'validate' && p.done === p.total) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const cancelled = await dispatch('jobs:cancel', { id }, ctxFor(db));
    expect(cancelled.ok && cancelled.data.status).toBe('cancelled');
    other.sqlite.exec('ROLLBACK');
    other.sqlite.close();
    // Had the cancelled import still written its rows, these codes would exist already.
    const again = await waitJob(ctxFor(db), await start({ fileName: 'k.csv', base64 }));
    expect(again.job.status).toBe('done');
    expect(count()).toBe(20_000);
  });
});

describe('export members', () => {
  it('exports the current filter as CSV and XLSX with the import columns; a full export re-imports unchanged', async () => {
    generateDemo(db, { members: 400, months: 1, seed: 5, endPeriod: '2026-10' });
    const csvPath = join(db.dir, 'out.csv');
    const r = await ok(db, 'members:export', { format: 'csv', path: csvPath, filter: {} });
    expect(r).toMatchObject({ rows: 400, path: csvPath, base64: null, mime: 'text/csv' });
    const text = readFileSync(csvPath, 'utf8');
    expect(text.split('\n')[0]).toBe(`\ufeff${HEADER}`);
    const customers = await ok(db, 'members:export', {
      format: 'xlsx',
      filter: { kind: 'customer' },
      sort: [{ colId: 'name', sort: 'asc' }],
    });
    expect(customers.path).toBeNull();
    expect(customers.fileName).toMatch(/^members-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(customers.mime).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const n = (await ok(db, 'members:list', { filter: { kind: 'customer' } })).total;
    expect(customers.rows).toBe(n);

    const all = (await ok(db, 'members:list', { limit: 1000 })).rows;
    for (const [fmt, source] of [
      ['csv', { path: csvPath }],
      [
        'xlsx',
        {
          fileName: 'all.xlsx',
          base64: (await ok(db, 'members:export', { format: 'xlsx', filter: {} })).base64!,
        },
      ],
    ] as const) {
      const other = tempDb();
      try {
        const imp = await dispatch('members:import', source, ctxFor(other));
        expect(imp.ok, fmt).toBe(true);
        const again = await dispatch('members:list', { limit: 1000 }, ctxFor(other));
        if (!again.ok) throw new Error(again.error.message);
        const strip = (rows: typeof all) =>
          rows.map(({ id: _id, hold: _h, holdReason: _r, ...rest }) => rest);
        expect(strip(again.data.rows)).toEqual(strip(all));
      } finally {
        other.cleanup();
      }
    }
  });

  it('CLI export members', async () => {
    addMembers(db, [{ code: 'A' }, { code: 'K', kind: 'customer', sponsor: 'A' }]);
    const out = join(db.dir, 'c.csv');
    const r = await cli(['--db', db.path, 'export', 'members', '--out', out, '--kind', 'customer']);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});

describe('large imports (indexes built once, afterwards)', () => {
  const schema = () =>
    db.sqlite
      .prepare(
        `SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('members', 'members_fts')
         ORDER BY type, name`,
      )
      .all();

  it('6,000 rows: the same schema afterwards, every index and the name search cover them', async () => {
    addMembers(db, [{ code: 'ROOT' }]);
    const before = schema();
    const rows = Array.from(
      { length: 6000 },
      (_, i) =>
        `B${i + 1},Anggota Massal ${i + 1},distributor,${i === 0 ? 'ROOT' : `B${Math.ceil(i / 2)}`},,,2026-01-15,,0813${String(i + 1).padStart(8, '0')},,,,,,`,
    );
    const path = writeFile(db.dir, 'members.csv', [HEADER, ...rows].join('\n'));
    expect((await ok(db, 'members:import', { path })).inserted).toBe(6000);
    expect(schema()).toEqual(before);
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Full text over the new names, and the indexes answer for the new rows.
    expect((await ok(db, 'members:list', { search: 'massal 5999' })).total).toBe(1);
    expect(
      db.sqlite
        .prepare('SELECT count(*) FROM members INDEXED BY members_tree WHERE sponsor_id > 0')
        .pluck()
        .get(),
    ).toBe(6000);
    const page = await ok(db, 'members:list', {
      sort: [{ colId: 'name', sort: 'desc' }],
      limit: 2,
    });
    expect(page.rows.map((r) => r.name)).toEqual(['Nama ROOT', 'Anggota Massal 999']);
  });

  it('a failure inside the load rolls the dropped indexes and triggers back with the rows', () => {
    addMembers(db, [{ code: 'ROOT' }]);
    const before = schema();
    const ins = db.sqlite.prepare(
      `INSERT INTO members (code, name, kind, sponsor_id, join_date) VALUES (?, 'x', 'distributor', 1, '2026-01-01')`,
    );
    expect(() =>
      db.sqlite.transaction(() =>
        withIndexesDeferred(db.sqlite, 'members', ['members_fts_ins'], () => {
          ins.run('OK1');
          ins.run('OK1'); // UNIQUE code: constraint indexes stay during the load
        }),
      )(),
    ).toThrow(/UNIQUE/);
    expect(schema()).toEqual(before);
    expect(count()).toBe(1);
    expect(() => withIndexesDeferred(db.sqlite, 'members', [], () => {})).toThrow(
      /inside a transaction/,
    );
  });

  it('the kind rules hold in a bulk load: a distributor under a customer is refused, nothing kept', () => {
    addMembers(db, [{ code: 'ROOT' }, { code: 'CUST', kind: 'customer', sponsor: 'ROOT' }]);
    const before = schema();
    const member = (code: string, sponsor: number, placement: number | null) => ({
      code,
      name: code,
      kind: 'distributor' as const,
      sponsor_id: sponsor,
      placement_id: placement,
      leg: placement === null ? null : ('L' as const),
      status: 'active' as const,
      join_date: '2026-01-01',
      phone: null,
      email: null,
      nik: null,
      npwp: null,
      bank_name: null,
      bank_account: null,
      bank_holder: null,
    });
    const load = (rows: ReturnType<typeof member>[]) =>
      db.sqlite.transaction(() =>
        loadMembersInBulk(db, () => {
          const w = memberBatchInserter(db);
          for (const r of rows) w.add(r);
          w.finish();
        }),
      )();
    // The import's own checks would catch these; the loader refuses them by itself too.
    expect(() => load([member('D1', 1, null), member('D2', 2, null)])).toThrow(
      "member D2: a distributor's sponsor must be a distributor",
    );
    expect(() => load([member('D3', 1, 2)])).toThrow(
      'member D3: a placement parent must be a distributor',
    );
    expect(schema()).toEqual(before);
    expect(count()).toBe(2);
    load([member('D4', 1, 1)]); // a valid load goes in
    expect(count()).toBe(3);

    // The close checklist's partial indexes stay live through a load (the others are dropped and
    // rebuilt): a new active distributor without a bank account is listed at once.
    let during: string[] = [];
    db.sqlite.transaction(() =>
      loadMembersInBulk(db, () => {
        during = db.sqlite
          .prepare(
            `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'
             AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name`,
          )
          .pluck()
          .all() as string[];
        const w = memberBatchInserter(db);
        w.add(member('D5', 1, null));
        w.finish();
      }),
    )();
    expect(during).toEqual(['members_no_bank', 'members_on_hold']);
    expect(schema()).toEqual(before);
    expect(distributorsWithoutBank(db, 10).rows.map((r) => r.code)).toEqual(
      expect.arrayContaining(['D4', 'D5']),
    );
  });

  it('a row the database refuses in the middle of a 32-row statement is named by its line', async () => {
    addMembers(db, [{ code: 'ROOT' }]);
    db.sqlite.exec(`CREATE TRIGGER test_refuse BEFORE INSERT ON members WHEN NEW.code = 'R50'
      BEGIN SELECT RAISE(ABORT, 'VALIDATION: refused by the test'); END`);
    const rows = Array.from(
      { length: 100 },
      (_, i) => `R${i + 1},Anggota ${i + 1},customer,ROOT,,,2026-01-15,,,,,,,,`,
    );
    const path = writeFile(db.dir, 'members.csv', [HEADER, ...rows].join('\n'));
    const e = await fails(db, 'members:import', { path });
    expect(errorLines(e)).toEqual(['members.csv:51: : refused by the test']);
    expect(count()).toBe(1);
  });
});
