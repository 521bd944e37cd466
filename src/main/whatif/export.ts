import type { Db } from '../db/client';
import { diffPlans } from '../../shared/plan-diff';
import {
  buildWorkbook,
  filePayload,
  MIME,
  type Cell,
  type ColumnSpec,
  type FilePayload,
} from '../services/xlsx';
import type { Simulation } from './simulate';
import { comparedIds } from './summary';
import { KIND_CUSTOMER } from '../engine/types';

/**
 * The what-if comparison as an XLSX workbook (the payouts' xlsx helper): Summary (per period and
 * in total, baseline vs candidate), per bonus, per rank, every member with an amount on either
 * side (largest gain first), and the plan changes. Numbers are the simulation's, exactly.
 */

export type Lang = 'id' | 'en';

const L = {
  id: {
    summary: 'Ringkasan',
    byBonus: 'Per bonus',
    byRank: 'Per peringkat',
    members: 'Anggota',
    changes: 'Perubahan rencana',
    title: 'Simulasi rencana bonus (what-if)',
    candidate: 'Rencana kandidat',
    baselinePlans: 'Rencana yang dipakai',
    periods: 'Periode',
    period: 'Periode',
    total: 'TOTAL',
    bv: 'BV',
    bonusesB: 'Bonus (berlaku)',
    bonusesC: 'Bonus (kandidat)',
    diff: 'Selisih',
    ratioB: 'Rasio bonus (berlaku)',
    ratioC: 'Rasio bonus (kandidat)',
    netB: 'Neto (berlaku)',
    netC: 'Neto (kandidat)',
    netDiff: 'Selisih neto',
    taxB: 'PPh (berlaku)',
    taxC: 'PPh (kandidat)',
    earnersB: 'Penerima (berlaku)',
    earnersC: 'Penerima (kandidat)',
    reproduced: 'Sama dengan hasil tutup buku',
    bonus: 'Bonus',
    type: 'Jenis',
    baseline: 'Berlaku',
    cand: 'Kandidat',
    rank: 'Peringkat',
    customers: '(konsumen)',
    membersB: 'Anggota (berlaku)',
    membersC: 'Anggota (kandidat)',
    code: 'Kode',
    name: 'Nama',
    kind: 'Jenis anggota',
    rankB: 'Peringkat (berlaku)',
    rankC: 'Peringkat (kandidat)',
    distributor: 'distributor',
    customer: 'konsumen',
    area: 'Bagian',
    key: 'Kode / id',
    field: 'Kolom',
    path: 'Path JSON',
    before: 'Sebelum',
    after: 'Sesudah',
    change: 'Perubahan',
    added: 'ditambah',
    removed: 'dihapus',
    changed: 'diubah',
    none: 'Tidak ada perubahan',
  },
  en: {
    summary: 'Summary',
    byBonus: 'By bonus',
    byRank: 'By rank',
    members: 'Members',
    changes: 'Plan changes',
    title: 'Bonus plan simulation (what-if)',
    candidate: 'Candidate plan',
    baselinePlans: 'Plans in force',
    periods: 'Periods',
    period: 'Period',
    total: 'TOTAL',
    bv: 'BV',
    bonusesB: 'Bonuses (current)',
    bonusesC: 'Bonuses (candidate)',
    diff: 'Difference',
    ratioB: 'Payout ratio (current)',
    ratioC: 'Payout ratio (candidate)',
    netB: 'Net (current)',
    netC: 'Net (candidate)',
    netDiff: 'Net difference',
    taxB: 'Tax (current)',
    taxC: 'Tax (candidate)',
    earnersB: 'Earners (current)',
    earnersC: 'Earners (candidate)',
    reproduced: 'Matches the committed run',
    bonus: 'Bonus',
    type: 'Type',
    baseline: 'Current',
    cand: 'Candidate',
    rank: 'Rank',
    customers: '(customers)',
    membersB: 'Members (current)',
    membersC: 'Members (candidate)',
    code: 'Code',
    name: 'Name',
    kind: 'Kind',
    rankB: 'Rank (current)',
    rankC: 'Rank (candidate)',
    distributor: 'distributor',
    customer: 'customer',
    area: 'Area',
    key: 'Code / id',
    field: 'Field',
    path: 'JSON path',
    before: 'Before',
    after: 'After',
    change: 'Change',
    added: 'added',
    removed: 'removed',
    changed: 'changed',
    none: 'No changes',
  },
} as const;

function* allNames(db: Db): Generator<[number, string]> {
  yield* db.sqlite.prepare('SELECT id, name FROM members').raw().iterate() as IterableIterator<
    [number, string]
  >;
}

