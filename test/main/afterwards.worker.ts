// Test worker for test/main/worker.test.ts: its housekeeping after each answer spins until the
// parent asks it to stop (runWorker's interruptAfterwards) or 20 s pass; the next task reports
// how the previous housekeeping ended.
import { serveWorker } from '../../src/main/jobs/worker';

let previous: 'none' | 'stopped' | 'finished' = 'none';

serveWorker((task) => {
  const answer = { task, previous };
  return {
    value: answer,
    afterwards: (stop) => {
      const until = Date.now() + (task === 'short' ? 50 : 20_000);
      while (Date.now() < until) {
        if (stop()) {
          previous = 'stopped';
          return;
        }
      }
      previous = 'finished';
    },
  };
});
