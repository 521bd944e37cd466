import type { CommandModule } from '../command';

export const systemCommands: CommandModule = ({ program, call, io, int }) => {
  program
    .command('init')
    .description('create / migrate the database')
    .action(async () => {
      const info = await call('system:info', {});
      io.out(`database ready: ${info.dbPath} (schema ${info.schemaVersion})\n`);
    });

  program
    .command('demo')
    .description('fill an empty database with realistic demo data')
    .requiredOption('--members <n>', 'number of members', int('--members'))
    .option('--months <m>', 'months of orders', int('--months'), 3)
    .option('--seed <s>', 'random seed', int('--seed'), 1)
    .action(async (o: { members: number; months: number; seed: number }) => {
      const r = await call('system:demo', o);
      io.out(`demo data: ${r.members} members, ${r.orders} orders\n`);
    });
};
