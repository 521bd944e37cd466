import { BrowserWindow, app } from 'electron';
import { fileURLToPath } from 'node:url';
import { webPreferences } from './security';

/** The renderer's folder as a file URL: the only file:// pages the app may show. */
export const RENDERER_BASE = new URL('../renderer/', import.meta.url).href;

/**
 * The main window. Its policies live in security.ts: webPreferences here; session and
 * web-contents hardening are applied in index.ts for every window.
 */
export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Jenjang',
    autoHideMenuBar: true,
    webPreferences: webPreferences({
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      packaged: app.isPackaged,
    }),
  });
  win.on('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(fileURLToPath(new URL('index.html', RENDERER_BASE)));
  return win;
}
