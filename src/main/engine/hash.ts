import { createHash } from 'node:crypto';
import { canonicalJson, writeCanonical } from '../../shared/canonical';
import type { Plan } from '../../shared/plan';
import { membersSortedByCode, writeMembersCanonical } from './json';
import type { MemberJson, PeriodSnapshot, RunResult } from './types';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 of the plan's canonical JSON (the stored document, not a normalised copy). */
export function planHash(plan: unknown): string {
  return sha256Hex(canonicalJson(plan));
}

/**
 * SHA-256 of canonicalJson({ period, planHash, members }), fed to the hash in chunks so a run of a
 * million members never has to exist as one string (V8 caps strings near 512 MB). Keys sorted:
 * "members" < "period" < "planHash".
 */
export function runHash(
  period: string,
  planHashHex: string,
  members: Iterable<MemberJson>,
): string {
  const hash = createHash('sha256');
  const buf: string[] = ['{"members":['];
  let size = 0;
  let first = true;
  for (const m of members) {
    if (!first) buf.push(',');
    first = false;
    const before = buf.length;
    writeCanonical(m, buf);
    size += buf.length - before;
    if (size > 16_384) {
      hash.update(buf.join(''), 'utf8');
      buf.length = 0;
      size = 0;
    }
  }
  buf.push('],"period":', JSON.stringify(period), ',"planHash":', JSON.stringify(planHashHex), '}');
  hash.update(buf.join(''), 'utf8');
  return hash.digest('hex');
}

/**
 * runHash of a computed run, streaming its members in code order straight from the result
 * arrays as bytes (equal to runHash over runToJson's members; tests hold the two together).
 */
export function runHashOf(
  plan: Plan,
  planHashHex: string,
  snap: PeriodSnapshot,
  result: RunResult,
): string {
  const hash = createHash('sha256');
  writeMembersCanonical(plan, snap, result, membersSortedByCode(snap), (chunk) =>
    hash.update(chunk),
  );
  hash.update(
    `],"period":${JSON.stringify(snap.period)},"planHash":${JSON.stringify(planHashHex)}}`,
  );
  return hash.digest('hex');
}
