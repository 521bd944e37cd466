import { resolve } from 'node:path';
import type { CommandModule } from '../command';
import { importCommand, printImport } from './products.commands';

export const ordersCommands: CommandModule = ({ program, call, io }) => {
  const imp = importCommand(program);
  imp
    .command('orders <file>')
    .description('orders.csv/.xlsx: order_no, member, date, sku, qty[, unit_price]')
    .option('--dry-run', 'validate only, write nothing')
    .action(async (file: string, o: { dryRun?: boolean }) => {
      const r = await call('orders:import', { path: resolve(file), dryRun: Boolean(o.dryRun) });
      printImport(io, 'orders', r);
    });
  imp
    .command('returns <file>')
    .description('returns.csv/.xlsx: return_no, order_no, date, sku, qty')
    .option('--dry-run', 'validate only, write nothing')
    .action(async (file: string, o: { dryRun?: boolean }) => {
      const r = await call('returns:import', { path: resolve(file), dryRun: Boolean(o.dryRun) });
      printImport(io, 'returns', r);
    });
};
