import { area, centroid } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../model/dataset';
import { areaCentroid, arealParts, polygonsOf, vertexCentroid } from './polygons';

// An L: a 2x2 square with its top-right 1x1 quarter cut away, more vertices on one side.
const L: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 1], [1.5, 1], [1, 1], [1, 2], [0, 2], [0, 0]]] };

describe('polygons and centroids', () => {
  it('extracts polygon parts from nested collections and nothing from points and lines', () => {
    const parts = arealParts({ type: 'GeometryCollection', geometries: [
      { type: 'Point', coordinates: [0, 0] }, L, { type: 'GeometryCollection', geometries: [{ type: 'MultiPolygon', coordinates: [L.coordinates] }] },
    ] });
    expect(parts.map((p) => p.type)).toEqual(['Polygon', 'MultiPolygon']);
    expect(arealParts({ type: 'LineString', coordinates: [[0, 0], [1, 1]] })).toEqual([]);
    expect(arealParts(null)).toEqual([]);
    expect(polygonsOf(L)).toEqual([L.coordinates]);
  });

  it('the area centroid of an L is the area-weighted mean of its three unit squares', () => {
    // squares centred (0.5,0.5), (1.5,0.5), (0.5,1.5): mean (2.5/3, 2.5/3)
    const [x, y] = areaCentroid(L);
    expect(x).toBeCloseTo(2.5 / 3, 12);
    expect(y).toBeCloseTo(2.5 / 3, 12);
  });

  it('a hole moves the area centroid away from it; a degenerate ring falls back to its first vertex', () => {
    const withHole: PolygonGeometry = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[2.5, 1], [3.5, 1], [3.5, 3], [2.5, 3], [2.5, 1]]] };
    expect(areaCentroid(withHole)[0]).toBeLessThan(2);
    expect(area(withHole)).toBeGreaterThan(0);
    expect(areaCentroid({ type: 'Polygon', coordinates: [[[1, 1], [2, 2], [3, 3], [1, 1]]] })).toEqual([1, 1]);
  });

  it('the vertex centroid is turf centroid (closing vertex left out), and a point is itself', () => {
    expect(vertexCentroid(L)).toEqual(centroid(L).geometry.coordinates);
    expect(vertexCentroid(L)[0]).toBeCloseTo((0 + 2 + 2 + 1.5 + 1 + 1 + 0) / 7, 12);
    expect(vertexCentroid({ type: 'Point', coordinates: [-8.61, 41.15] })).toEqual([-8.61, 41.15]);
  });
});
