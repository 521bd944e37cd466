import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/client';
import { DEFAULT_PLAN } from '../../src/shared/plan';
import type { Role } from '../../src/shared/roles';
import { ctxFor, tempDb } from '../helpers/db';
import { company, dispatch, must } from './helpers';

/** Candidate plans saved as drafts, then adopted as the next plan version (dispatch + CLI). */

const dbs: ReturnType<typeof tempDb>[] = [];
afterEach(() => {
  for (const d of dbs.splice(0)) d.cleanup();
});

const as = (db: Db, role: Role = 'accountant', username = 'ana') => ctxFor(db, role, username);

function freshDb() {
  const db = tempDb();
  dbs.push(db);
  return db;
}

describe('plan drafts', () => {
  it('saves work in progress, validates it, adopts it as the next version with an effective period', async () => {
    const db = freshDb();
    await must(dispatch('plans:set', { plan: DEFAULT_PLAN }, as(db)));
    // Closed period 2026-09 (a committed run is not needed for the rule: the periods row is).
    db.sqlite.prepare(`INSERT INTO periods (period, status) VALUES ('2026-09', 'closed')`).run();

    const wip = await must(
      dispatch('planDrafts:save', { text: '{ "format": ', name: 'Coba' }, as(db)),
    );
    expect(wip).toMatchObject({
      id: 1,
      name: 'Coba',
      valid: false,
      planHash: null,
      baseVersion: 1,
    });
    expect(wip.errors[0]).toMatch(/^\(plan\): not valid JSON/);

    const bad = {
      ...DEFAULT_PLAN,
      bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [500, -1] }],
    };
    const invalid = await must(
      dispatch('planDrafts:save', { id: wip.id, text: JSON.stringify(bad) }, as(db)),
    );
    expect(invalid).toMatchObject({ id: 1, name: 'Coba', valid: false });
    expect(invalid.errors).toContain('bonuses[0].levels[1]: must be ≥ 0');
    expect(await dispatch('planDrafts:adopt', { id: 1 }, as(db))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });

    const candidate = structuredClone(DEFAULT_PLAN);
    candidate.name = 'Rencana 2027';
    const good = await must(
      dispatch(
        'planDrafts:save',
        { id: 1, name: 'Rencana 2027', text: JSON.stringify(candidate, null, 2) },
        as(db, 'accountant', 'budi'),
      ),
    );
    expect(good).toMatchObject({ valid: true, errors: [], updatedBy: 'budi', createdBy: 'ana' });
    expect(good.planHash).toMatch(/^[0-9a-f]{64}$/);
    // Text is kept exactly as typed (indentation included).
    expect((await must(dispatch('planDrafts:get', { id: 1 }, as(db)))).text).toBe(
      JSON.stringify(candidate, null, 2),
    );

    // Not in a closed period; drafts never take version numbers.
    expect(
      await dispatch('planDrafts:adopt', { id: 1, effectivePeriod: '2026-09' }, as(db)),
    ).toMatchObject({ ok: false, error: { code: 'PERIOD_CLOSED' } });
    const adopted = await must(
      dispatch('planDrafts:adopt', { id: 1, effectivePeriod: '2026-11' }, as(db)),
    );
    expect(adopted.version).toMatchObject({
      version: 2,
      name: 'Rencana 2027',
      status: 'adopted',
      effectivePeriod: '2026-11',
      planHash: good.planHash,
    });
    expect(adopted.draft).toMatchObject({ id: 1, adoptedVersion: 2 });
    expect((await must(dispatch('plans:list', {}, as(db)))).map((v) => v.version)).toEqual([1, 2]);
    expect((await must(dispatch('plans:current', { period: '2026-10' }, as(db))))?.version).toBe(1);
    expect((await must(dispatch('plans:current', { period: '2026-11' }, as(db))))?.version).toBe(2);

    // An adopted draft is the record of what was adopted: frozen.
    expect(
      await dispatch('planDrafts:save', { id: 1, text: JSON.stringify(DEFAULT_PLAN) }, as(db)),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await dispatch('planDrafts:delete', { id: 1 }, as(db))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await dispatch('planDrafts:adopt', { id: 1 }, as(db))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(() =>
      db.sqlite.prepare(`UPDATE plan_drafts SET plan_text = '{}' WHERE id = 1`).run(),
    ).toThrow(/adopted draft/);

    // A second draft, deleted.
    const other = await must(
      dispatch('planDrafts:save', { text: JSON.stringify(DEFAULT_PLAN) }, as(db)),
    );
    expect(other).toMatchObject({ id: 2, name: DEFAULT_PLAN.name, baseVersion: 2, valid: true });
    expect((await must(dispatch('planDrafts:list', {}, as(db)))).map((d) => d.id)).toEqual([2, 1]);
    await must(dispatch('planDrafts:delete', { id: 2 }, as(db)));
    expect(await dispatch('planDrafts:get', { id: 2 }, as(db))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    const audit = db.sqlite
      .prepare(
        `SELECT action, actor, entity_id FROM audit_log WHERE entity IN ('plan_draft', 'plan_version') ORDER BY id`,
      )
      .all();
    expect(audit).toEqual([
      { action: 'plan.set', actor: 'ana', entity_id: '1' },
      { action: 'plan_draft.create', actor: 'ana', entity_id: '1' },
      { action: 'plan_draft.update', actor: 'ana', entity_id: '1' },
      { action: 'plan_draft.update', actor: 'budi', entity_id: '1' },
      { action: 'plan.adopt_draft', actor: 'ana', entity_id: '2' },
      { action: 'plan_draft.create', actor: 'ana', entity_id: '2' },
      { action: 'plan_draft.delete', actor: 'ana', entity_id: '2' },
    ]);
  });

  it('only finance writes drafts; everyone reads them', async () => {
    const db = freshDb();
    await must(dispatch('planDrafts:save', { text: JSON.stringify(DEFAULT_PLAN) }, as(db)));
    for (const role of ['staff', 'viewer'] as const) {
      expect(await dispatch('planDrafts:save', { text: '{}' }, as(db, role, role))).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await dispatch('planDrafts:adopt', { id: 1 }, as(db, role, role))).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect((await dispatch('planDrafts:list', {}, as(db, role, role))).ok).toBe(true);
    }
  });

  it('CLI: draft save / list / adopt, and a what-if from a draft', async () => {
    const c = company();
    await c.ok('demo', '--members', '60', '--months', '1', '--seed', '2');
    const period = (JSON.parse(await c.ok('period', 'list', '--json')) as { period: string }[])[0]!
      .period;
    await c.ok('close', 'commit', '--period', period);
    const plan = structuredClone(DEFAULT_PLAN);
    plan.name = 'Tanpa pencocokan';
    plan.bonuses = plan.bonuses.filter((b) => b.type !== 'matching');
    const id = (await c.ok('draft', 'save', c.file('d.json', JSON.stringify(plan)))).trim();
    expect(id).toBe('1');
    expect(await c.ok('draft', 'list')).toMatch(/^\s+1 {2}valid\s+\S+ {2}Tanpa pencocokan\n$/);
    const r = JSON.parse(await c.ok('whatif', '--period', period, '--draft', id, '--json')) as {
      candidate: { name: string };
      byBonus: { id: string; inCandidate: boolean; candidate: number }[];
      planChanges: { kind: string; key: string }[];
    };
    expect(r.candidate.name).toBe('Tanpa pencocokan');
    expect(r.byBonus.find((b) => b.id === 'matching')).toMatchObject({
      inCandidate: false,
      candidate: 0,
    });
    expect(r.planChanges).toContainEqual(
      expect.objectContaining({ kind: 'removed', key: 'matching' }),
    );
    const refused = await c.run('draft', 'adopt', id, '--effective', period);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/not after the last closed period/);
    expect((await c.ok('draft', 'adopt', id)).trim()).toBe('2');
    expect((await c.run('draft', 'delete', id)).code).toBe(2);
    const bad = await c.run('draft', 'save', c.file('bad.json', '{"format":"jenjang-plan/1"}'));
    expect(bad.code).toBe(0);
    expect(bad.err).toMatch(/not a valid plan yet:\n {2}name: is required/);
  }, 120_000);
});
