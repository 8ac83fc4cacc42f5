/**
 * Step 2, exposure (METHOD.md §2): who is in each zone, and how many of them are present at
 * night, day and commute, indoors and outdoors, by group, after warning departures.
 *
 * Long file (over 400 lines) on purpose: one of the engine's hot loops (every building and cell of
 * the dataset, per area), kept in one module so its typed-array passes stay flat and inlined.
 *
 * - Buildings count whole by their footprint centroid. Population units whose residents were
 *   allocated onto buildings are skipped (the buildings carry them); other units count by their
 *   share of area inside each zone (uniform density).
 * - People present = residents x residential factor + workers x the factor of the building's use
 *   (WORKER_OCCUPANCY in city.ts: commercial / industrial / education = pupils).
 * - Group composition: residents take their unit's breakdown (or the dataset default); workers are
 *   taken as adults 15-64 and pupils as children 0-14, split by the same female share, with the
 *   same disability share. (Planning simplification: the age of workers and pupils is not in the data.)
 * - Warning: a share w of civilians leave; elderly and persons with disabilities leave at w x the
 *   reduced-mobility factor. Disability is taken as independent of age and sex, so within each
 *   age/sex group the disabled fraction d keeps 1 - w f and the rest 1 - w.
 * - Several areas: a building takes the zone of every area it is in (a "combo"); a unit split by
 *   two areas is spread over the combos assuming its parts in each area are independent.
 */
import { CONSTRUCTION_CLASSES, type PolygonGeometry } from '../model/dataset';
import type { OperationSettings, TimeOfDay } from '../model/operation';
import { TIMES_OF_DAY } from '../model/operation';
import { BREAKDOWN_FIELDS, type CityModel } from './city';
import type { EngineParameters } from './parameters';
import { OCCUPANCY_TYPES } from './parameters';
import { unitShares } from './clip';
import { buildZones, type ZoneGeometry } from '../geometry/zone-rings';
import { locatePoint, rectShares, signedDistance, zoneOfDistance } from './zones';
import { doubled, sameNumbers } from '../model/typed-arrays';

/** Per time of day: total then the six groups in GROUPS order (women, men, girls, boys, elderly, disabled). */
export const PEOPLE_FIELDS = 7;
export const PEOPLE_STRIDE = TIMES_OF_DAY.length * PEOPLE_FIELDS;
const NCLASS_EXPOSURE = CONSTRUCTION_CLASSES.length;

export interface Exposure {
  /** Zone geometry per operation area. */
  zones: ZoneGeometry[];
  /** combos[c][a] = zone index of combo c in area a (-1: outside that area's zones). */
  combos: Int16Array[];
  /** Exposed buildings (items): count, building index, combo and class. */
  count: number;
  buildingCount: number;
  itemBuilding: Int32Array;
  itemCombo: Int32Array;
  itemClass: Uint8Array;
  /** Night residents of the item (share applied). */
  itemResidents: Float64Array;
  /** People present after warning, per time and group (PEOPLE_STRIDE per item), before the indoor/outdoor split. */
  itemPeople: Float64Array;
  /** Breakdown row (group composition) of each item's building. */
  itemBreakdown: Int32Array;
  /**
   * People in units without buildings (by share of area), summed per (combo, class) cell: PEOPLE_STRIDE
   * per cell, cell = combo * NCLASS + class (their class is exposure.unitConstruction). They are never
   * sampled one by one (a unit stands for many unknown buildings), so only their sums are kept.
   */
  unitCells: Float64Array;
  /** Night residents of units without buildings, per combo. */
  unitResidents: Float64Array;
  /** The same by group (PEOPLE_FIELDS per combo: total then the six groups), before any warning departure (displacement, issue 17). */
  unitResidentGroups: Float64Array;
}

/** Group shares of one resident of a breakdown row, [total, women, men, girls, boys, elderly, disabled], nobody gone. */
export function residentShares(city: CityModel, row: number): number[] {
  return groupVectors(city, row, 0, 1).residents;
}

