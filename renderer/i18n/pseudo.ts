/**
 * The pseudo language for the untranslated-text end-to-end check: every catalogue string of English
 * with its Latin letters accented and wrapped in ⟦ ⟧, so any Latin letter a user sees outside those
 * brackets came from code, not from a catalogue. Placeholders ({{count}}) and $t() nesting are kept
 * as they are so interpolation still works. Loaded only when ?lang=pseudo asks for it.
 */
import { createInstance, type TFunction } from 'i18next';
import { NAMESPACES, resources } from '../../core/i18n/i18n';
import { localeFor, type Locale } from '../../core/i18n/locale';
import type { Language } from '../../core/i18n/languages';

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ď', e: 'é', f: 'ƒ', g: 'ğ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ľ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ʠ', r: 'ř', s: 'š', t: 'ţ', u: 'ü', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ď', E: 'É', F: 'Ƒ', G: 'Ğ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ľ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ř', S: 'Š', T: 'Ţ', U: 'Ü', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** One string in pseudo: letters accented outside {{placeholders}}, $t(nesting) and <tags>, then bracketed. */
export function pseudoString(s: string): string {
  const parts = s.split(/(\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>)/);
  return `⟦${parts.map((p, i) => (i % 2 === 1 ? p : p.replace(/[A-Za-z]/g, (c) => ACCENTED[c] ?? c))).join('')}⟧`;
}

function pseudoTree(o: unknown): unknown {
  if (typeof o === 'string') return pseudoString(o);
  if (o && typeof o === 'object') return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, pseudoTree(v)]));
  return o;
}

let cached: { i18n: ReturnType<typeof createInstance>; loc: Locale } | null = null;

/** The pseudo i18next instance (language tag en-XA, English plural rules) and its Locale (English numbers). */
export function pseudoI18n() {
  if (cached) return cached;
  const i18n = createInstance();
  void i18n.init({
    lng: 'en-XA', fallbackLng: false, ns: [...NAMESPACES], defaultNS: 'ui',
    resources: { 'en-XA': pseudoTree(resources.en) as (typeof resources)['en'] },
    initAsync: false, returnNull: false, interpolation: { escapeValue: false },
  });
  // English numbers; the tag en-XA (not 'en') so core functions that skip translating English still translate.
  const loc: Locale = { ...localeFor('en'), lang: 'en-XA' as Language, t: i18n.t as TFunction };
  cached = { i18n, loc };
  return cached;
}
