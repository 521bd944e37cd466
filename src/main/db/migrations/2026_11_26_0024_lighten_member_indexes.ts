import type { Migration } from './index';

/**
 * Less for every new member to write (docs/performance.md, members import):
 * - `members_sponsor (sponsor_id)` is a prefix of `members_tree (sponsor_id, placement_id, leg,
 *   kind)`, which serves every lookup it did (children of a sponsor, the foreign-key check when a
 *   sponsor is deleted): it goes.
 * - The name search only ever asks for single-word prefixes (`"word"*` AND …, members.repo.ts
 *   `ftsQuery`), which need no token positions: the full-text index keeps only which row has
 *   which word (`detail=none`), about a third cheaper to fill and smaller on disk. Phrase and
 *   NEAR queries, which would need positions, are not offered.
 * Frozen: never edit, add a new file.
 */
export const lightenMemberIndexes: Migration = {
  name: '2026_11_26_0024_lighten_member_indexes',
  up: `
DROP INDEX members_sponsor;
DROP TABLE members_fts;
CREATE VIRTUAL TABLE members_fts USING fts5(
  name, content='members', content_rowid='id', tokenize='unicode61 remove_diacritics 2',
  detail=none
);
INSERT INTO members_fts(members_fts) VALUES ('rebuild');
`,
};