/** Group shares kept after warning, per person of each occupant type, for one breakdown row. */
function groupVectors(city: CityModel, row: number, w: number, f: number) {
  const o = row * BREAKDOWN_FIELDS;
  const F = city.breakdowns[o], a0 = city.breakdowns[o + 1], a65 = city.breakdowns[o + 2], d = city.breakdowns[o + 3];
  const keepGeneral = (1 - d) * (1 - w) + d * (1 - w * f);
  const keepReduced = 1 - w * f;
  const adults = Math.max(0, 1 - a0 - a65);
  // [total, women, men, girls, boys, elderly, disabled]
  const withTotal = (v: number[]) => [v[0] + v[1] + v[2] + v[3] + v[4], ...v];
  return {
    residents: withTotal([adults * F * keepGeneral, adults * (1 - F) * keepGeneral, a0 * F * keepGeneral, a0 * (1 - F) * keepGeneral, a65 * keepReduced, d * keepReduced]),
    workers: withTotal([F * keepGeneral, (1 - F) * keepGeneral, 0, 0, 0, d * keepReduced]),
    pupils: withTotal([0, 0, F * keepGeneral, (1 - F) * keepGeneral, 0, d * keepReduced]),
  };
}

export function computeExposure(
  city: CityModel, areas: readonly { geometry: PolygonGeometry; edges: readonly number[] }[],
  settings: OperationSettings, params: EngineParameters,
): Exposure {
  const hits = areas.map((a) => areaHits(city, a.geometry, a.edges));
  const zones = hits.map((h) => h.zone);
  const nA = zones.length;
  const comboIndex = new Map<string, number>();
  const combos: Int16Array[] = [];
  const comboOf = (zs: Int16Array): number => {
    if (nA === 1) {
      // single area: combo = zone index (pre-filled below)
      return zs[0];
    }
    const k = zs.join(',');
    let c = comboIndex.get(k);
    if (c === undefined) { c = combos.length; comboIndex.set(k, c); combos.push(zs); }
    return c;
  };
  if (nA === 1) for (let k = 0; k < zones[0].edges.length; k++) combos.push(Int16Array.of(k));

  // ---- hits per area: buildings by centroid, units by share of area (growable typed arrays: no per-hit objects) ----
  const { buildings: B, units: U } = city;
  const w = settings.warningShare, f = params.reducedMobilityFactor;
  const vecCache = new Map<number, ReturnType<typeof groupVectors>>();
  const vecs = (row: number) => { let v = vecCache.get(row); if (!v) { v = groupVectors(city, row, w, f); vecCache.set(row, v); } return v; };
  const unitClass = CONSTRUCTION_CLASSES.indexOf(params.unitConstruction);
  const occ = TIMES_OF_DAY.map((t) => OCCUPANCY_TYPES.map((o) => params.occupancy[t][o]));
  const T = TIMES_OF_DAY.length;
  const occRes = occ.map((row) => row[0]);
  /**
   * Unit pieces summed per (combo, class) cell with their group shares: each run of pieces (see
   * `unitRuns`) spread over times and groups once, in run order.
   */
  const unitSumsOf = (nCombo: number, runs: UnitRuns) => {
    const unitCells = new Float64Array(nCombo * NCLASS_EXPOSURE * PEOPLE_STRIDE), unitResidents = new Float64Array(nCombo);
    const unitResidentGroups = new Float64Array(nCombo * PEOPLE_FIELDS);
    let row = -1, rv = vecs(0).residents, r0 = residentShares(city, 0);
    for (let j = 0; j < runs.n; j++) {
      const combo = runs.combo[j], res = runs.residents[j];
      if (runs.row[j] !== row) { row = runs.row[j]; rv = vecs(row).residents; r0 = residentShares(city, row); }
      unitResidents[combo] += res;
      for (let g = 0; g < PEOPLE_FIELDS; g++) unitResidentGroups[combo * PEOPLE_FIELDS + g] += res * r0[g];
      const base = (combo * NCLASS_EXPOSURE + unitClass) * PEOPLE_STRIDE;
      for (let t = 0; t < T; t++) {
        const r = res * occRes[t];
        const o = base + t * PEOPLE_FIELDS;
        for (let g = 0; g < PEOPLE_FIELDS; g++) unitCells[o + g] += r * rv[g];
      }
    }
    return { unitCells, unitResidents, unitResidentGroups };
  };
  const pieces = { u: new Int32Array(1024), combo: new Int32Array(1024), share: new Float64Array(1024), n: 0 };
  const addPiece = (u: number, combo: number, share: number) => {
    if (pieces.n === pieces.u.length) { pieces.u = doubled(pieces.u); pieces.combo = doubled(pieces.combo); pieces.share = doubled(pieces.share); }
    pieces.u[pieces.n] = u; pieces.combo[pieces.n] = combo; pieces.share[pieces.n] = share; pieces.n++;
  };
  if (nA === 1) {
    // one area: combo = zone; flatbush returns hits in a fixed order for a given index and query
    const h = hits[0];
    // people per item and unit cell depend on the hits, the warning share and the people parameters
    // only: kept with the hits for the last of these (a change of time of day or horizon, a preview
    // and its run, keep them); never written once made
    const key = [w, f, unitClass, ...occ.flat()];
    if (h.people && sameNumbers(h.people.key, key)) return { zones, combos, ...h.people.exposure };
    const bList = h.b.subarray(0, h.nb);
    // each unit in search order, as the search found it; its runs depend on the hits only, so they are kept with them
    const people = { count: h.nb, buildingCount: h.nb, ...buildingItems(h.attrs ??= gatherBuildings(city, bList), bList, h.k.subarray(0, h.nb), occ, vecs), ...unitSumsOf(combos.length, h.runs ??= areaUnitRuns(city, h)) };
    if (h.nb * PEOPLE_STRIDE <= PEOPLE_KEPT_MAX) h.people = { key, exposure: people };
    return { zones, combos, ...people };
  }
  // several areas: a building or unit piece takes the zone of every area it is in (a combo)
  const bZones = new Map<number, Int16Array>();
  hits.forEach((hb, a) => {
    for (let i = 0; i < hb.nb; i++) {
      const b = hb.b[i];
      let zs = bZones.get(b);
      if (!zs) { zs = new Int16Array(nA).fill(-1); bZones.set(b, zs); }
      zs[a] = hb.k[i];
    }
  });
  const bList = [...bZones.keys()].sort((x, y) => x - y), bCombo = bList.map((b) => comboOf(bZones.get(b)!));
  const uShares = new Map<number, (Float64Array | null)[]>();
  hits.forEach((hu, a) => {
    const K = zones[a].edges.length;
    for (let i = 0; i < hu.nu; i++) {
      const u = hu.u[i];
      let v = uShares.get(u);
      if (!v) { v = new Array(nA).fill(null); uShares.set(u, v); }
      v[a] = hu.shares.slice(i * K, (i + 1) * K);
    }
  });
  for (const u of [...uShares.keys()].sort((x, y) => x - y)) {
    const per = uShares.get(u)!;
    // product over areas of (zone k with share s_k, or outside with 1 - sum s): parts taken as independent
    const rec = (a: number, zs: Int16Array, share: number) => {
      if (share <= 0) return;
      if (a === nA) {
        if (zs.some((k) => k >= 0)) addPiece(u, comboOf(Int16Array.from(zs)), share);
        return;
      }
      const sv = per[a];
      let inside = 0;
      if (sv) for (let k = 0; k < sv.length; k++) { if (sv[k] > 0) { zs[a] = k; rec(a + 1, zs, share * sv[k]); inside += sv[k]; } }
      zs[a] = -1;
      rec(a + 1, zs, share * Math.max(0, 1 - inside));
    };
    rec(0, new Int16Array(nA).fill(-1), 1);
  }
  // ---- items, and the unit pieces summed ----
  const items = buildingItems(gatherBuildings(city, bList), bList, bCombo, occ, vecs);
  const unitSums = unitSumsOf(combos.length, unitRuns(city, pieces.u, pieces.combo, pieces.share, pieces.n));
  return { zones, combos, count: bList.length, buildingCount: bList.length, ...items, ...unitSums };
}

