import type { Db } from '../db/client';
import type { Role } from '../../shared/roles';

export interface SessionUser {
  username: string;
  role: Role;
}

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

/** The host's hold on who is signed in (Electron); auth:login/logout/setup change it. */
export interface SessionControl {
  /** true: no fallback user, so the renderer must sign in before calling non-public channels. */
  readonly loginRequired: boolean;
  set(user: SessionUser | null): void;
}

/** What every handler receives besides its parsed input. Built by Electron, the CLI or tests. */
export interface Ctx {
  db: Db;
  user: SessionUser;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Only in the Electron app (see services/auth.ts createSession). */
  session?: SessionControl;
  /**
   * Hosts that can swap the database file (app, CLI) provide this: close the live handle, run
   * `replace(path)` (which renames files), reopen. Used by backup:restore.
   */
  replaceDb?: (replace: (path: string) => void) => void;
  /**
   * true for calls from the Electron renderer, which is untrusted: handlers must not read or
   * write file paths it names (it sends file contents instead; see docs/security.md).
   */
  fromRenderer?: boolean;
  /**
   * true when nothing else waits on this thread (the CLI): file imports run here rather than in
   * their worker thread, which from the TypeScript sources takes ~2 s to start (tsx).
   */
  sameThread?: boolean;
}

/** A caller without a session yet: dispatch lets it reach only channels marked `public`. */
export type AnyCtx = Omit<Ctx, 'user'> & { user: SessionUser | null };
