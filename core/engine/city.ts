/**
 * prepareCity: everything the engine needs from a dataset, built once per dataset version and
 * packed into typed arrays with spatial indexes (never rebuilt per query). Nothing here keeps a
 * reference to the bundle's per-unit or per-building objects, so a caller can stream a large
 * dataset in and let it go.
 *
 * Long file (over 400 lines) on purpose: the one pass that packs a whole dataset (up to a million
 * cells and buildings) into typed arrays and indexes; splitting it would spread one layout over files.
 */
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import {
  BUILDING_USES, CONSTRUCTION_CLASSES, SECTORS, SERVICE_INPUTS,
} from '../model/dataset';
import type {
  AnyFeatureGeometry, ArealGeometry, Breakdown, BuildingUse, DatasetBundle, FacilityKind, ProtectedCategory, Sector,
} from '../model/dataset';
import { resolveServiceBounds, type OccupancyType, type ServiceBounds } from './parameters';
import { bboxOf } from '../geometry/bbox';
import { areaCentroid, polygonsOf } from '../geometry/polygons';
import { localProjection, type LocalProjection } from '../geometry/projection';
import { projectGeometry, type XYPolygon } from '../geometry/xy';

/**
 * Which Hazus occupancy factor applies to a building's `workers` (METHOD.md §2): commercial for
 * commercial, government, health, mixed and religious use (Hazus counts them as commercial-type
 * occupancies); industrial for industrial; education (pupils) for education. Residents always take
 * the residential factor, whatever the use (a mixed building has both).
 */
export const WORKER_OCCUPANCY: Record<BuildingUse, OccupancyType> = {
  residential: 'commercial', // residential buildings have workers = 0 in practice; any there are treated as commercial
  commercial: 'commercial', government: 'commercial', health: 'commercial', mixed: 'commercial', religious: 'commercial',
  industrial: 'industrial',
  education: 'education',
};
const OCC_INDEX: Record<OccupancyType, number> = { residential: 0, commercial: 1, industrial: 2, education: 3 };

/** Fields per breakdown row in CityModel.breakdowns. */
export const BREAKDOWN_FIELDS = 4; // female, age0to14, age65plus, disabled

export interface CityModel {
  datasetHash: string;
  datasetName: string;
  /** Breakdown rows [female, age0to14, age65plus, disabled]; row 0 is the dataset default. */
  breakdowns: Float64Array;
  units: {
    count: number;
    /** [west, south, east, north] per unit. */
    bbox: Float64Array;
    residents: Float64Array;
    breakdown: Int32Array;
    /** 1 when the unit's residents were allocated onto buildings (they count there, not here). */
    allocated: Uint8Array;
    /** Geometry of units that are not axis-aligned rectangles (rectangles are exact from bbox). */
    nonRect: Map<number, ArealGeometry>;
    index: Flatbush;
  };
  buildings: {
    count: number;
    lon: Float64Array; lat: Float64Array;
    construction: Uint8Array;
    /** Index into OCCUPANCY_TYPES of the factor applied to workers. */
    workerOccupancy: Uint8Array;
    residents: Float64Array; workers: Float64Array;
    breakdown: Int32Array;
    index: Flatbush;
  };
  facilities: {
    count: number;
    ids: string[]; names: string[]; kinds: string[];
    sector: Uint8Array; construction: Uint8Array;
    lon: Float64Array; lat: Float64Array;
    beds: Float64Array;
    /** Residents served (service area, or nearest facility of the same sector and kind within its bounds). */
    peopleServed: Float64Array;
    /** 1 when the facility's service area is inferred (default or imported as inferred), 0 when given. */
    serviceInferred: Uint8Array;
    byId: Map<string, number>;
    index: Flatbush;
  };
  /**
   * Service signatures: residents grouped by the set of facilities of one sector that serve them
   * (one per kind, or several where service areas overlap). People lose a sector's service when any
   * facility of their signature is down, so a group is counted once however many of its facilities fail.
   */
  service: ServiceSignatures;
  /**
   * [west, south, east, north] of the infrastructure data (buildings and facilities), or null when
   * the dataset has no buildings (facilities alone do not say how far the mapping reached).
   * Population outside it is never served by a default service area (METHOD.md §4a).
   */
  infrastructureExtent: [number, number, number, number] | null;
  /** Service entities: unallocated units (ids 0..units.count-1) and buildings with residents (units.count + b). */
  entityPop(e: number): number;
  /**
   * Dependencies as CSR by consumer, grouped by input: groups of consumer c are
   * depGroupStart[c] .. depGroupStart[c+1]; group g has input groupInput[g], backup groupBackup[g]
   * (the longest backup stated for that input) and suppliers groupSuppliers[groupSupStart[g] .. groupSupStart[g+1]).
   */
  deps: {
    groupStart: Uint32Array; groupInput: Uint8Array; groupBackup: Float64Array;
    /** 1 when every dependency record of the group is inferred. */
    groupInferred: Uint8Array;
    groupSupStart: Uint32Array; groupSuppliers: Uint32Array;
    /** Consumers of each supplier (CSR, unique). */
    consumerStart: Uint32Array; consumers: Uint32Array;
  };
  protectedSites: Array<{
    id: string; name: string; category: ProtectedCategory; lon: number; lat: number;
    geometry: AnyFeatureGeometry; capacity: number | null; facility: number;
  }>;
}

