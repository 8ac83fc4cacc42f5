/**
 * Which language the window speaks: `?lang=xx` (browser mode: tests and kiosks, never remembered) over
 * the choice remembered in the backend's settings over the system locale. Pure, so it is tested
 * without a window.
 */
import { isLanguage, languageOf, type Language } from '../../core/i18n/languages';
import type { Digits } from '../../core/i18n/locale';

/** The test-only pseudo language (accented English in brackets, renderer/i18n/pseudo.ts); never in the picker. */
export const PSEUDO = 'pseudo';
export type Shown = Language | typeof PSEUDO;

export interface Choice { lang: Shown; digits: Digits; /** true when ?lang= decided: a pick still works but is then remembered. */ fromUrl: boolean }

/**
 * @param search location.search of the window
 * @param remembered what settings.getLanguage returned (null when the backend could not say)
 * @param system navigator.language
 * @param allowPseudo whether ?lang=pseudo is accepted (browser mode only, see main.tsx)
 */
export function chooseLanguage(search: string, remembered: { language: Language | null; digits: Digits } | null, system: string | undefined, allowPseudo: boolean): Choice {
  const asked = new URLSearchParams(search).get('lang');
  const digits = remembered?.digits ?? 'latn';
  if (asked === PSEUDO && allowPseudo) return { lang: PSEUDO, digits: 'latn', fromUrl: true };
  if (isLanguage(asked)) return { lang: asked, digits, fromUrl: true };
  if (remembered?.language) return { lang: remembered.language, digits, fromUrl: false };
  return { lang: languageOf(system), digits, fromUrl: false };
}
