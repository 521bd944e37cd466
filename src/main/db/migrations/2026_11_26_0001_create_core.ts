import type { Migration } from './index';

/**
 * Core schema. Invariants that SQL can hold live here (CHECK, FK, UNIQUE, triggers), so a
 * write that bypasses the app still cannot break them. Frozen: never edit, add a new file.
 */
export const createCore: Migration = {
  name: '2026_11_26_0001_create_core',
  up: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin','accountant','staff','viewer')),
  password_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) STRICT;

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32 AND code NOT GLOB '*[^A-Za-z0-9_-]*'),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('distributor','customer')),
  sponsor_id INTEGER REFERENCES members(id),
  placement_id INTEGER REFERENCES members(id),
  leg TEXT CHECK (leg IN ('L','R')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','terminated')),
  join_date TEXT NOT NULL CHECK (join_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  phone TEXT,
  email TEXT,
  nik TEXT CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*')),
  npwp TEXT CHECK (npwp IS NULL OR (length(npwp) IN (15,16) AND npwp NOT GLOB '*[^0-9]*')),
  bank_name TEXT,
  bank_account TEXT,
  bank_holder TEXT,
  hold INTEGER NOT NULL DEFAULT 0 CHECK (hold IN (0,1)),
  hold_reason TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  CHECK (sponsor_id IS NULL OR sponsor_id <> id),
  CHECK ((placement_id IS NULL) = (leg IS NULL)),
  CHECK (placement_id IS NULL OR kind = 'distributor'),
  CHECK (sponsor_id IS NOT NULL OR kind = 'distributor'),
  CHECK (hold = 0 OR hold_reason IS NOT NULL),
  UNIQUE (placement_id, leg)
) STRICT;
CREATE INDEX members_sponsor ON members(sponsor_id);
CREATE INDEX members_name ON members(name, id);
CREATE INDEX members_phone ON members(phone) WHERE phone IS NOT NULL;

-- A distributor's sponsor is a distributor; a placement parent is a distributor.
CREATE TRIGGER members_sponsor_kind_ins BEFORE INSERT ON members
WHEN NEW.kind = 'distributor' AND NEW.sponsor_id IS NOT NULL
  AND (SELECT kind FROM members WHERE id = NEW.sponsor_id) <> 'distributor'
BEGIN SELECT RAISE(ABORT, 'VALIDATION: a distributor''s sponsor must be a distributor'); END;
CREATE TRIGGER members_sponsor_kind_upd BEFORE UPDATE OF sponsor_id, kind ON members
WHEN NEW.kind = 'distributor' AND NEW.sponsor_id IS NOT NULL
  AND (SELECT kind FROM members WHERE id = NEW.sponsor_id) <> 'distributor'
BEGIN SELECT RAISE(ABORT, 'VALIDATION: a distributor''s sponsor must be a distributor'); END;
CREATE TRIGGER members_customer_downline BEFORE UPDATE OF kind ON members
WHEN NEW.kind = 'customer' AND EXISTS (SELECT 1 FROM members WHERE sponsor_id = NEW.id AND kind = 'distributor')
BEGIN SELECT RAISE(ABORT, 'VALIDATION: a customer cannot sponsor distributors'); END;
CREATE TRIGGER members_placement_kind_ins BEFORE INSERT ON members
WHEN NEW.placement_id IS NOT NULL
  AND (SELECT kind FROM members WHERE id = NEW.placement_id) <> 'distributor'
BEGIN SELECT RAISE(ABORT, 'VALIDATION: a placement parent must be a distributor'); END;
CREATE TRIGGER members_placement_kind_upd BEFORE UPDATE OF placement_id ON members
WHEN NEW.placement_id IS NOT NULL
  AND (SELECT kind FROM members WHERE id = NEW.placement_id) <> 'distributor'
BEGIN SELECT RAISE(ABORT, 'VALIDATION: a placement parent must be a distributor'); END;
-- Moves must not create cycles (inserts cannot: a new row has no descendants).
CREATE TRIGGER members_sponsor_cycle BEFORE UPDATE OF sponsor_id ON members
WHEN NEW.sponsor_id IS NOT NULL AND NEW.id IN (
  WITH RECURSIVE up(id) AS (
    SELECT NEW.sponsor_id UNION SELECT m.sponsor_id FROM members m JOIN up ON m.id = up.id WHERE m.sponsor_id IS NOT NULL
  ) SELECT id FROM up)
BEGIN SELECT RAISE(ABORT, 'VALIDATION: sponsor move would create a cycle'); END;
CREATE TRIGGER members_placement_cycle BEFORE UPDATE OF placement_id ON members
WHEN NEW.placement_id IS NOT NULL AND NEW.id IN (
  WITH RECURSIVE up(id) AS (
    SELECT NEW.placement_id UNION SELECT m.placement_id FROM members m JOIN up ON m.id = up.id WHERE m.placement_id IS NOT NULL
  ) SELECT id FROM up)
BEGIN SELECT RAISE(ABORT, 'VALIDATION: placement move would create a cycle'); END;

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  sku TEXT NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 32),
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  member_price INTEGER NOT NULL CHECK (member_price >= 0),
  retail_price INTEGER NOT NULL CHECK (retail_price >= 0),
  pv INTEGER NOT NULL CHECK (pv >= 0),
  bv INTEGER NOT NULL CHECK (bv >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
) STRICT;

