import { describe, expect, it } from 'vitest';
import { closeRing, geometryProblem, isLonLat } from './validity';

describe('validity', () => {
  it('accepts WGS84 bounds inclusive and refuses projected or non-finite numbers', () => {
    expect(isLonLat(180, -90)).toBe(true);
    expect(isLonLat(-180.0001, 0)).toBe(false);
    expect(isLonLat(530_000, 4_550_000)).toBe(false);
    expect(isLonLat(Number.NaN, 0)).toBe(false);
    expect(isLonLat('1', 2)).toBe(false);
  });

  it('closes an open ring once and leaves a closed one as it is', () => {
    const open: [number, number][] = [[0, 0], [1, 0], [1, 1]];
    expect(closeRing(open)).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
    const closed = closeRing(open);
    expect(closeRing(closed)).toBe(closed);
    expect(closeRing([])).toEqual([]);
  });

  it('says what is wrong with a geometry in words', () => {
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] })).toBeNull();
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[500_000, 0], [1, 0], [1, 1], [500_000, 0]]] })).toBe('Polygon has invalid or non-WGS84 coordinates');
    expect(geometryProblem({ type: 'MultiPolygon', coordinates: [] })).toBe('MultiPolygon has invalid or non-WGS84 coordinates');
    expect(geometryProblem({ type: 'GeometryCollection', geometries: [] })).toBe('unsupported geometry type GeometryCollection');
  });
});
