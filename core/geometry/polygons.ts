/**
 * Polygon extraction and centroids of GeoJSON geometries: the one place engine,
 * importers, post-op, API and store take them from.
 */
import { centroid } from '@turf/centroid';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { AnyFeatureGeometry, ArealGeometry } from '../model/dataset';

/** The polygons of an areal geometry as coordinate arrays (a Polygon is one). */
export function polygonsOf(g: ArealGeometry | Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);
}

/** The polygonal parts of any geometry (collections searched; points and lines give none). */
export function arealParts(g: Geometry | null): (Polygon | MultiPolygon)[] {
  if (!g) return [];
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return [g];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(arealParts);
  return [];
}

/**
 * Area centroid of a polygonal geometry (holes subtracted, coordinates taken about the first vertex
 * so the products stay small), or the point itself. The engine places buildings by it.
 */
export function areaCentroid(g: AnyFeatureGeometry): [number, number] {
  if (g.type === 'Point') return [g.coordinates[0], g.coordinates[1]];
  let a = 0, cx = 0, cy = 0;
  const ref = (g.type === 'Polygon' ? g.coordinates[0][0] : g.coordinates[0][0][0]) as Position;
  for (const poly of polygonsOf(g)) {
    poly.forEach((ring, ri) => {
      const sign = ri === 0 ? 1 : -1;
      let ra = 0, rx = 0, ry = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const x0 = ring[i][0] - ref[0], y0 = ring[i][1] - ref[1], x1 = ring[i + 1][0] - ref[0], y1 = ring[i + 1][1] - ref[1];
        const c = x0 * y1 - x1 * y0;
        ra += c; rx += (x0 + x1) * c; ry += (y0 + y1) * c;
      }
      const s = sign * Math.sign(ra || 1);
      a += s * ra; cx += s * rx; cy += s * ry;
    });
  }
  if (a === 0) { const p = polygonsOf(g)[0][0][0]; return [p[0], p[1]]; }
  return [ref[0] + cx / (3 * a), ref[1] + cy / (3 * a)];
}

/**
 * Mean of the vertices (closing vertices left out; turf's centroid), or the point itself: the
 * representative point of an observation or a site, cheap and inside any convex shape.
 */
export function vertexCentroid(g: Geometry): [number, number] {
  if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
  const c = centroid(g).geometry.coordinates;
  return [c[0]!, c[1]!];
}
