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

export interface Exposure {
  /** Zone geometry per operation area. */
  zones: ZoneGeometry[];
  /** combos[c][a] = zone index of combo c in area a (-1: outside that area's zones). */
  combos: Int16Array[];
  /** Exposure items: buildings first (itemBuilding >= 0), then unit pieces (itemBuilding = -1). */
  count: number;
  buildingCount: number;
  itemBuilding: Int32Array;
  itemUnit: Int32Array;
  itemCombo: Int32Array;
  itemClass: Uint8Array;
  /** Night residents of the item (share applied). */
  itemResidents: Float64Array;
  /** People present after warning, per time and group (PEOPLE_STRIDE per item), before the indoor/outdoor split. */
  itemPeople: Float64Array;
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

  // ---- hits per area: buildings by centroid, units by share of area (typed scratch, no per-hit objects) ----
  const { buildings: B, units: U } = city;
  const hitsB: { b: number[]; k: number[] }[] = [], hitsU: { u: number[]; shares: number[] }[] = [];
  zones.forEach((z) => {
    const [w, s, e, n] = z.bbox;
    const hb = { b: [] as number[], k: [] as number[] };
    B.index.search(w, s, e, n, (b) => {
      if (b >= B.count) return false;
      const k = zoneOfDistance(z.edges, signedDistance(z.area, (B.lon[b] - z.proj.lon0) * z.proj.kx, (B.lat[b] - z.proj.lat0) * z.proj.ky));
      if (k >= 0) { hb.b.push(b); hb.k.push(k); }
      return false;
    });
    const K = z.edges.length;
    const hu = { u: [] as number[], shares: [] as number[] };
    const out = new Float64Array(K);
    U.index.search(w, s, e, n, (u) => {
      if (u >= U.count || U.allocated[u] || U.residents[u] <= 0) return false;
      const g = U.nonRect.get(u);
      const hit = g ? polygonShares(z, g, out) : rectShares(z, U.bbox[4 * u], U.bbox[4 * u + 1], U.bbox[4 * u + 2], U.bbox[4 * u + 3], out);
      if (hit) { hu.u.push(u); for (let k = 0; k < K; k++) hu.shares.push(out[k]); }
      return false;
    });
    hitsB.push(hb); hitsU.push(hu);
  });

