import type { Db } from '../client';
import type { Role } from '../../../shared/roles';
import type { UserRow } from '../../../shared/ipc/users.contract';

/** A users row as stored; `password_hash` never leaves main (not in UserRow, not in audit). */
export interface UserRecord {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  active: number;
  created_at: string;
}

export function toUserRow(r: UserRecord): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    active: r.active === 1,
    hasPassword: r.password_hash !== null,
    createdAt: r.created_at,
  };
}

/** What the audit log records of a user: everything but the hash. */
export function auditView(r: UserRecord): Omit<UserRow, 'id' | 'createdAt'> {
  const { id: _id, createdAt: _c, ...rest } = toUserRow(r);
  return rest;
}

export function countUsers(db: Db): number {
  return db.sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number;
}

export function getUser(db: Db, username: string): UserRecord | undefined {
  return db.sqlite.prepare('SELECT * FROM users WHERE username = ?').get(username) as
    UserRecord | undefined;
}

export function listUsers(db: Db): UserRow[] {
  const rows = db.sqlite.prepare('SELECT * FROM users ORDER BY username').all() as UserRecord[];
  return rows.map(toUserRow);
}

export function insertUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; passwordHash: string | null },
): UserRecord {
  const id = db.sqlite
    .prepare('INSERT INTO users (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)')
    .run(u.username, u.displayName, u.role, u.passwordHash).lastInsertRowid;
  return db.sqlite.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRecord;
}

export function updateUser(
  db: Db,
  username: string,
  patch: { displayName?: string; role?: Role; active?: boolean; passwordHash?: string | null },
): UserRecord {
  const sets: string[] = [];
  const args: (string | number | null)[] = [];
  if (patch.displayName !== undefined) {
    sets.push('display_name = ?');
    args.push(patch.displayName);
  }
  if (patch.role !== undefined) {
    sets.push('role = ?');
    args.push(patch.role);
  }
  if (patch.active !== undefined) {
    sets.push('active = ?');
    args.push(patch.active ? 1 : 0);
  }
  if (patch.passwordHash !== undefined) {
    sets.push('password_hash = ?');
    args.push(patch.passwordHash);
  }
  if (sets.length > 0) {
    db.sqlite
      .prepare(`UPDATE users SET ${sets.join(', ')} WHERE username = ?`)
      .run(...args, username);
  }
  return getUser(db, username)!;
}

/** Active admins other than `username` (the last admin must stay). */
export function otherActiveAdmins(db: Db, username: string): number {
  return db.sqlite
    .prepare("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND username <> ?")
    .pluck()
    .get(username) as number;
}
