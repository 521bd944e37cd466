import { z } from 'zod';
import { defineContract } from './channel';
import { ADMIN, ANY_ROLE, ROLES } from '../roles';

/** Usernames are case-insensitive: stored and compared in lower case. */
export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const zUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_RE, 'username: 1–64 letters, digits, . _ - (starting with a letter or digit)');
export const PASSWORD_MIN = 8;
/** Long enough for passphrases, short enough that hashing stays cheap. */
export const PASSWORD_MAX = 256;
export const zPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
export const zRole = z.enum(ROLES);
export const zDisplayName = z.string().trim().min(1).max(120);

export const zSessionUser = z.object({
  username: z.string(),
  displayName: z.string(),
  role: zRole,
});
export type SessionUserDto = z.infer<typeof zSessionUser>;

export const zAuthStatus = z.object({
  /** false on a fresh database: the renderer shows the first-admin setup form. */
  hasUsers: z.boolean(),
  /** Who the next calls act as (null: nobody signed in). */
  user: zSessionUser.nullable(),
  /** true: without a signed-in user only the public channels answer. */
  loginRequired: z.boolean(),
});
export type AuthStatus = z.infer<typeof zAuthStatus>;

export const zUserRow = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: zRole,
  active: z.boolean(),
  /** false: a CLI-only user (acts without a password); cannot sign in to the app. */
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
export type UserRow = z.infer<typeof zUserRow>;

export const usersContract = defineContract({
  'auth:status': {
    input: z.object({}).strict(),
    output: zAuthStatus,
    roles: ANY_ROLE,
    public: true,
  },
  /** Create the first admin and sign in as them; refused (CONFLICT) once any user exists. */
  'auth:setup': {
    input: z
      .object({ username: zUsername, displayName: zDisplayName, password: zPassword })
      .strict(),
    output: zSessionUser,
    roles: ANY_ROLE,
    public: true,
  },
  /** Wrong username or password, inactive user: FORBIDDEN (the same message for all three). */
  'auth:login': {
    input: z
      .object({
        username: zUsername,
        password: z.string().min(1).max(PASSWORD_MAX),
      })
      .strict(),
    output: zSessionUser,
    roles: ANY_ROLE,
    public: true,
  },
  'auth:logout': {
    input: z.object({}).strict(),
    output: z.object({ ok: z.literal(true) }),
    roles: ANY_ROLE,
    public: true,
  },
  /** Change one's own password; the current one is required. */
  'auth:changePassword': {
    input: z.object({ current: z.string().min(1).max(PASSWORD_MAX), next: zPassword }).strict(),
    output: z.object({ ok: z.literal(true) }),
    roles: ANY_ROLE,
  },
  'users:list': {
    input: z.object({}).strict(),
    output: z.array(zUserRow),
    roles: ADMIN,
  },
  /** No password: a CLI-only user (`jenjang --user NAME`). */
  'users:create': {
    input: z
      .object({
        username: zUsername,
        displayName: zDisplayName,
        role: zRole,
        password: zPassword.optional(),
      })
      .strict(),
    output: zUserRow,
    roles: ADMIN,
  },
  /** The last active admin can be neither demoted nor deactivated (CONFLICT). */
  'users:update': {
    input: z
      .object({
        username: zUsername,
        displayName: zDisplayName.optional(),
        role: zRole.optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    output: zUserRow,
    roles: ADMIN,
  },
  /** null removes the password (the user can then act only through the CLI). */
  'users:setPassword': {
    input: z.object({ username: zUsername, password: zPassword.nullable() }).strict(),
    output: zUserRow,
    roles: ADMIN,
  },
});