function breakdownKey(b: Breakdown): string {
  return `${b.female}|${b.age0to14}|${b.age65plus}|${b.disabled}`;
}

/** [west, south, east, north] of the rectangle if the geometry is an axis-aligned rectangle, else null. */
function asRectangle(g: ArealGeometry): [number, number, number, number] | null {
  if (g.type !== 'Polygon' || g.coordinates.length !== 1 || g.coordinates[0].length !== 5) return null;
  const r = g.coordinates[0];
  if (r[0][0] !== r[4][0] || r[0][1] !== r[4][1]) return null;
  // each edge must be vertical or horizontal, alternating
  for (let i = 0; i < 4; i++) {
    const vertical = r[i][0] === r[i + 1][0], horizontal = r[i][1] === r[i + 1][1];
    if (vertical === horizontal) return null;
    if (i > 0 && vertical === (r[i - 1][0] === r[i][0])) return null;
  }
  const w = Math.min(r[0][0], r[2][0]), e = Math.max(r[0][0], r[2][0]), so = Math.min(r[0][1], r[2][1]), n = Math.max(r[0][1], r[2][1]);
  return [w, so, e, n];
}

function pointInXY(p: XYPolygon, x: number, y: number): boolean {
  let inside = false;
  for (const r of p.rings) for (let i = 0; i + 3 < r.length; i += 2) {
    const ay = r[i + 1], by = r[i + 3];
    if ((ay > y) !== (by > y) && x < r[i] + ((y - ay) * (r[i + 2] - r[i])) / (by - ay)) inside = !inside;
  }
  return inside;
}

