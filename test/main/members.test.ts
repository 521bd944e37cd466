import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { verifyAudit } from '../../src/main/db/repositories/audit.repo';
import { pageMemberIds, type listMembers } from '../../src/main/db/repositories/members.repo';
import { generateDemo } from '../../src/main/services/demo';
import { getMemberTree } from '../../src/main/services/member-tree';
import { getPeriodVolumes } from '../../src/main/services/member-volumes';
import { periodVolumes } from '../../src/main/services/volumes';
import { ctxFor, eachTestDb, type TempDb } from '../helpers/db';
import { addMembers, buildExample, fails, ok } from './orders.fixture';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

const base = {
  code: 'D1',
  name: 'Budi Santoso',
  kind: 'distributor' as const,
  joinDate: '2026-01-05',
};

function audit() {
  return db.sqlite
    .prepare('SELECT action, entity_id, before_json, after_json, reason FROM audit_log ORDER BY id')
    .all() as {
    action: string;
    entity_id: string;
    before_json: string | null;
    after_json: string | null;
    reason: string | null;
  }[];
}

describe('members:create / update', () => {
  it('creates a root distributor and a customer under it, audited', async () => {
    const d1 = await ok(db, 'members:create', { ...base, phone: '0812 3456 7890', nik: '' });
    expect(d1).toMatchObject({
      code: 'D1',
      status: 'active',
      sponsorCode: null,
      phone: '0812 3456 7890',
      nik: null,
    });
    const c1 = await ok(db, 'members:create', {
      code: 'C1',
      name: 'Siti',
      kind: 'customer',
      sponsorCode: 'D1',
      joinDate: '2026-02-01',
    });
    expect(c1.sponsorCode).toBe('D1');
    expect(audit().map((a) => [a.action, a.entity_id])).toEqual([
      ['member.create', 'D1'],
      ['member.create', 'C1'],
    ]);
  });

  it('field-level messages: zod paths and main-side rules name the field', async () => {
    const e = await fails(db, 'members:create', {
      ...base,
      code: 'bad code!',
      nik: '123',
      npwp: '12',
      email: 'nope',
      joinDate: '2026-02-30',
    });
    expect(e.code).toBe('VALIDATION');
    for (const f of [
      'code: ',
      'nik: NIK must be exactly 16 digits',
      'npwp: NPWP must be 15 or 16 digits',
      'email: ',
      'joinDate: ',
    ]) {
      expect(e.message).toContain(f);
    }
    const issues = (e.details as { issues: { path: string[] }[] }).issues;
    expect(issues.map((i) => i.path[0]).sort()).toEqual([
      'code',
      'email',
      'joinDate',
      'nik',
      'npwp',
    ]);

    await ok(db, 'members:create', base);
    await ok(db, 'members:create', {
      code: 'C1',
      name: 'C',
      kind: 'customer',
      sponsorCode: 'D1',
      joinDate: '2026-02-01',
    });
    const e2 = await fails(db, 'members:create', {
      ...base,
      code: 'D1',
      sponsorCode: 'C1',
      placementCode: 'ZZ',
      leg: 'L',
    });
    expect(e2.message).toContain('code: a member with code D1 already exists');
    expect(e2.message).toContain(
      "sponsorCode: a distributor's sponsor must be a distributor (C1 is a customer)",
    );
    expect(e2.message).toContain('placementCode: member ZZ not found');
    expect((e2.details as { issues: { path: string[] }[] }).issues.map((i) => i.path[0])).toEqual([
      'code',
      'sponsorCode',
      'placementCode',
    ]);
    const e3 = await fails(db, 'members:create', {
      code: 'C2',
      name: 'C',
      kind: 'customer',
      joinDate: '2026-02-01',
    });
    expect(e3.message).toBe('sponsorCode: a customer needs a sponsor');
  });

  it('refuses a taken slot and a placed customer', async () => {
    await ok(db, 'members:create', base);
    await ok(db, 'members:create', {
      ...base,
      code: 'D2',
      sponsorCode: 'D1',
      placementCode: 'D1',
      leg: 'L',
    });
    const e = await fails(db, 'members:create', {
      ...base,
      code: 'D3',
      sponsorCode: 'D1',
      placementCode: 'D1',
      leg: 'L',
    });
    expect(e.message).toBe('leg: slot L under D1 is taken by D2');
    const e2 = await fails(db, 'members:create', {
      code: 'C9',
      name: 'C',
      kind: 'customer',
      sponsorCode: 'D1',
      placementCode: 'D1',
      leg: 'R',
      joinDate: '2026-02-01',
    });
    expect(e2.message).toBe('placementCode: customers are not placed in the binary tree');
  });

  it('refuses a join date inside a closed period', async () => {
    db.sqlite.prepare(`INSERT INTO periods (period, status) VALUES ('2026-01', 'closed')`).run();
    const e = await fails(db, 'members:create', base);
    expect(e.message).toBe(
      'joinDate: period 2026-01 is closed: registrations cannot be back-dated into it',
    );
  });

  it('updates safe fields, audits only what changed, clears with ""', async () => {
    await ok(db, 'members:create', { ...base, email: 'budi@mail.example', bankName: 'BCA' });
    const u = await ok(db, 'members:update', {
      code: 'D1',
      name: 'Budi S.',
      email: '',
      bankAccount: '1234567890',
    });
    expect(u).toMatchObject({
      name: 'Budi S.',
      email: null,
      bankName: 'BCA',
      bankAccount: '1234567890',
    });
    const a = audit().at(-1)!;
    expect(a.action).toBe('member.update');
    expect(JSON.parse(a.before_json!)).toEqual({
      name: 'Budi Santoso',
      email: 'budi@mail.example',
      bankAccount: null,
    });
    expect(JSON.parse(a.after_json!)).toEqual({
      name: 'Budi S.',
      email: null,
      bankAccount: '1234567890',
    });
    const e = await fails(db, 'members:update', { code: 'D1', nik: '12345' });
    expect(e.message).toBe('nik: NIK must be exactly 16 digits');
    expect((await fails(db, 'members:update', { code: 'NOPE', name: 'x' })).code).toBe('NOT_FOUND');
    // Name search follows the edit (FTS kept by triggers).
    expect((await ok(db, 'members:list', { search: 'budi s' })).total).toBe(1);
    expect((await ok(db, 'members:list', { search: 'santoso' })).total).toBe(0);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('kind changes are checked: a customer sponsoring a distributor cannot become... a customer above one', async () => {
    addMembers(db, [
      { code: 'A' },
      { code: 'B', sponsor: 'A', placement: 'A', leg: 'L' },
      { code: 'C', kind: 'customer', sponsor: 'B' },
    ]);
    expect((await fails(db, 'members:update', { code: 'A', kind: 'customer' })).message).toContain(
      'kind: a customer needs a sponsor',
    );
    const e = await fails(db, 'members:update', { code: 'B', kind: 'customer' });
    expect(e.message).toContain('take the member out of the binary tree first');
    // Upgrading a customer whose sponsor is a distributor is fine.
    expect((await ok(db, 'members:update', { code: 'C', kind: 'distributor' })).kind).toBe(
      'distributor',
    );
  });

  it('viewer may read but not write', async () => {
    await ok(db, 'members:create', base);
    const r = await dispatch('members:update', { code: 'D1', name: 'X' }, ctxFor(db, 'viewer'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    expect((await dispatch('members:get', { code: 'D1' }, ctxFor(db, 'viewer'))).ok).toBe(true);
  });
});

describe('hold / release', () => {
  it('keeps hold flag, reason and history; refuses double hold and release of a free member', async () => {
    await ok(db, 'members:create', base);
    const h = await ok(db, 'members:hold', { code: 'D1', reason: 'NPWP missing' });
    expect(h).toMatchObject({ hold: true, holdReason: 'NPWP missing' });
    expect((await fails(db, 'members:hold', { code: 'D1', reason: 'again' })).code).toBe(
      'CONFLICT',
    );
    const r = await ok(db, 'members:release', { code: 'D1', reason: 'NPWP received' });
    expect(r).toMatchObject({ hold: false, holdReason: null });
    expect((await fails(db, 'members:release', { code: 'D1' })).code).toBe('CONFLICT');
    const d = await ok(db, 'members:detail', { code: 'D1' });
    expect(d.holds).toHaveLength(1);
    expect(d.holds[0]).toMatchObject({
      reason: 'NPWP missing',
      placedBy: 'tester',
      releasedBy: 'tester',
    });
    expect(d.audit.map((a) => a.action)).toEqual([
      'member.release',
      'member.hold',
      'member.create',
    ]);
    expect(d.audit[1]!.reason).toBe('NPWP missing');
    // The schema refuses a hold without a reason, whoever writes.
    expect(() =>
      db.sqlite.prepare('UPDATE members SET hold = 1, hold_reason = NULL WHERE code = ?').run('D1'),
    ).toThrow(/CHECK constraint failed/);
    // staff may not hold (finance only)
    const s = await dispatch('members:hold', { code: 'D1', reason: 'x' }, ctxFor(db, 'staff'));
    expect(s.ok).toBe(false);
  });
});

describe('grid paging', () => {
  it('search by code prefix (any case), name word prefix, phone prefix; filters; totals', async () => {
    addMembers(db, [
      { code: 'D1' },
      { code: 'D2', sponsor: 'D1' },
      { code: 'X9', kind: 'customer', sponsor: 'D1' },
    ]);
    db.sqlite
      .prepare(`UPDATE members SET name = 'Ayu Ginting', phone = '081200001' WHERE code = 'D2'`)
      .run();
    db.sqlite.prepare(`UPDATE members SET name = 'Dewi Ayuningtyas' WHERE code = 'X9'`).run();
    const codes = async (input: Parameters<typeof listMembers>[1] | Record<string, unknown>) =>
      (await ok(db, 'members:list', input as never)).rows.map((r) => r.code);
    expect(await codes({ search: 'd' })).toEqual(['D1', 'D2', 'X9']); // X9: name Dewi…
    expect(await codes({ search: 'd1' })).toEqual(['D1']);
    expect(await codes({ search: 'x9' })).toEqual(['X9']);
    expect(await codes({ search: 'ayu' })).toEqual(['D2', 'X9']);
    expect(await codes({ search: 'ginting ayu' })).toEqual(['D2']);
    expect(await codes({ search: '0812' })).toEqual(['D2']);
    expect(await codes({ filter: { kind: 'customer' } })).toEqual(['X9']);
    expect(await codes({ sort: [{ colId: 'name', sort: 'desc' }] })).toEqual(['D1', 'X9', 'D2']);
    expect((await ok(db, 'members:list', { filter: { kind: 'distributor' } })).total).toBe(2);
    // Totals are cached but follow writes.
    addMembers(db, [{ code: 'D3', sponsor: 'D1' }]);
    expect((await ok(db, 'members:list', { filter: { kind: 'distributor' } })).total).toBe(3);
    expect(
      await codes({ filter: { joinFrom: '2026-01-01', joinTo: '2026-01-01' }, limit: 2 }),
    ).toEqual(['D1', 'D2']);
  });

  it('keyset anchors give exactly the rows of plain OFFSET paging, in every direction', () => {
    generateDemo(db, { members: 1500, months: 1, seed: 3, endPeriod: '2026-10' });
    for (const sort of [
      [{ colId: 'name', sort: 'asc' as const }],
      [{ colId: 'name', sort: 'desc' as const }],
      [{ colId: 'joinDate', sort: 'desc' as const }],
      [
        { colId: 'kind', sort: 'asc' as const },
        { colId: 'name', sort: 'asc' as const },
      ],
      [],
    ]) {
      for (const filter of [{}, { kind: 'customer' as const }]) {
        // Jump around: deep, back, next page, same page again, overlapping.
        for (const offset of [900, 0, 1000, 1000, 950, 100, 1100, 1400]) {
          const q = { offset, limit: 60, sort, filter };
          expect(pageMemberIds(db, q), JSON.stringify(q)).toEqual(pageMemberIds(db, q, false));
        }
      }
    }
  });
});

describe('volumes, detail and genealogy', () => {
  it('the worked example: PV by volume owner net of returns, GV up the sponsor tree', async () => {
    await buildExample(db);
    const d2 = await ok(db, 'members:detail', { code: 'D2' });
    expect(d2.period).toBe('2026-10');
    // D2: 3×A − 1×A returned = 40; customers C1 2×A = 40, C2 1×B − 1×B = 0, C3 2×B = 20.
    expect(d2.volumes).toEqual({ pv: 100, gv: 170 });
    expect(d2.sponsorLine.map((s) => s.code)).toEqual(['D1']);
    expect(d2.counts).toMatchObject({ directSponsored: 2, sponsorDownline: 5 });
    expect(d2.downline.rows.map((r) => [r.code, r.pv, r.gv, r.downlineSize])).toEqual([
      ['D3', 70, 70, 1],
      ['C1', 0, 0, 2],
    ]);
    const root = await ok(db, 'genealogy:children', { tree: 'sponsor' });
    expect(root.rows.map((r) => [r.code, r.pv, r.gv, r.childCount, r.downlineSize])).toEqual([
      ['D1', 20, 200, 2, 7],
    ]);
    const path = await ok(db, 'genealogy:path', { code: 'C3' });
    expect(path.path.map((n) => n.code)).toEqual(['D1', 'D2', 'C1', 'C2', 'C3']);
    // September (closed) with its own volume: D2 1×A.
    const sep = await ok(db, 'genealogy:children', { code: 'D1', period: '2026-09' });
    expect(sep.rows.map((r) => [r.code, r.pv])).toEqual([
      ['D2', 20],
      ['D4', 0],
    ]);
    // Same numbers as the orders view, which runs the engine's own prepareState.
    const engine = periodVolumes(db, '2026-10');
    const mine = getPeriodVolumes(db, '2026-10');
    const t = getMemberTree(db);
    for (let p = 0; p < t.n; p++) {
      const ep = engine.snap.positionById[t.ids[p]!]!;
      expect([mine.pv[p], mine.gv[p]]).toEqual([engine.state.pv[ep], engine.state.gv[ep]]);
    }
  });

  it('a demo company: subtree sizes, child counts and volumes equal recursive SQL and the engine', async () => {
    generateDemo(db, { members: 3000, months: 2, seed: 11, endPeriod: '2026-10' });
    const t = getMemberTree(db);
    const sizeSql = db.sqlite.prepare(
      `WITH RECURSIVE d(id) AS (SELECT id FROM members WHERE sponsor_id = ? UNION ALL
        SELECT m.id FROM members m JOIN d ON m.sponsor_id = d.id) SELECT count(*) FROM d`,
    );
    const psizeSql = db.sqlite.prepare(
      `WITH RECURSIVE d(id) AS (SELECT id FROM members WHERE placement_id = ? UNION ALL
        SELECT m.id FROM members m JOIN d ON m.placement_id = d.id) SELECT count(*) FROM d`,
    );
    for (const id of [1, 2, 3, 10, 57, 400, 1999, 2999]) {
      const p = t.posOfId(id);
      expect(t.sSize[p], `sponsor subtree of ${id}`).toBe(sizeSql.pluck().get(id));
      expect(t.pSize[p], `placement subtree of ${id}`).toBe(psizeSql.pluck().get(id));
    }
    const engine = periodVolumes(db, '2026-10');
    const mine = getPeriodVolumes(db, '2026-10');
    let checked = 0;
    for (let p = 0; p < t.n; p++) {
      const ep = engine.snap.positionById[t.ids[p]!]!;
      if (mine.pv[p] !== engine.state.pv[ep] || mine.gv[p] !== engine.state.gv[ep]) {
        throw new Error(
          `member ${t.ids[p]}: ${mine.pv[p]}/${mine.gv[p]} vs engine ${engine.state.pv[ep]}/${engine.state.gv[ep]}`,
        );
      }
      checked++;
    }
    expect(checked).toBe(3000);
    // Binary children of the root: L then R, each with its subtree size.
    const bin = await ok(db, 'genealogy:children', { tree: 'placement', code: 'D0000001' });
    expect(bin.rows.map((r) => r.leg)).toEqual(['L', 'R']);
    expect(bin.rows.reduce((s, r) => s + r.downlineSize + 1, 0)).toBe(bin.parent!.downlineSize);
  });

  it('caches follow inserts, moves and new orders (incremental volumes)', async () => {
    await buildExample(db);
    expect((await ok(db, 'members:detail', { code: 'D1' })).volumes.gv).toBe(200);
    addMembers(db, [{ code: 'D5', sponsor: 'D4' }]);
    expect((await ok(db, 'members:detail', { code: 'D1' })).counts.sponsorDownline).toBe(8);
    await ok(db, 'orders:create', {
      orderNo: 'O9',
      member: 'D5',
      date: '2026-10-20',
      lines: [{ sku: 'B', qty: 2 }],
    });
    const d4 = await ok(db, 'members:detail', { code: 'D4' });
    expect(d4.volumes).toEqual({ pv: 10, gv: 30 });
    expect((await ok(db, 'members:detail', { code: 'D1' })).volumes.gv).toBe(220);
    await ok(db, 'members:move', {
      code: 'D5',
      sponsorCode: 'D3',
      reason: 'wrong sponsor at signup',
    });
    expect((await ok(db, 'members:detail', { code: 'D4' })).volumes).toEqual({ pv: 10, gv: 10 });
    expect((await ok(db, 'members:detail', { code: 'D2' })).volumes.gv).toBe(190);
  });

  it('rank and payout history come from committed runs only', async () => {
    addMembers(db, [{ code: 'D1' }]);
    db.sqlite.exec(`
      INSERT INTO plan_versions (version, name, plan_json, plan_hash) VALUES (1, 'p', '{}', '${'a'.repeat(64)}');
      INSERT INTO runs (id, period, plan_version, plan_hash, run_hash, status, totals_json)
        VALUES (1, '2026-09', 1, '${'a'.repeat(64)}', '${'b'.repeat(64)}', 'committed', '{}');
      INSERT INTO run_members (run_id, member_id, rank, active, pv, gv, bv, bonuses_json, bonus_total, adjustments,
        clawbacks, carry_in, gross, available, held, paid, tax, net, carry_out)
        VALUES (1, 1, 'BRONZE', 1, 120, 1500, 300000, '{}', 50000, 0, 0, 0, 50000, 50000, 0, 1, 1250, 48750, 0);`);
    const d = await ok(db, 'members:detail', { code: 'D1' });
    expect(d.ranks).toEqual([
      { period: '2026-09', rank: 'BRONZE', active: true, pv: 120, gv: 1500 },
    ]);
    expect(d.payouts).toEqual([
      {
        period: '2026-09',
        gross: 50000,
        tax: 1250,
        net: 48750,
        held: false,
        paid: true,
        carryOut: 0,
      },
    ]);
  });
});
