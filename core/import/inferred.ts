/**
 * Default dependencies and service areas, inferred where the user gave none (all inferred=true):
 * water, health, communications and sanitation facilities draw power from the nearest substation
 * (or power plant if there is no substation); pumping stations draw water from the nearest
 * treatment plant; hospitals get generator backup days. Service areas are the Voronoi cells of
 * same-kind facilities clipped to the dataset's extent.
 */
import { bbox as turfBbox } from '@turf/bbox';
import { distance } from '@turf/distance';
import { featureCollection, point } from '@turf/helpers';
import { voronoi } from '@turf/voronoi';
import params from '../../data/import/dependencies.json';
import type { ArealGeometry, DatasetBundle, Dependency, Facility, ServiceArea } from '../model/dataset';

export const HOSPITAL_GENERATOR_DAYS = params.hospitalGeneratorDays.value;
export const CLINIC_GENERATOR_DAYS = params.clinicGeneratorDays.value;
const POWER_CONSUMERS = new Set(params.powerConsumers.value);

export interface InferenceSummary { dependencies: number; serviceAreas: number; keptUserDependencies: number; keptUserServiceAreas: number }

function nearest(f: Facility, candidates: Facility[]): Facility | undefined {
  let best: Facility | undefined, bestD = Infinity;
  for (const c of candidates) {
    if (c.id === f.id) continue;
    const d = distance(f.geometry.coordinates, c.geometry.coordinates);
    if (d < bestD) { bestD = d; best = c; }
  }
  return best;
}

/** [west, south, east, north] of everything in the dataset, padded by 1% (at least ~100 m). */
export function datasetExtent(b: Pick<DatasetBundle, 'populationUnits' | 'buildings' | 'facilities'>): [number, number, number, number] | null {
  const geoms = [...b.populationUnits, ...b.buildings, ...b.facilities].map((x) => x.geometry);
  if (!geoms.length) return null;
  const [w, s, e, n] = turfBbox(featureCollection(geoms.map((g) => ({ type: 'Feature' as const, properties: {}, geometry: g }))));
  const pad = Math.max(0.001, 0.01 * Math.max(e - w, n - s));
  return [w - pad, s - pad, e + pad, n + pad];
}

/** Replaces inferred dependencies and service areas in the bundle; keeps the user's own. */
export function inferDefaults(bundle: DatasetBundle): InferenceSummary {
  const ids = new Set(bundle.facilities.map((f) => f.id));
  const userDeps = bundle.dependencies.filter((d) => !d.inferred && ids.has(d.consumerId) && ids.has(d.supplierId));
  const userAreas = bundle.serviceAreas.filter((s) => !s.inferred && ids.has(s.facilityId));
  const given = new Set(userDeps.map((d) => `${d.consumerId}|${d.input}`));
  const deps: Dependency[] = [];
  const substations = bundle.facilities.filter((f) => f.sector === 'power' && f.kind === 'substation');
  const plants = bundle.facilities.filter((f) => f.sector === 'power' && f.kind === 'plant');
  const powerSuppliers = substations.length ? substations : plants;
  const treatment = bundle.facilities.filter((f) => f.sector === 'water' && f.kind === 'treatment_plant');
  for (const f of bundle.facilities) {
    if (POWER_CONSUMERS.has(f.sector) && !given.has(`${f.id}|power`)) {
      const s = nearest(f, powerSuppliers);
      if (s) {
        const backupDays = f.kind === 'hospital' ? HOSPITAL_GENERATOR_DAYS : f.kind === 'clinic' ? CLINIC_GENERATOR_DAYS : 0;
        deps.push({ id: `inferred:power:${f.id}`, consumerId: f.id, supplierId: s.id, input: 'power', backupDays, inferred: true });
      }
    }
    if (f.sector === 'water' && f.kind === 'pumping_station' && !given.has(`${f.id}|water`)) {
      const s = nearest(f, treatment);
      if (s) deps.push({ id: `inferred:water:${f.id}`, consumerId: f.id, supplierId: s.id, input: 'water', backupDays: 0, inferred: true });
    }
  }
  const areas: ServiceArea[] = [];
  const extent = datasetExtent(bundle);
  const hasUserArea = new Set(userAreas.map((s) => s.facilityId));
  if (extent) {
    const byKind = new Map<string, Facility[]>();
    for (const f of bundle.facilities) byKind.set(`${f.sector}/${f.kind}`, [...(byKind.get(`${f.sector}/${f.kind}`) ?? []), f]);
    for (const group of byKind.values()) {
      // one Voronoi site per distinct location; facilities sharing a location share its cell
      const sites = new Map<string, Facility[]>();
      for (const f of group) {
        const key = f.geometry.coordinates.slice(0, 2).join(',');
        sites.set(key, [...(sites.get(key) ?? []), f]);
      }
      const keys = [...sites.keys()];
      const [w, s, e, n] = extent;
      const box: ArealGeometry = { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
      const cells = keys.length === 1
        ? [box]
        : voronoi(featureCollection(keys.map((k) => point(k.split(',').map(Number)))), { bbox: extent }).features.map((c) => (c?.geometry ?? null) as ArealGeometry | null);
      keys.forEach((k, i) => {
        const cell = cells[i];
        if (!cell) return;
        for (const f of sites.get(k)!) {
          if (hasUserArea.has(f.id)) continue;
          areas.push({ id: `inferred:area:${f.id}`, facilityId: f.id, geometry: cell, inferred: true });
        }
      });
    }
  }
  bundle.dependencies = [...userDeps, ...deps];
  bundle.serviceAreas = [...userAreas, ...areas];
  return { dependencies: deps.length, serviceAreas: areas.length, keptUserDependencies: userDeps.length, keptUserServiceAreas: userAreas.length };
}
