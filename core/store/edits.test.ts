import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from './db';
import { loadDataset, requireDataset, saveDataset } from './datasets';
import { createFacility, deleteFacility, getFacility, updateFacility } from './facilities';
import { createDependency, deleteDependency, updateDependency } from './dependencies';
import { deleteServiceArea, upsertServiceArea } from './service-areas';
import { lastUndoableEdit, listEdits, undoEdit, undoLastEdit } from './edit-history';
import { getAuthor, setAuthor } from './settings';
import { DomainError } from '../model/errors';
import { generateTrainingCity } from '../synth/training-city';
import type { DatasetBundle } from '../model/dataset';
import { tableHashes } from '../../tests/support/db-hash';

const dirs: string[] = [];
function tempDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'uia-edits-'));
  dirs.push(dir);
  return openStore(join(dir, 'edits.sqlite'));
}
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const square = (x: number, y: number, d = 0.001) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });

function smallBundle(name = 'Small'): DatasetBundle {
  return {
    meta: { name, source: 'test', licence: 'CC0', attribution: 'test', crsOrigin: 'EPSG:4326', synthetic: true, defaultBreakdown: { female: 0.5, age0to14: 0.2, age65plus: 0.1, disabled: 0.15 } },
    populationUnits: [{ id: 'u1', geometry: square(0, 0), residents: 100, breakdown: null }],
    buildings: [{ id: 'b1', geometry: square(0.0002, 0.0002, 0.0001), use: 'residential', construction: 'urm', storeys: 3, residents: 40, workers: 0, unitId: 'u1' }],
    facilities: [
      { id: 's1', name: 'Substation', sector: 'power', kind: 'substation', construction: 'rc', capacity: { mw: 20 }, geometry: { type: 'Point', coordinates: [0.0005, 0.0005] }, source: 'test' },
      { id: 'h1', name: 'Hospital', sector: 'health', kind: 'hospital', construction: 'rc', capacity: { beds: 120 }, geometry: { type: 'Point', coordinates: [0.0015, 0.0005] }, source: 'test' },
      { id: 'p1', name: 'Pumping station', sector: 'water', kind: 'pumping_station', construction: 'rc', capacity: {}, geometry: { type: 'Point', coordinates: [0.0009, 0.0009] }, source: 'test' },
    ],
    dependencies: [
      { id: 'd1', consumerId: 'h1', supplierId: 's1', input: 'power', backupDays: 3, inferred: false },
      { id: 'd2', consumerId: 'p1', supplierId: 's1', input: 'power', backupDays: 0, inferred: true },
      { id: 'd3', consumerId: 'h1', supplierId: 'p1', input: 'water', backupDays: 1, inferred: false },
    ],
    serviceAreas: [{ id: 'sa1', facilityId: 'h1', geometry: square(0, 0, 0.002), inferred: true }],
    protectedSites: [{ id: 'ps1', name: 'Hospital', category: 'hospital', geometry: { type: 'Point', coordinates: [0.0015, 0.0005] }, capacity: 240, facilityId: 'h1' }],
  };
}

function setup(bundle = smallBundle()) {
  const db = tempDb();
  dbs.push(db);
  const id = saveDataset(db, bundle);
  return { db, id };
}
const hashOf = (db: Db, id: number) => requireDataset(db, id).content_hash;
const rtreeOf = (db: Db) => db.prepare('SELECT * FROM facilities_rtree ORDER BY id').all();

describe('author setting', () => {
  it('is unset at first, then stored in settings and written on every edit', () => {
    const { db, id } = setup();
    expect(getAuthor(db)).toBeNull();
    updateFacility(db, id, 'h1', { name: 'Hospital A' });
    expect(listEdits(db, id)[0]!.author).toBe('unknown');
    expect(setAuthor(db, '  Eng. Amal Haddad ')).toBe('Eng. Amal Haddad');
    expect(getAuthor(db)).toBe('Eng. Amal Haddad');
    updateFacility(db, id, 'h1', { name: 'Hospital B' });
    expect(listEdits(db, id)[0]!.author).toBe('Eng. Amal Haddad');
    expect(() => setAuthor(db, '   ')).toThrow('author: must not be empty');
  });
});

