import { describe, expect, it } from 'vitest';
import type { ArealGeometry, PolygonGeometry } from '../model/dataset';
import { unitShares } from './clip';
import { at, referenceShares, squareM } from './testkit';
import { buildZones } from '../geometry/zone-rings';
import { rectShares } from './zones';

const ring = (pts: [number, number][]) => [...pts, pts[0]].map(([x, y]) => at(x, y));
const boxOf = (g: ArealGeometry): [number, number, number, number] => {
  const ps = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
  return [Math.min(...ps.map((p) => p[0])), Math.min(...ps.map((p) => p[1])), Math.max(...ps.map((p) => p[0])), Math.max(...ps.map((p) => p[1]))];
};
const shares = (z: ReturnType<typeof buildZones>, g: ArealGeometry) => {
  const out = new Float64Array(z.edges.length);
  const hit = unitShares(z, g, ...boxOf(g), out);
  return { hit, out: [...out] };
};
const reference = (z: ReturnType<typeof buildZones>, g: ArealGeometry) => {
  const out = new Float64Array(z.edges.length);
  const hit = referenceShares(z, g, out);
  return { hit, out: [...out] };
};

describe('unit shares by trapezoids (clip.ts) against turf.intersect', () => {
  // a convex area (hull buffers) and an L-shaped one (turf.buffer)
  const convex = buildZones({ type: 'Polygon', coordinates: [ring([[0, 0], [300, -40], [380, 200], [60, 260]])] }, [0, 100, 250]);
  const lShape = buildZones({ type: 'Polygon', coordinates: [ring([[0, 0], [300, 0], [300, 100], [100, 100], [100, 300], [0, 300]])] }, [0, 100, 250]);
  const units: [string, ArealGeometry][] = [
    ['a triangle across the area edge', { type: 'Polygon', coordinates: [ring([[250, -80], [420, 50], [200, 120]])] }],
    ['a concave unit with a hole across two zone edges', { type: 'Polygon', coordinates: [
      ring([[-150, 100], [120, 90], [130, 160], [10, 150], [20, 200], [-160, 210]]),
      ring([[-60, 130], [-60, 170], [-20, 170], [-20, 130]]),
    ] }],
    ['a multipolygon with one part inside and one beyond', { type: 'MultiPolygon', coordinates: [
      [ring([[50, 50], [90, 50], [90, 90], [50, 90]])],
      [ring([[-400, -400], [-380, -400], [-380, -380], [-400, -380]])],
    ] }],
    ['a unit sharing an edge with the area', { type: 'Polygon', coordinates: [[at(0, 0), at(0, 300), at(-50, 300), at(-50, 0), at(0, 0)]] }],
    ['a unit wholly inside the area', { type: 'Polygon', coordinates: [ring([[120, 80], [160, 70], [150, 120]])] }],
    ['a unit beyond every zone', { type: 'Polygon', coordinates: [ring([[900, 900], [950, 900], [950, 950]])] }],
  ];
  for (const [zname, z] of [['convex area', convex], ['L-shaped area', lShape]] as const) {
    it.each(units)(`${zname}: %s`, (_name, g) => {
      const got = shares(z, g), want = reference(z, g);
      expect(got.hit).toBe(want.hit);
      for (let k = 0; k < got.out.length; k++) expect(Math.abs(got.out[k] - want.out[k])).toBeLessThan(1e-9);
    });
  }

  it('agrees with the exact rectangle integration for axis-aligned cells at every position', () => {
    const z = buildZones({ type: 'Polygon', coordinates: [ring([[0, 0], [300, -40], [380, 200], [60, 260]])] }, [0, 100, 250]);
    const a = new Float64Array(3), b = new Float64Array(3);
    let crossing = 0;
    for (let x = -400; x <= 700; x += 37) for (let y = -400; y <= 600; y += 41) {
      const cell: PolygonGeometry = squareM(x, y, 30);
      const box = boxOf(cell);
      const hitA = rectShares(z, ...box, a), hitB = unitShares(z, cell, ...box, b);
      expect(hitB).toBe(hitA);
      for (let k = 0; k < 3; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-9);
      if (a.some((v) => v > 0 && v < 1)) crossing++;
    }
    expect(crossing).toBeGreaterThan(50); // the comparison covered cells on the zone edges, not only whole ones
  });
});
