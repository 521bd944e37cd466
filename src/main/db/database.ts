import type { ColumnType, Generated } from 'kysely';

/** Kysely table types: the schema as TypeScript. Rows never cross IPC (see repositories). */
type Default<T> = ColumnType<T, T | undefined, T>;
type ReadOnly<T> = ColumnType<T, never, never>;

export interface SettingsTable {
  key: string;
  value: string;
}
export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'admin' | 'accountant' | 'staff' | 'viewer';
  password_hash: string | null;
  active: Default<number>;
  created_at: Default<string>;
}
export type MemberKind = 'distributor' | 'customer';
export type MemberStatus = 'active' | 'suspended' | 'terminated';
export interface MembersTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: MemberKind;
  sponsor_id: number | null;
  placement_id: number | null;
  leg: 'L' | 'R' | null;
  status: Default<MemberStatus>;
  join_date: string;
  phone: string | null;
  email: string | null;
  nik: string | null;
  npwp: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_holder: string | null;
  hold: Default<number>;
  hold_reason: string | null;
  created_at: Default<string>;
  updated_at: Default<string>;
}
export interface ProductsTable {
  id: Generated<number>;
  sku: string;
  name: string;
  member_price: number;
  retail_price: number;
  pv: number;
  bv: number;
  active: Default<number>;
}
export interface PeriodsTable {
  period: string;
  status: 'open' | 'closed';
  run_id: number | null;
  closed_at: string | null;
  closed_by: string | null;
}
export interface OrdersTable {
  id: Generated<number>;
  order_no: string;
  member_id: number;
  order_date: string;
  period: ReadOnly<string>;
  created_at: Default<string>;
}
export interface OrderLinesTable {
  id: Generated<number>;
  order_id: number;
  member_id: number;
  period: string;
  product_id: number;
  qty: number;
  unit_price: number;
  member_price: number;
  pv: number;
  bv: number;
}
export interface ReturnsTable {
  id: Generated<number>;
  return_no: string;
  order_id: number;
  order_line_id: number;
  return_date: string;
  period: ReadOnly<string>;
  qty: number;
  clawback: number;
  created_at: Default<string>;
}
export interface PlanVersionsTable {
  version: Generated<number>;
  name: string;
  plan_json: string;
  plan_hash: string;
  status: Default<'adopted' | 'draft'>;
  effective_period: string | null;
  created_at: Default<string>;
  created_by: string | null;
}
export interface RunsTable {
  id: Generated<number>;
  period: string;
  plan_version: number;
  plan_hash: string;
  run_hash: string;
  status: 'committed' | 'superseded';
  totals_json: string;
  created_at: Default<string>;
  created_by: string | null;
  previewed_by: string | null;
  superseded_at: string | null;
  supersede_reason: string | null;
}
export interface RunMembersTable {
  run_id: number;
  member_id: number;
  rank: string | null;
  active: number;
  pv: number;
  gv: number;
  bv: number;
  bonuses_json: string;
  bonus_total: number;
  adjustments: number;
  clawbacks: number;
  carry_in: number;
  gross: number;
  available: number;
  held: number;
  paid: number;
  tax: number;
  tax_base: Default<number>;
  net: number;
  carry_out: number;
  binary_carry_l: Default<number>;
  binary_carry_r: Default<number>;
  volume_owner_id: Default<number | null>;
}
export interface RunLinesTable {
  run_id: number;
  earner_id: number;
  bonus_id: string;
  source_member_id: number | null;
  source_order_id: number | null;
  level: Default<number>;
  base: number;
  rate_bp: number;
  amount: number;
}
export interface RunClawbacksTable {
  run_id: number;
  earner_id: number;
  bonus_id: string;
  source_run_id: number;
  source_period: string;
  source_member_id: number | null;
  source_order_id: number | null;
  level: Default<number>;
  base: number;
  rate_bp: number;
  before_amount: number;
  after_amount: number;
  amount: number;
}
export interface ClosePreviewsTable {
  period: string;
  run_hash: string;
  plan_version: number;
  plan_hash: string;
  previewed_by: string;
  previewed_at: string;
  totals_json: string;
  members_blob: Buffer;
}
export interface AdjustmentsTable {
  id: Generated<number>;
  member_id: number;
  period: string;
  amount: number;
  reason: string;
  created_by: string | null;
  created_at: Default<string>;
}
export interface HoldsTable {
  id: Generated<number>;
  member_id: number;
  reason: string;
  placed_at: Default<string>;
  placed_by: string | null;
  released_at: string | null;
  released_by: string | null;
}
export interface AuditLogTable {
  id: Generated<number>;
  at: Default<string>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface PayoutBatchesTable {
  id: Generated<number>;
  period: string;
  run_id: number;
  created_at: Default<string>;
  created_by: string | null;
  last_export_at: string | null;
  last_export_by: string | null;
  last_export_layout: string | null;
}
export interface PayoutItemsTable {
  id: Generated<number>;
  batch_id: number;
  member_id: number;
  kind: 'run' | 'retry';
  retry_of: number | null;
  source_run_id: number;
  source_period: string;
  amount: number;
  status: Default<'pending' | 'paid' | 'failed'>;
  reason: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_holder: string | null;
  exported_at: string | null;
  marked_at: string | null;
  marked_by: string | null;
}

export interface PlanDraftsTable {
  id: Generated<number>;
  name: string;
  plan_text: string;
  plan_hash: string | null;
  base_version: number | null;
  adopted_version: number | null;
  created_at: Default<string>;
  created_by: string | null;
  updated_at: Default<string>;
  updated_by: string | null;
}

export interface DB {
  settings: SettingsTable;
  users: UsersTable;
  members: MembersTable;
  products: ProductsTable;
  periods: PeriodsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  returns: ReturnsTable;
  plan_versions: PlanVersionsTable;
  runs: RunsTable;
  run_members: RunMembersTable;
  run_lines: RunLinesTable;
  run_clawbacks: RunClawbacksTable;
  close_previews: ClosePreviewsTable;
  adjustments: AdjustmentsTable;
  holds: HoldsTable;
  audit_log: AuditLogTable;
  payout_batches: PayoutBatchesTable;
  payout_items: PayoutItemsTable;
  plan_drafts: PlanDraftsTable;
}