export function prepareCity(bundle: DatasetBundle, datasetHash: string, bounds: ServiceBounds = resolveServiceBounds()): CityModel {
  // ---- breakdowns (deduplicated rows) ----
  const bdRows: number[] = []; const bdIndex = new Map<string, number>();
  const bdOf = (b: Breakdown | null): number => {
    if (!b) return 0;
    const k = breakdownKey(b);
    let i = bdIndex.get(k);
    if (i === undefined) { i = bdRows.length / BREAKDOWN_FIELDS; bdIndex.set(k, i); bdRows.push(b.female, b.age0to14, b.age65plus, b.disabled); }
    return i;
  };
  bdOf(bundle.meta.defaultBreakdown);

  // ---- population units ----
  const pu = bundle.populationUnits; const nU = pu.length;
  // id -> index only for units some building refers to (a million-entry string map would dominate memory)
  const unitIdx = new Map<string, number>();
  const bl = bundle.buildings; const nB = bl.length;
  for (let i = 0; i < nB; i++) { const id = bl[i].unitId; if (id !== null) unitIdx.set(id, -1); }
  const uBbox = new Float64Array(nU * 4), uRes = new Float64Array(nU), uBd = new Int32Array(nU);
  const nonRect = new Map<number, ArealGeometry>();
  // Float32 boxes halve the index (~0.3 m rounding at most; zone searches are padded by 1 m and exact tests use uBbox)
  const uIndex = new Flatbush(Math.max(1, nU), 16, Float32Array);
  for (let i = 0; i < nU; i++) {
    const u = pu[i];
    if (unitIdx.has(u.id)) unitIdx.set(u.id, i);
    const rect = asRectangle(u.geometry);
    const b = rect ?? bboxOf(u.geometry);
    if (!rect) nonRect.set(i, u.geometry);
    uBbox[4 * i] = b[0]; uBbox[4 * i + 1] = b[1]; uBbox[4 * i + 2] = b[2]; uBbox[4 * i + 3] = b[3];
    uRes[i] = u.residents; uBd[i] = bdOf(u.breakdown);
    uIndex.add(b[0], b[1], b[2], b[3]);
  }
  if (nU === 0) uIndex.add(0, 0, 0, 0);
  uIndex.finish();

  // ---- buildings ----
  const bLon = new Float64Array(nB), bLat = new Float64Array(nB), bCls = new Uint8Array(nB), bOcc = new Uint8Array(nB);
  const bRes = new Float64Array(nB), bWrk = new Float64Array(nB), bBd = new Int32Array(nB);
  const allocated = new Uint8Array(nU);
  const bIndex = new Flatbush(Math.max(1, nB));
  for (let i = 0; i < nB; i++) {
    const b = bl[i];
    const [x, y] = areaCentroid(b.geometry);
    bLon[i] = x; bLat[i] = y;
    bCls[i] = CONSTRUCTION_CLASSES.indexOf(b.construction);
    bOcc[i] = OCC_INDEX[WORKER_OCCUPANCY[b.use]];
    bRes[i] = b.residents; bWrk[i] = b.workers;
    const u = b.unitId === null ? -1 : (unitIdx.get(b.unitId) ?? -1);
    bBd[i] = u < 0 ? 0 : uBd[u];
    if (u >= 0 && b.residents > 0) allocated[u] = 1;
    bIndex.add(x, y, x, y);
  }
  if (nB === 0) bIndex.add(0, 0, 0, 0);
  bIndex.finish();
  void BUILDING_USES;

  // ---- facilities ----
  const fs = bundle.facilities; const nF = fs.length;
  const byId = new Map<string, number>();
  const fLon = new Float64Array(nF), fLat = new Float64Array(nF), fSec = new Uint8Array(nF), fCls = new Uint8Array(nF), beds = new Float64Array(nF);
  const fIndex = new Flatbush(Math.max(1, nF));
  fs.forEach((f, i) => {
    byId.set(f.id, i);
    fLon[i] = f.geometry.coordinates[0]; fLat[i] = f.geometry.coordinates[1];
    fSec[i] = SECTORS.indexOf(f.sector); fCls[i] = CONSTRUCTION_CLASSES.indexOf(f.construction);
    beds[i] = f.capacity.beds ?? 0;
    fIndex.add(fLon[i], fLat[i], fLon[i], fLat[i]);
  });
  if (nF === 0) fIndex.add(0, 0, 0, 0);
  fIndex.finish();

  const entityPop = (e: number) => (e < nU ? uRes[e] : bRes[e - nU]);

  // ---- infrastructure extent: where the buildings and facilities were mapped ----
  let extent: [number, number, number, number] | null = null;
  if (nB > 0) {
    extent = [Infinity, Infinity, -Infinity, -Infinity];
    const grow = (x: number, y: number) => { if (x < extent![0]) extent![0] = x; if (y < extent![1]) extent![1] = y; if (x > extent![2]) extent![2] = x; if (y > extent![3]) extent![3] = y; };
    for (let i = 0; i < nB; i++) grow(bLon[i], bLat[i]);
    for (let i = 0; i < nF; i++) grow(fLon[i], fLat[i]);
  }

  // ---- service areas (METHOD.md §1, §4a): a polygon where given, else nearest facility of the same sector and kind, bounded ----
  const serviceInferred = new Uint8Array(nF).fill(1);
  for (const sa of bundle.serviceAreas) { const f = byId.get(sa.facilityId); if (f !== undefined && !sa.inferred) serviceInferred[f] = 0; }
  const served = serviceAssignment(bundle, { nU, uBbox, uRes, allocated, nonRect, uIndex, nB, bLon, bLat, bRes, bIndex, byId, extent, bounds });
  const peopleServed = new Float64Array(nF);
  for (let f = 0; f < nF; f++) {
    let s = 0;
    for (const e of served[f]) s += entityPop(e);
    peopleServed[f] = s;
  }
  const service = serviceSignatures(served, fSec, nU + nB, entityPop);

  return {
    datasetHash, datasetName: bundle.meta.name,
    breakdowns: Float64Array.from(bdRows),
    units: { count: nU, bbox: uBbox, residents: uRes, breakdown: uBd, allocated, nonRect, index: uIndex },
    buildings: { count: nB, lon: bLon, lat: bLat, construction: bCls, workerOccupancy: bOcc, residents: bRes, workers: bWrk, breakdown: bBd, index: bIndex },
    facilities: {
      count: nF, ids: fs.map((f) => f.id), names: fs.map((f) => f.name), kinds: fs.map((f) => f.kind),
      sector: fSec, construction: fCls, lon: fLon, lat: fLat, beds, peopleServed, serviceInferred, byId, index: fIndex,
    },
    service,
    infrastructureExtent: extent,
    entityPop,
    deps: dependencyGraph(bundle, byId, nF),
    protectedSites: bundle.protectedSites.map((p) => {
      const [lon, lat] = areaCentroid(p.geometry);
      return { id: p.id, name: p.name, category: p.category, lon, lat, geometry: p.geometry, capacity: p.capacity, facility: p.facilityId === null ? -1 : (byId.get(p.facilityId) ?? -1) };
    }),
  };
}

