import { dirname, resolve } from 'node:path';
import type { backupContract } from '../../../shared/ipc/backup.contract';
import { AppError } from '../../../shared/ipc/result';
import { releaseHeldConnections } from '../../close/service';
import { writeAudit } from '../../db/repositories/audit.repo';
import {
  backupDir,
  backupKeep,
  createBackup,
  defaultBackupPath,
  listBackups,
  restoreDatabase,
} from '../../services/backup';
import type { HandlersFor } from '../handler';

export const backupHandlers = {
  'backup:create': async ({ out }, { db, user, fromRenderer }) => {
    if (fromRenderer && out !== undefined) {
      throw new AppError('FORBIDDEN', 'the app writes backups to the backups folder only');
    }
    const made = await createBackup(db, out ?? defaultBackupPath(db.path, new Date(), false));
    // Who took a full copy of the data, and where to: after the copy, so it is not in it.
    writeAudit(db, {
      actor: user.username,
      action: 'backup',
      entity: 'database',
      entityId: made.name,
      after: { path: made.path, bytes: made.bytes },
    });
    return made;
  },
  'backup:list': (_input, { db }) => ({
    dir: backupDir(db.path),
    keep: backupKeep(),
    files: listBackups(db.path),
  }),
  'backup:restore': async ({ path }, { db, user, replaceDb, fromRenderer }) => {
    if (fromRenderer && resolve(dirname(path)) !== backupDir(db.path)) {
      throw new AppError('FORBIDDEN', 'the app restores from the backups folder only');
    }
    if (!replaceDb) {
      throw new AppError('CONFLICT', 'restore is available in the app and the CLI only');
    }
    // A kept close preview and the warm workers hold connections to the live file: let go first.
    await releaseHeldConnections();
    return restoreDatabase(db, path, user.username, replaceDb);
  },
} satisfies HandlersFor<typeof backupContract>;
