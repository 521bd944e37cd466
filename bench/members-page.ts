import type { Db } from '../src/main/db/client';
import { listMembers, pageMemberIds } from '../src/main/db/repositories/members.repo';
import { invalidateMemberTree, getMemberTree } from '../src/main/services/member-tree';
import { genealogyChildren } from '../src/main/services/genealogy';

/**
 * Members grid paging at depth (docs/members.md "Measured"). Run against a large demo database:
 *
 *   const db = openDb('/tmp/m1m.db');           // generateDemo(db, { members: 1_000_000, … })
 *   measureGridPage(db)                          // → median ms, 100 rows at offset 90 % deep by name
 */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timed(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/**
 * Median ms of one `members:list` page (100 rows, sorted by name, ids then details) at a deep
 * offset (90 % of the table by default), each run at a *different* offset so no keyset anchor
 * from a previous run helps: this is the cold cost of jumping deep into the grid.
 */
export function measureGridPage(db: Db, opts: { runs?: number; depth?: number } = {}): number {
  const runs = opts.runs ?? 9;
  const total = listMembers(db, { offset: 0, limit: 1, sort: [], filter: {} }).total;
  const base = Math.floor(total * (opts.depth ?? 0.9));
  // Warm SQLite's page cache without leaving keyset anchors behind.
  pageMemberIds(
    db,
    { offset: base + 5000, limit: 100, sort: [{ colId: 'name', sort: 'asc' }], filter: {} },
    false,
  );
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const offset = Math.max(0, base - i * 1009);
    times.push(
      timed(() =>
        listMembers(db, {
          offset,
          limit: 100,
          sort: [{ colId: 'name', sort: 'asc' }],
          filter: {},
        }),
      ),
    );
  }
  return median(times);
}

/** Everything docs/members.md reports, as one object of median milliseconds. */
export function measureMembers(db: Db): Record<string, number> {
  const total = listMembers(db, { offset: 0, limit: 1, sort: [], filter: {} }).total;
  const deep = Math.floor(total * 0.9);
  const q = (offset: number, colId?: string) => ({
    offset,
    limit: 100,
    sort: colId ? [{ colId, sort: 'asc' as const }] : [],
    filter: {},
  });
  const r: Record<string, number> = {};
  r.gridPageDeepByName = measureGridPage(db);
  r.plainOffsetDeepByName = median(
    Array.from({ length: 5 }, (_, i) =>
      timed(() => pageMemberIds(db, q(deep - i * 997, 'name'), false)),
    ),
  );
  // Next page after one already served: starts from the keyset anchor the previous page left.
  pageMemberIds(db, q(deep, 'name'));
  r.keysetNextPageDeepByName = median(
    Array.from({ length: 5 }, (_, i) =>
      timed(() => pageMemberIds(db, q(deep + (i + 1) * 100, 'name'))),
    ),
  );
  r.deepByCodeDefault = median(
    Array.from({ length: 5 }, (_, i) => timed(() => pageMemberIds(db, q(deep - i * 991), false))),
  );
  r.countAllUncached = timed(() => db.sqlite.prepare('SELECT count(*) FROM members').pluck().get());
  r.searchNameWord = median(
    Array.from({ length: 3 }, () =>
      timed(() =>
        listMembers(db, { ...q(0, 'name'), search: `budi${Math.random() < 2 ? '' : 'x'}` }),
      ),
    ),
  );
  r.searchCodePrefix = median(
    Array.from({ length: 3 }, (_, i) =>
      timed(() => listMembers(db, { ...q(0), search: `D00012${i}` })),
    ),
  );
  invalidateMemberTree(db);
  r.treeBuild = timed(() => getMemberTree(db));
  r.genealogyFirstChildren = timed(() =>
    genealogyChildren(db, { tree: 'sponsor', offset: 0, limit: 200 }),
  );
  r.genealogyChildrenCached = median(
    Array.from({ length: 5 }, () =>
      timed(() => genealogyChildren(db, { tree: 'sponsor', offset: 0, limit: 200 })),
    ),
  );
  return r;
}
