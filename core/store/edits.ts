/**
 * Editing a stored dataset's infrastructure (issue 5): facilities, dependencies and service areas.
 *
 * Every edit is validated with the model's zod schemas before anything is written, then the change,
 * its row in `edits` (what, before, after, who, when) and the dataset's refreshed content hash are
 * written in ONE transaction: a refused edit leaves every table exactly as it was.
 *
 * Undo re-applies an edit's `before` and is recorded itself as an edit. Snapshots in `before`/`after`
 * are the model's entities plus bookkeeping keys that start with `$` (never shown by listEdits):
 *   $row     the SQLite rowid the entity had, so a restored entity gets it back and the dataset
 *            (whose order is rowid order) and its content hash are restored exactly;
 *   $undoOf  on an undo: the id of the edit it undid;
 *   $cause   on a dependency or service area removed with its facility: the id of the facility's edit
 *            (undoing that edit restores them too).
 */
import stringify from 'safe-stable-stringify';
import type { z } from 'zod';
import {
  ArealGeometry, Capacity, Dependency, Facility, PointGeometry, ServiceArea,
  type ArealGeometry as ArealGeometryT, type Dependency as DependencyT, type Facility as FacilityT,
  type ServiceArea as ServiceAreaT,
} from '../model/dataset';
import { type Db, nowIso } from './db';
import { DomainError } from '../model/errors';
import { refreshContentHash, requireDataset } from './datasets';

export type EditEntity = 'facility' | 'dependency' | 'serviceArea';
export type EditAction = 'create' | 'update' | 'delete';
export const EDIT_ENTITIES = ['facility', 'dependency', 'serviceArea'] as const;

export type EditErrorCode = 'invalid_input' | 'not_found' | 'conflict';

/** A refused edit: the reason, and the field at fault when there is one. */
export class EditError extends DomainError {
  override name = 'EditError';
  constructor(message: string, code: EditErrorCode = 'invalid_input', field?: string) {
    super(code, message, field);
  }
}

export interface EditRecord {
  id: number;
  datasetId: number;
  entity: EditEntity;
  entityId: string;
  action: EditAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  author: string;
  at: string;
  /** This edit undid edit `undoOf`. */
  undoOf: number | null;
  /** This edit was made as part of edit `causedBy` (a dependency removed with its facility). */
  causedBy: number | null;
  /** A later edit undid this one. */
  undone: boolean;
}

// ---------- author (settings) ----------

export const DEFAULT_AUTHOR = 'unknown';

export function getAuthor(db: Db): string | null {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'author'").get() as { value: string } | undefined;
  return row ? row.value : null;
}

export function setAuthor(db: Db, author: string): string {
  const name = author.trim();
  if (name === '') throw new EditError('author: must not be empty', 'invalid_input', 'author');
  if (name.length > 200) throw new EditError('author: must be at most 200 characters', 'invalid_input', 'author');
  db.prepare("INSERT INTO settings (key, value) VALUES ('author', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(name);
  return name;
}

// ---------- validation ----------

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): string {
  const i = issue as Issue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean };
  if (i.code === 'too_small' && i.origin === 'number') return `must be ${i.inclusive ? '>=' : '>'} ${String(i.minimum)}`;
  if (i.code === 'too_big' && i.origin === 'number') return `must be ${i.inclusive ? '<=' : '<'} ${String(i.maximum)}`;
  return issue.message;
}

/** Parses with a model schema; the first problem becomes an EditError naming the field (with `prefix`). */
function check<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw new EditError(`${field ? `${field}: ` : ''}${describeIssue(issue)}`, 'invalid_input', field || undefined);
}

// ---------- rows <-> model ----------

interface FacilityRow {
  id: number; ext_id: string; name: string; sector: string; kind: string; construction: string;
  beds: number | null; people_served: number | null; mw: number | null; lon: number; lat: number; source: string;
}
interface DependencyRow { id: number; ext_id: string; consumer_id: number; supplier_id: number; input: string; backup_days: number; inferred: number }
interface AreaRow { id: number; ext_id: string; facility_id: number; geometry: string; inferred: number }

