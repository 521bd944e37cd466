import type { Migration } from './index';

/**
 * The close checklist lists members on hold and active distributors without a bank account
 * (close/service.ts `checklist`, members.repo.ts `membersOnHold`/`distributorsWithoutBank`).
 * Without an index each of its four queries scanned the whole members table: ~1.5 s apiece at a
 * million members, on the app's thread, whenever the periods screen opened. Partial indexes on
 * `code` hold only those members, so counting reads just them and the first page comes in code
 * order. Their WHERE clauses must stay word for word the ones the queries use
 * (`ON_HOLD_WHERE`, `NO_BANK_WHERE`), or SQLite will not use them (test/main/db.test.ts).
 * Frozen: never edit, add a new file.
 */
export const addMemberChecklistIndexes: Migration = {
  name: '2026_11_27_0027_add_member_checklist_indexes',
  up: `
CREATE INDEX members_on_hold ON members(code) WHERE hold = 1;
CREATE INDEX members_no_bank ON members(code)
  WHERE kind = 'distributor' AND status = 'active' AND (bank_account IS NULL OR trim(bank_account) = '');
`,
};
