/**
 * Geometry on the way in: reproject to WGS84, drop Z, and refuse non-finite or out-of-range
 * coordinates with an error that names the file and the feature.
 */
import { closeRing, isLonLat, MIN_RING_POSITIONS } from '../geometry/validity';
import type { ArealGeometry } from '../model/dataset';
import type { Crs } from '../formats/crs';
import { ImportError } from './types';

type Pos = number[];

function project(p: Pos, crs: Crs, file: string, where: string): [number, number] {
  const x = p[0], y = p[1];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new ImportError(file, `${where}: coordinate [${String(x)}, ${String(y)}] is not a finite number`);
  }
  const [lon, lat] = crs.toWgs84(x, y);
  if (!isLonLat(lon, lat)) {
    throw new ImportError(file, `${where}: coordinate [${x}, ${y}] is out of range${crs.identity ? ' for longitude/latitude' : ` after reprojection from ${crs.name} (got ${lon}, ${lat})`}`);
  }
  return [lon, lat];
}

function ring(r: Pos[], crs: Crs, file: string, where: string): [number, number][] {
  if (!Array.isArray(r)) throw new ImportError(file, `${where}: a polygon ring is not an array of positions`);
  return closeRing(r.map((p) => {
    if (!Array.isArray(p)) throw new ImportError(file, `${where}: a position is not an array`);
    return project(p, crs, file, where);
  }));
}

/** Polygon/MultiPolygon (any CRS) -> WGS84 areal geometry; null for other types or degenerate rings. */
export function toArealWgs84(g: { type: string; coordinates?: unknown } | null | undefined, crs: Crs, file: string, where: string): ArealGeometry | null {
  if (!g) return null;
  if (g.type === 'Polygon') {
    const rings = (g.coordinates as Pos[][]).map((r) => ring(r, crs, file, where)).filter((r) => r.length >= MIN_RING_POSITIONS);
    return rings.length ? { type: 'Polygon', coordinates: rings } : null;
  }
  if (g.type === 'MultiPolygon') {
    const polys = (g.coordinates as Pos[][][])
      .map((poly) => poly.map((r) => ring(r, crs, file, where)).filter((r) => r.length >= MIN_RING_POSITIONS))
      .filter((poly) => poly.length > 0);
    return polys.length ? { type: 'MultiPolygon', coordinates: polys } : null;
  }
  return null;
}

export function checkLonLat(lon: number, lat: number, file: string, where: string): [number, number] {
  if (!isLonLat(lon, lat)) {
    throw new ImportError(file, `${where}: coordinate [${lon}, ${lat}] is not a valid longitude/latitude`);
  }
  return [lon, lat];
}
