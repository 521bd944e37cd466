import { formatBp } from '../../shared/money';
import {
  contractTotals,
  type MemberJsonDto,
  type RunTotalsExt,
} from '../../shared/ipc/close.contract';
import { Refused, type CliIo, type CommandModule } from '../command';

/** The JSON object of `close preview|commit --json` (interfaces.md), keys in its order. */
function runJson(r: {
  period: string;
  planVersion: number;
  runHash: string;
  totals: RunTotalsExt;
  members?: MemberJsonDto[] | undefined;
}): string {
  return `${JSON.stringify({
    period: r.period,
    planVersion: r.planVersion,
    runHash: r.runHash,
    totals: contractTotals(r.totals),
    members: r.members ?? [],
  })}\n`;
}

function printTotals(io: CliIo, t: RunTotalsExt): void {
  io.out(
    `BV ${t.bv}  bonuses ${t.bonuses}  payout ratio ${formatBp(t.payoutRatioBp, 'en-US')}  ` +
      `adjustments ${t.adjustments}  clawbacks ${t.clawbacks}\n` +
      `tax ${t.tax}  net ${t.net}  carry-out ${t.carryOut}\n` +
      `members ${t.members} (distributors ${t.distributors}, active ${t.active}), paid ${t.paid}, held ${t.held}, lines ${t.lines}\n`,
  );
}

const clearProgress = (): void => {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
};

export const closeCommands: CommandModule = ({ program, call, io }) => {
  const close = program.command('close').description('period close: preview, commit, reopen');

  close
    .command('preview')
    .description('compute a period without committing it')
    .requiredOption('--period <period>', 'period YYYY-MM')
    .option('--json', 'one JSON object (interfaces.md)')
    .action(async (o: { period: string; json?: boolean }) => {
      const r = await call('close:preview', { period: o.period, members: Boolean(o.json) });
      clearProgress();
      if (o.json) {
        io.out(runJson(r));
        return;
      }
      io.out(`preview ${r.period} · plan ${r.planVersion} (${r.planName}) · run ${r.runHash}\n`);
      printTotals(io, r.totals);
      for (const w of r.warnings) io.out(`warning: ${w}\n`);
      if (r.previous) {
        io.out(
          `previous run ${r.previous.period}: bonuses ${r.previous.totals.bonuses}, net ${r.previous.totals.net}; ` +
            `${r.diffPrevious.changed} member(s) changed, ${r.rankChanges.promoted} promoted, ${r.rankChanges.demoted} demoted\n`,
        );
      }
      if (r.diffPreview.base) {
        io.out(
          `since the preview of ${r.diffPreview.base.previewedAt} by ${r.diffPreview.base.previewedBy}: ${r.diffPreview.changed} member(s) changed\n`,
        );
      }
      if (r.topEarners.length) io.out('top earners:\n');
      for (const e of r.topEarners.slice(0, 10)) {
        io.out(
          `  ${e.code.padEnd(12)} ${(e.rank ?? '').padEnd(10)} bonuses ${e.bonusTotal}  net ${e.net}${e.paid ? '' : ' (not paid)'}\n`,
        );
      }
    });

  close
    .command('commit')
    .description(
      'compute, store and lock a period (refused while an earlier period with data is open)',
    )
    .requiredOption('--period <period>', 'period YYYY-MM')
    .option(
      '--expect <runHash>',
      'refuse unless the run hash equals this one (the reviewed preview)',
    )
    .option('--json', 'one JSON object (interfaces.md)')
    .action(async (o: { period: string; expect?: string; json?: boolean }) => {
      const r = await call('close:commit', {
        period: o.period,
        members: Boolean(o.json),
        ...(o.expect ? { expectRunHash: o.expect } : {}),
      });
      clearProgress();
      if (o.json) {
        io.out(runJson(r));
        return;
      }
      io.out(`committed ${r.period} · plan ${r.planVersion} · run ${r.runHash}\n`);
      printTotals(io, r.totals);
    });

  close
    .command('reopen')
    .description('reopen the latest committed period (its run is kept as superseded)')
    .requiredOption('--period <period>', 'period YYYY-MM')
    .requiredOption('--reason <text>', 'why (kept in the audit trail)')
    .action(async (o: { period: string; reason: string }) => {
      if (!o.reason.trim()) throw new Refused('--reason must not be empty');
      const r = await call('close:reopen', { period: o.period, reason: o.reason });
      io.out(`reopened ${r.period}; run ${r.runHash} superseded\n`);
    });

  close
    .command('status')
    .description('the close checklist of a period')
    .requiredOption('--period <period>', 'period YYYY-MM')
    .option('--json', 'JSON output')
    .action(async (o: { period: string; json?: boolean }) => {
      const c = await call('close:checklist', { period: o.period });
      if (o.json) {
        io.out(`${JSON.stringify(c)}\n`);
        return;
      }
      io.out(`${c.period}: ${c.status}${c.run ? ` · run ${c.run.runHash}` : ''}\n`);
      io.out(
        `plan: ${c.plan ? `${c.plan.version} (${c.plan.name})` : 'none — run `jenjang plan set FILE`'}\n`,
      );
      io.out(
        `orders ${c.orders.orders} (${c.orders.lines} lines, BV ${c.orders.bv ?? '-'}); returns ${c.returns.netted} netted, ${c.returns.clawbacks} clawback(s)\n`,
      );
      io.out(
        `adjustments ${c.adjustments.count} (total ${c.adjustments.total}); on hold ${c.holds.onHoldCount}; active distributors without bank ${c.holds.missingBankCount}\n`,
      );
      if (c.blockers.length) io.out(`blocked by open period(s): ${c.blockers.join(', ')}\n`);
      if (c.laterClosed) io.out(`a later period is committed: ${c.laterClosed}\n`);
      if (c.lastPreview)
        io.out(
          `last preview: ${c.lastPreview.previewedAt} by ${c.lastPreview.previewedBy} (${c.lastPreview.runHash})\n`,
        );
      io.out(`maker-checker: ${c.makerChecker ? 'on' : 'off'}\n`);
    });

  close
    .command('settings')
    .description('show or change close settings')
    .option('--maker-checker <on|off>', 'the committer must differ from the user who previewed')
    .action(async (o: { makerChecker?: string }) => {
      if (o.makerChecker !== undefined && !['on', 'off'].includes(o.makerChecker)) {
        throw new Refused('--maker-checker must be on or off');
      }
      const s =
        o.makerChecker === undefined
          ? await call('close:settings', {})
          : await call('close:setSettings', { makerChecker: o.makerChecker === 'on' });
      io.out(`maker-checker: ${s.makerChecker ? 'on' : 'off'}\n`);
    });
};
