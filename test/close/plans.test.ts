import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/client';
import { planHash } from '../../src/main/engine/hash';
import { DEFAULT_PLAN } from '../../src/shared/plan';
import { company } from './helpers';

const PLAN = {
  format: 'jenjang-plan/1',
  name: 'Rencana A',
  activePv: 100,
  ranks: [{ code: 'MEMBER' }],
  bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [500, 300] }],
  payout: { minimum: 50000 },
  tax: { profile: 'none' },
};

describe('plan versions (CLI)', () => {
  it('a database without a plan cannot close', async () => {
    const c = company();
    for (const args of [
      ['close', 'preview', '--period', '2026-01'],
      ['close', 'commit', '--period', '2026-01'],
    ]) {
      const r = await c.run(...args);
      expect(r.code).toBe(2);
      expect(r.err).toContain('no plan: run `jenjang plan set FILE`');
    }
    expect((await c.run('plan', 'show')).code).toBe(2);
  });

  it('set validates (errors name JSON paths, exit 2) and stores numbered immutable versions', async () => {
    const c = company();
    const bad = {
      ...PLAN,
      surprise: true,
      bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [500, -1] }],
    };
    const r = await c.run('plan', 'set', c.file('bad.json', JSON.stringify(bad)));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/surprise: unknown field/);
    expect(r.err).toMatch(/bonuses\[0\]\.levels\[1\]: must be ≥ 0/);
    const notJson = await c.run('plan', 'set', c.file('x.json', '{ nope'));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(/x\.json: not valid JSON/);
    expect((await c.run('plan', 'validate', c.file('bad2.json', JSON.stringify(bad)))).code).toBe(
      2,
    );

    expect((await c.ok('plan', 'set', c.file('a.json', JSON.stringify(PLAN)))).trim()).toBe('1');
    const v2 = { ...PLAN, name: 'Rencana B', payout: { minimum: 0 } };
    expect((await c.ok('plan', 'set', c.file('b.json', JSON.stringify(v2)))).trim()).toBe('2');
    expect(JSON.parse(await c.ok('plan', 'show', '--version', '1'))).toEqual(PLAN);
    expect(JSON.parse(await c.ok('plan', 'show'))).toEqual(v2);
    const info = JSON.parse(await c.ok('plan', 'show', '--version', '2', '--json')) as {
      version: number;
      planHash: string;
    };
    expect(info).toMatchObject({ version: 2, planHash: planHash(v2 as never) });
    expect((await c.run('plan', 'show', '--version', '9')).code).toBe(2);

    const db = openDb(c.db);
    expect(() =>
      db.sqlite.prepare(`UPDATE plan_versions SET plan_json = '{}' WHERE version = 1`).run(),
    ).toThrow(/immutable/);
    db.sqlite.close();
  });

  it('demo data comes with the default plan as version 1', async () => {
    const c = company();
    await c.ok('demo', '--members', '50', '--months', '1');
    const list = JSON.parse(await c.ok('plan', 'list', '--json')) as {
      version: number;
      name: string;
      planHash: string;
    }[];
    expect(list).toEqual([
      expect.objectContaining({
        version: 1,
        name: DEFAULT_PLAN.name,
        planHash: planHash(DEFAULT_PLAN),
      }),
    ]);
  });
});
