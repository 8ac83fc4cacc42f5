/**
 * Work the backend does in turns of its own, on a real temp SQLite file with the training city: a
 * dataset's city is prepared once the dataset is opened (its layers asked for), after the reply,
 * so the first estimate drawn on it finds it ready; an edit's new content is prepared again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../../core/store/db';
import { ensureTrainingCity } from '../../core/api/backend';
import { createEngineService, type EngineService } from '../../core/api/engine-service';
import { createHandlers, type Handlers } from '../../core/api/handlers';
import { dispatch } from '../../core/api/dispatch';
import { UserBasemaps } from '../../core/basemap/user-basemap';

let dir: string; let db: Db; let engine: EngineService; let handlers: Handlers; let basemaps: UserBasemaps;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'uia-background-'));
  const dbPath = join(dir, 'bg.sqlite');
  db = openStore(dbPath);
  ensureTrainingCity(db);
  engine = createEngineService(db, 'test');
  basemaps = new UserBasemaps(db, dbPath);
  handlers = createHandlers({ db, dbPath, appVersion: 'test', engine, userBasemaps: basemaps });
});
afterAll(() => { basemaps.close(); db.close(); rmSync(dir, { recursive: true, force: true }); });

/** Lets the event loop run until the backend's background turns are done (each turn is one setImmediate). */
const turns = async (n = 5) => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };

describe('background turns', () => {
  it('prepares a city after its layers are answered, and the estimate uses that city', async () => {
    const reply = await dispatch(handlers, 'datasets.layers', { datasetId: 1 });
    expect(reply.ok).toBe(true);
    expect(engine.loaded(1).city).toBeUndefined(); // not while answering: after the reply
    await turns();
    const prepared = engine.loaded(1).city;
    expect(prepared).toBeDefined();
    expect(prepared!.units.count).toBeGreaterThan(0);
    expect(engine.cityOf(1)).toBe(prepared);
  });

  it('prepares it again once an edit has changed the content', async () => {
    const before = engine.cityOf(1);
    const f = (db.prepare('SELECT ext_id FROM facilities WHERE dataset_id = 1 ORDER BY id LIMIT 1').get() as { ext_id: string }).ext_id;
    const edited = await dispatch(handlers, 'facilities.update', { datasetId: 1, id: f, changes: { name: 'Renamed in a test' } });
    expect(edited.ok, JSON.stringify(edited)).toBe(true);
    await dispatch(handlers, 'datasets.layers', { datasetId: 1 });
    await turns();
    const after = engine.loaded(1).city;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    expect(after!.datasetHash).not.toBe(before.datasetHash);
  });
});
