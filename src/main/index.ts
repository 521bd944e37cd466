// Startup, top to bottom: sandbox → open db → migrate → session → register IPC → harden
// session → backups → window. The only other files that import electron are window.ts and
// ipc/register.ts; everything else runs in plain Node.
import { app, session as electronSession, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { openDb, type Db } from './db/client';
import type { SessionUser } from './ipc/context';
import { registerIpc } from './ipc/register';
import { hardenSession, hardenWebContents, isTrustedSender } from './security';
import { createSession } from './services/auth';
import { backupKeep, startBackupScheduler } from './services/backup';
import { RENDERER_BASE, createMainWindow } from './window';

app.enableSandbox();

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

/**
 * Who the app acts as while nobody is signed in: nobody — sign-in is required, and a fresh
 * database first asks for the admin account (AuthGate). JENJANG_NO_LOGIN=1 acts as the local
 * admin instead, for a single-user demo (docs/security.md, "Sessions").
 */
const LOCAL_ADMIN: SessionUser = { username: 'admin', role: 'admin' };
const fallbackUser = process.env.JENJANG_NO_LOGIN === '1' ? LOCAL_ADMIN : null;

// Every web contents, the main window's included: no new windows, no navigation, no webview.
app.on('web-contents-created', (_e, contents) =>
  hardenWebContents(contents, devServerUrl, (url) => void shell.openExternal(url), RENDERER_BASE),
);

void app.whenReady().then(() => {
  const dbPath = process.env.JENJANG_DB ?? join(app.getPath('userData'), 'jenjang.db');
  let db: Db = openDb(dbPath);
  const session = createSession(fallbackUser);
  const ui: { win?: BrowserWindow } = {};
  registerIpc(
    () => ({
      db,
      user: session.current(db),
      session,
      fromRenderer: true,
      // backup:restore: close, swap the file, reopen; whoever was signed in signs in again.
      replaceDb: (replace) => {
        db.sqlite.close();
        try {
          replace(dbPath);
          session.set(null);
        } finally {
          db = openDb(dbPath);
        }
      },
    }),
    (e) => isTrustedSender(e, ui.win, devServerUrl, RENDERER_BASE),
  );
  hardenSession(electronSession.defaultSession, devServerUrl);
  const backups = startBackupScheduler({ getDb: () => db, keep: backupKeep() });
  ui.win = createMainWindow(devServerUrl);
  app.on('window-all-closed', () => {
    backups.stop();
    db.sqlite.close();
    app.quit();
  });
});
