import { parsePlan, type Plan } from '../../../../shared/plan';

/** The editor's text → a validated plan, or the problems (JSON syntax, then parsePlan's paths). */
export type TextCheck =
  { state: 'empty' } | { state: 'valid'; plan: Plan } | { state: 'invalid'; errors: string[] };

export function checkPlanText(text: string): TextCheck {
  if (text.trim() === '') return { state: 'empty' };
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    return {
      state: 'invalid',
      errors: [`(plan): not valid JSON: ${e instanceof Error ? e.message : String(e)}`],
    };
  }
  const r = parsePlan(doc);
  return r.ok ? { state: 'valid', plan: r.plan } : { state: 'invalid', errors: r.errors };
}

/** How a plan is shown in the editor. */
export function planToText(plan: unknown): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
