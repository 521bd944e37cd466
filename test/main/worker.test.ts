import { describe, expect, it } from 'vitest';
import { runWorker } from '../../src/main/jobs/worker';

/** jobs/worker.ts: a task can cut the worker's housekeeping of the previous answer short. */
const ENTRY = {
  callerUrl: import.meta.url,
  sourceFile: 'afterwards.worker.ts',
  bundleFile: 'afterwards-worker.js',
};

type Answer = { task: string; previous: string };

describe('worker afterwards', () => {
  it('runs after the answer; a task sent with interruptAfterwards stops it, one without waits for it', async () => {
    // The warm worker answers, then spins in its afterwards (up to 20 s) …
    expect(await runWorker<Answer>(ENTRY, 'long')).toEqual({ task: 'long', previous: 'none' });
    // … a task that asks for it is served once that housekeeping has stopped.
    const quick = await runWorker<Answer>(ENTRY, 'short', { interruptAfterwards: true });
    expect(quick).toEqual({ task: 'short', previous: 'stopped' });
    // A short housekeeping that nobody interrupts runs to its end.
    const after = await runWorker<Answer>(ENTRY, 'next');
    expect(after).toEqual({ task: 'next', previous: 'finished' });
  });
});
