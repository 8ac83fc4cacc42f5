/**
 * Stored assessments: inputs, parameter set, seed, app version, dataset hash and the result, so any
 * figure can be traced and re-run to the same numbers (METHOD.md §8). Only explicit runs are stored
 * (assess.run, assess.start, "run and save" of a saved operation); the live preview never is.
 */
import type { AssessmentResult } from '../model/assessment';
import type { Operation } from '../model/operation';
import { type Db, nowIso } from './db';

export function saveAssessment(db: Db, a: { datasetId: number; operationId?: number; operation: Operation; result: AssessmentResult; parameters?: unknown }): number {
  const p = a.result.provenance;
  return Number(db.prepare(`INSERT INTO assessments (dataset_id, operation_id, inputs, parameter_set, parameters, seed, runs, app_version, dataset_hash, result, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    a.datasetId, a.operationId ?? null, JSON.stringify(a.operation), p.parameterSet, JSON.stringify(a.parameters ?? { hash: p.parameterHash }),
    p.seed, p.runs, p.appVersion, p.datasetHash, JSON.stringify(a.result), nowIso(),
  ).lastInsertRowid);
}

export interface StoredAssessment { id: number; datasetId: number; operationId: number | null; operation: Operation; result: AssessmentResult; createdAt: string }

const stored = (r: Record<string, never>): StoredAssessment =>
  ({ id: r.id, datasetId: r.dataset_id, operationId: r.operation_id, operation: JSON.parse(r.inputs), result: JSON.parse(r.result), createdAt: r.created_at });

export function listAssessments(db: Db, filter: { datasetId?: number; operationId?: number } = {}): StoredAssessment[] {
  const rows = db.prepare(`SELECT * FROM assessments WHERE (@d IS NULL OR dataset_id = @d) AND (@o IS NULL OR operation_id = @o) ORDER BY id`)
    .all({ d: filter.datasetId ?? null, o: filter.operationId ?? null }) as Record<string, never>[];
  return rows.map(stored);
}

/** One assessment by id, or undefined. */
export function getAssessment(db: Db, id: number): StoredAssessment | undefined {
  const r = db.prepare('SELECT * FROM assessments WHERE id = ?').get(id) as Record<string, never> | undefined;
  return r && stored(r);
}

/**
 * The latest assessment matching one key, read with one query (not by loading every stored result):
 * linked to an operation, or in a dataset with exactly these inputs, or with this operation name.
 */
export function latestAssessment(db: Db, by: { operationId: number } | { datasetId: number; inputs: Operation } | { datasetId: number; name: string }): StoredAssessment | undefined {
  const [where, args] = 'operationId' in by ? ['operation_id = ?', [by.operationId]]
    : 'inputs' in by ? ['dataset_id = ? AND inputs = ?', [by.datasetId, JSON.stringify(by.inputs)]]
    : ["dataset_id = ? AND json_extract(inputs, '$.name') = ?", [by.datasetId, by.name]];
  const r = db.prepare(`SELECT * FROM assessments WHERE ${where} ORDER BY id DESC LIMIT 1`).get(...args) as Record<string, never> | undefined;
  return r && stored(r);
}

