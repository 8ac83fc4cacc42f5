import { describe, expect, it } from 'vitest';
import { findColumn, LAT_COLUMNS, LON_COLUMNS, parseCsv } from './csv';

describe('the one CSV rule', () => {
  it('drops a BOM, trims header names and finds lon/lat columns whatever their case', () => {
    const parsed = parseCsv('\uFEFF Name , Longitude,LAT\nA,-8.61,41.15\n\n');
    expect(parsed.meta.fields).toEqual(['Name', 'Longitude', 'LAT']);
    expect(findColumn(parsed.meta.fields!, LON_COLUMNS)).toBe('Longitude');
    expect(findColumn(parsed.meta.fields!, LAT_COLUMNS)).toBe('LAT');
    expect(parsed.data).toEqual([{ Name: 'A', Longitude: '-8.61', LAT: '41.15' }]);
  });

  it('finds no column when none is named for coordinates', () => {
    expect(findColumn(['easting', 'northing'], LON_COLUMNS)).toBeUndefined();
  });
});
