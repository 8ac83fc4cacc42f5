import { expect, test } from 'vitest';
import { localeFor } from '../i18n/locale';
import { chainInWords, chainParts, engineParts } from './engine-words';
import { partsText } from './parts';

const fr = localeFor('fr', 'latn');
const chain = 'Substation Centre (direct, moderate) -> Pumping station P3 (no power after 2 days) -> School 75 (moderate damage or worse, in 54% of cases) -> 80,000 people without water';

test('a chain in parts: facility and school names are name parts, the words around them are translated', () => {
  const parts = chainParts(chain, fr);
  const names = parts.filter((p) => typeof p !== 'string').map((p) => (p as { name: string }).name);
  expect(names).toEqual(['Centre', 'P3', 'School 75']);
  const words = parts.filter((p): p is string => typeof p === 'string').join('');
  expect(words).not.toMatch(/direct, moderate|no power|people without/);
  expect(partsText(parts)).toBe(chainInWords(chain, fr));
});

test('an inferred driver keeps its facility name as a name part', () => {
  const parts = engineParts('Hospital Meridia Central (default service area)', fr);
  expect(parts).toContainEqual({ name: 'Meridia Central' });
});