/**
 * Unit pieces (unit, combo, share) summed over runs of consecutive pieces with the same combo and
 * breakdown row: residents x share added in piece order. Units come in search order, so neighbours
 * share both, and the sums per cell are linear in residents: each run is spread over times and
 * groups once (computeExposure's unitSumsOf) instead of every piece.
 */
interface UnitRuns { combo: Int32Array; row: Int32Array; residents: Float64Array; n: number }
/** Unit runs made from pieces given one at a time, in piece order. */
function unitRunsBuilder(city: CityModel) {
  const U = city.units;
  let runs: UnitRuns = { combo: new Int32Array(256), row: new Int32Array(256), residents: new Float64Array(256), n: 0 };
  let c = -1, row = -1, res = 0;
  const flush = () => {
    if (c < 0) return;
    if (runs.n === runs.combo.length) runs = { combo: doubled(runs.combo), row: doubled(runs.row), residents: doubled(runs.residents), n: runs.n };
    runs.combo[runs.n] = c; runs.row[runs.n] = row; runs.residents[runs.n] = res; runs.n++;
  };
  return {
    add(u: number, combo: number, share: number): void {
      const r = U.breakdown[u];
      if (combo !== c || r !== row) { flush(); c = combo; row = r; res = 0; }
      res += U.residents[u] * share;
    },
    done(): UnitRuns { flush(); return runs; },
  };
}
function unitRuns(city: CityModel, u: ArrayLike<number>, combo: ArrayLike<number>, share: ArrayLike<number>, n: number): UnitRuns {
  const b = unitRunsBuilder(city);
  for (let j = 0; j < n; j++) b.add(u[j], combo[j], share[j]);
  return b.done();
}
/** One area's unit runs: its units in search order, each with its share in each zone (combo = zone). */
function areaUnitRuns(city: CityModel, h: AreaHits): UnitRuns {
  const K = h.zone.edges.length, b = unitRunsBuilder(city);
  for (let i = 0; i < h.nu; i++) for (let k = 0; k < K; k++) {
    const sh = h.shares[i * K + k];
    if (sh > 0) b.add(h.u[i], k, sh);
  }
  return b.done();
}

