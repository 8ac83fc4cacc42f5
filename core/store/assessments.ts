/**
 * Stored assessments: inputs, parameter set, seed, app version, dataset hash and the result, so any
 * figure can be traced and re-run to the same numbers (METHOD.md §8).
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

export function listAssessments(db: Db, filter: { datasetId?: number; operationId?: number } = {}): StoredAssessment[] {
  const rows = db.prepare(`SELECT * FROM assessments WHERE (@d IS NULL OR dataset_id = @d) AND (@o IS NULL OR operation_id = @o) ORDER BY id`)
    .all({ d: filter.datasetId ?? null, o: filter.operationId ?? null }) as Record<string, never>[];
  return rows.map((r) => ({ id: r.id, datasetId: r.dataset_id, operationId: r.operation_id, operation: JSON.parse(r.inputs), result: JSON.parse(r.result), createdAt: r.created_at }));
}
