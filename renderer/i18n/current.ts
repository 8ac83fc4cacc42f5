/**
 * The current Locale for code outside React (the workspace store names new areas with it). Set by
 * I18nProvider whenever the language changes; English until then.
 */
import { ENGLISH, type Locale } from '../../core/i18n/locale';

let current: Locale = ENGLISH;
export const currentLocale = (): Locale => current;
export const setCurrentLocale = (loc: Locale): void => { current = loc; };