-- A period row exists once a period has been closed (or reopened); no row = open.
CREATE TABLE periods (
  period TEXT PRIMARY KEY CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  status TEXT NOT NULL CHECK (status IN ('open','closed')),
  run_id INTEGER REFERENCES runs(id),
  closed_at TEXT,
  closed_by TEXT
) STRICT;

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  order_no TEXT NOT NULL UNIQUE CHECK (length(order_no) BETWEEN 1 AND 64),
  member_id INTEGER NOT NULL REFERENCES members(id),
  order_date TEXT NOT NULL CHECK (order_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  period TEXT NOT NULL GENERATED ALWAYS AS (substr(order_date, 1, 7)) STORED,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) STRICT;
CREATE INDEX orders_period_member ON orders(period, member_id);
CREATE INDEX orders_member ON orders(member_id);

-- Prices and volumes are snapshots taken at order time: product changes never alter history.
-- member_id/period are copied from the order so the close reads lines in one scan.
CREATE TABLE order_lines (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  period TEXT NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  member_price INTEGER NOT NULL CHECK (member_price >= 0),
  pv INTEGER NOT NULL CHECK (pv >= 0),
  bv INTEGER NOT NULL CHECK (bv >= 0)
) STRICT;
CREATE INDEX order_lines_order ON order_lines(order_id);
CREATE INDEX order_lines_period ON order_lines(period);
CREATE TRIGGER order_lines_match_order BEFORE INSERT ON order_lines
WHEN NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = NEW.order_id AND o.member_id = NEW.member_id AND o.period = NEW.period)
BEGIN SELECT RAISE(ABORT, 'VALIDATION: order line member/period must match its order'); END;

