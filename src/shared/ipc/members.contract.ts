import { z } from 'zod';
import { defineContract } from './channel';
import { ANY_ROLE, FINANCE, WRITERS } from '../roles';
import { zDate, zMemberCode, zPageRequest, zPeriod } from './common';

export const zMemberKind = z.enum(['distributor', 'customer']);
export const zMemberStatus = z.enum(['active', 'suspended', 'terminated']);
export const zLeg = z.enum(['L', 'R']);
export const zTree = z.enum(['sponsor', 'placement']);
export type MemberKind = z.infer<typeof zMemberKind>;
export type MemberStatus = z.infer<typeof zMemberStatus>;
export type Tree = z.infer<typeof zTree>;

export const zMemberRow = z.object({
  id: z.number().int(),
  code: zMemberCode,
  name: z.string(),
  kind: zMemberKind,
  status: zMemberStatus,
  sponsorCode: z.string().nullable(),
  placementCode: z.string().nullable(),
  leg: zLeg.nullable(),
  joinDate: zDate,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  nik: z.string().nullable(),
  npwp: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  bankHolder: z.string().nullable(),
  hold: z.boolean(),
  holdReason: z.string().nullable(),
});
export type MemberRow = z.infer<typeof zMemberRow>;

// ---------------------------------------------------------------------------------------------
// Field rules, shared by the create/edit form, members:create/update and the CSV import.

export const NIK_RE = /^\d{16}$/;
export const NPWP_RE = /^\d{15,16}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+$/;
export const PHONE_RE = /^\+?[0-9][0-9 ().-]{3,30}$/;

export const FIELD_MESSAGES = {
  nik: 'NIK must be exactly 16 digits',
  npwp: 'NPWP must be 15 or 16 digits',
  email: 'not an email address',
  phone: 'phone: digits, spaces, + ( ) . - only (4–32 characters)',
} as const;

/** '' and whitespace-only mean "not given" for optional text fields (forms send ''). */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToNull, s.nullable().optional());
const optText = (max: number) => optional(z.string().trim().max(max));

export const zMemberName = z.string().trim().min(1, 'name is required').max(200);
export const zMemberFields = {
  name: zMemberName,
  phone: optional(z.string().trim().regex(PHONE_RE, FIELD_MESSAGES.phone)),
  email: optional(z.string().trim().max(200).regex(EMAIL_RE, FIELD_MESSAGES.email)),
  nik: optional(z.string().trim().regex(NIK_RE, FIELD_MESSAGES.nik)),
  npwp: optional(z.string().trim().regex(NPWP_RE, FIELD_MESSAGES.npwp)),
  bankName: optText(100),
  bankAccount: optional(
    z
      .string()
      .trim()
      .regex(/^[0-9 -]{4,34}$/, 'bank account: 4–34 digits'),
  ),
  bankHolder: optText(200),
};

export const zMemberCreate = z
  .object({
    code: zMemberCode,
    kind: zMemberKind,
    sponsorCode: optional(zMemberCode),
    placementCode: optional(zMemberCode),
    leg: optional(zLeg),
    joinDate: zDate,
    status: zMemberStatus.default('active'),
    ...zMemberFields,
  })
  .strict();
export type MemberCreate = z.output<typeof zMemberCreate>;

/** Editable without a move: contact, identity and bank fields, status, kind (checked in main). */
export const zMemberUpdate = z
  .object({
    code: zMemberCode,
    name: zMemberName.optional(),
    phone: zMemberFields.phone,
    email: zMemberFields.email,
    nik: zMemberFields.nik,
    npwp: zMemberFields.npwp,
    bankName: zMemberFields.bankName,
    bankAccount: zMemberFields.bankAccount,
    bankHolder: zMemberFields.bankHolder,
    status: zMemberStatus.optional(),
    kind: zMemberKind.optional(),
  })
  .strict();
export type MemberUpdate = z.output<typeof zMemberUpdate>;

// ---------------------------------------------------------------------------------------------
// Grid

export const zMemberFilter = z
  .object({
    kind: zMemberKind.optional(),
    status: zMemberStatus.optional(),
    hold: z.boolean().optional(),
    joinFrom: zDate.optional(),
    joinTo: zDate.optional(),
  })
  .strict();
export type MemberFilter = z.infer<typeof zMemberFilter>;

/** Columns the grid may sort by (others are ignored). */
export const MEMBER_SORTABLE = ['code', 'name', 'kind', 'status', 'joinDate'] as const;

const zListInput = zPageRequest.extend({ filter: zMemberFilter.default({}) }).strict();

// ---------------------------------------------------------------------------------------------
// Detail, genealogy

