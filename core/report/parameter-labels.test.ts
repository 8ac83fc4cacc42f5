import { expect, test } from 'vitest';
import params from '../../data/parameters.json';
import { LANGUAGES } from '../i18n/languages';
import { localeFor } from '../i18n/locale';
import { assumptionInWords, parameterLabel } from './assumptions';

test('every parameter in data/parameters.json has a label of a known family in every language', () => {
  for (const lang of LANGUAGES) {
    const loc = localeFor(lang, 'latn');
    const missing = Object.keys(params.values).filter((k) => parameterLabel(k, loc) === null);
    expect(missing, lang).toEqual([]);
  }
});

test('labels are built from the report words: French restoration time of a well after moderate damage', () => {
  expect(parameterLabel('restoration.well.moderate', localeFor('fr', 'latn'))).toBe('Durée moyenne de rétablissement, puits, dommages modérés');
  expect(parameterLabel('unknown.key', localeFor('fr', 'latn'))).toBeNull();
});

test("an effect profile's name is a name part (never translated), its illustrative mark is translated", () => {
  const a = assumptionInWords({ key: 'profile.x', label: 'Medium (ILLUSTRATIVE, derived from no weapon data)', value: [{ outerEdgeM: 0, damage: { none: 1, slight: 0, moderate: 0, extensive: 0, complete: 0 }, outdoor: { killed: 0, serious: 0, light: 0 } }], unit: '', source: 's' }, localeFor('fr', 'latn'));
  expect(a.labelParts).toContainEqual({ name: 'Medium' });
  expect(a.label).toContain('ILLUSTRATIF');
});
