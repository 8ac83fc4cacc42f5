/**
 * Shares of a census polygon in each zone, without a polygon clipper.
 *
 * 1. Bounding box first: the signed distance to the area is 1-Lipschitz, so every point of a unit
 *    lies within [sd(c) - h, sd(c) + h] (c the centre of its box, h the half-diagonal). A unit whose
 *    range stays in one zone lies wholly in it (share 1); one beyond the outermost edge is out. If the
 *    box cannot tell, the test is repeated with the largest distance r from c to the unit's vertices
 *    (the disk of radius r about c holds the vertices, so their hull, so the unit). Only units whose
 *    range still crosses a zone edge reach step 2, and only for the zones the range spans.
 * 2. Exact intersection area by trapezoids (Green's theorem), never building the clipped shape. With
 *    sigma_e = +1 for an edge running right to left in an outer ring (counter-clockwise) and -1 the
 *    other way (reversed in holes), a polygon's indicator at (x, y) is the sum of sigma_e over the
 *    edges above the point. Multiplying the two sums and integrating over y gives
 *
 *      area(A n B) = sum_a sum_b sigma_a sigma_b  integral over common x of min(y_a(x), y_b(x)) dx
 *
 *    (the lower bound of the y integral drops out: at every x the sigmas of each polygon's edges sum
 *    to zero). Each term is the integral of the lower of two lines: two trapezoids at most, split
 *    where they cross. The sum is continuous in the coordinates, so touching vertices, shared or
 *    collinear edges need no special case, unlike a clipper that must decide topology; plain floats
 *    suffice (no arbitrary precision). Only B's edges whose x-range meets the unit's are visited (an
 *    x-bucket index per zone polygon), and y is taken about the unit's centre, so the terms are the
 *    size of the unit and rounding stays near 1e-15 of its area.
 *
 * The same definition as turf.intersect's area (the engine's path before, kept as the tests'
 * reference in testkit.ts) for valid polygons; tests/engine/porto-polygons.test.ts compares both on
 * Porto's census polygons, and the polygon path with the rectangle integration on the training city.
 */
import type { ArealGeometry } from '../model/dataset';
import { polygonsOf } from '../geometry/polygons';
import type { XYPolygon } from '../geometry/xy';
import type { ZoneGeometry } from '../geometry/zone-rings';
import { boxZoneRange, zoneOfDistance } from './zones';

/** Non-vertical edges of a polygon, left end first, with their sigma, bucketed by x-range. */
interface EdgeTable {
  xl: Float64Array; yl: Float64Array; xr: Float64Array; yr: Float64Array; sigma: Float64Array;
  minX: number; width: number; nb: number; start: Int32Array; list: Int32Array;
  mark: Uint8Array; scratch: Int32Array;
}
const tables = new WeakMap<XYPolygon, EdgeTable>();

function edgeTable(p: XYPolygon): EdgeTable {
  let t = tables.get(p);
  if (t) return t;
  let n = 0;
  for (const r of p.rings) n += (r.length >> 1) - 1;
  const xl = new Float64Array(n), yl = new Float64Array(n), xr = new Float64Array(n), yr = new Float64Array(n), sigma = new Float64Array(n);
  let m = 0, minX = Infinity, maxX = -Infinity;
  p.rings.forEach((r, ri) => {
    for (let i = 0; i + 3 < r.length; i += 2) {
      const ax = r[i], ay = r[i + 1], bx = r[i + 2], by = r[i + 3];
      if (ax === bx) continue; // vertical: no x-range, adds nothing
      const rightToLeft = bx < ax;
      xl[m] = rightToLeft ? bx : ax; yl[m] = rightToLeft ? by : ay; xr[m] = rightToLeft ? ax : bx; yr[m] = rightToLeft ? ay : by;
      sigma[m] = p.signs[ri] * (rightToLeft ? 1 : -1);
      if (xl[m] < minX) minX = xl[m];
      if (xr[m] > maxX) maxX = xr[m];
      m++;
    }
  });
  const nb = Math.max(1, Math.min(1024, m >> 1));
  const width = (maxX - minX) / nb || 1;
  const bucket = (x: number) => { const b = Math.floor((x - minX) / width); return b < 0 ? 0 : b >= nb ? nb - 1 : b; };
  const start = new Int32Array(nb + 1);
  for (let e = 0; e < m; e++) for (let b = bucket(xl[e]), be = bucket(xr[e]); b <= be; b++) start[b + 1]++;
  for (let b = 0; b < nb; b++) start[b + 1] += start[b];
  const list = new Int32Array(start[nb]), fill = start.slice(0, nb);
  for (let e = 0; e < m; e++) for (let b = bucket(xl[e]), be = bucket(xr[e]); b <= be; b++) list[fill[b]++] = e;
  t = {
    xl: xl.subarray(0, m), yl: yl.subarray(0, m), xr: xr.subarray(0, m), yr: yr.subarray(0, m), sigma: sigma.subarray(0, m),
    minX, width, nb, start, list, mark: new Uint8Array(m), scratch: new Int32Array(m),
  };
  tables.set(p, t);
  return t;
}

