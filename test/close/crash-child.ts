// Child process of crash.test.ts: commits one period with the close service (the same task the
// app runs; in a worker thread unless JENJANG_CLOSE_INPROCESS is set) and prints every progress
// event, so the parent can kill it mid-write. Imports only the close, not every IPC domain, to
// start fast.
import { openDb } from '../../src/main/db/client';
import { precheck, runCloseJob } from '../../src/main/close/service';
import type { CommitResultDto } from '../../src/shared/ipc/close.contract';

const [dbPath, period] = process.argv.slice(2) as [string, string];
const db = openDb(dbPath);
precheck(db, 'commit', period);
const r = await runCloseJob<CommitResultDto>(
  { db, onProgress: (p) => process.stdout.write(`progress ${p.stage} ${p.done} ${p.total}\n`) },
  { kind: 'commit', period, user: 'crash-test' },
);
process.stdout.write(`${JSON.stringify({ ok: true, runHash: r.runHash })}\n`);
db.sqlite.close();
