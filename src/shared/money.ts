/**
 * Money is integer rupiah, rates are basis points. Every helper here works on integers only;
 * `mulBp` is the single place where a rate is applied (floor, as plan-format.md says).
 */
export const BP = 10_000;

export function mulBp(amount: number, rateBp: number): number {
  // amount·rate stays far below 2^53 for any realistic rupiah amount (< 9·10^11 · 10^4).
  return Math.floor((amount * rateBp) / BP);
}

const rupiahFmt = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** `Rp 1.250.000`, `-Rp 5.000` */
export function formatRupiah(amount: number): string {
  const s = rupiahFmt.format(Math.abs(amount));
  return amount < 0 ? `-Rp ${s}` : `Rp ${s}`;
}

export function formatNumber(n: number, locale = 'id-ID'): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** Basis points as a percentage string: 1234 → `12,34 %` */
export function formatBp(bp: number, locale = 'id-ID'): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(bp / 100)} %`;
}
