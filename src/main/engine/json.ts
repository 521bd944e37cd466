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

// ---------------------------------------------------------------------------------------------
// Canonical JSON of members as bytes, for hashing a million-member run. Writing strings through
// String()/JSON.stringify per value, or a sink object called per token, cost seconds at 1M
// members; these functions write into a byte array at a position and return the next position.

const encoder = new TextEncoder();

function putBytes(buf: Uint8Array, pos: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[pos++] = b[i] as number;
  return pos;
}

/** A number as JSON writes it (integers digit by digit, anything else through JSON.stringify). */
function putNum(buf: Uint8Array, pos: number, x: number): number {
  if (!Number.isInteger(x) || Math.abs(x) >= 1e21)
    return putBytes(buf, pos, encoder.encode(JSON.stringify(x)));
  if (x < 0) {
    buf[pos++] = 45; // '-'
    x = -x;
  }
  if (x === 0) {
    buf[pos++] = 48;
    return pos;
  }
  const start = pos;
  while (x > 0) {
    const q = Math.floor(x / 10);
    buf[pos++] = 48 + (x - q * 10);
    x = q;
  }
  for (let i = start, j = pos - 1; i < j; i++, j--) {
    const t = buf[i] as number;
    buf[i] = buf[j] as number;
    buf[j] = t;
  }
  return pos;
}

/** A string as a JSON string literal. */
function putString(buf: Uint8Array, pos: number, t: string): number {
  const start = pos;
  buf[pos++] = 34; // '"'
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // Anything JSON escapes, or that is not one byte in UTF-8: let JSON.stringify write it.
    if (c < 0x20 || c >= 0x7f || c === 34 || c === 92) {
      return putBytes(buf, start, encoder.encode(JSON.stringify(t)));
    }
    buf[pos++] = c;
  }
  buf[pos++] = 34;
  return pos;
}

/** Bytes a member can take at most besides its code (keys, 25 numbers of ≤ 24 bytes, …). */
const MEMBER_BYTES = 2048;

/**
 * Streams the canonical JSON of the run's members, in code order, in chunks of about `chunkSize`
 * bytes: `{"members":[…]` — the caller adds the rest of the document. Equal, byte for byte, to
 * canonicalJson of runToJson's members (a property test holds them together).
 */
