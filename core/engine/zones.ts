/**
 * Step 1, zones (METHOD.md §1): the drawn area and the profile's concentric buffers, as rings
 * (zone k = buffer(outerEdge_k) minus buffer(outerEdge_{k-1}); zone 0 = the area itself).
 *
 * Geometry is done in metres in a local equirectangular projection about the area's centroid
 * (x = R cos(lat0) dlon, y = R dlat). Over the few kilometres of an operation this is metric to
 * well under 0.1% at 0, 45 and 65 degrees (the x scale drifts by tan(lat) dlat: 0.05% for 2 km at
 * 65 degrees), and it costs two multiplications a point, which matters for a million cells.
 *
 * Points (building centroids, facilities, sites) are placed by their exact distance to the area
 * (signed: negative inside). Population units are classified by the distance at their centre and
 * their half-diagonal (distance is 1-Lipschitz, so a cell whose distance range stays inside one
 * band lies wholly in that zone); only cells that cross a zone edge are intersected with the zone
 * polygons, axis-aligned cells by exact clamped trapezoid integration, other polygons with turf.
 */
import * as turf from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { ArealGeometry, PolygonGeometry } from '../model/dataset';

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;
/** Segments per full circle for the rounded corners of zone polygons (chord error 0.03% of the radius). */
const CIRCLE_SEGMENTS = 128;

export interface LocalProjection { lon0: number; lat0: number; kx: number; ky: number }

export function localProjection(lon0: number, lat0: number): LocalProjection {
  return { lon0, lat0, kx: EARTH_RADIUS_M * Math.cos(lat0 * DEG) * DEG, ky: EARTH_RADIUS_M * DEG };
}

/** A polygon in local metres: rings as flat [x0,y0,x1,y1,...] arrays (closed: last = first), each with the sign that makes its area count positive for outer rings and negative for holes. */
export interface XYPolygon { rings: Float64Array[]; signs: number[] }

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

function ringArea(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 3 < r.length; i += 2) s += r[i] * r[i + 3] - r[i + 2] * r[i + 1];
  return s / 2;
}

