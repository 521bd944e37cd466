import type { Migration } from './index';

/**
 * Members grid and genealogy at 1M members (docs/members.md):
 * - join-date sort and kind-filtered name sort use indexes; the trees load from a covering
 *   index (narrow rows instead of the wide table);
 * - name search is word-prefix full text (FTS5, external content = members, kept by triggers);
 * - `change_counters` lets in-memory caches (subtree sizes, period volumes, grid totals) know
 *   when they are stale. Inserts are detected by max(id) (ids are assigned ascending), so only
 *   updates and deletes bump a counter: a per-row trigger on insert would double import time.
 */
export const addMemberSearch: Migration = {
  name: '2026_11_26_0004_add_member_search',
  up: `
-- Covering index for loading both trees in one narrow scan (the table rows are wide).
CREATE INDEX members_tree ON members(sponsor_id, placement_id, leg, kind);
CREATE INDEX members_join_date ON members(join_date);
CREATE INDEX members_kind_name ON members(kind, name);

-- The core schema checks a placement parent's kind when a member is placed; this closes the
-- other door: a placement parent turning into a customer.
CREATE TRIGGER members_placement_parent_kind BEFORE UPDATE OF kind ON members
WHEN NEW.kind = 'customer' AND EXISTS (SELECT 1 FROM members WHERE placement_id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'VALIDATION: a placement parent must be a distributor'); END;

CREATE VIRTUAL TABLE members_fts USING fts5(
  name, content='members', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO members_fts(members_fts) VALUES ('rebuild');
CREATE TRIGGER members_fts_ins AFTER INSERT ON members BEGIN
  INSERT INTO members_fts(rowid, name) VALUES (NEW.id, NEW.name);
END;
CREATE TRIGGER members_fts_del AFTER DELETE ON members BEGIN
  INSERT INTO members_fts(members_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name);
END;
CREATE TRIGGER members_fts_upd AFTER UPDATE OF name ON members BEGIN
  INSERT INTO members_fts(members_fts, rowid, name) VALUES ('delete', OLD.id, OLD.name);
  INSERT INTO members_fts(rowid, name) VALUES (NEW.id, NEW.name);
END;

CREATE TABLE change_counters (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
INSERT INTO change_counters (name, version) VALUES ('members', 0), ('volumes', 0);
CREATE TRIGGER members_version_upd AFTER UPDATE ON members BEGIN
  UPDATE change_counters SET version = version + 1 WHERE name = 'members';
END;
CREATE TRIGGER members_version_del AFTER DELETE ON members BEGIN
  UPDATE change_counters SET version = version + 1 WHERE name = 'members';
END;
CREATE TRIGGER order_lines_version_upd AFTER UPDATE ON order_lines BEGIN
  UPDATE change_counters SET version = version + 1 WHERE name = 'volumes';
END;
CREATE TRIGGER order_lines_version_del AFTER DELETE ON order_lines BEGIN
  UPDATE change_counters SET version = version + 1 WHERE name = 'volumes';
END;
CREATE TRIGGER returns_version_upd AFTER UPDATE ON returns BEGIN
  UPDATE change_counters SET version = version + 1 WHERE name = 'volumes';
END;
CREATE TRIGGER returns_version_del AFTER DELETE ON returns BEGIN
  UPDATE change_counters SET version = version + 1 WHERE name = 'volumes';
END;
`,
};
