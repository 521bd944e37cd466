/** A tree of translated strings. Keys are English identifiers, values the visible text. */
export interface Messages {
  [key: string]: string | Messages;
}

/** The same keys as `T`, with any string as value: what the second language must provide. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'id';

export function isLanguage(v: unknown): v is Language {
  return v === 'id' || v === 'en';
}

/**
 * One namespace of translations. The compiler refuses an Indonesian tree whose keys differ from
 * the English one (missing or extra keys), so no screen can ship half-translated.
 */
export function defineMessages<T extends Messages>(m: {
  en: T;
  id: NoInfer<SameKeys<T>>;
}): {
  en: T;
  id: SameKeys<T>;
} {
  return m;
}