function toXYPolygon(polys: Position[][][], proj: LocalProjection): XYPolygon {
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

export function polygonsOf(g: ArealGeometry | Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);
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

/** Edges above which signedDistance uses an R-tree of the edges instead of visiting every one. */
const INDEXED_EDGES = 256;
interface EdgeIndex { tree: Flatbush; ring: Int32Array; at: Int32Array }
const edgeIndexes = new WeakMap<XYPolygon, EdgeIndex | null>();

function edgeIndex(p: XYPolygon): EdgeIndex | null {
  let idx = edgeIndexes.get(p);
  if (idx !== undefined) return idx;
  const n = p.rings.reduce((s, r) => s + (r.length >> 1) - 1, 0);
  idx = null;
  if (n > INDEXED_EDGES) {
    const tree = new Flatbush(n); const ring = new Int32Array(n), at = new Int32Array(n);
    let e = 0;
    p.rings.forEach((r, ri) => {
      for (let i = 0; i + 3 < r.length; i += 2, e++) {
        ring[e] = ri; at[e] = i;
        tree.add(Math.min(r[i], r[i + 2]), Math.min(r[i + 1], r[i + 3]), Math.max(r[i], r[i + 2]), Math.max(r[i + 1], r[i + 3]));
      }
    });
    tree.finish();
    idx = { tree, ring, at };
  }
  edgeIndexes.set(p, idx);
  return idx;
}

/** Squared distance from (x, y) to the edge starting at r[i]. */
function edgeDist2(r: Float64Array, i: number, x: number, y: number): number {
  const ax = r[i], ay = r[i + 1], dx = r[i + 2] - ax, dy = r[i + 3] - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - x, ey = ay + t * dy - y;
  return ex * ex + ey * ey;
}

/** Whether the rightward ray from (x, y) crosses the edge starting at r[i] (even-odd rule). */
function crosses(r: Float64Array, i: number, x: number, y: number): boolean {
  const ax = r[i], ay = r[i + 1], bx = r[i + 2], by = r[i + 3];
  return (ay > y) !== (by > y) && x < ax + ((y - ay) * (bx - ax)) / (by - ay);
}

/**
 * Signed distance from (x, y) to the polygon's boundary: negative inside (even-odd rule), metres.
 * Large areas (thousands of vertices) are answered from an R-tree of their edges: the nearest edge
 * by box gives an upper bound, then only edges whose box is within it are measured; the crossing
 * count visits only edges meeting the ray. Same minimum, same parity: the same number as the loop.
 */
export function signedDistance(p: XYPolygon, x: number, y: number): number {
  const idx = edgeIndex(p);
  let best = Infinity; let inside = false;
  if (idx) {
    const measure = (e: number) => { const d2 = edgeDist2(p.rings[idx.ring[e]], idx.at[e], x, y); if (d2 < best) best = d2; return false; };
    const [first] = idx.tree.neighbors(x, y, 1);
    measure(first!);
    idx.tree.neighbors(x, y, Infinity, Math.sqrt(best) * (1 + 1e-9) + 1e-9, measure);
    idx.tree.search(x, y, Infinity, y, (e) => { if (crosses(p.rings[idx.ring[e]], idx.at[e], x, y)) inside = !inside; return false; });
  } else {
    for (const r of p.rings) {
      for (let i = 0; i + 3 < r.length; i += 2) {
        if (crosses(r, i, x, y)) inside = !inside;
        const d2 = edgeDist2(r, i, x, y);
        if (d2 < best) best = d2;
      }
    }
  }
  const d = Math.sqrt(best);
  return inside ? -d : d;
}

/** Zone index of a point from its signed distance: 0 inside, k if edges[k-1] < d <= edges[k], -1 beyond. */
export function zoneOfDistance(edges: readonly number[], sd: number): number {
  if (sd <= 0) return 0;
  for (let k = 1; k < edges.length; k++) if (sd <= edges[k]) return k;
  return -1;
}

const TS = new Float64Array(4);

/** Integral over x in [u0,u1] of clamp(v(x), y0, y1) - y0, v linear from v0 to v1 (exact). */
function clampedIntegral(u0: number, u1: number, v0: number, v1: number, y0: number, y1: number): number {
  const w = u1 - u0;
  if (w <= 0) return 0;
  const lo = Math.min(v0, v1), hi = Math.max(v0, v1);
  if (hi <= y0) return 0;
  if (lo >= y1) return w * (y1 - y0);
  if (lo >= y0 && hi <= y1) return w * ((v0 + v1) / 2 - y0);
  // Split where v crosses y0 and y1; clamp(v) is linear between the breaks (ascending: 0, the
  // crossings inside (0, 1), 1; in a scratch array, as this runs for every edge cell).
  const ts = TS;
  const dv = v1 - v0;
  const ta = (y0 - v0) / dv, tb = (y1 - v0) / dv;
  const inA = ta > 0 && ta < 1, inB = tb > 0 && tb < 1;
  let nt = 0;
  ts[nt++] = 0;
  if (inA && inB) { if (ta <= tb) { ts[nt++] = ta; ts[nt++] = tb; } else { ts[nt++] = tb; ts[nt++] = ta; } }
  else if (inA) ts[nt++] = ta;
  else if (inB) ts[nt++] = tb;
  ts[nt++] = 1;
  let s = 0;
  for (let i = 0; i + 1 < nt; i++) {
    const va = v0 + dv * ts[i], vb = v0 + dv * ts[i + 1];
    const ca = va < y0 ? y0 : va > y1 ? y1 : va, cb = vb < y0 ? y0 : vb > y1 ? y1 : vb;
    s += w * (ts[i + 1] - ts[i]) * ((ca + cb) / 2 - y0);
  }
  return s;
}

/**
 * Per ring: its edges (start vertex index, edges with ax === bx left out) bucketed by x-range, in
 * ring order within each bucket, so areaInRect visits only the edges whose x-range can meet the
 * rectangle's. The others add nothing to the sum (they are skipped in the full loop too), so the
 * sum over the visited ones, in ring order, is the same number.
 */
interface RingXIndex { minX: number; width: number; nb: number; start: Int32Array; edges: Int32Array; mark: Uint8Array; scratch: Int32Array }
const xIndexes = new WeakMap<Float64Array, RingXIndex>();

function ringXIndex(r: Float64Array): RingXIndex {
  let idx = xIndexes.get(r);
  if (idx) return idx;
  const nE = (r.length >> 1) - 1;
  let minX = Infinity, maxX = -Infinity;
  for (let i = 0; i < r.length; i += 2) { if (r[i] < minX) minX = r[i]; if (r[i] > maxX) maxX = r[i]; }
  const nb = Math.max(1, Math.min(256, nE >> 1));
  const width = (maxX - minX) / nb || 1;
  const bucket = (x: number) => { const b = Math.floor((x - minX) / width); return b < 0 ? 0 : b >= nb ? nb - 1 : b; };
  const count = new Int32Array(nb + 1);
  for (let e = 0; e < nE; e++) {
    const ax = r[2 * e], bx = r[2 * e + 2];
    if (ax === bx) continue;
    for (let b = bucket(Math.min(ax, bx)), be = bucket(Math.max(ax, bx)); b <= be; b++) count[b + 1]++;
  }
  for (let b = 0; b < nb; b++) count[b + 1] += count[b];
  const edges = new Int32Array(count[nb]), fill = count.slice(0, nb);
  for (let e = 0; e < nE; e++) {
    const ax = r[2 * e], bx = r[2 * e + 2];
    if (ax === bx) continue;
    for (let b = bucket(Math.min(ax, bx)), be = bucket(Math.max(ax, bx)); b <= be; b++) edges[fill[b]++] = e;
  }
  idx = { minX, width, nb, start: count, edges, mark: new Uint8Array(nE), scratch: new Int32Array(nE) };
  xIndexes.set(r, idx);
  return idx;
}

/** Exact area of polygon p inside the axis-aligned rectangle [x0,x1]x[y0,y1] (Green's theorem with clamped y). */
export function areaInRect(p: XYPolygon, x0: number, y0: number, x1: number, y1: number): number {
  let total = 0;
  for (let ri = 0; ri < p.rings.length; ri++) {
    const r = p.rings[ri];
    // candidate edges, ascending (ring order): the buckets the rectangle's x-range spans
    const ix = ringXIndex(r);
    const bucket = (x: number) => { const b = Math.floor((x - ix.minX) / ix.width); return b < 0 ? 0 : b >= ix.nb ? ix.nb - 1 : b; };
    const b0 = bucket(x0), b1 = bucket(x1);
    let list: Int32Array, from: number, to: number;
    if (b0 === b1) { list = ix.edges; from = ix.start[b0]; to = ix.start[b0 + 1]; }
    else {
      let n = 0;
      for (let b = b0; b <= b1; b++) for (let q = ix.start[b]; q < ix.start[b + 1]; q++) { const e = ix.edges[q]; if (!ix.mark[e]) { ix.mark[e] = 1; ix.scratch[n++] = e; } }
      list = ix.scratch.subarray(0, n).sort(); from = 0; to = n;
      for (let q = 0; q < n; q++) ix.mark[list[q]] = 0;
    }
    let s = 0;
    for (let q = from; q < to; q++) {
      const i = 2 * list[q];
      const ax = r[i], bx = r[i + 2];
      if (ax === bx) continue;
      const ay = r[i + 1], by = r[i + 3];
      const left = ax < bx;
      const xl = left ? ax : bx, xr = left ? bx : ax;
      if (xr <= x0 || xl >= x1) continue;
      const yl = left ? ay : by, yr = left ? by : ay;
      const u0 = xl < x0 ? x0 : xl, u1 = xr > x1 ? x1 : xr;
      const slope = (yr - yl) / (xr - xl);
      const v0 = yl + slope * (u0 - xl), v1 = yl + slope * (u1 - xl);
      const part = clampedIntegral(u0, u1, v0, v1, y0, y1);
      s += left ? part : -part;
    }
    // Sum of integral of y dx over a ring = -(signed area), so the clipped area is -s with the ring's sign.
    total += p.signs[ri] * -s;
  }
  return total;
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

function xyToLonLat(p: XYPolygon, proj: LocalProjection): PolygonGeometry {
  return { type: 'Polygon', coordinates: p.rings.map((r) => { const ring: Position[] = []; for (let j = 0; j < r.length; j += 2) ring.push([proj.lon0 + r[j] / proj.kx, proj.lat0 + r[j + 1] / proj.ky]); return ring; }) };
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

/** Zone of a lon/lat point and its distance to the area's edge (0 inside). */
export function locatePoint(z: ZoneGeometry, lon: number, lat: number): { zone: number; distanceM: number } {
  const sd = signedDistance(z.area, (lon - z.proj.lon0) * z.proj.kx, (lat - z.proj.lat0) * z.proj.ky);
  return { zone: zoneOfDistance(z.edges, sd), distanceM: sd > 0 ? sd : 0 };
}

/**
 * Shares of an axis-aligned lon/lat rectangle in each zone (out[k], k = 0..K); returns false when
 * the rectangle lies wholly beyond the outermost zone.
 */
export function rectShares(z: ZoneGeometry, west: number, south: number, east: number, north: number, out: Float64Array): boolean {
  const { proj } = z;
  const x0 = (west - proj.lon0) * proj.kx, x1 = (east - proj.lon0) * proj.kx;
  const y0 = (south - proj.lat0) * proj.ky, y1 = (north - proj.lat0) * proj.ky;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const dx = x1 - x0, dy = y1 - y0;
  const h = 0.5 * Math.sqrt(dx * dx + dy * dy);
  const sd = signedDistance(z.area, cx, cy);
  const K = z.edges.length - 1;
  out.fill(0);
  if (sd - h > z.edges[K]) return false;
  const lo = zoneOfDistance(z.edges, sd - h), hi = zoneOfDistance(z.edges, sd + h);
  if (lo === hi && lo >= 0) { out[lo] = 1; return true; }
  let any = false;
  const cellArea = (x1 - x0) * (y1 - y0);
  let prev = 0;
  const first = lo < 0 ? K + 1 : lo; // zones below `lo` cannot hold any of the cell
  for (let k = first; k <= K; k++) {
    const a = hi >= 0 && k >= hi ? cellArea : areaInRect(z.polygons[k], x0, y0, x1, y1);
    out[k] = Math.max(0, (a - prev) / cellArea);
    if (out[k] > 0) any = true;
    prev = a;
    if (a >= cellArea) break;
  }
  return any;
}

function xyToFeature(p: XYPolygon): Feature<Polygon | MultiPolygon> {
  // group rings: a positive-signed ring starts a new polygon
  const polys: Position[][][] = [];
  p.rings.forEach((r, i) => {
    const ring: Position[] = [];
    for (let j = 0; j < r.length; j += 2) ring.push([r[j], r[j + 1]]);
    if (p.signs[i] > 0 || polys.length === 0) polys.push([ring]); else polys[polys.length - 1].push(ring);
  });
  return turf.feature({ type: 'MultiPolygon', coordinates: polys });
}

/** Shares of a general polygon in each zone (turf.intersect on the projected shapes); false if beyond all zones. */
export function polygonShares(z: ZoneGeometry, g: ArealGeometry, out: Float64Array): boolean {
  const unit = projectGeometry(g, z.proj);
  const unitArea = xyArea(unit);
  out.fill(0);
  if (unitArea <= 0) return false;
  const uf = xyToFeature(unit);
  let prev = 0;
  for (let k = 0; k < z.polygons.length; k++) {
    const inter = turf.intersect(turf.featureCollection([uf, xyToFeature(z.polygons[k])]));
    const a = inter ? xyArea(toXYPolygon(polygonsOf(inter.geometry), { lon0: 0, lat0: 0, kx: 1, ky: 1 })) : 0;
    out[k] = Math.max(0, (a - prev) / unitArea);
    prev = a;
  }
  return out.some((v) => v > 0);
}