describe('edits are recorded with before, after, author and time, and refresh the content hash', () => {
  it('facility create, update (with move), delete', () => {
    const { db, id } = setup();
    setAuthor(db, 'tester');
    const h0 = hashOf(db, id);
    const t0 = new Date().toISOString();
    const { facility } = createFacility(db, id, { name: 'Clinic N', sector: 'health', kind: 'clinic', construction: 'urm', capacity: { beds: 10 }, geometry: { type: 'Point', coordinates: [0.0003, 0.0012] } });
    expect(facility.id).toBe('facility-1');
    expect(loadDataset(db, id).facilities.at(-1)).toEqual(facility);
    const h1 = hashOf(db, id);
    expect(h1).not.toBe(h0);
    let [e] = listEdits(db, id);
    expect(e).toMatchObject({ entity: 'facility', entityId: 'facility-1', action: 'create', before: null, after: facility, author: 'tester', undone: false, undoOf: null, causedBy: null });
    expect(e!.at >= t0 && e!.at <= new Date().toISOString()).toBe(true);

    updateFacility(db, id, 'facility-1', { capacity: { beds: 25 }, geometry: { type: 'Point', coordinates: [0.0004, 0.0013] } });
    [e] = listEdits(db, id);
    expect(e).toMatchObject({ action: 'update', before: { capacity: { beds: 10 }, geometry: { coordinates: [0.0003, 0.0012] } }, after: { capacity: { beds: 25 }, geometry: { coordinates: [0.0004, 0.0013] } } });
    expect(hashOf(db, id)).not.toBe(h1);
    // the spatial index follows the move
    const row = db.prepare("SELECT id FROM facilities WHERE ext_id = 'facility-1'").get() as { id: number };
    expect(db.prepare('SELECT min_x, max_x, min_y, max_y FROM facilities_rtree WHERE id = ?').get(row.id)).toEqual({ min_x: expect.closeTo(0.0004, 6), max_x: expect.closeTo(0.0004, 6), min_y: expect.closeTo(0.0013, 6), max_y: expect.closeTo(0.0013, 6) });

    deleteFacility(db, id, 'facility-1');
    [e] = listEdits(db, id);
    expect(e).toMatchObject({ action: 'delete', after: null, before: { id: 'facility-1', capacity: { beds: 25 } } });
    expect(hashOf(db, id)).toBe(h0);
  });

  it('a no-op update records nothing', () => {
    const { db, id } = setup();
    expect(updateFacility(db, id, 'h1', { name: 'Hospital' }).editId).toBeNull();
    expect(listEdits(db, id)).toEqual([]);
  });

  it('dependencies: create, backup days, delete; editing an inferred one makes it the user\'s own', () => {
    const { db, id } = setup();
    const { dependency } = createDependency(db, id, { supplierId: 's1', consumerId: 'p1', input: 'communications', backupDays: 2 });
    expect(dependency).toEqual({ id: 'dep-1', supplierId: 's1', consumerId: 'p1', input: 'communications', backupDays: 2, inferred: false });
    expect(loadDataset(db, id).dependencies.at(-1)).toEqual(dependency);
    updateDependency(db, id, 'd2', { backupDays: 0.5 });
    expect(loadDataset(db, id).dependencies.find((d) => d.id === 'd2')).toMatchObject({ backupDays: 0.5, inferred: false });
    expect(listEdits(db, id)[0]).toMatchObject({ entity: 'dependency', entityId: 'd2', action: 'update', before: { backupDays: 0, inferred: true }, after: { backupDays: 0.5, inferred: false } });
    deleteDependency(db, id, 'dep-1');
    expect(loadDataset(db, id).dependencies.map((d) => d.id)).toEqual(['d1', 'd2', 'd3']);
  });

  it('service areas: draw, adjust, delete', () => {
    const { db, id } = setup();
    const a = upsertServiceArea(db, id, { facilityId: 'p1', geometry: square(0.0005, 0.0005) });
    expect(a).toMatchObject({ created: true, serviceArea: { id: 'area-p1-1', facilityId: 'p1', inferred: false } });
    const b = upsertServiceArea(db, id, { id: 'sa1', facilityId: 'h1', geometry: square(0.001, 0, 0.003) });
    expect(b.created).toBe(false);
    expect(loadDataset(db, id).serviceAreas[0]).toEqual({ id: 'sa1', facilityId: 'h1', geometry: square(0.001, 0, 0.003), inferred: false });
    deleteServiceArea(db, id, 'area-p1-1');
    expect(listEdits(db, id, { entity: 'serviceArea' }).map((e) => `${e.entityId}:${e.action}`)).toEqual(['area-p1-1:delete', 'sa1:update', 'area-p1-1:create']);
  });
});

