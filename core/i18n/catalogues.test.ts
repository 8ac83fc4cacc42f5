import { describe, expect, it } from 'vitest';
import { createI18n, NAMESPACES, resources } from './i18n';
import { LANGUAGES, languageOf } from './languages';

/** Every key path of a catalogue, plural forms folded to their base key (languages differ in forms). */
function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`]);
}

describe('catalogues', () => {
  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    for (const ns of NAMESPACES) {
      it(`${lang}/${ns} has every key of en/${ns} and no other`, () => {
        const en = new Set(keysOf(resources.en[ns])), other = new Set(keysOf(resources[lang][ns]));
        expect([...en].filter((k) => !other.has(k))).toEqual([]);
        expect([...other].filter((k) => !en.has(k))).toEqual([]);
      });
    }
  }

  it('picks a language from a system locale, English otherwise', () => {
    expect(languageOf('fr-CA')).toBe('fr');
    expect(languageOf('uk_UA.UTF-8')).toBe('uk');
    expect(languageOf('ar')).toBe('ar');
    expect(languageOf('de-DE')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('resolves plural categories with Intl.PluralRules (Arabic has six)', () => {
    const i18n = createI18n('ar');
    i18n.addResourceBundle('ar', 'test', { n_zero: 'z', n_one: 'o', n_two: 't', n_few: 'f', n_many: 'm', n_other: 'x' });
    // A bundle added at run time has no compile-time keys: call t untyped.
    const t = i18n.t as unknown as (key: string, options: { count: number }) => string;
    const forms = [0, 1, 2, 3, 11, 100].map((count) => t('test:n', { count }));
    expect(forms).toEqual(['z', 'o', 't', 'f', 'm', 'x']);
  });
});
