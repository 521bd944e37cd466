// Passwords, sign-in and the desktop session. Node's built-in scrypt: no native dependency.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client';
import { countUsers, getUser, type UserRecord } from '../db/repositories/users.repo';
import type { SessionControl, SessionUser } from '../ipc/context';
import { AppError } from '../../shared/ipc/result';
import { PASSWORD_MAX } from '../../shared/ipc/users.contract';

/** Cost parameters of new hashes: 32 MiB and ~50–100 ms per hash on a small office PC. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLen: 32, saltLen: 16 } as const;
/** Bounds for stored parameters, so a tampered row cannot make verification hang or OOM. */
const MAX_N = 2 ** 20;
const MAX_R = 16;
const MAX_P = 4;

function scryptAsync(
  password: string,
  salt: Buffer,
  keyLen: number,
  o: { N: number; r: number; p: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLen,
      { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64), with a fresh random salt per call. */
export async function hashPassword(
  password: string,
  params: { N: number; r: number; p: number } = SCRYPT,
): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLen);
  const key = await scryptAsync(password, salt, SCRYPT.keyLen, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,8}$/.test(x!) ? Number(x) : NaN)) as [
    number,
    number,
    number,
  ];
  // N must be a power of two > 1 (scrypt's own rule) and within our bounds.
  if (!(N > 1 && N <= MAX_N && (N & (N - 1)) === 0)) return null;
  if (!(r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const key = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

/** Constant-time comparison of the derived key; false for malformed or foreign hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  const h = parseHash(stored);
  if (!h) return false;
  const key = await scryptAsync(password, h.salt, h.key.length, h);
  return key.length === h.key.length && timingSafeEqual(key, h.key);
}

/** Spent on unknown users too, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;
function burnVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('not-a-real-password');
  return dummyHash.then((h) => verifyPassword(password, h)).then(() => false);
}

export const BAD_LOGIN = 'wrong username or password';

/**
 * Check a sign-in; the same FORBIDDEN message whether the user is unknown, inactive, has no
 * password (CLI-only) or typed the wrong one.
 */
export async function authenticate(
  db: Db,
  username: string,
  password: string,
): Promise<UserRecord> {
  const u = getUser(db, username);
  const ok =
    u && u.active === 1 && u.password_hash !== null
      ? await verifyPassword(password, u.password_hash)
      : await burnVerify(password);
  if (!u || !ok) throw new AppError('FORBIDDEN', BAD_LOGIN);
  return u;
}

export function sessionUserOf(u: UserRecord): SessionUser {
  return { username: u.username, role: u.role };
}

/** Acting identity of the `jenjang` CLI (see docs/security.md). */
export const CLI_DEFAULT_USER = 'cli';

/**
 * The CLI acts as `--user NAME`. No users at all (fresh database): NAME acts as admin, so a new
 * installation can be set up from the command line. Otherwise NAME must be an existing active
 * user, acting with that user's stored role; a user with a password must give it
 * (JENJANG_PASSWORD).
 */
export async function resolveCliUser(
  db: Db,
  name: string,
  password: string | undefined,
): Promise<SessionUser> {
  const username = name.trim().toLowerCase();
  if (countUsers(db) === 0) return { username, role: 'admin' };
  const u = getUser(db, username);
  if (!u || u.active !== 1) {
    throw new AppError('FORBIDDEN', `no active user "${username}" (pass --user NAME)`);
  }
  if (u.password_hash !== null) {
    if (password === undefined || password === '')
      throw new AppError('FORBIDDEN', `user ${username} has a password: set JENJANG_PASSWORD`);
    if (!(await verifyPassword(password, u.password_hash)))
      throw new AppError('FORBIDDEN', BAD_LOGIN);
  }
  return sessionUserOf(u);
}

/**
 * The desktop session, held in main. `fallback` is who the app acts as when nobody is signed
 * in: the local admin until the renderer has a login screen, then null (login required).
 * The signed-in user's role and active flag are re-read on every call, so a demotion or
 * deactivation takes effect at once.
 */
export interface DesktopSession extends SessionControl {
  /** The user the next call acts as, or null (only public channels answer). */
  current(db: Db): SessionUser | null;
}

export function createSession(fallback: SessionUser | null): DesktopSession {
  let user: SessionUser | null = null;
  return {
    loginRequired: fallback === null,
    set: (u) => {
      user = u;
    },
    current: (db) => {
      if (user) {
        const row = getUser(db, user.username);
        if (!row || row.active !== 1) user = null;
        else user = sessionUserOf(row);
      }
      return user ?? fallback;
    },
  };
}
