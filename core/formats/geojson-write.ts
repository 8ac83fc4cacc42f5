/**
 * Export a dataset to one GeoJSON FeatureCollection (RFC 7946, WGS84). Each feature's `layer`
 * property says what it is (population_unit, building, facility, protected_site); the dataset's
 * name, licence and attribution travel as foreign members of the collection.
 */
import { writeFileSync } from 'node:fs';
import { checkExportPath, writeExport } from '../store/private-files';
import type { DatasetBundle } from '../model/dataset';
import { DomainError } from '../model/errors';
import type { Db } from '../store/db';
import { loadDataset, requireDataset } from '../store/datasets';

export function bundleToGeoJson(b: DatasetBundle) {
  const f = (layer: string, geometry: unknown, properties: Record<string, unknown>) => ({ type: 'Feature' as const, geometry, properties: { layer, ...properties } });
  return {
    type: 'FeatureCollection' as const,
    name: b.meta.name, source: b.meta.source, licence: b.meta.licence, attribution: b.meta.attribution,
    features: [
      ...b.populationUnits.map((u) => f('population_unit', u.geometry, { id: u.id, residents: u.residents, ...(u.breakdown ?? {}) })),
      ...b.buildings.map((x) => f('building', x.geometry, { id: x.id, use: x.use, construction: x.construction, storeys: x.storeys, residents: x.residents, workers: x.workers, unitId: x.unitId })),
      ...b.facilities.map((x) => f('facility', x.geometry, { id: x.id, name: x.name, sector: x.sector, kind: x.kind, construction: x.construction, ...x.capacity, source: x.source })),
      ...b.protectedSites.map((x) => f('protected_site', x.geometry, { id: x.id, name: x.name, category: x.category, capacity: x.capacity, facilityId: x.facilityId })),
    ],
  };
}

export function exportGeoJson(db: Db, dataset: string | number, path: string, opts: { overwrite?: boolean } = {}): { path: string; features: number } {
  checkExportPath(path, opts);
  const fc = bundleToGeoJson(loadDataset(db, requireDataset(db, dataset).id));
  writeExport(path, (tmp) => writeFileSync(tmp, JSON.stringify(fc)), opts);
  return { path, features: fc.features.length };
}