/** A unit projected to metres as flat edge arrays (left end first) with sigmas, y about cy. */
interface UnitEdges { n: number; xl: Float64Array; yl: Float64Array; xr: Float64Array; yr: Float64Array; sigma: Float64Array; area: number; minX: number; maxX: number; cy: number; radius: number }
let scratchUnit: UnitEdges = { n: 0, xl: new Float64Array(64), yl: new Float64Array(64), xr: new Float64Array(64), yr: new Float64Array(64), sigma: new Float64Array(64), area: 0, minX: 0, maxX: 0, cy: 0, radius: 0 };

/** Project a unit's rings (lon/lat) into the zone's metres, y about cy; radius = largest distance of a vertex from (cx, cy). The edge arrays are reused between calls. */
function unitEdges(g: ArealGeometry, z: ZoneGeometry, cx: number, cy: number): UnitEdges {
  const { lon0, lat0, kx, ky } = z.proj;
  const polys = polygonsOf(g);
  let total = 0;
  for (const poly of polys) for (const ring of poly) total += ring.length;
  let u = scratchUnit;
  if (u.xl.length < total) {
    const c = Math.max(total, 2 * u.xl.length);
    u = scratchUnit = { n: 0, xl: new Float64Array(c), yl: new Float64Array(c), xr: new Float64Array(c), yr: new Float64Array(c), sigma: new Float64Array(c), area: 0, minX: 0, maxX: 0, cy: 0, radius: 0 };
  }
  let m = 0, area = 0, minX = Infinity, maxX = -Infinity, r2 = 0;
  for (const poly of polys) {
    for (let ri = 0; ri < poly.length; ri++) {
      const ring = poly[ri];
      // ring orientation first (as toXYPolygon: outer rings count positive, holes negative)
      let s = 0;
      for (let j = 0; j + 1 < ring.length; j++) {
        const ax = (ring[j][0] - lon0) * kx, ay = (ring[j][1] - lat0) * ky - cy;
        const bx = (ring[j + 1][0] - lon0) * kx, by = (ring[j + 1][1] - lat0) * ky - cy;
        s += ax * by - bx * ay;
        const d2 = (ax - cx) * (ax - cx) + ay * ay;
        if (d2 > r2) r2 = d2;
      }
      const sign = (ri === 0 ? 1 : -1) * (s >= 0 ? 1 : -1);
      area += sign * s / 2;
      for (let j = 0; j + 1 < ring.length; j++) {
        const ax = (ring[j][0] - lon0) * kx, bx = (ring[j + 1][0] - lon0) * kx;
        if (ax === bx) continue;
        const ay = (ring[j][1] - lat0) * ky - cy, by = (ring[j + 1][1] - lat0) * ky - cy;
        const rightToLeft = bx < ax;
        u.xl[m] = rightToLeft ? bx : ax; u.yl[m] = rightToLeft ? by : ay; u.xr[m] = rightToLeft ? ax : bx; u.yr[m] = rightToLeft ? ay : by;
        u.sigma[m] = sign * (rightToLeft ? 1 : -1);
        if (u.xl[m] < minX) minX = u.xl[m];
        if (u.xr[m] > maxX) maxX = u.xr[m];
        m++;
      }
    }
  }
  u.n = m; u.area = area; u.minX = minX; u.maxX = maxX; u.cy = cy; u.radius = Math.sqrt(r2);
  return u;
}