export function writeMembersCanonical(
  plan: Plan,
  snap: PeriodSnapshot,
  result: RunResult,
  order: Int32Array,
  flush: (chunk: Uint8Array) => void,
  chunkSize = 1 << 20,
): void {
  const b = (t: string): Uint8Array => encoder.encode(t);
  const r = result.members;
  const rankCodes = plan.ranks.map((x) => b(JSON.stringify(x.code)));
  const kinds = KIND_NAMES.map((k) => b(JSON.stringify(k)));
  const TRUE = b('true');
  const FALSE = b('false');
  const NULL = b('null');
  const hasBinary = plan.bonuses.some((x) => x.type === 'binary');
  const bonuses = plan.bonuses
    .map((x, i) => ({ id: x.id, arr: r.bonus[i] as Float64Array }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const bonusKeys = bonuses.map((x, i) => b(`${i ? ',' : ''}${JSON.stringify(x.id)}:`));
  const bonusArrays = bonuses.map((x) => x.arr);
  const K_ACTIVE = b('{"active":');
  const K_ADJUSTMENTS = b(',"adjustments":');
  const K_AVAILABLE = b(',"available":');
  const K_BINARY_LEFT = b(',"binaryCarry":{"left":');
  const K_BINARY_RIGHT = b(',"right":');
  const K_BONUSES = b(hasBinary ? '},"bonuses":{' : ',"bonuses":{');
  const K_BV = b('},"bv":');
  const K_CARRY_IN = b(',"carryIn":');
  const K_CARRY_OUT = b(',"carryOut":');
  const K_CLAWBACKS = b(',"clawbacks":');
  const K_CODE = b(',"code":');
  const K_GROSS = b(',"gross":');
  const K_GV = b(',"gv":');
  const K_HELD = b(',"held":');
  const K_KIND = b(',"kind":');
  const K_NET = b(',"net":');
  const K_PAID = b(',"paid":');
  const K_PV = b(',"pv":');
  const K_RANK = b(',"rank":');
  const K_TAX = b(',"tax":');
  const bonusBytes = bonusKeys.reduce((sum, k) => sum + k.length + 24, 0);
  const codes = snap.members.code;
  const kindOf = snap.members.kind;

  let buf = new Uint8Array(Math.max(chunkSize, 1 << 16) + MEMBER_BYTES + bonusBytes);
  let pos = putBytes(buf, 0, b('{"members":['));
  for (let k = 0; k < order.length; k++) {
    const m = order[k] as number;
    const code = codes[m] as string;
    const need = MEMBER_BYTES + bonusBytes + code.length * 6;
    if (pos + need > buf.length) {
      flush(buf.subarray(0, pos));
      pos = 0;
      if (need > buf.length) buf = new Uint8Array(need);
    }
    if (k > 0) buf[pos++] = 44; // ','
    const customer = kindOf[m] === KIND_CUSTOMER;
    pos = putBytes(buf, pos, K_ACTIVE);
    pos = putBytes(buf, pos, !customer && r.active[m] === 1 ? TRUE : FALSE);
    pos = putBytes(buf, pos, K_ADJUSTMENTS);
    pos = putNum(buf, pos, r.adjustments[m] as number);
    pos = putBytes(buf, pos, K_AVAILABLE);
    pos = putNum(buf, pos, r.available[m] as number);
    if (hasBinary) {
      pos = putBytes(buf, pos, K_BINARY_LEFT);
      pos = putNum(buf, pos, customer ? 0 : (r.binaryCarryL[m] as number));
      pos = putBytes(buf, pos, K_BINARY_RIGHT);
      pos = putNum(buf, pos, customer ? 0 : (r.binaryCarryR[m] as number));
    }
    pos = putBytes(buf, pos, K_BONUSES);
    for (let i = 0; i < bonusKeys.length; i++) {
      pos = putBytes(buf, pos, bonusKeys[i] as Uint8Array);
      pos = putNum(buf, pos, (bonusArrays[i] as Float64Array)[m] as number);
    }
    pos = putBytes(buf, pos, K_BV);
    pos = putNum(buf, pos, customer ? 0 : (r.bv[m] as number));
    pos = putBytes(buf, pos, K_CARRY_IN);
    pos = putNum(buf, pos, r.carryIn[m] as number);
    pos = putBytes(buf, pos, K_CARRY_OUT);
    pos = putNum(buf, pos, r.carryOut[m] as number);
    pos = putBytes(buf, pos, K_CLAWBACKS);
    pos = putNum(buf, pos, r.clawbacks[m] as number);
    pos = putBytes(buf, pos, K_CODE);
    pos = putString(buf, pos, code);
    pos = putBytes(buf, pos, K_GROSS);
    pos = putNum(buf, pos, r.gross[m] as number);
    pos = putBytes(buf, pos, K_GV);
    pos = putNum(buf, pos, customer ? 0 : (r.gv[m] as number));
    pos = putBytes(buf, pos, K_HELD);
    pos = putBytes(buf, pos, r.held[m] === 1 ? TRUE : FALSE);
    pos = putBytes(buf, pos, K_KIND);
    pos = putBytes(buf, pos, kinds[kindOf[m] as number] ?? (kinds[0] as Uint8Array));
    pos = putBytes(buf, pos, K_NET);
    pos = putNum(buf, pos, r.net[m] as number);
    pos = putBytes(buf, pos, K_PAID);
    pos = putBytes(buf, pos, r.paid[m] === 1 ? TRUE : FALSE);
    pos = putBytes(buf, pos, K_PV);
    pos = putNum(buf, pos, customer ? 0 : (r.pv[m] as number));
    pos = putBytes(buf, pos, K_RANK);
    pos = putBytes(buf, pos, customer ? NULL : (rankCodes[r.rank[m] as number] ?? NULL));
    pos = putBytes(buf, pos, K_TAX);
    pos = putNum(buf, pos, r.tax[m] as number);
    buf[pos++] = 125; // '}'
  }
  flush(buf.subarray(0, pos));
}

/** The bytes writeMembersCanonical streams, as one string (tests and debugging; small runs). */
export function membersCanonicalText(plan: Plan, snap: PeriodSnapshot, result: RunResult): string {
  const decoder = new TextDecoder();
  let out = '';
  writeMembersCanonical(plan, snap, result, membersSortedByCode(snap), (chunk) => {
    out += decoder.decode(chunk, { stream: true });
  });
  return out + decoder.decode();
}
