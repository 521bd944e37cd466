/**
 * Canonical JSON: object keys sorted recursively (UTF-16 code unit order, like
 * `Array.prototype.sort`), no whitespace, `undefined` object members dropped (as JSON.stringify
 * does). Hashes of plans and runs are taken over this text, so it must never depend on the order
 * in which an object's keys were created.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  writeCanonical(value, out, '(root)');
  return out.join('');
}

/** Appends the canonical text of `value` to `out` (used by streaming hashers too). */
export function writeCanonical(value: unknown, out: string[], path = '(root)'): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`${path}: non-finite number in canonical JSON`);
      out.push(JSON.stringify(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`${path}: ${typeof value} cannot be written as canonical JSON`);
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      const item: unknown = value[i];
      // JSON.stringify writes undefined array items as null; keep that behaviour.
      writeCanonical(item === undefined ? null : item, out, `${path}[${i}]`);
    }
    out.push(']');
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  out.push('{');
  let first = true;
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    writeCanonical(v, out, `${path}.${key}`);
  }
  out.push('}');
}
