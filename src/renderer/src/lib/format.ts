import { useTranslation } from 'react-i18next';
import {
  formatBp as sharedFormatBp,
  formatNumber as sharedFormatNumber,
} from '../../../shared/money';
import { currentLanguage } from '../i18n';
import type { Language } from '../i18n/define';

/** Locale used by Intl for each UI language. English keeps rupiah, so only separators change. */
const LOCALE: Record<Language, string> = { id: 'id-ID', en: 'en-US' };

export function localeOf(lang: Language): string {
  return LOCALE[lang];
}

/** `Rp 1.250.000` (id) / `Rp 1,250,000` (en); negative: `-Rp 5.000`. Integer rupiah only. */
export function formatRupiah(amount: number, lang: Language = currentLanguage()): string {
  const s = sharedFormatNumber(Math.abs(amount), LOCALE[lang]);
  return amount < 0 ? `-Rp ${s}` : `Rp ${s}`;
}

/** Short rupiah for chart axes: `Rp 1,2 jt` / `Rp 1.2M`. */
export function formatRupiahCompact(amount: number, lang: Language = currentLanguage()): string {
  const s = new Intl.NumberFormat(LOCALE[lang], {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(Math.abs(amount));
  return amount < 0 ? `-Rp ${s}` : `Rp ${s}`;
}

export function formatNumber(n: number, lang: Language = currentLanguage()): string {
  return sharedFormatNumber(n, LOCALE[lang]);
}

/** Basis points as a percentage: 1234 → `12,34 %` (id) / `12.34 %` (en). */
export function formatBp(bp: number, lang: Language = currentLanguage()): string {
  return sharedFormatBp(bp, LOCALE[lang]);
}

// Dates are calendar dates (`YYYY-MM-DD`, Asia/Jakarta already applied by main): format them in
// UTC so the viewer's time zone can never shift the day.
function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** `2026-10-05` → `5 Okt 2026` (id) / `Oct 5, 2026` (en). Invalid input is returned as is. */
export function formatDate(
  date: string | null | undefined,
  lang: Language = currentLanguage(),
): string {
  if (!date) return '';
  const d = utcDate(date.slice(0, 10));
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** `2026-10` → `Oktober 2026` (id) / `October 2026` (en); `short` → `Okt 2026` / `Oct 2026`. */
export function formatPeriod(
  period: string,
  lang: Language = currentLanguage(),
  style: 'long' | 'short' = 'long',
): string {
  const d = utcDate(`${period}-01`);
  if (Number.isNaN(d.getTime())) return period;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    month: style,
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** ISO timestamp → local date and time, e.g. `5 Okt 2026 14.05`. */
export function formatDateTime(iso: string, lang: Language = currentLanguage()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(
    d,
  );
}

export interface Formatters {
  lang: Language;
  rupiah: (amount: number) => string;
  rupiahCompact: (amount: number) => string;
  number: (n: number) => string;
  bp: (bp: number) => string;
  date: (date: string | null | undefined) => string;
  period: (period: string, style?: 'long' | 'short') => string;
  dateTime: (iso: string) => string;
}

export function formattersFor(lang: Language): Formatters {
  return {
    lang,
    rupiah: (a) => formatRupiah(a, lang),
    rupiahCompact: (a) => formatRupiahCompact(a, lang),
    number: (n) => formatNumber(n, lang),
    bp: (bp) => formatBp(bp, lang),
    date: (d) => formatDate(d, lang),
    period: (p, style) => formatPeriod(p, lang, style),
    dateTime: (iso) => formatDateTime(iso, lang),
  };
}

/** Formatters bound to the current language; the component re-renders when it changes. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formattersFor(currentLanguage(i18n.resolvedLanguage));
}
