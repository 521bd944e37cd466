import type { Plan } from './plan';

/**
 * What changed between two compensation plans (`jenjang-plan/1`), as a list a person can read:
 * ranks are matched by code and bonuses by id (never by position), so inserting a rank shows as
 * one added rank, not as every later rank changed. Pure (shared by the plan screen, the what-if
 * result and the CLI).
 *
 * Each change is a leaf: `bonuses` `unilevel` `levels[0]` 500 → 700. Optional fields that are
 * absent read as absent (`before`/`after` null), not as their documented default, so the list
 * says exactly what the documents say.
 */

export type PlanChangeKind = 'added' | 'removed' | 'changed';
export type PlanArea = 'plan' | 'rank' | 'bonus' | 'payout' | 'tax';

export interface PlanChange {
  kind: PlanChangeKind;
  area: PlanArea;
  /** Rank code or bonus id (rank and bonus areas); null otherwise. */
  key: string | null;
  /**
   * Field inside the rank/bonus/section, e.g. `minGv`, `levels[1]`, `depthByRank.BRONZE`,
   * `legs.count`; `''` for a whole rank or bonus added or removed; `(position)` when a rank or
   * bonus moved in the list (ranks are ordered lowest first, bonuses are computed in order).
   */
  field: string;
  /** JSON path in the plan that has the value (the new plan, or the old one for removals). */
  path: string;
  before: unknown;
  after: unknown;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function joinField(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Leaf differences of two JSON values, appended as (field, before, after). */
function leafDiff(
  a: unknown,
  b: unknown,
  field: string,
  out: { field: string; before: unknown; after: unknown }[],
): void {
  if (a === undefined && b === undefined) return;
  if (isObject(a) && isObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) leafDiff(a[k], b[k], joinField(field, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) leafDiff(a[i], b[i], joinField(field, i), out);
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  out.push({ field, before: a ?? null, after: b ?? null });
}

function kindOf(before: unknown, after: unknown): PlanChangeKind {
  if (before === null || before === undefined) return 'added';
  if (after === null || after === undefined) return 'removed';
  return 'changed';
}

function pathJoin(prefix: string, field: string): string {
  if (field === '') return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

/**
 * The items (present in both lists) that moved: everything outside a longest run that kept its
 * relative order, so moving one item reports that item only. On ties the item that moved
 * forward is the one reported.
 */
function movedKeys(before: readonly string[], after: readonly string[]): Set<string> {
  const pos = new Map(before.map((k, i) => [k, i]));
  const v = after.map((k) => pos.get(k) as number);
  const len = v.map(() => 1);
  const prev = v.map(() => -1);
  for (let i = 0; i < v.length; i++) {
    for (let j = 0; j < i; j++) {
      if ((v[j] as number) < (v[i] as number) && (len[j] as number) + 1 >= (len[i] as number)) {
        len[i] = (len[j] as number) + 1;
        prev[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < v.length; i++)
    if (end < 0 || (len[i] as number) >= (len[end] as number)) end = i;
  const keep = new Set<string>();
  for (let i = end; i >= 0; i = prev[i] as number) keep.add(after[i] as string);
  return new Set(after.filter((k) => !keep.has(k)));
}

/**
 * Matches list items by key: removed (in `a` only), added (in `b` only), common pairs, and the
 * common items whose relative order changed.
 */
function diffKeyed<T>(
  area: 'rank' | 'bonus',
  listName: 'ranks' | 'bonuses',
  a: readonly T[],
  b: readonly T[],
  keyOf: (x: T) => string,
  out: PlanChange[],
  compare: (x: T, y: T, ia: number, ib: number) => void,
): void {
  const ia = new Map<string, number>();
  a.forEach((x, i) => ia.set(keyOf(x), i));
  const ib = new Map<string, number>();
  b.forEach((x, i) => ib.set(keyOf(x), i));
  a.forEach((x, i) => {
    const k = keyOf(x);
    if (!ib.has(k)) {
      out.push({
        kind: 'removed',
        area,
        key: k,
        field: '',
        path: `${listName}[${i}]`,
        before: x,
        after: null,
      });
    }
  });
  const moved = movedKeys(
    a.map(keyOf).filter((k) => ib.has(k)),
    b.map(keyOf).filter((k) => ia.has(k)),
  );
  b.forEach((y, j) => {
    const k = keyOf(y);
    const i = ia.get(k);
    if (i === undefined) {
      out.push({
        kind: 'added',
        area,
        key: k,
        field: '',
        path: `${listName}[${j}]`,
        before: null,
        after: y,
      });
      return;
    }
    if (moved.has(k)) {
      out.push({
        kind: 'changed',
        area,
        key: k,
        field: '(position)',
        path: `${listName}[${j}]`,
        before: i,
        after: j,
      });
    }
    compare(a[i] as T, y, i, j);
  });
}

export function diffPlans(a: Plan, b: Plan): PlanChange[] {
  const out: PlanChange[] = [];
  const leaves: { field: string; before: unknown; after: unknown }[] = [];

  const push = (area: PlanArea, key: string | null, prefix: string): void => {
    for (const l of leaves.splice(0)) {
      out.push({
        kind: kindOf(l.before, l.after),
        area,
        key,
        field: l.field,
        path: pathJoin(prefix, l.field),
        before: l.before,
        after: l.after,
      });
    }
  };

  for (const k of ['name', 'activePv'] as const) {
    leafDiff(a[k], b[k], k, leaves);
    for (const l of leaves.splice(0)) {
      out.push({
        kind: kindOf(l.before, l.after),
        area: 'plan',
        key: null,
        field: l.field,
        path: l.field,
        before: l.before,
        after: l.after,
      });
    }
  }

  diffKeyed(
    'rank',
    'ranks',
    a.ranks,
    b.ranks,
    (r) => r.code,
    out,
    (x, y, _i, j) => {
      leafDiff(x as unknown as Json, y as unknown as Json, '', leaves);
      push('rank', y.code, `ranks[${j}]`);
    },
  );

  diffKeyed(
    'bonus',
    'bonuses',
    a.bonuses,
    b.bonuses,
    (x) => x.id,
    out,
    (x, y, _i, j) => {
      if (x.type !== y.type) {
        out.push({
          kind: 'changed',
          area: 'bonus',
          key: y.id,
          field: '',
          path: `bonuses[${j}]`,
          before: x,
          after: y,
        });
        return;
      }
      leafDiff(x as unknown as Json, y as unknown as Json, '', leaves);
      push('bonus', y.id, `bonuses[${j}]`);
    },
  );

  leafDiff(a.payout as unknown as Json, b.payout as unknown as Json, '', leaves);
  push('payout', null, 'payout');

  if (a.tax.profile !== b.tax.profile) {
    out.push({
      kind: 'changed',
      area: 'tax',
      key: null,
      field: '',
      path: 'tax',
      before: a.tax,
      after: b.tax,
    });
  } else {
    leafDiff(a.tax as unknown as Json, b.tax as unknown as Json, '', leaves);
    push('tax', null, 'tax');
  }
  return out;
}

/** One line per change, for the CLI and logs: `bonus unilevel levels[0]: 500 → 700`. */
export function formatPlanChange(c: PlanChange): string {
  const v = (x: unknown): string => (x === null || x === undefined ? '—' : JSON.stringify(x));
  const what = [c.area, c.key, c.field].filter((s) => s !== null && s !== '').join(' ');
  switch (c.kind) {
    case 'added':
      return `${what}: added ${v(c.after)}`;
    case 'removed':
      return `${what}: removed ${v(c.before)}`;
    default:
      return `${what}: ${v(c.before)} → ${v(c.after)}`;
  }
}
