import { beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/main/db/repositories/audit.repo';
import { eachTestDb, type TempDb } from '../helpers/db';
import {
  EXAMPLE_MEMBERS,
  addMembers,
  addProducts,
  buildExample,
  cli,
  closePeriod,
  fails,
  ok,
} from './orders.fixture';

let db: TempDb;
eachTestDb((d) => {
  db = d;
});

/**
 * The worked example of orders.fixture.ts with a binary tree added (period 2026-10 open,
 * 2026-09 closed with one order of D2):
 *
 *   sponsor:  D1 ─┬─ D2 ─┬─ D3 ── C4          placement:      D1
 *                 │      └─ C1 ── C2 ── C3                  L/    \R
 *                 └─ D4                                     D2     D4
 *                                                          L/
 *   PV 2026-10: D1 20, D2 100, D3 70, D4 10                D3
 *   GV 2026-10: D1 200, D2 170, D3 70, D4 10
 */
async function example(): Promise<void> {
  const placed: Record<string, { placement: string; leg: 'L' | 'R' }> = {
    D2: { placement: 'D1', leg: 'L' },
    D4: { placement: 'D1', leg: 'R' },
    D3: { placement: 'D2', leg: 'L' },
  };
  addMembers(
    db,
    EXAMPLE_MEMBERS.map((m) => ({ ...m, ...(placed[m.code] ?? {}) })),
  );
  await buildExample(db);
}

const sqlThrows = (sql: string, re: RegExp) => expect(() => db.sqlite.exec(sql)).toThrow(re);
const idOf = (code: string) =>
  db.sqlite.prepare('SELECT id FROM members WHERE code = ?').pluck().get(code) as number;

describe('move preview', () => {
  it('sponsor move: old and new line, subtree, GV that moves and the uplines it touches', async () => {
    await example();
    const p = await ok(db, 'members:movePreview', { code: 'D3', sponsorCode: 'D4' });
    expect(p.allowed).toBe(true);
    expect(p.period).toBe('2026-10');
    expect(p.placement).toBeNull();
    const s = p.sponsor!;
    expect(s.from?.code).toBe('D2');
    expect(s.to?.code).toBe('D4');
    expect(s.oldLine.map((r) => r.code)).toEqual(['D2', 'D1']);
    expect(s.newLine.map((r) => r.code)).toEqual(['D4', 'D1']);
    expect(s.subtreeSize).toBe(2); // D3 and C4
    expect(s.volumeMoved).toBe(70);
    // D1 is above both sides: its GV does not change.
    expect(s.affected.map((a) => [a.side, a.code, a.before, a.after])).toEqual([
      ['old', 'D2', 170, 100],
      ['new', 'D4', 10, 80],
    ]);
    expect([s.oldUplineAffected, s.newUplineAffected]).toEqual([1, 1]);
  });

  it('placement move: leg volumes of the ancestors on both sides', async () => {
    await example();
    const bin = await ok(db, 'genealogy:children', { tree: 'placement', code: 'D1' });
    expect([bin.parent!.leftPv, bin.parent!.rightPv]).toEqual([170, 10]);
    expect(bin.rows.map((r) => [r.code, r.leg, r.leftPv, r.rightPv])).toEqual([
      ['D2', 'L', 70, 0],
      ['D4', 'R', 0, 0],
    ]);
    expect((await ok(db, 'genealogy:children', { code: 'D1' })).parent!.leftPv).toBeNull();
    const p = await ok(db, 'members:movePreview', {
      code: 'D3',
      placement: { parentCode: 'D4', leg: 'L' },
    });
    expect(p.allowed).toBe(true);
    const c = p.placement!;
    expect(c.from).toMatchObject({ code: 'D2', leg: 'L' });
    expect(c.to).toMatchObject({ code: 'D4', leg: 'L' });
    expect(c.subtreeSize).toBe(1);
    expect(c.volumeMoved).toBe(70); // D3 50 + customer C4 20
    // D1 sees the volume leave its left leg and arrive on its right leg.
    expect(c.affected.map((a) => [a.side, a.code, a.leg, a.before, a.after])).toEqual([
      ['old', 'D2', 'L', 70, 0],
      ['old', 'D1', 'L', 170, 100],
      ['new', 'D4', 'L', 0, 70],
      ['new', 'D1', 'R', 10, 80],
    ]);
  });
});

describe('move refusals — in main and in the database', () => {
  beforeEach(() => {
    addMembers(db, [
      { code: 'A' },
      { code: 'B', sponsor: 'A', placement: 'A', leg: 'L' },
      { code: 'C', sponsor: 'B', placement: 'B', leg: 'L' },
      { code: 'E', sponsor: 'A', placement: 'A', leg: 'R' },
      { code: 'K', kind: 'customer', sponsor: 'C' },
      { code: 'K2', kind: 'customer', sponsor: 'K' },
    ]);
  });

  it('sponsor cycle', async () => {
    const e = await fails(db, 'members:move', { code: 'B', sponsorCode: 'C', reason: 'x' });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe("sponsorCode: C is in B's own downline: the move would create a cycle");
    sqlThrows(
      `UPDATE members SET sponsor_id = ${idOf('C')} WHERE code = 'B'`,
      /sponsor move would create a cycle/,
    );
  });

  it('self as sponsor / placement parent', async () => {
    expect(
      (await fails(db, 'members:move', { code: 'B', sponsorCode: 'B', reason: 'x' })).message,
    ).toBe('sponsorCode: a member cannot sponsor itself');
    expect(
      (
        await fails(db, 'members:move', {
          code: 'B',
          placement: { parentCode: 'B', leg: 'R' },
          reason: 'x',
        })
      ).message,
    ).toBe('placement.parentCode: a member cannot be placed under itself');
    sqlThrows(
      `UPDATE members SET sponsor_id = id WHERE code = 'B'`,
      /cycle|CHECK constraint failed/,
    );
    sqlThrows(`UPDATE members SET placement_id = id, leg = 'R' WHERE code = 'B'`, /cycle/);
  });

  it('a customer above a distributor', async () => {
    const e = await fails(db, 'members:move', { code: 'E', sponsorCode: 'K', reason: 'x' });
    expect(e.message).toBe(
      "sponsorCode: a distributor's sponsor must be a distributor (K is a customer)",
    );
    sqlThrows(
      `UPDATE members SET sponsor_id = ${idOf('K')} WHERE code = 'E'`,
      /a distributor's sponsor must be a distributor/,
    );
    // A customer may be referred by another customer, though.
    const moved = await ok(db, 'members:move', {
      code: 'K2',
      sponsorCode: 'C',
      reason: 'referral fix',
    });
    expect(moved.member.sponsorCode).toBe('C');
    // And the kind trigger: a member sponsoring distributors cannot become a customer.
    // A placement parent cannot turn into a customer (C is placed under B)…
    sqlThrows(
      `UPDATE members SET kind = 'customer', placement_id = NULL, leg = NULL WHERE code = 'B'`,
      /a placement parent must be a distributor/,
    );
    // …nor can a sponsor of distributors (C placed elsewhere, still sponsored by B).
    db.sqlite.exec(`UPDATE members SET placement_id = ${idOf('E')}, leg = 'L' WHERE code = 'C'`);
    sqlThrows(
      `UPDATE members SET kind = 'customer', placement_id = NULL, leg = NULL WHERE code = 'B'`,
      /a customer cannot sponsor distributors/,
    );
  });

  it('customers in the binary tree: neither placed nor placement parents', async () => {
    expect(
      (
        await fails(db, 'members:move', {
          code: 'K',
          placement: { parentCode: 'E', leg: 'L' },
          reason: 'x',
        })
      ).message,
    ).toBe('placement: customers are not placed in the binary tree');
    expect(
      (
        await fails(db, 'members:move', {
          code: 'E',
          placement: { parentCode: 'K', leg: 'L' },
          reason: 'x',
        })
      ).message,
    ).toBe('placement.parentCode: a placement parent must be a distributor');
    sqlThrows(
      `UPDATE members SET placement_id = ${idOf('E')}, leg = 'L' WHERE code = 'K'`,
      /CHECK constraint failed/,
    );
    sqlThrows(
      `UPDATE members SET placement_id = ${idOf('K')}, leg = 'L' WHERE code = 'E'`,
      /a placement parent must be a distributor/,
    );
  });

  it('taken slot', async () => {
    const e = await fails(db, 'members:move', {
      code: 'E',
      placement: { parentCode: 'A', leg: 'L' },
      reason: 'x',
    });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('placement.leg: slot L under A is taken by B');
    sqlThrows(
      `UPDATE members SET placement_id = ${idOf('A')}, leg = 'L' WHERE code = 'E'`,
      /UNIQUE constraint failed/,
    );
    // Free slot: fine, and moving within the same parent to the other leg too.
    await ok(db, 'members:move', {
      code: 'C',
      placement: { parentCode: 'B', leg: 'R' },
      reason: 'leg fix',
    });
  });

  it('placement cycle', async () => {
    const e = await fails(db, 'members:move', {
      code: 'B',
      placement: { parentCode: 'C', leg: 'R' },
      reason: 'x',
    });
    expect(e.message).toBe(
      "placement.parentCode: C is in B's own binary subtree: the move would create a cycle",
    );
    sqlThrows(
      `UPDATE members SET placement_id = ${idOf('C')}, leg = 'R' WHERE code = 'B'`,
      /placement move would create a cycle/,
    );
  });

  it('unknown target, nothing to move, same sponsor, root customer, no reason', async () => {
    expect(
      (await fails(db, 'members:move', { code: 'B', sponsorCode: 'ZZ', reason: 'x' })).message,
    ).toBe('sponsorCode: member ZZ not found');
    expect(
      (await fails(db, 'members:move', { code: 'NOPE', sponsorCode: 'A', reason: 'x' })).code,
    ).toBe('NOT_FOUND');
    expect((await fails(db, 'members:move', { code: 'B', reason: 'x' })).message).toContain(
      'nothing to move',
    );
    expect(
      (await fails(db, 'members:move', { code: 'B', sponsorCode: 'A', reason: 'x' })).message,
    ).toBe('sponsorCode: A is already the sponsor');
    expect(
      (await fails(db, 'members:move', { code: 'K', sponsorCode: null, reason: 'x' })).message,
    ).toBe('sponsorCode: a customer needs a sponsor');
    expect(
      (await fails(db, 'members:move', { code: 'B', sponsorCode: 'E', reason: ' ' })).message,
    ).toContain('reason');
    sqlThrows(`UPDATE members SET sponsor_id = NULL WHERE code = 'K'`, /CHECK constraint failed/);
  });

  it('refusals write nothing; a move is audited with before, after and reason', async () => {
    const before = db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    await fails(db, 'members:move', { code: 'B', sponsorCode: 'C', reason: 'x' });
    expect(db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
    const r = await ok(db, 'members:move', {
      code: 'C',
      sponsorCode: 'E',
      placement: { parentCode: 'E', leg: 'L' },
      reason: 'signed up under the wrong leader',
    });
    expect(r.member).toMatchObject({ sponsorCode: 'E', placementCode: 'E', leg: 'L' });
    const a = db.sqlite
      .prepare(
        `SELECT action, entity_id, before_json, after_json, reason FROM audit_log ORDER BY id DESC LIMIT 1`,
      )
      .get() as {
      action: string;
      entity_id: string;
      before_json: string;
      after_json: string;
      reason: string;
    };
    expect(a.action).toBe('member.move');
    expect(a.entity_id).toBe('C');
    expect(a.reason).toBe('signed up under the wrong leader');
    expect(JSON.parse(a.before_json)).toEqual({ sponsorCode: 'B', placementCode: 'B', leg: 'L' });
    expect(JSON.parse(a.after_json)).toMatchObject({
      sponsorCode: 'E',
      placementCode: 'E',
      leg: 'L',
      sponsorSubtree: 3,
    });
    expect(verifyAudit(db).ok).toBe(true);
    // Unplace a leaf, then the slot is free again.
    await ok(db, 'members:move', { code: 'C', placement: null, reason: 'out of the binary plan' });
    expect((await ok(db, 'members:get', { code: 'C' })).placementCode).toBeNull();
  });
});

describe('closed periods: a move never changes what a closed period was computed from', () => {
  beforeEach(async () => {
    addProducts(db);
    addMembers(db, [
      { code: 'A' },
      { code: 'B', sponsor: 'A', placement: 'A', leg: 'L' },
      { code: 'E', sponsor: 'A', placement: 'A', leg: 'R' },
      { code: 'K', kind: 'customer', sponsor: 'B' },
      { code: 'N', sponsor: 'A', join: '2026-09-10' },
    ]);
    await ok(db, 'orders:create', {
      orderNo: 'S1',
      member: 'K',
      date: '2026-08-10',
      lines: [{ sku: 'A', qty: 1 }],
    });
    closePeriod(db, '2026-08');
    await ok(db, 'orders:create', {
      orderNo: 'S2',
      member: 'N',
      date: '2026-09-10',
      lines: [{ sku: 'A', qty: 1 }],
    });
  });

  it('refuses a sponsor move of a member whose downline has orders in a closed period', async () => {
    const e = await fails(db, 'members:move', { code: 'B', sponsorCode: 'E', reason: 'x' });
    expect(e.code).toBe('PERIOD_CLOSED');
    expect(e.message).toBe(
      "code: K (moved with B) has orders in closed period 2026-08: the move would change that period's computed result",
    );
    const p = await ok(db, 'members:movePreview', { code: 'B', sponsorCode: 'E' });
    expect(p.allowed).toBe(false);
    expect(p.problems[0]!.field).toBe('code');
  });

  it('refuses a placement move whose volume (customers included) has closed-period orders', async () => {
    const e = await fails(db, 'members:move', {
      code: 'B',
      placement: { parentCode: 'E', leg: 'L' },
      reason: 'x',
    });
    expect(e.code).toBe('PERIOD_CLOSED');
    expect(e.message).toContain('K (moved with B) has orders in closed period 2026-08');
  });

  it('refuses moving the customer itself, but allows members with only open-period history', async () => {
    expect(
      (await fails(db, 'members:move', { code: 'K', sponsorCode: 'E', reason: 'x' })).code,
    ).toBe('PERIOD_CLOSED');
    const r = await ok(db, 'members:move', {
      code: 'N',
      sponsorCode: 'E',
      placement: { parentCode: 'E', leg: 'L' },
      reason: 'ok',
    });
    expect(r.member.sponsorCode).toBe('E');
    // E has no closed history itself and moving N under it is fine; after the close of
    // September N is frozen too.
    closePeriod(db, '2026-09');
    expect(
      (await fails(db, 'members:move', { code: 'N', sponsorCode: 'A', reason: 'x' })).code,
    ).toBe('PERIOD_CLOSED');
  });
});

describe('CLI', () => {
  it('member move --preview / move / hold / release / show; refusals exit 2', async () => {
    const path = `${db.path}`;
    addMembers(db, [
      { code: 'A' },
      { code: 'B', sponsor: 'A', placement: 'A', leg: 'L' },
      { code: 'E', sponsor: 'A', placement: 'A', leg: 'R' },
    ]);
    const pv = await cli(['--db', path, 'member', 'move', 'B', '--sponsor', 'E', '--preview']);
    expect(pv.code).toBe(0);
    expect(pv.out).toContain('sponsor: A → E; moves 1 members');
    const bad = await cli(['--db', path, 'member', 'move', 'B', '--placement', 'A', '--leg', 'R']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('slot R under A is taken by E');
    const noReason = await cli(['--db', path, 'member', 'move', 'B', '--sponsor', 'E']);
    expect(noReason.code).toBe(2);
    const mv = await cli([
      '--db',
      path,
      'member',
      'move',
      'B',
      '--sponsor',
      'E',
      '--reason',
      'fix',
    ]);
    expect(mv.code, mv.err).toBe(0);
    expect(mv.out).toContain('B moved: sponsor E');
    const hold = await cli(['--db', path, 'member', 'hold', 'B', '--reason', 'bank data missing']);
    expect(hold.code, hold.err).toBe(0);
    expect((await cli(['--db', path, 'member', 'hold', 'B', '--reason', 'again'])).code).toBe(2);
    const show = await cli(['--db', path, 'member', 'show', 'B']);
    expect(show.out).toContain('ON HOLD: bank data missing');
    expect(show.out).toContain('sponsor line: E → A');
    expect((await cli(['--db', path, 'member', 'release', 'B'])).code).toBe(0);
    expect((await cli(['--db', path, 'member', 'release', 'B'])).code).toBe(2);
    expect((await cli(['--db', path, 'member', 'hold', 'ZZ', '--reason', 'x'])).code).toBe(2);
  });
});
