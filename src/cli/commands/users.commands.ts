import { Refused, type CommandModule } from '../command';
import { ROLES, type Role } from '../../shared/roles';
import type { UserRow } from '../../shared/ipc/users.contract';

/** Passwords never travel on the command line (visible in `ps`): they come from a variable. */
function passwordFrom(varName: string | undefined): string | undefined {
  if (varName === undefined) return undefined;
  const v = process.env[varName];
  if (v === undefined || v === '') throw new Refused(`environment variable ${varName} is not set`);
  return v;
}

function role(v: string): Role {
  if (!(ROLES as readonly string[]).includes(v))
    throw new Refused(`--role must be one of ${ROLES.join(', ')}, got "${v}"`);
  return v as Role;
}

const line = (u: UserRow) =>
  `${u.username.padEnd(20)} ${u.role.padEnd(10)} ${u.active ? 'active  ' : 'inactive'} ${
    u.hasPassword ? 'password' : 'cli-only'
  }  ${u.displayName}\n`;

export const usersCommands: CommandModule = ({ program, call, io }) => {
  const users = program
    .command('users')
    .description('people who use the app and the CLI, and their roles (admin only)');

  users
    .command('list')
    .description('every user')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) => {
      const rows = await call('users:list', {});
      if (o.json) io.out(`${JSON.stringify(rows)}\n`);
      else for (const u of rows) io.out(line(u));
    });

  users
    .command('add <username>')
    .description('add a user; without --password-env the user can act only through the CLI')
    .requiredOption('--role <role>', ROLES.join('|'), role)
    .option('--display-name <name>', 'name shown in the app (default: the username)')
    .option('--password-env <VAR>', 'read the new password from this environment variable')
    .action(
      async (username: string, o: { role: Role; displayName?: string; passwordEnv?: string }) => {
        const u = await call('users:create', {
          username,
          displayName: o.displayName ?? username,
          role: o.role,
          password: passwordFrom(o.passwordEnv),
        });
        io.out(`user ${u.username} added (${u.role})\n`);
      },
    );

  users
    .command('update <username>')
    .description('change display name, role, or activate / deactivate')
    .option('--role <role>', ROLES.join('|'), role)
    .option('--display-name <name>', 'name shown in the app')
    .option('--active', 'allow the user to act again')
    .option('--inactive', 'stop the user from acting (history is kept)')
    .action(
      async (
        username: string,
        o: { role?: Role; displayName?: string; active?: boolean; inactive?: boolean },
      ) => {
        if (o.active && o.inactive) throw new Refused('give --active or --inactive, not both');
        const u = await call('users:update', {
          username,
          role: o.role,
          displayName: o.displayName,
          active: o.active ? true : o.inactive ? false : undefined,
        });
        io.out(line(u));
      },
    );

  users
    .command('passwd <username>')
    .description('set (or with --remove, remove) a user password')
    .option('--password-env <VAR>', 'read the new password from this environment variable')
    .option('--remove', 'remove the password: the user can then act only through the CLI')
    .action(async (username: string, o: { passwordEnv?: string; remove?: boolean }) => {
      if (o.remove === Boolean(o.passwordEnv))
        throw new Refused('give either --password-env VAR or --remove');
      const u = await call('users:setPassword', {
        username,
        password: o.remove ? null : passwordFrom(o.passwordEnv)!,
      });
      io.out(`password of ${u.username} ${u.hasPassword ? 'set' : 'removed'}\n`);
    });
};
