/**
 * The window's language: react-i18next over the core i18next instance of the chosen language, the core
 * Locale of that language (and digits) for numbers and core text functions, and `<html lang dir>`.
 * A pick in the picker is applied at once and remembered in the backend's settings (settings.setLanguage).
 */
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { createI18n } from '../../core/i18n/i18n';
import type { Language } from '../../core/i18n/languages';
import { localeFor, type Digits, type Locale } from '../../core/i18n/locale';
import { isLanguage } from '../../core/i18n/languages';
import { call } from '../api/client';
import { PSEUDO, type Choice, type Shown } from './choice';
import { pseudoI18n } from './pseudo';
import { setCurrentLocale } from './current';

interface LanguageState {
  /** The language shown (the pseudo language only in the pseudo-locale test). */
  lang: Shown;
  digits: Digits;
  loc: Locale;
  /** Show `lang` (with `digits` for Arabic) and remember it across launches. */
  choose(lang: Language, digits?: Digits): void;
  /** Why the last choice could not be remembered, if it could not. */
  rememberError: string | null;
}

const LanguageContext = createContext<LanguageState | null>(null);
const instances = new Map<Language, I18n>();
const instanceFor = (lang: Shown): I18n => {
  if (lang === PSEUDO) return pseudoI18n().i18n;
  let i = instances.get(lang);
  if (!i) instances.set(lang, (i = createI18n(lang)));
  return i;
};
/** Digits are a setting of Arabic only; other languages write Latin digits. */
const localeOf = (lang: Shown, digits: Digits): Locale => (lang === PSEUDO ? pseudoI18n().loc : localeFor(lang, lang === 'ar' ? digits : 'latn'));

export function I18nProvider({ initial, children }: { initial: Choice; children: ReactNode }) {
  const [shown, setShown] = useState({ lang: initial.lang, digits: initial.digits });
  const [rememberError, setRememberError] = useState<string | null>(null);
  const i18n = instanceFor(shown.lang);
  const loc = localeOf(shown.lang, shown.digits);
  setCurrentLocale(loc); // before children render: the store may name an area in this render's language

  useLayoutEffect(() => {
    const html = document.documentElement;
    html.lang = shown.lang === PSEUDO ? 'en-XA' : shown.lang;
    html.dir = loc.dir;
    document.title = i18n.t('app.title');
  }, [shown.lang, loc, i18n]);

  // The backend's remembered choice decides unless ?lang= did (the first paint used the local copy).
  useEffect(() => {
    call('settings.getLanguage', {}).then((r) => {
      keepLocally(r);
      // Only a real change re-renders: a re-render of the window while the map loads delays its first idle.
      setShown((s) => {
        const next = initial.fromUrl ? { ...s, digits: r.digits } : { lang: r.language ?? s.lang, digits: r.digits };
        return next.lang === s.lang && next.digits === s.digits ? s : next;
      });
    }, () => undefined); // no backend: the app says so itself; the language stays as chosen
  }, [initial.fromUrl]);

  const choose = useCallback((lang: Language, digits: Digits = shown.digits) => {
    setShown({ lang, digits });
    keepLocally({ language: lang, digits });
    call('settings.setLanguage', { language: lang, digits }).then(() => setRememberError(null), (e: Error) => setRememberError(e.message));
  }, [shown.digits]);

  const state = useMemo<LanguageState>(() => ({ lang: shown.lang, digits: shown.digits, loc, choose, rememberError }), [shown, loc, choose, rememberError]);
  return (
    <I18nextProvider i18n={i18n}>
      <LanguageContext.Provider value={state}>{children}</LanguageContext.Provider>
    </I18nextProvider>
  );
}

const LOCAL_KEY = 'uia-language';
/** A local copy of the remembered choice, for the first paint before the backend answers. */
function keepLocally(r: { language: Language | null; digits: Digits }) {
  try { localStorage.setItem(LOCAL_KEY, JSON.stringify(r)); } catch { /* storage unavailable: the backend still remembers */ }
}
export function lastRemembered(): { language: Language | null; digits: Digits } | null {
  try {
    const r = JSON.parse(localStorage.getItem(LOCAL_KEY) ?? 'null') as { language?: unknown; digits?: unknown } | null;
    return r ? { language: isLanguage(r.language) ? r.language : null, digits: r.digits === 'arab' ? 'arab' : 'latn' } : null;
  } catch { return null; }
}

function useLanguageState(): LanguageState {
  const s = useContext(LanguageContext);
  if (!s) throw new Error('useLocale/useLanguage outside I18nProvider');
  return s;
}

/** The current core Locale: numbers (`loc.number()`), dates, and the `loc` argument of core text functions. */
export const useLocale = (): Locale => useLanguageState().loc;

/** The current language and digits, and `choose` (for the picker). */
export const useLanguage = () => useLanguageState();
