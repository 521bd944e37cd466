import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { ChannelDef } from '../../src/shared/ipc/channel';
import { CHANNELS, contract } from '../../src/shared/ipc/contract';
import { ROLE_TABLE, can, channelsFor } from '../../src/shared/ipc/access';
import { ROLES } from '../../src/shared/roles';
import { ctxFor, tempDb } from '../helpers/db';
import { SAMPLES, dbContentHash, seedTrustDb } from './fuzz.samples';

const def = (ch: string) => contract[ch as keyof typeof contract] as ChannelDef;

let db: ReturnType<typeof tempDb>;
beforeAll(async () => {
  db = tempDb();
  await seedTrustDb(db, 20);
});
afterAll(() => db.cleanup());

describe('role table: every channel × every role', () => {
  it('dispatch checks the role before it parses the input (the gate needs no valid input)', () => {
    const src = readFileSync('src/main/ipc/dispatch.ts', 'utf8');
    const gate = src.indexOf('def.roles.includes(');
    const parse = src.indexOf('def.input.safeParse(');
    expect(gate).toBeGreaterThan(0);
    expect(parse).toBeGreaterThan(gate);
  });

  it('FORBIDDEN exactly when the role is not in the channel list (any input)', async () => {
    let checked = 0;
    for (const ch of CHANNELS) {
      for (const role of ROLES) {
        // 42 is valid input for no channel: allowed roles get VALIDATION, never the handler.
        const r = await dispatch(ch, 42, ctxFor(db, role));
        expect(r.ok, `${ch} as ${role}`).toBe(false);
        if (r.ok) continue;
        const allowed = def(ch).roles.includes(role);
        expect(r.error.code, `${ch} as ${role}`).toBe(allowed ? 'VALIDATION' : 'FORBIDDEN');
        checked++;
      }
    }
    expect(checked).toBe(CHANNELS.length * ROLES.length);
  });

  it('with valid sample inputs: refused roles change nothing; allowed roles reach the handler', async () => {
    const sampled = CHANNELS.filter((ch) => ch in SAMPLES);
    expect(sampled.length).toBeGreaterThanOrEqual(15);
    for (const ch of sampled) {
      const input = SAMPLES[ch];
      expect(def(ch).input.safeParse(input).success, `sample of ${ch} is valid`).toBe(true);
      // Least privileged first, so the admin's writes come last.
      for (const role of [...ROLES].reverse()) {
        const before = dbContentHash(db);
        const r = await dispatch(ch, input, ctxFor(db, role));
        if (def(ch).roles.includes(role)) {
          if (!r.ok)
            expect(r.error.code, `${ch} as ${role}: ${r.error.message}`).not.toBe('FORBIDDEN');
        } else {
          expect(r, `${ch} as ${role}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
          expect(dbContentHash(db), `${ch} as ${role} wrote nothing`).toBe(before);
        }
      }
    }
  });

  it('without a session only public channels answer', async () => {
    for (const ch of CHANNELS) {
      const r = await dispatch(ch, SAMPLES[ch] ?? 42, { db, user: null });
      if (def(ch).public) {
        if (!r.ok) expect(r.error.code, ch).not.toBe('FORBIDDEN');
      } else {
        expect(r, ch).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    expect(CHANNELS.filter((ch) => def(ch).public).sort()).toEqual([
      'auth:login',
      'auth:logout',
      'auth:setup',
      'auth:status',
    ]);
  });

  it('an unknown role string is refused everywhere', async () => {
    for (const ch of CHANNELS) {
      const r = await dispatch(
        ch,
        {},
        {
          db,
          user: { username: 'x', role: 'superuser' as never },
        },
      );
      expect(r, ch).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('every channel names known roles, and the admin may call everything', () => {
    for (const ch of CHANNELS) {
      expect(def(ch).roles.length, ch).toBeGreaterThan(0);
      for (const r of def(ch).roles) expect(ROLES, ch).toContain(r);
      expect(def(ch).roles, ch).toContain('admin');
    }
  });

  it('the renderer’s can(role, channel) is the same table', () => {
    for (const ch of CHANNELS) {
      expect(ROLE_TABLE[ch]).toBe(def(ch).roles);
      for (const role of ROLES) expect(can(role, ch)).toBe(def(ch).roles.includes(role));
      expect(can(null, ch)).toBe(def(ch).public === true);
    }
    expect(can('admin', 'no:such')).toBe(false);
    expect(can('admin', '__proto__')).toBe(false);
    expect(channelsFor('viewer')).not.toContain('users:create');
    expect(channelsFor('admin')).toEqual(CHANNELS);
  });

  it('administration is admin-only; the audit log is for admins and accountants', () => {
    for (const ch of CHANNELS.filter((c) => /^(users|backup):/.test(c) || c === 'system:demo')) {
      expect(def(ch).roles, ch).toEqual(['admin']);
    }
    for (const ch of CHANNELS.filter((c) => c.startsWith('audit:'))) {
      expect([...def(ch).roles].sort(), ch).toEqual(['accountant', 'admin']);
    }
  });
});
