/**
 * The benchmark's synthetic city (seeded): 1,000,000 population cells (1000 x 1000 cells of 20 m),
 * 200,000 buildings, 5,000 facilities with dependencies, 2,000 protected sites; and the operations
 * the benchmark assesses (a 1 km x 1 km city-centre area, high and medium profiles).
 *
 * The dataset is generated lazily (each unit or building object is made when prepareCity reads it
 * and dropped after), as a store streaming rows would give it.
 */
import { loadDefaultParameters, loadDefaultProfiles } from '../../core/engine/parameters';
import { Rng } from '../../core/engine/random';
import { localProjection } from '../../core/geometry/projection';
import { CONSTRUCTION_CLASSES, FACILITY_KINDS, type Building, type DatasetBundle, type Dependency, type Facility, type PolygonGeometry, type PopulationUnit, type ProtectedSite, type Sector } from '../../core/model/dataset';
import type { Operation } from '../../core/model/operation';

const GRID = 1000, CELL = 20, NB = 200_000, NF = 5000, NSITES = 2000;
const LON0 = -8.61, LAT0 = 41.15; // an arbitrary mid-latitude origin
const proj = localProjection(LON0, LAT0);
const lonOf = (x: number) => LON0 + x / proj.kx, latOf = (y: number) => LAT0 + y / proj.ky;
const HALF = (GRID * CELL) / 2;

/** Array-like that makes element i on demand. */
function lazyArray<T>(n: number, make: (i: number) => T): T[] {
  return new Proxy([] as T[], {
    get(target, prop) {
      if (prop === 'length') return n;
      if (typeof prop === 'string') { const i = Number(prop); if (Number.isInteger(i) && i >= 0 && i < n) return make(i); }
      return Reflect.get(target, prop);
    },
  });
}

