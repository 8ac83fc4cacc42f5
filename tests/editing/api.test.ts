/**
 * The editing workspace through the API (issue 5), on the training city a new backend seeds:
 * dependencies drawn and refused, undo, history per facility, the engine seeing an edit, export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';
import { contract, type OperationName, type Output } from '../../core/api/contract';
import { loadDataset, requireDataset } from '../../core/store/datasets';
import { tableHashes } from '../support/db-hash';

let dir: string; let backend: Backend;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'uia-editing-'));
  backend = openBackend(join(dir, 'editing.sqlite'));
});
afterAll(() => { backend.close(); rmSync(dir, { recursive: true, force: true }); });

const DATASET = 1;

async function ok<N extends OperationName>(name: N, input: unknown): Promise<Output<N>> {
  const reply = await backend.call(name, input);
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  expect(contract[name].output.safeParse(reply.value).success).toBe(true);
  return reply.value as Output<N>;
}
async function refused(name: OperationName, input: unknown) {
  const before = tableHashes(backend.db);
  const reply = await backend.call(name, input);
  expect(reply.ok).toBe(false);
  expect(tableHashes(backend.db)).toEqual(before);
  return (reply as { ok: false; error: { code: string; message: string; field?: string } }).error;
}

const bundle = () => loadDataset(backend.db, DATASET);
const hash = () => requireDataset(backend.db, DATASET).content_hash;

describe('editing through the API', () => {
  it('records the author set in settings', async () => {
    expect(await ok('settings.getAuthor', {})).toEqual({ author: null });
    expect(await ok('settings.setAuthor', { author: ' Civil engineer Rana ' })).toEqual({ author: 'Civil engineer Rana' });
    expect(await ok('settings.getAuthor', {})).toEqual({ author: 'Civil engineer Rana' });
  });

  it('creates a dependency, refuses a self-dependency naming the field, undoes, and keeps the history per facility', async () => {
    const b0 = bundle(); const h0 = hash();
    const clinic = b0.facilities.find((f) => f.kind === 'clinic')!;
    const substation = b0.facilities.find((f) => f.kind === 'substation' && !b0.dependencies.some((d) => d.consumerId === clinic.id && d.supplierId === f.id))!;

    const created = await ok('dependencies.create', { datasetId: DATASET, supplierId: substation.id, consumerId: clinic.id, input: 'power', backupDays: 2 });
    expect(created.dependency).toMatchObject({ supplierId: substation.id, consumerId: clinic.id, input: 'power', backupDays: 2, inferred: false });
    expect(bundle().dependencies.at(-1)).toEqual(created.dependency);
    expect(hash()).not.toBe(h0);

    const self = await refused('dependencies.create', { datasetId: DATASET, supplierId: clinic.id, consumerId: clinic.id, input: 'power' });
    // The refusal carries its catalogue key and values too, so the window can say it in the reader's language.
    expect(self).toEqual({
      code: 'invalid_input', field: 'supplierId', message: 'supplierId: a facility cannot depend on itself',
      key: 'field', params: { field: 'supplierId', issue: 'raw', text: 'a facility cannot depend on itself' },
    });
    const negative = await refused('facilities.update', { datasetId: DATASET, id: clinic.id, changes: { capacity: { beds: -3 } } });
    expect(negative).toMatchObject({ code: 'invalid_input', field: 'changes.capacity.beds' });
    const wrongKind = await refused('facilities.update', { datasetId: DATASET, id: clinic.id, changes: { sector: 'water' } });
    expect(wrongKind).toEqual({ code: 'invalid_input', field: 'changes.kind', message: 'changes.kind: kind does not belong to the facility sector' });
    const missing = await refused('dependencies.create', { datasetId: DATASET, supplierId: 'nowhere', consumerId: clinic.id, input: 'power' });
    expect(missing).toEqual({ code: 'not_found', field: 'supplierId', message: 'supplierId: facility nowhere does not exist' });

    await ok('dependencies.update', { datasetId: DATASET, id: created.dependency.id, backupDays: 4.5 });
    const history = await ok('edits.list', { datasetId: DATASET, facilityId: clinic.id });
    expect(history.edits.map((e) => [e.entity, e.entityId, e.action, e.author])).toEqual([
      ['dependency', created.dependency.id, 'update', 'Civil engineer Rana'],
      ['dependency', created.dependency.id, 'create', 'Civil engineer Rana'],
    ]);
    expect(history.edits[0]).toMatchObject({ before: { backupDays: 2 }, after: { backupDays: 4.5 } });
    expect(history.nextUndo?.id).toBe(history.edits[0]!.id);
    expect((await ok('edits.list', { datasetId: DATASET, facilityId: substation.id })).edits).toHaveLength(2);

    const u1 = await ok('edits.undo', { datasetId: DATASET });
    expect(u1.undone.action).toBe('update');
    expect(u1.edit.undoOf).toBe(u1.undone.id);
    await ok('edits.undo', { datasetId: DATASET });
    expect(bundle()).toEqual(b0);
    expect(hash()).toBe(h0);
    const after = await ok('edits.list', { datasetId: DATASET, facilityId: clinic.id });
    expect(after.edits).toHaveLength(4);
    expect(after.edits.filter((e) => e.undoOf === null).every((e) => e.undone)).toBe(true);
    expect(after.nextUndo).toBeNull();
    expect(await refused('edits.undo', { datasetId: DATASET })).toMatchObject({ code: 'not_found', message: 'there is no edit to undo' });
  });

  it('a deleted hospital is gone from the assessment until undone (the engine sees the new content hash)', async () => {
    const b0 = bundle();
    const hospital = b0.facilities.find((f) => f.kind === 'hospital')!;
    const [lon, lat] = hospital.geometry.coordinates as [number, number];
    const d = 0.002;
    const operation = {
      name: 'Edit check', settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 },
      areas: [{ id: 'a', name: 'A', profileId: 'medium', geometry: { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }],
    };
    const ids = (r: Output<'assess.run'>) => r.infrastructure.facilities.map((f) => f.id);
    const before = await ok('assess.run', { datasetId: DATASET, operation, runs: 20 });
    expect(ids(before)).toContain(hospital.id);
    const del = await ok('facilities.delete', { datasetId: DATASET, id: hospital.id });
    expect(del.dependencies).toBeGreaterThan(0);
    const during = await ok('assess.run', { datasetId: DATASET, operation, runs: 20 });
    expect(ids(during)).not.toContain(hospital.id);
    const facilityHistory = await ok('edits.list', { datasetId: DATASET, facilityId: hospital.id });
    expect(facilityHistory.edits.some((e) => e.entity === 'dependency' && e.causedBy === del.editId)).toBe(true);
    await ok('edits.undo', { datasetId: DATASET });
    expect(bundle()).toEqual(b0);
    const again = await ok('assess.run', { datasetId: DATASET, operation, runs: 20 });
    expect(ids(again)).toContain(hospital.id);
  });

  it('adds, moves and edits a facility, draws its service area; facilities.get returns it all', async () => {
    const created = await ok('facilities.create', { datasetId: DATASET, facility: { name: 'Field hospital', sector: 'health', kind: 'hospital', construction: 'light', capacity: { beds: 40 }, geometry: { type: 'Point', coordinates: [0.001, 0.001] } } });
    const id = created.facility.id;
    await ok('facilities.update', { datasetId: DATASET, id, changes: { geometry: { type: 'Point', coordinates: [0.002, 0.001] }, capacity: { beds: 60 }, construction: 'steel' } });
    const area = await ok('serviceAreas.upsert', { datasetId: DATASET, facilityId: id, geometry: { type: 'Polygon', coordinates: [[[0, 0], [0.004, 0], [0.004, 0.004], [0, 0.004], [0, 0]]] } });
    expect(area.created).toBe(true);
    const got = await ok('facilities.get', { datasetId: DATASET, id });
    expect(got.facility).toMatchObject({ name: 'Field hospital', construction: 'steel', capacity: { beds: 60 }, geometry: { coordinates: [0.002, 0.001] } });
    expect(got.serviceAreas).toEqual([area.serviceArea]);
    const layers = await ok('datasets.layers', { datasetId: DATASET });
    expect(layers.facilities.features.some((f) => (f.properties as { id: string }).id === id)).toBe(true);
    // three undos take it all back
    for (let i = 0; i < 3; i++) await ok('edits.undo', { datasetId: DATASET });
    expect((await refused('facilities.get', { datasetId: DATASET, id })).code).toBe('not_found');
  });
});

describe('edits.undo by id', () => {
  it('undoes a chosen edit, refuses one whose facility changed since, and one made as part of another', async () => {
    const f = bundle().facilities.find((x) => x.kind === 'reservoir')!;
    const first = await ok('facilities.update', { datasetId: DATASET, id: f.id, changes: { name: 'Reservoir A' } });
    const second = await ok('facilities.update', { datasetId: DATASET, id: f.id, changes: { construction: 'steel' } });
    expect(await refused('edits.undo', { datasetId: DATASET, editId: first.editId })).toMatchObject({ code: 'conflict', message: expect.stringContaining(`facility ${f.id} has changed since edit ${first.editId}`) });
    await ok('edits.undo', { datasetId: DATASET, editId: second.editId });
    await ok('edits.undo', { datasetId: DATASET, editId: first.editId });
    expect(bundle().facilities.find((x) => x.id === f.id)).toEqual(f);
    expect(await refused('edits.undo', { datasetId: DATASET, editId: first.editId })).toMatchObject({ code: 'conflict', field: 'editId' });

    const del = await ok('facilities.delete', { datasetId: DATASET, id: f.id });
    const child = (await ok('edits.list', { datasetId: DATASET, facilityId: f.id })).edits.find((e) => e.causedBy === del.editId)!;
    expect(await refused('edits.undo', { datasetId: DATASET, editId: child.id })).toMatchObject({ code: 'invalid_input', field: 'editId', message: `editId: edit ${child.id} was made with edit ${del.editId}; undo that one` });
    expect(await refused('edits.undo', { datasetId: DATASET, editId: 999_999 })).toMatchObject({ code: 'not_found', field: 'editId' });
    await ok('edits.undo', { datasetId: DATASET, editId: del.editId });
    expect(bundle().facilities.find((x) => x.id === f.id)).toEqual(f);
  });
});

describe('datasets.export', () => {
  it('writes a GeoPackage that ogrinfo reads, with the edited facility in it', async () => {
    const created = await ok('facilities.create', { datasetId: DATASET, facility: { id: 'exported-clinic', name: 'Exported clinic', sector: 'health', kind: 'clinic', construction: 'rc', capacity: { beds: 8 }, geometry: { type: 'Point', coordinates: [0.0012, 0.0011] } } });
    expect(created.facility.id).toBe('exported-clinic');
    const path = join(dir, 'city.gpkg');
    const r = await ok('datasets.export', { datasetId: DATASET, format: 'gpkg', path });
    expect(r.layers.facilities).toBe(bundle().facilities.length);
    const info = execFileSync('ogrinfo', ['-so', '-al', path], { encoding: 'utf8' });
    for (const layer of ['population_units', 'buildings', 'facilities', 'protected_sites']) expect(info).toContain(`Layer name: ${layer}`);
    expect(info).toMatch(new RegExp(`Layer name: facilities[\\s\\S]*?Feature Count: ${r.layers.facilities}\\b`));
    expect(info).toMatch(/EPSG.*4326|WGS 84/);
    const one = execFileSync('ogrinfo', ['-al', '-q', '-where', "facility_id = 'exported-clinic'", path, 'facilities'], { encoding: 'utf8' });
    expect(one).toContain('Exported clinic');
    expect((await refused('datasets.export', { datasetId: DATASET, format: 'gpkg', path })).code).toBe('conflict');
    expect((await ok('datasets.export', { datasetId: DATASET, format: 'gpkg', path, overwrite: true })).path).toBe(path);
  });

  it('writes GeoJSON; refuses a relative path and a missing folder', async () => {
    const path = join(dir, 'city.geojson');
    const r = await ok('datasets.export', { datasetId: DATASET, format: 'geojson', path });
    const fc = JSON.parse(readFileSync(path, 'utf8')) as { type: string; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(r.features);
    expect(await refused('datasets.export', { datasetId: DATASET, format: 'geojson', path: 'city.geojson' })).toMatchObject({ code: 'invalid_input', field: 'path' });
    const nowhere = join(dir, 'no', 'such', 'folder', 'x.geojson');
    expect(await refused('datasets.export', { datasetId: DATASET, format: 'geojson', path: nowhere })).toMatchObject({ code: 'invalid_input', field: 'path' });
    expect(existsSync(nowhere)).toBe(false);
    expect((await refused('datasets.export', { datasetId: 99, format: 'geojson', path: join(dir, 'y.geojson') })).code).toBe('not_found');
  });
});
