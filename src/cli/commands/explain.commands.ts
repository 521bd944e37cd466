import { formatBp } from '../../shared/money';
import type { CommandModule } from '../command';

export const explainCommands: CommandModule = ({ program, call, io }) => {
  program
    .command('explain')
    .description("every line behind a member's amounts in a period")
    .requiredOption('--period <period>', 'period YYYY-MM')
    .requiredOption('--member <code>', 'member code')
    .option('--json', 'JSON output')
    .action(async (o: { period: string; member: string; json?: boolean }) => {
      const e = await call('close:explain', { period: o.period, member: o.member });
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      if (o.json) {
        io.out(`${JSON.stringify(e)}\n`);
        return;
      }
      const m = e.member;
      const pct = (bp: number): string => formatBp(bp, 'en-US');
      io.out(
        `${m.code} ${m.name} · ${e.period} (${e.source === 'committed' ? 'committed run' : 'open period, computed now'} ${e.runHash.slice(0, 12)}…, plan ${e.planVersion})\n` +
          `${m.kind}, status ${m.status}, rank ${m.rank ?? '-'}, ${m.active ? 'active' : `not active${m.inactiveReason ? ` (${m.inactiveReason})` : ''}`}; PV ${m.pv}, GV ${m.gv}, BV ${m.bv}\n`,
      );
      for (const r of e.rankChecks) {
        if (!r.achieved && r.unmet.length)
          io.out(`  rank ${r.rank} not reached: ${r.unmet.join('; ')}\n`);
      }
      for (const b of e.bonuses) {
        if (b.amount === 0 && b.lines.length === 0 && b.whyNot.length === 0) continue;
        io.out(`${b.id} (${b.type}): ${b.amount}\n`);
        for (const l of b.lines) {
          const src = [
            l.level ? `level ${l.level}` : '',
            l.sourceCode ? `from ${l.sourceCode}` : '',
            l.sourceOrderNo ? `order ${l.sourceOrderNo}` : '',
          ]
            .filter(Boolean)
            .join(' ');
          io.out(`  ${src || 'pair'}: ${l.base} × ${pct(l.rateBp)} = ${l.amount}\n`);
        }
        for (const w of b.whyNot.slice(0, 20)) {
          io.out(
            `  not paid${w.sourceCode ? ` (${w.sourceCode}${w.level ? `, level ${w.level}` : ''})` : ''}: ${w.message}${w.missed ? ` — ${w.missed}` : ''}\n`,
          );
        }
        const more = b.whyNot.length - 20 + b.whyNotOmitted;
        if (more > 0) io.out(`  … ${more} more unpaid line(s)\n`);
      }
      if (e.binary) {
        const x = e.binary;
        io.out(
          `binary legs: carry-in ${x.carryInL}/${x.carryInR} + BV ${x.legBvL}/${x.legBvR}; ${x.qualified ? `pair ${x.pair}` : 'not qualified'}; carry-out ${x.carryOutL}/${x.carryOutR}\n`,
        );
      }
      for (const a of e.adjustments)
        io.out(`adjustment #${a.id}: ${a.amount} (${a.reason}, by ${a.createdBy ?? '?'})\n`);
      for (const c of e.clawbacks) {
        io.out(
          `clawback ${c.bonusId} of ${c.sourcePeriod}${c.sourceOrderNo ? ` order ${c.sourceOrderNo}` : ''}${c.sourceCode ? ` (${c.sourceCode})` : ''}: ${c.before} → ${c.after} = −${c.amount}\n`,
        );
      }
      const p = e.payout;
      io.out(
        `gross = bonuses ${p.bonusTotal} + adjustments ${p.adjustments} − clawbacks ${p.clawbacks} = ${p.gross}\n` +
          `available = carry-in ${p.carryIn} + gross ${p.gross} = ${p.available}\n` +
          (p.paid
            ? `paid: tax ${p.tax} (${p.taxProfile}, base ${p.taxBase}), net ${p.net}\n`
            : `not paid${p.notPaidReason ? `: ${p.notPaidReason}` : ''}; carry-out ${p.carryOut}\n`),
      );
      for (const n of e.notes) io.out(`note: ${n}\n`);
    });
};
