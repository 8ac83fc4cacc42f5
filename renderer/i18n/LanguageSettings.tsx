/** The language picker (each language in its own name) and, for Arabic, Latin or Arabic-Indic digits. */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '../../core/i18n/languages';
import { localeFor, type Digits } from '../../core/i18n/locale';
import { useLanguage } from './I18nProvider';

const DIGITS: readonly Digits[] = ['latn', 'arab'];
/** Each digits choice shown with a sample written in it. */
const sample = (d: Digits) => localeFor('ar', d).number().format(123);

export function LanguageSettings() {
  const { t } = useTranslation();
  const { lang, digits, choose, rememberError } = useLanguage();
  return (
    <fieldset className="language-settings" data-testid="language-settings">
      <label className="field">{t('settings.language')}
        <select value={isLanguage(lang) ? lang : ''} onChange={(e) => { if (isLanguage(e.target.value)) choose(e.target.value); }} data-testid="language">
          {/* The pseudo language of the untranslated-text test is never offered. */}
          {!isLanguage(lang) && <option value="" disabled>{t('settings.testLanguage')}</option>}
          {LANGUAGES.map((l) => <option key={l} value={l} lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'} translate="no">{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </label>
      {lang === 'ar' && (
        <div className="field" role="radiogroup" aria-label={t('settings.digits')} data-testid="digits">
          {t('settings.digits')}
          {DIGITS.map((d) => (
            <label key={d}>
              <input type="radio" name="digits" checked={digits === d} onChange={() => choose('ar', d)} data-testid={`digits-${d}`} />
              <bdi>{sample(d)}</bdi> {t(`settings.digitsName.${d}`)}
            </label>
          ))}
        </div>
      )}
      {rememberError && <span className="error">{t('settings.notRemembered', { reason: rememberError })}</span>}
    </fieldset>
  );
}
