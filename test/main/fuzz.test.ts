// Malformed payloads through dispatch for EVERY channel in CHANNELS (channels added later are
// covered automatically): ≥ 1,000 per channel family (`members:*`, `users:*`, …), each sent as a
// viewer and as an admin. None may be accepted, none may crash main (a throw or INTERNAL), and
// the database must be byte-for-byte unchanged afterwards.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/client';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { ChannelDef } from '../../src/shared/ipc/channel';
import { CHANNELS, contract } from '../../src/shared/ipc/contract';
import { SAMPLES, dbContentHash, seedTrustDb } from './fuzz.samples';

const MIN_PER_FAMILY = 1000;
/** Fixed by default so CI is repeatable; FUZZ_SEED=random (or a number) to explore. */
const SEED =
  process.env.FUZZ_SEED === 'random'
    ? Date.now() % 2 ** 31
    : Number(process.env.FUZZ_SEED ?? 20261126);

/** Valid write inputs used only as mutation templates (never dispatched unmutated). */
const TEMPLATES: Record<string, unknown> = {
  ...SAMPLES,
  'products:create': {
    sku: 'FZ-1',
    name: 'Fuzz',
    memberPrice: 10_000,
    retailPrice: 12_000,
    pv: 10,
    bv: 8_000,
  },
  'products:update': {
    id: 1,
    sku: 'FZ-1',
    name: 'Fuzz',
    memberPrice: 10_000,
    retailPrice: 12_000,
    pv: 10,
    bv: 8_000,
  },
  'orders:create': {
    member: 'D00001',
    date: '2026-10-05',
    lines: [{ sku: 'FZ-1', qty: 2, unitPrice: 10_000 }],
  },
  'returns:create': { orderNo: 'SO-1', date: '2026-10-06', lines: [{ sku: 'FZ-1', qty: 1 }] },
  'adjustments:add': { member: 'D00001', period: '2026-10', amount: 50_000, reason: 'fuzz' },
  'adjustments:remove': { id: 1, reason: 'fuzz' },
  'members:hold': { code: 'D00001', reason: 'fuzz' },
  'close:reopen': { period: '2026-10', reason: 'fuzz' },
  'payouts:mark': { period: '2026-10', status: 'paid', allPending: true },
  'users:create': {
    username: 'fuzzer',
    displayName: 'F',
    role: 'admin',
    password: 'fuzzer-password',
  },
  'users:setPassword': { username: 'boss', password: 'new-password-1' },
  'backup:create': { out: '/tmp/jenjang-fuzz-never-written.db' },
};

// ---------------------------------------------------------------------------------------------
// Hostile values

const HUGE = 'A'.repeat(1_000_000);
const HUGE_SQL = "'; DROP TABLE members; --".repeat(40_000);
const SQL = [
  "'",
  '"',
  "' OR '1'='1",
  '1; DROP TABLE members; --',
  "Robert'); DROP TABLE users;--",
  "x' UNION SELECT password_hash FROM users --",
  '%',
  '_',
  '\\',
  '\0',
  '*/ /*',
  '`id`',
  'NULL',
  '../../../../etc/passwd',
  '\u202e\u0000\ud800',
];
function deepObject(depth: number): unknown {
  let o: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) o = { a: o };
  return o;
}
function deepArray(depth: number): unknown {
  let o: unknown = [];
  for (let i = 0; i < depth; i++) o = [o];
  return o;
}
const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;
/** Own `__proto__` / `constructor` / `prototype` keys, as JSON.parse and structured clone make them. */
const POLLUTERS = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"prototype": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"__proto__": {"roles": ["viewer"], "isAdmin": true}}') as unknown,
  Object.create(null) as unknown,
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

const badScalar = fc.constantFrom<unknown>(
  null,
  undefined,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  0.5,
  -0.01,
  1.0000001,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 63),
  1e13 + 1,
  Number.MIN_VALUE,
  123n,
  -(2n ** 64n),
  true,
  false,
  '',
  ' ',
  '1000',
  '1e3',
  '0x10',
  HUGE,
  HUGE_SQL,
  ...SQL,
  new Date(Number.NaN),
  new Date(0),
  new Map([['a', 1]]),
  new Set([1]),
  new Uint8Array(16),
  /regex/,
  [],
  {},
  deepObject(2_000),
  deepArray(2_000),
  cyclic,
  ...POLLUTERS,
);

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: badScalar, weight: 6 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), weight: 1 },
  { arbitrary: fc.bigInt(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 80 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 1 },
  { arbitrary: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 6 }), weight: 1 },
  {
    arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 }), {
      maxKeys: 5,
    }),
    weight: 1,
  },
);

const keyArb = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 }));