/**
 * What an item reads of its building, gathered in item order: read from the city's arrays at
 * scattered indexes (cache misses) once per area, kept with the area's hits.
 */
interface BuildingAttributes { construction: Uint8Array; residents: Float64Array; workers: Float64Array; breakdown: Int32Array; workerOccupancy: Uint8Array }
function gatherBuildings(city: CityModel, bList: ArrayLike<number>): BuildingAttributes {
  const B = city.buildings, n = bList.length;
  const a: BuildingAttributes = { construction: new Uint8Array(n), residents: new Float64Array(n), workers: new Float64Array(n), breakdown: new Int32Array(n), workerOccupancy: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const b = bList[i];
    a.construction[i] = B.construction[b]; a.residents[i] = B.residents[b]; a.workers[i] = B.workers[b]; a.breakdown[i] = B.breakdown[b]; a.workerOccupancy[i] = B.workerOccupancy[b];
  }
  return a;
}

/**
 * Items (buildings in the zones) with their people per time of day and group. Its own function: the
 * loop is hot, and inside computeExposure's closures V8 compiled it far slower.
 */
function buildingItems(B: BuildingAttributes, bList: ArrayLike<number>, bCombo: ArrayLike<number>, occ: readonly (readonly number[])[], vecs: (row: number) => ReturnType<typeof groupVectors>) {
  const n = bList.length, T = TIMES_OF_DAY.length;
  const itemBuilding = new Int32Array(n), itemCombo = new Int32Array(n);
  const itemClass = new Uint8Array(n), itemResidents = new Float64Array(n), itemPeople = new Float64Array(n * PEOPLE_STRIDE);
  let lastRow = -1, v = vecs(0);
  for (let i = 0; i < n; i++) {
    const b = bList[i];
    itemBuilding[i] = b; itemCombo[i] = bCombo[i]; itemClass[i] = B.construction[i];
    const res = B.residents[i], wrk = B.workers[i];
    itemResidents[i] = res;
    if (B.breakdown[i] !== lastRow) { lastRow = B.breakdown[i]; v = vecs(lastRow); }
    const wo = B.workerOccupancy[i];
    const wv = wo === 3 ? v.pupils : v.workers, rv = v.residents;
    for (let t = 0; t < T; t++) {
      const r = res * occ[t][0], k = wrk * occ[t][wo];
      const o = i * PEOPLE_STRIDE + t * PEOPLE_FIELDS;
      for (let g = 0; g < PEOPLE_FIELDS; g++) itemPeople[o + g] = r * rv[g] + k * wv[g];
    }
  }
  return { itemBuilding, itemCombo, itemClass, itemResidents, itemPeople, itemBreakdown: B.breakdown };
}

