// Electron security settings as plain data, so tests can assert them without Electron.
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

/** Only https links leave the app, and only to the system browser. */
export function isAllowedExternalUrl(url: string): boolean {
  return /^https:\/\/[^\s]+$/.test(url);
}
