/**
 * The API contract: every operation rejects a malformed payload with the field named, before the
 * store is touched; the HTTP transport enforces token, Host and Origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { openBackend, type Backend } from '../../core/api/backend';
import { contract, type OperationName } from '../../core/api/contract';

const OPERATION_NAMES = Object.keys(contract) as OperationName[];
import { startHttpTransport, type HttpTransport } from '../../core/server/http';
import { tableHashes } from '../support/db-hash';

let dir: string; let backend: Backend; let http: HttpTransport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uia-api-'));
  backend = openBackend(join(dir, 'api.sqlite'));
  http = await startHttpTransport(backend, { staticDir: dir });
});
afterAll(async () => { await http.close(); backend.close(); rmSync(dir, { recursive: true, force: true }); });

const square = { type: 'Polygon', coordinates: [[[3, 0.5], [3.001, 0.5], [3.001, 0.501], [3, 0.501], [3, 0.5]]] };
const operation = { name: 'A', areas: [{ id: 'a', name: 'A', geometry: square, profileId: 'medium' }], settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 } };

/** One malformed payload per operation and the field the error must name. */
const MALFORMED: Record<string, [unknown, string]> = {
  'app.info': [{ verbose: true }, 'verbose'],
  'datasets.list': [{ page: 1 }, 'page'],
  'datasets.layers': [{ datasetId: 'one' }, 'datasetId'],
  'exposure.residents': [{ datasetId: 1, area: { ...square, coordinates: [[[3, 0.5], [3.001, 0.5], [3, 0.5]]] } }, 'area.coordinates.0'],
  'assess.run': [{ datasetId: 1, operation: { ...operation, settings: { ...operation.settings, warningShare: 1.5 } } }, 'operation.settings.warningShare'],
  'assess.start': [{ datasetId: 1, operation, runs: 0 }, 'runs'],
  'assess.compare': [{ datasetId: 1, operations: [operation] }, 'operations'],
  'assess.preview': [{ datasetId: 1, operation, runs: 1000 }, 'runs'],
  'assess.save': [{ operationId: 1, runs: 200 }, 'runs'],
  'assessments.get': [{ id: 'latest' }, 'id'],
  'profiles.list': [{ id: 'x' }, 'id'],
  'operations.list': [{}, 'datasetId'],
  'operations.save': [{ datasetId: 1, operation: { ...operation, areas: [{ ...operation.areas[0], geometry: { type: 'Polygon', coordinates: [[[200, 0], [3, 0], [3, 1], [200, 0]]] } }] } }, 'operation.areas.0.geometry.coordinates.0.0.0'],
  'operations.delete': [{ id: -3 }, 'id'],
  'basemap.tile': [{ datasetId: 1, z: 14.5, x: 0, y: 0 }, 'z'],
  'import.start': [{ files: [], dataset: 'X' }, 'files'],
  'jobs.status': [{ jobId: 7 }, 'jobId'],
  'jobs.cancel': [{}, 'jobId'],
  'workspace.get': [{ datasetId: 0 }, 'datasetId'],
  'workspace.save': [{ datasetId: 1, operation: { ...operation, settings: { ...operation.settings, timeOfDay: 'noon' } } }, 'operation.settings.timeOfDay'],
  'observations.import': [{ files: [], dataset: 'Aleppo' }, 'files'],
  'observations.list': [{ dataset: 1, kind: 'rumour' }, 'kind'],
  'observations.recordFacilityStatus': [{ dataset: 1, facilityId: 'h1', down: false, daysToRestore: 3, source: 'field team' }, 'daysToRestore'],
  'observations.recordServiceOutage': [{ dataset: 1, sector: 'gas', people: 10, days: 2, source: 'utility' }, 'sector'],
  'observations.recordCasualtyReport': [{ dataset: 1, killed: -1, injured: 2, source: 'MoH' }, 'killed'],
  'observations.recordDisplacementReport': [{ dataset: 1, displaced: 10, inPublicShelter: 20, source: 'IOM DTM' }, 'inPublicShelter'],
  'observations.delete': [{ id: 0 }, 'id'],
  'postop.compare': [{ operationId: 'one' }, 'operationId'],
  'postop.calibrate': [{ name: 'default' }, 'name'],
  'parameters.sets.list': [{ includeCalibration: 'yes' }, 'includeCalibration'],
  'parameters.sets.choose': [{ name: '' }, 'name'],
  'package.export': [{ dataset: 1, operationId: 1, briefing: 'b', out: '/tmp/x.uiapkg', passphrase: 'short' }, 'passphrase'],
  'package.import': [{ path: '' }, 'path'],
  'package.reveal': [{ path: '/tmp/x.uiapkg', passphrase: 'p', operationId: 1.5 }, 'operationId'],
  'package.unlockPhase': [{ path: '/tmp/x.uiapkg', phase: 1, code: 'follow-up-code' }, 'phase'],
  'package.answer': [{ path: '/tmp/x.uiapkg', chosenOperationId: 1, trainee: '   ', out: '/tmp/a.json' }, 'trainee'],
  'package.score': [{ path: '/tmp/x.uiapkg', passphrase: 'debrief-at-0900', answers: [] }, 'answers'],
  'facilities.get': [{ datasetId: 1, id: '' }, 'id'],
  'facilities.create': [{ datasetId: 1, facility: { name: 'H', sector: 'health', kind: 'hospital', construction: 'rc', capacity: { beds: -1 }, geometry: { type: 'Point', coordinates: [3, 0.5] } } }, 'facility.capacity.beds'],
  'facilities.update': [{ datasetId: 1, id: 'plant-1', changes: { sector: 'water', kind: 'hospital' } }, 'changes.kind'],
  'facilities.delete': [{ datasetId: 1 }, 'id'],
  'dependencies.create': [{ datasetId: 1, supplierId: 'substation-2', consumerId: 'substation-2', input: 'power' }, 'supplierId'],
  'dependencies.update': [{ datasetId: 1, id: 'dep-1', backupDays: -2 }, 'backupDays'],
  'dependencies.delete': [{ datasetId: 1, id: '' }, 'id'],
  'serviceAreas.upsert': [{ datasetId: 1, facilityId: 'hospital-1', geometry: { ...square, coordinates: [[[3, 0.5], [3.001, 0.5], [3, 0.5]]] } }, 'geometry.coordinates.0'],
  'serviceAreas.delete': [{ datasetId: 1, id: 7 }, 'id'],
  'edits.list': [{ datasetId: 1, entity: 'building' }, 'entity'],
  'edits.undo': [{ datasetId: 1, editId: 0 }, 'editId'],
  'settings.getAuthor': [{ author: 'x' }, 'author'],
  'settings.setAuthor': [{ author: '   ' }, 'author'],
  'settings.getLanguage': [{ language: 'fr' }, 'language'],
  'settings.setLanguage': [{ language: 'de', digits: 'latn' }, 'language'],
  'datasets.export': [{ datasetId: 1, format: 'shp', path: '/tmp/x.shp' }, 'format'],
};