/**
 * What the zones of one area hold: the zone geometry, the buildings in them (building, zone) and the
 * units (unit, share in each zone), each in search order. They depend on the prepared city, the
 * area's geometry and the zone edges only, so assessments that change settings or parameters (time
 * of day, warning, a preview followed by its run) reuse them: kept per city (a prepared city is one
 * dataset version) for the last few areas, up to AREA_HITS_MAX_SHARES unit shares in all.
 */
interface AreaHits {
  zone: ZoneGeometry; b: Int32Array; k: Int32Array; nb: number; u: Int32Array; shares: Float64Array; nu: number; attrs?: BuildingAttributes; runs?: UnitRuns;
  /** The exposure of the area alone (but its zones and combos), for the warning share and people parameters in `key`. */
  people?: { key: number[]; exposure: Omit<Exposure, 'zones' | 'combos'> };
}
const AREA_HITS = new WeakMap<CityModel, Map<string, AreaHits>>();
/** Unit shares and item people (8 bytes each) kept per city: 32 MB; an area larger than that is not kept. */
const AREA_HITS_MAX_SHARES = 4_000_000;
/** Item people kept with an area's hits at most (8 MB: ~47,000 buildings). */
const PEOPLE_KEPT_MAX = 1_000_000;

/** Drops the zone hits kept for a city (benchmarks time the search itself with it). */
export function forgetAreaHits(city: CityModel): void { AREA_HITS.delete(city); }

function areaHits(city: CityModel, geometry: PolygonGeometry, edges: readonly number[]): AreaHits {
  let cache = AREA_HITS.get(city);
  if (!cache) { cache = new Map(); AREA_HITS.set(city, cache); }
  const key = JSON.stringify(edges) + JSON.stringify(geometry);
  const kept = cache.get(key);
  if (kept) { cache.delete(key); cache.set(key, kept); return kept; } // most recently used last
  const h = searchArea(city, buildZones(geometry, edges));
  // the item people an area may be given later (computeExposure keeps them when small enough) are counted from the start
  const size = (x: AreaHits) => x.nu * x.zone.edges.length + x.nb + (x.nb * PEOPLE_STRIDE <= PEOPLE_KEPT_MAX ? x.nb * PEOPLE_STRIDE : 0);
  if (size(h) <= AREA_HITS_MAX_SHARES) {
    cache.set(key, h);
    let total = 0;
    for (const x of cache.values()) total += size(x);
    for (const [k, x] of cache) { if (total <= AREA_HITS_MAX_SHARES) break; cache.delete(k); total -= size(x); }
  }
  return h;
}

