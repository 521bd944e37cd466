import type { CommandModule } from '../command';

export const adjustCommands: CommandModule = ({ program, call, io, int }) => {
  program
    .command('adjust')
    .description('add a signed manual adjustment for a member in an open period')
    .requiredOption('--member <code>', 'member code')
    .requiredOption('--period <period>', 'period YYYY-MM')
    .requiredOption('--amount <n>', 'signed amount in rupiah', int('--amount'))
    .requiredOption('--reason <text>', 'why (kept in the audit trail)')
    .option('--json', 'JSON output')
    .action(
      async (o: {
        member: string;
        period: string;
        amount: number;
        reason: string;
        json?: boolean;
      }) => {
        const r = await call('adjustments:add', {
          member: o.member,
          period: o.period,
          amount: o.amount,
          reason: o.reason,
        });
        io.out(
          o.json
            ? `${JSON.stringify(r)}\n`
            : `adjustment ${r.id}: ${r.memberCode} ${r.period} ${r.amount}\n`,
        );
      },
    );

  program
    .command('adjustments')
    .description('list the adjustments of a period')
    .requiredOption('--period <period>', 'period YYYY-MM')
    .option('--json', 'JSON output')
    .action(async (o: { period: string; json?: boolean }) => {
      const rows = await call('adjustments:list', { period: o.period });
      if (o.json) {
        io.out(`${JSON.stringify(rows)}\n`);
        return;
      }
      for (const r of rows) {
        io.out(`${r.id}\t${r.memberCode}\t${r.amount}\t${r.createdBy ?? ''}\t${r.reason}\n`);
      }
    });
};
