/**
 * Step 1, zones (METHOD.md §1), the engine's side: who is in which zone. The zone rings themselves
 * (the area and its metric buffers) come from core/geometry/zone-rings.ts, in the local metric
 * projection of core/geometry/projection.ts.
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
import type { ArealGeometry } from '../model/dataset';
import { polygonsOf } from '../geometry/polygons';
import { projectGeometry, toXYPolygon, xyArea, type XYPolygon } from '../geometry/xy';
import type { ZoneGeometry } from '../geometry/zone-rings';

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

/** Zone of a lon/lat point and its distance to the area's edge (0 inside). */
export function locatePoint(z: ZoneGeometry, lon: number, lat: number): { zone: number; distanceM: number } {
  const sd = signedDistance(z.area, (lon - z.proj.lon0) * z.proj.kx, (lat - z.proj.lat0) * z.proj.ky);
  return { zone: zoneOfDistance(z.edges, sd), distanceM: sd > 0 ? sd : 0 };
}

/** A lon/lat box in local metres, its centre's signed distance and half-diagonal, and the zones that distance range spans. */
export interface BoxRange { x0: number; y0: number; x1: number; y1: number; cx: number; cy: number; h: number; sd: number; lo: number; hi: number }
const BOX: BoxRange = { x0: 0, y0: 0, x1: 0, y1: 0, cx: 0, cy: 0, h: 0, sd: 0, lo: 0, hi: 0 };

/**
 * The box test shared by rectShares and clip.ts unitShares. Distance is 1-Lipschitz, so every point
 * of the box lies within [sd - h, sd + h] of the area's edge. Clears `out`; returns false when the
 * box lies wholly beyond the outermost zone, true (out[lo] = 1) when the range stays in one zone,
 * else the range (one scratch object, overwritten by the next call) for the caller to split.
 */
export function boxZoneRange(z: ZoneGeometry, west: number, south: number, east: number, north: number, out: Float64Array): BoxRange | boolean {
  const { proj } = z;
  const b = BOX;
  b.x0 = (west - proj.lon0) * proj.kx; b.x1 = (east - proj.lon0) * proj.kx;
  b.y0 = (south - proj.lat0) * proj.ky; b.y1 = (north - proj.lat0) * proj.ky;
  b.cx = (b.x0 + b.x1) / 2; b.cy = (b.y0 + b.y1) / 2;
  const dx = b.x1 - b.x0, dy = b.y1 - b.y0;
  b.h = 0.5 * Math.sqrt(dx * dx + dy * dy);
  b.sd = signedDistance(z.area, b.cx, b.cy);
  out.fill(0);
  if (b.sd - b.h > z.edges[z.edges.length - 1]) return false;
  b.lo = zoneOfDistance(z.edges, b.sd - b.h); b.hi = zoneOfDistance(z.edges, b.sd + b.h);
  if (b.lo === b.hi && b.lo >= 0) { out[b.lo] = 1; return true; }
  return b;
}

/**
 * Shares of an axis-aligned lon/lat rectangle in each zone (out[k], k = 0..K); returns false when
 * the rectangle lies wholly beyond the outermost zone.
 */
export function rectShares(z: ZoneGeometry, west: number, south: number, east: number, north: number, out: Float64Array): boolean {
  const range = boxZoneRange(z, west, south, east, north, out);
  if (typeof range === 'boolean') return range;
  const { x0, y0, x1, y1, lo, hi } = range;
  const K = z.edges.length - 1;
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