/**
 * The entities each facility serves in a prepared city (the lists prepareCity builds and then lets
 * go): for checks and explanations, not for the assessment loop.
 */
export function servedEntities(bundle: DatasetBundle, city: CityModel, bounds: ServiceBounds = resolveServiceBounds()): Uint32Array[] {
  const U = city.units, B = city.buildings;
  return serviceAssignment(bundle, {
    nU: U.count, uBbox: U.bbox, uRes: U.residents, allocated: U.allocated, nonRect: U.nonRect, uIndex: U.index,
    nB: B.count, bLon: B.lon, bLat: B.lat, bRes: B.residents, bIndex: B.index, byId: city.facilities.byId,
    extent: city.infrastructureExtent, bounds,
  });
}

/** lon/lat of service entity e (an unallocated unit's centroid, or a building). */
export function entityLonLat(city: CityModel, e: number): [number, number] {
  const U = city.units;
  if (e >= U.count) return [city.buildings.lon[e - U.count], city.buildings.lat[e - U.count]];
  const g = U.nonRect.get(e);
  return g ? areaCentroid(g) : [(U.bbox[4 * e] + U.bbox[4 * e + 2]) / 2, (U.bbox[4 * e + 1] + U.bbox[4 * e + 3]) / 2];
}

interface ServiceInputs {
  nU: number; uBbox: Float64Array; uRes: Float64Array; allocated: Uint8Array; nonRect: Map<number, ArealGeometry>; uIndex: Flatbush;
  nB: number; bLon: Float64Array; bLat: Float64Array; bRes: Float64Array; bIndex: Flatbush; byId: Map<string, number>;
  extent: [number, number, number, number] | null; bounds: ServiceBounds;
}

/**
 * Served entities per facility. Entities are unallocated units with residents (by their centroid;
 * a unit is served whole, not split) and buildings with residents. Facilities with a ServiceArea
 * polygon serve the entities inside it; the others of a sector+kind split the population by nearest
 * facility (Voronoi cells in a city-wide equirectangular projection), bounded (METHOD.md §4a): only
 * entities inside the infrastructure extent, within the kind's greatest distance, and, nearest
 * first, up to the facility's capacity. Service areas imported as inferred (the importer's Voronoi
 * cells) are guesses of the same kind and are replaced by the bounded default. Entities left out
 * have unknown service in that sector.
 */
