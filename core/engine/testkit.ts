/**
 * Small hand-made datasets for the engine's tests (not used at run time). Distances are laid out
 * in metres with a local projection, so tests can say "a building 250 m east of the area".
 */
import type { Building, DatasetBundle, Dependency, Facility, PolygonGeometry, PopulationUnit, ProtectedSite } from '../model/dataset';
import type { Operation } from '../model/operation';
import { localProjection } from './zones';

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
