import { resolve } from 'node:path';
import { Refused, type CommandModule } from '../command';

export const backupCommands: CommandModule = ({ program, call, io }) => {
  program
    .command('backup')
    .description('consistent online backup (default: a timestamped file in backups/ beside the db)')
    .option('--out <file>', 'write the backup to this file (must not exist)')
    .option('--list', 'list the backups beside the database instead')
    .action(async (o: { out?: string; list?: boolean }) => {
      if (o.list) {
        const r = await call('backup:list', {});
        io.out(`${r.dir} (scheduled: newest ${r.keep} kept)\n`);
        for (const f of r.files)
          io.out(
            `${f.at}  ${f.scheduled ? 'auto  ' : 'manual'}  ${String(f.bytes).padStart(12)}  ${f.path}\n`,
          );
        return;
      }
      const f = await call('backup:create', o.out ? { out: resolve(o.out) } : {});
      io.out(`backup written: ${f.path} (${f.bytes} bytes)\n`);
    });

  program
    .command('restore <file>')
    .description(
      'replace the database with a backup (checks integrity and migrations; keeps <db>.before-restore)',
    )
    .option('--yes', 'confirm: the current database is replaced')
    .action(async (file: string, o: { yes?: boolean }) => {
      if (!o.yes) throw new Refused('restore replaces the database: pass --yes to confirm');
      const r = await call('backup:restore', { path: resolve(file), confirm: true });
      io.out(
        `restored ${r.restoredFrom} (schema ${r.schemaVersion ?? '-'}, ${r.migrationsApplied} migrations applied); previous database kept as ${r.previousKeptAs}\n`,
      );
      if (!r.auditOk)
        io.err('warning: the restored audit log does not verify (jenjang audit verify)\n');
    });
};
