import type { z } from 'zod';
import type { ApiError } from '../../lib/api';

export type FieldErrors = Record<string, string>;

/** zod issues (client-side parse, or `details.issues` of a VALIDATION error) → field → message. */
export function issuesToFields(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.length ? String(i.path[0]) : '';
    if (key && !out[key]) out[key] = i.message;
  }
  return out;
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  return issuesToFields(error.issues);
}

/** Field messages of an API error (empty when it names no field). */
export function apiFieldErrors(error: ApiError | undefined): FieldErrors {
  const issues = (error?.details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues)
    ? issuesToFields(issues as { path: PropertyKey[]; message: string }[])
    : {};
}
