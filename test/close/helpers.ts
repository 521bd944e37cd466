import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/index';
import type { MemberJsonDto } from '../../src/shared/ipc/close.contract';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

export interface RunJson {
  period: string;
  planVersion: number;
  runHash: string;
  totals: {
    bv: number;
    bonuses: number;
    payoutRatioBp: number;
    tax: number;
    net: number;
    carryOut: number;
  };
  members: MemberJsonDto[];
}

/** A company in a temp dir: a db file plus CSV/plan files written by the test. */
export function company() {
  const dir = mkdtempSync(join(tmpdir(), 'jenjang-close-'));
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
  const json = async (...args: string[]): Promise<RunJson> =>
    JSON.parse(await ok(...args, '--json')) as RunJson;
  const importCsv = async (kind: string, name: string, csv: string): Promise<void> => {
    await ok('import', kind, file(name, csv));
  };
  return { dir, db, file, run, ok, json, importCsv };
}

/** The member `code` of a run JSON. */
export function member(r: RunJson, code: string): MemberJsonDto {
  const m = r.members.find((x) => x.code === code);
  expect(m, `member ${code} in ${r.period}`).toBeDefined();
  return m!;
}

/** Only the figures a hand computation states (bonuses compared as a whole). */
export function figures(m: MemberJsonDto) {
  return {
    rank: m.rank,
    active: m.active,
    pv: m.pv,
    gv: m.gv,
    bv: m.bv,
    bonuses: m.bonuses,
    adjustments: m.adjustments,
    clawbacks: m.clawbacks,
    carryIn: m.carryIn,
    gross: m.gross,
    available: m.available,
    held: m.held,
    paid: m.paid,
    tax: m.tax,
    net: m.net,
    carryOut: m.carryOut,
  };
}

export const PRODUCTS_CSV = `sku,name,member_price,retail_price,pv,bv
P1,Produk Satu,100000,130000,100,80000
P2,Produk Dua,50000,65000,50,40000
`;
