import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run bench` as CI would run it, at a size that takes seconds. No time is asserted. */
function bench(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'bench/index.ts', ...args], {
    encoding: 'utf8',
  });
}

describe('npm run bench', () => {
  it('--members N --json prints one object with every field of issue 10', () => {
    const r = bench('--members', '300', '--json');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const row = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(row.members).toBe(300);
    expect(row.orders).toBeGreaterThan(300);
    for (const k of [
      'closePreviewMs',
      'closeCommitMs',
      'closeCommitColdMs',
      'floorMs',
      'naiveMs',
      'ratioFloor',
      'ratioNaive',
      'gridPageMs',
      'importMembersPerSec',
      'peakRssMb',
    ]) {
      expect(typeof row[k], k).toBe('number');
      expect(row[k] as number, k).toBeGreaterThan(0);
    }
    // May round to 0 at 300 members.
    expect(row.checkpointMs).toBeGreaterThanOrEqual(0);
    expect(row.importCheckpointMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses a size it cannot mean', () => {
    const r = bench('--members', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--members must be an integer/);
  });
});