function serviceAssignment(bundle: DatasetBundle, c: ServiceInputs): Uint32Array[] {
  const nF = bundle.facilities.length;
  const lists: Uint32Array[] = new Array(nF);
  const empty = new Uint32Array(0);
  for (let f = 0; f < nF; f++) lists[f] = empty;
  if (nF === 0) return lists;
  // city-wide projection about the facilities' mean position
  let mx = 0, my = 0;
  for (const f of bundle.facilities) { mx += f.geometry.coordinates[0]; my += f.geometry.coordinates[1]; }
  const proj: LocalProjection = localProjection(mx / nF, my / nF);
  const px = (lon: number) => (lon - proj.lon0) * proj.kx, py = (lat: number) => (lat - proj.lat0) * proj.ky;

  /** Entities whose point lies in the XY polygon (bbox given in lon/lat); no allocation per test. */
  const entitiesIn = (poly: XYPolygon, w: number, s: number, e: number, n: number): Uint32Array => {
    const out: number[] = [];
    c.uIndex.search(w, s, e, n, (u) => {
      if (u < c.nU && !c.allocated[u] && c.uRes[u] > 0) {
        const g = c.nonRect.get(u);
        let x: number, y: number;
        if (g) [x, y] = areaCentroid(g);
        else { x = (c.uBbox[4 * u] + c.uBbox[4 * u + 2]) / 2; y = (c.uBbox[4 * u + 1] + c.uBbox[4 * u + 3]) / 2; }
        if (x >= w && x <= e && y >= s && y <= n && pointInXY(poly, px(x), py(y))) out.push(u);
      }
      return false;
    });
    c.bIndex.search(w, s, e, n, (b) => {
      if (b < c.nB && c.bRes[b] > 0 && pointInXY(poly, px(c.bLon[b]), py(c.bLat[b]))) out.push(c.nU + b);
      return false;
    });
    const arr = Uint32Array.from(out);
    return arr.sort();
  };

  // explicit service areas
  const hasArea = new Uint8Array(nF);
  const areasByFacility = new Map<number, ArealGeometry[]>();
  for (const sa of bundle.serviceAreas) {
    const f = c.byId.get(sa.facilityId);
    if (f === undefined || sa.inferred) continue;
    hasArea[f] = 1;
    const list = areasByFacility.get(f) ?? []; list.push(sa.geometry); areasByFacility.set(f, list);
  }
  for (const [f, geoms] of areasByFacility) {
    const set = new Set<number>();
    for (const g of geoms) {
      const [w, s, e, n] = bboxOf(g);
      for (const x of entitiesIn(projectGeometry(g, proj), w, s, e, n)) set.add(x);
    }
    lists[f] = Uint32Array.from([...set].sort((a, b) => a - b));
  }

  // Voronoi per sector+kind among facilities without an explicit area
  const groups = new Map<string, number[]>();
  bundle.facilities.forEach((f, i) => {
    if (hasArea[i]) return;
    const k = `${f.sector}/${f.kind}`;
    const g = groups.get(k) ?? []; g.push(i); groups.set(k, g);
  });
  // Entities (positions in the city-wide projection), in ascending id order. A facility's default
  // area is its Voronoi cell, i.e. the entities whose nearest site of the same sector and kind it is:
  // found by a nearest-site search on a bucket grid (exact squared distances, ties to the first site),
  // not by clipping Voronoi polygons and testing every entity against each (a million-cell city has
  // ~10^7 point-in-polygon tests per kind that way).
  // Typed arrays of the most entities there can be, filled in place: growing number lists of a
  // million-cell city, then copying them, was the largest part of prepareCity's peak memory.
  let nE = 0;
  const eIdAll = new Uint32Array(c.nU + c.nB), exAll = new Float64Array(c.nU + c.nB), eyAll = new Float64Array(c.nU + c.nB);
  for (let u = 0; u < c.nU; u++) {
    if (c.allocated[u] || !(c.uRes[u] > 0)) continue;
    const g = c.nonRect.get(u);
    let x: number, y: number;
    if (g) [x, y] = areaCentroid(g);
    else { x = (c.uBbox[4 * u] + c.uBbox[4 * u + 2]) / 2; y = (c.uBbox[4 * u + 1] + c.uBbox[4 * u + 3]) / 2; }
    eIdAll[nE] = u; exAll[nE] = px(x); eyAll[nE++] = py(y);
  }
  for (let b = 0; b < c.nB; b++) if (c.bRes[b] > 0) { eIdAll[nE] = c.nU + b; exAll[nE] = px(c.bLon[b]); eyAll[nE++] = py(c.bLat[b]); }
  const eId = eIdAll.subarray(0, nE), ex = exAll.subarray(0, nE), ey = eyAll.subarray(0, nE);
  const site = new Int32Array(nE);
  // one buffer for every group's entities by site (a new one per sector and kind each lingered until collected)
  const all = new Uint32Array(nE);
  const box = c.extent ? [px(c.extent[0]), py(c.extent[1]), px(c.extent[2]), py(c.extent[3])] : null;
  for (const members of groups.values()) {
    // identical positions share one cell (each serves the same people)
    const uniq = new Map<string, number[]>();
    for (const i of members) {
      const k = `${bundle.facilities[i].geometry.coordinates[0]},${bundle.facilities[i].geometry.coordinates[1]}`;
      const l = uniq.get(k) ?? []; l.push(i); uniq.set(k, l);
    }
    const sites = [...uniq.values()];
    const sx = new Float64Array(sites.length), sy = new Float64Array(sites.length);
    sites.forEach((l, si) => { const f = bundle.facilities[l[0]].geometry.coordinates; sx[si] = px(f[0]); sy[si] = py(f[1]); });
    nearestSites(sx, sy, ex, ey, site);
    // counting sort by site keeps each list in ascending entity order
    const start = new Uint32Array(sites.length + 1);
    for (let e = 0; e < nE; e++) start[site[e] + 1]++;
    for (let si = 0; si < sites.length; si++) start[si + 1] += start[si];
    const fill = start.slice(0, sites.length);
    for (let e = 0; e < nE; e++) all[fill[site[e]]++] = e;
    const kind = bundle.facilities[members[0]].kind as FacilityKind;
    const maxD = c.bounds.maxDistanceM[kind] ?? Infinity;
    sites.forEach((l, si) => {
      let cap = 0;
      for (const f of l) cap += capacityOf(bundle.facilities[f], c.bounds);
      const ents = boundedCell(all.subarray(start[si], start[si + 1]), sx[si], sy[si], ex, ey, eId, maxD, cap, box, (e) => (eId[e] < c.nU ? c.uRes[eId[e]] : c.bRes[eId[e] - c.nU]));
      for (const f of l) lists[f] = ents;
    });
  }

  return lists;
}

