// `npm run bench [-- --members N] [--json]`: generate deterministic data at 10k, 100k and 1M
// members (or N), then measure the close against its floor and a naive baseline in this process.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/main/db/client';
import { checkpointAfter, runCloseTask, stageKeptPreview } from '../src/main/close/tasks';
import { checkpointImport, openImportDb, runImportTask } from '../src/main/imports/tasks';
import type { ImportResult } from '../src/shared/ipc/members.contract';
import { floorScan, naiveClose } from './baselines';
import { BENCH_PERIOD, generateBenchData, membersCsv } from './generate';
import { measureGridPage } from './members-page';

interface Row {
  members: number;
  orders: number;
  generateMs: number;
  closePreviewMs: number;
  closeCommitMs: number;
  closeCommitColdMs: number;
  checkpointMs: number;
  stageMs: number;
  floorMs: number;
  naiveMs: number | null;
  ratioFloor: number;
  ratioNaive: number | null;
  gridPageMs: number;
  importMembersPerSec: number;
  importCheckpointMs: number;
  peakRssMb: number;
  note?: string;
}

const args = process.argv.slice(2);
const json = args.includes('--json');
const mi = args.indexOf('--members');
const sizes = mi >= 0 ? [Number(args[mi + 1])] : [10_000, 100_000, 1_000_000];
if (sizes.some((n) => !Number.isInteger(n) || n < 10)) {
  console.error('bench: --members must be an integer ≥ 10');
  process.exit(2);
}
/** The naive baseline is quadratic-ish; above this it would take many minutes. */
const NAIVE_MAX = 100_000;
/** Imports measured per size (the median is reported). */
const IMPORT_RUNS = 3;
const log = (s: string) => {
  if (!json) process.stderr.write(`${s}\n`);
};
const round = (x: number) => Math.round(x * 10) / 10;

