/**
 * How infrastructure entities map to their rows, one mapping for every reader and writer
 * (datasets.ts loads and saves whole datasets with it; the edit modules one entity at a time).
 * Rows link by SQLite rowid; the model links by the entity's own id (`ext_id`).
 */
import type {
  ArealGeometry, Dependency, Facility, ServiceArea,
} from '../model/dataset';
import { DomainError } from '../model/errors';
import type { Db } from './db';

export interface FacilityRow {
  id: number; ext_id: string; name: string; sector: string; kind: string; construction: string;
  beds: number | null; people_served: number | null; mw: number | null; lon: number; lat: number; source: string;
}
export interface DependencyRow { id: number; ext_id: string; consumer_id: number; supplier_id: number; input: string; backup_days: number; inferred: number }
export interface AreaRow { id: number; ext_id: string; facility_id: number; geometry: string; inferred: number }

/** An entity with the rowid it has in the store (kept in edit snapshots so undo restores it in place). */
export type Snapshot<T> = T & { $row: number };

export const FACILITY_COLUMNS = ['name', 'sector', 'kind', 'construction', 'beds', 'people_served', 'mw', 'lon', 'lat', 'source'] as const;

/** The values of FACILITY_COLUMNS, in that order. */
export function facilityValues(f: Facility): (string | number | null)[] {
  const [lon, lat] = f.geometry.coordinates as [number, number];
  return [f.name, f.sector, f.kind, f.construction, f.capacity.beds ?? null, f.capacity.peopleServed ?? null, f.capacity.mw ?? null, lon, lat, f.source];
}

export function facilityFromRow(r: FacilityRow): Facility {
  const capacity: Facility['capacity'] = {};
  if (r.beds !== null) capacity.beds = r.beds;
  if (r.people_served !== null) capacity.peopleServed = r.people_served;
  if (r.mw !== null) capacity.mw = r.mw;
  return {
    id: r.ext_id, name: r.name, sector: r.sector as Facility['sector'], kind: r.kind, construction: r.construction as Facility['construction'],
    capacity, geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, source: r.source,
  };
}

/** `extOf` turns a facility rowid into the facility's id. */
export function dependencyFromRow(r: DependencyRow, extOf: (rowId: number) => string): Dependency {
  return {
    id: r.ext_id, consumerId: extOf(r.consumer_id), supplierId: extOf(r.supplier_id),
    input: r.input as Dependency['input'], backupDays: r.backup_days, inferred: r.inferred === 1,
  };
}

export function serviceAreaFromRow(r: AreaRow, extOf: (rowId: number) => string): ServiceArea {
  return { id: r.ext_id, facilityId: extOf(r.facility_id), geometry: JSON.parse(r.geometry) as ArealGeometry, inferred: r.inferred === 1 };
}

// ---------- one entity by its id ----------

export function facilityRow(db: Db, datasetId: number, extId: string): FacilityRow | undefined {
  return db.prepare('SELECT * FROM facilities WHERE dataset_id = ? AND ext_id = ?').get(datasetId, extId) as FacilityRow | undefined;
}

export function facilityExtId(db: Db, rowId: number): string {
  return (db.prepare('SELECT ext_id FROM facilities WHERE id = ?').get(rowId) as { ext_id: string }).ext_id;
}

/** The rowid of facility `extId`; a missing one is refused naming `field`. */
export function facilityRowId(db: Db, datasetId: number, extId: string, field: string): number {
  const row = db.prepare('SELECT id FROM facilities WHERE dataset_id = ? AND ext_id = ?').get(datasetId, extId) as { id: number } | undefined;
  if (!row) throw new DomainError('not_found', `${field}: facility ${extId} does not exist`, field);
  return row.id;
}

export function requireFacility(db: Db, datasetId: number, id: string, field = 'id'): Snapshot<Facility> {
  const r = facilityRow(db, datasetId, id);
  if (!r) throw new DomainError('not_found', `${field}: facility ${id} does not exist`, field);
  return { ...facilityFromRow(r), $row: r.id };
}

const dependencySnapshot = (db: Db, r: DependencyRow): Snapshot<Dependency> => ({ ...dependencyFromRow(r, (id) => facilityExtId(db, id)), $row: r.id });
const areaSnapshot = (db: Db, r: AreaRow): Snapshot<ServiceArea> => ({ ...serviceAreaFromRow(r, (id) => facilityExtId(db, id)), $row: r.id });

export function findDependency(db: Db, datasetId: number, id: string): Snapshot<Dependency> | undefined {
  const r = db.prepare('SELECT * FROM dependencies WHERE dataset_id = ? AND ext_id = ?').get(datasetId, id) as DependencyRow | undefined;
  return r && dependencySnapshot(db, r);
}

export function requireDependency(db: Db, datasetId: number, id: string): Snapshot<Dependency> {
  const d = findDependency(db, datasetId, id);
  if (!d) throw new DomainError('not_found', `id: dependency ${id} does not exist`, 'id');
  return d;
}

export function findServiceArea(db: Db, datasetId: number, id: string): Snapshot<ServiceArea> | undefined {
  const r = db.prepare('SELECT * FROM service_areas WHERE dataset_id = ? AND ext_id = ?').get(datasetId, id) as AreaRow | undefined;
  return r && areaSnapshot(db, r);
}

export function requireServiceArea(db: Db, datasetId: number, id: string): Snapshot<ServiceArea> {
  const a = findServiceArea(db, datasetId, id);
  if (!a) throw new DomainError('not_found', `id: service area ${id} does not exist`, 'id');
  return a;
}

/** The dependencies that name a facility (by its rowid), as consumer or supplier, in row order. */
export function dependenciesOf(db: Db, facilityRowId: number): Snapshot<Dependency>[] {
  return (db.prepare('SELECT * FROM dependencies WHERE consumer_id = ? OR supplier_id = ? ORDER BY id').all(facilityRowId, facilityRowId) as DependencyRow[])
    .map((r) => dependencySnapshot(db, r));
}

export function serviceAreasOf(db: Db, facilityRowId: number): Snapshot<ServiceArea>[] {
  return (db.prepare('SELECT * FROM service_areas WHERE facility_id = ? ORDER BY id').all(facilityRowId) as AreaRow[]).map((r) => areaSnapshot(db, r));
}

/** The rowid to re-insert with: the original one if it is still free, else a new one. */
export function freeRow(db: Db, table: 'facilities' | 'dependencies' | 'service_areas', row: number | undefined): number | null {
  if (row === undefined) return null;
  return db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(row) ? null : row;
}

export function deleteRow(db: Db, table: 'facilities' | 'dependencies' | 'service_areas', row: number): void {
  db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(row);
}

export const strip = <T extends object>(v: T): Omit<T, '$row'> => { const { $row: _r, ...rest } = v as T & { $row?: number }; return rest; };

/** A facility by its id, or undefined. */
export function findFacility(db: Db, datasetId: number, extId: string): Facility | undefined {
  const r = facilityRow(db, datasetId, extId);
  return r && facilityFromRow(r);
}
