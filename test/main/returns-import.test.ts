import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/main/close/snapshot';
import { eachTestDb, type TempDb } from '../helpers/db';
import { cli, closePeriod, fails, ok, writeFile, seedExample } from './orders.fixture';

let db: TempDb;
eachTestDb(async (d) => {
  db = d;
  seedExample(db);
  const order = (orderNo: string, member: string, date: string) =>
    ok(db, 'orders:create', {
      orderNo,
      member,
      date,
      lines: [
        { sku: 'A', qty: 3 },
        { sku: 'B', qty: 2 },
      ],
    });
  await order('SEP-1', 'D2', '2026-09-10');
  closePeriod(db, '2026-09');
  await order('OCT-1', 'D2', '2026-10-05');
  await order('OCT-2', 'C1', '2026-10-06');
});

const count = (t: string) => db.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;

describe('returns import', () => {
  it('records returns; a closed-period order gives a clawback; open ones net out', async () => {
    const path = writeFile(
      db.dir,
      'returns.csv',
      `return_no,order_no,date,sku,qty
R-1,OCT-1,2026-10-07,A,1
R-1,OCT-1,2026-10-07,B,2
R-2,SEP-1,2026-10-08,A,3
R-3,OCT-1,2026-10-09,A,2
`,
    );
    const r = await ok(db, 'returns:import', { path });
    expect(r).toEqual({
      file: 'returns.csv',
      dryRun: false,
      rows: 4,
      created: 3,
      updated: 0,
      lines: 4,
    });
    const listed = await ok(db, 'returns:list', { sort: [{ colId: 'returnNo', sort: 'asc' }] });
    expect(listed.rows.map((x) => [x.returnNo, x.sku, x.qty, x.clawback])).toEqual([
      ['R-1', 'A', 1, false],
      ['R-1', 'B', 2, false],
      ['R-2', 'A', 3, true],
      ['R-3', 'A', 2, false],
    ]);
    // October snapshot: OCT-1 (D2, at member price: summed) fully returned (A 3−1−2 = 0,
    // B 2−2 = 0), so D2 has no October volume; OCT-2 (C1, at retail: listed) untouched.
    const oct = loadSnapshot(db, '2026-10');
    const octD2 = oct.members.code.indexOf('D2');
    expect(oct.lineCount).toBe(4);
    expect([oct.bought!.pv[octD2], oct.bought!.bv[octD2]]).toEqual([0, 0]);
    expect(Array.from(oct.lines.qty)).toEqual([3, 2]);
    // September (closed) keeps its volume: R-2 is a clawback, charged in October by the close.
    const sep = loadSnapshot(db, '2026-09');
    // 3×A + 2×B = 3·20 + 2·10 PV, 3·60.000 + 2·30.000 BV
    expect([sep.bought!.pv[octD2], sep.bought!.bv[octD2]]).toEqual([80, 240_000]);
    expect(
      db.sqlite.prepare(`SELECT action FROM audit_log ORDER BY id DESC LIMIT 1`).pluck().get(),
    ).toBe('return.import');
  });

  it('every problem reported as FILE:LINE: column: message; all-or-nothing', async () => {
    await ok(db, 'returns:create', {
      returnNo: 'OLD',
      orderNo: 'OCT-2',
      date: '2026-10-07',
      lines: [{ sku: 'A', qty: 1 }],
    });
    const path = writeFile(
      db.dir,
      'returns.csv',
      `return_no,order_no,date,sku,qty
R-1,OCT-1,2026-10-07,A,2
R-1,OCT-2,2026-10-07,A,1
R-1,OCT-1,2026-10-08,B,1
R-1,OCT-1,2026-10-07,A,1
R-2,OCT-1,2026-10-09,A,2
R-3,NOPE,2026-10-09,A,1
R-4,OCT-1,2026-10-01,A,1
R-5,SEP-1,2026-09-20,A,1
R-6,OCT-2,2026-10-09,Z,1
R-7,OCT-2,2026-10-09,A,3
OLD,OCT-2,2026-10-09,B,1
R-8,OCT-2,2026-10-09,B,0
`,
    );
    const e = await fails(db, 'returns:import', { path });
    expect(e.message.split('\n')).toEqual([
      'returns.csv:3: order_no: return R-1 is of order OCT-1 on line 2, not OCT-2',
      'returns.csv:4: date: return R-1 is dated 2026-10-07 on line 2, not 2026-10-08',
      'returns.csv:5: sku: duplicate line: A is already in return R-1 on line 2',
      // OCT-1 has 3×A: 2 returned on line 2, so 1 left.
      'returns.csv:6: qty: A: cannot return 2, only 1 not yet returned (bought 3, returned 2)',
      'returns.csv:7: order_no: unknown order NOPE',
      'returns.csv:8: date: a return cannot be dated before its order (OCT-1 is dated 2026-10-05)',
      'returns.csv:9: date: period 2026-09 is closed',
      'returns.csv:10: sku: order OCT-2 has no line for Z',
      // OCT-2 has 3×A, 1 returned earlier (OLD).
      'returns.csv:11: qty: A: cannot return 3, only 2 not yet returned (bought 3, returned 1)',
      'returns.csv:12: return_no: return OLD already exists',
      'returns.csv:13: qty: must be ≥ 1',
    ]);
    expect(count('returns')).toBe(1);
  });

  it('dry run and CLI', async () => {
    const path = writeFile(
      db.dir,
      'returns.csv',
      'return_no,order_no,date,sku,qty\nR-1,OCT-1,2026-10-07,A,1\n',
    );
    expect(await ok(db, 'returns:import', { path, dryRun: true })).toMatchObject({
      dryRun: true,
      created: 1,
    });
    expect(count('returns')).toBe(0);
    // The CLI opens its own connection to the same file (WAL: both can stay open).
    const ran = await cli(['--db', `${db.dir}/test.db`, 'import', 'returns', path]);
    expect(ran).toMatchObject({
      code: 0,
      out: 'imported returns.csv: 1 returns created, 1 lines (1 rows)\n',
    });
    const again = await cli(['--db', `${db.dir}/test.db`, 'import', 'returns', path, '--dry-run']);
    expect(again).toMatchObject({
      code: 2,
      err: 'jenjang: returns.csv:2: return_no: return R-1 already exists\n',
    });
    expect(count('returns')).toBe(1);
  });
});
