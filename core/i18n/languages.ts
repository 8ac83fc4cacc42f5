/**
 * The interface languages and how one is chosen. English is the source language; the others are
 * translated catalogues of the same keys (core/i18n/locales/<lang>/<namespace>.json).
 */
export const LANGUAGES = ['en', 'fr', 'ar', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's own name, for the picker (never translated: a user must find their language). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', ar: 'العربية', uk: 'Українська' };

export const isLanguage = (x: unknown): x is Language => typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);

/** Writing direction of a language (Arabic is right to left). */
export const directionOf = (lang: Language): 'ltr' | 'rtl' => (lang === 'ar' ? 'rtl' : 'ltr');

/**
 * The language for a BCP 47 tag such as the system locale ("fr-CA" → fr, "uk-UA" → uk); English when
 * the tag names none of ours.
 */
export function languageOf(tag: string | null | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_.@]/)[0];
  return isLanguage(primary) ? primary : 'en';
}
