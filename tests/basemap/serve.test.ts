/**
 * The basemap over both transports: the training city gets its tiles on first start; one tile is
 * the same bytes through the API call IPC uses and over HTTP (token checked); outside, an empty tile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { openBackend, type Backend } from '../../core/api/backend';
import { startHttpTransport, type HttpTransport } from '../../core/server/http';
import { latToY, lonToX } from '../../core/basemap/tiler';
import config from '../../data/training-city.json';
import { tempDir } from '../import/helpers';
import { openStore } from '../../core/store/db';
import { saveDataset } from '../../core/store/datasets';
import { hasBasemapFeatures, tileStats } from '../../core/store/tiles';
import { generateTrainingCity } from '../../core/synth/training-city';

describe('basemap.tile', () => {
  const tmp = tempDir('uia-basemap-');
  let backend: Backend; let http: HttpTransport; let datasetId: number;
  beforeAll(async () => {
    backend = openBackend(join(tmp.dir, 'db.sqlite'));
    http = await startHttpTransport(backend, { staticDir: tmp.dir });
    datasetId = (backend.handlers['datasets.list']({}) as { id: number }[])[0]!.id;
  });
  afterAll(async () => { await http.close(); backend.close(); tmp.cleanup(); });

  const centre = { datasetId: 0, z: 14, x: lonToX(config.centre.lon, 14), y: latToY(config.centre.lat, 14) };
  const viaHttp = (input: object, token = http.token) => fetch(`http://127.0.0.1:${http.port}/api/basemap.tile`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(input),
  });

  it('the training city has named streets and districts in its tiles', async () => {
    const reply = await backend.call('basemap.tile', { ...centre, datasetId });
    expect(reply.ok).toBe(true);
    const tile = new VectorTile(new PbfReader((reply as { value: Uint8Array }).value));
    const roads = tile.layers.roads!;
    const names = Array.from({ length: roads.length }, (_, i) => String(roads.feature(i).properties.name));
    expect(names).toContain('Meridian Avenue');
    expect(names.some((n) => n.endsWith(' Street'))).toBe(true);
    expect(tile.layers.earth).toBeDefined();
    expect(tile.layers.buildings!.length).toBeGreaterThan(10);
  });

  it('serves the same bytes over HTTP, as protobuf, and only with the token', async () => {
    const viaCall = await backend.call('basemap.tile', { ...centre, datasetId });
    const res = await viaHttp({ ...centre, datasetId });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from((viaCall as { value: Uint8Array }).value))).toBe(true);
    expect((await viaHttp({ ...centre, datasetId }, 'wrong')).status).toBe(401);
  });

  it('answers an empty tile outside the dataset and above z14, and refuses a tile that does not exist', async () => {
    const outside = await viaHttp({ datasetId, z: 14, x: 0, y: 0 });
    expect(outside.status).toBe(200);
    expect((await outside.arrayBuffer()).byteLength).toBe(0);
    const above = await backend.call('basemap.tile', { datasetId, z: 16, x: centre.x * 4, y: centre.y * 4 });
    expect((above as { value: Uint8Array }).value.byteLength).toBe(0);
    const bad = await backend.call('basemap.tile', { datasetId, z: 2, x: 4, y: 0 });
    expect(bad.ok).toBe(false);
    expect(await (await viaHttp({ datasetId: 999, z: 1, x: 0, y: 0 })).json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('a dataset stored without basemap features', () => {
  it('the training city gets its streets on the first tile request (databases from before basemaps, scenario packages)', async () => {
    const tmp = tempDir('uia-basemap-old-');
    const path = join(tmp.dir, 'old.sqlite');
    const db = openStore(path);
    const id = saveDataset(db, generateTrainingCity()); // as an older version stored it: no tiles
    db.close();
    const backend = openBackend(path);
    try {
      expect(hasBasemapFeatures(backend.db, id)).toBe(false);
      const reply = await backend.call('basemap.tile', { datasetId: id, z: 14, x: lonToX(config.centre.lon, 14), y: latToY(config.centre.lat, 14) });
      const tile = new VectorTile(new PbfReader((reply as { value: Uint8Array }).value));
      expect(tile.layers.roads!.length).toBeGreaterThan(0);
      expect(tile.layers.buildings!.length).toBeGreaterThan(10);
      expect(hasBasemapFeatures(backend.db, id)).toBe(true);
      expect(tileStats(backend.db, id).tiles).toBe(1);
    } finally {
      backend.close();
      tmp.cleanup();
    }
  }, 120_000);
});