export const zMemberRef = z.object({
  code: z.string(),
  name: z.string(),
  kind: zMemberKind,
  status: zMemberStatus,
});
export type MemberRef = z.infer<typeof zMemberRef>;

export const zTreeNode = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: zMemberKind,
  status: zMemberStatus,
  hold: z.boolean(),
  /** Binary leg under its placement parent (placement tree), or null. */
  leg: zLeg.nullable(),
  /** Direct children in the tree asked for. */
  childCount: z.number().int(),
  /** Everyone below in that tree (not counting the node). */
  downlineSize: z.number().int(),
  /** Personal volume this period (volume owner rule: customers' orders count for their distributor). */
  pv: z.number().int(),
  /** Own PV + the whole sponsor downline's PV. */
  gv: z.number().int(),
  /** Binary tree only: PV of the left / right placement subtree this period (else null). */
  leftPv: z.number().int().nullable(),
  rightPv: z.number().int().nullable(),
});
export type TreeNode = z.infer<typeof zTreeNode>;

const zChildrenInput = z
  .object({
    tree: zTree.default('sponsor'),
    /** null/absent = the roots of the tree. */
    code: zMemberCode.nullable().optional(),
    offset: z.number().int().min(0).max(100_000_000).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
    period: zPeriod.optional(),
  })
  .strict();

export const zChildrenPage = z.object({
  tree: zTree,
  period: zPeriod,
  parent: zTreeNode.nullable(),
  total: z.number().int(),
  rows: z.array(zTreeNode),
});
export type ChildrenPage = z.infer<typeof zChildrenPage>;

export const zAuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const zMemberDetail = z.object({
  member: zMemberRow.extend({ createdAt: z.string(), updatedAt: z.string() }),
  period: zPeriod,
  volumes: z.object({ pv: z.number().int(), gv: z.number().int() }),
  /** Direct sponsor first, root last (at most 200). */
  sponsorLine: z.array(zMemberRef),
  sponsorDepth: z.number().int(),
  placementLine: z.array(zMemberRef.extend({ leg: zLeg.nullable() })),
  counts: z.object({
    directSponsored: z.number().int(),
    sponsorDownline: z.number().int(),
    placementLeft: z.object({ code: z.string(), size: z.number().int() }).nullable(),
    placementRight: z.object({ code: z.string(), size: z.number().int() }).nullable(),
  }),
  downline: zChildrenPage,
  ranks: z.array(
    z.object({
      period: z.string(),
      rank: z.string().nullable(),
      active: z.boolean(),
      pv: z.number().int(),
      gv: z.number().int(),
    }),
  ),
  payouts: z.array(
    z.object({
      period: z.string(),
      gross: z.number().int(),
      tax: z.number().int(),
      net: z.number().int(),
      held: z.boolean(),
      paid: z.boolean(),
      carryOut: z.number().int(),
    }),
  ),
  holds: z.array(
    z.object({
      reason: z.string(),
      placedAt: z.string(),
      placedBy: z.string().nullable(),
      releasedAt: z.string().nullable(),
      releasedBy: z.string().nullable(),
    }),
  ),
  audit: z.array(zAuditRow),
});
export type MemberDetail = z.infer<typeof zMemberDetail>;

// ---------------------------------------------------------------------------------------------
// Moves

const zMoveTarget = {
  code: zMemberCode,
  /** Absent: sponsor unchanged. null: becomes a root (distributors only). */
  sponsorCode: zMemberCode.nullable().optional(),
  /** Absent: placement unchanged. null: taken out of the binary tree. */
  placement: z.object({ parentCode: zMemberCode, leg: zLeg }).strict().nullable().optional(),
};

export const zAffectedUpline = z.object({
  code: z.string(),
  name: z.string(),
  /** placement: the leg of this ancestor that the moved subtree is (was) on. */
  leg: zLeg.nullable(),
  before: z.number().int(),
  after: z.number().int(),
});

const zTreeChange = z.object({
  from: zMemberRef.extend({ leg: zLeg.nullable() }).nullable(),
  to: zMemberRef.extend({ leg: zLeg.nullable() }).nullable(),
  /** Nearest ancestor first, at most 50; the new line starts at the new parent. */
  oldLine: z.array(zMemberRef),
  newLine: z.array(zMemberRef),
  /** The moved member plus everyone below it in this tree. */
  subtreeSize: z.number().int(),
  /** PV (sponsor: GV of the member; placement: PV of the placement subtree) that moves. */
  volumeMoved: z.number().int(),
  /** Uplines whose GV (sponsor) or leg volume (placement) changes this period, nearest first. */
  oldUplineAffected: z.number().int(),
  newUplineAffected: z.number().int(),
  affected: z.array(zAffectedUpline.extend({ side: z.enum(['old', 'new']) })),
});

