/**
 * Zone rings (METHOD.md §1): the drawn area and the profile's concentric buffers, in local metres
 * about the area's vertex mean. zone k = buffer(outerEdge_k) minus buffer(outerEdge_{k-1}); zone 0 =
 * the area itself. One definition for the engine (which zones people by them) and the map (which
 * draws them, through zoneRingsLonLat).
 */
import * as turf from '@turf/turf';
import type { Polygon } from 'geojson';
import type { PolygonGeometry } from '../model/dataset';
import { polygonsOf } from './polygons';
import { localProjection, toLonLat, type LocalProjection } from './projection';
import { projectGeometry, ringArea, toXYPolygon, xyArea, xyToLonLat, type XYPolygon } from './xy';

/** Segments per full circle for the rounded corners of zone polygons (chord error 0.03% of the radius). */
const CIRCLE_SEGMENTS = 128;

export interface ZoneGeometry {
  proj: LocalProjection;
  /** The drawn area in metres. */
  area: XYPolygon;
  /** Outer edges in metres, zone 0 first (0). */
  edges: number[];
  /** polygons[k] = everything within edges[k] of the area (polygons[0] is the area). */
  polygons: XYPolygon[];
  /** Search box in lon/lat covering the outermost zone: [west, south, east, north]. */
  bbox: [number, number, number, number];
  /** Projected area of each zone ring, m². */
  zoneAreasM2: number[];
}

/** Convex hull (Andrew's monotone chain) of flat xy points, counter-clockwise, closed. */
function convexHull(xs: number[], ys: number[]): Float64Array {
  const idx = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  const cross = (o: number, a: number, b: number) => (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
  const lower: number[] = [], upper: number[] = [];
  for (const i of idx) { while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], i) <= 0) lower.pop(); lower.push(i); }
  for (let j = idx.length - 1; j >= 0; j--) { const i = idx[j]; while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], i) <= 0) upper.pop(); upper.push(i); }
  const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
  hull.push(hull[0]);
  const out = new Float64Array(hull.length * 2);
  hull.forEach((i, j) => { out[2 * j] = xs[i]; out[2 * j + 1] = ys[i]; });
  return out;
}

function isConvexSingleRing(p: XYPolygon): boolean {
  if (p.rings.length !== 1) return false;
  const r = p.rings[0]; const n = r.length / 2 - 1;
  if (n < 3) return false;
  let sign = 0;
  for (let i = 0; i < n; i++) {
    const a = i, b = (i + 1) % n, c = (i + 2) % n;
    const cr = (r[2 * b] - r[2 * a]) * (r[2 * c + 1] - r[2 * b + 1]) - (r[2 * b + 1] - r[2 * a + 1]) * (r[2 * c] - r[2 * b]);
    if (cr !== 0) { const s = cr > 0 ? 1 : -1; if (sign === 0) sign = s; else if (s !== sign) return false; }
  }
  return true;
}

/**
 * Buffer of a convex ring by d metres: the Minkowski sum with the CIRCLE_SEGMENTS-gon of radius d,
 * i.e. the hull of every vertex's circle points. Only the circle points whose direction lies in a
 * vertex's normal cone (between the outward normals of its two edges) can be on that hull, so only
 * those (plus one either side, for rounding) are generated: about n + 3·CIRCLE_SEGMENTS points
 * instead of n·CIRCLE_SEGMENTS, and the hull (the same function on a subset holding all its
 * vertices) is the same polygon, point for point.
 */
function convexBuffer(ring: Float64Array, d: number): Float64Array {
  const n = ring.length / 2 - 1;
  const ccw = ringArea(ring) >= 0;
  const at = (i: number) => (ccw ? i : n - i) % n; // walk the ring counter-clockwise
  const x = (i: number) => ring[2 * at(i)], y = (i: number) => ring[2 * at(i) + 1];
  // edge directions, a repeated vertex (zero-length edge) taking the next real edge's direction
  const ex = new Float64Array(n), ey = new Float64Array(n);
  for (let i = 0; i < n; i++) { ex[i] = x(i + 1) - x(i); ey[i] = y(i + 1) - y(i); }
  for (let pass = 0; pass < 2; pass++) for (let i = n - 1; i >= 0; i--) if (ex[i] === 0 && ey[i] === 0) { ex[i] = ex[(i + 1) % n]; ey[i] = ey[(i + 1) % n]; }
  const step = (2 * Math.PI) / CIRCLE_SEGMENTS;
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = (i + n - 1) % n;
    const from = Math.atan2(-ex[p], ey[p]); // outward normal of the incoming edge
    const turn = Math.max(0, Math.atan2(ex[p] * ey[i] - ey[p] * ex[i], ex[p] * ex[i] + ey[p] * ey[i]));
    const j0 = Math.floor(from / step) - 1, j1 = Math.ceil((from + turn) / step) + 1;
    for (let j = j0; j <= j1; j++) {
      const a = (2 * Math.PI * (((j % CIRCLE_SEGMENTS) + CIRCLE_SEGMENTS) % CIRCLE_SEGMENTS)) / CIRCLE_SEGMENTS;
      xs.push(x(i) + d * Math.cos(a)); ys.push(y(i) + d * Math.sin(a));
    }
  }
  return convexHull(xs, ys);
}

