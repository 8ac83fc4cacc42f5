/**
 * Step 2, exposure (METHOD.md §2): who is in each zone, and how many of them are present at
 * night, day and commute, indoors and outdoors, by group, after warning departures.
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
import { buildZones, locatePoint, polygonShares, rectShares, signedDistance, zoneOfDistance, type ZoneGeometry } from './zones';

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
  /**
   * People in units without buildings (by share of area), summed per (combo, class) cell: PEOPLE_STRIDE
   * per cell, cell = combo * NCLASS + class (their class is exposure.unitConstruction). They are never
   * sampled one by one (a unit stands for many unknown buildings), so only their sums are kept.
   */
  unitCells: Float64Array;
  /** Night residents of units without buildings, per combo. */
  unitResidents: Float64Array;
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
  const zones = areas.map((a) => buildZones(a.geometry, a.edges));
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
  const hasNonRect = U.nonRect.size > 0;
  const hitsB: { b: Int32Array; k: Int32Array; n: number }[] = [], hitsU: { u: Int32Array; shares: Float64Array; n: number }[] = [];
  zones.forEach((z) => {
    const [w, s, e, n] = z.bbox;
    let bb = new Int32Array(1024), bk = new Int32Array(1024), nb = 0;
    B.index.search(w, s, e, n, (b) => {
      if (b >= B.count) return false;
      const k = zoneOfDistance(z.edges, signedDistance(z.area, (B.lon[b] - z.proj.lon0) * z.proj.kx, (B.lat[b] - z.proj.lat0) * z.proj.ky));
      if (k < 0) return false;
      if (nb === bb.length) { bb = grow(bb); bk = grow(bk); }
      bb[nb] = b; bk[nb] = k; nb++;
      return false;
    });
    const K = z.edges.length;
    let uu = new Int32Array(1024), us = new Float64Array(1024 * K), nu = 0;
    const out = new Float64Array(K);
    U.index.search(w, s, e, n, (u) => {
      if (u >= U.count || U.allocated[u] || U.residents[u] <= 0) return false;
      const g = hasNonRect ? U.nonRect.get(u) : undefined;
      const hit = g ? polygonShares(z, g, out) : rectShares(z, U.bbox[4 * u], U.bbox[4 * u + 1], U.bbox[4 * u + 2], U.bbox[4 * u + 3], out);
      if (!hit) return false;
      if (nu === uu.length) { uu = grow(uu); us = grow(us); }
      uu[nu] = u; us.set(out, nu * K); nu++;
      return false;
    });
    hitsB.push({ b: bb, k: bk, n: nb }); hitsU.push({ u: uu, shares: us, n: nu });
  });

  let bList: ArrayLike<number>, bCombo: ArrayLike<number>;
  const pieces = { u: new Int32Array(1024), combo: new Int32Array(1024), share: new Float64Array(1024), n: 0 };
  const addPiece = (u: number, combo: number, share: number) => {
    if (pieces.n === pieces.u.length) { pieces.u = grow(pieces.u); pieces.combo = grow(pieces.combo); pieces.share = grow(pieces.share); }
    pieces.u[pieces.n] = u; pieces.combo[pieces.n] = combo; pieces.share[pieces.n] = share; pieces.n++;
  };
  if (nA === 1) {
    // one area: combo = zone; flatbush returns hits in a fixed order for a given index and query
    bList = hitsB[0].b.subarray(0, hitsB[0].n); bCombo = hitsB[0].k.subarray(0, hitsB[0].n);
    const K = zones[0].edges.length, hu = hitsU[0];
    for (let i = 0; i < hu.n; i++) for (let k = 0; k < K; k++) {
      const sh = hu.shares[i * K + k];
      if (sh > 0) addPiece(hu.u[i], k, sh);
    }
  } else {
    const bZones = new Map<number, Int16Array>();
    hitsB.forEach((hb, a) => {
      for (let i = 0; i < hb.n; i++) {
        const b = hb.b[i];
        let zs = bZones.get(b);
        if (!zs) { zs = new Int16Array(nA).fill(-1); bZones.set(b, zs); }
        zs[a] = hb.k[i];
      }
    });
    const bl = [...bZones.keys()].sort((x, y) => x - y);
    bList = bl; bCombo = bl.map((b) => comboOf(bZones.get(b)!));
    const uShares = new Map<number, (Float64Array | null)[]>();
    hitsU.forEach((hu, a) => {
      const K = zones[a].edges.length;
      for (let i = 0; i < hu.n; i++) {
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
  }

  // ---- items ----
  const nBi = bList.length, n = nBi;
  const itemBuilding = new Int32Array(n), itemCombo = new Int32Array(n);
  const itemClass = new Uint8Array(n), itemResidents = new Float64Array(n), itemPeople = new Float64Array(n * PEOPLE_STRIDE);
  const w = settings.warningShare, f = params.reducedMobilityFactor;
  const vecCache = new Map<number, ReturnType<typeof groupVectors>>();
  const vecs = (row: number) => { let v = vecCache.get(row); if (!v) { v = groupVectors(city, row, w, f); vecCache.set(row, v); } return v; };
  const unitClass = CONSTRUCTION_CLASSES.indexOf(params.unitConstruction);
  const occ = TIMES_OF_DAY.map((t) => OCCUPANCY_TYPES.map((o) => params.occupancy[t][o]));

  const T = TIMES_OF_DAY.length;
  let lastRow = -1, v = vecs(0);
  for (let i = 0; i < nBi; i++) {
    const b = bList[i];
    itemBuilding[i] = b; itemCombo[i] = bCombo[i]; itemClass[i] = B.construction[b];
    const res = B.residents[b], wrk = B.workers[b];
    itemResidents[i] = res;
    if (B.breakdown[b] !== lastRow) { lastRow = B.breakdown[b]; v = vecs(lastRow); }
    const wo = B.workerOccupancy[b];
    const wv = wo === 3 ? v.pupils : v.workers, rv = v.residents;
    for (let t = 0; t < T; t++) {
      const r = res * occ[t][0], k = wrk * occ[t][wo];
      const o = i * PEOPLE_STRIDE + t * PEOPLE_FIELDS;
      for (let g = 0; g < PEOPLE_FIELDS; g++) itemPeople[o + g] = r * rv[g] + k * wv[g];
    }
  }
  // unit pieces: summed per (combo, class) cell with their group shares
  const nCombo = combos.length;
  const unitCells = new Float64Array(nCombo * NCLASS_EXPOSURE * PEOPLE_STRIDE), unitResidents = new Float64Array(nCombo);
  const occRes = occ.map((row) => row[0]);
  lastRow = -1;
  for (let j = 0; j < pieces.n; j++) {
    const u = pieces.u[j], combo = pieces.combo[j];
    const res = U.residents[u] * pieces.share[j];
    unitResidents[combo] += res;
    if (U.breakdown[u] !== lastRow) { lastRow = U.breakdown[u]; v = vecs(lastRow); }
    const rv = v.residents;
    const base = (combo * NCLASS_EXPOSURE + unitClass) * PEOPLE_STRIDE;
    for (let t = 0; t < T; t++) {
      const r = res * occRes[t];
      const o = base + t * PEOPLE_FIELDS;
      for (let g = 0; g < PEOPLE_FIELDS; g++) unitCells[o + g] += r * rv[g];
    }
  }
  return { zones, combos, count: n, buildingCount: nBi, itemBuilding, itemCombo, itemClass, itemResidents, itemPeople, unitCells, unitResidents };
}

function grow<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as { new (n: number): T })(a.length * 2);
  b.set(a);
  return b;
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
    const g = U.nonRect.get(u);
    const hit = g ? polygonShares(z, g, out) : rectShares(z, U.bbox[4 * u], U.bbox[4 * u + 1], U.bbox[4 * u + 2], U.bbox[4 * u + 3], out);
    if (hit) total += U.residents[u] * out[0];
    return false;
  });
  return total;
}
