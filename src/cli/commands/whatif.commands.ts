import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatBp } from '../../shared/money';
import { formatPlanChange } from '../../shared/plan-diff';
import type {
  PlanDraftDto,
  WhatIfMeasure,
  WhatIfResultDto,
  WhatIfTotals,
} from '../../shared/ipc/whatif.contract';
import { Refused, type CliIo, type CommandModule } from '../command';
import { readPlanFile } from './plan.commands';

/**
 * `jenjang whatif`: recompute committed period(s) with a candidate plan and compare (docs/whatif.md);
 * `jenjang draft …`: candidate plans saved as drafts, adopted as the next plan version.
 */

const clearProgress = (): void => {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
};

function periodsOf(o: { period?: string; periods?: string }): string[] {
  const list = [
    ...(o.period ? [o.period] : []),
    ...(o.periods ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
  if (list.length === 0) throw new Refused('give --period P or --periods P1,P2');
  return list;
}

function candidateOf(o: {
  plan?: string;
  draft?: number;
}): { plan: unknown } | { draftId: number } {
  if ((o.plan === undefined) === (o.draft === undefined)) {
    throw new Refused('give either --plan FILE or --draft ID');
  }
  return o.plan !== undefined ? { plan: readPlanFile(o.plan) } : { draftId: o.draft as number };
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));
const pad = (s: string, n: number): string => s.padStart(n);

function printTotals(io: CliIo, b: WhatIfTotals, c: WhatIfTotals): void {
  const rows: [string, string, string, string][] = [
    ['BV', String(b.bv), String(c.bv), signed(c.bv - b.bv)],
    ['bonuses', String(b.bonuses), String(c.bonuses), signed(c.bonuses - b.bonuses)],
    [
      'payout ratio',
      formatBp(b.payoutRatioBp, 'en-US'),
      formatBp(c.payoutRatioBp, 'en-US'),
      `${signed(c.payoutRatioBp - b.payoutRatioBp)} bp`,
    ],
    ['gross', String(b.gross), String(c.gross), signed(c.gross - b.gross)],
    ['tax', String(b.tax), String(c.tax), signed(c.tax - b.tax)],
    ['net', String(b.net), String(c.net), signed(c.net - b.net)],
    ['carry-out', String(b.carryOut), String(c.carryOut), signed(c.carryOut - b.carryOut)],
    ['earners', String(b.earners), String(c.earners), signed(c.earners - b.earners)],
    ['paid', String(b.paid), String(c.paid), signed(c.paid - b.paid)],
  ];
  io.out(`${''.padEnd(14)}${pad('current', 16)}${pad('candidate', 16)}${pad('difference', 16)}\n`);
  for (const [label, x, y, d] of rows) {
    io.out(`${label.padEnd(14)}${pad(x, 16)}${pad(y, 16)}${pad(d, 16)}\n`);
  }
}

function printMeasure(io: CliIo, label: string, m: WhatIfMeasure, top: number): void {
  io.out(
    `\n${label}: ${m.compared} member(s) with an amount, ${m.gainers} gain (${signed(m.totalGain)}), ` +
      `${m.losers} lose (${signed(m.totalLoss)}), ${m.unchanged} unchanged\n`,
  );
  const list = (title: string, rows: WhatIfMeasure['topGainers']): void => {
    if (rows.length === 0) return;
    io.out(`  ${title}:\n`);
    for (const r of rows.slice(0, top)) {
      io.out(
        `    ${r.code.padEnd(12)} ${r.name.slice(0, 24).padEnd(24)} ${pad(String(r.baseline), 12)} → ${pad(String(r.candidate), 12)}  ${pad(signed(r.diff), 12)}\n`,
      );
    }
  };
  list('gaining most', m.topGainers);
  list('losing most', m.topLosers);
}

function printResult(io: CliIo, r: WhatIfResultDto, top: number): void {
  const plans = r.baselinePlans.map((p) => `v${p.version} "${p.name}"`).join(', ');
  io.out(
    `what-if ${r.periods.join(', ')}: candidate "${r.candidate.name}" (${r.candidate.planHash.slice(0, 12)}…) vs ${plans}\n`,
  );
  if (r.planChanges.length === 0) io.out('plan changes: none\n');
  else {
    io.out('plan changes:\n');
    for (const c of r.planChanges) io.out(`  ${formatPlanChange(c)}\n`);
  }
  for (const p of r.perPeriod) {
    io.out(
      `${p.period}: plan v${p.planVersion}, committed run ${p.committedRunHash.slice(0, 12)}…` +
        `${p.reproduced ? ' (reproduced exactly)' : ' (NOT reproduced: data changed since the commit)'}` +
        `${p.chained ? ', candidate carry-in from the previous simulated period' : ''}\n`,
    );
  }
  io.out('\n');
  printTotals(io, r.totals.baseline, r.totals.candidate);
  io.out('\nby bonus:\n');
  for (const b of r.byBonus) {
    io.out(
      `  ${b.id.padEnd(14)}${pad(String(b.baseline), 16)}${pad(String(b.candidate), 16)}${pad(signed(b.candidate - b.baseline), 16)}\n`,
    );
  }
  io.out('by rank (members current → candidate, bonuses current → candidate):\n');
  for (const k of r.byRank) {
    io.out(
      `  ${(k.rank ?? '(customers)').padEnd(14)}${pad(`${k.baselineMembers} → ${k.candidateMembers}`, 16)}` +
        `${pad(String(k.baselineBonuses), 16)}${pad(String(k.candidateBonuses), 16)}${pad(signed(k.candidateBonuses - k.baselineBonuses), 16)}\n`,
    );
  }
  printMeasure(io, 'bonuses per member', r.members.bonuses, top);
  printMeasure(io, 'net per member', r.members.net, Math.min(top, 5));
  for (const w of r.warnings) io.out(`warning: ${w}\n`);
}

function draftLine(d: PlanDraftDto): string {
  const state =
    d.adoptedVersion !== null ? `adopted as v${d.adoptedVersion}` : d.valid ? 'valid' : 'INVALID';
  return `${String(d.id).padStart(4)}  ${state.padEnd(16)} ${d.updatedAt}  ${d.name}\n`;
}

export const whatifCommands: CommandModule = ({ program, call, io, int }) => {
  program
    .command('whatif')
    .description('recompute committed period(s) with a candidate plan and compare; writes nothing')
    .option('--period <period>', 'a committed period YYYY-MM')
    .option('--periods <list>', 'several committed periods: P1,P2,…')
    .option('--plan <file>', 'candidate plan file (JSON)')
    .option('--draft <id>', 'a saved plan draft instead of a file', int('--draft'))
    .option('--top <n>', 'gainers and losers to list (default 10; JSON: 50)', int('--top'))
    .option('--xlsx <file>', 'also write the comparison as an XLSX workbook')
    .option('--lang <lang>', 'workbook language: id (default) or en', 'id')
    .option('--json', 'one JSON object')
    .action(
      async (o: {
        period?: string;
        periods?: string;
        plan?: string;
        draft?: number;
        top?: number;
        xlsx?: string;
        lang: string;
        json?: boolean;
      }) => {
        const periods = periodsOf(o);
        const candidate = candidateOf(o);
        if (o.lang !== 'id' && o.lang !== 'en') throw new Refused('--lang must be id or en');
        const top = o.top ?? (o.json ? 50 : 10);
        if (top < 1 || top > 500) throw new Refused('--top must be 1…500');
        const r = await call('whatif:run', { periods, ...candidate, top });
        clearProgress();
        if (o.xlsx) {
          const file = await call('whatif:export', { periods, ...candidate, lang: o.lang });
          clearProgress();
          writeFileSync(resolve(o.xlsx), Buffer.from(file.base64, 'base64'));
        }
        if (o.json) io.out(`${JSON.stringify(r)}\n`);
        else {
          printResult(io, r, top);
          if (o.xlsx) io.out(`\nwrote ${resolve(o.xlsx)}\n`);
        }
      },
    );

  const draft = program.command('draft').description('candidate plans saved as drafts');

  draft
    .command('list')
    .description('every plan draft, newest first (adopted ones last)')
    .option('--json', 'JSON output')
    .action(async (o: { json?: boolean }) => {
      const rows = await call('planDrafts:list', {});
      if (o.json) io.out(`${JSON.stringify(rows)}\n`);
      else for (const d of rows) io.out(draftLine(d));
    });

  draft
    .command('show <id>')
    .description('print a draft as saved')
    .action(async (id: string) => {
      const d = await call('planDrafts:get', { id: int('id')(id) });
      io.out(d.text.endsWith('\n') ? d.text : `${d.text}\n`);
      if (d.errors.length)
        io.err(`draft ${d.id} is not a valid plan:\n  ${d.errors.join('\n  ')}\n`);
    });

  draft
    .command('save <file>')
    .description('save a plan file as a new draft (or over --id); prints the draft id')
    .option('--id <id>', 'update this draft', int('--id'))
    .option('--name <name>', 'draft name (default: the plan name)')
    .action(async (file: string, o: { id?: number; name?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new Refused(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const d = await call('planDrafts:save', {
        text,
        ...(o.id !== undefined ? { id: o.id } : {}),
        ...(o.name ? { name: o.name } : {}),
      });
      io.out(`${d.id}\n`);
      if (d.errors.length) io.err(`saved, but not a valid plan yet:\n  ${d.errors.join('\n  ')}\n`);
    });

  draft
    .command('adopt <id>')
    .description('store a draft as the next plan version; prints the version number')
    .option(
      '--effective <period>',
      'first period the version applies to (default: every open period)',
    )
    .action(async (id: string, o: { effective?: string }) => {
      const r = await call('planDrafts:adopt', {
        id: int('id')(id),
        ...(o.effective ? { effectivePeriod: o.effective } : {}),
      });
      io.out(`${r.version.version}\n`);
    });

  draft
    .command('delete <id>')
    .description('delete a draft that was not adopted')
    .action(async (id: string) => {
      await call('planDrafts:delete', { id: int('id')(id) });
    });
};
