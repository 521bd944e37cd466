import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { formatBp, formatRupiah } from '../../shared/money';
import { Refused, type CliIo, type CommandModule } from '../command';

/**
 * Payouts, exports and reports (issue 8, docs/payouts.md):
 *   export payouts   --period P --format csv|xlsx --out FILE
 *   export bank      --period P --out FILE [--layout generic|mandiri] [--exceptions FILE]
 *   export tax       --period P --format csv|xlsx --out FILE
 *   export statement --period P (--member CODE | --all [--only-paid]) --out FILE
 *   report compliance --period P [--json] [--format csv|xlsx --out FILE]
 *   report dashboard [--period P] [--json] [--format csv|xlsx --out FILE]
 *   payouts status   --period P [--json]
 *   payouts mark     --period P --status paid|failed (--member CODE… | --all-pending) [--reason TEXT]
 * Files are produced by the same channels the app uses (bytes in base64) and written here.
 */

function writeOut(path: string, base64: string): string {
  const abs = resolve(path);
  writeFileSync(abs, Buffer.from(base64, 'base64'));
  return abs;
}

function formatOf(o: { format?: string; out?: string }): 'csv' | 'xlsx' {
  const f = o.format ?? (o.out && extname(o.out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv');
  if (f !== 'csv' && f !== 'xlsx') throw new Refused(`--format must be csv or xlsx, got "${f}"`);
  return f;
}

function lang(v: string | undefined): 'id' | 'en' {
  if (v === undefined) return 'id';
  if (v !== 'id' && v !== 'en') throw new Refused(`--lang must be id or en, got "${v}"`);
  return v;
}

const collect = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v.split(',').filter(Boolean),
];

function defaultExceptionsPath(out: string): string {
  const ext = extname(out);
  return join(dirname(out), `${basename(out, ext)}.exceptions.csv`);
}

function money(io: CliIo, label: string, n: number): void {
  io.out(`  ${label.padEnd(14)} ${formatRupiah(n).padStart(20)}\n`);
}

export const exportCommands: CommandModule = ({ program, call, io }) => {
  const exp = program
    .command('export')
    .description('payout sheet, bank file, tax report, statements');

  exp
    .command('payouts')
    .description('payout sheet of a committed period (XLSX: summary + a sheet per bonus)')
    .requiredOption('--period <P>', 'committed period YYYY-MM')
    .option('--format <f>', 'csv | xlsx (default: from --out, else csv)')
    .requiredOption('--out <file>', 'file to write')
    .option('--lang <l>', 'id | en column headers', 'id')
    .action(async (o: { period: string; format?: string; out: string; lang?: string }) => {
      const r = await call('payouts:exportSheet', {
        period: o.period,
        format: formatOf(o),
        lang: lang(o.lang),
      });
      const path = writeOut(o.out, r.base64);
      io.out(`payout sheet ${o.period}: ${r.members} members → ${path}\n`);
      money(io, 'bonuses', r.totals.bonuses);
      money(io, 'gross', r.totals.gross);
      money(io, 'tax', r.totals.tax);
      money(io, 'net', r.totals.net);
      money(io, 'carry-forward', r.totals.carryOut);
    });

  exp
    .command('bank')
    .description('bank transfer file of the members to pay (pending transfers of the batch)')
    .requiredOption('--period <P>', 'committed period YYYY-MM')
    .requiredOption('--out <file>', 'file to write')
    .option('--layout <l>', 'generic | mandiri', 'generic')
    .option('--exceptions <file>', 'where to write the exceptions (default: <out>.exceptions.csv)')
    .option('--value-date <date>', 'transfer date YYYY-MM-DD (mandiri header; default today)')
    .option('--source-account <acc>', 'company account to debit (mandiri header)')
    .option('--json', 'print the result as JSON (without file bytes)')
    .action(
      async (o: {
        period: string;
        out: string;
        layout: string;
        exceptions?: string;
        valueDate?: string;
        sourceAccount?: string;
        json?: boolean;
      }) => {
        if (o.layout !== 'generic' && o.layout !== 'mandiri') {
          throw new Refused(`--layout must be generic or mandiri, got "${o.layout}"`);
        }
        const r = await call('payouts:exportBank', {
          period: o.period,
          layout: o.layout,
          ...(o.valueDate ? { valueDate: o.valueDate } : {}),
          ...(o.sourceAccount ? { sourceAccount: o.sourceAccount } : {}),
        });
        const path = writeOut(o.out, r.file.base64);
        let exPath: string | null = null;
        if (r.exceptionsFile) {
          exPath = writeOut(o.exceptions ?? defaultExceptionsPath(o.out), r.exceptionsFile.base64);
        }
        if (o.json) {
          io.out(
            `${JSON.stringify({
              period: o.period,
              layout: r.layout,
              file: path,
              transfers: r.transfers,
              total: r.total,
              exceptionsFile: exPath,
              exceptions: r.exceptions,
            })}\n`,
          );
          return;
        }
        io.out(
          `bank file ${o.period} (${r.layout}): ${r.transfers} transfers, ${formatRupiah(r.total)} → ${path}\n`,
        );
        if (r.exceptions.length) {
          io.out(`${r.exceptions.length} exceptions (not in the bank file) → ${exPath}\n`);
          for (const e of r.exceptions) {
            io.out(
              `  ${e.code.padEnd(10)} ${formatRupiah(e.amount).padStart(16)}  ${e.reason}: ${e.detail}\n`,
            );
          }
        } else {
          io.out('no exceptions\n');
        }
      },
    );

  exp
    .command('tax')
    .description('PPh 21 report of a committed period: NIK/NPWP, gross, base, tax per member')
    .requiredOption('--period <P>', 'committed period YYYY-MM')
    .option('--format <f>', 'csv | xlsx (default: from --out, else csv)')
    .requiredOption('--out <file>', 'file to write')
    .option('--lang <l>', 'id | en column headers', 'id')
    .action(async (o: { period: string; format?: string; out: string; lang?: string }) => {
      const r = await call('reports:exportTax', {
        period: o.period,
        format: formatOf(o),
        lang: lang(o.lang),
      });
      const s = await call('reports:tax', { period: o.period });
      const path = writeOut(o.out, r.base64);
      io.out(`tax report ${o.period} (${s.profile}): ${s.members} members → ${path}\n`);
      money(io, 'gross', s.gross);
      money(io, 'tax base', s.taxBase);
      money(io, 'tax', s.tax);
      money(io, 'net', s.net);
      if (s.withoutTaxId) io.out(`  ${s.withoutTaxId} members without NIK/NPWP\n`);
    });

  exp
    .command('statement')
    .description('member statement PDF; --all: one PDF, a page per member')
    .requiredOption('--period <P>', 'committed period YYYY-MM')
    .option('--member <code>', 'member code (repeat or comma-separate for several)', collect)
    .option('--all', 'every member with money in the run')
    .option('--only-paid', 'with --all: only members paid in the period')
    .requiredOption('--out <file>', 'PDF file to write')
    .option('--lang <l>', 'id | en', 'id')
    .action(
      async (o: {
        period: string;
        member?: string[];
        all?: boolean;
        onlyPaid?: boolean;
        out: string;
        lang?: string;
      }) => {
        if (!o.all && !o.member?.length) throw new Refused('pass --member CODE or --all');
        if (o.member?.length === 1 && !o.all) {
          const r = await call('payouts:statement', {
            period: o.period,
            member: o.member[0]!,
            lang: lang(o.lang),
          });
          const path = writeOut(o.out, r.base64);
          io.out(`statement ${o.member[0]} ${o.period}: ${r.pages} page(s) → ${path}\n`);
          return;
        }
        const r = await call('payouts:statements', {
          period: o.period,
          ...(o.member?.length ? { members: o.member } : {}),
          onlyPaid: Boolean(o.onlyPaid),
          lang: lang(o.lang),
        });
        const path = writeOut(o.out, r.base64);
        io.out(`statements ${o.period}: ${r.members} members, ${r.pages} pages → ${path}\n`);
      },
    );

  const report = program.command('report').description('compliance and management reports');
  report
    .command('compliance')
    .description(
      'payout ratio, income from product sales, income disclosure, earners without purchase',
    )
    .requiredOption('--period <P>', 'committed period YYYY-MM')
    .option('--json', 'print the report as JSON')
    .option('--format <f>', 'csv | xlsx file (with --out)')
    .option('--out <file>', 'also write the report to a file')
    .option('--lang <l>', 'id | en', 'id')
    .action(
      async (o: {
        period: string;
        json?: boolean;
        format?: string;
        out?: string;
        lang?: string;
      }) => {
        const c = await call('reports:compliance', { period: o.period, limit: 200 });
        if (o.out) {
          const f = await call('reports:exportCompliance', {
            period: o.period,
            format: formatOf(o),
            lang: lang(o.lang),
          });
          const path = writeOut(o.out, f.base64);
          if (!o.json) io.out(`written → ${path}\n`);
        }
        if (o.json) {
          io.out(`${JSON.stringify(c)}\n`);
          return;
        }
        const d = c.incomeDisclosure.distributors;
        io.out(`compliance ${c.period} (run #${c.runId}, plan v${c.planVersion})\n`);
        io.out(`  payout ratio           ${formatBp(c.payoutRatioBp, 'en-US')}\n`);
        io.out(
          `  income from products   ${formatBp(c.sales.incomeFromProductsBp, 'en-US')} ${c.sales.ok ? 'OK' : 'FAIL: registration kits carry volume'}\n`,
        );
        io.out(
          `  product sales          ${formatRupiah(c.sales.products.sales)} (BV ${formatRupiah(c.sales.products.bv)})\n`,
        );
        io.out(
          `  registration kits      ${formatRupiah(c.sales.kits.sales)} (BV ${formatRupiah(c.sales.kits.bv)}) [${c.sales.kitSkus.join(', ') || 'none found'}]\n`,
        );
        io.out(`  distributors           ${d.members} (${d.earners} earning)\n`);
        io.out(
          `  income p25/p50/p75     ${formatRupiah(d.p25)} / ${formatRupiah(d.median)} / ${formatRupiah(d.p75)}\n`,
        );
        io.out(
          `  income p90/p99/max     ${formatRupiah(d.p90)} / ${formatRupiah(d.p99)} / ${formatRupiah(d.max)}\n`,
        );
        for (const t of c.incomeDisclosure.thresholds) {
          io.out(
            `  earning ≥ ${formatRupiah(t.amount).padEnd(14)} ${String(t.members).padStart(7)} (${formatBp(t.shareBp, 'en-US')})\n`,
          );
        }
        io.out(
          `  bonuses without own purchase: ${c.noPurchaseEarners.count} members, ${formatRupiah(c.noPurchaseEarners.total)}\n`,
        );
      },
    );

  report
    .command('dashboard')
    .description('monthly sales, members, referral conversion, payout ratio, ranks, top earners')
    .option('--period <P>', 'committed period for the run figures (default: latest)')
    .option('--json', 'print as JSON')
    .option('--format <f>', 'csv | xlsx file (with --out)')
    .option('--out <file>', 'write the report to a file')
    .option('--lang <l>', 'id | en', 'id')
    .action(
      async (o: {
        period?: string;
        json?: boolean;
        format?: string;
        out?: string;
        lang?: string;
      }) => {
        const d = await call('reports:dashboard', o.period ? { period: o.period } : {});
        if (o.out) {
          const f = await call('reports:exportDashboard', {
            ...(o.period ? { period: o.period } : {}),
            format: formatOf(o),
            lang: lang(o.lang),
          });
          const path = writeOut(o.out, f.base64);
          if (!o.json) io.out(`written → ${path}\n`);
        }
        if (o.json) {
          io.out(`${JSON.stringify(d)}\n`);
          return;
        }
        for (const m of d.months) {
          io.out(
            `${m.period}  sales ${formatRupiah(m.sales).padStart(18)}  BV ${formatRupiah(m.bv).padStart(18)}  active ${String(m.activeMembers ?? '-').padStart(6)}  ratio ${m.payoutRatioBp === null ? '-' : formatBp(m.payoutRatioBp, 'en-US')}\n`,
          );
        }
      },
    );

  const payouts = program
    .command('payouts')
    .description('payout batch: status, mark paid / failed');
  payouts
    .command('status')
    .description('transfers of a period: pending / paid / failed, and failures carried forward')
    .requiredOption('--period <P>', 'committed period YYYY-MM')
    .option('--json', 'print as JSON')
    .action(async (o: { period: string; json?: boolean }) => {
      const r = await call('payouts:items', { period: o.period, offset: 0, limit: 1000, sort: [] });
      const all = await call('payouts:periods', {});
      if (o.json) {
        io.out(`${JSON.stringify({ ...r, openFailures: all.openFailures })}\n`);
        return;
      }
      const c = r.counts;
      if (!r.batch)
        io.out(
          `no batch yet: ${r.payable.members} members to pay, ${formatRupiah(r.payable.amount)}\n`,
        );
      io.out(
        `pending ${c.pending} (${formatRupiah(c.pendingAmount)}), paid ${c.paid} (${formatRupiah(c.paidAmount)}), failed ${c.failed} (${formatRupiah(c.failedAmount)})\n`,
      );
      for (const i of r.items) {
        io.out(
          `  ${i.code.padEnd(10)} ${formatRupiah(i.amount).padStart(16)}  ${i.status.padEnd(7)} ${i.kind === 'retry' ? `retry of ${i.sourcePeriod}` : ''}${i.reason ? `  ${i.reason}` : ''}${i.live ? '' : '  (void: period reopened)'}\n`,
        );
      }
      if (all.openFailures.length) {
        io.out(`failed transfers waiting for the next batch: ${all.openFailures.length}\n`);
      }
    });

  payouts
    .command('mark')
    .description(
      'record the bank result: transfers paid or failed (failed ones are carried forward)',
    )
    .requiredOption('--period <P>', 'committed period YYYY-MM')
    .requiredOption('--status <s>', 'paid | failed')
    .option('--member <code>', 'member code (repeat or comma-separate)', collect)
    .option('--all-pending', 'every pending transfer of the period')
    .option('--reason <text>', 'why (required for failed)')
    .action(
      async (o: {
        period: string;
        status: string;
        member?: string[];
        allPending?: boolean;
        reason?: string;
      }) => {
        if (o.status !== 'paid' && o.status !== 'failed')
          throw new Refused('--status must be paid or failed');
        if (!o.member?.length && !o.allPending)
          throw new Refused('pass --member CODE or --all-pending');
        const r = await call('payouts:mark', {
          period: o.period,
          status: o.status,
          ...(o.member?.length ? { members: o.member } : {}),
          ...(o.allPending ? { allPending: true } : {}),
          ...(o.reason ? { reason: o.reason } : {}),
        });
        io.out(`${r.changed} transfers marked ${o.status} (${formatRupiah(r.amount)})\n`);
        io.out(`pending ${r.counts.pending}, paid ${r.counts.paid}, failed ${r.counts.failed}\n`);
      },
    );
};
