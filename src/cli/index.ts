import { Command, CommanderError } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDb, type Db } from '../main/db/client';
import { dispatch } from '../main/ipc/dispatch';
import type { Ctx, SessionUser } from '../main/ipc/context';
import { CLI_DEFAULT_USER, resolveCliUser } from '../main/services/auth';
import { AppError } from '../shared/ipc/result';
import { Refused, type CliIo, type CliKit, type CommandModule } from './command';
import { ordersCommands } from './commands/orders.commands';
import { periodsCommands } from './commands/periods.commands';
import { productsCommands } from './commands/products.commands';
import { systemCommands } from './commands/system.commands';
import { usersCommands } from './commands/users.commands';
import { auditCommands } from './commands/audit.commands';
import { backupCommands } from './commands/backup.commands';
import { closeCommands } from './commands/close.commands';
import { planCommands } from './commands/plan.commands';
import { adjustCommands } from './commands/adjust.commands';
import { explainCommands } from './commands/explain.commands';
import { exportCommands } from './commands/export.commands';
import { membersCommands } from './commands/members.commands';
import { whatifCommands } from './commands/whatif.commands';

/**
 * `jenjang` — the headless face of the app. Every command goes through the same dispatch()
 * as the Electron renderer. Exit codes (interfaces.md): 0 ok, 2 refused, 1 unexpected.
 * Commands live in ./commands, one module per domain.
 */
const MODULES: CommandModule[] = [
  systemCommands,
  periodsCommands,
  productsCommands,
  ordersCommands,
  usersCommands,
  auditCommands,
  backupCommands,
  closeCommands,
  planCommands,
  adjustCommands,
  explainCommands,
  exportCommands,
  membersCommands,
  whatifCommands,
];

interface Globals {
  db?: string;
  user: string;
}

function resolveDbPath(g: Globals): string {
  const p = g.db ?? process.env.JENJANG_DB;
  if (!p) throw new Refused('no database: pass --db PATH or set JENJANG_DB');
  const abs = resolve(p);
  if (!existsSync(dirname(abs))) mkdirSync(dirname(abs), { recursive: true });
  return abs;
}

export function buildProgram(io: CliIo): { program: Command; close: () => void } {
  let db: Db | undefined;
  const program = new Command('jenjang')
    .description('Jenjang back-office: members, sales, period close, payouts')
    .option('--db <path>', 'database file (or JENJANG_DB)')
    .option(
      '--user <name>',
      'act as this user, with its stored role (password in JENJANG_PASSWORD); on a database without users: admin',
      CLI_DEFAULT_USER,
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  // A command line waits for another writer, as the close and imports workers do (a close
  // commit at a million members holds the lock ~10 s); the app's own connection keeps 5 s.
  const getDb = (): Db =>
    (db ??= openDb(resolveDbPath(program.opts<Globals>()), { busyTimeoutMs: 30_000 }));
  // Who the CLI acts as is settled once per run, from the users table (docs/security.md).
  let user: SessionUser | undefined;
  const ctx = async (): Promise<Ctx> => {
    user ??= await resolveCliUser(
      getDb(),
      program.opts<Globals>().user,
      process.env.JENJANG_PASSWORD,
    );
    return {
      db: getDb(),
      user,
      replaceDb: (replace) => {
        const path = getDb().path;
        db?.sqlite.close();
        db = undefined;
        replace(path);
      },
      onProgress: (p) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${p.stage} ${p.done}/${p.total}   `);
      },
      sameThread: true,
    };
  };
  const kit: CliKit = {
    program,
    io,
    db: getDb,
    call: async (channel, input) => {
      const r = await dispatch(channel, input, await ctx());
      if (r.ok) return r.data;
      if (r.error.code === 'INTERNAL') throw new Error(r.error.message);
      throw new Refused(r.error.message);
    },
    int: (name) => (v) => {
      if (!/^-?\d+$/.test(v)) throw new Refused(`${name} must be an integer, got "${v}"`);
      return Number(v);
    },
  };
  for (const m of MODULES) m(kit);
  return {
    program,
    close: () => {
      db?.sqlite.close();
      db = undefined;
    },
  };
}

/** Run the CLI; returns the exit code instead of exiting (tests call this in-process). */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const { program, close } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      // commander's own usage errors, or our Refused thrown from an option parser
      return 2;
    }
    if (e instanceof Refused || e instanceof AppError) {
      io.err(`jenjang: ${e.message}\n`);
      return 2;
    }
    io.err(
      `jenjang: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 1;
  } finally {
    close();
  }
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};
