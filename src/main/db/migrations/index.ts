import { createCore } from './2026_11_26_0001_create_core';

export interface Migration {
  /** `YYYY_MM_DD_NNNN_verb_noun`; the order of MIGRATIONS is the order they run in. */
  name: string;
  up: string;
}

/** Static map: the main process is bundled, so migrations are imported, not globbed. */
export const MIGRATIONS: readonly Migration[] = [createCore];
