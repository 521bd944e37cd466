import type { payoutsContract } from '../../../shared/ipc/payouts.contract';
import type { Db } from '../../db/client';
import {
  ensureBatch,
  findBatch,
  getCommittedRun,
  listCommittedRuns,
  markItems,
  openFailures,
  pageRunMembers,
  periodCounts,
  periodItems,
  type RunMemberRow,
} from '../../db/repositories/payouts.repo';
import { checkAccount, exportBankFile } from '../../services/bank-export';
import { exportPayoutSheet, sheetSummary } from '../../services/payout-export';
import { batchStatementsPdf, memberStatementPdf } from '../../services/statement-pdf';
import type { HandlersFor } from '../handler';
import { withTx } from '../handler';

function toPayoutRow(m: RunMemberRow) {
  return {
    code: m.code,
    name: m.name,
    kind: m.kind,
    rank: m.rank,
    active: m.active,
    pv: m.pv,
    gv: m.gv,
    bv: m.bv,
    bonuses: m.bonuses,
    bonusTotal: m.bonusTotal,
    adjustments: m.adjustments,
    clawbacks: m.clawbacks,
    carryIn: m.carryIn,
    gross: m.gross,
    available: m.available,
    held: m.held,
    paid: m.paid,
    taxBase: m.taxBase,
    tax: m.tax,
    net: m.net,
    carryOut: m.carryOut,
    bankName: m.bankName,
    hasBankAccount: Boolean(m.bankAccount?.trim()),
  };
}

function payable(db: Db, runId: number): { members: number; amount: number } {
  return db.sqlite
    .prepare(
      `SELECT count(*) AS members, coalesce(sum(net), 0) AS amount
       FROM run_members WHERE run_id = ? AND paid = 1 AND net > 0`,
    )
    .get(runId) as { members: number; amount: number };
}

