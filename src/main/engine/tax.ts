import type { TaxProfile } from '../../shared/plan';
import { mulBp } from '../../shared/money';

/**
 * PPh 21 for non-employee recipients (bukan pegawai), PMK 168/2023: the tax base is 50 % of the
 * gross payment, taxed with the progressive Pasal 17 ayat (1) huruf a rates on that payment alone.
 * The ONLY place these rates live.
 */
export const PPH21_BRACKETS: readonly { readonly upTo: number; readonly rateBp: number }[] = [
  { upTo: 60_000_000, rateBp: 500 },
  { upTo: 250_000_000, rateBp: 1500 },
  { upTo: 500_000_000, rateBp: 2500 },
  { upTo: 5_000_000_000, rateBp: 3000 },
  { upTo: Number.POSITIVE_INFINITY, rateBp: 3500 },
];
/** Estimated net income (penghasilan neto) of a non-employee: 50 % of gross. */
export const PPH21_BASE_PERCENT = 50;
/** Recipients without NPWP/NIK pay 20 % more (Pasal 21 ayat 5a UU PPh). */
export const PPH21_NO_TAX_ID_PERCENT = 120;

export interface TaxResult {
  tax: number;
  base: number;
}

/**
 * Progressive Pasal 17 tax of a base, floored once: Σ slice·rateBp is a whole number, divided by
 * 10000 at the end (exact for bases below ~2.5·10^12 rupiah).
 */
export function pasal17(base: number): number {
  let lower = 0;
  let sum = 0;
  for (const { upTo, rateBp } of PPH21_BRACKETS) {
    if (base <= lower) break;
    sum += (Math.min(base, upTo) - lower) * rateBp;
    lower = upTo;
  }
  return Math.floor(sum / 10_000);
}

/** Tax withheld from a payment of `available` (> 0) rupiah. */
export function computeTax(profile: TaxProfile, available: number, hasTaxId: boolean): TaxResult {
  if (available <= 0) return { tax: 0, base: 0 };
  switch (profile.profile) {
    case 'none':
      return { tax: 0, base: 0 };
    case 'flat':
      return { tax: mulBp(available, profile.rateBp), base: available };
    case 'id-pph21-nonemployee': {
      const base = Math.floor((available * PPH21_BASE_PERCENT) / 100);
      const tax = pasal17(base);
      return {
        tax: hasTaxId ? tax : Math.floor((tax * PPH21_NO_TAX_ID_PERCENT) / 100),
        base,
      };
    }
  }
}
