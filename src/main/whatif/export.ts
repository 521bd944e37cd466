import type { Db } from '../db/client';
import { diffPlans } from '../../shared/plan-diff';
import { col, xlsxFile, yesNo, type Cell, type FilePayload, type Lang } from '../services/xlsx';
import type { Simulation } from './simulate';
import { comparedIds } from './summary';
import { KIND_CUSTOMER } from '../engine/types';

/**
 * The what-if comparison as an XLSX workbook (the payouts' xlsx helper): Summary (per period and
 * in total, baseline vs candidate), per bonus, per rank, every member with an amount on either
 * side (largest gain first), and the plan changes. Numbers are the simulation's, exactly.
 */

export type { Lang };

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
  /** Amounts: 16 wide, summed in the totals row. */
  const money = (header: string) => col.money(header, 16, true);
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

  const name = `whatif-${sim.periods[0]}${sim.periods.length > 1 ? `_${sim.periods.at(-1)}` : ''}`;
  return xlsxFile(name, [
    {
      name: t.summary,
      title,
      boolText: yesNo(lang),
      columns: [
        col.text(t.period, 10),
        money(t.bv),
        money(t.bonusesB),
        money(t.bonusesC),
        money(t.diff),
        col.bp(t.ratioB, 12),
        col.bp(t.ratioC, 12),
        money(t.netB),
        money(t.netC),
        money(t.netDiff),
        money(t.taxB),
        money(t.taxC),
        col.int(t.earnersB, 14, true),
        col.int(t.earnersC, 14, true),
        col.bool(t.reproduced, 14),
      ],
      rows: summaryRows,
      totalsLabel: t.total,
    },
    {
      name: t.byBonus,
      columns: [
        col.text(t.bonus, 16),
        col.text(t.type, 12),
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
        col.text(t.rank, 16),
        col.int(t.membersB, 14),
        col.int(t.membersC, 14),
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
        col.text(t.code, 12),
        col.text(t.name, 26),
        col.text(t.kind, 12),
        col.text(t.rankB, 13),
        col.text(t.rankC, 13),
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
        col.text(t.change, 10),
        col.text(t.area, 10),
        col.text(t.key, 14),
        col.text(t.field, 20),
        col.text(t.path, 26),
        col.text(t.before, 30),
        col.text(t.after, 30),
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
}
