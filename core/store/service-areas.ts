/** Editing a dataset's service areas: draw one, replace its geometry, delete it. */
import stringify from 'safe-stable-stringify';
import { ArealGeometry, ServiceArea } from '../model/dataset';
import type { Db } from './db';
import { check, inEdit, nextId, record, recordDelete } from './edit-record';
import { facilityRowId, findServiceArea, requireFacility, requireServiceArea, strip } from './rows';

/** Inserts a service area (with `row` as its rowid when given); returns the rowid. */
export function writeServiceArea(db: Db, datasetId: number, a: ServiceArea, row: number | null): number {
  return Number(db.prepare('INSERT INTO service_areas (id, dataset_id, ext_id, facility_id, geometry, inferred) VALUES (?, ?, ?, ?, ?, ?)')
    .run(row, datasetId, a.id, facilityRowId(db, datasetId, a.facilityId, 'facilityId'), JSON.stringify(a.geometry), a.inferred ? 1 : 0).lastInsertRowid);
}

export function rewriteServiceArea(db: Db, datasetId: number, row: number, a: ServiceArea): void {
  db.prepare('UPDATE service_areas SET facility_id = ?, geometry = ?, inferred = ? WHERE id = ?')
    .run(facilityRowId(db, datasetId, a.facilityId, 'facilityId'), JSON.stringify(a.geometry), a.inferred ? 1 : 0, row);
}

/** Draws a new service area, or replaces the geometry of an existing one (which becomes the user's own). */
export function upsertServiceArea(db: Db, datasetId: number, input: { id?: string; facilityId: string; geometry: ArealGeometry }): { serviceArea: ServiceArea; editId: number | null; created: boolean } {
  return inEdit(db, datasetId, () => {
    check(ArealGeometry, input.geometry, 'geometry');
    requireFacility(db, datasetId, input.facilityId, 'facilityId');
    const existing = input.id !== undefined ? findServiceArea(db, datasetId, input.id) : undefined;
    const id = input.id ?? nextId(db, 'service_areas', datasetId, `area-${input.facilityId}-`);
    const serviceArea = check(ServiceArea, { id, facilityId: input.facilityId, geometry: input.geometry, inferred: false });
    if (existing) {
      if (stringify(serviceArea) === stringify(strip(existing))) return { serviceArea, editId: null, created: false };
      rewriteServiceArea(db, datasetId, existing.$row, serviceArea);
      const editId = record(db, datasetId, 'serviceArea', id, 'update', existing, { ...serviceArea, $row: existing.$row });
      return { serviceArea, editId, created: false };
    }
    const row = writeServiceArea(db, datasetId, serviceArea, null);
    const editId = record(db, datasetId, 'serviceArea', id, 'create', null, { ...serviceArea, $row: row });
    return { serviceArea, editId, created: true };
  });
}

export function deleteServiceArea(db: Db, datasetId: number, id: string): { serviceArea: ServiceArea; editId: number } {
  return inEdit(db, datasetId, () => {
    const before = requireServiceArea(db, datasetId, id);
    const editId = recordDelete(db, datasetId, 'serviceArea', before);
    return { serviceArea: strip(before) as ServiceArea, editId };
  });
}
