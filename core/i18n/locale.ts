/**
 * A Locale is everything a function needs to put words and numbers in front of a user: the language,
 * its translate function (typed keys), and the digits to write figures with. Core functions that
 * produce text take one (`loc: Locale = ENGLISH` while callers are being moved over); the renderer
 * holds the current one in context, the CLI makes it from --lang.
 */
import type { TFunction } from 'i18next';
import { createI18n, type NAMESPACES } from './i18n';
import { directionOf, type Language } from './languages';

/** Arabic readers use either Latin (0-9) or Arabic-Indic digits (٠-٩); a setting chooses. */
export type Digits = 'latn' | 'arab';

export interface Locale {
  readonly lang: Language;
  readonly dir: 'ltr' | 'rtl';
  readonly digits: Digits;
  /** Keys of every namespace, prefixed ('report:labels.sector.water'); unprefixed keys are `ui`'s. */
  readonly t: TFunction<Mutable<typeof NAMESPACES>>;
  /** Intl.NumberFormat for this language and digits, cached per option set. */
  number(options?: Intl.NumberFormatOptions): Intl.NumberFormat;
  /** Intl.DateTimeFormat for this language and digits, cached per option set. */
  date(options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat;
}

type Mutable<T extends readonly unknown[]> = [...T];

const cache = new Map<string, Locale>();

export function localeFor(lang: Language, digits: Digits = 'latn'): Locale {
  const key = `${lang}/${digits}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const i18n = createI18n(lang);
  const numbers = new Map<string, Intl.NumberFormat>(), dates = new Map<string, Intl.DateTimeFormat>();
  const loc: Locale = {
    lang, digits, dir: directionOf(lang), t: i18n.t as Locale['t'],
    number(options = {}) {
      const k = JSON.stringify(options);
      let f = numbers.get(k);
      if (!f) numbers.set(k, (f = new Intl.NumberFormat(lang, { ...options, numberingSystem: digits })));
      return f;
    },
    date(options = {}) {
      const k = JSON.stringify(options);
      let f = dates.get(k);
      if (!f) dates.set(k, (f = new Intl.DateTimeFormat(lang, { ...options, numberingSystem: digits })));
      return f;
    },
  };
  cache.set(key, loc);
  return loc;
}

/** The source language, for callers not yet given a locale and for JSON-facing code. */
export const ENGLISH: Locale = localeFor('en');
