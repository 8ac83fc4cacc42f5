/** Small geometry helpers shared by the product modules. */
import { centroid } from '@turf/centroid';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { PostopError } from '../errors';

const finitePos = (p: unknown): boolean =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

function checkCoords(c: unknown, depth: number): boolean {
  if (!Array.isArray(c)) return false;
  if (depth === 0) return finitePos(c);
  return c.length > 0 && c.every((x) => checkCoords(x, depth - 1));
}

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Throws a one-line error naming the file and feature when a geometry is malformed. */
export function validGeometry(g: Geometry, file: string, index: number): Geometry {
  const depth = DEPTH[g.type];
  if (depth === undefined) throw new PostopError(`${file}: feature ${index}: unsupported geometry type ${g.type}`);
  if (!checkCoords((g as { coordinates?: unknown }).coordinates, depth)) {
    throw new PostopError(`${file}: feature ${index}: ${g.type} has invalid or non-WGS84 coordinates`);
  }
  return g;
}

export function representativePoint(g: Geometry): [number, number] {
  if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
  const c = centroid(g as never).geometry.coordinates;
  return [c[0]!, c[1]!];
}

export function featureKeyOf(layer: string, lonLat: [number, number], seen: Map<string, number>): string {
  const base = `${layer}:${lonLat[0].toFixed(7)},${lonLat[1].toFixed(7)}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

export function polygonsOf(g: Geometry | null): (Polygon | MultiPolygon)[] {
  if (!g) return [];
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return [g];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  return [];
}

/** "2015/04/26", "2015-04-26T00:00:00Z", a Date, "26/04/2015" -> "2015-04-26"; unknown -> null. */
export function isoDate(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return null;
}