/** Put `v` at `path` of a copy of `o`, as an own enumerable property (even for `__proto__`). */
function setAt(o: unknown, path: readonly string[], v: unknown): unknown {
  if (path.length === 0) return v;
  const base: Record<string, unknown> =
    o !== null && typeof o === 'object' && !Array.isArray(o) ? { ...(o as object) } : {};
  const [k, ...rest] = path as [string, ...string[]];
  Object.defineProperty(base, k, {
    value: setAt(base[k], rest, v),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return base;
}

/** Paths to every field of a template (objects only; arrays by their first element). */
function paths(o: unknown, prefix: string[] = []): string[][] {
  if (o === null || typeof o !== 'object') return [prefix];
  if (Array.isArray(o)) return o.length ? paths(o[0], [...prefix, '0']) : [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(o)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setPath(o: unknown, path: readonly string[], v: unknown): unknown {
  if (path.length === 0) return v;
  const [k, ...rest] = path as [string, ...string[]];
  if (Array.isArray(o)) {
    const copy = [...(o as unknown[])];
    copy[Number(k)] = setPath(copy[Number(k)], rest, v);
    return copy;
  }
  return setAt(o, [k], setPath((o as Record<string, unknown> | null)?.[k], rest, v));
}

function shapeKeys(def: ChannelDef): string[] {
  const shape = (def.input as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Malformed payloads for one channel: structure-aware mutations plus plain junk. */
function payloads(ch: string): fc.Arbitrary<unknown> {
  const def = contract[ch as keyof typeof contract] as ChannelDef;
  const template = TEMPLATES[ch] ?? Object.fromEntries(shapeKeys(def).map((k) => [k, 'x']));
  const fieldPaths = paths(template);
  const mutate = fc
    .array(
      fc.tuple(
        fieldPaths.length ? fc.constantFrom(...fieldPaths) : fc.constant<string[]>([]),
        badValue,
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((ms) => ms.reduce<unknown>((acc, [p, v]) => setPath(acc, p, v), template));
  const extraKey = fc.tuple(keyArb, badValue).map(([k, v]) => setAt(template, [k], v));
  return fc.oneof(
    { arbitrary: mutate, weight: 6 },
    { arbitrary: extraKey, weight: 2 },
    { arbitrary: badValue, weight: 2 },
    {
      arbitrary: fc.anything({
        maxDepth: 4,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withNullPrototype: true,
        withSparseArray: true,
      }),
      weight: 1,
    },
  );
}

// ---------------------------------------------------------------------------------------------

const FAMILIES = [...new Set(CHANNELS.map((c) => c.split(':')[0]!))];
const ACCEPTABLE = ['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT'];

let templateDir: string;
let templateDb: string;
beforeAll(async () => {
  templateDir = mkdtempSync(join(tmpdir(), 'jenjang-fuzz-'));
  templateDb = join(templateDir, 'seed.db');
  const db = openDb(templateDb);
  await seedTrustDb(db, 30);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.sqlite.close();
});
afterAll(() => rmSync(templateDir, { recursive: true, force: true }));

const protoSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe(`fuzzing dispatch (seed ${SEED})`, () => {
  it('covers every channel family', () => {
    expect(FAMILIES.length).toBeGreaterThanOrEqual(10);
    expect(FAMILIES).toEqual(
      expect.arrayContaining(['auth', 'users', 'audit', 'backup', 'members']),
    );
  });

  for (const family of FAMILIES) {
    it(`${family}:* — ≥${MIN_PER_FAMILY} malformed payloads refused as viewer and admin; db unchanged`, async () => {
      const channels = CHANNELS.filter((c) => c.startsWith(`${family}:`));
      const dir = mkdtempSync(join(tmpdir(), `jenjang-fuzz-${family}-`));
      copyFileSync(templateDb, join(dir, 'fuzz.db'));
      const db: Db = openDb(join(dir, 'fuzz.db'));
      const proto = protoSnapshot();
      try {
        const before = dbContentHash(db);
        let sent = 0;
        let validSent = 0;
        // A margin for generated payloads that happen to be valid (skipped: not malformed).
        const runs = Math.ceil((MIN_PER_FAMILY * 1.6) / channels.length);
        for (const ch of channels) {
          const def = contract[ch] as ChannelDef;
          await fc.assert(
            fc.asyncProperty(payloads(ch), async (input) => {
              if (def.input.safeParse(input ?? {}).success) {
                // Valid by the schema (odd but well-formed): a viewer may call the read
                // channels with it — handlers must answer with a value, not crash.
                if (!def.public && def.roles.includes('viewer')) {
                  const r = await dispatch(ch, input, {
                    db,
                    user: { username: 'fuzz', role: 'viewer' },
                  });
                  if (!r.ok && r.error.code === 'INTERNAL')
                    throw new Error(`${ch} (valid input) as viewer: INTERNAL ${r.error.message}`);
                  validSent++;
                }
                return;
              }
              sent++;
              for (const role of ['viewer', 'admin'] as const) {
                let r: Awaited<ReturnType<typeof dispatch>>;
                try {
                  r = await dispatch(ch, input, { db, user: { username: 'fuzz', role } });
                } catch (e) {
                  throw new Error(`${ch} as ${role}: dispatch threw ${String(e)}`);
                }
                if (r.ok) throw new Error(`${ch} as ${role}: accepted a malformed payload`);
                if (!ACCEPTABLE.includes(r.error.code))
                  throw new Error(`${ch} as ${role}: ${r.error.code} ${r.error.message}`);
                if (!def.roles.includes(role) && r.error.code !== 'FORBIDDEN')
                  throw new Error(`${ch} as ${role}: ${r.error.code} instead of FORBIDDEN`);
              }
              if (
                ({} as Record<string, unknown>).polluted !== undefined ||
                protoSnapshot() !== proto
              )
                throw new Error(`${ch}: Object.prototype was polluted`);
            }),
            { numRuns: runs, seed: SEED, endOnFailure: true },
          );
        }
        if (process.env.FUZZ_VERBOSE) console.log(family, { sent, validSent });
        expect(sent, `${family}: malformed payloads dispatched`).toBeGreaterThanOrEqual(
          MIN_PER_FAMILY,
        );
        // Main still works, and nothing was written.
        expect(db.sqlite.open).toBe(true);
        expect(
          (await dispatch('system:info', {}, { db, user: { username: 'fuzz', role: 'admin' } })).ok,
        ).toBe(true);
        expect(dbContentHash(db)).toBe(before);
      } finally {
        db.sqlite.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
