import { expect } from 'vitest';
import { company as cliCompany } from '../helpers/cli';
import type { RunTotals } from '../../src/main/engine/types';
import type { MemberJsonDto } from '../../src/shared/ipc/close.contract';

export { cli, type CliRun } from '../helpers/cli';

export interface RunJson {
  period: string;
  planVersion: number;
  runHash: string;
  totals: RunTotals;
  members: MemberJsonDto[];
}

/** A company in a temp dir (../helpers/cli.ts) that also reads `--json` runs and imports CSV. */
export function company() {
  const c = cliCompany('jenjang-close-');
  const json = async (...args: string[]): Promise<RunJson> =>
    JSON.parse(await c.ok(...args, '--json')) as RunJson;
  const importCsv = async (kind: string, name: string, csv: string): Promise<void> => {
    await c.ok('import', kind, c.file(name, csv));
  };
  return { ...c, json, importCsv };
}

/** The member `code` of a run JSON. */
export function member(r: RunJson, code: string): MemberJsonDto {
  const m = r.members.find((x) => x.code === code);
  expect(m, `member ${code} in ${r.period}`).toBeDefined();
  return m!;
}

/** Only the figures a hand computation states (bonuses compared as a whole). */
export function figures(m: MemberJsonDto) {
  const { code: _code, kind: _kind, binaryCarry: _binaryCarry, ...rest } = m;
  return rest;
}

export const PRODUCTS_CSV = `sku,name,member_price,retail_price,pv,bv
P1,Produk Satu,100000,130000,100,80000
P2,Produk Dua,50000,65000,50,40000
`;