// ---- synthetic city, seeded ----
const rng = new Rng(2026);
/** Residents of cell (i, j): denser towards the centre, 0-12 people per 400 m² cell. */
const cellResidents = new Float32Array(GRID * GRID);
for (let k = 0; k < GRID * GRID; k++) {
  const i = k % GRID, j = Math.floor(k / GRID);
  const r = Math.hypot(i - GRID / 2, j - GRID / 2) / (GRID / 2);
  cellResidents[k] = Math.round(Math.max(0, 12 * (1 - r) * rng.uniform()));
}
const cellId = (k: number) => `c${k}`;
const cellBox = (k: number) => {
  const i = k % GRID, j = Math.floor(k / GRID);
  return [lonOf(i * CELL - HALF), latOf(j * CELL - HALF), lonOf((i + 1) * CELL - HALF), latOf((j + 1) * CELL - HALF)];
};
// buildings: more in the centre; the first residential building in a cell takes the cell's residents
const bx = new Float64Array(NB), by = new Float64Array(NB), bMeta = new Uint8Array(NB), bCell = new Int32Array(NB);
const claimed = new Uint8Array(GRID * GRID);
for (let b = 0; b < NB; b++) {
  const r = HALF * Math.sqrt(rng.uniform()) * 0.95, a = 2 * Math.PI * rng.uniform();
  bx[b] = r * Math.cos(a); by[b] = r * Math.sin(a);
  const k = Math.floor((by[b] + HALF) / CELL) * GRID + Math.floor((bx[b] + HALF) / CELL);
  const use = rng.uniform() < 0.7 ? 0 : rng.uniform() < 0.6 ? 1 : rng.uniform() < 0.5 ? 2 : 3; // residential, commercial, industrial, education
  const cls = Math.floor(rng.uniform() * 4);
  bMeta[b] = use * 4 + cls;
  bCell[b] = use === 0 && !claimed[k] && cellResidents[k] > 0 ? (claimed[k] = 1, k) : -1;
}
const USES = ['residential', 'commercial', 'industrial', 'education'] as const;
const units = lazyArray<PopulationUnit>(GRID * GRID, (k) => {
  const [w, s, e, n] = cellBox(k);
  return { id: cellId(k), geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }, residents: cellResidents[k], breakdown: null };
});
const buildings = lazyArray<Building>(NB, (b) => {
  const use = USES[bMeta[b] >> 2], k = bCell[b];
  return {
    id: `b${b}`, geometry: { type: 'Point', coordinates: [lonOf(bx[b]), latOf(by[b])] }, use, construction: CONSTRUCTION_CLASSES[bMeta[b] & 3], storeys: 3,
    residents: k >= 0 ? cellResidents[k] : 0, workers: use === 'residential' ? 0 : 20 + ((b * 7) % 80), unitId: k >= 0 ? cellId(k) : null,
  };
});
// facilities: 5,000 over the sectors; every non-power facility takes power from its nearest two substations
const kinds: [Sector, string, number][] = [
  ['power', 'substation', 600], ['power', 'plant', 20], ['water', 'pumping_station', 700], ['water', 'treatment_plant', 30], ['water', 'reservoir', 150], ['water', 'well', 300],
  ['health', 'hospital', 60], ['health', 'clinic', 900], ['sanitation', 'sewage_pumping', 700], ['sanitation', 'wastewater_plant', 40], ['communications', 'exchange', 300], ['communications', 'mast', 1200],
];
const facilities: Facility[] = [];
for (const [sector, kind, n] of kinds) for (let i = 0; i < n; i++) {
  const r = HALF * Math.sqrt(rng.uniform()) * 0.95, a = 2 * Math.PI * rng.uniform();
  const x = r * Math.cos(a), y = r * Math.sin(a);
  facilities.push({ id: `${kind}-${i}`, name: `${kind.replace(/_/g, ' ')} ${i}`, sector, kind, construction: CONSTRUCTION_CLASSES[i % 4], capacity: kind === 'hospital' ? { beds: 200 } : kind === 'clinic' ? { beds: 10 } : {}, geometry: { type: 'Point', coordinates: [lonOf(x), latOf(y)] }, source: 'synthetic' });
}
void FACILITY_KINDS;
const dist2 = (a: Facility, b: Facility) => ((a.geometry.coordinates[0] - b.geometry.coordinates[0]) * proj.kx) ** 2 + ((a.geometry.coordinates[1] - b.geometry.coordinates[1]) * proj.ky) ** 2;
/** The k (<= 2) nearest of a pool, without building sorted copies (keeps the harness's own memory low). */
const nearest = (f: Facility, pool: Facility[], k: number) => {
  let b0: Facility | null = null, b1: Facility | null = null, d0 = Infinity, d1 = Infinity;
  for (const p of pool) {
    if (p === f) continue;
    const d = dist2(f, p);
    if (d < d0) { b1 = b0; d1 = d0; b0 = p; d0 = d; } else if (d < d1) { b1 = p; d1 = d; }
  }
  return [b0, b1].slice(0, k).filter((x): x is Facility => x !== null);
};
const subs = facilities.filter((f) => f.kind === 'substation'), plants = facilities.filter((f) => f.kind === 'plant');
const exchanges = facilities.filter((f) => f.kind === 'exchange'), pumps = facilities.filter((f) => f.kind === 'pumping_station');
const treatment = facilities.filter((f) => f.kind === 'treatment_plant');
const dependencies: Dependency[] = [];
const dep = (c: Facility, s: Facility, input: Dependency['input'], backupDays: number) => dependencies.push({ id: `d${dependencies.length}`, consumerId: c.id, supplierId: s.id, input, backupDays, inferred: true });
// N-1 redundancy, as a grid is planned: two suppliers of each input, with short backups where usual
for (const f of facilities) {
  if (f.kind === 'substation') { for (const p of nearest(f, plants, 2)) dep(f, p, 'power', 0); for (const x of nearest(f, exchanges, 2)) dep(f, x, 'communications', 1); continue; }
  if (f.kind === 'plant') { for (const p of nearest(f, pumps, 2)) dep(f, p, 'water', 2); continue; }
  const backup = f.kind === 'hospital' ? 3 : f.kind === 'clinic' ? 1 : f.sector === 'water' ? 0.5 : 0;
  for (const s of nearest(f, subs, 2)) dep(f, s, 'power', backup);
  if (f.kind === 'pumping_station' || f.kind === 'hospital') for (const t of nearest(f, treatment, 2)) dep(f, t, 'water', f.kind === 'hospital' ? 1 : 0);
}
const protectedSites: ProtectedSite[] = [];
for (let i = 0; i < NSITES; i++) {
  const x = (rng.uniform() - 0.5) * 2 * HALF * 0.9, y = (rng.uniform() - 0.5) * 2 * HALF * 0.9;
  protectedSites.push({ id: `p${i}`, name: `site ${i}`, category: (['school', 'place_of_worship', 'cultural', 'clinic'] as const)[i % 4], geometry: { type: 'Point', coordinates: [lonOf(x), latOf(y)] }, capacity: 100 + (i % 400), facilityId: null });
}
export const bundle: DatasetBundle = {
  meta: { name: 'bench city', source: 'synthetic', licence: 'CC0', attribution: '', crsOrigin: 'EPSG:4326', synthetic: true, defaultBreakdown: { female: 0.496, age0to14: 0.2, age65plus: 0.077, disabled: 0.15 } },
  populationUnits: units, buildings, facilities, dependencies, serviceAreas: [], protectedSites,
};


export const area: PolygonGeometry = (() => {
  const h = 500; // 1 km x 1 km at the centre
  const w = lonOf(-h), e = lonOf(h), s = latOf(-h), n = latOf(h);
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
})();
export const op: Operation = { name: 'centre, high', areas: [{ id: 'A', name: 'centre', geometry: area, profileId: 'high' }], settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 } };
const parameters = loadDefaultParameters();
export const opts = { profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name, seed: 1, appVersion: 'bench', createdAt: 'bench' };
export const opMedium: Operation = { ...op, name: 'centre, medium', areas: [{ ...op.areas[0], profileId: 'medium' }] };
