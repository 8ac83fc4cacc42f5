/** Editing a dataset's dependencies (consumer needs input from supplier, with backup days). */
import stringify from 'safe-stable-stringify';
import { Dependency } from '../model/dataset';
import { DomainError } from '../model/errors';
import type { Db } from './db';
import { check, inEdit, nextId, record, recordDelete } from './edit-record';
import { facilityRowId, findDependency, requireDependency, requireFacility, strip } from './rows';

/** Inserts a dependency (with `row` as its rowid when given); returns the rowid. */
export function writeDependency(db: Db, datasetId: number, d: Dependency, row: number | null): number {
  const consumer = facilityRowId(db, datasetId, d.consumerId, 'consumerId');
  const supplier = facilityRowId(db, datasetId, d.supplierId, 'supplierId');
  return Number(db.prepare('INSERT INTO dependencies (id, dataset_id, ext_id, consumer_id, supplier_id, input, backup_days, inferred) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row, datasetId, d.id, consumer, supplier, d.input, d.backupDays, d.inferred ? 1 : 0).lastInsertRowid);
}

export function rewriteDependency(db: Db, datasetId: number, row: number, d: Dependency): void {
  db.prepare('UPDATE dependencies SET consumer_id = ?, supplier_id = ?, input = ?, backup_days = ?, inferred = ? WHERE id = ?')
    .run(facilityRowId(db, datasetId, d.consumerId, 'consumerId'), facilityRowId(db, datasetId, d.supplierId, 'supplierId'), d.input, d.backupDays, d.inferred ? 1 : 0, row);
}

export interface DependencyInput {
  id?: string;
  consumerId: string;
  supplierId: string;
  input: Dependency['input'];
  backupDays?: number;
}

export function createDependency(db: Db, datasetId: number, input: DependencyInput): { dependency: Dependency; editId: number } {
  return inEdit(db, datasetId, () => {
    const id = input.id ?? nextId(db, 'dependencies', datasetId, 'dep-');
    const dependency = check(Dependency, { ...input, id, backupDays: input.backupDays ?? 0, inferred: false });
    requireFacility(db, datasetId, dependency.supplierId, 'supplierId');
    requireFacility(db, datasetId, dependency.consumerId, 'consumerId');
    if (findDependency(db, datasetId, id)) throw new DomainError('conflict', `id: dependency ${id} already exists`, 'id');
    const same = db.prepare(`SELECT d.ext_id FROM dependencies d JOIN facilities c ON c.id = d.consumer_id JOIN facilities s ON s.id = d.supplier_id
      WHERE d.dataset_id = ? AND c.ext_id = ? AND s.ext_id = ? AND d.input = ?`).get(datasetId, dependency.consumerId, dependency.supplierId, dependency.input) as { ext_id: string } | undefined;
    if (same) {
      throw new DomainError('conflict', `supplierId: ${dependency.consumerId} already depends on ${dependency.supplierId} for ${dependency.input} (dependency ${same.ext_id})`, 'supplierId');
    }
    const row = writeDependency(db, datasetId, dependency, null);
    const editId = record(db, datasetId, 'dependency', id, 'create', null, { ...dependency, $row: row });
    return { dependency, editId };
  });
}

/** Changes backup days or input of a dependency; an edited inferred dependency becomes the user's own (inferred: false). */
export function updateDependency(db: Db, datasetId: number, id: string, changes: { backupDays?: number; input?: Dependency['input'] }): { dependency: Dependency; editId: number | null } {
  return inEdit(db, datasetId, () => {
    const before = requireDependency(db, datasetId, id);
    const dependency = check(Dependency, { ...strip(before), ...changes, inferred: false, id });
    if (stringify(dependency) === stringify(strip(before))) return { dependency, editId: null };
    rewriteDependency(db, datasetId, before.$row, dependency);
    const editId = record(db, datasetId, 'dependency', id, 'update', before, { ...dependency, $row: before.$row });
    return { dependency, editId };
  });
}

export function deleteDependency(db: Db, datasetId: number, id: string): { dependency: Dependency; editId: number } {
  return inEdit(db, datasetId, () => {
    const before = requireDependency(db, datasetId, id);
    const editId = recordDelete(db, datasetId, 'dependency', before);
    return { dependency: strip(before) as Dependency, editId };
  });
}
