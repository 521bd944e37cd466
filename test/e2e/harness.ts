/**
 * E2E helpers: one Chromium per test file, one bridge (temp db) per file or per test, a fresh
 * browser context per app so localStorage starts empty. Any console error or page error fails
 * the test when the app is closed.
 *
 *   const app = await openApp({ seedDemo: { members: 200 }, path: 'members' });
 *   await expect.poll(() => screenTitle(app.page).textContent()).toBe('Anggota');
 *   await shot(app.page, 'members');
 *   await app.close();
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT, startBridge, WINDOW_API_SHIM, type Bridge, type BridgeOptions } from './bridge';
import { ensureRendererBuilt } from './build';

export { startBridge, type Bridge } from './bridge';

export const CHROMIUM = process.env.JENJANG_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENS_DIR = join(REPO_ROOT, 'test-results', 'screens');
export const VIEWPORT = { width: 1360, height: 860 }; // the Electron window's default size

let browser: Browser | undefined;

/** The shared headless Chromium of this test file (launched on first use). */
export async function getBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

export interface App {
  page: Page;
  context: BrowserContext;
  bridge: Bridge;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  /** Console warnings (reported, not failing). */
  warnings: string[];
  /** Navigate with the hash router, e.g. `go('members')`, and wait for the screen title. */
  go: (...segments: string[]) => Promise<void>;
  /** Wait until no window.api call is pending for a moment (data shown, not loading). */
  settle: () => Promise<void>;
  /** Reload the page (localStorage survives) and wait for the shell. */
  reload: () => Promise<void>;
  /** Close the context; throws if the page logged any console error or page error. */
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** Use this running bridge (shared by the tests of a file); it stays up after close(). */
  bridge?: Bridge;
  /** Without `bridge`: start a fresh one (new temp db) with this demo data; closed with the app. */
  seedDemo?: BridgeOptions['seedDemo'];
  /** Without `bridge`: sign-in required, like the desktop app. */
  requireLogin?: boolean;
  /** false: do not wait for the shell after loading (e.g. a sign-in form comes first). */
  expectShell?: boolean;
  /** Start on this screen (`#/<path>`); default the dashboard. */
  path?: string;
  /** localStorage entries to set before the app starts (e.g. `{ 'jenjang.language': 'en' }`). */
  storage?: Record<string, string>;
}

async function waitForShell(page: Page): Promise<void> {
  await page.locator('[data-screen-title]').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Open the app in a fresh browser context (empty localStorage). Pass `bridge` to share one
 * database across tests, or `seedDemo` (or nothing: empty db) to get a private one.
 */
export async function openApp(opts: OpenOptions = {}): Promise<App> {
  ensureRendererBuilt();
  const ownBridge = opts.bridge
    ? undefined
    : await startBridge({ seedDemo: opts.seedDemo, requireLogin: opts.requireLogin });
  const bridge = (opts.bridge ?? ownBridge)!;
  try {
    return await openOn(bridge, opts, ownBridge);
  } catch (e) {
    await ownBridge?.close();
    throw e;
  }
}

async function openOn(
  bridge: Bridge,
  opts: OpenOptions,
  ownBridge: Bridge | undefined,
): Promise<App> {
  const b = await getBrowser();
  const context = await b.newContext({
    viewport: VIEWPORT,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  await context.addInitScript(WINDOW_API_SHIM);
  if (opts.storage) {
    // Only on the first document of this context, so reload() keeps what the app stored.
    // (A string, not a function: this file is type-checked without the DOM library.)
    await context.addInitScript(`
      if (!sessionStorage.getItem('__e2e_seeded')) {
        sessionStorage.setItem('__e2e_seeded', '1');
        for (const [k, v] of Object.entries(${JSON.stringify(opts.storage)})) localStorage.setItem(k, v);
      }
    `);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (msg) => {
    const where = msg.location().url ? ` (${msg.location().url}:${msg.location().lineNumber})` : '';
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}${where}`);
    else if (msg.type() === 'warning') warnings.push(`console.warn: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack ?? err.message}`));
  page.on('requestfailed', (req) =>
    errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );

  await page.goto(`${bridge.url}#/${opts.path ?? 'dashboard'}`);
  if (opts.expectShell !== false) await waitForShell(page);

  return {
    page,
    context,
    bridge,
    errors,
    warnings,
    go: async (...segments) => {
      const hash = `#/${segments.map(encodeURIComponent).join('/')}`;
      await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
      await waitForShell(page);
    },
    settle: async () => {
      let quietSince = Date.now();
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        if (bridge.inFlight() > 0) quietSince = Date.now();
        else if (Date.now() - quietSince >= 300) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await page.evaluate(
        'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))',
      );
    },
    reload: async () => {
      await page.reload();
      await waitForShell(page);
    },
    close: async () => {
      await context.close();
      await ownBridge?.close();
      if (warnings.length) console.warn(`[e2e] browser warnings:\n${warnings.join('\n')}`);
      if (errors.length) throw new Error(`browser reported errors:\n${errors.join('\n')}`);
    },
  };
}

/**
 * Full-page screenshot to test-results/screens/<name>.png; returns the path. The mouse is moved
 * off the content first (no hover states or tooltips) unless `keepMouse`.
 */
export async function shot(
  page: Page,
  name: string,
  opts: { keepMouse?: boolean } = {},
): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  if (!opts.keepMouse) await page.mouse.move(0, 0);
  // Let pending layout (grid rows, charts) settle before the picture.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/**
 * `expect.poll` with a timeout fit for a busy 2-core machine (vitest's default is 1 s):
 * `await eventually(() => page.title()).toBe('Dasbor · Jenjang')`.
 */
export function eventually<T>(fn: () => T | Promise<T>, timeout = 20_000) {
  return expect.poll(fn, { timeout, interval: 100 });
}

/**
 * Re-runs `check` (a block of assertions) until it passes; after `timeout` ms its last error
 * fails the test. (`eventually` needs a matcher — `await eventually(fn)` alone checks nothing.)
 */
export async function until(check: () => unknown, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Attributes of <html>: `lang`, `data-mantine-color-scheme`, `data-ag-theme-mode`, … */
export function htmlAttr(page: Page, name: string): Promise<string | null> {
  return page.locator('html').getAttribute(name);
}

/** The h1 of the current screen. */
export function screenTitle(page: Page) {
  return page.locator('[data-screen-title]').first();
}

/** The AG Grid cell in column `colId` of the row at `rowIndex` (first grid inside `within`). */
export function gridCell(page: Page, rowIndex: number, colId: string, within = 'body') {
  return page
    .locator(within)
    .locator(`.ag-row[row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`)
    .first();
}

/** Wait until the first row of the grid inside `within` shows a value in column `colId`. */
export async function waitForFirstRow(page: Page, colId = 'code', within = 'body'): Promise<void> {
  await gridCell(page, 0, colId, within).filter({ hasText: /\S/ }).waitFor();
}

/** Pick a CSV file named `name` with content `text` in the file input `input`. */
export async function chooseCsv(input: Locator, name: string, text: string): Promise<void> {
  await input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}
