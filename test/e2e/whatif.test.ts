import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPeriod } from '../../src/shared/period';
import type { Plan } from '../../src/shared/plan';
import type { WhatIfResultDto } from '../../src/shared/ipc/whatif.contract';
import { dbContentHash } from '../whatif/helpers';
import { eventually, gridCell, screenTitle, SCREENS_DIR, shot, type App } from './harness';
import { commitAllPeriods, serverCall, useSharedBridge } from './steps';

/**
 * The plan screen (Rencana Bonus) and the what-if simulator in the browser against a real
 * database: read the plan in force, edit a candidate (errors name JSON paths), save it as a
 * draft, simulate it on the two committed periods with a visible progress bar, compare, export,
 * cancel, and adopt it as version 2.
 */

let committed: string[];
let plan: Plan;
// Large enough that a simulation of two periods takes a moment (the bar is seen moving).
const spec = useSharedBridge({ seedDemo: { members: 10_000, months: 2, seed: 4 } }, async (b) => {
  committed = await commitAllPeriods(b);
  plan = (await serverCall(b, 'plans:show', {})).plan as Plan;
});

/** `2026-10` → `Oktober 2026`, as the screen shows a period. */
function monthLabel(period: string): string {
  return new Intl.DateTimeFormat('id-ID', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${period}-01T00:00:00Z`));
}

/** Leave the editor (typing scrolled the page) and go back to the top for a screenshot. */
async function toTop(a: App): Promise<void> {
  await a.page.getByTestId('plan-editor').blur();
  await a.page.evaluate('window.scrollTo(0, 0)');
  await a.settle();
}

/** The demo plan with unilevel level 1 at 700 bp instead of 500. */
function candidate(): Plan {
  const c = structuredClone(plan);
  c.name = 'Unilevel L1 7%';
  const uni = c.bonuses.find((b) => b.type === 'unilevel');
  if (uni?.type !== 'unilevel') throw new Error('demo plan without unilevel');
  uni.levels[0] = 700;
  return c;
}

describe('plan screen and what-if', () => {
  it('shows the plan in force as tables', async () => {
    const app = await spec.open('plan');
    const { page } = app;
    await eventually(() => screenTitle(page).textContent()).toBe('Rencana Bonus');
    await page.getByTestId('plan-view').waitFor();
    expect(await page.getByTestId('plan-name').textContent()).toBe(plan.name);
    expect(await page.getByTestId('plan-version').textContent()).toBe('versi 1');
    expect(await page.getByTestId('plan-payout-minimum').textContent()).toBe('Rp 50.000');
    for (const r of plan.ranks) await page.getByTestId(`rank-row-${r.code}`).waitFor();
    expect(await page.getByTestId('rank-row-SILVER').textContent()).toContain(
      '2 kaki dengan BRONZE',
    );
    expect(await page.getByTestId('level-unilevel-1').textContent()).toBe('L1 · 5,00 %');
    expect(await page.getByTestId('bonus-row-binary').textContent()).toContain(
      'batas Rp 5.000.000',
    );
    expect(await page.getByTestId('changes-card-1').textContent()).toContain('Ini versi pertama.');
    await app.settle();
    await shot(page, 'plan-current');
  });

  it('validates an edited plan naming JSON paths, saves a draft, simulates it and exports', async () => {
    const app = await spec.open('plan/edit');
    const { page } = app;
    const editor = page.getByTestId('plan-editor');
    await eventually(() => editor.inputValue()).toContain('"jenjang-plan/1"');
    await page.getByTestId('plan-valid').waitFor();

    // Broken: an unknown field and a negative rate → both named by their JSON path.
    const broken = structuredClone(plan) as unknown as Record<string, unknown>;
    broken.surprise = true;
    (broken.bonuses as { id: string; levels?: number[] }[]).find(
      (b) => b.id === 'unilevel',
    )!.levels![1] = -1;
    await editor.fill(JSON.stringify(broken, null, 2));
    const errors = page.getByTestId('plan-errors');
    await errors.waitFor();
    await eventually(() => errors.textContent()).toContain('surprise kolom tidak dikenal');
    expect(await errors.textContent()).toContain('bonuses[3].levels[1] harus ≥ 0');
    expect(await page.getByTestId('plan-invalid').textContent()).toBe('2 masalah');
    await toTop(app);
    await shot(page, 'plan-editor-errors');

    // The candidate: level 1 at 7 %; the diff against version 1 names the change.
    await editor.fill(JSON.stringify(candidate(), null, 2));
    await page.getByTestId('plan-valid').waitFor();
    const change = page.getByTestId('candidate-changes-bonuses[3].levels[0]');
    await change.waitFor();
    expect(await change.textContent()).toMatch(/diubah.*Bonus.*unilevel.*level 1.*5,00 %.*7,00 %/);
    await page.getByTestId('draft-save').click();
    await page.getByTestId('draft-row-1').waitFor();
    expect(await page.getByTestId('draft-row-1').textContent()).toContain('Unilevel L1 7%');
    expect(await page.getByTestId('editor-source').textContent()).toBe('Draf #1: Unilevel L1 7%');
    await toTop(app);
    await shot(page, 'plan-editor');

    // Simulate it: progress bar in the worker, then the comparison.
    const before = dbContentHash(spec.bridge.db.path);
    await page.getByTestId('editor-simulate').click();
    await page.getByTestId('whatif-run').waitFor();
    // The latest closed period is picked; add the one before it.
    await page.getByTestId('whatif-periods').click({ force: true });
    await page.getByRole('option', { name: monthLabel(committed[0]!) }).click();
    await page.keyboard.press('Escape');
    await eventually(() => page.getByTestId('whatif-editor-plan').textContent()).toBe(
      '“Unilevel L1 7%” dari editor',
    );
    const polls = () => spec.bridge.calls.filter((c) => c === 'jobs:get').length;
    const pollsBefore = polls();
    spec.bridge.latency['jobs:get'] = 300; // slower polls: a progress state stays on screen a moment
    await page.getByTestId('whatif-run').click();
    const bar = page.getByTestId('whatif-progress-bar');
    await bar.waitFor({ state: 'visible' });
    // The bar moves while main computes in the worker — unless the machine is fast enough that
    // the job is done by the first poll; either way the results follow.
    const results = page.getByTestId('whatif-results');
    let moved = false;
    await eventually(async () => {
      if ((await results.count()) > 0) return true;
      const v = await bar.getAttribute('data-value', { timeout: 500 }).catch(() => null);
      if (Number(v) > 0 && !moved) {
        moved = true;
        await shot(page, 'whatif-progress');
      }
      return false;
    }, 120_000).toBe(true);
    spec.bridge.latency['jobs:get'] = 0;
    expect(polls() - pollsBefore).toBeGreaterThan(0);
    await page.getByTestId('whatif-results').waitFor({ timeout: 120_000 });

    // The same comparison straight from main: the screen shows its numbers.
    const expected = (await spec.server('whatif:run', {
      periods: committed,
      plan: candidate(),
      top: 100,
    })) as WhatIfResultDto;
    const rp = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
    const { baseline: b, candidate: c } = expected.totals;
    expect(c.bonuses).toBeGreaterThan(b.bonuses);
    expect(await page.getByTestId('whatif-card-bonuses-before').textContent()).toBe(rp(b.bonuses));
    expect(await page.getByTestId('whatif-card-bonuses-after').textContent()).toBe(rp(c.bonuses));
    expect(await page.getByTestId('whatif-card-bonuses-diff').textContent()).toBe(
      `+${rp(c.bonuses - b.bonuses)}`,
    );
    expect(await page.getByTestId('whatif-changes-bonuses[3].levels[0]').textContent()).toMatch(
      /5,00 %.*7,00 %/,
    );
    for (const p of committed) {
      expect(await page.getByTestId(`whatif-period-${p}`).getAttribute('data-reproduced')).toBe(
        'true',
      );
    }
    expect(expected.perPeriod.map((p) => p.chained)).toEqual([false, true]);
    const uni = expected.byBonus.find((x) => x.id === 'unilevel')!;
    expect(await page.getByTestId('whatif-bonus-unilevel').textContent()).toContain(
      rp(uni.candidate),
    );
    const top = expected.members.bonuses.topGainers[0]!;
    await eventually(() =>
      gridCell(page, 0, 'code', '[data-testid="whatif-members-grid"]').textContent(),
    ).toBe(top.code);
    expect(
      await gridCell(page, 0, 'diff', '[data-testid="whatif-members-grid"]').textContent(),
    ).toBe(`+${rp(top.diff)}`);
    expect(Number(await page.getByTestId('whatif-histogram').getAttribute('data-buckets'))).toBe(
      expected.members.bonuses.histogram.buckets.length,
    );
    await page.getByTestId('whatif-histogram').locator('.recharts-bar-rectangle').first().waitFor();
    await app.settle();
    await shot(page, 'whatif-results');
    await page
      .getByTestId('whatif-members-grid')
      .screenshot({ path: join(SCREENS_DIR, 'whatif-members-grid.png') });

    // Export: an XLSX workbook with the comparison.
    const download = page.waitForEvent('download');
    await page.getByTestId('whatif-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`whatif-${committed[0]}_${committed[1]}.xlsx`);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await file.path())!);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Ringkasan',
      'Per bonus',
      'Per peringkat',
      'Anggota',
      'Perubahan rencana',
    ]);
    expect((wb.getWorksheet('Anggota')!.getRow(2).values as unknown[])[1]).toBe(top.code);

    // A look at the editor keeps the result.
    await page.getByTestId('plan-tab-edit').click();
    await page.getByTestId('plan-editor').waitFor();
    await page.getByTestId('plan-tab-whatif').click();
    await results.waitFor();

    // The simulation and the export wrote nothing.
    expect(dbContentHash(spec.bridge.db.path)).toBe(before);
  });

  it('a simulation can be cancelled', async () => {
    const { page } = await spec.open('plan/whatif');
    await page.getByTestId('whatif-run').waitFor();
    await eventually(() => page.getByTestId('whatif-editor-plan').textContent()).toContain(
      'dari editor',
    );
    spec.bridge.latency['jobs:get'] = 1000;
    await page.getByTestId('whatif-run').click();
    await page.getByTestId('whatif-progress-cancel').click();
    spec.bridge.latency['jobs:get'] = 0;
    await page.getByTestId('whatif-cancelled').waitFor();
    expect(await page.getByTestId('whatif-results').count()).toBe(0);
  });

  it('adopts the draft as version 2 from the next open period; shows what changed', async () => {
    const app = await spec.open('plan/edit');
    const { page } = app;
    await page.getByTestId('draft-open-1').click();
    await eventually(() => page.getByTestId('editor-source').textContent()).toBe(
      'Draf #1: Unilevel L1 7%',
    );
    await page.getByTestId('draft-adopt').click();
    const effective = page.getByTestId('adopt-effective');
    await effective.click();
    const open = nextPeriod(committed.at(-1)!);
    await page.getByRole('option', { name: monthLabel(open) }).click();
    await shot(page, 'plan-adopt');
    await page.getByTestId('adopt-confirm').click();
    await eventually(() => page.getByTestId('editor-notice').textContent()).toBe(
      'Diterapkan sebagai versi 2',
    );
    const v2 = await spec.server('plans:show', { version: 2 });
    expect(v2).toMatchObject({ name: 'Unilevel L1 7%', effectivePeriod: open, status: 'adopted' });

    await app.go('plan', 'versions', '2');
    const card = page.getByTestId('changes-card-2');
    await card.waitFor();
    await eventually(() => card.textContent()).toContain('Perubahan dari versi 1');
    expect(await page.getByTestId('plan-changes-bonuses[3].levels[0]').textContent()).toContain(
      '7,00 %',
    );
    expect(await page.getByTestId('version-row-2').textContent()).toContain('berlaku');
    await app.settle();
    await shot(page, 'plan-versions');
  });

  it('reads in dark mode and English', async () => {
    const app = await spec.open('plan/whatif', {
      storage: { 'jenjang.language': 'en', 'jenjang.color-scheme': 'dark' },
    });
    const { page } = app;
    await eventually(() => screenTitle(page).textContent()).toBe('Bonus plan');
    await page.getByTestId('whatif-source').getByText('Saved draft').click();
    await page.getByTestId('whatif-draft').click();
    await page.getByRole('option', { name: '#1 Unilevel L1 7%' }).click();
    await page.getByTestId('whatif-run').click();
    await page.getByTestId('whatif-results').waitFor({ timeout: 120_000 });
    await page.getByTestId('whatif-list').getByText('Losing most').click();
    await page.getByTestId('whatif-measure').getByText('Net paid').click();
    await page.evaluate('window.scrollTo(0, 0)');
    await app.settle();
    await shot(page, 'whatif-results-dark-en');
  });
});
