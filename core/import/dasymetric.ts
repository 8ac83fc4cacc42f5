/**
 * Dasymetric allocation (METHOD.md §1-2): each population unit's residents are spread over the
 * residential (and mixed) buildings whose footprint centroid lies in it, in proportion to floor
 * area (footprint area x storeys). A unit with no such building keeps its residents as the
 * exposure: its residents stay on the unit and no building points to it. Workers of
 * non-residential buildings come from floor area and the densities in data/import/occupancy.json.
 */
import Flatbush from 'flatbush';
import { area as turfArea } from '@turf/area';
import { bbox as turfBbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { centroid } from '@turf/centroid';
import params from '../../data/import/occupancy.json';
import type { Building, BuildingUse, DatasetBundle, PopulationUnit } from '../model/dataset';

export const MIXED_RESIDENTIAL_SHARE = params.mixedResidentialShare.value;
export const FLOOR_AREA_PER_WORKER: Partial<Record<BuildingUse, number>> = Object.fromEntries(
  Object.entries(params.floorAreaPerWorker).map(([k, v]) => [k, v.value]),
);

export interface AllocationSummary {
  unitsWithBuildings: number;
  unitsKeepingResidents: number;
  residentsOnBuildings: number;
  residentsOnUnits: number;
  buildingsWithResidents: number;
  workers: number;
  /** Buildings whose centroid lies in units from more than one source file (overlapping population layers). */
  buildingsInOverlappingUnits: number;
}

export function floorArea(b: Building): number {
  return b.geometry.type === 'Point' ? 0 : turfArea(b.geometry) * b.storeys;
}

const residentialWeight = (use: BuildingUse) => (use === 'residential' ? 1 : use === 'mixed' ? MIXED_RESIDENTIAL_SHARE : 0);

function workersOf(b: Building, fa: number): number {
  if (b.use === 'residential') return 0;
  const density = FLOOR_AREA_PER_WORKER[b.use];
  if (!density) return 0;
  const share = b.use === 'mixed' ? 1 - MIXED_RESIDENTIAL_SHARE : 1;
  return (fa * share) / density;
}

/** Index of units by bounding box, for point-in-unit lookups. */
export function unitIndex(units: PopulationUnit[]): (lon: number, lat: number) => PopulationUnit[] {
  if (!units.length) return () => [];
  const index = new Flatbush(units.length);
  for (const u of units) {
    const [w, s, e, n] = turfBbox(u.geometry);
    index.add(w, s, e, n);
  }
  index.finish();
  return (lon, lat) => index.search(lon, lat, lon, lat).map((i) => units[i]!).filter((u) => booleanPointInPolygon([lon, lat], u.geometry));
}

/** Recomputes residents, unitId and workers of every building in place; returns what happened. */
export function allocateResidents(bundle: Pick<DatasetBundle, 'populationUnits' | 'buildings'>, prefixOf: (id: string) => string = (id) => id.split(':').slice(0, 2).join(':')): AllocationSummary {
  const lookup = unitIndex(bundle.populationUnits);
  const weightByUnit = new Map<string, number>();
  const home = new Map<Building, { unit: PopulationUnit; weight: number }>();
  let workers = 0, overlapping = 0;
  for (const b of bundle.buildings) {
    const fa = floorArea(b);
    b.residents = 0;
    b.unitId = null;
    b.workers = workersOf(b, fa);
    workers += b.workers;
    const w = fa * residentialWeight(b.use);
    if (w <= 0) continue;
    const [lon, lat] = centroid(b.geometry).geometry.coordinates as [number, number];
    const units = lookup(lon, lat);
    if (!units.length) continue;
    if (new Set(units.map((u) => prefixOf(u.id))).size > 1) overlapping++;
    const unit = units[0]!;
    home.set(b, { unit, weight: w });
    weightByUnit.set(unit.id, (weightByUnit.get(unit.id) ?? 0) + w);
  }
  let onBuildings = 0;
  for (const [b, { unit, weight }] of home) {
    b.residents = (unit.residents * weight) / weightByUnit.get(unit.id)!;
    b.unitId = unit.id;
    onBuildings += b.residents;
  }
  const total = bundle.populationUnits.reduce((s, u) => s + u.residents, 0);
  return {
    unitsWithBuildings: weightByUnit.size,
    unitsKeepingResidents: bundle.populationUnits.length - weightByUnit.size,
    residentsOnBuildings: onBuildings,
    residentsOnUnits: total - bundle.populationUnits.filter((u) => weightByUnit.has(u.id)).reduce((s, u) => s + u.residents, 0),
    buildingsWithResidents: home.size,
    workers,
    buildingsInOverlappingUnits: overlapping,
  };
}
