/**
 * Ring and coordinate validity, said once: importers and post-op readers wrap the problem in their
 * own error (naming the file and the feature).
 */
import type { Geometry, Position } from 'geojson';

/** A finite WGS84 longitude/latitude pair. */
export function isLonLat(lon: unknown, lat: unknown): boolean {
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat)
    && lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/** Positions a closed polygon ring needs (a triangle and its closing vertex). */
export const MIN_RING_POSITIONS = 4;

/** The ring closed (its first position appended when the last differs); a new array only when it was open. */
export function closeRing<P extends Position>(ring: P[]): P[] {
  if (ring.length === 0) return ring;
  const a = ring[0]!, b = ring[ring.length - 1]!;
  return a[0] === b[0] && a[1] === b[1] ? ring : [...ring, [a[0], a[1]] as P];
}

const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

function validCoordinates(c: unknown, depth: number): boolean {
  if (!Array.isArray(c)) return false;
  if (depth === 0) return c.length >= 2 && isLonLat(c[0], c[1]);
  return c.length > 0 && c.every((x) => validCoordinates(x, depth - 1));
}

/** What is wrong with a WGS84 geometry in words (`Polygon has invalid or non-WGS84 coordinates`), or null. */
export function geometryProblem(g: Geometry): string | null {
  const depth = DEPTH[g.type];
  if (depth === undefined) return `unsupported geometry type ${g.type}`;
  if (!validCoordinates((g as { coordinates?: unknown }).coordinates, depth)) return `${g.type} has invalid or non-WGS84 coordinates`;
  return null;
}