describe('invalid edits are refused with the reason and leave every table unchanged', () => {
  const cases: [string, (db: Db, id: number) => unknown, string, string | undefined][] = [
    ['self-dependency', (db, id) => createDependency(db, id, { supplierId: 'h1', consumerId: 'h1', input: 'power' }), 'supplierId: a facility cannot depend on itself', 'supplierId'],
    ['negative capacity on update', (db, id) => updateFacility(db, id, 'h1', { capacity: { beds: -5 } }), 'capacity.beds: must be >= 0', 'capacity.beds'],
    ['negative capacity on create', (db, id) => createFacility(db, id, { name: 'X', sector: 'power', kind: 'plant', construction: 'steel', capacity: { mw: -1 }, geometry: { type: 'Point', coordinates: [0, 0] } }), 'capacity.mw: must be >= 0', 'capacity.mw'],
    ['kind of another sector', (db, id) => updateFacility(db, id, 'h1', { sector: 'water' }), 'kind: kind does not belong to the facility sector', 'kind'],
    ['latitude out of range', (db, id) => updateFacility(db, id, 'h1', { geometry: { type: 'Point', coordinates: [0, 95] } }), 'geometry.coordinates.1: latitude 95 is outside -90..90', 'geometry.coordinates.1'],
    ['negative backup days', (db, id) => updateDependency(db, id, 'd1', { backupDays: -1 }), 'backupDays: must be >= 0', 'backupDays'],
    ['missing supplier', (db, id) => createDependency(db, id, { supplierId: 'nope', consumerId: 'h1', input: 'power' }), 'supplierId: facility nope does not exist', 'supplierId'],
    ['duplicate dependency', (db, id) => createDependency(db, id, { supplierId: 's1', consumerId: 'h1', input: 'power' }), 'supplierId: h1 already depends on s1 for power (dependency d1)', 'supplierId'],
    ['existing facility id', (db, id) => createFacility(db, id, { id: 'h1', name: 'X', sector: 'health', kind: 'clinic', construction: 'rc', geometry: { type: 'Point', coordinates: [0, 0] } }), 'id: facility h1 already exists', 'id'],
    ['missing facility', (db, id) => deleteFacility(db, id, 'X'), 'id: facility X does not exist', 'id'],
    ['missing dependency', (db, id) => deleteDependency(db, id, 'd9'), 'id: dependency d9 does not exist', 'id'],
    ['area of a missing facility', (db, id) => upsertServiceArea(db, id, { facilityId: 'zz', geometry: square(0, 0) }), 'facilityId: facility zz does not exist', 'facilityId'],
    ['open ring', (db, id) => upsertServiceArea(db, id, { facilityId: 'h1', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] } }), 'geometry', undefined],
    ['nothing to undo', (db, id) => undoLastEdit(db, id), 'there is no edit to undo', undefined],
  ];
  it.each(cases)('%s', (_name, fn, message, field) => {
    const { db, id } = setup();
    const before = tableHashes(db);
    let error: unknown;
    try { fn(db, id); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toContain(message);
    if (field) expect((error as DomainError).field).toBe(field);
    expect(tableHashes(db)).toEqual(before);
  });
});