  let bList: number[], bCombo: number[];
  const pieces: { u: number[]; combo: number[]; share: number[] } = { u: [], combo: [], share: [] };
  if (nA === 1) {
    // one area: combo = zone; keep the index order for determinism
    const order = hitsB[0].b.map((_, i) => i).sort((x, y) => hitsB[0].b[x] - hitsB[0].b[y]);
    bList = order.map((i) => hitsB[0].b[i]); bCombo = order.map((i) => hitsB[0].k[i]);
    const K = zones[0].edges.length, hu = hitsU[0];
    const uorder = hu.u.map((_, i) => i).sort((x, y) => hu.u[x] - hu.u[y]);
    for (const i of uorder) for (let k = 0; k < K; k++) {
      const sh = hu.shares[i * K + k];
      if (sh > 0) { pieces.u.push(hu.u[i]); pieces.combo.push(k); pieces.share.push(sh); }
    }
  } else {
    const bZones = new Map<number, Int16Array>();
    hitsB.forEach((hb, a) => hb.b.forEach((b, i) => {
      let zs = bZones.get(b);
      if (!zs) { zs = new Int16Array(nA).fill(-1); bZones.set(b, zs); }
      zs[a] = hb.k[i];
    }));
    bList = [...bZones.keys()].sort((x, y) => x - y);
    bCombo = bList.map((b) => comboOf(bZones.get(b)!));
    const uShares = new Map<number, (Float64Array | null)[]>();
    hitsU.forEach((hu, a) => {
      const K = zones[a].edges.length;
      hu.u.forEach((u, i) => {
        let v = uShares.get(u);
        if (!v) { v = new Array(nA).fill(null); uShares.set(u, v); }
        v[a] = Float64Array.from(hu.shares.slice(i * K, (i + 1) * K));
      });
    });
    for (const u of [...uShares.keys()].sort((x, y) => x - y)) {
      const per = uShares.get(u)!;
      // product over areas of (zone k with share s_k, or outside with 1 - sum s): parts taken as independent
      const rec = (a: number, zs: Int16Array, share: number) => {
        if (share <= 0) return;
        if (a === nA) {
          if (zs.some((k) => k >= 0)) { pieces.u.push(u); pieces.combo.push(comboOf(Int16Array.from(zs))); pieces.share.push(share); }
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
  const nBi = bList.length, n = nBi + pieces.u.length;
  const itemBuilding = new Int32Array(n).fill(-1), itemUnit = new Int32Array(n).fill(-1), itemCombo = new Int32Array(n);
  const itemClass = new Uint8Array(n), itemResidents = new Float64Array(n), itemPeople = new Float64Array(n * PEOPLE_STRIDE);
  const w = settings.warningShare, f = params.reducedMobilityFactor;
  const vecCache = new Map<number, ReturnType<typeof groupVectors>>();
  const vecs = (row: number) => { let v = vecCache.get(row); if (!v) { v = groupVectors(city, row, w, f); vecCache.set(row, v); } return v; };
  const unitClass = CONSTRUCTION_CLASSES.indexOf(params.unitConstruction);
  const occ = TIMES_OF_DAY.map((t) => OCCUPANCY_TYPES.map((o) => params.occupancy[t][o]));

  for (let i = 0; i < nBi; i++) {
    const b = bList[i];
    itemBuilding[i] = b; itemCombo[i] = bCombo[i]; itemClass[i] = B.construction[b];
    itemResidents[i] = B.residents[b];
    const v = vecs(B.breakdown[b]);
    const wo = B.workerOccupancy[b];
    const wv = wo === 3 ? v.pupils : v.workers;
    for (let t = 0; t < TIMES_OF_DAY.length; t++) {
      const r = B.residents[b] * occ[t][0], k = B.workers[b] * occ[t][wo];
      const o = i * PEOPLE_STRIDE + t * PEOPLE_FIELDS;
      for (let g = 0; g < PEOPLE_FIELDS; g++) itemPeople[o + g] = r * v.residents[g] + k * wv[g];
    }
  }
  pieces.u.forEach((u, j) => {
    const i = nBi + j;
    itemUnit[i] = u; itemCombo[i] = pieces.combo[j]; itemClass[i] = unitClass;
    const res = U.residents[u] * pieces.share[j];
    itemResidents[i] = res;
    const v = vecs(U.breakdown[u]);
    for (let t = 0; t < TIMES_OF_DAY.length; t++) {
      const r = res * occ[t][0];
      const o = i * PEOPLE_STRIDE + t * PEOPLE_FIELDS;
      for (let g = 0; g < PEOPLE_FIELDS; g++) itemPeople[o + g] = r * v.residents[g];
    }
  });
  return { zones, combos, count: n, buildingCount: nBi, itemBuilding, itemUnit, itemCombo, itemClass, itemResidents, itemPeople };
}

export interface ZoneTotals {
  areaIndex: number; zoneIndex: number; outerEdgeM: number; residents: number; buildings: number;
  present: Record<TimeOfDay, { indoors: number; outdoors: number }>;
}

/** Exposure table per area and zone, and unique totals over all zones. */
export function summariseExposure(x: Exposure, params: EngineParameters): { zones: ZoneTotals[]; total: Omit<ZoneTotals, 'areaIndex' | 'zoneIndex' | 'outerEdgeM'> } {
  const blank = () => Object.fromEntries(TIMES_OF_DAY.map((t) => [t, { indoors: 0, outdoors: 0 }])) as Record<TimeOfDay, { indoors: number; outdoors: number }>;
  const zones: ZoneTotals[] = [];
  const idx: number[][] = x.zones.map((z, a) => z.edges.map((e, k) => { zones.push({ areaIndex: a, zoneIndex: k, outerEdgeM: e, residents: 0, buildings: 0, present: blank() }); return zones.length - 1; }));
  const total = { residents: 0, buildings: 0, present: blank() };
  const add = (row: { residents: number; buildings: number; present: Record<TimeOfDay, { indoors: number; outdoors: number }> }, i: number) => {
    row.residents += x.itemResidents[i];
    if (x.itemBuilding[i] >= 0) row.buildings += 1;
    TIMES_OF_DAY.forEach((t, ti) => {
      const p = x.itemPeople[i * PEOPLE_STRIDE + ti * PEOPLE_FIELDS];
      row.present[t].outdoors += p * params.outdoorShare[t];
      row.present[t].indoors += p * (1 - params.outdoorShare[t]);
    });
  };
  for (let i = 0; i < x.count; i++) {
    const combo = x.combos[x.itemCombo[i]];
    for (let a = 0; a < combo.length; a++) if (combo[a] >= 0) add(zones[idx[a][combo[a]]], i);
    add(total, i);
  }
  return { zones, total };
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
