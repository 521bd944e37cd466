import { z } from 'zod';
import { defineContract } from './channel';
import { FINANCE } from '../roles';
import { zDate, zPageRequest } from './common';

export const zAuditRow = z.object({
  id: z.number().int(),
  /** ISO timestamp (UTC). */
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The entity before / after the write, as JSON text (null: not applicable). */
  beforeJson: z.string().nullable(),
  afterJson: z.string().nullable(),
  reason: z.string().nullable(),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof zAuditRow>;

const zShort = z.string().trim().min(1).max(64);

export const zAuditFilter = z
  .object({
    actor: zShort.optional(),
    action: zShort.optional(),
    entity: zShort.optional(),
    entityId: zShort.optional(),
    /** Inclusive dates, Asia/Jakarta. */
    from: zDate.optional(),
    to: zDate.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof zAuditFilter>;

export const zAuditVerify = z.object({
  ok: z.boolean(),
  /** Entries checked (up to and including the first broken one). */
  entries: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  /** Hash of the newest entry: note it down (or compare with a backup) to detect truncation. */
  headHash: z.string().nullable(),
});
export type AuditVerify = z.infer<typeof zAuditVerify>;

export const auditContract = defineContract({
  /** Newest first by default; sortable by id, at, actor, action, entity. */
  'audit:list': {
    input: zPageRequest.extend({ filter: zAuditFilter.default({}) }).strict(),
    output: z.object({ rows: z.array(zAuditRow), total: z.number().int() }),
    roles: FINANCE,
  },
  'audit:verify': {
    input: z.object({}).strict(),
    output: zAuditVerify,
    roles: FINANCE,
  },
});
