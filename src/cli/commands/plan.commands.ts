import { readFileSync } from 'node:fs';
import { Refused, type CommandModule } from '../command';

/** Read a plan file as JSON; a file that is not JSON is refused with its parser message. */
export function readPlanFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Refused(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new Refused(`${file}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export const planCommands: CommandModule = ({ program, call, io, int }) => {
  const plan = program.command('plan').description('compensation plan versions');

  plan
    .command('set <file>')
    .description('validate a plan file and store it as a new version; prints the version number')
    .option(
      '--effective <period>',
      'first period the version applies to (default: every open period)',
    )
    .action(async (file: string, o: { effective?: string }) => {
      const r = await call('plans:set', {
        plan: readPlanFile(file),
        ...(o.effective ? { effectivePeriod: o.effective } : {}),
      });
      io.out(`${r.version}\n`);
    });

  plan
    .command('validate <file>')
    .description('check a plan file without storing it')
    .action(async (file: string) => {
      const r = await call('plans:validate', { plan: readPlanFile(file) });
      if (!r.ok) throw new Refused(`plan rejected:\n  ${r.errors.join('\n  ')}`);
      io.out(`ok ${r.planHash}\n`);
    });

  plan
    .command('show')
    .description('print a stored plan (default: the latest version)')
    .option('--version <n>', 'version number', int('--version'))
    .option('--json', 'print the version record with the plan')
    .action(async (o: { version?: number; json?: boolean }) => {
      const r = await call('plans:show', o.version !== undefined ? { version: o.version } : {});
      io.out(`${JSON.stringify(o.json ? r : r.plan, null, 2)}\n`);
    });

  plan
    .command('list')
    .description('every stored plan version')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) => {
      const rows = await call('plans:list', {});
      if (o.json) {
        io.out(`${JSON.stringify(rows)}\n`);
        return;
      }
      for (const r of rows) {
        io.out(
          `${String(r.version).padStart(3)}  ${r.planHash.slice(0, 12)}  ${r.createdAt}  ${r.name}` +
            `${r.committedPeriods.length ? `  (used by ${r.committedPeriods.join(', ')})` : ''}\n`,
        );
      }
    });
};
