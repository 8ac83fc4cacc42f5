/**
 * Small hand-made datasets for the engine's tests (not used at run time). Distances are laid out
 * in metres with a local projection, so tests can say "a building 250 m east of the area".
 */
import type { ArealGeometry, Building, DatasetBundle, Dependency, Facility, PolygonGeometry, PopulationUnit, ProtectedSite } from '../model/dataset';
import type { Operation } from '../model/operation';
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { polygonsOf } from '../geometry/polygons';
import { localProjection } from '../geometry/projection';
import type { XYPolygon } from '../geometry/xy';
import type { ZoneGeometry } from '../geometry/zone-rings';

export const ORIGIN = { lon: 10, lat: 45 };
const proj = localProjection(ORIGIN.lon, ORIGIN.lat);
/** lon/lat of a point x metres east and y metres north of the origin. */
export const at = (x: number, y: number): [number, number] => [ORIGIN.lon + x / proj.kx, ORIGIN.lat + y / proj.ky];

/** Axis-aligned square of side 2h metres centred at (x, y) metres from the origin. */
export function squareM(x: number, y: number, h: number): PolygonGeometry {
  const [w, s] = at(x - h, y - h), [e, n] = at(x + h, y + h);
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

export function bundle(parts: Partial<Omit<DatasetBundle, 'meta'>>): DatasetBundle {
  return {
    meta: {
      name: 'test city', source: 'tests', licence: 'CC0', attribution: '', crsOrigin: 'EPSG:4326', synthetic: true,
      defaultBreakdown: { female: 0.5, age0to14: 0.2, age65plus: 0.1, disabled: 0.15 },
    },
    populationUnits: [], buildings: [], facilities: [], dependencies: [], serviceAreas: [], protectedSites: [],
    ...parts,
  };
}

export function building(id: string, x: number, y: number, o: Partial<Building> = {}): Building {
  return { id, geometry: { type: 'Point', coordinates: at(x, y) }, use: 'residential', construction: 'rc', storeys: 3, residents: 100, workers: 0, unitId: null, ...o };
}

export function unit(id: string, x: number, y: number, h: number, residents: number, o: Partial<PopulationUnit> = {}): PopulationUnit {
  return { id, geometry: squareM(x, y, h), residents, breakdown: null, ...o };
}

export function facility(id: string, name: string, sector: Facility['sector'], kind: string, x: number, y: number, o: Partial<Facility> = {}): Facility {
  return { id, name, sector, kind, construction: 'rc', capacity: {}, geometry: { type: 'Point', coordinates: at(x, y) }, source: 'test', ...o };
}

export function dep(consumerId: string, supplierId: string, input: Dependency['input'], backupDays = 0): Dependency {
  return { id: `${consumerId}<${supplierId}:${input}`, consumerId, supplierId, input, backupDays, inferred: false };
}

export function site(id: string, x: number, y: number, o: Partial<ProtectedSite> = {}): ProtectedSite {
  return { id, name: id, category: 'school', geometry: { type: 'Point', coordinates: at(x, y) }, capacity: 200, facilityId: null, ...o };
}

export function operation(profileId: string, o: Partial<Operation['settings']> = {}, area = squareM(0, 0, 100)): Operation {
  return { name: `op-${profileId}`, areas: [{ id: 'A', name: 'A', geometry: area, profileId }], settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30, ...o } };
}

/**
 * The reference: turf.intersect (polyclip-ts, arbitrary precision) on the projected shapes, as the
 * engine did before clip.ts, but keeping the unit's own ring structure and telling holes of the zone
 * polygons by their orientation (zones.ts polygonShares starts a new polygon at every ring whose sign
 * is positive, which turns a clockwise hole - the GeoJSON convention - into a filled part).
 */
export function referenceShares(z: ZoneGeometry, g: ArealGeometry, out: Float64Array): boolean {
  const { lon0, lat0, kx, ky } = z.proj;
  const ringArea = (r: Position[]) => { let s = 0; for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]; return s / 2; };
  const areaOf = (polys: Position[][][]) => polys.reduce((s, p) => s + p.reduce((t, r, i) => t + (i === 0 ? 1 : -1) * Math.abs(ringArea(r)), 0), 0);
  const unit: Position[][][] = polygonsOf(g).map((p) => p.map((r) => r.map(([x, y]) => [(x - lon0) * kx, (y - lat0) * ky])));
  const zone = (p: XYPolygon): Polygon | MultiPolygon => {
    const polys: Position[][][] = [];
    p.rings.forEach((r, i) => {
      const ring: Position[] = [];
      for (let j = 0; j < r.length; j += 2) ring.push([r[j], r[j + 1]]);
      if (p.signs[i] * ringArea(ring) > 0 || polys.length === 0) polys.push([ring]); else polys[polys.length - 1].push(ring);
    });
    return { type: 'MultiPolygon', coordinates: polys };
  };
  const unitArea = areaOf(unit);
  out.fill(0);
  let prev = 0;
  for (let k = 0; k < z.polygons.length; k++) {
    const inter = turf.intersect(turf.featureCollection([turf.multiPolygon(unit), turf.feature(zone(z.polygons[k]))]));
    const a = inter ? areaOf(polygonsOf(inter.geometry)) : 0;
    out[k] = Math.max(0, (a - prev) / unitArea);
    prev = a;
  }
  return out.some((v) => v > 0);
}
