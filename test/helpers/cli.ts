import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/index';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Run the CLI in-process and capture its output. */
export async function cli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** A company in a temp dir: a db file plus files written by the test, driven by the CLI. */
export function company(prefix = 'jenjang-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'jenjang.db');
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const run = (...args: string[]): Promise<CliRun> => cli(['--db', db, ...args]);
  /** Run and expect exit 0; returns stdout. */
  const ok = async (...args: string[]): Promise<string> => {
    const r = await run(...args);
    if (r.code !== 0) throw new Error(`jenjang ${args.join(' ')} → ${r.code}\n${r.err}`);
    return r.out;
  };
  return { dir, db, file, run, ok };
}

/** The data of a dispatch result; throws (failing the test) on an error result. */
export async function must<T>(
  p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
