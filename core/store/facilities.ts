/** Editing a dataset's facilities: create, change (a move is a new geometry), delete with what names them, read one. */
import stringify from 'safe-stable-stringify';
import { Capacity, Facility, PointGeometry, type Dependency, type ServiceArea } from '../model/dataset';
import { DomainError } from '../model/errors';
import type { Db } from './db';
import { requireDataset } from './datasets';
import { type Meta, check, inEdit, nextId, record, recordDelete } from './edit-record';
import {
  FACILITY_COLUMNS, deleteRow, dependenciesOf, facilityRow, facilityValues, requireFacility, serviceAreasOf, strip,
} from './rows';

/** Inserts a facility (with `row` as its rowid when given) and its R*Tree box; returns the rowid. */
export function writeFacility(db: Db, datasetId: number, f: Facility, row: number | null): number {
  const values = facilityValues(f);
  const id = Number(db.prepare(`INSERT INTO facilities (id, dataset_id, ext_id, ${FACILITY_COLUMNS.join(', ')})
    VALUES (?, ?, ?${', ?'.repeat(FACILITY_COLUMNS.length)})`).run(row, datasetId, f.id, ...values).lastInsertRowid);
  writeBox(db, id, f);
  return id;
}

export function rewriteFacility(db: Db, row: number, f: Facility): void {
  db.prepare(`UPDATE facilities SET ${FACILITY_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...facilityValues(f), row);
  writeBox(db, row, f);
}

function writeBox(db: Db, row: number, f: Facility): void {
  const [lon, lat] = f.geometry.coordinates as [number, number];
  db.prepare('INSERT OR REPLACE INTO facilities_rtree (id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)').run(row, lon, lon, lat, lat);
}

export interface FacilityInput {
  id?: string;
  name: string;
  sector: Facility['sector'];
  kind: string;
  construction: Facility['construction'];
  capacity?: Facility['capacity'];
  geometry: PointGeometry;
  source?: string;
}

export function createFacility(db: Db, datasetId: number, input: FacilityInput): { facility: Facility; editId: number } {
  return inEdit(db, datasetId, () => {
    const id = input.id ?? nextId(db, 'facilities', datasetId, 'facility-');
    const facility = check(Facility, { ...input, id, capacity: input.capacity ?? {}, source: input.source ?? 'edited' });
    if (facilityRow(db, datasetId, id)) throw new DomainError('conflict', `id: facility ${id} already exists`, 'id');
    const row = writeFacility(db, datasetId, facility, null);
    const editId = record(db, datasetId, 'facility', id, 'create', null, { ...facility, $row: row });
    return { facility, editId };
  });
}

export type FacilityChanges = Partial<Pick<Facility, 'name' | 'sector' | 'kind' | 'construction' | 'capacity' | 'geometry' | 'source'>>;

/** Changes some fields of a facility (a move is a new geometry); `capacity`, when given, replaces the whole capacity. */
export function updateFacility(db: Db, datasetId: number, id: string, changes: FacilityChanges): { facility: Facility; editId: number | null } {
  return inEdit(db, datasetId, () => {
    const before = requireFacility(db, datasetId, id);
    if (changes.capacity !== undefined) check(Capacity, changes.capacity, 'capacity');
    if (changes.geometry !== undefined) check(PointGeometry, changes.geometry, 'geometry');
    const facility = check(Facility, { ...strip(before), ...changes, id });
    if (stringify(facility) === stringify(strip(before))) return { facility, editId: null };
    rewriteFacility(db, before.$row, facility);
    const editId = record(db, datasetId, 'facility', id, 'update', before, { ...facility, $row: before.$row });
    return { facility, editId };
  });
}

/** Deletes a facility with the dependencies and service areas that name it; each is recorded, so undo restores all. */
export function deleteFacility(db: Db, datasetId: number, id: string): { facility: Facility; dependencies: number; serviceAreas: number; editId: number } {
  return inEdit(db, datasetId, () => removeFacility(db, datasetId, id, {}));
}

/** deleteFacility inside an edit already under way (undo of a create uses it too). */
export function removeFacility(db: Db, datasetId: number, id: string, meta: Meta) {
  const before = requireFacility(db, datasetId, id);
  const editId = record(db, datasetId, 'facility', id, 'delete', before, null, meta);
  const deps = dependenciesOf(db, before.$row);
  const areas = serviceAreasOf(db, before.$row);
  for (const d of deps) recordDelete(db, datasetId, 'dependency', d, { cause: editId });
  for (const a of areas) recordDelete(db, datasetId, 'serviceArea', a, { cause: editId });
  deleteRow(db, 'facilities', before.$row);
  return { facility: strip(before) as Facility, dependencies: deps.length, serviceAreas: areas.length, editId };
}

/** One facility with the dependencies that name it and its service areas. */
export function getFacility(db: Db, datasetId: number, id: string): { facility: Facility; dependencies: Dependency[]; serviceAreas: ServiceArea[] } {
  requireDataset(db, datasetId);
  const f = requireFacility(db, datasetId, id);
  const dependencies = dependenciesOf(db, f.$row).map((d) => strip(d) as Dependency);
  const serviceAreas = serviceAreasOf(db, f.$row).map((a) => strip(a) as ServiceArea);
  return { facility: strip(f) as Facility, dependencies, serviceAreas };
}
