import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeBrowser,
  eventually,
  gridCell,
  openApp,
  shot,
  startBridge,
  type App,
  type Bridge,
} from './harness';

// Users, audit log and backups in Settings, and what each role gets to see. (The sign-in and
// first-admin forms, features/users/AuthGate.tsx, are exercised once the shell mounts AuthGate:
// the bridge acts as the local admin, see docs/security.md.)

let bridge: Bridge;
let app: App | undefined;

beforeAll(async () => {
  bridge = await startBridge({ seedDemo: { members: 60, months: 1, seed: 2 } });
});
afterEach(async () => {
  const a = app;
  app = undefined;
  bridge.ctx.user = { username: 'admin', role: 'admin' };
  await a?.close(); // fails on any console or page error
});
afterAll(async () => {
  await closeBrowser();
  await bridge?.close();
});

describe('users, audit log and backups in Settings', () => {
  it('an admin adds a user, sees it in the audit log, verifies the chain and backs up', async () => {
    app = await openApp({ bridge, path: 'settings' });
    const { page } = app;
    const users = page.getByTestId('settings-users');
    await users.getByRole('button', { name: 'Tambah pengguna' }).click();
    const form = page.getByTestId('users-add');
    await form.getByLabel('Nama pengguna').fill('Siti');
    await form.getByLabel('Nama lengkap').fill('Siti Aminah');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await eventually(() => users.locator('tbody tr').allTextContents()).toContainEqual(
      expect.stringContaining('siti'),
    );

    const audit = page.getByTestId('settings-audit');
    // Verifying also reloads the grid, which then shows the new entry on top.
    await audit.getByRole('button', { name: 'Periksa rantai' }).click();
    await eventually(() => page.getByTestId('audit-verdict').textContent()).toMatch(
      /Rantai utuh: 1 entri/,
    );
    await eventually(() =>
      gridCell(page, 0, 'action', '[data-testid="audit-grid"]').textContent(),
    ).toBe('create');
    expect(await gridCell(page, 0, 'entityId', '[data-testid="audit-grid"]').textContent()).toBe(
      'siti',
    );

    const backup = page.getByTestId('settings-backup');
    await backup.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    await eventually(() => backup.locator('tbody tr').count()).toBe(1);
    await shot(page, 'settings-trust');
  });

  it('a viewer sees none of the admin panels; an accountant sees only the audit log', async () => {
    bridge.ctx.user = { username: 'lihat', role: 'viewer' };
    app = await openApp({ bridge, path: 'settings' });
    const { page } = app;
    await page.getByTestId('settings-db').waitFor();
    for (const id of ['settings-users', 'settings-audit', 'settings-backup']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    await app.close();

    bridge.ctx.user = { username: 'ani', role: 'accountant' };
    app = await openApp({ bridge, path: 'settings' });
    await app.page.getByTestId('settings-audit').waitFor();
    expect(await app.page.getByTestId('settings-users').count()).toBe(0);
    expect(await app.page.getByTestId('settings-backup').count()).toBe(0);
  });

  it('the navigation shows what the role may open; the URL of a hidden screen lands on the first', async () => {
    bridge.ctx.user = { username: 'staf', role: 'staff' };
    app = await openApp({ bridge, path: 'payouts' });
    const { page } = app;
    const nav = page.locator('nav [data-nav]');
    await eventually(() =>
      nav.evaluateAll((els) => els.map((e) => e.getAttribute('data-nav'))),
    ).toEqual([
      'dashboard',
      'members',
      'products',
      'orders',
      'periods',
      'reports',
      'settings',
      'plan',
    ]);
    // Staff may not read payouts: #/payouts shows the dashboard, and Alt+6 is now Reports.
    await page.locator('[data-nav="dashboard"][aria-current="page"]').waitFor();
    await page.keyboard.press('Alt+Digit6');
    await page.locator('[data-nav="reports"][aria-current="page"]').waitFor();
    await shot(page, 'nav-staff');
  });
});
