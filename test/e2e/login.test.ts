import { describe, expect, it } from 'vitest';
import { eventually, gridCell, shot } from './harness';
import { useSharedBridge } from './steps';

// Users, audit log and backups in Settings, and what each role gets to see. (The sign-in and
// first-admin forms, features/users/AuthGate.tsx, are exercised once the shell mounts AuthGate:
// the bridge acts as the local admin, see docs/security.md.)

// Each test starts as the local admin again.
const spec = useSharedBridge({ seedDemo: { members: 60, months: 1, seed: 2 } });

describe('users, audit log and backups in Settings', () => {
  it('an admin adds a user, sees it in the audit log, verifies the chain and backs up', async () => {
    const { page } = await spec.open('settings');
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
    spec.actAs('lihat', 'viewer');
    let app = await spec.open('settings');
    const { page } = app;
    await page.getByTestId('settings-db').waitFor();
    for (const id of ['settings-users', 'settings-audit', 'settings-backup']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    await app.close();

    spec.actAs('ani', 'accountant');
    app = await spec.open('settings');
    await app.page.getByTestId('settings-audit').waitFor();
    expect(await app.page.getByTestId('settings-users').count()).toBe(0);
    expect(await app.page.getByTestId('settings-backup').count()).toBe(0);
  });

  it('the navigation shows what the role may open; the URL of a hidden screen lands on the first', async () => {
    spec.actAs('staf', 'staff');
    const { page } = await spec.open('payouts');
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