async function benchOne(members: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'jenjang-bench-'));
  try {
    const dbPath = join(dir, 'bench.db');
    const db = openDb(dbPath);
    let t = performance.now();
    const data = generateBenchData(db, members);
    const generateMs = performance.now() - t;
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    log(`${members}: generated ${data.orders} orders in ${Math.round(generateMs)} ms`);

    floorScan(db, BENCH_PERIOD); // warm the page cache like the close will find it
    const floor = floorScan(db, BENCH_PERIOD);
    log(`${members}: floor ${Math.round(floor.ms)} ms`);

    const noop = () => {};
    // A commit with no preview kept (the CLI's `close commit`, or data changed since the
    // preview): reads, computes and hashes under the write lock, then writes. On a copy, so the
    // same period can still be previewed and committed below.
    const coldPath = join(dir, 'cold.db');
    copyFileSync(dbPath, coldPath);
    t = performance.now();
    runCloseTask({ kind: 'commit', dbPath: coldPath, period: BENCH_PERIOD, user: 'bench' }, noop);
    const closeCommitColdMs = performance.now() - t;
    log(`${members}: commit without a preview ${Math.round(closeCommitColdMs)} ms`);
    rmSync(coldPath);
    rmSync(`${coldPath}-wal`, { force: true });
    rmSync(`${coldPath}-shm`, { force: true });

    t = performance.now();
    runCloseTask(
      { kind: 'preview', dbPath, period: BENCH_PERIOD, user: 'bench', members: false },
      noop,
    );
    const closePreviewMs = performance.now() - t;
    log(`${members}: preview ${Math.round(closePreviewMs)} ms`);
    // What the close worker does after answering a preview (close.worker.ts), while the user
    // reviews: stage the run rows for the commit, then checkpoint.
    t = performance.now();
    stageKeptPreview();
    const stageMs = performance.now() - t;
    checkpointAfter({
      kind: 'preview',
      dbPath,
      period: BENCH_PERIOD,
      user: 'bench',
      members: false,
    });

    let naiveMs: number | null = null;
    let note: string | undefined;
    if (members <= NAIVE_MAX) {
      naiveMs = naiveClose(db, BENCH_PERIOD).ms;
      log(`${members}: naive ${Math.round(naiveMs)} ms`);
    } else {
      note = `naive skipped above ${NAIVE_MAX} members (minutes)`;
    }

    const gridPageMs = measureGridPage(db);
    log(`${members}: grid page ${round(gridPageMs)} ms`);

    // The app's flow: commit what was just previewed (nothing written since: tasks.ts keeps it).
    t = performance.now();
    runCloseTask({ kind: 'commit', dbPath, period: BENCH_PERIOD, user: 'bench' }, noop);
    const closeCommitMs = performance.now() - t;
    log(`${members}: commit after the preview ${Math.round(closeCommitMs)} ms`);
    // What the close worker does after answering (close.worker.ts): not part of the wait.
    t = performance.now();
    checkpointAfter({ kind: 'commit', dbPath, period: BENCH_PERIOD, user: 'bench' });
    const checkpointMs = performance.now() - t;
    db.sqlite.close();

    // Import: min(members, 100k) rows of members.csv into a fresh database, IMPORT_RUNS times;
    // the median run counts (this VM's timings vary by ±20 % from run to run).
    const importRows = Math.min(members, 100_000);
    const csv = join(dir, 'members.csv');
    writeFileSync(csv, membersCsv(importRows));
    // What the imports worker does (imports.worker.ts), on this thread: the task on its own
    // connection, then — after the answer, not part of the wait — the WAL checkpoint.
    const importRuns: number[] = [];
    const importCheckpoints: number[] = [];
    for (let k = 0; k < IMPORT_RUNS; k++) {
      const file = join(dir, `import-${k}.db`);
      openDb(file).sqlite.close(); // a fresh, migrated database
      const idb = openImportDb(file);
      const task = { kind: 'members', dbPath: file, actor: 'bench' } as const;
      t = performance.now();
      const r = (await runImportTask(
        idb,
        { ...task, input: { path: csv, dryRun: false } },
        noop,
      )) as ImportResult;
      importRuns.push(performance.now() - t);
      t = performance.now();
      checkpointImport(idb);
      importCheckpoints.push(performance.now() - t);
      if (r.inserted !== importRows)
        throw new Error(`import wrote ${r.inserted} of ${importRows} rows`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[IMPORT_RUNS >> 1] as number;
    const importMs = median(importRuns);
    log(
      `${members}: import ${importRows} rows in ${importRuns.map(Math.round).join(' / ')} ms` +
        ` (+ checkpoint after the answer ${importCheckpoints.map(Math.round).join(' / ')} ms)`,
    );

    return {
      members,
      orders: data.orders,
      generateMs: Math.round(generateMs),
      closePreviewMs: Math.round(closePreviewMs),
      closeCommitMs: Math.round(closeCommitMs),
      closeCommitColdMs: Math.round(closeCommitColdMs),
      checkpointMs: Math.round(checkpointMs),
      stageMs: Math.round(stageMs),
      floorMs: Math.round(floor.ms),
      naiveMs: naiveMs === null ? null : Math.round(naiveMs),
      ratioFloor: round(closePreviewMs / floor.ms),
      ratioNaive: naiveMs === null ? null : round(naiveMs / closePreviewMs),
      gridPageMs: round(gridPageMs),
      importMembersPerSec: Math.round(importRows / (importMs / 1000)),
      importCheckpointMs: Math.round(median(importCheckpoints)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      ...(note ? { note } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the numbers were measured on (docs/performance.md asks for it with every table). */
function machine(): string {
  const db = openDb(':memory:', { migrate: false });
  const sqlite = db.sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
  db.sqlite.close();
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, SQLite ${sqlite}`;
}

const rows: Row[] = [];
for (const n of sizes) {
  const row = await benchOne(n);
  rows.push(row);
  if (json) process.stdout.write(`${JSON.stringify(row)}\n`);
}
if (!json) {
  console.log(`machine: ${machine()}`);
  const cols: (keyof Row)[] = [
    'members',
    'orders',
    'closePreviewMs',
    'closeCommitMs',
    'closeCommitColdMs',
    'checkpointMs',
    'stageMs',
    'floorMs',
    'ratioFloor',
    'naiveMs',
    'ratioNaive',
    'gridPageMs',
    'importMembersPerSec',
    'importCheckpointMs',
    'peakRssMb',
  ];
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(widths[i]!)).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
  for (const r of rows) if (r.note) console.log(`${r.members}: ${r.note}`);
  console.log(
    'ratioFloor = preview / floor (target ≤ 3); ratioNaive = naive / preview (target ≥ 20 at 100k)',
  );
}
