import { afterAll, describe, expect, it } from 'vitest';
import { closeBrowser, openApp, shot, type App, until } from './harness';

// The desktop app requires sign-in: a fresh database first asks for the administrator, then
// the shell opens as that user; signing out shows the login form, and a wrong password is refused.
describe('sign-in gate', () => {
  let app: App | undefined;
  afterAll(async () => {
    await app?.close();
    await closeBrowser();
  });

  it('creates the first admin interactively, signs out and back in', async () => {
    app = await openApp({ requireLogin: true, expectShell: false });
    const { page } = app;
    const setup = page.getByTestId('auth-setup');
    await setup.waitFor({ state: 'visible', timeout: 30_000 });
    await shot(page, 'auth-setup');
    await setup.getByLabel('Nama pengguna').fill('sari');
    await setup.getByLabel('Nama lengkap').fill('Sari Wijaya');
    await setup.locator('input[type=password]').nth(0).fill('rahasia-123');
    await setup.locator('input[type=password]').nth(1).fill('rahasia-123');
    await setup.getByRole('button', { name: 'Buat administrator' }).click();
    await page.getByTestId('current-user').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByTestId('current-user').textContent()).toContain('Sari Wijaya');

    await page.getByTestId('sign-out').click();
    const login = page.getByTestId('auth-login');
    await login.waitFor({ state: 'visible', timeout: 30_000 });
    await login.getByLabel('Nama pengguna').fill('sari');
    await login.locator('input[type=password]').fill('salah-sekali');
    await login.getByRole('button', { name: 'Masuk' }).click();
    await until(async () => expect(await login.getByRole('alert').count()).toBeGreaterThan(0));
    // A refusal clears the password (after the alert shows): typing before that would be lost.
    const password = login.locator('input[type=password]');
    await until(async () => expect(await password.inputValue()).toBe(''));
    await shot(page, 'auth-login-refused');
    await password.fill('rahasia-123');
    await login.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('current-user').waitFor({ state: 'visible', timeout: 30_000 });
  });
});
