import { dispatch } from '../../src/main/ipc/dispatch';
import type { Ctx } from '../../src/main/ipc/context';
import type { JobDto } from '../../src/shared/ipc/close.contract';

/**
 * Poll `jobs:get` as `ctx` (the way the renderer's useJob does) until the job stops running.
 * `seen` is every answer in order: the progress the renderer would have shown.
 */
export async function waitJob(ctx: Ctx, id: string): Promise<{ job: JobDto; seen: JobDto[] }> {
  const seen: JobDto[] = [];
  for (;;) {
    const r = await dispatch('jobs:get', { id }, ctx);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    seen.push(r.data);
    if (r.data.status !== 'running') return { job: r.data, seen };
    await new Promise((done) => setTimeout(done, 20));
  }
}
