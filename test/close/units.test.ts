import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaledProgress } from '../../src/main/close/compute';
import { packFigures, unpackFigures } from '../../src/main/close/preview-store';
import { JobRegistry } from '../../src/main/jobs/registry';

describe('preview figures blob', () => {
  it('round-trips any figures exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
            rank: fc.integer({ min: -1, max: 20 }),
            bonusTotal: fc.integer({ min: 0, max: 1e12 }),
            gross: fc.integer({ min: -1e12, max: 1e12 }),
            net: fc.integer({ min: 0, max: 1e12 }),
          }),
          { maxLength: 50 },
        ),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }),
        (rows, rankCodes) => {
          const f = {
            count: rows.length,
            rankCodes,
            memberId: Int32Array.from(rows, (r) => r.id),
            rank: Int32Array.from(rows, (r) => r.rank),
            bonusTotal: Float64Array.from(rows, (r) => r.bonusTotal),
            gross: Float64Array.from(rows, (r) => r.gross),
            net: Float64Array.from(rows, (r) => r.net),
          };
          // A Buffer from SQLite need not be aligned: read it at an odd offset.
          const packed = packFigures(f);
          const shifted = Buffer.alloc(packed.length + 3);
          packed.copy(shifted, 3);
          expect(unpackFigures(shifted.subarray(3))).toEqual(f);
        },
      ),
    );
  });
});

describe('scaledProgress', () => {
  it('maps stages onto one rising 0…1000 scale', () => {
    const seen: [string, number][] = [];
    const p = scaledProgress((s, d, t) => seen.push([s, (d * 1000) / t]), { a: 1, b: 3 });
    p('a', 0, 1);
    p('a', 1, 1);
    p('b', 1, 3);
    p('b', 3, 3);
    p('unknown', 1, 1);
    expect(seen).toEqual([
      ['a', 0],
      ['a', 250],
      ['b', 500],
      ['b', 1000],
    ]);
  });
});

describe('JobRegistry', () => {
  it('keeps a job to its owner, reports progress, result and cancellation', async () => {
    const jobs = new JobRegistry();
    const alice = { username: 'alice', role: 'accountant' };
    let finish: (v: number) => void = () => {};
    const job = jobs.start('alice', 'close:preview', ({ onProgress }) => {
      onProgress({ stage: 'compute', done: 10, total: 1000 });
      return new Promise((r) => (finish = (v) => r({ ok: true, data: v })));
    });
    expect(jobs.get(job.id, alice)).toMatchObject({
      status: 'running',
      progress: { stage: 'compute', done: 10, total: 1000 },
    });
    expect(jobs.get(job.id, { username: 'bob', role: 'accountant' })).toBeUndefined();
    expect(jobs.get(job.id, { username: 'root', role: 'admin' })).toBeDefined();
    finish(42);
    await new Promise((r) => setTimeout(r, 0));
    expect(jobs.get(job.id, alice)).toMatchObject({ status: 'done', result: 42 });

    let signal: AbortSignal | undefined;
    const slow = jobs.start('alice', 'close:preview', (ctx) => {
      signal = ctx.signal;
      return new Promise(() => {});
    });
    expect(jobs.cancel(slow.id, alice)).toMatchObject({ status: 'cancelled' });
    expect(signal?.aborted).toBe(true);
  });
});