/** Most residents a facility's default service area takes: its stated capacity, beds x people per bed, else its kind's bound. */
function capacityOf(f: DatasetBundle['facilities'][number], b: ServiceBounds): number {
  if (f.capacity.peopleServed !== undefined) return f.capacity.peopleServed;
  if (f.sector === 'health' && f.capacity.beds !== undefined && f.capacity.beds > 0) return f.capacity.beds * b.peoplePerBed;
  return b.maxPeople[f.kind as FacilityKind] ?? Infinity;
}

/**
 * The served part of a Voronoi cell (entity positions `cell`, indexes into ex/ey): inside the
 * extent box, within maxD of the site, and nearest first while the summed residents stay within
 * cap. Returns entity ids (eId) in ascending order.
 */
function boundedCell(cell: Uint32Array, sx: number, sy: number, ex: Float64Array, ey: Float64Array, eId: Uint32Array, maxD: number, cap: number, box: number[] | null, pop: (e: number) => number): Uint32Array {
  const keep: number[] = [];
  const d2 = maxD * maxD;
  for (const e of cell) {
    if (box && (ex[e] < box[0] || ey[e] < box[1] || ex[e] > box[2] || ey[e] > box[3])) continue;
    const dx = ex[e] - sx, dy = ey[e] - sy;
    if (dx * dx + dy * dy <= d2) keep.push(e);
  }
  let chosen = keep;
  if (Number.isFinite(cap)) {
    let total = 0;
    for (const e of keep) total += pop(e);
    if (total > cap) {
      const dist = (e: number) => (ex[e] - sx) ** 2 + (ey[e] - sy) ** 2;
      const byDistance = [...keep].sort((a, b) => dist(a) - dist(b) || a - b);
      chosen = [];
      let sum = 0;
      for (const e of byDistance) { const p = pop(e); if (sum + p > cap) break; sum += p; chosen.push(e); }
      chosen.sort((a, b) => a - b);
    }
  }
  const out = new Uint32Array(chosen.length);
  for (let i = 0; i < chosen.length; i++) out[i] = eId[chosen[i]];
  return out;
}

/**
 * For each point (px[i], py[i]), the index of the nearest site (sx, sy) by exact squared distance,
 * ties to the lowest site index (out[i]). Sites are bucketed on a grid of ~2 sites per bucket; a
 * point scans rings of buckets outwards until no unscanned bucket can hold a nearer site.
 */
