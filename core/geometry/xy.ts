/**
 * Polygons in local metres (see projection.ts): rings as flat [x0,y0,x1,y1,...] arrays, the form
 * the engine's distance and area loops read.
 */
import type { Position } from 'geojson';
import type { ArealGeometry, PolygonGeometry } from '../model/dataset';
import { polygonsOf } from './polygons';
import type { LocalProjection } from './projection';

/** A polygon in local metres: rings as flat [x0,y0,x1,y1,...] arrays (closed: last = first), each with the sign that makes its area count positive for outer rings and negative for holes. */
export interface XYPolygon { rings: Float64Array[]; signs: number[] }

export function ringArea(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 3 < r.length; i += 2) s += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
  return s / 2;
}

export function toXYPolygon(polys: Position[][][], proj: LocalProjection): XYPolygon {
  const rings: Float64Array[] = []; const signs: number[] = [];
  for (const poly of polys) {
    poly.forEach((ring, i) => {
      const xy = new Float64Array(ring.length * 2);
      ring.forEach((p, j) => { xy[2 * j] = (p[0] - proj.lon0) * proj.kx; xy[2 * j + 1] = (p[1] - proj.lat0) * proj.ky; });
      const a = ringArea(xy);
      rings.push(xy); signs.push((i === 0 ? 1 : -1) * (a >= 0 ? 1 : -1));
    });
  }
  return { rings, signs };
}

export function projectGeometry(g: ArealGeometry, proj: LocalProjection): XYPolygon {
  return toXYPolygon(polygonsOf(g), proj);
}

/** Area of an XY polygon, m². */
export function xyArea(p: XYPolygon): number {
  let s = 0;
  for (let i = 0; i < p.rings.length; i++) s += p.signs[i] * ringArea(p.rings[i]);
  return s;
}

export function xyToLonLat(p: XYPolygon, proj: LocalProjection): PolygonGeometry {
  return { type: 'Polygon', coordinates: p.rings.map((r) => { const ring: Position[] = []; for (let j = 0; j < r.length; j += 2) ring.push([proj.lon0 + r[j] / proj.kx, proj.lat0 + r[j + 1] / proj.ky]); return ring; }) };
}