export const zMovePreview = z.object({
  member: zMemberRef,
  period: zPeriod,
  allowed: z.boolean(),
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
  sponsor: zTreeChange.nullable(),
  placement: zTreeChange.nullable(),
});
export type MovePreview = z.infer<typeof zMovePreview>;

// ---------------------------------------------------------------------------------------------
// Import / export

/** One refused row of an imported file (an import's error carries them as `details.errors`). */
export const zTabularError = z.object({
  file: z.string(),
  /** 1-based line in the file (CSV) or row number (XLSX). */
  line: z.number().int(),
  /** Column name, or '' for a problem with the whole row/file. */
  column: z.string(),
  message: z.string(),
});
export type TabularError = z.infer<typeof zTabularError>;

/**
 * The rows an import refused its file for, read back from an error's `details` (main's AppError
 * or the renderer's ApiError), or undefined when that error is about something else.
 */
export function tabularProblems(details: unknown): TabularError[] | undefined {
  const r = z.object({ errors: z.array(zTabularError) }).safeParse(details);
  return r.success ? r.data.errors : undefined;
}

export const zImportSource = {
  /** A file main can read (CLI, e2e). */
  path: z.string().min(1).max(4096).optional(),
  /** Or the file's bytes (renderer: a picked File, read as base64). */
  fileName: z.string().min(1).max(255).optional(),
  base64: z
    .string()
    .max(200 * 1024 * 1024)
    .optional(),
  dryRun: z.boolean().default(false),
};

export const zImportResult = z.object({
  file: z.string(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  distributors: z.number().int(),
  customers: z.number().int(),
  /** Rows written (0 on a dry run). */
  inserted: z.number().int(),
});
export type ImportResult = z.infer<typeof zImportResult>;

export const MEMBER_EXPORT_MAX_INLINE_ROWS = 250_000;

export const membersContract = defineContract({
  'members:list': {
    input: zListInput,
    output: z.object({ rows: z.array(zMemberRow), total: z.number().int() }),
    roles: ANY_ROLE,
  },
  'members:get': {
    input: z.object({ code: zMemberCode }).strict(),
    output: zMemberRow,
    roles: ANY_ROLE,
  },
  'members:create': { input: zMemberCreate, output: zMemberRow, roles: WRITERS },
  'members:update': { input: zMemberUpdate, output: zMemberRow, roles: WRITERS },
  'members:hold': {
    input: z.object({ code: zMemberCode, reason: z.string().trim().min(1).max(500) }).strict(),
    output: zMemberRow,
    roles: FINANCE,
  },
  'members:release': {
    input: z.object({ code: zMemberCode, reason: z.string().trim().max(500).optional() }).strict(),
    output: zMemberRow,
    roles: FINANCE,
  },
  'members:detail': {
    input: z
      .object({
        code: zMemberCode,
        period: zPeriod.optional(),
        downlineOffset: z.number().int().min(0).default(0),
        downlineLimit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
    output: zMemberDetail,
    roles: ANY_ROLE,
  },
  'members:movePreview': {
    input: z.object({ ...zMoveTarget, reason: z.string().max(500).optional() }).strict(),
    output: zMovePreview,
    roles: WRITERS,
  },
  'members:move': {
    input: z
      .object({ ...zMoveTarget, reason: z.string().trim().min(1, 'a reason is required').max(500) })
      .strict(),
    output: z.object({ member: zMemberRow, preview: zMovePreview }),
    roles: WRITERS,
  },
  'members:import': {
    input: z
      .object(zImportSource)
      .strict()
      .refine((v) => (v.path === undefined) !== (v.base64 === undefined), {
        message: 'give either path or base64 (with fileName)',
      }),
    output: zImportResult,
    roles: WRITERS,
    job: true,
  },
  'members:export': {
    input: zListInput
      .omit({ offset: true, limit: true })
      .extend({
        format: z.enum(['csv', 'xlsx']),
        /** Write here (CLI, e2e). Absent: the bytes come back as base64 (renderer download). */
        path: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    output: z.object({
      rows: z.number().int(),
      bytes: z.number().int(),
      fileName: z.string(),
      mime: z.string(),
      path: z.string().nullable(),
      base64: z.string().nullable(),
    }),
    roles: WRITERS,
  },
  'genealogy:children': { input: zChildrenInput, output: zChildrenPage, roles: ANY_ROLE },
  'genealogy:path': {
    input: z
      .object({ tree: zTree.default('sponsor'), code: zMemberCode, period: zPeriod.optional() })
      .strict(),
    /** Root first, the member last. */
    output: z.object({ tree: zTree, period: zPeriod, path: z.array(zTreeNode) }),
    roles: ANY_ROLE,
  },
});
