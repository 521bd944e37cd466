import { Refused, type CommandModule } from '../command';

export const auditCommands: CommandModule = ({ program, call, io, int }) => {
  const audit = program.command('audit').description('the hash-chained audit log');

  audit
    .command('verify')
    .description('check the hash chain: exit 0 intact, 2 broken (prints the first broken entry)')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) => {
      const r = await call('audit:verify', {});
      if (o.json) io.out(`${JSON.stringify(r)}\n`);
      if (!r.ok) {
        throw new Refused(
          `audit log broken: first broken entry id ${r.firstBrokenId} (${r.entries} entries checked)`,
        );
      }
      if (!o.json) io.out(`audit log intact: ${r.entries} entries, head ${r.headHash ?? '-'}\n`);
    });

  audit
    .command('list')
    .description('newest entries first')
    .option('--limit <n>', 'entries (max 1000)', int('--limit'), 50)
    .option('--offset <n>', 'skip this many', int('--offset'), 0)
    .option('--entity <name>', 'only this entity (member, user, order, …)')
    .option('--actor <username>', 'only this actor')
    .option('--json', 'JSON output')
    .action(
      async (o: {
        limit: number;
        offset: number;
        entity?: string;
        actor?: string;
        json?: boolean;
      }) => {
        const r = await call('audit:list', {
          limit: o.limit,
          offset: o.offset,
          filter: { entity: o.entity, actor: o.actor },
        });
        if (o.json) {
          io.out(`${JSON.stringify(r)}\n`);
          return;
        }
        for (const e of r.rows) {
          io.out(
            `${String(e.id).padStart(6)}  ${e.at}  ${e.actor.padEnd(12)} ${e.action.padEnd(16)} ${e.entity}${e.entityId ? ` ${e.entityId}` : ''}${e.reason ? `  (${e.reason})` : ''}\n`,
          );
        }
      },
    );
};
