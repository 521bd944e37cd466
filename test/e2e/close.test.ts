import { describe, expect, it } from 'vitest';
import { eventually, gridCell, screenTitle, shot } from './harness';
import { useSharedBridge } from './steps';

/**
 * Periods & Close (tutup buku) in the browser against a real database: preview a demo period in
 * the worker with a visible progress bar, review it, commit it with the confirmation modal,
 * explain a member, cancel a preview, reopen with a reason.
 */

// Large enough that a preview takes a moment on this machine (the bar is seen moving).
const spec = useSharedBridge({ seedDemo: { members: 20_000, months: 2, seed: 3 } });

const periods = () => spec.server('periods:list', {});

describe('close screen', () => {
  it('previews and commits a demo period with a visible progress bar', async () => {
    const [sep, oct] = await periods();
    expect(sep).toMatchObject({ status: 'open' });
    const { page } = await spec.open('periods');
    await eventually(() => screenTitle(page).textContent()).toBe('Periode & Tutup Buku');
    // The oldest open period is chosen; the checklist shows its numbers.
    await page.getByTestId('close-checklist').waitFor();
    expect(await page.getByTestId('close-period').textContent()).toBe('September 2026');
    expect(await page.getByTestId('check-plan').textContent()).toContain('versi 1');
    expect(await page.getByTestId(`period-row-${oct!.period}`).textContent()).toContain('Terbuka');
    await shot(page, 'close-checklist');

    const jobPolls = () => spec.bridge.calls.filter((c) => c === 'jobs:get').length;
    const pollsBefore = jobPolls();
    // The worker pauses 1.5 s at each stage boundary (JENJANG_CLOSE_STAGE_DELAY_MS): a small
    // demo database then computes long enough to watch and photograph the bar.
    process.env.JENJANG_CLOSE_STAGE_DELAY_MS = '1500';
    try {
      await page.getByTestId('close-preview').click();
      const bar = page.getByTestId('close-progress-bar');
      await bar.waitFor({ state: 'visible' });
      // The bar moves while main computes in the worker, and main keeps answering the polls.
      await eventually(
        async () => Number(await bar.getAttribute('data-value')),
        60_000,
      ).toBeGreaterThan(0);
      expect(await page.getByTestId('close-progress-stage').textContent()).not.toBe('Memulai');
      await shot(page, 'close-progress');
      // The screen stays usable meanwhile: the holds list opens.
      await page.getByTestId('check-holds').getByRole('button').click();
      await page.getByTestId('check-holds').getByText('Tanpa rekening bank').first().waitFor();
      await page.getByTestId('close-review').waitFor({ timeout: 120_000 });
    } finally {
      delete process.env.JENJANG_CLOSE_STAGE_DELAY_MS;
    }
    expect(jobPolls() - pollsBefore).toBeGreaterThan(1);

    const check = await spec.server('close:checklist', { period: sep!.period });
    const hash = check.lastPreview!.runHash;
    expect(await page.getByTestId('review-hash').textContent()).toBe(`${hash.slice(0, 16)}…`);
    expect(await page.getByTestId('total-ratio-value').textContent()).toMatch(/^\d+,\d{2} %$/);
    await eventually(() =>
      gridCell(page, 0, 'code', '[data-testid="grid-top"]').textContent(),
    ).toMatch(/^D\d+/);
    await shot(page, 'close-review');

    await page.getByTestId('close-commit').click();
    await page.getByTestId('commit-dialog').waitFor();
    expect(await page.getByTestId('commit-dialog').textContent()).toContain(hash);
    await shot(page, 'close-commit-confirm');
    await page.getByTestId('commit-confirm').click();
    await page.getByTestId('close-notice').waitFor({ timeout: 120_000 });
    await eventually(() => page.getByTestId('close-status').textContent()).toBe('Ditutup');
    await eventually(() => page.getByTestId(`period-row-${sep!.period}`).textContent()).toContain(
      'Ditutup',
    );
    expect(await page.getByTestId('close-run-hash').textContent()).toBe(`${hash.slice(0, 16)}…`);
    await shot(page, 'close-committed');

    const after = await periods();
    expect(after[0]).toEqual({ period: sep!.period, status: 'closed', runHash: hash });
  });

  it('reviews the next period against the committed one and explains a member', async () => {
    const [, oct] = await periods();
    const { page } = await spec.open(`periods/${oct!.period}`);
    await page.getByTestId('close-checklist').waitFor();
    await eventually(() => page.getByTestId('check-order').getAttribute('data-mark')).toBe('ok');
    await page.getByTestId('close-preview').click();
    await page.getByTestId('close-review').waitFor({ timeout: 120_000 });
    await page.getByTestId('tab-diff-previous').click();
    const firstDiff = gridCell(page, 0, 'code', '[data-testid="grid-diff-previous"]');
    await eventually(() => firstDiff.textContent()).toMatch(/^[CD]\d+/);
    await shot(page, 'close-diff-previous');

    const code = (await firstDiff.textContent())!;
    await firstDiff.dblclick();
    await page.getByTestId('explain-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('explain-payout').textContent()).toContain('Neto dibayar');
    expect(await page.getByTestId('explain-drawer').textContent()).toContain(code);
    await shot(page, 'close-explain');
  });

  it('cancels a running preview, and reopens a committed period with a reason', async () => {
    const [sep, oct] = await periods();
    const { page } = await spec.open(`periods/${oct!.period}`);
    await page.getByTestId('close-checklist').waitFor();
    const lastPreview = async () =>
      (await spec.server('close:checklist', { period: oct!.period })).lastPreview;
    const before = await lastPreview();
    process.env.JENJANG_CLOSE_STAGE_DELAY_MS = '1500';
    try {
      await page.getByTestId('close-preview').click();
      await page.getByTestId('close-progress-cancel').click();
      await page.getByTestId('close-cancelled').waitFor();
    } finally {
      delete process.env.JENJANG_CLOSE_STAGE_DELAY_MS;
    }
    // The worker was stopped before it finished: the last preview on record is unchanged.
    expect(await lastPreview()).toEqual(before);

    await page.getByTestId(`period-row-${sep!.period}`).click();
    await eventually(() => page.getByTestId('close-status').textContent()).toBe('Ditutup');
    await page.getByTestId('close-reopen').click();
    await page.getByTestId('reopen-dialog').waitFor();
    expect(await page.getByTestId('reopen-confirm').isDisabled()).toBe(true);
    await page.getByTestId('reopen-reason').fill('Rekening bank salah pada file transfer');
    await shot(page, 'close-reopen');
    await page.getByTestId('reopen-confirm').click();
    await eventually(() => page.getByTestId('close-status').textContent()).toBe('Terbuka');
    const after = await periods();
    expect(after[0]).toMatchObject({ period: sep!.period, status: 'open', runHash: null });
  });
});
