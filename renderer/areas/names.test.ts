import { describe, expect, it } from 'vitest';
import { areaNameProblem, nextAreaName } from './names';

describe('area names', () => {
  it('numbers new areas after the highest in use, skipping names taken', () => {
    expect(nextAreaName([])).toBe('Area 1');
    expect(nextAreaName(['Area 1', 'Area 2'])).toBe('Area 3');
    expect(nextAreaName(['Old town', 'Area 4'])).toBe('Area 5');
    expect(nextAreaName(['Area 1', 'area 2 ', 'Bridge'])).toBe('Area 3');
  });

  it('refuses an empty name or one another area has', () => {
    expect(areaNameProblem('  ', ['Area 1'])).toBe('An area needs a name.');
    expect(areaNameProblem('area 1', ['Area 1'])).toBe('Another area is already called "area 1".');
    expect(areaNameProblem('Old town', ['Area 1'])).toBeNull();
  });
});

describe('area names in other languages', () => {
  it('numbers in the reader\'s word for area', async () => {
    const { localeFor } = await import('../../core/i18n/locale');
    const fr = localeFor('fr'), ar = localeFor('ar');
    expect(nextAreaName(['Secteur 2'], fr)).toBe('Secteur 3');
    expect(nextAreaName([], ar)).toBe('المنطقة 1');
    expect(areaNameProblem('', [], fr)).toBe('Un secteur doit avoir un nom.');
  });
});