export function nearestSites(sx: Float64Array, sy: Float64Array, px: Float64Array, py: Float64Array, out: Int32Array): void {
  const m = sx.length, n = px.length;
  if (m === 0) { out.fill(-1, 0, n); return; }
  if (m === 1) { out.fill(0, 0, n); return; }
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < m; i++) { if (sx[i] < x0) x0 = sx[i]; if (sx[i] > x1) x1 = sx[i]; if (sy[i] < y0) y0 = sy[i]; if (sy[i] > y1) y1 = sy[i]; }
  const span = Math.max(x1 - x0, y1 - y0, 1e-9);
  const side = Math.max(1, Math.min(2048, Math.ceil(Math.sqrt(m / 2))));
  const cs = span / side;
  const nx = Math.min(side, Math.floor((x1 - x0) / cs)) + 1, ny = Math.min(side, Math.floor((y1 - y0) / cs)) + 1;
  const cellOf = (v: number, v0: number, nv: number) => { const k = Math.floor((v - v0) / cs); return k < 0 ? 0 : k >= nv ? nv - 1 : k; };
  const start = new Int32Array(nx * ny + 1);
  const sc = new Int32Array(m);
  for (let i = 0; i < m; i++) { sc[i] = cellOf(sy[i], y0, ny) * nx + cellOf(sx[i], x0, nx); start[sc[i] + 1]++; }
  for (let k = 0; k < nx * ny; k++) start[k + 1] += start[k];
  const items = new Int32Array(m), fill = start.slice(0, nx * ny);
  for (let i = 0; i < m; i++) items[fill[sc[i]]++] = i; // ascending site index within a bucket
  let last = 0; // the previous point's nearest site: a good first bound for a nearby point
  for (let i = 0; i < n; i++) {
    const x = px[i], y = py[i];
    let best = last, bd = (sx[last] - x) * (sx[last] - x) + (sy[last] - y) * (sy[last] - y);
    const cx = Math.floor((x - x0) / cs), cy = Math.floor((y - y0) / cs);
    for (let r = 0; ; r++) {
      // every site in a bucket of ring r is at least (r - 1) * cs + (distance to the home bucket's edge) away: use (r - 1) * cs
      if (r > 0) { const lim = (r - 1) * cs; if (lim > 0 && lim * lim > bd) break; }
      const ya = cy - r, yb = cy + r, xa = cx - r, xb = cx + r;
      if (xa < 0 && ya < 0 && xb >= nx && yb >= ny && r > 0) break; // the grid is exhausted
      for (let gy = ya; gy <= yb; gy++) {
        if (gy < 0 || gy >= ny) continue;
        const edgeRow = gy === ya || gy === yb;
        for (let gx = xa; gx <= xb; gx += edgeRow ? 1 : xb - xa) {
          if (gx >= 0 && gx < nx) {
            const k = gy * nx + gx;
            for (let q = start[k]; q < start[k + 1]; q++) {
              const j = items[q];
              const dx = sx[j] - x, dy = sy[j] - y, d = dx * dx + dy * dy;
              if (d < bd || (d === bd && j < best)) { bd = d; best = j; }
            }
          }
          if (xb === xa) break;
        }
      }
    }
    out[i] = best; last = best;
  }
}

export interface ServiceSignatures {
  sector: Uint8Array; pop: Float64Array;
  /** Per sector: residents no facility of the sector serves (unknown service); 0 for a sector with no facility. */
  unknownPop: Float64Array;
  /** Facilities of signature g: facilities[facStart[g] .. facStart[g+1]). */
  facStart: Uint32Array; facilities: Uint32Array;
  /** Signatures facility f belongs to: sigs[sigStart[f] .. sigStart[f+1]). */
  sigStart: Uint32Array; sigs: Uint32Array;
}

