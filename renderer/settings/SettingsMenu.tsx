/** The settings of this machine, opened from the toolbar: interface language and digits. */
import { useTranslation } from 'react-i18next';
import { LanguageSettings } from '../i18n';

export function SettingsMenu() {
  const { t } = useTranslation();
  return (
    <details className="settings-menu" data-testid="settings">
      <summary className="plain" data-testid="open-settings">{t('settings.title')}</summary>
      <div className="settings-popover">
        <LanguageSettings />
      </div>
    </details>
  );
}