function facilityFromRow(r: FacilityRow): FacilityT {
  const capacity: FacilityT['capacity'] = {};
  if (r.beds !== null) capacity.beds = r.beds;
  if (r.people_served !== null) capacity.peopleServed = r.people_served;
  if (r.mw !== null) capacity.mw = r.mw;
  return {
    id: r.ext_id, name: r.name, sector: r.sector as FacilityT['sector'], kind: r.kind, construction: r.construction as FacilityT['construction'],
    capacity, geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, source: r.source,
  };
}

type Snapshot<T> = T & { $row: number };

function facilityRow(db: Db, datasetId: number, extId: string): FacilityRow | undefined {
  return db.prepare('SELECT * FROM facilities WHERE dataset_id = ? AND ext_id = ?').get(datasetId, extId) as FacilityRow | undefined;
}
function facilityExtId(db: Db, rowId: number): string {
  return (db.prepare('SELECT ext_id FROM facilities WHERE id = ?').get(rowId) as { ext_id: string }).ext_id;
}
function facilityRowId(db: Db, datasetId: number, extId: string, field: string): number {
  const row = db.prepare('SELECT id FROM facilities WHERE dataset_id = ? AND ext_id = ?').get(datasetId, extId) as { id: number } | undefined;
  if (!row) throw new EditError(`${field}: facility ${extId} does not exist`, 'not_found', field);
  return row.id;
}

function dependencyFromRow(db: Db, r: DependencyRow): DependencyT {
  return {
    id: r.ext_id, consumerId: facilityExtId(db, r.consumer_id), supplierId: facilityExtId(db, r.supplier_id),
    input: r.input as DependencyT['input'], backupDays: r.backup_days, inferred: r.inferred === 1,
  };
}
function areaFromRow(db: Db, r: AreaRow): ServiceAreaT {
  return { id: r.ext_id, facilityId: facilityExtId(db, r.facility_id), geometry: JSON.parse(r.geometry) as ArealGeometryT, inferred: r.inferred === 1 };
}

function requireFacility(db: Db, datasetId: number, id: string, field = 'id'): Snapshot<FacilityT> {
  const r = facilityRow(db, datasetId, id);
  if (!r) throw new EditError(`${field}: facility ${id} does not exist`, 'not_found', field);
  return { ...facilityFromRow(r), $row: r.id };
}
function findDependency(db: Db, datasetId: number, id: string): Snapshot<DependencyT> | undefined {
  const r = db.prepare('SELECT * FROM dependencies WHERE dataset_id = ? AND ext_id = ?').get(datasetId, id) as DependencyRow | undefined;
  return r ? { ...dependencyFromRow(db, r), $row: r.id } : undefined;
}
function requireDependency(db: Db, datasetId: number, id: string): Snapshot<DependencyT> {
  const d = findDependency(db, datasetId, id);
  if (!d) throw new EditError(`id: dependency ${id} does not exist`, 'not_found', 'id');
  return d;
}
function findArea(db: Db, datasetId: number, id: string): Snapshot<ServiceAreaT> | undefined {
  const r = db.prepare('SELECT * FROM service_areas WHERE dataset_id = ? AND ext_id = ?').get(datasetId, id) as AreaRow | undefined;
  return r ? { ...areaFromRow(db, r), $row: r.id } : undefined;
}
function requireArea(db: Db, datasetId: number, id: string): Snapshot<ServiceAreaT> {
  const a = findArea(db, datasetId, id);
  if (!a) throw new EditError(`id: service area ${id} does not exist`, 'not_found', 'id');
  return a;
}

/** The rowid to re-insert with: the original one if it is still free, else a new one. */
function freeRow(db: Db, table: string, row: number | undefined): number | null {
  if (row === undefined) return null;
  return db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(row) ? null : row;
}

