import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ImportResult } from '../../shared/ipc/products.contract';
import type { CliIo, CommandModule } from '../command';

/**
 * `jenjang import …` is shared by several domains (members, products, orders, returns): each
 * module adds its subcommand to the one `import` command, whoever creates it first.
 */
export function importCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('all-or-nothing import of a CSV or XLSX file')
  );
}

/** `imported orders.csv: 120 orders created, 340 lines (340 rows)` or the dry-run equivalent. */
export function printImport(io: CliIo, what: string, r: ImportResult): void {
  const parts = [`${r.created} ${what} created`];
  if (r.updated) parts.push(`${r.updated} updated`);
  if (r.lines) parts.push(`${r.lines} lines`);
  const summary = `${parts.join(', ')} (${r.rows} rows)`;
  io.out(
    r.dryRun
      ? `dry run: ${r.file} is valid: ${summary}; nothing written\n`
      : `imported ${r.file}: ${summary}\n`,
  );
}

export const productsCommands: CommandModule = ({ program, call, io }) => {
  importCommand(program)
    .command('products <file>')
    .description('products.csv/.xlsx: sku, name, member_price, retail_price, pv, bv[, active]')
    .option('--dry-run', 'validate only, write nothing')
    .action(async (file: string, o: { dryRun?: boolean }) => {
      const r = await call('products:import', { path: resolve(file), dryRun: Boolean(o.dryRun) });
      printImport(io, 'products', r);
    });
};