function serviceSignatures(served: Uint32Array[], sector: Uint8Array, nEntities: number, entityPop: (e: number) => number): ServiceSignatures {
  const nF = served.length;
  const sigFacs: number[][] = [], sigSector: number[] = [];
  const entitySig = new Int32Array(nEntities);
  const pops: number[] = [];
  const unknownPop = new Float64Array(SECTORS.length);
  for (let s = 0; s < SECTORS.length; s++) {
    entitySig.fill(-1);
    let any = false;
    for (let f = 0; f < nF; f++) if (sector[f] === s) { any = true; break; }
    const next = new Map<number, number>();
    const first = sigFacs.length;
    for (let f = 0; f < nF; f++) {
      if (sector[f] !== s || served[f].length === 0) continue;
      let single = -1;
      for (const e of served[f]) {
        const prev = entitySig[e];
        let id: number;
        if (prev < 0) {
          if (single < 0) { single = sigFacs.length; sigFacs.push([f]); sigSector.push(s); }
          id = single;
        } else {
          const key = prev * nF + f;
          const known = next.get(key);
          if (known === undefined) { id = sigFacs.length; sigFacs.push([...sigFacs[prev], f]); sigSector.push(s); next.set(key, id); } else id = known;
        }
        entitySig[e] = id;
      }
    }
    for (let g = first; g < sigFacs.length; g++) pops.push(0);
    for (let e = 0; e < nEntities; e++) if (entitySig[e] >= 0) pops[entitySig[e]] += entityPop(e); else if (any) unknownPop[s] += entityPop(e);
  }
  const n = sigFacs.length;
  const facStart = new Uint32Array(n + 1);
  for (let g = 0; g < n; g++) facStart[g + 1] = facStart[g] + sigFacs[g].length;
  const facilities = new Uint32Array(facStart[n]);
  const counts = new Uint32Array(nF + 1);
  for (let g = 0; g < n; g++) { facilities.set(sigFacs[g], facStart[g]); if (pops[g] > 0) for (const f of sigFacs[g]) counts[f + 1]++; }
  for (let f = 0; f < nF; f++) counts[f + 1] += counts[f];
  const sigStart = Uint32Array.from(counts);
  const fill = Uint32Array.from(counts);
  const sigs = new Uint32Array(counts[nF]);
  for (let g = 0; g < n; g++) if (pops[g] > 0) for (const f of sigFacs[g]) sigs[fill[f]++] = g;
  return { sector: Uint8Array.from(sigSector), pop: Float64Array.from(pops), unknownPop, facStart, facilities, sigStart, sigs };
}

function dependencyGraph(bundle: DatasetBundle, byId: Map<string, number>, nF: number): CityModel['deps'] {
  // group by (consumer, input)
  const groups = new Map<string, { c: number; input: number; backup: number; sup: number[]; inferred: boolean }>();
  for (const d of bundle.dependencies) {
    const c = byId.get(d.consumerId), s = byId.get(d.supplierId);
    if (c === undefined || s === undefined || c === s) continue; // dangling references are ignored
    const input = SERVICE_INPUTS.indexOf(d.input);
    const k = `${c}|${input}`;
    let g = groups.get(k);
    if (!g) { g = { c, input, backup: 0, sup: [], inferred: true }; groups.set(k, g); }
    if (!d.inferred) g.inferred = false;
    // One backup per consumer and input: the longest stated (it is the consumer's own store).
    g.backup = Math.max(g.backup, d.backupDays);
    if (!g.sup.includes(s)) g.sup.push(s);
  }
  const list = [...groups.values()].sort((a, b) => a.c - b.c || a.input - b.input);
  const groupStart = new Uint32Array(nF + 1);
  for (const g of list) groupStart[g.c + 1]++;
  for (let i = 0; i < nF; i++) groupStart[i + 1] += groupStart[i];
  const groupInferred = Uint8Array.from(list, (g) => (g.inferred ? 1 : 0));
  const groupInput = new Uint8Array(list.length), groupBackup = new Float64Array(list.length), groupSupStart = new Uint32Array(list.length + 1);
  list.forEach((g, i) => { groupInput[i] = g.input; groupBackup[i] = g.backup; groupSupStart[i + 1] = groupSupStart[i] + g.sup.length; });
  const groupSuppliers = new Uint32Array(groupSupStart[list.length]);
  list.forEach((g, i) => groupSuppliers.set(g.sup.sort((a, b) => a - b), groupSupStart[i]));
  // reverse: supplier -> consumers (unique)
  const cons: Set<number>[] = Array.from({ length: nF }, () => new Set<number>());
  for (const g of list) for (const s of g.sup) cons[s].add(g.c);
  const consumerStart = new Uint32Array(nF + 1);
  for (let i = 0; i < nF; i++) consumerStart[i + 1] = consumerStart[i] + cons[i].size;
  const consumers = new Uint32Array(consumerStart[nF]);
  for (let i = 0; i < nF; i++) consumers.set([...cons[i]].sort((a, b) => a - b), consumerStart[i]);
  return { groupStart, groupInput, groupBackup, groupInferred, groupSupStart, groupSuppliers, consumerStart, consumers };
}

export type { Sector };