function writeFacility(db: Db, datasetId: number, f: FacilityT, row: number | null): number {
  const [lon, lat] = f.geometry.coordinates as [number, number];
  const values = [f.name, f.sector, f.kind, f.construction, f.capacity.beds ?? null, f.capacity.peopleServed ?? null, f.capacity.mw ?? null, lon, lat, f.source];
  const id = Number(db.prepare(`INSERT INTO facilities (id, dataset_id, ext_id, name, sector, kind, construction, beds, people_served, mw, lon, lat, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(row, datasetId, f.id, ...values).lastInsertRowid);
  db.prepare('INSERT OR REPLACE INTO facilities_rtree (id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)').run(id, lon, lon, lat, lat);
  return id;
}
function rewriteFacility(db: Db, row: number, f: FacilityT): void {
  const [lon, lat] = f.geometry.coordinates as [number, number];
  db.prepare(`UPDATE facilities SET name = ?, sector = ?, kind = ?, construction = ?, beds = ?, people_served = ?, mw = ?, lon = ?, lat = ?, source = ? WHERE id = ?`)
    .run(f.name, f.sector, f.kind, f.construction, f.capacity.beds ?? null, f.capacity.peopleServed ?? null, f.capacity.mw ?? null, lon, lat, f.source, row);
  db.prepare('INSERT OR REPLACE INTO facilities_rtree (id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)').run(row, lon, lon, lat, lat);
}
function writeDependency(db: Db, datasetId: number, d: DependencyT, row: number | null): number {
  const consumer = facilityRowId(db, datasetId, d.consumerId, 'consumerId');
  const supplier = facilityRowId(db, datasetId, d.supplierId, 'supplierId');
  return Number(db.prepare(`INSERT INTO dependencies (id, dataset_id, ext_id, consumer_id, supplier_id, input, backup_days, inferred) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(row, datasetId, d.id, consumer, supplier, d.input, d.backupDays, d.inferred ? 1 : 0).lastInsertRowid);
}
function rewriteDependency(db: Db, datasetId: number, row: number, d: DependencyT): void {
  db.prepare('UPDATE dependencies SET consumer_id = ?, supplier_id = ?, input = ?, backup_days = ?, inferred = ? WHERE id = ?')
    .run(facilityRowId(db, datasetId, d.consumerId, 'consumerId'), facilityRowId(db, datasetId, d.supplierId, 'supplierId'), d.input, d.backupDays, d.inferred ? 1 : 0, row);
}
function writeArea(db: Db, datasetId: number, a: ServiceAreaT, row: number | null): number {
  return Number(db.prepare('INSERT INTO service_areas (id, dataset_id, ext_id, facility_id, geometry, inferred) VALUES (?, ?, ?, ?, ?, ?)')
    .run(row, datasetId, a.id, facilityRowId(db, datasetId, a.facilityId, 'facilityId'), JSON.stringify(a.geometry), a.inferred ? 1 : 0).lastInsertRowid);
}
function rewriteArea(db: Db, datasetId: number, row: number, a: ServiceAreaT): void {
  db.prepare('UPDATE service_areas SET facility_id = ?, geometry = ?, inferred = ? WHERE id = ?')
    .run(facilityRowId(db, datasetId, a.facilityId, 'facilityId'), JSON.stringify(a.geometry), a.inferred ? 1 : 0, row);
}

// ---------- recording ----------

interface Meta { undoOf?: number; cause?: number }

function record(db: Db, datasetId: number, entity: EditEntity, entityId: string, action: EditAction,
  before: object | null, after: object | null, meta: Meta = {}): number {
  const extra: Record<string, number> = {};
  if (meta.undoOf !== undefined) extra.$undoOf = meta.undoOf;
  if (meta.cause !== undefined) extra.$cause = meta.cause;
  const json = (v: object | null) => (v === null ? null : JSON.stringify({ ...v, ...extra }));
  return Number(db.prepare('INSERT INTO edits (dataset_id, entity, entity_ext_id, action, before, after, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(datasetId, entity, entityId, action, json(before), json(after), getAuthor(db) ?? DEFAULT_AUTHOR, nowIso()).lastInsertRowid);
}

/** Runs one edit in a transaction that also refreshes the dataset's content hash. */
function inEdit<T>(db: Db, datasetId: number, fn: () => T): T {
  return db.transaction(() => {
    requireDataset(db, datasetId);
    const out = fn();
    refreshContentHash(db, datasetId);
    return out;
  })();
}

function nextId(db: Db, table: string, datasetId: number, prefix: string): string {
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE dataset_id = ? AND substr(ext_id, 1, ?) = ?`).get(datasetId, prefix.length, prefix) as { n: number }).n;
  const taken = db.prepare(`SELECT 1 FROM ${table} WHERE dataset_id = ? AND ext_id = ?`);
  for (let i = n + 1; ; i++) if (!taken.get(datasetId, `${prefix}${i}`)) return `${prefix}${i}`;
}

const strip = <T extends object>(v: T): Omit<T, '$row'> => { const { $row: _r, ...rest } = v as T & { $row?: number }; return rest; };

// ---------- facilities ----------

export interface FacilityInput {
  id?: string;
  name: string;
  sector: FacilityT['sector'];
  kind: string;
  construction: FacilityT['construction'];
  capacity?: FacilityT['capacity'];
  geometry: PointGeometry;
  source?: string;
}

export function createFacility(db: Db, datasetId: number, input: FacilityInput): { facility: FacilityT; editId: number } {
  return inEdit(db, datasetId, () => {
    const id = input.id ?? nextId(db, 'facilities', datasetId, 'facility-');
    const facility = check(Facility, { ...input, id, capacity: input.capacity ?? {}, source: input.source ?? 'edited' });
    if (facilityRow(db, datasetId, id)) throw new EditError(`id: facility ${id} already exists`, 'conflict', 'id');
    const row = writeFacility(db, datasetId, facility, null);
    const editId = record(db, datasetId, 'facility', id, 'create', null, { ...facility, $row: row });
    return { facility, editId };
  });
}

export type FacilityChanges = Partial<Pick<FacilityT, 'name' | 'sector' | 'kind' | 'construction' | 'capacity' | 'geometry' | 'source'>>;

/** Changes some fields of a facility (a move is a new geometry); `capacity`, when given, replaces the whole capacity. */
export function updateFacility(db: Db, datasetId: number, id: string, changes: FacilityChanges): { facility: FacilityT; editId: number | null } {
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
export function deleteFacility(db: Db, datasetId: number, id: string): { facility: FacilityT; dependencies: number; serviceAreas: number; editId: number } {
  return inEdit(db, datasetId, () => removeFacility(db, datasetId, id, {}));
}

function removeFacility(db: Db, datasetId: number, id: string, meta: Meta) {
  const before = requireFacility(db, datasetId, id);
  const editId = record(db, datasetId, 'facility', id, 'delete', before, null, meta);
  const deps = (db.prepare('SELECT * FROM dependencies WHERE consumer_id = ? OR supplier_id = ? ORDER BY id').all(before.$row, before.$row) as DependencyRow[])
    .map((r) => ({ ...dependencyFromRow(db, r), $row: r.id }));
  const areas = (db.prepare('SELECT * FROM service_areas WHERE facility_id = ? ORDER BY id').all(before.$row) as AreaRow[])
    .map((r) => ({ ...areaFromRow(db, r), $row: r.id }));
  for (const d of deps) {
    record(db, datasetId, 'dependency', d.id, 'delete', d, null, { cause: editId });
    db.prepare('DELETE FROM dependencies WHERE id = ?').run(d.$row);
  }
  for (const a of areas) {
    record(db, datasetId, 'serviceArea', a.id, 'delete', a, null, { cause: editId });
    db.prepare('DELETE FROM service_areas WHERE id = ?').run(a.$row);
  }
  db.prepare('DELETE FROM facilities WHERE id = ?').run(before.$row);
  return { facility: strip(before) as FacilityT, dependencies: deps.length, serviceAreas: areas.length, editId };
}

/** One facility with the dependencies that name it and its service areas. */
export function getFacility(db: Db, datasetId: number, id: string): { facility: FacilityT; dependencies: DependencyT[]; serviceAreas: ServiceAreaT[] } {
  requireDataset(db, datasetId);
  const f = requireFacility(db, datasetId, id);
  const dependencies = (db.prepare('SELECT * FROM dependencies WHERE consumer_id = ? OR supplier_id = ? ORDER BY id').all(f.$row, f.$row) as DependencyRow[])
    .map((r) => dependencyFromRow(db, r));
  const serviceAreas = (db.prepare('SELECT * FROM service_areas WHERE facility_id = ? ORDER BY id').all(f.$row) as AreaRow[]).map((r) => areaFromRow(db, r));
  return { facility: strip(f) as FacilityT, dependencies, serviceAreas };
}

// ---------- dependencies ----------

export interface DependencyInput {
  id?: string;
  consumerId: string;
  supplierId: string;
  input: DependencyT['input'];
  backupDays?: number;
}

export function createDependency(db: Db, datasetId: number, input: DependencyInput): { dependency: DependencyT; editId: number } {
  return inEdit(db, datasetId, () => {
    const id = input.id ?? nextId(db, 'dependencies', datasetId, 'dep-');
    const dependency = check(Dependency, { ...input, id, backupDays: input.backupDays ?? 0, inferred: false });
    requireFacility(db, datasetId, dependency.supplierId, 'supplierId');
    requireFacility(db, datasetId, dependency.consumerId, 'consumerId');
    if (findDependency(db, datasetId, id)) throw new EditError(`id: dependency ${id} already exists`, 'conflict', 'id');
    const same = db.prepare(`SELECT d.ext_id FROM dependencies d JOIN facilities c ON c.id = d.consumer_id JOIN facilities s ON s.id = d.supplier_id
      WHERE d.dataset_id = ? AND c.ext_id = ? AND s.ext_id = ? AND d.input = ?`).get(datasetId, dependency.consumerId, dependency.supplierId, dependency.input) as { ext_id: string } | undefined;
    if (same) throw new EditError(`supplierId: ${dependency.consumerId} already depends on ${dependency.supplierId} for ${dependency.input} (dependency ${same.ext_id})`, 'conflict', 'supplierId');
    const row = writeDependency(db, datasetId, dependency, null);
    const editId = record(db, datasetId, 'dependency', id, 'create', null, { ...dependency, $row: row });
    return { dependency, editId };
  });
}

/** Changes backup days or input of a dependency; an edited inferred dependency becomes the user's own (inferred: false). */
export function updateDependency(db: Db, datasetId: number, id: string, changes: { backupDays?: number; input?: DependencyT['input'] }): { dependency: DependencyT; editId: number | null } {
  return inEdit(db, datasetId, () => {
    const before = requireDependency(db, datasetId, id);
    const dependency = check(Dependency, { ...strip(before), ...changes, inferred: false, id });
    if (stringify(dependency) === stringify(strip(before))) return { dependency, editId: null };
    rewriteDependency(db, datasetId, before.$row, dependency);
    const editId = record(db, datasetId, 'dependency', id, 'update', before, { ...dependency, $row: before.$row });
    return { dependency, editId };
  });
}

export function deleteDependency(db: Db, datasetId: number, id: string): { dependency: DependencyT; editId: number } {
  return inEdit(db, datasetId, () => {
    const before = requireDependency(db, datasetId, id);
    const editId = record(db, datasetId, 'dependency', id, 'delete', before, null);
    db.prepare('DELETE FROM dependencies WHERE id = ?').run(before.$row);
    return { dependency: strip(before) as DependencyT, editId };
  });
}

// ---------- service areas ----------

/** Draws a new service area, or replaces the geometry of an existing one (which becomes the user's own). */
export function upsertServiceArea(db: Db, datasetId: number, input: { id?: string; facilityId: string; geometry: ArealGeometryT }): { serviceArea: ServiceAreaT; editId: number | null; created: boolean } {
  return inEdit(db, datasetId, () => {
    check(ArealGeometry, input.geometry, 'geometry');
    requireFacility(db, datasetId, input.facilityId, 'facilityId');
    const existing = input.id !== undefined ? findArea(db, datasetId, input.id) : undefined;
    const id = input.id ?? nextId(db, 'service_areas', datasetId, `area-${input.facilityId}-`);
    const serviceArea = check(ServiceArea, { id, facilityId: input.facilityId, geometry: input.geometry, inferred: false });
    if (existing) {
      if (stringify(serviceArea) === stringify(strip(existing))) return { serviceArea, editId: null, created: false };
      rewriteArea(db, datasetId, existing.$row, serviceArea);
      const editId = record(db, datasetId, 'serviceArea', id, 'update', existing, { ...serviceArea, $row: existing.$row });
      return { serviceArea, editId, created: false };
    }
    const row = writeArea(db, datasetId, serviceArea, null);
    const editId = record(db, datasetId, 'serviceArea', id, 'create', null, { ...serviceArea, $row: row });
    return { serviceArea, editId, created: true };
  });
}

export function deleteServiceArea(db: Db, datasetId: number, id: string): { serviceArea: ServiceAreaT; editId: number } {
  return inEdit(db, datasetId, () => {
    const before = requireArea(db, datasetId, id);
    const editId = record(db, datasetId, 'serviceArea', id, 'delete', before, null);
    db.prepare('DELETE FROM service_areas WHERE id = ?').run(before.$row);
    return { serviceArea: strip(before) as ServiceAreaT, editId };
  });
}

// ---------- history ----------

interface EditRow { id: number; dataset_id: number; entity: string; entity_ext_id: string; action: string; before: string | null; after: string | null; author: string; at: string }

interface ParsedEdit { row: EditRow; before: Record<string, unknown> | null; after: Record<string, unknown> | null; undoOf: number | null; cause: number | null }

function parse(row: EditRow): ParsedEdit {
  const before = row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>);
  const after = row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>);
  const meta = { ...before, ...after } as { $undoOf?: number; $cause?: number };
  return { row, before, after, undoOf: meta.$undoOf ?? null, cause: meta.$cause ?? null };
}

const publicSnapshot = (v: Record<string, unknown> | null) => (v === null ? null : Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('$'))));

function undoneIds(db: Db, datasetId: number): Set<number> {
  const ids = (db.prepare(`SELECT COALESCE(json_extract(after, '$."$undoOf"'), json_extract(before, '$."$undoOf"')) AS u FROM edits
    WHERE dataset_id = ? AND (json_extract(after, '$."$undoOf"') IS NOT NULL OR json_extract(before, '$."$undoOf"') IS NOT NULL)`).all(datasetId) as { u: number }[]);
  return new Set(ids.map((r) => r.u));
}

function toRecord(p: ParsedEdit, undone: Set<number>): EditRecord {
  return {
    id: p.row.id, datasetId: p.row.dataset_id, entity: p.row.entity as EditEntity, entityId: p.row.entity_ext_id, action: p.row.action as EditAction,
    before: publicSnapshot(p.before), after: publicSnapshot(p.after), author: p.row.author, at: p.row.at,
    undoOf: p.undoOf, causedBy: p.cause, undone: undone.has(p.row.id),
  };
}

export interface EditFilter {
  entity?: EditEntity;
  entityId?: string;
  /** Everything about one facility: its own edits and those of the dependencies and service areas that name it. */
  facilityId?: string;
  limit?: number;
}

/** Edits of a dataset, newest first. */
export function listEdits(db: Db, datasetId: number, filter: EditFilter = {}): EditRecord[] {
  requireDataset(db, datasetId);
  const where = ['dataset_id = @datasetId'];
  if (filter.entity !== undefined) where.push('entity = @entity');
  if (filter.entityId !== undefined) where.push('entity_ext_id = @entityId');
  if (filter.facilityId !== undefined) {
    const field = (name: string) => `json_extract(before, '$.${name}') = @facilityId OR json_extract(after, '$.${name}') = @facilityId`;
    where.push(`((entity = 'facility' AND entity_ext_id = @facilityId)
      OR (entity = 'dependency' AND (${field('consumerId')} OR ${field('supplierId')}))
      OR (entity = 'serviceArea' AND (${field('facilityId')})))`);
  }
  const rows = db.prepare(`SELECT * FROM edits WHERE ${where.join(' AND ')} ORDER BY id DESC${filter.limit ? ' LIMIT @limit' : ''}`)
    .all({ datasetId, entity: filter.entity, entityId: filter.entityId, facilityId: filter.facilityId, limit: filter.limit }) as EditRow[];
  const undone = undoneIds(db, datasetId);
  return rows.map((r) => toRecord(parse(r), undone));
}

// ---------- undo ----------

function currentSnapshot(db: Db, datasetId: number, entity: EditEntity, id: string): object | null {
  if (entity === 'facility') { const r = facilityRow(db, datasetId, id); return r ? facilityFromRow(r) : null; }
  if (entity === 'dependency') { const d = findDependency(db, datasetId, id); return d ? strip(d) : null; }
  const a = findArea(db, datasetId, id); return a ? strip(a) : null;
}

function entityOf<T>(schema: z.ZodType<T>, snapshot: Record<string, unknown>): { value: T; row: number | undefined } {
  const value = schema.parse(publicSnapshot(snapshot));
  return { value, row: snapshot.$row as number | undefined };
}

/** Re-applies one edit's `before`, recorded itself as an edit; returns the id of the undo edit. */
function applyUndo(db: Db, datasetId: number, target: ParsedEdit): number {
  const { row } = target;
  const entity = row.entity as EditEntity;
  const meta: Meta = { undoOf: row.id };
  const now = currentSnapshot(db, datasetId, entity, row.entity_ext_id);
  const expected = publicSnapshot(target.after);
  if (stringify(now) !== stringify(expected)) {
    throw new EditError(`${entity} ${row.entity_ext_id} has changed since edit ${row.id}; undo the later edits first`, 'conflict');
  }
  if (row.action === 'create') {
    if (entity === 'facility') return removeFacility(db, datasetId, row.entity_ext_id, meta).editId;
    const current = entity === 'dependency' ? requireDependency(db, datasetId, row.entity_ext_id) : requireArea(db, datasetId, row.entity_ext_id);
    const editId = record(db, datasetId, entity, row.entity_ext_id, 'delete', current, null, meta);
    db.prepare(`DELETE FROM ${entity === 'dependency' ? 'dependencies' : 'service_areas'} WHERE id = ?`).run(current.$row);
    return editId;
  }
  if (row.action === 'update') {
    const before = target.before!;
    if (entity === 'facility') {
      const cur = requireFacility(db, datasetId, row.entity_ext_id);
      const { value } = entityOf(Facility, before);
      rewriteFacility(db, cur.$row, value);
      return record(db, datasetId, entity, row.entity_ext_id, 'update', cur, { ...value, $row: cur.$row }, meta);
    }
    if (entity === 'dependency') {
      const cur = requireDependency(db, datasetId, row.entity_ext_id);
      const { value } = entityOf(Dependency, before);
      rewriteDependency(db, datasetId, cur.$row, value);
      return record(db, datasetId, entity, row.entity_ext_id, 'update', cur, { ...value, $row: cur.$row }, meta);
    }
    const cur = requireArea(db, datasetId, row.entity_ext_id);
    const { value } = entityOf(ServiceArea, before);
    rewriteArea(db, datasetId, cur.$row, value);
    return record(db, datasetId, entity, row.entity_ext_id, 'update', cur, { ...value, $row: cur.$row }, meta);
  }
  // delete: put it back, with the same rowid when that is still free
  const restore = (e: EditEntity, snapshot: Record<string, unknown>, m: Meta): number => {
    if (e === 'facility') {
      const { value, row: r } = entityOf(Facility, snapshot);
      if (facilityRow(db, datasetId, value.id)) throw new EditError(`facility ${value.id} exists again; cannot restore it`, 'conflict');
      const newRow = writeFacility(db, datasetId, value, freeRow(db, 'facilities', r));
      return record(db, datasetId, e, value.id, 'create', null, { ...value, $row: newRow }, m);
    }
    if (e === 'dependency') {
      const { value, row: r } = entityOf(Dependency, snapshot);
      if (findDependency(db, datasetId, value.id)) throw new EditError(`dependency ${value.id} exists again; cannot restore it`, 'conflict');
      const newRow = writeDependency(db, datasetId, value, freeRow(db, 'dependencies', r));
      return record(db, datasetId, e, value.id, 'create', null, { ...value, $row: newRow }, m);
    }
    const { value, row: r } = entityOf(ServiceArea, snapshot);
    if (findArea(db, datasetId, value.id)) throw new EditError(`service area ${value.id} exists again; cannot restore it`, 'conflict');
    const newRow = writeArea(db, datasetId, value, freeRow(db, 'service_areas', r));
    return record(db, datasetId, e, value.id, 'create', null, { ...value, $row: newRow }, m);
  };
  const editId = restore(entity, target.before!, meta);
  if (entity === 'facility') {
    const children = (db.prepare(`SELECT * FROM edits WHERE dataset_id = ? AND json_extract(before, '$."$cause"') = ? ORDER BY id`).all(datasetId, row.id) as EditRow[]).map(parse);
    for (const c of children) restore(c.row.entity as EditEntity, c.before!, { undoOf: c.row.id, cause: editId });
  }
  return editId;
}

/** Undoes one edit (it must not be an undo, part of another edit, or already undone, and its entity must not have changed since). */
export function undoEdit(db: Db, datasetId: number, editId: number): { undone: EditRecord; edit: EditRecord } {
  return inEdit(db, datasetId, () => {
    const row = db.prepare('SELECT * FROM edits WHERE id = ? AND dataset_id = ?').get(editId, datasetId) as EditRow | undefined;
    if (!row) throw new EditError(`editId: edit ${editId} does not exist in this dataset`, 'not_found', 'editId');
    const target = parse(row);
    if (target.undoOf !== null) throw new EditError(`editId: edit ${editId} is itself an undo`, 'invalid_input', 'editId');
    if (target.cause !== null) throw new EditError(`editId: edit ${editId} was made with edit ${target.cause}; undo that one`, 'invalid_input', 'editId');
    if (undoneIds(db, datasetId).has(editId)) throw new EditError(`editId: edit ${editId} is already undone`, 'conflict', 'editId');
    const id = applyUndo(db, datasetId, target);
    const undone = undoneIds(db, datasetId);
    const edit = toRecord(parse(db.prepare('SELECT * FROM edits WHERE id = ?').get(id) as EditRow), undone);
    return { undone: toRecord(target, undone), edit };
  });
}

/** The edit the next undo would revert: the newest that is not an undo, not part of another edit, and not undone. */
export function lastUndoableEdit(db: Db, datasetId: number): EditRecord | null {
  const undone = undoneIds(db, datasetId);
  for (const row of db.prepare('SELECT * FROM edits WHERE dataset_id = ? ORDER BY id DESC').iterate(datasetId) as Iterable<EditRow>) {
    const p = parse(row);
    if (p.undoOf === null && p.cause === null && !undone.has(row.id)) return toRecord(p, undone);
  }
  return null;
}

export function undoLastEdit(db: Db, datasetId: number): { undone: EditRecord; edit: EditRecord } {
  // One transaction from choosing the edit to recording its undo (undoEdit's own nests as a savepoint).
  return db.transaction(() => {
    requireDataset(db, datasetId);
    const last = lastUndoableEdit(db, datasetId);
    if (!last) throw new EditError('there is no edit to undo', 'not_found');
    return undoEdit(db, datasetId, last.id);
  })();
}