/** Buildings by centroid and units by share of area in the zones of one area (growable typed arrays: no per-hit objects). */
function searchArea(city: CityModel, z: ZoneGeometry): AreaHits {
  const { buildings: B, units: U } = city;
  let bb = new Int32Array(1024), bk = new Int32Array(1024), nb = 0;
  const addB = (b: number, k: number) => {
    if (nb === bb.length) { bb = doubled(bb); bk = doubled(bk); }
    bb[nb] = b; bk[nb] = k; nb++;
  };
  // the index holds each building's point in its box (Float64, as added): read it there, in index order
  searchByZone(B.index, z, 'points', (b, lon, lat) => {
    if (b >= B.count) return false;
    const k = zoneOfDistance(z.edges, signedDistance(z.area, (lon - z.proj.lon0) * z.proj.kx, (lat - z.proj.lat0) * z.proj.ky));
    if (k >= 0) addB(b, k);
    return false;
  }, (b, k) => { if (b < B.count) addB(b, k); });
  const K = z.edges.length;
  let uu = new Int32Array(1024), us = new Float64Array(1024 * K), nu = 0;
  const out = new Float64Array(K);
  searchByZone(U.index, z, 'cells', (u) => {
    if (u >= U.count || U.allocated[u] || U.residents[u] <= 0) return false;
    if (unitSharesOf(city, z, u, out)) {
      if (nu === uu.length) { uu = doubled(uu); us = doubled(us); }
      uu[nu] = u; us.set(out, nu * K); nu++;
    }
    return false;
  }, (u, k) => {
    if (u >= U.count || U.allocated[u] || U.residents[u] <= 0) return;
    // what rectShares and unitShares give a unit whose box lies wholly in zone k
    if (nu === uu.length) { uu = doubled(uu); us = doubled(us); }
    uu[nu] = u;
    const o = nu * K;
    for (let j = 0; j < K; j++) us[o + j] = 0;
    us[o + k] = 1; nu++;
  });
  return { zone: z, b: bb, k: bk, nb, u: uu, shares: us, nu };
}

/**
 * Shares of unit u in each zone (out[k]); false if beyond the zones. Rectangles are integrated
 * exactly; other polygons are tested by their box first and only those on a zone edge are
 * intersected (clip.ts).
 */
export function unitSharesOf(city: CityModel, z: ZoneGeometry, u: number, out: Float64Array): boolean {
  const U = city.units, o = 4 * u;
  const g = U.nonRect.size > 0 ? U.nonRect.get(u) : undefined;
  return g ? unitShares(z, g, U.bbox[o], U.bbox[o + 1], U.bbox[o + 2], U.bbox[o + 3], out) : rectShares(z, U.bbox[o], U.bbox[o + 1], U.bbox[o + 2], U.bbox[o + 3], out);
}

interface FlatbushInternals {
  _boxes: ArrayLike<number>; _indices: ArrayLike<number>; _levelBounds: number[]; nodeSize: number; numItems: number;
  search(minX: number, minY: number, maxX: number, maxY: number, filter: (i: number) => boolean): number[];
}

/**
 * The units (or building points) the zone search box meets, in exactly the order (and with exactly
 * the per-item results) of `index.search(zone bbox, slow)`, but tree nodes that lie wholly in one
 * zone are not tested item by item: their items go to `fast(i, k)`, which must do what `slow` does
 * for an item it would place in zone k (for cells: whose rectShares takes its one-zone shortcut).
 * Nodes wholly beyond the outermost zone are skipped. (Points: |p - B| <= H, so sd(B) +- H.)
 *
 * A node box (centre B, half-diagonal H, grown by the Float32 rounding of the index) holds cells with
 * centre c and half-diagonal h where |c - B| + h <= sqrt(2) H; the signed distance is 1-Lipschitz, so every
 * cell's [sd(c) - h, sd(c) + h] lies in [sd(B) - sqrt(2) H, sd(B) + sqrt(2) H]; if both ends fall in zone k, so does
 * every cell's test in rectShares (the margin covers rounding). Order: flatbush emits the units under
 * a node that is wholly inside the query box in storage order (as _collectContained), which is the
 * concatenation of its children's; other nodes are walked as flatbush walks them.
 */
