import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../model/dataset';
import { xyArea } from '../geometry/xy';
import { buildZones, MAX_BUFFER_VERTICES, MAX_CONVEX_BUFFER_VERTICES } from '../geometry/zone-rings';
import { areaInRect, locatePoint, polygonShares, rectShares, signedDistance } from './zones';

/** A square of side 2h metres centred on (lon, lat), built geodesically with turf.destination. */
function square(lon: number, lat: number, h: number): PolygonGeometry {
  const c = turf.point([lon, lat]);
  const n = turf.destination(c, h, 0, { units: 'meters' }).geometry.coordinates[1];
  const s = turf.destination(c, h, 180, { units: 'meters' }).geometry.coordinates[1];
  const e = turf.destination(c, h, 90, { units: 'meters' }).geometry.coordinates[0];
  const w = turf.destination(c, h, -90, { units: 'meters' }).geometry.coordinates[0];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

describe.each([0, 45, 65])('zones are metric at latitude %d', (lat) => {
  const area = square(10, lat, 100);
  const z = buildZones(area, [0, 500, 1000]);
  const ring = area.coordinates[0];
  const edgeMid = (i: number, j: number) => turf.point([(ring[i][0] + ring[j][0]) / 2, (ring[i][1] + ring[j][1]) / 2]);
  const at = (from: ReturnType<typeof turf.point>, d: number, bearing: number) =>
    turf.destination(from, d, bearing, { units: 'meters' }).geometry.coordinates as [number, number];

  it.each([[0, 1, 180], [1, 2, 90], [2, 3, 0], [3, 0, -90]])('480 m off edge %d-%d is in the 500 m zone, 520 m is not', (i, j, bearing) => {
    const mid = edgeMid(i, j);
    expect(locatePoint(z, ...at(mid, 480, bearing)).zone).toBe(1);
    expect(locatePoint(z, ...at(mid, 520, bearing)).zone).toBe(2);
    expect(locatePoint(z, ...at(mid, 480, bearing)).distanceM).toBeCloseTo(480, -1);
  });
  it('diagonally off a corner too, and the centre is zone 0 at distance 0', () => {
    const corner = turf.point(ring[2]);
    expect(locatePoint(z, ...at(corner, 480, 45)).zone).toBe(1);
    expect(locatePoint(z, ...at(corner, 520, 45)).zone).toBe(2);
    expect(locatePoint(z, ...at(corner, 1020, 45)).zone).toBe(-1);
    expect(locatePoint(z, 10, lat)).toEqual({ zone: 0, distanceM: 0 });
  });
  it('zone polygons have the area of a rounded square', () => {
    // square side 200 m buffered by r: 200^2 + 4*200*r + pi r^2
    const expected500 = 200 ** 2 + 4 * 200 * 500 + Math.PI * 500 ** 2;
    expect(xyArea(z.polygons[1]) / expected500).toBeCloseTo(1, 3);
    expect(z.zoneAreasM2[0]).toBeCloseTo(200 ** 2, -2);
  });
});

describe('cell shares', () => {
  it('areaInRect is exact for a triangle against a rectangle', () => {
    const tri = { rings: [new Float64Array([0, 0, 10, 0, 0, 10, 0, 0])], signs: [1] };
    expect(areaInRect(tri, 0, 0, 10, 10)).toBeCloseTo(50, 9);
    expect(areaInRect(tri, 0, 0, 5, 5)).toBeCloseTo(25, 9);
    expect(areaInRect(tri, 5, 0, 10, 5)).toBeCloseTo(12.5, 9);
    expect(areaInRect(tri, -5, -5, 2, 20)).toBeCloseTo(18, 9);
    expect(areaInRect(tri, 20, 20, 30, 30)).toBe(0);
  });
  it('shares of a crossing cell sum to its part inside the zones and match turf.intersect', () => {
    const area = square(-8.6, 41.15, 100);
    const z = buildZones(area, [0, 250]);
    const out = new Float64Array(2), out2 = new Float64Array(2);
    const w = area.coordinates[0][0][0], s = area.coordinates[0][0][1];
    // a 40 m x 40 m cell straddling the south-west corner
    const dLon = 20 / z.proj.kx, dLat = 20 / z.proj.ky;
    const cell = [w - dLon, s - dLat, w + dLon, s + dLat] as const;
    expect(rectShares(z, ...cell, out)).toBe(true);
    expect(out[0]).toBeCloseTo(0.25, 6);
    expect(out[1]).toBeCloseTo(0.75, 6);
    const poly: PolygonGeometry = { type: 'Polygon', coordinates: [[[cell[0], cell[1]], [cell[2], cell[1]], [cell[2], cell[3]], [cell[0], cell[3]], [cell[0], cell[1]]]] };
    polygonShares(z, poly, out2);
    expect(out2[0]).toBeCloseTo(out[0], 6);
    expect(out2[1]).toBeCloseTo(out[1], 6);
  });
  it('a non-convex area is buffered through turf and still metric', () => {
    const c = [2.35, 48.85];
    const dx = 100 / (111_195 * Math.cos((48.85 * Math.PI) / 180)), dy = 100 / 111_195;
    const L: PolygonGeometry = { type: 'Polygon', coordinates: [[[c[0], c[1]], [c[0] + 3 * dx, c[1]], [c[0] + 3 * dx, c[1] + dy], [c[0] + dx, c[1] + dy], [c[0] + dx, c[1] + 3 * dy], [c[0], c[1] + 3 * dy], [c[0], c[1]]]] };
    const z = buildZones(L, [0, 500]);
    const p = turf.destination(turf.point([c[0] + 3 * dx, c[1]]), 490, 90, { units: 'meters' }).geometry.coordinates;
    expect(locatePoint(z, p[0], p[1]).zone).toBe(1);
    // buffered area = area + perimeter*r + pi r^2 for r beyond the notch: 5e4 + 1200*500 + pi*500^2 minus the filled notch... just bound it
    const a = xyArea(z.polygons[1]);
    expect(a).toBeGreaterThan(5e4 + Math.PI * 500 ** 2);
    expect(a).toBeLessThan(5e4 + 1200 * 500 + Math.PI * 500 ** 2);
  });
});

describe('bounded work for large areas', () => {
  /** A ring of n vertices about (lon, lat), radius rM metres, every other vertex pulled in by spike (a star when spike < 1). */
  function ringOf(n: number, rM: number, spike = 1): PolygonGeometry {
    const kx = 111_195 * Math.cos((41.15 * Math.PI) / 180), ky = 111_195;
    const ring = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n, r = rM * (i % 2 ? spike : 1);
      return [-8.6 + (r * Math.cos(a)) / kx, 41.15 + (r * Math.sin(a)) / ky];
    });
    return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
  }
  /** The plain loop over every edge, as signedDistance did before it had an index. */
  function bruteSignedDistance(p: ReturnType<typeof buildZones>['area'], x: number, y: number): number {
    let best = Infinity, inside = false;
    for (const r of p.rings) for (let i = 0; i + 3 < r.length; i += 2) {
      const ax = r[i], ay = r[i + 1], bx = r[i + 2], by = r[i + 3];
      if ((ay > y) !== (by > y) && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx - x, ey = ay + t * dy - y;
      best = Math.min(best, ex * ex + ey * ey);
    }
    return inside ? -Math.sqrt(best) : Math.sqrt(best);
  }

  it('the indexed distance of a 3,000-vertex star is the brute-force number, bit for bit', () => {
    const z = buildZones(ringOf(3000, 400, 0.7), [0, 500]);
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const x = (rnd() - 0.5) * 3000, y = (rnd() - 0.5) * 3000;
      expect(signedDistance(z.area, x, y)).toBe(bruteSignedDistance(z.area, x, y));
    }
  });

  it('a convex 200,000-vertex ring gets buffers of a bounded number of points, with the area of a rounded disc', () => {
    const z = buildZones(ringOf(200_000, 400), [0, 500, 1000]);
    for (const [k, d] of [[1, 500], [2, 1000]] as const) {
      expect(z.polygons[k].rings[0].length / 2).toBeLessThanOrEqual(MAX_CONVEX_BUFFER_VERTICES + 3 * 128);
      expect(xyArea(z.polygons[k]) / (Math.PI * (400 + d) ** 2)).toBeCloseTo(1, 3);
    }
  });

  it('a non-convex 200,000-vertex star is simplified before buffering, and its buffer still covers the area and 500 m around it', () => {
    const z = buildZones(ringOf(200_000, 400, 0.8), [0, 500]);
    expect(z.polygons[1].rings.reduce((s, r) => s + r.length / 2, 0)).toBeLessThan(20 * MAX_BUFFER_VERTICES);
    const a = xyArea(z.polygons[1]);
    // between the buffers of the inner (320 m) and outer (400 m) discs, less the chord error of 32 steps a quarter
    expect(a).toBeGreaterThan(Math.PI * (320 + 500) ** 2);
    expect(a).toBeLessThan(Math.PI * (400 + 500) ** 2 * 1.001);
  });
});
