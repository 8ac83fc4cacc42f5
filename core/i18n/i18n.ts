/**
 * One i18next instance per language, shared by the renderer (react-i18next), the report and the CLI.
 * Namespaces by area of the product: ui (planning: map, options, results, report, import, settings),
 * editing (the engineers' data editing), review (post-operation review and training), report (core/report
 * words shared with the PDF and CSV), cli, errors (DomainError messages by code).
 * Catalogues are bundled (imported JSON): the tool is offline and has no backend to load them from.
 * Plurals follow Intl.PluralRules through i18next's suffixes (_zero, _one, _two, _few, _many, _other):
 * Arabic uses all six, Ukrainian four.
 */
import { createInstance, type i18n as I18n } from 'i18next';
import { directionOf, type Language } from './languages';
import enUi from './locales/en/ui.json';
import enReport from './locales/en/report.json';
import enCli from './locales/en/cli.json';
import enErrors from './locales/en/errors.json';
import frUi from './locales/fr/ui.json';
import frReport from './locales/fr/report.json';
import frCli from './locales/fr/cli.json';
import frErrors from './locales/fr/errors.json';
import arUi from './locales/ar/ui.json';
import arReport from './locales/ar/report.json';
import arCli from './locales/ar/cli.json';
import arErrors from './locales/ar/errors.json';
import ukUi from './locales/uk/ui.json';
import ukReport from './locales/uk/report.json';
import ukCli from './locales/uk/cli.json';
import ukErrors from './locales/uk/errors.json';
import enEditing from './locales/en/editing.json';
import enReview from './locales/en/review.json';
import frEditing from './locales/fr/editing.json';
import frReview from './locales/fr/review.json';
import arEditing from './locales/ar/editing.json';
import arReview from './locales/ar/review.json';
import ukEditing from './locales/uk/editing.json';
import ukReview from './locales/uk/review.json';

export const NAMESPACES = ['ui', 'editing', 'review', 'report', 'cli', 'errors'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** The English catalogues are the source of keys; every other catalogue must have each of them. */
export const resources = {
  en: { ui: enUi, editing: enEditing, review: enReview, report: enReport, cli: enCli, errors: enErrors },
  fr: { ui: frUi, editing: frEditing, review: frReview, report: frReport, cli: frCli, errors: frErrors },
  ar: { ui: arUi, editing: arEditing, review: arReview, report: arReport, cli: arCli, errors: arErrors },
  uk: { ui: ukUi, editing: ukEditing, review: ukReview, report: ukReport, cli: ukCli, errors: ukErrors },
} satisfies Record<Language, Record<Namespace, object>>;

/** A ready (synchronously initialised) i18next instance for one language. */
export function createI18n(lang: Language, defaultNS: Namespace = 'ui'): I18n {
  const i18n = createInstance();
  void i18n.init({
    lng: lang,
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS,
    resources,
    initAsync: false,
    returnNull: false,
    // React and the PDF escape text themselves; i18next's HTML escaping would double it.
    interpolation: { escapeValue: false },
  });
  return i18n;
}

export { directionOf };
