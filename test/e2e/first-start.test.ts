import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeBrowser, eventually, openApp, screenTitle, shot, type App } from './harness';

let app: App | undefined;
afterEach(async () => {
  const a = app;
  app = undefined;
  await a?.close();
});
afterAll(closeBrowser);

describe('first start with an empty database', () => {
  it('offers demo data on the dashboard, creates it and refreshes', async () => {
    app = await openApp(); // fresh empty db
    const { page } = app;
    expect(await screenTitle(page).textContent()).toBe('Dasbor');
    const offer = page.getByTestId('demo-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('Database masih kosong');
    expect(await offer.textContent()).toContain('2.000 anggota');
    expect(await page.getByTestId('count-members').textContent()).toContain('0');
    await eventually(() => app!.bridge.calls.includes('system:dashboard')).toBe(true);
    // Nothing to chart yet: the charts stay away until there is history.
    expect(await page.getByTestId('chart-sales').count()).toBe(0);
    await shot(page, 'first-start');

    app.bridge.latency['system:demo'] = 1500; // long enough to see the loading state
    await page.getByTestId('demo-create').click();
    // The button shows its loading state while main generates the data.
    await eventually(() => page.getByTestId('demo-create').getAttribute('data-loading')).toBe(
      'true',
    );
    expect(await offer.getByRole('status').textContent()).toBe('Membuat data demo…');
    await offer.waitFor({ state: 'detached', timeout: 90_000 });
    await eventually(() => page.getByTestId('count-members').textContent()).toContain('2.000');
    await page.getByTestId('monthly-table').waitFor();
    expect(app.bridge.calls).toContain('system:demo');
    await shot(page, 'first-start-after-demo');

    await app.go('periods');
    await page.getByTestId('periods-table').waitFor();
    expect(await page.locator('[data-testid="periods-table"] tbody tr').count()).toBe(3);
  });
});