/** Exact area of (unit n polygon), m², by the trapezoid sum above. */
function intersectionArea(u: UnitEdges, p: XYPolygon): number {
  const t = edgeTable(p);
  const bucket = (x: number) => { const b = Math.floor((x - t.minX) / t.width); return b < 0 ? 0 : b >= t.nb ? t.nb - 1 : b; };
  const b0 = bucket(u.minX), b1 = bucket(u.maxX);
  // candidate edges of p: those in the buckets the unit's x-range spans (each once)
  let cand: Int32Array, from: number, to: number;
  if (b0 === b1) { cand = t.list; from = t.start[b0]; to = t.start[b0 + 1]; }
  else {
    let n = 0;
    for (let b = b0; b <= b1; b++) for (let q = t.start[b]; q < t.start[b + 1]; q++) { const e = t.list[q]; if (!t.mark[e]) { t.mark[e] = 1; t.scratch[n++] = e; } }
    for (let q = 0; q < n; q++) t.mark[t.scratch[q]] = 0;
    cand = t.scratch; from = 0; to = n;
  }
  const cy = u.cy;
  let total = 0;
  for (let q = from; q < to; q++) {
    const e = cand[q];
    const bxl = t.xl[e], bxr = t.xr[e];
    if (bxr <= u.minX || bxl >= u.maxX) continue;
    const byl = t.yl[e] - cy, byr = t.yr[e] - cy;
    const bSlope = (byr - byl) / (bxr - bxl);
    let s = 0;
    for (let a = 0; a < u.n; a++) {
      const axl = u.xl[a], axr = u.xr[a];
      const x0 = axl > bxl ? axl : bxl, x1 = axr < bxr ? axr : bxr;
      if (x1 <= x0) continue;
      const ayl = u.yl[a], aSlope = (u.yr[a] - ayl) / (axr - axl);
      const ya0 = ayl + aSlope * (x0 - axl), ya1 = ayl + aSlope * (x1 - axl);
      const yb0 = byl + bSlope * (x0 - bxl), yb1 = byl + bSlope * (x1 - bxl);
      const d0 = ya0 - yb0, d1 = ya1 - yb1;
      let integral: number;
      if ((d0 <= 0 && d1 <= 0) || (d0 >= 0 && d1 >= 0)) {
        // one line is the lower one throughout
        integral = (x1 - x0) * ((d0 + d1 <= 0 ? ya0 + ya1 : yb0 + yb1) / 2);
      } else {
        const f = d0 / (d0 - d1); // where they cross, as a fraction of [x0, x1]
        const yc = ya0 + (ya1 - ya0) * f;
        const m0 = d0 < 0 ? ya0 : yb0, m1 = d1 < 0 ? ya1 : yb1;
        integral = (x1 - x0) * (f * (m0 + yc) + (1 - f) * (yc + m1)) / 2;
      }
      s += u.sigma[a] * integral;
    }
    total += t.sigma[e] * s;
  }
  return total;
}

/** Shares below this are rounding of the trapezoid sum (its terms are the unit's size, summed in doubles). */
const ROUNDING = 1e-12;

/**
 * Shares of a census polygon (bounding box west..north in lon/lat) in each zone (out[k]); false when
 * it lies wholly beyond the outermost zone. The fast replacement of zones.ts polygonShares.
 */
export function unitShares(z: ZoneGeometry, g: ArealGeometry, west: number, south: number, east: number, north: number, out: Float64Array): boolean {
  const range = boxZoneRange(z, west, south, east, north, out);
  if (typeof range === 'boolean') return range;
  const { cx, cy, h, sd } = range;
  let { lo, hi } = range;
  const K = z.edges.length - 1;
  const u = unitEdges(g, z, cx, cy);
  if (!(u.area > 0)) return false;
  // the vertices' disk (grown by a rounding margin) is tighter than the box's for most census shapes
  const r = u.radius * (1 + 1e-12) + 1e-9;
  if (r < h) {
    if (sd - r > z.edges[K]) return false;
    lo = zoneOfDistance(z.edges, sd - r); hi = zoneOfDistance(z.edges, sd + r);
    if (lo === hi && lo >= 0) { out[lo] = 1; return true; }
  }
  let any = false, prev = 0;
  for (let k = lo; k <= K; k++) {
    // zones below lo hold none of the unit; polygons from hi on hold all of it
    const a = hi >= 0 && k >= hi ? u.area : intersectionArea(u, z.polygons[k]);
    const share = (a - prev) / u.area;
    // below ROUNDING the share is the sum's rounding, not area (a unit touching a zone edge from outside)
    out[k] = share > ROUNDING ? share : 0;
    if (out[k] > 0) any = true;
    prev = a;
  }
  return any;
}
