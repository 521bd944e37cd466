// Electron security settings and policies as plain data and functions over small structural
// types, so tests can assert every one of them without Electron (test/main/security.test.ts).
// Checklist: https://www.electronjs.org/docs/latest/tutorial/security — see docs/security.md.

/** Strict CSP: only our own bundle; AG Grid and Mantine need inline styles, nothing else. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** BrowserWindow webPreferences (besides preload and devTools, see webPreferences()). */
export const WEB_PREFERENCES = {
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
  safeDialogs: true,
  spellcheck: false,
} as const;

/** Full webPreferences of the main window: DevTools only in development builds. */
export function webPreferences(o: { preload: string; packaged: boolean }) {
  return { ...WEB_PREFERENCES, preload: o.preload, devTools: !o.packaged };
}

/**
 * Is `url` our own page? In development: the dev server's origin. Packaged: a file:// URL, and
 * when `fileBase` (the renderer folder's file URL) is given, one inside that folder.
 */
export function isOwnUrl(
  url: string,
  devServerUrl: string | undefined,
  fileBase?: string,
): boolean {
  if (devServerUrl) {
    try {
      return new URL(url).origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  if (!url.startsWith('file://')) return false;
  if (fileBase === undefined) return true;
  try {
    // Compare decoded paths (`..` resolved by URL), case-insensitively: Windows and macOS file
    // systems are, and Electron may spell a drive letter or an escape differently.
    const path = (u: string) => decodeURIComponent(new URL(u).pathname).toLowerCase();
    return path(url).startsWith(path(fileBase));
  } catch {
    return false;
  }
}

/** Only https links leave the app, and only to the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  return /^https:\/\/[^\s]+$/.test(url);
}

/**
 * No remote content: every request of the session must be for our own files (or inline data);
 * in development also the dev server (http + its HMR websocket) and DevTools.
 */
export function isAllowedRequestUrl(url: string, devServerUrl: string | undefined): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'file:' || u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (devServerUrl) {
    if (u.protocol === 'devtools:' || u.protocol === 'chrome-extension:') return true;
    const dev = new URL(devServerUrl);
    if (u.host === dev.host && (u.protocol === dev.protocol || u.protocol === 'ws:')) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Wiring, over the few members of Electron's Session / WebContents / IpcMainInvokeEvent we use.

type Prevent = { preventDefault(): void };

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (wc: unknown, permission: unknown, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[] | string> },
        callback: (r: { responseHeaders?: Record<string, string[] | string> }) => void,
      ) => void,
    ): void;
    onBeforeRequest(
      listener: (details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void,
    ): void;
  };
}

/**
 * Session policy: every permission request (camera, notifications, geolocation, …) is denied,
 * every permission check answers no, the CSP header is added to every response, and requests
 * for anything but our own files are cancelled.
 */
export function hardenSession(s: SessionLike, devServerUrl: string | undefined): void {
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  s.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, devServerUrl) });
  });
}

export interface ContentsLike {
  setWindowOpenHandler(handler: (d: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (e: Prevent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (e: Prevent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: Prevent) => void): unknown;
}

/**
 * Every web contents (the main window and anything created later): no new windows (https links
 * go to the system browser), no navigation or redirect away from the app, no <webview>.
 */
export function hardenWebContents(
  contents: ContentsLike,
  devServerUrl: string | undefined,
  openExternal: (url: string) => void,
  fileBase?: string,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (e, url) => {
    if (!isOwnUrl(url, devServerUrl, fileBase)) e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (!isOwnUrl(url, devServerUrl, fileBase)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
}

export interface InvokeEventLike {
  sender: unknown;
  senderFrame: { url: string } | null;
}

/**
 * IPC sender check (register.ts): the call must come from our main window's top frame showing
 * our own page — not a subframe, not another window, not a page navigated elsewhere.
 */
export function isTrustedSender(
  e: InvokeEventLike,
  win: { webContents: { mainFrame: unknown } } | undefined,
  devServerUrl: string | undefined,
  fileBase?: string,
): boolean {
  if (!win || e.sender !== win.webContents) return false;
  const frame = e.senderFrame;
  return (
    frame !== null &&
    frame === win.webContents.mainFrame &&
    isOwnUrl(frame.url, devServerUrl, fileBase)
  );
}
