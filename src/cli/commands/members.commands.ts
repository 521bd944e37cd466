import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Refused, type CommandModule } from '../command';
import { importCommand } from './products.commands';

/** `export …` is shared by several domains: add to the one command, whoever creates it first. */
function exportCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export files')
  );
}

const LEGS = ['L', 'R'];

export const membersCommands: CommandModule = ({ program, call, io }) => {
  importCommand(program)
    .command('members <file>')
    .description(
      'members.csv/.xlsx: code, name, kind, sponsor, join_date[, placement, leg, status, phone, email, nik, npwp, bank_name, bank_account, bank_holder]',
    )
    .option('--dry-run', 'validate only, write nothing')
    .action(async (file: string, o: { dryRun?: boolean }) => {
      let r;
      try {
        r = await call('members:import', { path: resolve(file), dryRun: Boolean(o.dryRun) });
      } catch (e) {
        if (!(e instanceof Refused)) throw e;
        // Every problem on its own line, `FILE:LINE: column: message`; then the refusal.
        const lines = e.message.split('\n');
        io.err(`${lines.join('\n')}\n`);
        throw new Refused(
          `nothing imported: ${lines.length} problem${lines.length === 1 ? '' : 's'} in ${file}`,
        );
      }
      const what = `${r.rows} members (${r.distributors} distributors, ${r.customers} customers)`;
      io.out(
        r.dryRun
          ? `dry run: ${r.file} is valid: ${what}; nothing written\n`
          : `imported ${r.file}: ${what}\n`,
      );
    });

  const member = program.command('member').description('one member: show, hold, release, move');
  member
    .command('show <code>')
    .description('profile, sponsor line, counts and this period’s volumes')
    .option('--json', 'JSON output')
    .action(async (code: string, o: { json?: boolean }) => {
      const d = await call('members:detail', { code, downlineLimit: 20 });
      if (o.json) {
        io.out(`${JSON.stringify(d)}\n`);
        return;
      }
      const m = d.member;
      io.out(
        [
          `${m.code}  ${m.name}  (${m.kind}, ${m.status}${m.hold ? `, ON HOLD: ${m.holdReason}` : ''})`,
          `joined ${m.joinDate}; sponsor ${m.sponsorCode ?? '-'}; placement ${m.placementCode ? `${m.placementCode}/${m.leg}` : '-'}`,
          `sponsor line: ${d.sponsorLine.map((s) => s.code).join(' → ') || '(root)'}`,
          `direct sponsored ${d.counts.directSponsored}, downline ${d.counts.sponsorDownline}; binary L ${d.counts.placementLeft?.size ?? 0}, R ${d.counts.placementRight?.size ?? 0}`,
          `period ${d.period}: PV ${d.volumes.pv}, GV ${d.volumes.gv}`,
          '',
        ].join('\n'),
      );
    });
  member
    .command('hold <code>')
    .description('keep the member’s payouts back')
    .requiredOption('--reason <text>', 'why (audited)')
    .action(async (code: string, o: { reason: string }) => {
      const m = await call('members:hold', { code, reason: o.reason });
      io.out(`${m.code} on hold: ${m.holdReason}\n`);
    });
  member
    .command('release <code>')
    .description('release a payout hold')
    .option('--reason <text>', 'why (audited)')
    .action(async (code: string, o: { reason?: string }) => {
      const m = await call('members:release', { code, reason: o.reason });
      io.out(`${m.code} released\n`);
    });
  member
    .command('move <code>')
    .description('change sponsor and/or binary placement (audited)')
    .option('--sponsor <code>', 'new sponsor')
    .option('--root', 'no sponsor (distributors only)')
    .option('--placement <code>', 'new placement parent (with --leg)')
    .option('--leg <leg>', 'L or R')
    .option('--unplace', 'take out of the binary tree')
    .option('--reason <text>', 'why (required unless --preview)')
    .option('--preview', 'show what would change, write nothing')
    .option('--json', 'JSON output')
    .action(
      async (
        code: string,
        o: {
          sponsor?: string;
          root?: boolean;
          placement?: string;
          leg?: string;
          unplace?: boolean;
          reason?: string;
          preview?: boolean;
          json?: boolean;
        },
      ) => {
        const target: {
          code: string;
          sponsorCode?: string | null;
          placement?: { parentCode: string; leg: 'L' | 'R' } | null;
        } = { code };
        if (o.sponsor && o.root) throw new Refused('give --sponsor or --root, not both');
        if (o.sponsor) target.sponsorCode = o.sponsor;
        if (o.root) target.sponsorCode = null;
        if (o.placement) {
          const leg = (o.leg ?? '').toUpperCase();
          if (!LEGS.includes(leg)) throw new Refused('--placement needs --leg L or R');
          target.placement = { parentCode: o.placement, leg: leg as 'L' | 'R' };
        }
        if (o.unplace) target.placement = null;
        const preview = await call('members:movePreview', target);
        if (o.preview || !preview.allowed) {
          if (o.json) io.out(`${JSON.stringify(preview)}\n`);
          else {
            for (const [name, c] of [
              ['sponsor', preview.sponsor],
              ['placement', preview.placement],
            ] as const) {
              if (!c) continue;
              const ref = (r: typeof c.from) =>
                r ? `${r.code}${r.leg ? `/${r.leg}` : ''}` : '(none)';
              io.out(
                `${name}: ${ref(c.from)} → ${ref(c.to)}; moves ${c.subtreeSize} members, ${c.volumeMoved} PV in ${preview.period}; uplines affected: ${c.oldUplineAffected} old, ${c.newUplineAffected} new\n`,
              );
            }
          }
          if (!preview.allowed) {
            throw new Refused(preview.problems.map((p) => `${p.field}: ${p.message}`).join('; '));
          }
          return;
        }
        if (!o.reason) throw new Refused('--reason is required');
        const r = await call('members:move', { ...target, reason: o.reason });
        if (o.json) io.out(`${JSON.stringify(r)}\n`);
        else {
          io.out(
            `${r.member.code} moved: sponsor ${r.member.sponsorCode ?? '-'}, placement ${r.member.placementCode ? `${r.member.placementCode}/${r.member.leg}` : '-'}\n`,
          );
        }
      },
    );

  exportCommand(program)
    .command('members')
    .description('members (same columns as the import) as CSV or XLSX')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', 'csv or xlsx (default: from --out)')
    .option('--search <text>', 'quick search (code, name, phone)')
    .option('--kind <kind>', 'distributor or customer')
    .option('--status <status>', 'active, suspended or terminated')
    .action(
      async (o: {
        out: string;
        format?: string;
        search?: string;
        kind?: string;
        status?: string;
      }) => {
        const format = (o.format ?? (o.out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv')) as
          'csv' | 'xlsx';
        const filter: Record<string, string> = {};
        if (o.kind) filter.kind = o.kind;
        if (o.status) filter.status = o.status;
        const r = await call('members:export', {
          format,
          path: resolve(o.out),
          filter: filter as never,
          ...(o.search ? { search: o.search } : {}),
        });
        io.out(`exported ${r.rows} members to ${r.path}\n`);
      },
    );
};