-- One row per returned order line. period = the return's own period.
CREATE TABLE returns (
  id INTEGER PRIMARY KEY,
  return_no TEXT NOT NULL CHECK (length(return_no) BETWEEN 1 AND 64),
  order_id INTEGER NOT NULL REFERENCES orders(id),
  order_line_id INTEGER NOT NULL REFERENCES order_lines(id),
  return_date TEXT NOT NULL CHECK (return_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  period TEXT NOT NULL GENERATED ALWAYS AS (substr(return_date, 1, 7)) STORED,
  qty INTEGER NOT NULL CHECK (qty > 0),
  -- 1 when the order's period was already closed when the return was recorded: the return is
  -- then charged as a clawback in its own period instead of netting out of the order's period.
  clawback INTEGER NOT NULL CHECK (clawback IN (0,1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  UNIQUE (return_no, order_line_id)
) STRICT;
CREATE INDEX returns_period ON returns(period);
CREATE INDEX returns_order_line ON returns(order_line_id);
CREATE TRIGGER returns_not_more_than_bought BEFORE INSERT ON returns
WHEN NEW.qty + (SELECT coalesce(sum(qty), 0) FROM returns WHERE order_line_id = NEW.order_line_id)
     > (SELECT qty FROM order_lines WHERE id = NEW.order_line_id)
  OR (SELECT order_id FROM order_lines WHERE id = NEW.order_line_id) <> NEW.order_id
  OR NEW.return_date < (SELECT order_date FROM orders WHERE id = NEW.order_id)
BEGIN SELECT RAISE(ABORT, 'VALIDATION: return exceeds the quantity not yet returned, or does not match its order'); END;
CREATE TRIGGER returns_clawback_flag BEFORE INSERT ON returns
WHEN NEW.clawback <> EXISTS (SELECT 1 FROM periods p JOIN orders o ON o.period = p.period
                             WHERE o.id = NEW.order_id AND p.status = 'closed')
BEGIN SELECT RAISE(ABORT, 'VALIDATION: returns.clawback must say whether the order''s period is closed'); END;

CREATE TABLE plan_versions (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  plan_json TEXT NOT NULL,
  plan_hash TEXT NOT NULL CHECK (length(plan_hash) = 64),
  status TEXT NOT NULL DEFAULT 'adopted' CHECK (status IN ('adopted','draft')),
  effective_period TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  created_by TEXT
) STRICT;
CREATE TRIGGER plan_versions_immutable BEFORE UPDATE OF plan_json, plan_hash ON plan_versions
WHEN OLD.status = 'adopted'
BEGIN SELECT RAISE(ABORT, 'CONFLICT: adopted plan versions are immutable'); END;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions WHEN OLD.status = 'adopted'
BEGIN SELECT RAISE(ABORT, 'CONFLICT: adopted plan versions are immutable'); END;

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  plan_version INTEGER NOT NULL REFERENCES plan_versions(version),
  plan_hash TEXT NOT NULL,
  run_hash TEXT NOT NULL CHECK (length(run_hash) = 64),
  status TEXT NOT NULL CHECK (status IN ('committed','superseded')),
  totals_json TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  created_by TEXT,
  previewed_by TEXT,
  superseded_at TEXT,
  supersede_reason TEXT
) STRICT;
CREATE UNIQUE INDEX runs_one_committed ON runs(period) WHERE status = 'committed';
CREATE TRIGGER runs_immutable BEFORE UPDATE ON runs
WHEN NOT (OLD.status = 'committed' AND NEW.status = 'superseded'
          AND NEW.id = OLD.id AND NEW.run_hash = OLD.run_hash AND NEW.totals_json = OLD.totals_json)
BEGIN SELECT RAISE(ABORT, 'CONFLICT: committed runs are immutable'); END;
CREATE TRIGGER runs_no_delete BEFORE DELETE ON runs
BEGIN SELECT RAISE(ABORT, 'CONFLICT: runs are never deleted'); END;

-- Per member outcome of a committed run (the JSON member row, in columns).
CREATE TABLE run_members (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  rank TEXT,
  active INTEGER NOT NULL CHECK (active IN (0,1)),
  pv INTEGER NOT NULL,
  gv INTEGER NOT NULL,
  bv INTEGER NOT NULL,
  bonuses_json TEXT NOT NULL,
  bonus_total INTEGER NOT NULL,
  adjustments INTEGER NOT NULL,
  clawbacks INTEGER NOT NULL,
  carry_in INTEGER NOT NULL,
  gross INTEGER NOT NULL,
  available INTEGER NOT NULL,
  held INTEGER NOT NULL CHECK (held IN (0,1)),
  paid INTEGER NOT NULL CHECK (paid IN (0,1)),
  tax INTEGER NOT NULL CHECK (tax >= 0),
  tax_base INTEGER NOT NULL DEFAULT 0,
  net INTEGER NOT NULL,
  carry_out INTEGER NOT NULL,
  binary_carry_l INTEGER NOT NULL DEFAULT 0,
  binary_carry_r INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, member_id),
  CHECK (paid = 0 OR (held = 0 AND net = available - tax AND carry_out = 0))
) STRICT, WITHOUT ROWID;

-- Every amount is the sum of its lines. source_order_id is set for order-sourced bonuses.
CREATE TABLE run_lines (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  earner_id INTEGER NOT NULL REFERENCES members(id),
  bonus_id TEXT NOT NULL,
  source_member_id INTEGER REFERENCES members(id),
  source_order_id INTEGER REFERENCES orders(id),
  level INTEGER NOT NULL DEFAULT 0,
  base INTEGER NOT NULL,
  rate_bp INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0)
) STRICT;
CREATE INDEX run_lines_earner ON run_lines(run_id, earner_id);
CREATE INDEX run_lines_order ON run_lines(source_order_id) WHERE source_order_id IS NOT NULL;

