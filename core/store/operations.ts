/** Saved operations (a planner's options): the areas, profiles and settings, autosaved as a whole. */
import { Operation } from '../model/operation';
import { type Db, nowIso } from './db';
import { DomainError } from '../model/errors';

export interface SavedOperationRow { id: number; datasetId: number; operation: Operation; createdAt: string; updatedAt: string }

export function saveOperation(db: Db, datasetId: number, operation: Operation, id?: number): number {
  const body = JSON.stringify(Operation.parse(operation));
  const now = nowIso();
  if (id === undefined) {
    return Number(db.prepare('INSERT INTO operations (dataset_id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(datasetId, operation.name, body, now, now).lastInsertRowid);
  }
  const changed = db.prepare('UPDATE operations SET name = ?, body = ?, updated_at = ? WHERE id = ? AND dataset_id = ?')
    .run(operation.name, body, now, id, datasetId).changes;
  if (changed === 0) throw new DomainError('not_found', `no saved operation with id ${id} in dataset ${datasetId} (not found)`);
  return id;
}

export function listOperations(db: Db, datasetId: number): SavedOperationRow[] {
  return (db.prepare('SELECT * FROM operations WHERE dataset_id = ? ORDER BY id').all(datasetId) as Record<string, never>[])
    .map((r) => ({ id: r.id, datasetId: r.dataset_id, operation: JSON.parse(r.body), createdAt: r.created_at, updatedAt: r.updated_at }));
}

export function getOperation(db: Db, id: number): SavedOperationRow | undefined {
  const r = db.prepare('SELECT * FROM operations WHERE id = ?').get(id) as Record<string, never> | undefined;
  return r && { id: r.id, datasetId: r.dataset_id, operation: JSON.parse(r.body), createdAt: r.created_at, updatedAt: r.updated_at };
}

export function deleteOperation(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM operations WHERE id = ?').run(id).changes > 0;
}

/** The id of an operation saved in the dataset with exactly this content, saving it if there is none (scenario import). */
export function findOrAddOperation(db: Db, datasetId: number, operation: { name: string }): number {
  const body = JSON.stringify(operation);
  const same = db.prepare('SELECT id FROM operations WHERE dataset_id = ? AND name = ? AND body = ?').get(datasetId, operation.name, body) as { id: number } | undefined;
  if (same) return same.id;
  const now = nowIso();
  return Number(db.prepare('INSERT INTO operations (dataset_id, name, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(datasetId, operation.name, body, now, now).lastInsertRowid);
}
