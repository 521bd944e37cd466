import { createCore } from './2026_11_26_0001_create_core';
import { addMemberSearch } from './2026_11_26_0004_add_member_search';
import { hardenAuditLog } from './2026_11_26_0009_harden_audit_log';
import { createCloseTables } from './2026_11_26_0007_create_close_tables';
import { createPayoutBatches } from './2026_11_26_0012_create_payout_batches';
import { createPlanDrafts } from './2026_11_26_0015_create_plan_drafts';
import { addOrderLineVolumeIndex } from './2026_11_26_0018_add_order_line_volume_index';
import { fixClosedPeriodMessages } from './2026_11_26_0021_fix_closed_period_messages';
import { lightenMemberIndexes } from './2026_11_26_0024_lighten_member_indexes';
import { addMemberChecklistIndexes } from './2026_11_27_0027_add_member_checklist_indexes';

export interface Migration {
  /** `YYYY_MM_DD_NNNN_verb_noun`; the order of MIGRATIONS is the order they run in. */
  name: string;
  up: string;
}

/** Static map: the main process is bundled, so migrations are imported, not globbed. */
export const MIGRATIONS: readonly Migration[] = [
  createCore,
  addMemberSearch,
  hardenAuditLog,
  createPayoutBatches,
  createCloseTables,
  createPlanDrafts,
  addOrderLineVolumeIndex,
  fixClosedPeriodMessages,
  lightenMemberIndexes,
  addMemberChecklistIndexes,
];
