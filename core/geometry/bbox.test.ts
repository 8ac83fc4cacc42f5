import { describe, expect, it } from 'vitest';
import { bboxOf, boxesMeet, growBox, inBox, unionBox } from './bbox';

describe('bounding boxes', () => {
  it('cover every position of every geometry type, holes and collections included', () => {
    expect(bboxOf({ type: 'Point', coordinates: [-8.6, 41.1] })).toEqual([-8.6, 41.1, -8.6, 41.1]);
    expect(bboxOf({ type: 'LineString', coordinates: [[0, 1], [2, -1]] })).toEqual([0, -1, 2, 1]);
    expect(bboxOf({ type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 7], [5, 5]]]] })).toEqual([0, 0, 6, 7]);
    expect(bboxOf({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [3, 3] }, { type: 'MultiPoint', coordinates: [[-1, 4]] }] })).toEqual([-1, 3, 3, 4]);
    expect(bboxOf({ type: 'GeometryCollection', geometries: [] })).toEqual([Infinity, Infinity, -Infinity, -Infinity]);
  });

  it('meet when they share an edge, not when apart', () => {
    expect(boxesMeet([0, 0, 1, 1], [1, 0, 2, 1])).toBe(true);
    expect(boxesMeet([0, 0, 1, 1], [1.01, 0, 2, 1])).toBe(false);
    expect(inBox([1, 1], [0, 0, 1, 1])).toBe(true);
    expect(inBox([1, 1.0001], [0, 0, 1, 1])).toBe(false);
  });

  it('grow by metres: 1,113.2 m is 0.01 degree of latitude, more degrees of longitude away from the equator', () => {
    const g = growBox([10, 60, 10, 60], 1113.2);
    expect(g[3] - 60).toBeCloseTo(0.01, 6);
    expect((g[2] - 10) / (g[3] - 60)).toBeCloseTo(1 / Math.cos((60 * Math.PI) / 180), 6);
    expect(unionBox([[0, 0, 1, 1], [-2, 0.5, 0.5, 3]])).toEqual([-2, 0, 1, 3]);
  });
});