describe('API contract', () => {
  it('has a malformed-payload case for every operation', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it.each(OPERATION_NAMES)('%s rejects a malformed payload naming the field, and the store is untouched', async (name) => {
    const before = tableHashes(backend.db);
    const [payload, field] = MALFORMED[name]!;
    const reply = await backend.call(name, payload);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_input');
    expect(reply.error.field).toBe(field);
    expect(reply.error.message).toContain(field);
    expect(tableHashes(backend.db)).toEqual(before);
  });

  it('remembers the interface language and digits (null until chosen: the system locale decides)', async () => {
    expect(await backend.call('settings.getLanguage', {})).toEqual({ ok: true, value: { language: null, digits: 'latn' } });
    expect(await backend.call('settings.setLanguage', { language: 'ar', digits: 'arab' })).toEqual({ ok: true, value: { language: 'ar', digits: 'arab' } });
    expect(await backend.call('settings.getLanguage', {})).toEqual({ ok: true, value: { language: 'ar', digits: 'arab' } });
  });

  it('rejects an unknown operation', async () => {
    const reply = await backend.call('datasets.drop', {});
    expect(reply).toEqual({ ok: false, error: { code: 'unknown_operation', message: 'unknown operation "datasets.drop"' } });
  });

  it('valid calls return output that matches the contract', async () => {
    const list = await backend.call('datasets.list', {});
    expect(list.ok).toBe(true);
    expect(contract['datasets.list'].output.safeParse(list.ok && list.value).success).toBe(true);
    const profiles = await backend.call('profiles.list', {});
    expect(profiles.ok && contract['profiles.list'].output.safeParse(profiles.value).success).toBe(true);
    const saved = await backend.call('operations.save', { datasetId: 1, operation });
    expect(saved).toEqual({ ok: true, value: { id: 1 } });
    const missing = await backend.call('operations.delete', { id: 999 });
    expect(missing.ok === false && missing.error.code).toBe('not_found');
  });
});

function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: { ok: boolean; error?: { code: string; message: string; field?: string } } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: http.port, path, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = ''; res.on('data', (c) => { text += c; }); res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject); req.end(body);
  });
}

describe('HTTP transport', () => {
  const auth = () => ({ Authorization: `Bearer ${http.token}` });
  it('listens on 127.0.0.1 only and answers with a valid token', async () => {
    expect((http.server.address() as { address: string }).address).toBe('127.0.0.1');
    const r = await post('/api/datasets.list', '{}', auth());
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(true);
  });
  it('refuses a missing or wrong token', async () => {
    expect((await post('/api/datasets.list', '{}', {})).status).toBe(401);
    expect((await post('/api/datasets.list', '{}', { Authorization: 'Bearer 00' })).status).toBe(401);
  });
  it('refuses foreign Host (DNS rebinding) and foreign Origin', async () => {
    expect((await post('/api/datasets.list', '{}', { ...auth(), Host: 'evil.example:80' })).status).toBe(421);
    expect((await post('/api/datasets.list', '{}', { ...auth(), Origin: 'http://evil.example' })).status).toBe(403);
  });
  it('names the field of a malformed payload, and rejects a body that is not JSON', async () => {
    const r = await post('/api/datasets.layers', '{"datasetId": "x"}', auth());
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_input', field: 'datasetId' });
    const bad = await post('/api/datasets.layers', '{"datasetId": ', auth());
    expect(bad.status).toBe(400);
    expect(bad.json.error!.message).toMatch(/^body: /);
  });
});