export function searchByZone(index: CityModel['units']['index'], z: ZoneGeometry, items: 'cells' | 'points', slow: (i: number, x0: number, y0: number) => boolean, fast: (i: number, k: number) => void): void {
  const [minX, minY, maxX, maxY] = z.bbox;
  const ix = index as unknown as FlatbushInternals;
  const boxes = ix._boxes, indices = ix._indices, levelBounds = ix._levelBounds, nodeSize = ix.nodeSize;
  if (!boxes || !indices || !levelBounds || !(nodeSize > 0)) { index.search(minX, minY, maxX, maxY, slow); return; }
  // cells: |c - B| + h <= sqrt(2) H (|c|^2 + h^2 = (a1^2 + a2^2 + b1^2 + b2^2) / 2 <= H^2 for a cell
  // [a1, a2] x [b1, b2] in the box, about B); points: |p - B| <= H. The box diagonal is 2H.
  const scale = items === 'cells' ? Math.SQRT1_2 : 0.5;
  const numItems4 = ix.numItems * 4;
  const { proj, edges } = z;
  const K = edges.length - 1, outer = edges[K];
  const ROUND = 1; // metres: Float32 rounding of the index boxes (< 0.5 m) and of the distances
  /** Zone of every cell under the node box at pos, -1 if they may differ, -2 if all lie beyond the zones. */
  const nodeZone = (pos: number): number => {
    const x0 = (boxes[pos] - proj.lon0) * proj.kx, y0 = (boxes[pos + 1] - proj.lat0) * proj.ky;
    const x1 = (boxes[pos + 2] - proj.lon0) * proj.kx, y1 = (boxes[pos + 3] - proj.lat0) * proj.ky;
    const reach = scale * Math.sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)) + 4 * ROUND; // sqrt(2) H (cells) or H (points), grown
    const sd = signedDistance(z.area, (x0 + x1) / 2, (y0 + y1) / 2);
    if (sd - reach > outer) return -2;
    const lo = zoneOfDistance(edges, sd - reach), hi = zoneOfDistance(edges, sd + reach);
    return lo === hi && lo >= 0 ? lo : -1;
  };
  const leavesOf = (pos: number, level: number): [number, number] => {
    let p = pos;
    for (let l = level; l > 0; l--) p = indices[p >> 2];
    return [p, Math.min(p + 4 * nodeSize ** level, numItems4)];
  };
  /** Children [start, end) at `level` of a node wholly inside the query box. */
  const contained = (start: number, end: number, level: number): void => {
    for (let pos = start; pos < end; pos += 4) {
      if (level === 0) { slow(indices[pos >> 2] | 0, boxes[pos], boxes[pos + 1]); continue; }
      const k = nodeZone(pos);
      if (k === -2) continue;
      if (k >= 0) { const [a, b] = leavesOf(pos, level); for (let p = a; p < b; p += 4) fast(indices[p >> 2] | 0, k); continue; }
      const child = indices[pos >> 2];
      contained(child, Math.min(child + nodeSize * 4, levelBounds[level - 1]), level - 1);
    }
  };
  // flatbush's search loop (v4.7), with the contained case above
  let nodeIndex: number | undefined = boxes.length - 4;
  let level = levelBounds.length - 1;
  const q: number[] = [];
  let isContained = false;
  while (nodeIndex !== undefined) {
    const end = Math.min(nodeIndex + nodeSize * 4, levelBounds[level]);
    const isNode = nodeIndex >= numItems4;
    if (isContained) contained(nodeIndex, end, level);
    else {
      for (let pos = nodeIndex; pos < end; pos += 4) {
        const x0 = boxes[pos]; if (maxX < x0) continue;
        const y0 = boxes[pos + 1]; if (maxY < y0) continue;
        const x1 = boxes[pos + 2]; if (minX > x1) continue;
        const y1 = boxes[pos + 3]; if (minY > y1) continue;
        const index = indices[pos >> 2] | 0;
        if (isNode) {
          if (nodeZone(pos) === -2) continue; // nothing under it can be in a zone
          const c = +(minX <= x0 && minY <= y0 && maxX >= x1 && maxY >= y1);
          q.push(index | c, level - 1);
        } else slow(index, x0, y0);
      }
    }
    level = q.pop()!;
    nodeIndex = q.pop();
    if (nodeIndex !== undefined) { isContained = (nodeIndex & 1) === 1; nodeIndex &= ~1; }
  }
}

