import type { Plan } from '../../shared/plan';
import {
  KIND_CUSTOMER,
  KIND_NAMES,
  type MemberJson,
  type PeriodSnapshot,
  type RunResult,
} from './types';

/**
 * Member positions sorted by code in plain UTF-16 code-unit order (never locale order: the run
 * hash must not depend on the machine's locale). Codes are unique in the registry.
 */
export function membersSortedByCode(snap: PeriodSnapshot): Int32Array {
  const code = snap.members.code;
  const idx = Array.from({ length: snap.members.count }, (_, i) => i);
  idx.sort((a, b) => {
    const ca = code[a] as string;
    const cb = code[b] as string;
    return ca < cb ? -1 : ca > cb ? 1 : a - b;
  });
  return Int32Array.from(idx);
}

/** One member as printed by `close preview --json` (interfaces.md). */
export function memberToJson(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
  m: number,
): MemberJson {
  return memberWriter(plan, snap, result)(m);
}

/** A per-member JSON writer with the plan-level lookups done once. */
function memberWriter(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
): (m: number) => MemberJson {
  const r = result.members;
  const ids = plan.bonuses.map((b) => b.id);
  const rankCodes = plan.ranks.map((x) => x.code);
  const hasBinary = plan.bonuses.some((b) => b.type === 'binary');
  return (m) => {
    const customer = snap.members.kind[m] === KIND_CUSTOMER;
    const bonuses: Record<string, number> = {};
    ids.forEach((id, i) => {
      bonuses[id] = (r.bonus[i] as Float64Array)[m] as number;
    });
    const json: MemberJson = {
      code: snap.members.code[m] as string,
      kind: KIND_NAMES[snap.members.kind[m] as number] ?? 'distributor',
      rank: customer ? null : (rankCodes[r.rank[m] as number] ?? null),
      active: !customer && r.active[m] === 1,
      pv: customer ? 0 : (r.pv[m] as number),
      gv: customer ? 0 : (r.gv[m] as number),
      bv: customer ? 0 : (r.bv[m] as number),
      bonuses,
      adjustments: r.adjustments[m] as number,
      clawbacks: r.clawbacks[m] as number,
      carryIn: r.carryIn[m] as number,
      gross: r.gross[m] as number,
      available: r.available[m] as number,
      held: r.held[m] === 1,
      paid: r.paid[m] === 1,
      tax: r.tax[m] as number,
      net: r.net[m] as number,
      carryOut: r.carryOut[m] as number,
    };
    if (hasBinary) {
      json.binaryCarry = customer
        ? { left: 0, right: 0 }
        : { left: r.binaryCarryL[m] as number, right: r.binaryCarryR[m] as number };
    }
    return json;
  };
}

/** Members of the run in code order, lazily (1M members need not be materialised at once). */
export function* iterateMembersJson(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
): Generator<MemberJson> {
  const write = memberWriter(plan, snap, result);
  for (const m of membersSortedByCode(snap)) yield write(m);
}

/** The `members` array of `close preview --json`: every member, sorted by code. */
export function runToJson(plan: Plan, snap: PeriodSnapshot, result: RunResult): MemberJson[] {
  return Array.from(iterateMembersJson(plan, snap, result));
}

/**
 * A byte buffer that hands full chunks to `flush` (a hash, a file). Integers are written digit by
 * digit: formatting 20M numbers through String() was most of the cost of hashing a 1M-member run.
 */
