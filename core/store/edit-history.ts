/**
 * The history of a dataset's infrastructure edits, and undo: an undo re-applies an edit's `before`
 * and is recorded itself as an edit (see edit-record.ts for the bookkeeping keys of snapshots).
 */
import stringify from 'safe-stable-stringify';
import type * as z from 'zod';
import { Dependency, Facility, ServiceArea } from '../model/dataset';
import { DomainError } from '../model/errors';
import type { Db } from './db';
import { requireDataset } from './datasets';
import { type EditAction, type EditEntity, type EditRecord, type Meta, TABLE_OF, inEdit, record, recordDelete } from './edit-record';
import { removeFacility, rewriteFacility, writeFacility } from './facilities';
import { rewriteDependency, writeDependency } from './dependencies';
import { rewriteServiceArea, writeServiceArea } from './service-areas';
import {
  type Snapshot, facilityFromRow, facilityRow, findDependency, findServiceArea, freeRow, requireDependency, requireFacility,
  requireServiceArea, strip,
} from './rows';

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

/** What undo needs of each entity kind, so one code path serves all three. */
interface EntityOps<T extends { id: string }> {
  label: string;
  schema: z.ZodType<T>;
  find(db: Db, datasetId: number, id: string): Snapshot<T> | undefined;
  require(db: Db, datasetId: number, id: string): Snapshot<T>;
  write(db: Db, datasetId: number, value: T, row: number | null): number;
  rewrite(db: Db, datasetId: number, row: number, value: T): void;
}

const OPS: { [E in EditEntity]: EntityOps<{ id: string }> } = {
  facility: {
    label: 'facility', schema: Facility,
    find: (db, d, id) => { const r = facilityRow(db, d, id); return r && { ...facilityFromRow(r), $row: r.id }; },
    require: (db, d, id) => requireFacility(db, d, id),
    write: (db, d, v, row) => writeFacility(db, d, v as Facility, row),
    rewrite: (db, _d, row, v) => rewriteFacility(db, row, v as Facility),
  },
  dependency: {
    label: 'dependency', schema: Dependency, find: findDependency, require: requireDependency,
    write: (db, d, v, row) => writeDependency(db, d, v as Dependency, row),
    rewrite: (db, d, row, v) => rewriteDependency(db, d, row, v as Dependency),
  },
  serviceArea: {
    label: 'service area', schema: ServiceArea, find: findServiceArea, require: requireServiceArea,
    write: (db, d, v, row) => writeServiceArea(db, d, v as ServiceArea, row),
    rewrite: (db, d, row, v) => rewriteServiceArea(db, d, row, v as ServiceArea),
  },
};

/** Re-applies one edit's `before`, recorded itself as an edit; returns the id of the undo edit. */
function applyUndo(db: Db, datasetId: number, target: ParsedEdit): number {
  const { row } = target;
  const entity = row.entity as EditEntity;
  const ops = OPS[entity];
  const meta: Meta = { undoOf: row.id };
  const current = ops.find(db, datasetId, row.entity_ext_id);
  if (stringify(current ? strip(current) : null) !== stringify(publicSnapshot(target.after))) {
    throw new DomainError('conflict', `${entity} ${row.entity_ext_id} has changed since edit ${row.id}; undo the later edits first`);
  }
  if (row.action === 'create') {
    if (entity === 'facility') return removeFacility(db, datasetId, row.entity_ext_id, meta).editId;
    return recordDelete(db, datasetId, entity, ops.require(db, datasetId, row.entity_ext_id), meta);
  }
  if (row.action === 'update') {
    const cur = ops.require(db, datasetId, row.entity_ext_id);
    const value = ops.schema.parse(publicSnapshot(target.before));
    ops.rewrite(db, datasetId, cur.$row, value);
    return record(db, datasetId, entity, row.entity_ext_id, 'update', cur, { ...value, $row: cur.$row }, meta);
  }
  // delete: put it back, with the same rowid when that is still free
  const restore = (e: EditEntity, snapshot: Record<string, unknown>, m: Meta): number => {
    const o = OPS[e];
    const value = o.schema.parse(publicSnapshot(snapshot));
    if (o.find(db, datasetId, value.id)) throw new DomainError('conflict', `${o.label} ${value.id} exists again; cannot restore it`);
    const newRow = o.write(db, datasetId, value, freeRow(db, TABLE_OF[e], snapshot.$row as number | undefined));
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
    if (!row) throw new DomainError('not_found', `editId: edit ${editId} does not exist in this dataset`, 'editId');
    const target = parse(row);
    if (target.undoOf !== null) throw new DomainError('invalid_input', `editId: edit ${editId} is itself an undo`, 'editId');
    if (target.cause !== null) throw new DomainError('invalid_input', `editId: edit ${editId} was made with edit ${target.cause}; undo that one`, 'editId');
    if (undoneIds(db, datasetId).has(editId)) throw new DomainError('conflict', `editId: edit ${editId} is already undone`, 'editId');
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
    if (!last) throw new DomainError('not_found', 'there is no edit to undo');
    return undoEdit(db, datasetId, last.id);
  })();
}