export interface ZoneTotals {
  areaIndex: number; zoneIndex: number; outerEdgeM: number; residents: number; buildings: number;
  present: Record<TimeOfDay, { indoors: number; outdoors: number }>;
}

/** Exposure table per area and zone, and unique totals over all zones. */
export function summariseExposure(x: Exposure, params: EngineParameters): { zones: ZoneTotals[]; total: Omit<ZoneTotals, 'areaIndex' | 'zoneIndex' | 'outerEdgeM'>; inAreas: Omit<ZoneTotals, 'areaIndex' | 'zoneIndex' | 'outerEdgeM'> } {
  const blank = () => Object.fromEntries(TIMES_OF_DAY.map((t) => [t, { indoors: 0, outdoors: 0 }])) as Record<TimeOfDay, { indoors: number; outdoors: number }>;
  const zones: ZoneTotals[] = [];
  const idx: number[][] = x.zones.map((z, a) => z.edges.map((e, k) => { zones.push({ areaIndex: a, zoneIndex: k, outerEdgeM: e, residents: 0, buildings: 0, present: blank() }); return zones.length - 1; }));
  const total = { residents: 0, buildings: 0, present: blank() };
  // Inside any drawn area itself (zone 0), counted once where areas overlap: what a planner means by
  // "residents in the area", reported as exposed.residents.
  const inAreas = { residents: 0, buildings: 0, present: blank() };
  // aggregate per combo (few), then add each combo to the zones it belongs to and to the total
  const nC = x.combos.length, T = TIMES_OF_DAY.length;
  const res = new Float64Array(nC), bld = new Float64Array(nC), ppl = new Float64Array(nC * T);
  for (let i = 0; i < x.count; i++) {
    const c = x.itemCombo[i];
    res[c] += x.itemResidents[i];
    bld[c] += 1;
    for (let t = 0; t < T; t++) ppl[c * T + t] += x.itemPeople[i * PEOPLE_STRIDE + t * PEOPLE_FIELDS];
  }
  for (let c = 0; c < nC; c++) {
    res[c] += x.unitResidents[c];
    for (let k = 0; k < NCLASS_EXPOSURE; k++) for (let t = 0; t < T; t++) ppl[c * T + t] += x.unitCells[(c * NCLASS_EXPOSURE + k) * PEOPLE_STRIDE + t * PEOPLE_FIELDS];
  }
  const add = (row: { residents: number; buildings: number; present: Record<TimeOfDay, { indoors: number; outdoors: number }> }, c: number) => {
    row.residents += res[c]; row.buildings += bld[c];
    TIMES_OF_DAY.forEach((t, ti) => {
      const p = ppl[c * T + ti];
      row.present[t].outdoors += p * params.outdoorShare[t];
      row.present[t].indoors += p * (1 - params.outdoorShare[t]);
    });
  };
  for (let c = 0; c < nC; c++) {
    const combo = x.combos[c];
    for (let a = 0; a < combo.length; a++) if (combo[a] >= 0) add(zones[idx[a][combo[a]]], c);
    add(total, c);
    if (combo.some((k) => k === 0)) add(inAreas, c);
  }
  return { zones, total, inAreas };
}

/**
 * Residents inside one polygon (area-weighted for units, whole buildings by centroid where the
 * unit's residents were allocated onto buildings). Cheap: one index query, exact cell shares.
 */
export function residentsInArea(city: CityModel, polygon: PolygonGeometry): number {
  const z = buildZones(polygon, [0]);
  const [w, s, e, n] = z.bbox;
  let total = 0;
  const { buildings: B, units: U } = city;
  B.index.search(w, s, e, n, (b) => {
    if (b < B.count && B.residents[b] > 0 && locatePoint(z, B.lon[b], B.lat[b]).zone === 0) total += B.residents[b];
    return false;
  });
  const out = new Float64Array(1);
  U.index.search(w, s, e, n, (u) => {
    if (u >= U.count || U.allocated[u] || U.residents[u] <= 0) return false;
    if (unitSharesOf(city, z, u, out)) total += U.residents[u] * out[0];
    return false;
  });
  return total;
}
