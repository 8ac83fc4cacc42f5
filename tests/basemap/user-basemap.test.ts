/**
 * A user's own basemap (issue 13, item 8) with real files on disk: an MBTiles built from the
 * project's own tiles (gzip, TMS rows, as tools write them), a raster MBTiles written by GDAL from a
 * real GeoTIFF, a PMTiles v3 archive read back by the `pmtiles` package; each is copied privately
 * and served tile by tile. Corrupt and wrong-format files are refused with one line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { openBackend, type Backend } from '../../core/api/backend';
import { errorInWords, type ErrorBody } from '../../core/model/errors';
import { localeFor } from '../../core/i18n/locale';
import { startHttpTransport, type HttpTransport } from '../../core/server/http';
import { buildBasemapTiles, latToY, lonToX } from '../../core/basemap/tiler';
import config from '../../data/training-city.json';
import { osm, population, tempDir } from '../import/helpers';
import { writePmtiles } from '../support/pmtiles-writer';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; field?: string } };
const LAYERS = ['earth', 'water', 'landuse', 'roads', 'buildings', 'places'];

describe('basemap.add: a user\'s own MBTiles or PMTiles file', () => {
  const tmp = tempDir('uia-own-basemap-');
  let backend: Backend; let http: HttpTransport; let datasetId: number;
  let ownTiles: { z: number; x: number; y: number; data: Buffer }[];
  const centre = { z: 14, x: lonToX(config.centre.lon, 14), y: latToY(config.centre.lat, 14) };
  const call = async (name: string, input: object) => await backend.call(name, input) as Reply;
  const value = <T>(r: Reply) => { if (!r.ok) throw new Error(r.error.message); return r.value as T; };
  const tile = async (source: 'own' | 'dataset', t = centre) => Buffer.from(value<Uint8Array>(await call('basemap.tile', { datasetId, ...t, source })));
  const basemapsDir = () => join(tmp.dir, 'basemaps');
  /** The built-in tile of the main backend's dataset at the centre (the training city is the same in every data folder). */
  const tileOf = async (_id: number) => await tile('dataset');

  beforeAll(async () => {
    backend = openBackend(join(tmp.dir, 'db.sqlite'));
    http = await startHttpTransport(backend, { staticDir: tmp.dir });
    datasetId = (backend.handlers['datasets.list']({}) as { id: number }[])[0]!.id;
    buildBasemapTiles(backend.db, datasetId); // the training city's whole tile set (the app builds tiles as the map asks)
    ownTiles = backend.db.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS y, tile_data AS data FROM basemap_tiles WHERE dataset_id = ?').all(datasetId) as typeof ownTiles;
  });
  afterAll(async () => { await http.close(); backend.close(); tmp.cleanup(); });

  function mbtilesFromOwnTiles(path: string): void {
    const db = new Database(path);
    db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)');
    const meta = { name: 'Meridia vector', format: 'pbf', minzoom: '0', maxzoom: '14', bounds: '2.9,0.4,3.1,0.6', attribution: 'Synthetic data', json: JSON.stringify({ vector_layers: LAYERS.map((id) => ({ id, fields: {} })) }) };
    for (const [k, v] of Object.entries(meta)) db.prepare('INSERT INTO metadata VALUES (?, ?)').run(k, v);
    const put = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
    for (const t of ownTiles) put.run(t.z, t.x, 2 ** t.z - 1 - t.y, gzipSync(t.data)); // TMS rows, gzip: as tippecanoe and GDAL write them
    db.close();
  }

  it('adds a vector MBTiles: checked, copied 0600 into the data folder, and served tile by tile', async () => {
    const file = join(tmp.dir, 'meridia.mbtiles');
    mbtilesFromOwnTiles(file);
    const own = value<{ name: string; format: string; container: string; vectorLayers: string[]; active: boolean; originalName: string }>(await call('basemap.add', { datasetId, path: file }));
    expect(own).toMatchObject({ name: 'Meridia vector', format: 'pbf', container: 'mbtiles', active: true, originalName: 'meridia.mbtiles', maxZoom: 14, attribution: 'Synthetic data' });
    expect(own.vectorLayers).toEqual(LAYERS);
    const copies = readdirSync(basemapsDir());
    expect(copies).toHaveLength(1);
    expect(statSync(join(basemapsDir(), copies[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(basemapsDir()).mode & 0o777).toBe(0o700);
    // the same bytes as the dataset's own tile: un-gzipped, and the TMS row turned back to XYZ
    const served = await tile('own');
    expect(served.length).toBeGreaterThan(100);
    expect(served.equals(await tile('dataset'))).toBe(true);
    expect((await tile('own', { z: 14, x: 0, y: 0 })).length).toBe(0);
    // the copy is what is read: the original can go
    writeFileSync(file, 'gone');
    expect((await tile('own')).equals(served)).toBe(true);
  });

  it('switches back to the built-in basemap and removes the file with its copy', async () => {
    expect(value<{ own: { active: boolean } }>(await call('basemap.use', { datasetId, own: false })).own.active).toBe(false);
    expect(value<{ own: { active: boolean } }>(await call('basemap.get', { datasetId })).own.active).toBe(false);
    expect(value<{ own: { active: boolean } }>(await call('basemap.use', { datasetId, own: true })).own.active).toBe(true);
    expect(value<{ removed: boolean }>(await call('basemap.remove', { datasetId })).removed).toBe(true);
    expect(readdirSync(basemapsDir())).toEqual([]);
    expect(value<{ own: null }>(await call('basemap.get', { datasetId })).own).toBeNull();
    const r = await call('basemap.use', { datasetId, own: true });
    expect(r.ok).toBe(false);
    expect((await tile('own')).length).toBe(0);
  });

  it('adds a raster MBTiles written by GDAL from a real GeoTIFF, over HTTP as browser mode sends it', async () => {
    const file = join(tmp.dir, 'burundi.mbtiles');
    execFileSync('gdal_translate', ['-q', '-of', 'MBTiles', '-ot', 'Byte', '-scale', population('burundi-worldpop-ppp2000-1km.tif'), file]);
    const res = await fetch(`http://127.0.0.1:${http.port}/api/basemap.add`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${http.token}` }, body: JSON.stringify({ datasetId, path: file }),
    });
    const own = (await res.json() as { ok: boolean; value: { format: string; minZoom: number; bounds: number[] } });
    expect(own).toMatchObject({ ok: true, value: { format: 'png', container: 'mbtiles' } });
    const [w, s, e, n] = own.value.bounds;
    const z = own.value.minZoom;
    const png = await tile('own', { z, x: lonToX((w! + e!) / 2, z), y: latToY((s! + n!) / 2, z) });
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(readdirSync(basemapsDir())).toHaveLength(1);
  });

  it('adds a PMTiles v3 archive (gzip MVT) read with the pmtiles package, replacing the earlier file', async () => {
    const file = join(tmp.dir, 'meridia.pmtiles');
    writePmtiles(file, {
      tileType: 1, tileCompression: 2, bounds: [2.9, 0.4, 3.1, 0.6],
      tiles: ownTiles.map((t) => ({ ...t, data: gzipSync(t.data) })),
      metadata: { name: 'Meridia PMTiles', attribution: 'Synthetic data', vector_layers: LAYERS.map((id) => ({ id })) },
    });
    const own = value<{ container: string; format: string; vectorLayers: string[]; minZoom: number; maxZoom: number }>(await call('basemap.add', { datasetId, path: file }));
    expect(own).toMatchObject({ container: 'pmtiles', format: 'pbf', name: 'Meridia PMTiles', minZoom: Math.min(...ownTiles.map((t) => t.z)), maxZoom: 14 });
    expect(own.vectorLayers).toEqual(LAYERS);
    expect((await tile('own')).equals(await tile('dataset'))).toBe(true);
    const t10 = { z: 10, x: lonToX(config.centre.lon, 10), y: latToY(config.centre.lat, 10) };
    expect((await tile('own', t10)).equals(await tile('dataset', t10))).toBe(true);
    expect(readdirSync(basemapsDir()).filter((f) => f.endsWith('.pmtiles'))).toHaveLength(1);
    expect(readdirSync(basemapsDir())).toHaveLength(1); // the raster copy it replaced is deleted
  });

  it('refuses corrupt and wrong-format files with one line, and keeps the basemap it had', async () => {
    const good = join(tmp.dir, 'good.pmtiles');
    writePmtiles(good, { tileType: 1, tileCompression: 2, bounds: [2.9, 0.4, 3.1, 0.6], tiles: ownTiles.map((t) => ({ ...t, data: gzipSync(t.data) })), metadata: { vector_layers: [{ id: 'roads' }] } });
    const bytes = readFileSync(good);
    const cut = join(tmp.dir, 'cut.pmtiles');
    writeFileSync(cut, bytes.subarray(0, 140)); // header whole, directory cut short
    const scrambled = join(tmp.dir, 'scrambled.mbtiles');
    writeFileSync(scrambled, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4000, 0x5a)]));
    const noise = join(tmp.dir, 'noise.mbtiles');
    writeFileSync(noise, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)));
    const v2 = join(tmp.dir, 'old.pmtiles');
    writeFileSync(v2, Buffer.concat([Buffer.from('PMTiles'), Buffer.from([2]), Buffer.alloc(200)]));
    const avif = join(tmp.dir, 'avif.pmtiles');
    writePmtiles(avif, { tileType: 5, tileCompression: 1, bounds: [0, 0, 1, 1], tiles: [{ z: 0, x: 0, y: 0, data: new Uint8Array(10) }], metadata: {} });
    const noLayers = join(tmp.dir, 'nolayers.pmtiles');
    writePmtiles(noLayers, { tileType: 1, tileCompression: 1, bounds: [0, 0, 1, 1], tiles: [{ z: 0, x: 0, y: 0, data: new Uint8Array(10) }], metadata: {} });
    const cases: [string, RegExp][] = [
      [cut, /^path: cut\.pmtiles is not a readable PMTiles archive \(/],
      [scrambled, /^path: scrambled\.mbtiles is not a readable MBTiles \(/],
      [noise, /^path: noise\.mbtiles is neither an MBTiles \(SQLite\) nor a PMTiles file$/],
      [v2, /^path: old\.pmtiles is a PMTiles version 2 file; only version 3 is read$/],
      [avif, /^path: avif\.pmtiles holds Avif tiles; only vector \(MVT\) and png, jpg or webp images can be drawn$/],
      [noLayers, /^path: nolayers\.pmtiles is a vector tileset without vector_layers/],
      // wrong formats: a GeoPackage is SQLite but not MBTiles; an OSM extract is neither
      [population('porto-ine-bgri2021-1312.gpkg'), /^path: porto-ine-bgri2021-1312\.gpkg is a SQLite file but not an MBTiles: it has no tiles table$/],
      [osm('porto-centre-2020.osm.pbf'), /^path: porto-centre-2020\.osm\.pbf is neither an MBTiles \(SQLite\) nor a PMTiles file$/],
      [join(tmp.dir, 'missing.mbtiles'), /^path: missing\.mbtiles cannot be read \(ENOENT\)$/],
    ];
    for (const [path, message] of cases) {
      const r = await call('basemap.add', { datasetId, path });
      expect(r.ok, path).toBe(false);
      if (r.ok) continue;
      expect(r.error, path).toMatchObject({ code: 'invalid_input', field: 'path' });
      expect(r.error.message, path).toMatch(message);
      expect(r.error.message).not.toContain('\n');
    }
    // the same refusal in the reader's language, by its catalogue key (as the API client words it)
    const refused = await call('basemap.add', { datasetId, path: v2 });
    expect(!refused.ok && errorInWords(refused.error as ErrorBody, localeFor('fr'))).toBe('path : old.pmtiles est un fichier PMTiles version 2 ; seule la version 3 est lue');
    expect(!refused.ok && errorInWords(refused.error as ErrorBody, localeFor('uk'))).toBe('path: old.pmtiles — файл PMTiles версії 2; читається лише версія 3');
    expect(value<{ own: { name: string } }>(await call('basemap.get', { datasetId })).own.name).toBe('Meridia PMTiles');
    expect(readdirSync(basemapsDir())).toHaveLength(1); // nothing half-copied left behind
  });
  it('releases the open basemap files when the backend closes, and a reopened backend opens them again', async () => {
    // file descriptors of this process pointing into a data folder's basemaps/ (Linux: /proc/self/fd)
    const openInto = (dir: string) => readdirSync('/proc/self/fd').flatMap((fd) => {
      try { const target = readlinkSync(`/proc/self/fd/${fd}`); return target.startsWith(dir) ? [target] : []; } catch { return []; }
    });
    const folder = join(tmp.dir, 'closing');
    mkdirSync(folder);
    const dbPath = join(folder, 'db.sqlite');
    const pm = join(tmp.dir, 'closing.pmtiles');
    writePmtiles(pm, { tileType: 1, tileCompression: 2, bounds: [2.9, 0.4, 3.1, 0.6], tiles: ownTiles.map((t) => ({ ...t, data: gzipSync(t.data) })), metadata: { vector_layers: LAYERS.map((id) => ({ id })) } });
    const mb = join(tmp.dir, 'closing.mbtiles');
    mbtilesFromOwnTiles(mb);
    for (const file of [pm, mb]) {
      const b = openBackend(dbPath);
      const id = (b.handlers['datasets.list']({}) as { id: number }[])[0]!.id;
      const ownTile = async () => Buffer.from(await b.handlers['basemap.tile']({ datasetId: id, ...centre, source: 'own' }));
      await b.handlers['basemap.add']({ datasetId: id, path: file });
      expect((await ownTile()).length).toBeGreaterThan(0);
      expect(b.userBasemaps.openFiles).toBe(1);
      expect(openInto(join(folder, 'basemaps')), file).toHaveLength(1);
      b.close();
      expect(b.userBasemaps.openFiles).toBe(0);
      expect(openInto(join(folder, 'basemaps')), file).toEqual([]);
      // the copy is still there and a new backend serves it again
      const again = openBackend(dbPath);
      expect(Buffer.from(await again.handlers['basemap.tile']({ datasetId: id, ...centre, source: 'own' })).equals(await tileOf(id))).toBe(true);
      expect(openInto(join(folder, 'basemaps'))).toHaveLength(1);
      again.close();
      expect(openInto(join(folder, 'basemaps'))).toEqual([]);
    }
  });
});
