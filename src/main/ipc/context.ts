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

/** What every handler receives besides its parsed input. Built by Electron, the CLI or tests. */
export interface Ctx {
  db: Db;
  user: SessionUser;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}
