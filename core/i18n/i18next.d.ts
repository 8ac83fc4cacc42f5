/** Typed keys: t('ui:…') and t('…') are checked against the English catalogues at compile time. */
import 'i18next';
import type { resources } from './i18n';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'ui';
    resources: (typeof resources)['en'];
    returnNull: false;
  }
}
