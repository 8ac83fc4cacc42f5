import { booleanPointInPolygon, destination, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../model/dataset';
import { xyArea } from './xy';
import { buildZones, zoneRingsLonLat } from './zone-rings';

/** A 200 m square about (lon, lat), drawn with turf.destination. */
function square(lon: number, lat: number): PolygonGeometry {
  const at = (b: number) => destination(point([lon, lat]), 100, b, { units: 'meters' }).geometry.coordinates;
  const n = at(0)[1]!, s = at(180)[1]!, e = at(90)[0]!, w = at(-90)[0]!;
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

describe('zone rings', () => {
  const area = square(-8.61, 41.15);
  const z = buildZones(area, [0, 300, 800]);

  it('each buffer has the area of a rounded square, and zone areas are the differences', () => {
    for (const [k, r] of [[1, 300], [2, 800]] as const) expect(xyArea(z.polygons[k]!) / (200 ** 2 + 4 * 200 * r + Math.PI * r ** 2)).toBeCloseTo(1, 3);
    expect(z.zoneAreasM2[2]).toBeCloseTo(xyArea(z.polygons[2]!) - xyArea(z.polygons[1]!), 6);
  });

  it('in lon/lat for the map: outermost first, each ring holding a point 100 m inside its edge and not one 100 m beyond', () => {
    const rings = zoneRingsLonLat(z);
    expect(rings.map((r) => [r.zone, r.outerEdgeM])).toEqual([[2, 800], [1, 300]]);
    const east = (m: number) => point(destination(point([-8.61, 41.15]), 100 + m, 90, { units: 'meters' }).geometry.coordinates);
    for (const r of rings) {
      expect(booleanPointInPolygon(east(r.outerEdgeM - 100), r.geometry)).toBe(true);
      expect(booleanPointInPolygon(east(r.outerEdgeM + 100), r.geometry)).toBe(false);
    }
  });

  it('the search box covers the outer ring', () => {
    const [w, s, e, n] = z.bbox;
    for (const p of zoneRingsLonLat(z)[0]!.geometry.coordinates[0]!) {
      expect(p[0]).toBeGreaterThanOrEqual(w); expect(p[0]).toBeLessThanOrEqual(e);
      expect(p[1]).toBeGreaterThanOrEqual(s); expect(p[1]).toBeLessThanOrEqual(n);
    }
  });
});
