import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/client';
import type { WhatIfResultDto } from '../../src/shared/ipc/whatif.contract';
import type { Role } from '../../src/shared/roles';
import { ctxFor } from '../helpers/db';
import { waitJob } from '../helpers/jobs';
import { company, dbContentHash, dispatch, must } from './helpers';
import { contractTotals, type RunTotalsExt } from '../../src/shared/ipc/close.contract';

/**
 * The what-if on demo data, driven like the app: jobs started and polled through dispatch, the
 * work in a worker thread on a read-only connection. The first demo period is committed with
 * the CLI's `close commit`.
 */

let c: ReturnType<typeof company>;
let db: Db;
let first: string;
let second: string;
let committed: { runHash: string; totals: RunTotalsExt };
let plan: unknown;

const as = (role: Role = 'accountant', username = 'ana') => ctxFor(db, role, username);

beforeAll(async () => {
  c = company();
  await c.ok('demo', '--members', '300', '--months', '2', '--seed', '5');
  const periods = JSON.parse(await c.ok('period', 'list', '--json')) as { period: string }[];
  [first, second] = periods.map((p) => p.period) as [string, string];
  await c.ok('close', 'commit', '--period', first);
  db = openDb(c.db);
  const row = db.sqlite
    .prepare(`SELECT run_hash, totals_json FROM runs WHERE period = ? AND status = 'committed'`)
    .get(first) as { run_hash: string; totals_json: string };
  committed = {
    runHash: row.run_hash,
    totals: JSON.parse(row.totals_json) as RunTotalsExt,
  };
  plan = (await must(dispatch('plans:show', {}, as()))).plan;
}, 180_000);

afterAll(() => db?.sqlite.close());

describe('what-if on demo data (jobs, worker, read-only)', () => {
  it('the same plan reproduces the committed totals exactly, and nothing is written', async () => {
    const before = dbContentHash(c.db);
    const { jobId } = await must(
      dispatch('jobs:start', { channel: 'whatif:run', input: { periods: [first], plan } }, as()),
    );
    const { job, seen } = await waitJob(as(), jobId);
    expect(job.status).toBe('done');
    const r = job.result as WhatIfResultDto;
    const p = r.perPeriod[0]!;
    expect(p).toMatchObject({
      period: first,
      reproduced: true,
      committedRunHash: committed.runHash,
      candidateRunHash: committed.runHash,
    });
    const t = committed.totals;
    for (const side of [p.baseline, p.candidate, r.totals.baseline, r.totals.candidate]) {
      expect(side).toMatchObject({
        ...contractTotals(t),
        gross: t.gross,
        paid: t.paid,
        active: t.active,
      });
    }
    expect(r.byBonus.every((b) => b.baseline === b.candidate)).toBe(true);
    expect(r.byBonus.reduce((s, b) => s + b.candidate, 0)).toBe(t.bonuses);
    expect(r.members.bonuses).toMatchObject({
      gainers: 0,
      losers: 0,
      topGainers: [],
      topLosers: [],
    });
    expect(r.members.bonuses.compared).toBeGreaterThan(0);
    // Progress: one 0…1000 scale that only moves forward, with the stage names of the UI.
    const progress = seen.flatMap((j) => (j.progress ? [j.progress] : []));
    for (const q of progress) expect(q.total).toBe(1000);
    expect(progress.map((q) => q.done)).toEqual(
      [...progress.map((q) => q.done)].sort((a, b) => a - b),
    );
    for (const q of progress) {
      expect(['snapshot', 'inputs', 'baseline', 'candidate', 'compare', 'summary']).toContain(
        q.stage,
      );
    }
    expect(dbContentHash(c.db)).toBe(before);
  }, 120_000);

  it('a changed rate moves only that bonus; the export is a workbook; nothing is written', async () => {
    const before = dbContentHash(c.db);
    const p = structuredClone(plan) as { bonuses: { id: string; levels?: number[] }[] };
    const uni = p.bonuses.find((b) => b.id === 'unilevel')!;
    uni.levels![0] = (uni.levels![0] ?? 0) + 200;
    const r = await must(dispatch('whatif:run', { periods: [first], plan: p, top: 5 }, as()));
    const unilevel = r.byBonus.find((b) => b.id === 'unilevel')!;
    expect(unilevel.candidate).toBeGreaterThan(unilevel.baseline);
    for (const b of r.byBonus.filter((x) => x.id !== 'unilevel' && x.id !== 'matching')) {
      expect(b.candidate).toBe(b.baseline);
    }
    expect(r.totals.candidate.bonuses - r.totals.baseline.bonuses).toBe(
      r.byBonus.reduce((s, b) => s + b.candidate - b.baseline, 0),
    );
    // Σ member differences = difference of the totals; the histogram counts every mover.
    const m = r.members.bonuses;
    expect(m.totalGain + m.totalLoss).toBe(r.totals.candidate.bonuses - r.totals.baseline.bonuses);
    expect(m.histogram.buckets.reduce((s, b) => s + b.count, 0)).toBe(m.gainers + m.losers);
    expect(m.topGainers.length).toBe(Math.min(5, m.gainers));
    for (const row of m.topGainers) expect(row.diff).toBe(row.candidate - row.baseline);
    const diffs = m.topGainers.map((x) => x.diff);
    expect(diffs).toEqual([...diffs].sort((a, b) => b - a));

    const file = await must(
      dispatch('whatif:export', { periods: [first], plan: p, lang: 'id' }, as()),
    );
    expect(file.fileName).toBe(`whatif-${first}.xlsx`);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Per bonus',
      'Per peringkat',
      'Anggota',
      'Perubahan rencana',
    ]);
    const changes = wb.getWorksheet('Perubahan rencana')!;
    expect((changes.getRow(2).values as unknown[]).slice(1, 6)).toEqual([
      'diubah',
      'bonus',
      'unilevel',
      'levels[0]',
      expect.stringMatching(/^bonuses\[\d\]\.levels\[0\]$/),
    ]);
    expect(dbContentHash(c.db)).toBe(before);
  }, 120_000);

  it('a running simulation can be cancelled; roles are enforced', async () => {
    const before = dbContentHash(c.db);
    const { jobId } = await must(
      dispatch('jobs:start', { channel: 'whatif:run', input: { periods: [first], plan } }, as()),
    );
    const cancelled = await must(dispatch('jobs:cancel', { id: jobId }, as()));
    expect(cancelled.status).toBe('cancelled');
    expect((await waitJob(as(), jobId)).job.status).toBe('cancelled');

    // Staff do not see member payout figures; managers (viewer) may simulate.
    expect(
      await dispatch('whatif:run', { periods: [first], plan }, as('staff', 'sam')),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      (await dispatch('whatif:run', { periods: [first], plan }, as('viewer', 'vera'))).ok,
    ).toBe(true);
    // The second period is open: refused before any work starts.
    expect(await dispatch('whatif:run', { periods: [first, second], plan }, as())).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await dispatch('whatif:run', { periods: [first] }, as())).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(dbContentHash(c.db)).toBe(before);
  }, 120_000);
});
