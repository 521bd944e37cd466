import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CSP,
  WEB_PREFERENCES,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
  isAllowedRequestUrl,
  isOwnUrl,
  isTrustedSender,
  webPreferences,
  type ContentsLike,
  type SessionLike,
} from '../../src/main/security';

// Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security):
// each `it` names the item(s) it proves; docs/security.md maps them back here.

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const src = (p: string) => readFileSync(p, 'utf8');
const DEV = 'http://localhost:5173';
const BASE = 'file:///opt/Jenjang/resources/app.asar/out/renderer/';

/** A fake Session recording the handlers hardenSession installs. */
function fakeSession() {
  const h: {
    request?: Parameters<SessionLike['setPermissionRequestHandler']>[0];
    check?: () => boolean;
    headers?: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0];
    before?: Parameters<SessionLike['webRequest']['onBeforeRequest']>[0];
  } = {};
  const s: SessionLike = {
    setPermissionRequestHandler: (fn) => (h.request = fn),
    setPermissionCheckHandler: (fn) => (h.check = fn),
    webRequest: {
      onHeadersReceived: (fn) => (h.headers = fn),
      onBeforeRequest: (fn) => (h.before = fn),
    },
  };
  return { s, h };
}

/** A fake WebContents recording listeners, and whether each event was prevented. */
function fakeContents() {
  const listeners = new Map<string, ((e: { preventDefault(): void }, url?: string) => void)[]>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  const c = {
    setWindowOpenHandler: (fn: (d: { url: string }) => { action: 'deny' }) => (openHandler = fn),
    on: (event: string, fn: (e: { preventDefault(): void }, url?: string) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), fn]);
      return c;
    },
  };
  const fire = (event: string, url?: string): boolean => {
    let prevented = false;
    for (const fn of listeners.get(event) ?? [])
      fn({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { c: c as unknown as ContentsLike, fire, open: (url: string) => openHandler!({ url }) };
}

describe('Electron hardening', () => {
  it('#2–4, #6, #8–10: the window runs sandboxed, isolated, without Node or experiments', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(webPreferences({ preload: '/p.cjs', packaged: true })).toMatchObject({
      ...WEB_PREFERENCES,
      preload: '/p.cjs',
      devTools: false,
    });
    expect(webPreferences({ preload: '/p.cjs', packaged: false }).devTools).toBe(true);
    // The window uses exactly these preferences, and nothing in main weakens them.
    expect(src('src/main/window.ts')).toMatch(/webPreferences: webPreferences\(\{/);
    for (const f of files('src/main')) {
      expect(src(f), f).not.toMatch(
        /(contextIsolation|sandbox|webSecurity):\s*false|nodeIntegration\w*:\s*true|allowRunningInsecureContent:\s*true|enableBlinkFeatures|experimentalFeatures:\s*true|webviewTag:\s*true/,
      );
    }
  });

  it('#4: app.enableSandbox() runs before the app is ready (every renderer sandboxed)', () => {
    const index = src('src/main/index.ts');
    const sandbox = index.indexOf('app.enableSandbox();');
    expect(sandbox).toBeGreaterThan(0);
    expect(index.indexOf('app.whenReady()')).toBeGreaterThan(sandbox);
  });

  it('#7: CSP allows only our own scripts and no remote content; the page carries it too', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("connect-src 'self'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    const html = src('src/renderer/index.html');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    // The meta policy is the header policy minus frame-ancestors (ignored in a meta tag).
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CSP.replace("; frame-ancestors 'none'", ''));
  });

  it('#5, #7, #1: the session denies every permission, adds the CSP, and loads no remote content', () => {
    const { s, h } = fakeSession();
    hardenSession(s, undefined);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'usb',
    ]) {
      let granted: boolean | undefined;
      h.request!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(h.check!()).toBe(false);
    let headers: Record<string, string[] | string> | undefined;
    h.headers!({ responseHeaders: { 'X-A': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-A': ['1'], 'Content-Security-Policy': [CSP] });
    const cancelled = (url: string) => {
      let c: boolean | undefined;
      h.before!({ url }, (r) => (c = r.cancel));
      return c;
    };
    expect(cancelled(`${BASE}index.html`)).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    for (const url of [
      'https://cdn.example/x.js',
      'http://localhost:5173/',
      'ws://evil:1/',
      'ftp://x/',
      'devtools://x',
      'nonsense',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    // Development: the dev server and its HMR socket only.
    expect(isAllowedRequestUrl(`${DEV}/src/main.tsx`, DEV)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', DEV)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAllowedRequestUrl('https://fonts.example/', DEV)).toBe(false);
  });

  it('#13–15, #12: no navigation away, no new windows (https → system browser), no webview', () => {
    const opened: string[] = [];
    const { c, fire, open } = fakeContents();
    hardenWebContents(c, undefined, (u) => opened.push(u), BASE);
    for (const url of [
      'https://jenjang.example/help',
      'http://x/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      `${BASE}index.html`,
    ]) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://jenjang.example/help']);
    for (const ev of ['will-navigate', 'will-redirect']) {
      expect(fire(ev, `${BASE}index.html#/members`), ev).toBe(false);
      expect(fire(ev, 'https://evil.example/'), ev).toBe(true);
      expect(fire(ev, 'file:///etc/passwd'), ev).toBe(true);
      expect(fire(ev, `${BASE}../../../../etc/passwd`), ev).toBe(true);
    }
    expect(fire('will-attach-webview')).toBe(true);
    // Applied to every web contents ever created, not only the main window.
    const index = src('src/main/index.ts');
    expect(index).toMatch(/app\.on\('web-contents-created',[\s\S]*hardenWebContents\(/);
    expect(index).toMatch(/hardenSession\(electronSession\.defaultSession/);
  });

  it('URL helpers: own pages, external links', () => {
    expect(isOwnUrl('file:///app/index.html', undefined)).toBe(true);
    expect(isOwnUrl('https://evil.example', undefined)).toBe(false);
    expect(isOwnUrl('http://localhost:5173/x', DEV)).toBe(true);
    expect(isOwnUrl('http://localhost:5173.evil.example/x', DEV)).toBe(false);
    expect(isOwnUrl(`${BASE}index.html`, undefined, BASE)).toBe(true);
    expect(isOwnUrl('file:///opt/other/index.html', undefined, BASE)).toBe(false);
    const win = 'file:///C:/Program%20Files/Jenjang/resources/app.asar/out/renderer/';
    expect(
      isOwnUrl(
        'file:///c:/Program Files/Jenjang/resources/app.asar/out/renderer/index.html',
        undefined,
        win,
      ),
    ).toBe(true);
    expect(
      isOwnUrl(
        'file:///C:/Program%20Files/Jenjang/resources/app.asar/out/renderer2/x.html',
        undefined,
        win,
      ),
    ).toBe(false);
    expect(
      isOwnUrl(
        'file:///C:/Program%20Files/Jenjang/resources/app.asar/out/renderer/%2e%2e/main/index.js',
        undefined,
        win,
      ),
    ).toBe(false);
    expect(isAllowedExternalUrl('https://jenjang.example/help')).toBe(true);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('https://x/ y')).toBe(false);
  });

  it('#17: IPC answers only our main window’s top frame showing our page', () => {
    const mainFrame = { url: `${BASE}index.html` };
    const win = { webContents: { mainFrame } };
    const ok = { sender: win.webContents, senderFrame: mainFrame };
    expect(isTrustedSender(ok, win, undefined, BASE)).toBe(true);
    expect(isTrustedSender(ok, undefined, undefined, BASE)).toBe(false);
    expect(isTrustedSender({ sender: {}, senderFrame: mainFrame }, win, undefined, BASE)).toBe(
      false,
    );
    expect(
      isTrustedSender(
        { sender: win.webContents, senderFrame: { url: mainFrame.url } },
        win,
        undefined,
        BASE,
      ),
    ).toBe(false); // a subframe
    expect(
      isTrustedSender({ sender: win.webContents, senderFrame: null }, win, undefined, BASE),
    ).toBe(false);
    const navigated = { url: 'https://evil.example/' };
    const win2 = { webContents: { mainFrame: navigated } };
    expect(
      isTrustedSender({ sender: win2.webContents, senderFrame: navigated }, win2, undefined, BASE),
    ).toBe(false);
    // register.ts checks the sender before anything else, and is the only ipcMain user.
    const reg = src('src/main/ipc/register.ts');
    expect(reg.indexOf('isTrustedSender(e)')).toBeGreaterThan(0);
    expect(reg.indexOf('isTrustedSender(e)')).toBeLessThan(reg.indexOf('dispatch(channel'));
    expect(reg.match(/ipcMain\.\w+/g)).toEqual(['ipcMain.handle']);
    const ipcUsers = files('src')
      .filter((f) => /\.(ts|tsx)$/.test(f) && /\bipcMain\b/.test(src(f)))
      .map((f) => relative('.', f));
    expect(ipcUsers).toEqual(['src/main/ipc/register.ts']);
    expect(src('src/main/index.ts')).toMatch(
      /isTrustedSender\(e, ui\.win, devServerUrl, RENDERER_BASE\)/,
    );
  });

  it('only the thin entry files import electron', () => {
    const allowed = [
      'src/main/index.ts',
      'src/main/window.ts',
      'src/main/ipc/register.ts',
      'src/preload/index.ts',
    ];
    const importers = files('src')
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .filter((f) => /from 'electron'|require\('electron'\)/.test(src(f)))
      .map((f) => relative('.', f));
    expect(importers.sort()).toEqual(allowed.sort());
  });

  it('#20: the preload exposes one generic invoke and nothing else', () => {
    const p = src('src/preload/index.ts');
    expect(p.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(p).not.toMatch(/ipcRenderer\.(on|send|sendSync)\b/);
  });

  it('#16: a current Electron', () => {
    const v = (JSON.parse(src('node_modules/electron/package.json')) as { version: string })
      .version;
    expect(Number(v.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('#19 and packaging: fuses flipped, native module unpacked from asar, Windows nsis + macOS dmg', () => {
    const y = src('electron-builder.yml');
    expect(y).toMatch(/asarUnpack:\s*\n\s*- ['"]?\*\*\/node_modules\/better-sqlite3\/\*\*['"]?/);
    expect(y).toMatch(/win:\s*\n(\s+.*\n)*?\s+target:\s*\n\s*- nsis/);
    expect(y).toMatch(/mac:\s*\n(\s+.*\n)*?\s+target:\s*\n\s*- dmg/);
    for (const fuse of [
      'runAsNode: false',
      'enableNodeOptionsEnvironmentVariable: false',
      'enableNodeCliInspectArguments: false',
      'enableEmbeddedAsarIntegrityValidation: true',
      'onlyLoadAppFromAsar: true',
      'enableCookieEncryption: true',
    ]) {
      expect(y).toContain(fuse);
    }
  });
});
