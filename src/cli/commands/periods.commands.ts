import type { CommandModule } from '../command';

export const periodsCommands: CommandModule = ({ program, call, io }) => {
  const period = program.command('period').description('periods');
  period
    .command('list')
    .description('every period with data')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) => {
      const rows = await call('periods:list', {});
      if (o.json) io.out(`${JSON.stringify(rows)}\n`);
      else for (const r of rows) io.out(`${r.period}  ${r.status.padEnd(6)}  ${r.runHash ?? ''}\n`);
    });
};