/** Vertices above which a non-convex area is simplified before buffering (JSTS's buffer grows much faster than linearly). */
export const MAX_BUFFER_VERTICES = 2_000;
/** The same for convex areas, whose buffer (convexBuffer) is O(n log n): a finer simplification (centimetres on a city-sized area). */
export const MAX_CONVEX_BUFFER_VERTICES = 20_000;

/** Douglas-Peucker on a closed flat ring (iterative, so a long ring cannot overflow the stack); keeps the first vertex. */
function simplifyRing(r: Float64Array, tolM: number): Float64Array {
  const n = r.length / 2;
  const keep = new Uint8Array(n); keep[0] = 1; keep[n - 1] = 1;
  // split at the vertex farthest from the first so both halves are open polylines
  let far = 0, farD = -1;
  for (let i = 1; i < n - 1; i++) { const dd = (r[2 * i] - r[0]) ** 2 + (r[2 * i + 1] - r[1]) ** 2; if (dd > farD) { farD = dd; far = i; } }
  keep[far] = 1;
  const stack = [0, far, far, n - 1];
  while (stack.length) {
    const b = stack.pop()!, a = stack.pop()!;
    const ax = r[2 * a], ay = r[2 * a + 1], dx = r[2 * b] - ax, dy = r[2 * b + 1] - ay;
    const len2 = dx * dx + dy * dy;
    let best = -1, bestD = tolM * tolM;
    for (let i = a + 1; i < b; i++) {
      let t = len2 > 0 ? ((r[2 * i] - ax) * dx + (r[2 * i + 1] - ay) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = ax + t * dx - r[2 * i], ey = ay + t * dy - r[2 * i + 1];
      const dd = ex * ex + ey * ey;
      if (dd > bestD) { bestD = dd; best = i; }
    }
    if (best >= 0) { keep[best] = 1; stack.push(a, best, best, b); }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(r[2 * i], r[2 * i + 1]);
  return Float64Array.from(out);
}

/**
 * Drops every vertex within tolM of the last one kept (the ring stays within tolM of the original);
 * keeps the closing vertex. Null as soon as more than maxVertices would be kept (no use going on).
 */
function radialThin(r: Float64Array, tolM: number, maxVertices = Infinity): Float64Array | null {
  const n = r.length / 2; const out = new Float64Array(Math.min(r.length, 2 * Math.min(n, maxVertices + 2)));
  out[0] = r[0]!; out[1] = r[1]!; let k = 2;
  let lx = r[0]!, ly = r[1]!;
  for (let i = 1; i < n - 1; i++) {
    const x = r[2 * i]!, y = r[2 * i + 1]!;
    if ((x - lx) ** 2 + (y - ly) ** 2 > tolM * tolM) {
      if (k / 2 >= maxVertices) return null;
      out[k++] = x; out[k++] = y; lx = x; ly = y;
    }
  }
  out[k++] = r[2 * n - 2]!; out[k++] = r[2 * n - 1]!;
  return out.slice(0, k);
}

/**
 * The area's rings with at most MAX_BUFFER_VERTICES vertices: Douglas-Peucker (after a linear
 * radial pass that bounds its quadratic worst case), tolerance from d/100,000 doubling until it fits.
 * The buffer of a shape within t of the area lies within t of the area's buffer, and details finer
 * than the zone width barely move its edge. Null when no tolerance up to d fits (a ring of
 * hundreds of thousands of spikes deeper than the zone is wide).
 */
function boundedRings(area: XYPolygon, d: number, maxVertices: number): XYPolygon | null {
  const count = (rs: Float64Array[]) => rs.reduce((s, r) => s + r.length / 2, 0);
  for (let tol = d / 100_000; tol <= d; tol *= 2) {
    const radial: Float64Array[] = [];
    let left = 4 * maxVertices;
    for (const r of area.rings) {
      const thin = radialThin(r, tol, left);
      if (!thin) break;
      radial.push(thin); left -= thin.length / 2;
    }
    if (radial.length < area.rings.length) continue;
    const simplified = radial.map((r) => simplifyRing(r, tol));
    if (simplified[0]!.length < 8) return null; // the outer ring collapsed: nothing faithful at this tolerance
    const kept = simplified.map((r, i) => i).filter((i) => simplified[i]!.length >= 8); // holes that collapse are dropped
    const rings = kept.map((i) => simplified[i]!);
    if (count(rings) <= maxVertices) return { rings, signs: kept.map((i) => area.signs[i]!) };
  }
  return null;
}

/**
 * Buffer of the area by d metres, as an XY polygon. Convex areas: hull of the vertex circles;
 * others: turf.buffer (JSTS), projected. An area of more than MAX_BUFFER_VERTICES vertices is
 * first simplified (boundedRings), so every buffer has a bounded number of points; if it cannot
 * be simplified within d, its convex hull is buffered instead (a larger zone, never a smaller one).
 * Ordinary areas are buffered exactly as drawn.
 */
function bufferXY(area: XYPolygon, geometry: PolygonGeometry, d: number, proj: LocalProjection): XYPolygon {
  let shape = area;
  const max = isConvexSingleRing(area) ? MAX_CONVEX_BUFFER_VERTICES : MAX_BUFFER_VERTICES;
  if (shape.rings.reduce((s, r) => s + r.length / 2, 0) > max) {
    shape = boundedRings(area, d, max) ?? { rings: [outerHull(area.rings[0]!, d)], signs: [1] };
  }
  if (isConvexSingleRing(shape)) return { rings: [convexBuffer(shape.rings[0]!, d)], signs: [1] };
  const lonLat = shape === area ? geometry : xyToLonLat(shape, proj);
  // turf.buffer projects about the feature's centre with an azimuthal equidistant projection, so it is metric too.
  const buffered = turf.buffer(turf.feature(lonLat as Polygon), d, { units: 'meters', steps: CIRCLE_SEGMENTS / 4 });
  if (!buffered) throw new Error('could not buffer the area');
  return toXYPolygon(polygonsOf(buffered.geometry), proj);
}

/** Convex hull of a ring's vertices, thinned to at most MAX_BUFFER_VERTICES (the hull of a subset of a convex ring's vertices is within the thinning distance of it). */
function outerHull(ring: Float64Array, d: number): Float64Array {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < ring.length; i += 2) { xs.push(ring[i]!); ys.push(ring[i + 1]!); }
  let hull = convexHull(xs, ys);
  for (let tol = d / 1000; hull.length / 2 > MAX_BUFFER_VERTICES; tol *= 2) hull = simplifyRing(radialThin(hull, tol)!, tol);
  return hull;
}

/** Build the zone geometry of one operation area for the given outer edges (first must be 0). */
export function buildZones(geometry: PolygonGeometry, edges: readonly number[]): ZoneGeometry {
  const ring = geometry.coordinates[0];
  let sx = 0, sy = 0;
  for (let i = 0; i < ring.length - 1; i++) { sx += ring[i][0]; sy += ring[i][1]; }
  const n = Math.max(1, ring.length - 1);
  const proj = localProjection(sx / n, sy / n);
  const area = projectGeometry(geometry, proj);
  const polygons = [area];
  for (let k = 1; k < edges.length; k++) polygons.push(bufferXY(area, geometry, edges[k], proj));
  const outer = polygons[polygons.length - 1];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of outer.rings) for (let i = 0; i < r.length; i += 2) {
    minX = Math.min(minX, r[i]); maxX = Math.max(maxX, r[i]); minY = Math.min(minY, r[i + 1]); maxY = Math.max(maxY, r[i + 1]);
  }
  // Grow the box by 1 m so points exactly on the outer edge are found.
  const bbox: [number, number, number, number] = [
    proj.lon0 + (minX - 1) / proj.kx, proj.lat0 + (minY - 1) / proj.ky, proj.lon0 + (maxX + 1) / proj.kx, proj.lat0 + (maxY + 1) / proj.ky,
  ];
  const cumulative = polygons.map(xyArea);
  const zoneAreasM2 = cumulative.map((a, k) => (k === 0 ? a : a - cumulative[k - 1]));
  return { proj, area, edges: [...edges], polygons, bbox, zoneAreasM2 };
}

/** Zone rings k >= 1 in lon/lat, outermost first (so inner rings draw on top), with their outer edge. */
export function zoneRingsLonLat(z: ZoneGeometry): { zone: number; outerEdgeM: number; geometry: PolygonGeometry }[] {
  const out: { zone: number; outerEdgeM: number; geometry: PolygonGeometry }[] = [];
  for (let k = z.polygons.length - 1; k >= 1; k--) {
    const coordinates = z.polygons[k]!.rings.map((r) => {
      const ring: [number, number][] = [];
      for (let i = 0; i < r.length; i += 2) ring.push(toLonLat(z.proj, r[i]!, r[i + 1]!));
      return ring;
    });
    out.push({ zone: k, outerEdgeM: z.edges[k]!, geometry: { type: 'Polygon', coordinates } });
  }
  return out;
}
