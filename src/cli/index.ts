import { Command, CommanderError } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDb, type Db } from '../main/db/client';
import { dispatch } from '../main/ipc/dispatch';
import type { Ctx } from '../main/ipc/context';
import { AppError } from '../shared/ipc/result';
import { ROLES, type Role } from '../shared/roles';
import { Refused, type CliIo, type CliKit, type CommandModule } from './command';
import { periodsCommands } from './commands/periods.commands';
import { systemCommands } from './commands/system.commands';

/**
 * `jenjang` — the headless face of the app. Every command goes through the same dispatch()
 * as the Electron renderer. Exit codes (interfaces.md): 0 ok, 2 refused, 1 unexpected.
 * Commands live in ./commands, one module per domain.
 */
const MODULES: CommandModule[] = [systemCommands, periodsCommands];

interface Globals {
  db?: string;
  user: string;
  role: string;
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
    .option('--user <name>', 'act as this user (audit trail)', 'cli')
    .option('--role <role>', `role of the acting user (${ROLES.join('|')})`, 'admin')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const getDb = (): Db => (db ??= openDb(resolveDbPath(program.opts<Globals>())));
  const ctx = (): Ctx => {
    const g = program.opts<Globals>();
    const role = g.role as Role;
    if (!ROLES.includes(role)) throw new Refused(`--role must be one of ${ROLES.join(', ')}`);
    return {
      db: getDb(),
      user: { username: g.user, role },
      onProgress: (p) => {
        if (process.stderr.isTTY) process.stderr.write(`\r${p.stage} ${p.done}/${p.total}   `);
      },
    };
  };
  const kit: CliKit = {
    program,
    io,
    db: getDb,
    call: async (channel, input) => {
      const r = await dispatch(channel, input, ctx());
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
