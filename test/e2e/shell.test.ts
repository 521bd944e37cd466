import { describe, expect, it } from 'vitest';
import { eventually, htmlAttr, screenTitle, shot, type App } from './harness';
import { useSharedBridge } from './steps';

// Navigation order and the Indonesian / English labels the shell must show.
const SCREENS = [
  ['dashboard', 'Dasbor', 'Dashboard'],
  ['members', 'Anggota', 'Members'],
  ['products', 'Produk', 'Products'],
  ['orders', 'Pesanan', 'Orders'],
  ['periods', 'Periode & Tutup Buku', 'Periods & Close'],
  ['payouts', 'Pembayaran', 'Payouts'],
  ['reports', 'Laporan', 'Reports'],
  ['settings', 'Pengaturan', 'Settings'],
] as const;

/**
 * Wait until a screen shows its data (so its screenshot is not a loading state): a known element
 * where this spec relies on one, then no pending window.api call. Feature screens are replaced
 * by their own engineers, so only the shell-level screens are pinned here.
 */
async function waitForContent(app: App, id: string): Promise<void> {
  const ready: Partial<Record<string, string>> = {
    dashboard: '[data-testid="count-members"]',
    members: '.ag-row[row-index="0"] [role="gridcell"][col-id="code"]:not(:empty)',
  };
  const selector = ready[id];
  if (selector) await app.page.locator(selector).first().waitFor();
  await app.settle();
}

const spec = useSharedBridge({ seedDemo: { members: 2000, months: 3, seed: 1 } });

describe('app shell', () => {
  it('loads in Bahasa Indonesia with the dashboard and its figures', async () => {
    const app = await spec.open();
    const { page } = app;
    expect(await htmlAttr(page, 'lang')).toBe('id');
    expect(await screenTitle(page).textContent()).toBe('Dasbor');
    await eventually(() => page.getByTestId('count-members').textContent()).toContain('2.000');
    await waitForContent(app, 'dashboard');
    // Rupiah with Indonesian separators in the monthly summary.
    await eventually(() => page.getByTestId('monthly-table').textContent()).toMatch(
      /Rp \d{1,3}(\.\d{3})+/,
    );
    expect(await page.title()).toBe('Dasbor · Jenjang');
  });

  it('navigates every screen from the sidebar', async () => {
    const app = await spec.open();
    const { page } = app;
    for (const [id, label] of SCREENS) {
      await page.locator(`nav a[data-nav="${id}"]`).click();
      await eventually(() => screenTitle(page).textContent()).toBe(label);
      expect(new URL(page.url()).hash).toBe(`#/${id}`);
      await eventually(() =>
        page.locator(`nav a[data-nav="${id}"]`).getAttribute('aria-current'),
      ).toBe('page');
      await waitForContent(app, id);
      await shot(page, id);
    }
  });

  it('switches screens with Alt+1…8 and moves focus to the screen title', async () => {
    const { page } = await spec.open();
    for (const [i, [id, label]] of [...SCREENS.entries()].reverse()) {
      await page.keyboard.press(`Alt+Digit${i + 1}`);
      await eventually(() => screenTitle(page).textContent()).toBe(label);
      expect(new URL(page.url()).hash).toBe(`#/${id}`);
      await eventually(() => page.locator('[data-screen-title]:focus').count()).toBe(1);
    }
  });

  it('switches the language to English and keeps it after a reload', async () => {
    const app = await spec.open('members');
    const { page } = app;
    const nav = page.locator('nav');
    await eventually(() => nav.textContent()).toContain('Anggota');
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await eventually(() => screenTitle(page).textContent()).toBe('Members');
    for (const [, , en] of SCREENS) expect(await nav.textContent()).toContain(en);
    expect(await htmlAttr(page, 'lang')).toBe('en');
    await waitForContent(app, 'members');
    await eventually(() => page.getByTestId('members-total').textContent()).toBe('2,000 members');
    await eventually(() =>
      page.locator('.ag-header-cell[col-id="joinDate"]').textContent(),
    ).toContain('Joined');
    await shot(page, 'members-en');

    await app.reload();
    expect(await screenTitle(page).textContent()).toBe('Members');
    await app.go('dashboard');
    await waitForContent(app, 'dashboard');
    await shot(page, 'dashboard-en');

    await page.getByTestId('language-switch').getByText('ID', { exact: true }).click();
    await eventually(() => screenTitle(page).textContent()).toBe('Dasbor');
    await app.reload();
    expect(await screenTitle(page).textContent()).toBe('Dasbor');
  });

  it('toggles dark mode, for the grid too, and keeps it after a reload', async () => {
    const app = await spec.open('members');
    const { page } = app;
    const scheme = async () => [
      await htmlAttr(page, 'data-mantine-color-scheme'),
      await htmlAttr(page, 'data-ag-theme-mode'),
    ];
    await eventually(scheme).toEqual(['light', 'light']);
    // (Structural type: this file is compiled without the DOM library.)
    type El = {
      ownerDocument: { defaultView: { getComputedStyle(e: El): { backgroundColor: string } } };
    };
    const gridBg = () =>
      page
        .locator('.ag-root-wrapper')
        .first()
        .evaluate((el: El) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor);
    await waitForContent(app, 'members');
    const lightBg = await gridBg();

    await page.getByTestId('theme-toggle').click();
    await eventually(scheme).toEqual(['dark', 'dark']);
    await eventually(gridBg).not.toBe(lightBg);
    await shot(page, 'members-dark');

    await app.reload();
    await eventually(scheme).toEqual(['dark', 'dark']);
    await app.go('dashboard');
    await waitForContent(app, 'dashboard');
    await shot(page, 'dashboard-dark');

    await page.getByTestId('theme-toggle').click();
    await eventually(scheme).toEqual(['light', 'light']);
  });
});
