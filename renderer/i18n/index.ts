/**
 * The renderer's language contract. Words: `const { t } = useTranslation('ns')` (react-i18next).
 * Numbers and core text functions: `const loc = useLocale()`, then `loc.number().format(n)` or
 * `formatCount(n, loc)`. Figures inside sentences go in `<bdi>`; user data in `translate="no"`.
 */
export { I18nProvider, lastRemembered, useLocale, useLanguage } from './I18nProvider';
export { LanguageSettings } from './LanguageSettings';
export { chooseLanguage, PSEUDO, type Choice, type Shown } from './choice';
export { fill, intervalLevel, Parts } from './Sentence';
