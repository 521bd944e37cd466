import { describe, expect, it } from 'vitest';
import { company } from '../close/helpers';
import { DEFAULT_BONUS_IDS, MEMBER_JSON_KEYS } from '../helpers/run-json';

/** The CLI contract of the close (interfaces.md): JSON shape, key order, exit codes. */

describe('jenjang close … --json', () => {
  it('prints one object in the documented shape, members sorted by code', async () => {
    const c = company();
    await c.ok('demo', '--members', '120', '--months', '1', '--seed', '4');
    const [period] = JSON.parse(await c.ok('period', 'list', '--json')) as { period: string }[];

    const preview = await c.run('close', 'preview', '--period', period!.period, '--json');
    expect(preview.code).toBe(0);
    const p = JSON.parse(preview.out) as Record<string, unknown> & {
      totals: Record<string, number>;
      members: Record<string, unknown>[];
    };
    expect(preview.out.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(p)).toEqual(['period', 'planVersion', 'runHash', 'totals', 'members']);
    expect(Object.keys(p.totals)).toEqual([
      'bv',
      'bonuses',
      'payoutRatioBp',
      'tax',
      'net',
      'carryOut',
    ]);
    expect(p.runHash).toMatch(/^[0-9a-f]{64}$/);
    expect(p.members).toHaveLength(120);
    const codes = p.members.map((m) => m.code as string);
    expect(codes).toEqual([...codes].sort());
    // The default (demo) plan has a binary bonus: binaryCarry on everyone, 0/0 for customers.
    for (const m of p.members) {
      expect(Object.keys(m)).toEqual([...MEMBER_JSON_KEYS, 'binaryCarry']);
      expect(Object.keys(m.bonuses as object)).toEqual([...DEFAULT_BONUS_IDS]);
      if (m.kind === 'customer') {
        expect(m).toMatchObject({ rank: null, active: false, pv: 0, gv: 0, bv: 0 });
        expect(m.binaryCarry).toEqual({ left: 0, right: 0 });
      }
    }

    const commit = await c.run('close', 'commit', '--period', period!.period, '--json');
    expect(commit.code).toBe(0);
    // Same data, same plan: the committed run is the previewed one, byte for byte.
    expect(commit.out).toBe(preview.out);
    const listed = JSON.parse(await c.ok('period', 'list', '--json')) as unknown[];
    expect(listed[0]).toEqual({ period: period!.period, status: 'closed', runHash: p.runHash });
  });

  it('has no binaryCarry without a binary bonus', async () => {
    const c = company();
    const plan = {
      format: 'jenjang-plan/1',
      name: 'Tanpa binary',
      activePv: 0,
      ranks: [{ code: 'MEMBER' }],
      bonuses: [{ id: 'unilevel', type: 'unilevel', levels: [1000] }],
      payout: {},
      tax: { profile: 'none' },
    };
    await c.ok('plan', 'set', c.file('plan.json', JSON.stringify(plan)));
    await c.importCsv(
      'members',
      'm.csv',
      'code,name,kind,sponsor,join_date\nA,Ani,distributor,,2026-01-01\n',
    );
    const r = await c.json('close', 'preview', '--period', '2026-01');
    expect(Object.keys(r.members[0]!)).toEqual(MEMBER_JSON_KEYS);
  });

  it('refuses with exit 2 and a message; nothing is written', async () => {
    const c = company();
    await c.ok('demo', '--members', '50', '--months', '2', '--seed', '4');
    const [first, second] = JSON.parse(await c.ok('period', 'list', '--json')) as {
      period: string;
    }[];
    for (const args of [
      ['close', 'preview', '--period', '2026-13'],
      ['close', 'commit', '--period', 'oct'],
      ['close', 'commit', '--period', second!.period],
      ['close', 'reopen', '--period', first!.period, '--reason', 'not closed'],
      ['close', 'reopen', '--period', first!.period],
      ['explain', '--period', first!.period, '--member', 'NOBODY'],
      ['adjust', '--member', 'NOBODY', '--period', first!.period, '--amount', '5', '--reason', 'x'],
      [
        'adjust',
        '--member',
        'D0000001',
        '--period',
        first!.period,
        '--amount',
        '0',
        '--reason',
        'x',
      ],
      [
        'adjust',
        '--member',
        'D0000001',
        '--period',
        first!.period,
        '--amount',
        '1.5',
        '--reason',
        'x',
      ],
    ]) {
      const r = await c.run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/\S/);
    }
    expect(JSON.parse(await c.ok('adjustments', '--period', first!.period, '--json'))).toEqual([]);
    const list = JSON.parse(await c.ok('period', 'list', '--json')) as { status: string }[];
    expect(list.map((p) => p.status)).toEqual(['open', 'open']);

    // A negative adjustment is a plain signed amount.
    const adj = await c.run(
      'adjust',
      '--member',
      'D0000001',
      '--period',
      first!.period,
      '--amount',
      '-2500',
      '--reason',
      'koreksi',
    );
    expect(adj.code).toBe(0);
    expect(adj.out).toMatch(/D0000001 .* -2500/);
  });
});
