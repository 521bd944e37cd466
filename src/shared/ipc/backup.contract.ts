import { z } from 'zod';
import { defineContract } from './channel';
import { ADMIN } from '../roles';

/** An absolute path (POSIX, `C:\…` or `\\server\share\…`); the CLI resolves relative ones. */
export const zAbsPath = z
  .string()
  .min(2)
  .max(4096)
  .refine(
    (p) =>
      !p.includes('\0') && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\')),
    'expected an absolute file path',
  );

export const zBackupFile = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  /** When the backup was taken (from its name), ISO UTC. */
  at: z.string(),
  /** true: made by the daily schedule (pruned to the newest N); false: made by a person. */
  scheduled: z.boolean(),
});
export type BackupFile = z.infer<typeof zBackupFile>;

export const backupContract = defineContract({
  /** Consistent online copy (SQLite backup API) while the app keeps working. */
  'backup:create': {
    input: z
      .object({
        /** Default: a timestamped file in the backups folder beside the database. */
        out: zAbsPath.optional(),
      })
      .strict(),
    output: zBackupFile,
    roles: ADMIN,
  },
  /** The backups folder beside the database, newest first. */
  'backup:list': {
    input: z.object({}).strict(),
    output: z.object({ dir: z.string(), keep: z.number().int(), files: z.array(zBackupFile) }),
    roles: ADMIN,
  },
  /**
   * Replace the live database with a backup after checking it (integrity_check, migration
   * history a prefix of this build's). `confirm: true` is the person's explicit yes. The file
   * replaced is kept beside it as `<db>.before-restore`.
   */
  'backup:restore': {
    input: z.object({ path: zAbsPath, confirm: z.literal(true) }).strict(),
    output: z.object({
      restoredFrom: z.string(),
      previousKeptAs: z.string(),
      schemaVersion: z.string().nullable(),
      /** Migrations of this build applied on top of the backup's schema. */
      migrationsApplied: z.number().int(),
      /** Result of the audit chain check of the restored database. */
      auditOk: z.boolean(),
    }),
    roles: ADMIN,
  },
});