export const payoutsHandlers = {
  'payouts:periods': (_input, { db }) => {
    const periods = listCommittedRuns(db)
      .reverse()
      .map((run) => {
        const s = sheetSummary(db, run);
        const batch = findBatch(db, run.id);
        const paidMembers = db.sqlite
          .prepare('SELECT count(*) FROM run_members WHERE run_id = ? AND paid = 1')
          .pluck()
          .get(run.id) as number;
        return {
          period: run.period,
          runId: run.id,
          runHash: run.runHash,
          planVersion: run.planVersion,
          committedAt: run.createdAt,
          members: s.members,
          paidMembers,
          bv: run.totals.bv,
          payoutRatioBp: run.totals.payoutRatioBp,
          totals: s.totals,
          batch: batch
            ? {
                createdAt: batch.createdAt,
                lastExportAt: batch.lastExportAt,
                lastExportLayout: batch.lastExportLayout,
              }
            : null,
          counts: periodCounts(db, run.period),
        };
      });
    const failures = openFailures(db).map((f) => ({
      id: f.id,
      code: f.code,
      name: f.name,
      sourcePeriod: f.sourcePeriod,
      amount: f.amount,
      reason: f.reason,
      markedAt: f.markedAt,
    }));
    return { periods, openFailures: failures };
  },

  'payouts:sheet': (input, { db }) => {
    const run = getCommittedRun(db, input.period);
    const page = pageRunMembers(db, run.id, {
      offset: input.offset,
      limit: input.limit,
      sort: input.sort,
      search: input.search,
      filter: input.filter,
    });
    return {
      rows: page.rows.map(toPayoutRow),
      total: page.total,
      bonusIds: run.plan.bonuses.map((b) => b.id),
    };
  },

  'payouts:items': (input, { db }) => {
    const run = getCommittedRun(db, input.period);
    const batch = findBatch(db, run.id);
    let items = periodItems(db, input.period, input.status ? { status: input.status } : {});
    const q = input.search?.trim().toLowerCase();
    if (q)
      items = items.filter(
        (i) => i.code.toLowerCase().includes(q) || i.name.toLowerCase().includes(q),
      );
    const sort = input.sort[0];
    if (sort && ['code', 'name', 'amount', 'status', 'sourcePeriod'].includes(sort.colId)) {
      const k = sort.colId as 'code' | 'name' | 'amount' | 'status' | 'sourcePeriod';
      const dir = sort.sort === 'desc' ? -1 : 1;
      items = [...items].sort((a, b) => (a[k] < b[k] ? -dir : a[k] > b[k] ? dir : a.id - b.id));
    }
    const slice = items.slice(input.offset, input.offset + input.limit);
    return {
      period: input.period,
      batch: batch
        ? {
            createdAt: batch.createdAt,
            createdBy: batch.createdBy,
            lastExportAt: batch.lastExportAt,
            lastExportBy: batch.lastExportBy,
            lastExportLayout: batch.lastExportLayout,
          }
        : null,
      counts: periodCounts(db, input.period),
      payable: payable(db, run.id),
      items: slice.map((i) => {
        const check = checkAccount(i.bankName, i.bankAccount, 'generic');
        return {
          id: i.id,
          code: i.code,
          name: i.name,
          kind: i.kind,
          sourcePeriod: i.sourcePeriod,
          amount: i.amount,
          status: i.status,
          reason: i.reason,
          bankName: i.bankName,
          bankAccount: i.bankAccount,
          accountProblem: i.hold ? 'on_hold' : check.ok ? null : check.reason,
          hold: i.hold,
          exportedAt: i.exportedAt,
          markedAt: i.markedAt,
          markedBy: i.markedBy,
          resent: i.resent,
          live: i.live,
        };
      }),
      total: items.length,
    };
  },

  'payouts:createBatch': withTx((input, { db, user }) => {
    const run = getCommittedRun(db, input.period);
    ensureBatch(db, run, user.username);
    return { period: input.period, counts: periodCounts(db, input.period) };
  }),

  'payouts:mark': withTx((input, { db, user }) => {
    const run = getCommittedRun(db, input.period);
    ensureBatch(db, run, user.username);
    const changed = markItems(
      db,
      {
        period: input.period,
        status: input.status,
        ...(input.members ? { members: input.members } : {}),
        ...(input.itemIds ? { itemIds: input.itemIds } : {}),
        ...(input.allPending ? { allPending: true } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
      },
      user.username,
    );
    return {
      period: input.period,
      changed: changed.length,
      amount: changed.reduce((s, i) => s + i.amount, 0),
      counts: periodCounts(db, input.period),
    };
  }),

  'payouts:exportSheet': async (input, { db }) => {
    const r = await exportPayoutSheet(db, input.period, input.format, input.lang);
    return {
      fileName: r.fileName,
      mime: r.mime,
      base64: r.base64,
      bytes: r.bytes,
      members: r.summary.members,
      totals: r.summary.totals,
    };
  },

  'payouts:exportBank': withTx((input, { db, user }) => {
    const r = exportBankFile(db, {
      period: input.period,
      layout: input.layout,
      actor: user.username,
      ...(input.valueDate ? { valueDate: input.valueDate } : {}),
      ...(input.sourceAccount ? { sourceAccount: input.sourceAccount } : {}),
    });
    return {
      file: r.file,
      exceptionsFile: r.exceptionsFile,
      layout: r.layout,
      transfers: r.transfers,
      total: r.total,
      exceptions: r.exceptions,
    };
  }),

  'payouts:statement': async (input, { db }) => {
    const r = await memberStatementPdf(db, input.period, input.member, input.lang);
    return { fileName: r.fileName, mime: r.mime, base64: r.base64, bytes: r.bytes, pages: r.pages };
  },

  'payouts:statements': async (input, { db }) => {
    const r = await batchStatementsPdf(db, input.period, {
      ...(input.members?.length ? { codes: input.members } : {}),
      onlyPaid: input.onlyPaid,
      lang: input.lang,
    });
    return {
      fileName: r.fileName,
      mime: r.mime,
      base64: r.base64,
      bytes: r.bytes,
      pages: r.pages,
      members: r.members,
    };
  },
} satisfies HandlersFor<typeof payoutsContract>;