export class ByteSink {
  private buf: Uint8Array;
  private pos = 0;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly flushChunk: (chunk: Uint8Array) => void,
    size = 1 << 20,
  ) {
    this.buf = new Uint8Array(size);
  }

  private room(k: number): void {
    if (this.pos + k > this.buf.length) this.flush();
    if (k > this.buf.length) this.buf = new Uint8Array(k);
  }

  flush(): void {
    if (this.pos > 0) this.flushChunk(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  bytes(b: Uint8Array): void {
    const k = b.length;
    this.room(k);
    const buf = this.buf;
    let pos = this.pos;
    // A plain loop: TypedArray.set costs more than the copy for the few bytes of a key.
    for (let i = 0; i < k; i++) buf[pos++] = b[i] as number;
    this.pos = pos;
  }

  /** Text as UTF-8 (already JSON where JSON is meant). */
  text(t: string): void {
    this.bytes(this.encoder.encode(t));
  }

  /** A string as a JSON string literal. */
  jsonString(t: string): void {
    const k = t.length;
    this.room(k + 2);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 34; // '"'
    for (let i = 0; i < k; i++) {
      const c = t.charCodeAt(i);
      // Anything JSON escapes, or that is not one byte in UTF-8: let JSON.stringify write it.
      if (c < 0x20 || c >= 0x7f || c === 34 || c === 92) {
        this.text(JSON.stringify(t));
        return;
      }
      buf[pos++] = c;
    }
    buf[pos++] = 34;
    this.pos = pos;
  }

  /** A number as JSON writes it. */
  num(x: number): void {
    if (!Number.isInteger(x) || Math.abs(x) >= 1e21) {
      this.text(JSON.stringify(x));
      return;
    }
    this.room(24);
    const buf = this.buf;
    if (x < 0) {
      buf[this.pos++] = 45; // '-'
      x = -x;
    }
    if (x === 0) {
      buf[this.pos++] = 48;
      return;
    }
    const start = this.pos;
    while (x > 0) {
      const q = Math.floor(x / 10);
      buf[this.pos++] = 48 + (x - q * 10);
      x = q;
    }
    for (let i = start, j = this.pos - 1; i < j; i++, j--) {
      const t = buf[i] as number;
      buf[i] = buf[j] as number;
      buf[j] = t;
    }
  }
}

/**
 * canonicalJson(memberToJson(m)) written straight from the result arrays into a ByteSink,
 * without building the object. Keys are listed in sorted order by hand; a property test checks
 * the bytes equal canonicalJson of the object.
 */
export function canonicalMemberBytes(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
): (sink: ByteSink, m: number) => void {
  const enc = new TextEncoder();
  const b = (t: string): Uint8Array => enc.encode(t);
  const r = result.members;
  const json = (v: unknown): Uint8Array => b(JSON.stringify(v));
  const rankCodes = plan.ranks.map((x) => json(x.code));
  const kinds = KIND_NAMES.map((k) => json(k));
  const TRUE = b('true');
  const FALSE = b('false');
  const NULL = b('null');
  const bool = (v: boolean): Uint8Array => (v ? TRUE : FALSE);
  const hasBinary = plan.bonuses.some((x) => x.type === 'binary');
  const bonusKeys = plan.bonuses
    .map((x, i) => ({ id: x.id, arr: r.bonus[i] as Float64Array }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((x, i) => ({ key: b(`${i ? ',' : ''}${JSON.stringify(x.id)}:`), arr: x.arr }));
  const K = {
    active: b('{"active":'),
    adjustments: b(',"adjustments":'),
    available: b(',"available":'),
    binaryLeft: b(',"binaryCarry":{"left":'),
    binaryRight: b(',"right":'),
    bonuses: b(hasBinary ? '},"bonuses":{' : ',"bonuses":{'),
    bv: b('},"bv":'),
    carryIn: b(',"carryIn":'),
    carryOut: b(',"carryOut":'),
    clawbacks: b(',"clawbacks":'),
    code: b(',"code":'),
    gross: b(',"gross":'),
    gv: b(',"gv":'),
    held: b(',"held":'),
    kind: b(',"kind":'),
    net: b(',"net":'),
    paid: b(',"paid":'),
    pv: b(',"pv":'),
    rank: b(',"rank":'),
    tax: b(',"tax":'),
    end: b('}'),
  };
  const codes = snap.members.code;
  return (sink, m) => {
    const customer = snap.members.kind[m] === KIND_CUSTOMER;
    sink.bytes(K.active);
    sink.bytes(bool(!customer && r.active[m] === 1));
    sink.bytes(K.adjustments);
    sink.num(r.adjustments[m] as number);
    sink.bytes(K.available);
    sink.num(r.available[m] as number);
    if (hasBinary) {
      sink.bytes(K.binaryLeft);
      sink.num(customer ? 0 : (r.binaryCarryL[m] as number));
      sink.bytes(K.binaryRight);
      sink.num(customer ? 0 : (r.binaryCarryR[m] as number));
    }
    sink.bytes(K.bonuses);
    for (const x of bonusKeys) {
      sink.bytes(x.key);
      sink.num(x.arr[m] as number);
    }
    sink.bytes(K.bv);
    sink.num(customer ? 0 : (r.bv[m] as number));
    sink.bytes(K.carryIn);
    sink.num(r.carryIn[m] as number);
    sink.bytes(K.carryOut);
    sink.num(r.carryOut[m] as number);
    sink.bytes(K.clawbacks);
    sink.num(r.clawbacks[m] as number);
    sink.bytes(K.code);
    sink.jsonString(codes[m] as string);
    sink.bytes(K.gross);
    sink.num(r.gross[m] as number);
    sink.bytes(K.gv);
    sink.num(customer ? 0 : (r.gv[m] as number));
    sink.bytes(K.held);
    sink.bytes(bool(r.held[m] === 1));
    sink.bytes(K.kind);
    sink.bytes(kinds[snap.members.kind[m] as number] ?? (kinds[0] as Uint8Array));
    sink.bytes(K.net);
    sink.num(r.net[m] as number);
    sink.bytes(K.paid);
    sink.bytes(bool(r.paid[m] === 1));
    sink.bytes(K.pv);
    sink.num(customer ? 0 : (r.pv[m] as number));
    sink.bytes(K.rank);
    sink.bytes(customer ? NULL : (rankCodes[r.rank[m] as number] ?? NULL));
    sink.bytes(K.tax);
    sink.num(r.tax[m] as number);
    sink.bytes(K.end);
  };
}

/** canonicalMemberBytes as a string, one member at a time (tests, debugging). */
export function canonicalMemberWriter(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
): (m: number) => string {
  const write = canonicalMemberBytes(plan, snap, result);
  const decoder = new TextDecoder();
  return (m) => {
    let out = '';
    const sink = new ByteSink((chunk) => {
      out += decoder.decode(chunk);
    }, 4096);
    write(sink, m);
    sink.flush();
    return out;
  };
}
