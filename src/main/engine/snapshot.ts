import {
  KIND_CUSTOMER,
  KIND_DISTRIBUTOR,
  LEG_LEFT,
  LEG_NONE,
  LEG_RIGHT,
  STATUS_NAMES,
  SnapshotError,
  periodToInt,
  type MemberKind,
  type MemberStatus,
  type PeriodSnapshot,
} from './types';

/**
 * Building a PeriodSnapshot from plain objects keyed by member code. For tests, fixtures and the
 * what-if simulator; the period close builds the typed arrays directly while streaming rows.
 */
export interface MemberInput {
  code: string;
  kind?: MemberKind;
  sponsor?: string | null;
  placement?: string | null;
  leg?: 'L' | 'R' | null;
  /** 'YYYY-MM' or 'YYYY-MM-DD'; default 2000-01. */
  join?: string;
  status?: MemberStatus;
  hold?: boolean;
  /** default true */
  bank?: boolean;
  /** default true */
  taxId?: boolean;
  carryIn?: number;
  binaryCarryIn?: { left: number; right: number };
  adjustments?: number;
  clawbacks?: number;
}

export interface OrderLineInput {
  qty: number;
  unitPrice?: number;
  memberPrice?: number;
  pv?: number;
  bv?: number;
}

export interface OrderInput {
  /** default: 1-based position in the list */
  id?: number;
  buyer: string;
  lines: OrderLineInput[];
}

export interface SnapshotInput {
  period: string;
  members: MemberInput[];
  orders?: OrderInput[];
}

export function createSnapshot(input: SnapshotInput): PeriodSnapshot {
  const n = input.members.length;
  const pos = new Map<string, number>();
  input.members.forEach((m, i) => {
    if (pos.has(m.code)) throw new SnapshotError(`duplicate member code ${m.code}`);
    pos.set(m.code, i);
  });
  const ref = (code: string | null | undefined, what: string): number => {
    if (code === null || code === undefined) return -1;
    const i = pos.get(code);
    if (i === undefined) throw new SnapshotError(`unknown ${what} ${code}`);
    return i;
  };

  const snap: PeriodSnapshot = {
    period: input.period,
    members: {
      count: n,
      code: input.members.map((m) => m.code),
      kind: new Uint8Array(n),
      status: new Uint8Array(n),
      sponsor: new Int32Array(n),
      placement: new Int32Array(n),
      leg: new Uint8Array(n),
      joinPeriod: new Int32Array(n),
      hold: new Uint8Array(n),
      hasBank: new Uint8Array(n),
      hasTaxId: new Uint8Array(n),
    },
    lines: emptyLines(0),
    adjustments: new Float64Array(n),
    clawbacks: new Float64Array(n),
    carryIn: new Float64Array(n),
    binaryCarryInL: new Float64Array(n),
    binaryCarryInR: new Float64Array(n),
  };
  const M = snap.members;
  input.members.forEach((m, i) => {
    M.kind[i] = m.kind === 'customer' ? KIND_CUSTOMER : KIND_DISTRIBUTOR;
    M.status[i] = STATUS_NAMES.indexOf(m.status ?? 'active');
    M.sponsor[i] = ref(m.sponsor, 'sponsor');
    M.placement[i] = ref(m.placement, 'placement');
    M.leg[i] = m.leg === 'L' ? LEG_LEFT : m.leg === 'R' ? LEG_RIGHT : LEG_NONE;
    M.joinPeriod[i] = periodToInt((m.join ?? '2000-01').slice(0, 7));
    M.hold[i] = m.hold ? 1 : 0;
    M.hasBank[i] = m.bank === false ? 0 : 1;
    M.hasTaxId[i] = m.taxId === false ? 0 : 1;
    snap.carryIn[i] = m.carryIn ?? 0;
    snap.binaryCarryInL[i] = m.binaryCarryIn?.left ?? 0;
    snap.binaryCarryInR[i] = m.binaryCarryIn?.right ?? 0;
    snap.adjustments[i] = m.adjustments ?? 0;
    snap.clawbacks[i] = m.clawbacks ?? 0;
  });

  const orders = input.orders ?? [];
  const L = emptyLines(orders.reduce((s, o) => s + o.lines.length, 0));
  let k = 0;
  orders.forEach((o, oi) => {
    const buyer = ref(o.buyer, 'buyer');
    for (const line of o.lines) {
      L.order[k] = o.id ?? oi + 1;
      L.buyer[k] = buyer;
      L.qty[k] = line.qty;
      L.unitPrice[k] = line.unitPrice ?? 0;
      L.memberPrice[k] = line.memberPrice ?? 0;
      L.pv[k] = line.pv ?? 0;
      L.bv[k] = line.bv ?? 0;
      k++;
    }
  });
  snap.lines = L;
  return snap;
}

export function emptyLines(count: number): PeriodSnapshot['lines'] {
  return {
    count,
    order: new Int32Array(count),
    buyer: new Int32Array(count),
    qty: new Int32Array(count),
    unitPrice: new Float64Array(count),
    memberPrice: new Float64Array(count),
    pv: new Float64Array(count),
    bv: new Float64Array(count),
  };
}
