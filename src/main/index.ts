// Startup, top to bottom: open db → migrate → register IPC → window. The only other files that
// import electron are window.ts and ipc/register.ts; everything else runs in plain Node.
import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { openDb } from './db/client';
import { registerIpc } from './ipc/register';
import { createMainWindow } from './window';

app.enableSandbox();

void app.whenReady().then(() => {
  const dbPath = process.env.JENJANG_DB ?? join(app.getPath('userData'), 'jenjang.db');
  const db = openDb(dbPath);
  const devServerUrl = process.env.ELECTRON_RENDERER_URL;
  const ui: { win?: BrowserWindow } = {};
  // Until users are set up (see docs/security.md), the desktop session acts as the local admin.
  registerIpc(
    () => ({ db, user: { username: 'admin', role: 'admin' } }),
    (e) =>
      win !== undefined &&
      e.sender === win.webContents &&
      e.senderFrame === win.webContents.mainFrame,
  );
  ui.win = createMainWindow(devServerUrl);
  app.on('window-all-closed', () => {
    db.sqlite.close();
    app.quit();
  });
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (ev) => ev.preventDefault());
});
