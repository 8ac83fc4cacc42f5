/**
 * What every infrastructure edit shares (issue 5): validation into a DomainError naming the field,
 * the row in `edits` (what, before, after, who, when), and the one transaction that also refreshes
 * the dataset's content hash, so a refused edit leaves every table exactly as it was.
 *
 * Snapshots in `before`/`after` are the model's entities plus bookkeeping keys that start with `$`
 * (never shown by listEdits):
 *   $row     the SQLite rowid the entity had, so a restored entity gets it back and the dataset
 *            (whose order is rowid order) and its content hash are restored exactly;
 *   $undoOf  on an undo: the id of the edit it undid;
 *   $cause   on a dependency or service area removed with its facility: the id of the facility's edit
 *            (undoing that edit restores them too).
 */
import type * as z from 'zod';
import { DomainError } from '../model/errors';
import { type Db, nowIso } from './db';
import { refreshInfrastructureHash, requireDataset } from './datasets';
import { DEFAULT_AUTHOR, getAuthor } from './settings';
import { type Snapshot, deleteRow } from './rows';

export type EditEntity = 'facility' | 'dependency' | 'serviceArea';
export type EditAction = 'create' | 'update' | 'delete';
export const EDIT_ENTITIES = ['facility', 'dependency', 'serviceArea'] as const;

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

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): string {
  const i = issue as Issue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean };
  if (i.code === 'too_small' && i.origin === 'number') return `must be ${i.inclusive ? '>=' : '>'} ${String(i.minimum)}`;
  if (i.code === 'too_big' && i.origin === 'number') return `must be ${i.inclusive ? '<=' : '<'} ${String(i.maximum)}`;
  return issue.message;
}

/** Parses with a model schema; the first problem becomes an invalid_input error naming the field (with `prefix`). */
export function check<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw new DomainError('invalid_input', `${field ? `${field}: ` : ''}${describeIssue(issue)}`, field || undefined);
}

export interface Meta { undoOf?: number; cause?: number }

/** Writes one row of `edits`; returns its id. */
export function record(db: Db, datasetId: number, entity: EditEntity, entityId: string, action: EditAction,
  before: object | null, after: object | null, meta: Meta = {}): number {
  const extra: Record<string, number> = {};
  if (meta.undoOf !== undefined) extra.$undoOf = meta.undoOf;
  if (meta.cause !== undefined) extra.$cause = meta.cause;
  const json = (v: object | null) => (v === null ? null : JSON.stringify({ ...v, ...extra }));
  return Number(db.prepare('INSERT INTO edits (dataset_id, entity, entity_ext_id, action, before, after, author, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(datasetId, entity, entityId, action, json(before), json(after), getAuthor(db) ?? DEFAULT_AUTHOR, nowIso()).lastInsertRowid);
}

/** The table each entity kind is stored in. */
export const TABLE_OF = { facility: 'facilities', dependency: 'dependencies', serviceArea: 'service_areas' } as const;

/** Records the deletion of one entity, then deletes its row; returns the edit's id. */
export function recordDelete(db: Db, datasetId: number, entity: EditEntity, before: Snapshot<{ id: string }>, meta: Meta = {}): number {
  const editId = record(db, datasetId, entity, before.id, 'delete', before, null, meta);
  deleteRow(db, TABLE_OF[entity], before.$row);
  return editId;
}

/** Runs one edit in a transaction that also refreshes the dataset's content hash (reading only the edited tables again). */
export function inEdit<T>(db: Db, datasetId: number, fn: () => T): T {
  return db.transaction(() => {
    requireDataset(db, datasetId);
    const out = fn();
    refreshInfrastructureHash(db, datasetId);
    return out;
  })();
}

/** The first free id `${prefix}${n}` in a table, counting from the number of ids with that prefix. */
export function nextId(db: Db, table: 'facilities' | 'dependencies' | 'service_areas', datasetId: number, prefix: string): string {
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE dataset_id = ? AND substr(ext_id, 1, ?) = ?`).get(datasetId, prefix.length, prefix) as { n: number }).n;
  const taken = db.prepare(`SELECT 1 FROM ${table} WHERE dataset_id = ? AND ext_id = ?`);
  for (let i = n + 1; ; i++) if (!taken.get(datasetId, `${prefix}${i}`)) return `${prefix}${i}`;
}
