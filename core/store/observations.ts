/**
 * Observed outcomes in the store (METHOD.md §7): imported damage, footprints and reports, one row
 * each in `observations` with its bounding box in `observations_rtree`. Post-op code validates and
 * interprets; this module is the only one that writes or reads these tables.
 */
import { bboxOf } from '../geometry/bbox';
import type { Geometry } from 'geojson';
import type { Db } from './db';
import { nowIso } from './db';

import type { ObservationKindName } from '../model/observation';
export type ObservationKind = ObservationKindName;

/** An observation as stored, damage class 0 (none) .. 4 (destroyed). */
export interface StoredObservation {
  id: number;
  datasetId: number;
  operationId: number | null;
  kind: ObservationKind;
  product: string;
  featureKey: string;
  geometry: Geometry | null;
  damageClass: 0 | 1 | 2 | 3 | 4 | null;
  rawValue: string | null;
  source: string;
  sensorDate: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export type NewObservation = Omit<StoredObservation, 'id' | 'createdAt' | 'damageClass' | 'kind' | 'data'> & {
  kind: ObservationKind; damageClass: number | null; data: object;
};

/** A writer for many observations (statements prepared once); each call returns the new id. */
export function observationWriter(db: Db, createdAt = nowIso()): (o: NewObservation) => number {
  const insert = db.prepare(`INSERT INTO observations (dataset_id, operation_id, kind, product, feature_key, geometry, damage_class, raw_value, source, sensor_date, data, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBox = db.prepare('INSERT INTO observations_rtree (id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)');
  return (o) => {
    const id = Number(insert.run(o.datasetId, o.operationId, o.kind, o.product, o.featureKey, o.geometry ? JSON.stringify(o.geometry) : null,
      o.damageClass, o.rawValue, o.source, o.sensorDate, JSON.stringify(o.data), createdAt).lastInsertRowid);
    if (o.geometry) {
      const [w, s, e, n] = bboxOf(o.geometry);
      insertBox.run(id, w, e, s, n);
    }
    return id;
  };
}

/** Stores one observation in place of the one with the same dataset, product and key (if any); returns its id. */
export function replaceObservation(db: Db, o: NewObservation): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM observations WHERE dataset_id = ? AND product = ? AND feature_key = ?').run(o.datasetId, o.product, o.featureKey);
    return observationWriter(db)(o);
  })();
}

/** Deletes a product's observations (of one kind, or of one operation); returns how many. */
export function deleteObservations(db: Db, where: { datasetId: number; product: string; kind?: ObservationKind; operationId?: number }): number {
  return db.prepare(`DELETE FROM observations WHERE dataset_id = @datasetId AND product = @product
    AND (@kind IS NULL OR kind = @kind) AND (@operationId IS NULL OR operation_id = @operationId)`)
    .run({ datasetId: where.datasetId, product: where.product, kind: where.kind ?? null, operationId: where.operationId ?? null }).changes;
}

export function deleteObservation(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM observations WHERE id = ?').run(id).changes > 0;
}

/** The newest `data.version` stored for a product's observations of one kind, or null. */
export function latestObservationVersion(db: Db, datasetId: number, product: string, kind: ObservationKind): string | null {
  return (db.prepare(`SELECT MAX(json_extract(data, '$.version')) AS v FROM observations WHERE dataset_id = ? AND product = ? AND kind = ?`)
    .get(datasetId, product, kind) as { v: string | null }).v;
}

/** The footprint polygons stored for one version of a product. */
export function storedFootprints(db: Db, datasetId: number, product: string, version: string): Geometry[] {
  return (db.prepare(`SELECT geometry FROM observations WHERE dataset_id = ? AND product = ? AND kind = 'footprint' AND json_extract(data, '$.version') = ?`)
    .all(datasetId, product, version) as { geometry: string }[]).map((r) => JSON.parse(r.geometry) as Geometry);
}

export interface ObservationFilter {
  /** Observations of this operation plus those recorded for the dataset without an operation. */
  operationId?: number;
  kind?: ObservationKind;
  product?: string;
  /** Only those whose bounding box meets [west, south, east, north]. */
  bbox?: [number, number, number, number];
}

export function listStoredObservations(db: Db, datasetId: number, filter: ObservationFilter = {}): StoredObservation[] {
  const where = ['o.dataset_id = ?'];
  const args: unknown[] = [datasetId];
  if (filter.operationId !== undefined) { where.push('(o.operation_id = ? OR o.operation_id IS NULL)'); args.push(filter.operationId); }
  if (filter.kind) { where.push('o.kind = ?'); args.push(filter.kind); }
  if (filter.product) { where.push('o.product = ?'); args.push(filter.product); }
  if (filter.bbox) {
    where.push('o.id IN (SELECT id FROM observations_rtree WHERE max_x >= ? AND min_x <= ? AND max_y >= ? AND min_y <= ?)');
    args.push(filter.bbox[0], filter.bbox[2], filter.bbox[1], filter.bbox[3]);
  }
  return (db.prepare(`SELECT * FROM observations o WHERE ${where.join(' AND ')} ORDER BY o.id`).all(...args) as Record<string, never>[]).map((r) => ({
    id: r.id, datasetId: r.dataset_id, operationId: r.operation_id, kind: r.kind, product: r.product, featureKey: r.feature_key,
    geometry: r.geometry === null ? null : JSON.parse(r.geometry), damageClass: r.damage_class, rawValue: r.raw_value, source: r.source,
    sensorDate: r.sensor_date, data: JSON.parse(r.data), createdAt: r.created_at,
  }));
}

/** Which operations of a dataset have observations of their own, and whether any are recorded for the dataset as a whole. */
export function observedOperations(db: Db, datasetId: number): { operationIds: Set<number>; shared: boolean } {
  const ids = db.prepare('SELECT DISTINCT operation_id AS id FROM observations WHERE dataset_id = ? AND operation_id IS NOT NULL').all(datasetId) as { id: number }[];
  const shared = (db.prepare('SELECT COUNT(*) AS n FROM observations WHERE dataset_id = ? AND operation_id IS NULL').get(datasetId) as { n: number }).n > 0;
  return { operationIds: new Set(ids.map((r) => r.id)), shared };
}