export async function exportWorkbook(
  db: Db,
  sim: Simulation,
  lang: Lang,
  onRow?: () => void,
): Promise<FilePayload> {
  const t = L[lang];
  const money = (header: string, total = true, width = 16): ColumnSpec => ({
    header,
    type: 'money',
    width,
    total,
  });
  const int = (header: string, total = true): ColumnSpec => ({
    header,
    type: 'int',
    width: 14,
    total,
  });
  const bool: readonly [string, string] = lang === 'id' ? ['ya', 'tidak'] : ['yes', 'no'];
  const title = [
    t.title,
    `${t.candidate}: ${sim.candidate.name} (${sim.candidateHash.slice(0, 12)}…)`,
    `${t.baselinePlans}: ${sim.baselinePlans.map((p) => `v${p.row.version} ${p.row.name}`).join(', ')}`,
    `${t.periods}: ${sim.periods.join(', ')}`,
  ];

  const summaryRows: Cell[][] = sim.perPeriod.map((p) => [
    p.period,
    p.baseline.bv,
    p.baseline.bonuses,
    p.candidate.bonuses,
    p.candidate.bonuses - p.baseline.bonuses,
    p.baseline.payoutRatioBp,
    p.candidate.payoutRatioBp,
    p.baseline.net,
    p.candidate.net,
    p.candidate.net - p.baseline.net,
    p.baseline.tax,
    p.candidate.tax,
    p.baseline.earners,
    p.candidate.earners,
    p.reproduced,
  ]);

  const names = new Map<number, string>();
  const ids = comparedIds(sim.members, 'bonuses');
  const wanted = new Uint8Array(sim.members.size);
  for (const id of ids) wanted[id] = 1;
  // Members whose net moved although their bonuses did not (payout minimum, tax) too.
  const byNet = comparedIds(sim.members, 'net');
  const extra: number[] = [];
  for (const id of byNet) {
    if (!wanted[id]) {
      wanted[id] = 1;
      extra.push(id);
    }
  }
  for (const [id, name] of allNames(db)) if (id < wanted.length && wanted[id]) names.set(id, name);
  const M = sim.members;
  function* memberRows(): Generator<Cell[]> {
    for (const list of [Array.from(ids), extra]) {
      for (const id of list) {
        onRow?.();
        const bb = M.baselineBonuses[id] as number;
        const cb = M.candidateBonuses[id] as number;
        const bn = M.baselineNet[id] as number;
        const cn = M.candidateNet[id] as number;
        yield [
          M.code[id] ?? '',
          names.get(id) ?? '',
          M.kind[id] === KIND_CUSTOMER ? t.customer : t.distributor,
          M.baselineRank[id] ?? '',
          M.candidateRank[id] ?? '',
          bb,
          cb,
          cb - bb,
          bn,
          cn,
          cn - bn,
        ];
      }
    }
  }

  const changes = diffPlans(sim.lastBaselinePlan, sim.candidate);
  const json = (v: unknown): string => (v === null || v === undefined ? '' : JSON.stringify(v));

  const bytes = await buildWorkbook([
    {
      name: t.summary,
      title,
      boolText: bool,
      columns: [
        { header: t.period, type: 'text', width: 10 },
        money(t.bv),
        money(t.bonusesB),
        money(t.bonusesC),
        money(t.diff),
        { header: t.ratioB, type: 'bp', width: 12 },
        { header: t.ratioC, type: 'bp', width: 12 },
        money(t.netB),
        money(t.netC),
        money(t.netDiff),
        money(t.taxB),
        money(t.taxC),
        int(t.earnersB),
        int(t.earnersC),
        { header: t.reproduced, type: 'bool', width: 14 },
      ],
      rows: summaryRows,
      totalsLabel: t.total,
    },
    {
      name: t.byBonus,
      columns: [
        { header: t.bonus, type: 'text', width: 16 },
        { header: t.type, type: 'text', width: 12 },
        money(t.baseline),
        money(t.cand),
        money(t.diff),
      ],
      rows: sim.byBonus.map((b) => [
        b.id,
        b.type,
        b.baseline,
        b.candidate,
        b.candidate - b.baseline,
      ]),
      totalsLabel: t.total,
    },
    {
      name: t.byRank,
      columns: [
        { header: t.rank, type: 'text', width: 16 },
        int(t.membersB, false),
        int(t.membersC, false),
        money(t.bonusesB),
        money(t.bonusesC),
        money(t.diff),
      ],
      rows: sim.byRank.map((r) => [
        r.rank ?? t.customers,
        r.baselineMembers,
        r.candidateMembers,
        r.baselineBonuses,
        r.candidateBonuses,
        r.candidateBonuses - r.baselineBonuses,
      ]),
      totalsLabel: t.total,
    },
    {
      name: t.members,
      columns: [
        { header: t.code, type: 'text', width: 12 },
        { header: t.name, type: 'text', width: 26 },
        { header: t.kind, type: 'text', width: 12 },
        { header: t.rankB, type: 'text', width: 13 },
        { header: t.rankC, type: 'text', width: 13 },
        money(t.bonusesB),
        money(t.bonusesC),
        money(t.diff),
        money(t.netB),
        money(t.netC),
        money(t.netDiff),
      ],
      rows: memberRows(),
      totalsLabel: t.total,
    },
    {
      name: t.changes,
      columns: [
        { header: t.change, type: 'text', width: 10 },
        { header: t.area, type: 'text', width: 10 },
        { header: t.key, type: 'text', width: 14 },
        { header: t.field, type: 'text', width: 20 },
        { header: t.path, type: 'text', width: 26 },
        { header: t.before, type: 'text', width: 30 },
        { header: t.after, type: 'text', width: 30 },
      ],
      rows: changes.length
        ? changes.map((c) => [
            t[c.kind],
            c.area,
            c.key ?? '',
            c.field,
            c.path,
            json(c.before),
            json(c.after),
          ])
        : [[t.none]],
    },
  ]);
  const name = `whatif-${sim.periods[0]}${sim.periods.length > 1 ? `_${sim.periods.at(-1)}` : ''}.xlsx`;
  return filePayload(name, MIME.xlsx, bytes);
}
