import type { usersContract } from '../../../shared/ipc/users.contract';
import { AppError } from '../../../shared/ipc/result';
import { tx, type Db } from '../../db/client';
import { writeAudit } from '../../db/repositories/audit.repo';
import {
  auditView,
  countUsers,
  getUser,
  insertUser,
  listUsers,
  otherActiveAdmins,
  toUserRow,
  updateUser,
  type UserRecord,
} from '../../db/repositories/users.repo';
import {
  BAD_LOGIN,
  authenticate,
  hashPassword,
  sessionUserOf,
  verifyPassword,
} from '../../services/auth';
import type { HandlersFor } from '../handler';

const sessionDto = (u: UserRecord) => ({
  username: u.username,
  displayName: u.display_name,
  role: u.role,
});

function mustGet(db: Db, username: string): UserRecord {
  const u = getUser(db, username);
  if (!u) throw new AppError('NOT_FOUND', `user ${username} not found`);
  return u;
}

export const usersHandlers = {
  'auth:status': (_input, { db, user, session }) => {
    const row = user ? getUser(db, user.username) : undefined;
    return {
      hasUsers: countUsers(db) > 0,
      user: user
        ? {
            username: user.username,
            displayName: row?.display_name ?? user.username,
            role: user.role,
          }
        : null,
      loginRequired: session?.loginRequired ?? false,
    };
  },

  'auth:setup': async ({ username, displayName, password }, { db, session }) => {
    if (countUsers(db) > 0) throw new AppError('CONFLICT', 'users exist already: sign in');
    const passwordHash = await hashPassword(password);
    const u = tx(db, () => {
      // Checked again inside the transaction: two setup forms cannot both win.
      if (countUsers(db) > 0) throw new AppError('CONFLICT', 'users exist already: sign in');
      const created = insertUser(db, { username, displayName, role: 'admin', passwordHash });
      writeAudit(db, {
        actor: username,
        action: 'setup',
        entity: 'user',
        entityId: username,
        after: auditView(created),
      });
      return created;
    });
    session?.set(sessionUserOf(u));
    return sessionDto(u);
  },

  'auth:login': async ({ username, password }, { db, session }) => {
    let u: UserRecord;
    try {
      u = await authenticate(db, username, password);
    } catch (e) {
      if (e instanceof AppError && e.message === BAD_LOGIN) {
        writeAudit(db, {
          actor: username,
          action: 'login-failed',
          entity: 'user',
          entityId: username,
        });
      }
      throw e;
    }
    writeAudit(db, { actor: u.username, action: 'login', entity: 'user', entityId: u.username });
    session?.set(sessionUserOf(u));
    return sessionDto(u);
  },

  'auth:logout': (_input, { db, user, session }) => {
    if (session && user) {
      writeAudit(db, {
        actor: user.username,
        action: 'logout',
        entity: 'user',
        entityId: user.username,
      });
    }
    session?.set(null);
    return { ok: true as const };
  },

  'auth:changePassword': async ({ current, next }, { db, user }) => {
    const u = mustGet(db, user.username);
    if (u.password_hash === null || !(await verifyPassword(current, u.password_hash))) {
      throw new AppError('VALIDATION', 'current: the current password is wrong');
    }
    const passwordHash = await hashPassword(next);
    tx(db, () => {
      updateUser(db, u.username, { passwordHash });
      writeAudit(db, {
        actor: user.username,
        action: 'change-password',
        entity: 'user',
        entityId: u.username,
      });
    });
    return { ok: true as const };
  },

  'users:list': (_input, { db }) => listUsers(db),

  'users:create': async ({ password, ...u }, { db, user }) => {
    const passwordHash = password === undefined ? null : await hashPassword(password);
    return tx(db, () => {
      const created = insertUser(db, { ...u, passwordHash });
      writeAudit(db, {
        actor: user.username,
        action: 'create',
        entity: 'user',
        entityId: created.username,
        after: auditView(created),
      });
      return toUserRow(created);
    });
  },

  'users:update': ({ username, ...patch }, { db, user }) =>
    tx(db, () => {
      const before = mustGet(db, username);
      const losesAdmin =
        before.role === 'admin' &&
        before.active === 1 &&
        ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
      if (losesAdmin && otherActiveAdmins(db, username) === 0) {
        throw new AppError('CONFLICT', 'the last active admin cannot be demoted or deactivated');
      }
      const after = updateUser(db, username, patch);
      writeAudit(db, {
        actor: user.username,
        action: 'update',
        entity: 'user',
        entityId: username,
        before: auditView(before),
        after: auditView(after),
      });
      return toUserRow(after);
    }),

  'users:setPassword': async ({ username, password }, { db, user }) => {
    mustGet(db, username);
    const passwordHash = password === null ? null : await hashPassword(password);
    return tx(db, () => {
      const before = mustGet(db, username);
      const after = updateUser(db, username, { passwordHash });
      writeAudit(db, {
        actor: user.username,
        action: password === null ? 'remove-password' : 'set-password',
        entity: 'user',
        entityId: username,
        before: auditView(before),
        after: auditView(after),
      });
      return toUserRow(after);
    });
  },
} satisfies HandlersFor<typeof usersContract>;