CREATE TRIGGER run_members_immutable BEFORE UPDATE ON run_members
BEGIN SELECT RAISE(ABORT, 'CONFLICT: run rows are immutable'); END;
CREATE TRIGGER run_members_no_delete BEFORE DELETE ON run_members
BEGIN SELECT RAISE(ABORT, 'CONFLICT: run rows are immutable'); END;
CREATE TRIGGER run_lines_immutable BEFORE UPDATE ON run_lines
BEGIN SELECT RAISE(ABORT, 'CONFLICT: run rows are immutable'); END;
CREATE TRIGGER run_lines_no_delete BEFORE DELETE ON run_lines
BEGIN SELECT RAISE(ABORT, 'CONFLICT: run rows are immutable'); END;

CREATE TABLE adjustments (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  amount INTEGER NOT NULL CHECK (amount <> 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) STRICT;
CREATE INDEX adjustments_period ON adjustments(period);

CREATE TABLE holds (
  id INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  placed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  placed_by TEXT,
  released_at TEXT,
  released_by TEXT
) STRICT;
CREATE INDEX holds_member ON holds(member_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT,
  reason TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

-- Closed periods are immutable: refused in SQL, whoever writes.
CREATE TRIGGER orders_closed_ins BEFORE INSERT ON orders
WHEN EXISTS (SELECT 1 FROM periods WHERE period = substr(NEW.order_date,1,7) AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || substr(NEW.order_date,1,7) || ' is closed'); END;
CREATE TRIGGER orders_closed_upd BEFORE UPDATE ON orders
WHEN EXISTS (SELECT 1 FROM periods WHERE period IN (OLD.period, substr(NEW.order_date,1,7)) AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
CREATE TRIGGER orders_closed_del BEFORE DELETE ON orders
WHEN EXISTS (SELECT 1 FROM periods WHERE period = OLD.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
CREATE TRIGGER order_lines_closed_ins BEFORE INSERT ON order_lines
WHEN EXISTS (SELECT 1 FROM periods WHERE period = NEW.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || NEW.period || ' is closed'); END;
CREATE TRIGGER order_lines_closed_upd BEFORE UPDATE ON order_lines
WHEN EXISTS (SELECT 1 FROM periods WHERE period IN (OLD.period, NEW.period) AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
CREATE TRIGGER order_lines_closed_del BEFORE DELETE ON order_lines
WHEN EXISTS (SELECT 1 FROM periods WHERE period = OLD.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
CREATE TRIGGER returns_closed_ins BEFORE INSERT ON returns
WHEN EXISTS (SELECT 1 FROM periods WHERE period = substr(NEW.return_date,1,7) AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || substr(NEW.return_date,1,7) || ' is closed'); END;
CREATE TRIGGER returns_closed_upd BEFORE UPDATE ON returns
WHEN EXISTS (SELECT 1 FROM periods WHERE period IN (OLD.period, substr(NEW.return_date,1,7)) AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
CREATE TRIGGER returns_closed_del BEFORE DELETE ON returns
WHEN EXISTS (SELECT 1 FROM periods WHERE period = OLD.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
CREATE TRIGGER adjustments_closed_ins BEFORE INSERT ON adjustments
WHEN EXISTS (SELECT 1 FROM periods WHERE period = NEW.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || NEW.period || ' is closed'); END;
CREATE TRIGGER adjustments_closed_upd BEFORE UPDATE ON adjustments
WHEN EXISTS (SELECT 1 FROM periods WHERE period IN (OLD.period, NEW.period) AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
CREATE TRIGGER adjustments_closed_del BEFORE DELETE ON adjustments
WHEN EXISTS (SELECT 1 FROM periods WHERE period = OLD.period AND status = 'closed')
BEGIN SELECT RAISE(ABORT, 'PERIOD_CLOSED: period ' || OLD.period || ' is closed'); END;
`,
};