describe('undo', () => {
  it('restores the dataset and its content hash exactly after each kind of edit, recorded as an edit', () => {
    const { db, id } = setup();
    const states = [{ bundle: loadDataset(db, id), hash: hashOf(db, id), rtree: rtreeOf(db) }];
    const snap = () => states.push({ bundle: loadDataset(db, id), hash: hashOf(db, id), rtree: rtreeOf(db) });
    createFacility(db, id, { name: 'Mast', sector: 'communications', kind: 'mast', construction: 'steel', geometry: { type: 'Point', coordinates: [0.0001, 0.0001] } }); snap();
    updateFacility(db, id, 'h1', { name: 'Hospital renamed', construction: 'urm', capacity: { beds: 90 }, geometry: { type: 'Point', coordinates: [0.0016, 0.0006] } }); snap();
    createDependency(db, id, { supplierId: 's1', consumerId: 'facility-1', input: 'power', backupDays: 1 }); snap();
    updateDependency(db, id, 'd1', { backupDays: 7 }); snap();
    deleteDependency(db, id, 'd3'); snap();
    upsertServiceArea(db, id, { id: 'sa1', facilityId: 'h1', geometry: square(0, 0, 0.004) }); snap();
    upsertServiceArea(db, id, { facilityId: 's1', geometry: square(0, 0, 0.003) }); snap();
    deleteServiceArea(db, id, 'sa1'); snap();
    // the substation: a supplier of d1, d2 and dep-1, with a service area
    const gone = deleteFacility(db, id, 's1');
    expect(gone).toMatchObject({ dependencies: 3, serviceAreas: 1 });
    expect(loadDataset(db, id).dependencies.map((d) => d.id)).toEqual([]);
    expect(listEdits(db, id).filter((e) => e.causedBy === gone.editId).map((e) => e.entityId)).toEqual(['area-s1-1', 'dep-1', 'd2', 'd1']);
    snap();

    const made = listEdits(db, id).length;
    for (let k = states.length - 1; k > 0; k--) {
      const { undone, edit } = undoLastEdit(db, id);
      expect(edit.undoOf).toBe(undone.id);
      expect(loadDataset(db, id)).toEqual(states[k - 1]!.bundle);
      expect(hashOf(db, id)).toBe(states[k - 1]!.hash);
      expect(rtreeOf(db)).toEqual(states[k - 1]!.rtree);
    }
    expect(() => undoLastEdit(db, id)).toThrow('there is no edit to undo');
    const all = listEdits(db, id);
    expect(all.length).toBeGreaterThan(made);
    expect(all.filter((e) => e.undoOf === null && e.causedBy === null).every((e) => e.undone)).toBe(true);
  });

  it('refuses to undo an edit whose entity changed since, or one already undone', () => {
    const { db, id } = setup();
    const first = updateFacility(db, id, 'h1', { name: 'A' }).editId!;
    updateFacility(db, id, 'h1', { name: 'B' });
    const before = tableHashes(db);
    expect(() => undoEdit(db, id, first)).toThrow('facility h1 has changed since edit');
    expect(tableHashes(db)).toEqual(before);
    undoLastEdit(db, id);
    undoEdit(db, id, first);
    expect(loadDataset(db, id).facilities.find((f) => f.id === 'h1')!.name).toBe('Hospital');
    expect(() => undoEdit(db, id, first)).toThrow('already undone');
    expect(lastUndoableEdit(db, id)).toBeNull();
  });

  it('works on the training city', () => {
    const { db, id } = setup(generateTrainingCity());
    const bundle = loadDataset(db, id);
    const hash = hashOf(db, id);
    const hospital = bundle.facilities.find((f) => f.kind === 'hospital')!;
    const r = deleteFacility(db, id, hospital.id);
    expect(r.dependencies).toBeGreaterThan(0);
    expect(getFacility(db, id, bundle.facilities.find((f) => f.kind === 'substation')!.id).dependencies.length).toBeGreaterThan(0);
    undoLastEdit(db, id);
    expect(loadDataset(db, id)).toEqual(bundle);
    expect(hashOf(db, id)).toBe(hash);
  });
});

describe('history per facility', () => {
  it('lists the facility\'s own edits and those of its dependencies and service areas, newest first', () => {
    const { db, id } = setup();
    updateFacility(db, id, 'h1', { name: 'H' });
    updateFacility(db, id, 's1', { name: 'S' });
    createDependency(db, id, { supplierId: 'p1', consumerId: 's1', input: 'water' });
    updateDependency(db, id, 'd1', { backupDays: 5 });
    upsertServiceArea(db, id, { id: 'sa1', facilityId: 'h1', geometry: square(0, 0, 0.005) });
    const h = listEdits(db, id, { facilityId: 'h1' }).map((e) => `${e.entity}:${e.entityId}:${e.action}`);
    expect(h).toEqual(['serviceArea:sa1:update', 'dependency:d1:update', 'facility:h1:update']);
    expect(listEdits(db, id, { entity: 'facility', entityId: 's1' }).map((e) => e.after!.name)).toEqual(['S']);
    expect(listEdits(db, id, { facilityId: 'p1' }).map((e) => e.entityId)).toEqual(['dep-1']);
    expect(listEdits(db, id, { limit: 2 })).toHaveLength(2);
  });
});
