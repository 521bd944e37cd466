import { BrowserWindow, shell, session } from 'electron';
import { fileURLToPath } from 'node:url';

/** Strict CSP: only our own bundle; AG Grid and Mantine need inline styles, nothing else. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Security settings asserted by test/main/window-security.test.ts. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function isOwnUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl);
  return url.startsWith('file://');
}

export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);

  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Jenjang',
    autoHideMenuBar: true,
    webPreferences: {
      ...WEB_PREFERENCES,
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    },
  });
  win.on('ready-to-show', () => win.show());
  // No new windows and no navigation away from the app; external links open in the browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isOwnUrl(url, devServerUrl)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(fileURLToPath(new URL('../renderer/index.html', import.meta.url)));
  return win;
}
