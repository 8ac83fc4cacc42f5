import { assess } from '../engine/assess';
import { prepareCity } from '../engine/city';
import { loadDefaultParameters, loadDefaultProfiles } from '../engine/parameters';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, schemaVersion, StoreError, type Db } from './db';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { bundleHash, deleteDataset, listDatasets, loadDataset, saveDataset } from './datasets';
import { listOperations, saveOperation, deleteOperation } from './operations';
import { listAssessments, saveAssessment } from './assessments';
import { generateTrainingCity } from '../synth/training-city';
import type { DatasetBundle } from '../model/dataset';
import { tableHashes } from '../../tests/support/db-hash';

const dirs: string[] = [];
function tempDb(): { path: string; db: Db } {
  const dir = mkdtempSync(join(tmpdir(), 'uia-store-'));
  dirs.push(dir);
  const path = join(dir, 'test.sqlite');
  return { path, db: openStore(path) };
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const square = (x: number, y: number, d = 0.001) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

function smallBundle(name = 'Small'): DatasetBundle {
  return {
    meta: { name, source: 'test', licence: 'CC0', attribution: 'test', crsOrigin: 'EPSG:4326', synthetic: true, defaultBreakdown: { female: 0.5, age0to14: 0.2, age65plus: 0.1, disabled: 0.15 } },
    populationUnits: [
      { id: 'u1', geometry: square(0, 0), residents: 100, breakdown: { female: 0.52, age0to14: 0.3, age65plus: 0.05, disabled: 0.1 } },
      { id: 'u2', geometry: square(0.001, 0), residents: 50.5, breakdown: null },
    ],
    buildings: [{ id: 'b1', geometry: square(0.0002, 0.0002, 0.0001), use: 'residential', construction: 'urm', storeys: 3, residents: 40, workers: 0, unitId: 'u1' }],
    facilities: [
      { id: 's1', name: 'Substation', sector: 'power', kind: 'substation', construction: 'rc', capacity: { mw: 20 }, geometry: { type: 'Point', coordinates: [0.0005, 0.0005] }, source: 'test' },
      { id: 'h1', name: 'Hospital', sector: 'health', kind: 'hospital', construction: 'rc', capacity: { beds: 120 }, geometry: { type: 'Point', coordinates: [0.0015, 0.0005] }, source: 'test' },
    ],
    dependencies: [{ id: 'd1', consumerId: 'h1', supplierId: 's1', input: 'power', backupDays: 3, inferred: false }],
    serviceAreas: [{ id: 'sa1', facilityId: 'h1', geometry: square(0, 0, 0.002), inferred: true }],
    protectedSites: [{ id: 'p1', name: 'Hospital', category: 'hospital', geometry: { type: 'Point', coordinates: [0.0015, 0.0005] }, capacity: 240, facilityId: 'h1' }],
  };
}

describe('store', () => {
  it('migrates an empty file to the current schema, and reopening is a no-op', () => {
    const { path, db } = tempDb();
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['datasets', 'population_units', 'buildings', 'facilities', 'dependencies', 'service_areas', 'protected_sites', 'operations', 'assessments', 'observations', 'population_units_rtree', 'buildings_rtree']) {
      expect(tables).toContain(t);
    }
    db.close();
    const again = openStore(path);
    expect(schemaVersion(again)).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('migration 2 (issue 17) keeps the observations and their R*Tree twins and accepts displacement reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uia-store-')); dirs.push(dir);
    const path = join(dir, 'v1.sqlite');
    const raw = new Database(path);
    raw.exec(MIGRATIONS[0]!); raw.pragma('user_version = 1');
    raw.prepare(`INSERT INTO datasets (id, name, source, licence, attribution, crs_origin, synthetic, default_breakdown, content_hash, created_at)
      VALUES (1, 'Old', 'test', 'CC0', 'test', 'EPSG:4326', 1, '{}', 'h', '2026-01-01')`).run();
    raw.prepare(`INSERT INTO observations (id, dataset_id, kind, product, feature_key, geometry, source, data, created_at)
      VALUES (7, 1, 'footprint', 'cems', 'f1', '{"type":"Point","coordinates":[1,2]}', 'cems', '{"a":1}', '2026-01-01')`).run();
    raw.prepare('INSERT INTO observations_rtree (id, min_x, max_x, min_y, max_y) VALUES (7, 1, 1, 2, 2)').run();
    expect(() => raw.prepare(`INSERT INTO observations (dataset_id, kind, product, feature_key, source, created_at) VALUES (1, 'displacement_report', 'r', 'k', 's', 'now')`).run()).toThrow(/CHECK/);
    raw.close();
    const db = openStore(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id, kind, data FROM observations').all()).toEqual([{ id: 7, kind: 'footprint', data: '{"a":1}' }]);
    db.prepare(`INSERT INTO observations (dataset_id, kind, product, feature_key, source, created_at) VALUES (1, 'displacement_report', 'r', 'k', 's', 'now')`).run();
    db.prepare('DELETE FROM observations WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) AS n FROM observations_rtree').get()).toEqual({ n: 0 }); // the delete trigger is back
    db.close();
  });

  it('refuses a database from a newer app version and leaves it untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uia-store-')); dirs.push(dir);
    const path = join(dir, 'newer.sqlite');
    const raw = new Database(path); raw.pragma(`user_version = ${MIGRATIONS.length + 5}`); raw.close();
    expect(() => openStore(path)).toThrow(/newer than this app supports/);
  });

  it('refuses a file that is not a database with a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uia-store-')); dirs.push(dir);
    const path = join(dir, 'not-a-db.sqlite');
    writeFileSync(path, 'this is not sqlite '.repeat(100));
    expect(() => openStore(path)).toThrow(StoreError);
  });

  it('writes and reads back every dataset table exactly', () => {
    const { db } = tempDb();
    const bundle = smallBundle();
    const id = saveDataset(db, bundle);
    const back = loadDataset(db, id);
    expect(back).toEqual(bundle);
    const [summary] = listDatasets(db);
    expect(summary!.counts).toEqual({ populationUnits: 2, residents: 150.5, buildings: 1, facilities: { water: 0, power: 1, health: 1, sanitation: 0, communications: 0 }, protectedSites: 1 });
    expect(summary!.contentHash).toBe(bundleHash(bundle));
    // R*Tree boxes are 32-bit floats rounded outwards: the bbox is exact to about 1e-7 degrees.
    [0, 0, 0.002, 0.001].forEach((v, i) => expect(summary!.bbox![i]).toBeCloseTo(v, 6));
    // R*Tree: a bounding-box query finds the building.
    const hits = db.prepare('SELECT b.ext_id FROM buildings_rtree r JOIN buildings b ON b.id = r.id WHERE r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?').all(0.00025, 0.00026, 0.00025, 0.00026);
    expect(hits).toEqual([{ ext_id: 'b1' }]);
  });

  it('writes and reads operations, assessments and observations', () => {
    const { db } = tempDb();
    const datasetId = saveDataset(db, smallBundle());
    const operation = { name: 'Option A', areas: [{ id: 'a1', name: 'A', geometry: square(0, 0), profileId: 'medium' }], settings: { timeOfDay: 'day' as const, warningShare: 0.2, horizonDays: 30 } };
    const opId = saveOperation(db, datasetId, operation);
    saveOperation(db, datasetId, { ...operation, name: 'Option A2' }, opId);
    expect(listOperations(db, datasetId).map((o) => o.operation.name)).toEqual(['Option A2']);
    const parameters = loadDefaultParameters();
    const result = assess(prepareCity(smallBundle(), 'h'), operation, {
      profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name, seed: 7, mode: 'expectation', appVersion: '0.1.0', createdAt: 'now',
    });
    saveAssessment(db, { datasetId, operationId: opId, operation, result });
    const [stored] = listAssessments(db, { operationId: opId });
    expect(stored!.result).toEqual(result);
    db.prepare(`INSERT INTO observations (dataset_id, operation_id, kind, product, feature_key, geometry, damage_class, raw_value, source, sensor_date, created_at)
      VALUES (?, ?, 'building_damage', 'P', 'k1', '{"type":"Point","coordinates":[0,0]}', 4, '1', 'UNOSAT', '2015-04-26', 'now')`).run(datasetId, opId);
    expect(db.prepare('SELECT damage_class, raw_value FROM observations').get()).toEqual({ damage_class: 4, raw_value: '1' });
    expect(deleteOperation(db, opId)).toBe(true);
    expect((db.prepare('SELECT operation_id FROM observations').get() as { operation_id: unknown }).operation_id).toBeNull();
    deleteDataset(db, datasetId);
    expect(db.prepare('SELECT COUNT(*) AS n FROM buildings_rtree').get()).toEqual({ n: 0 });
  });

  it('a failed write leaves nothing behind', () => {
    const { db } = tempDb();
    saveDataset(db, smallBundle('Existing'));
    const before = tableHashes(db);
    // Invalid row deep in the bundle: caught by validation before any write.
    const badDependency = smallBundle('New');
    badDependency.dependencies.push({ id: 'd2', consumerId: 'h1', supplierId: 'missing', input: 'power', backupDays: 1, inferred: false });
    expect(() => saveDataset(db, badDependency)).toThrow(/facility missing does not exist/);
    // A constraint that only SQLite sees (duplicate id) fails mid-transaction: rolled back whole.
    const duplicate = smallBundle('New');
    duplicate.buildings.push({ ...duplicate.buildings[0]! });
    expect(() => saveDataset(db, duplicate)).toThrow(/UNIQUE/);
    // Replacing an existing dataset with bad data keeps the old one intact.
    const badReplace = smallBundle('Existing');
    badReplace.buildings.push({ ...badReplace.buildings[0]! });
    expect(() => saveDataset(db, badReplace, { replace: true })).toThrow(/UNIQUE/);
    expect(tableHashes(db)).toEqual(before);
  });

  it('stores the training city and the hash does not depend on the path the data took', () => {
    const { db } = tempDb();
    const city = generateTrainingCity();
    const id = saveDataset(db, city);
    const [summary] = listDatasets(db);
    expect(summary!.synthetic).toBe(true);
    expect(summary!.counts.residents).toBeGreaterThan(140_000);
    expect(summary!.counts.buildings).toBeGreaterThan(9_000);
    expect(Object.values(summary!.counts.facilities).every((n) => n > 0)).toBe(true);
    expect(summary!.contentHash).toBe(bundleHash(generateTrainingCity()));
    expect(bundleHash(loadDataset(db, id))).toBe(summary!.contentHash);
  });
});
