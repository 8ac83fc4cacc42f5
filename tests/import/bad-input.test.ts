/**
 * Bad inputs made here from the real files (truncated, bytes flipped, NaN and out-of-range
 * coordinates, empty, unknown CRS, unknown format) and a cancel mid-import: each fails with one
 * clear line naming the file, and every table of the database is byte-for-byte as before.
 */
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/store/db';
import { importFiles } from '../../core/import/pipeline';
import { ImportError } from '../../core/import/types';
import { osm, population, tableHashes, tempDir, tempStore } from './helpers';

const tmp = tempDir();
let db: Db;
const path = (name: string) => join(tmp.dir, name);

beforeAll(async () => {
  db = tempStore(tmp.dir);
  // a dataset to damage, if anything were written: the bad files go into the same dataset
  await importFiles(db, [osm('helsinki-centre-2019.osm.pbf'), population('helsinki-hsy-population-grid-2020.gpkg')], { dataset: 'City' });
}, 60_000);
afterAll(() => { db?.close(); tmp.cleanup(); });

function make(name: string, bytes: Buffer | string): string {
  writeFileSync(path(name), bytes);
  return path(name);
}

async function expectRejected(files: string[], message: RegExp, extra: Record<string, unknown> = {}): Promise<string> {
  const before = tableHashes(db);
  let error: unknown;
  try {
    await importFiles(db, files, { dataset: 'City', ...extra });
  } catch (e) {
    error = e;
  }
  expect(error, 'the import should have failed').toBeInstanceOf(Error);
  const msg = (error as Error).message;
  console.log(msg);
  expect(msg).toMatch(message);
  expect(msg.includes('\n')).toBe(false);
  expect(tableHashes(db)).toEqual(before);
  return msg;
}

describe('bad inputs fail clearly and change nothing', () => {
  const pbf = readFileSync(osm('porto-centre-2020.osm.pbf'));

  it('truncated PBF', async () => {
    const f = make('truncated.osm.pbf', pbf.subarray(0, Math.floor(pbf.length * 0.6)));
    const msg = await expectRejected([f], /^truncated\.osm\.pbf: corrupt or truncated OSM PBF/);
    expect(msg).toBeTruthy();
  });

  it('PBF with flipped bytes in a data block', async () => {
    const bad = Buffer.from(pbf);
    for (let i = 0; i < 64; i++) bad[Math.floor(bad.length / 2) + i] ^= 0xff;
    await expectRejected([make('flipped.osm.pbf', bad)], /^flipped\.osm\.pbf: corrupt or truncated OSM PBF/);
  });

  it('a good file and a bad one together: nothing of the good one is written either', async () => {
    const f = make('truncated2.osm.pbf', pbf.subarray(0, 100_000));
    await expectRejected([osm('monaco-2016.osm.pbf'), f], /^truncated2\.osm\.pbf: corrupt or truncated/);
  });

  it('empty file', async () => {
    await expectRejected([make('empty.osm.pbf', Buffer.alloc(0))], /^empty\.osm\.pbf: empty file$/);
  });

  it('unknown format', async () => {
    await expectRejected([make('notes.dat', 'just some text, not geodata\n')], /^notes\.dat: unknown format/);
  });

  it('file whose name and content disagree', async () => {
    await expectRejected([make('fake.gpkg', 'this is not a database')], /^fake\.gpkg: the name says GeoPackage .* but the content does not look like it/);
  });

  const geojson = readFileSync(population('porto-ine-bgri2021-1312.wgs84.geojson'), 'utf8');

  it('GeoJSON with NaN coordinates', async () => {
    const f = make('nan.geojson', geojson.replace(/-8\.\d+/, 'NaN'));
    await expectRejected([f], /^nan\.geojson: not valid JSON/);
  });

  it('GeoJSON with null coordinates', async () => {
    const f = make('null.geojson', geojson.replace(/-8\.\d+/, 'null'));
    await expectRejected([f], /^null\.geojson: feature 1: coordinate \[null, .*\] is not a finite number/);
  });

  it('GeoJSON with an out-of-range longitude', async () => {
    const f = make('range.geojson', geojson.replace(/-8\.\d+/, '-208.6'));
    await expectRejected([f], /^range\.geojson: feature 1: coordinate \[-208\.6, 41\.\d+\] is out of range for longitude\/latitude/);
  });

  it('GeoJSON with an unknown legacy CRS', async () => {
    const f = make('crs.geojson', geojson.replace(/"type":\s*"FeatureCollection"/, '"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::99999"}}'));
    expect(readFileSync(f, 'utf8').includes('EPSG::99999')).toBe(true);
    await expectRejected([f], /^crs\.geojson: unknown CRS EPSG:99999/);
  });

  it('GeoPackage whose layer SRS is not defined', async () => {
    const f = path('nosrs.gpkg');
    copyFileSync(population('porto-ine-bgri2021-1312.gpkg'), f);
    const g = new Database(f);
    g.prepare("UPDATE gpkg_spatial_ref_sys SET definition = 'undefined', organization = 'NONE' WHERE srs_id = 3763").run();
    g.close();
    await expectRejected([f], /^nosrs\.gpkg: unknown CRS/);
  });

  it('GeoPackage with a CRS definition nobody can read', async () => {
    const f = path('badsrs.gpkg');
    copyFileSync(population('porto-ine-bgri2021-1312.gpkg'), f);
    const g = new Database(f);
    g.prepare("UPDATE gpkg_spatial_ref_sys SET definition = 'PROJCS[\"Mystery\",GEOGCS[\"Nowhere\"],PROJECTION[\"No_Such_Projection\"]]', organization = 'LOCAL', organization_coordsys_id = 1 WHERE srs_id = 3763").run();
    g.close();
    await expectRejected([f], /^badsrs\.gpkg: (unsupported|unknown) CRS/);
  });

  it('truncated GeoPackage', async () => {
    const bytes = readFileSync(population('porto-ine-bgri2021-1312.gpkg'));
    await expectRejected([make('half.gpkg', bytes.subarray(0, Math.floor(bytes.length / 2)))], /^half\.gpkg: corrupt GeoPackage/);
  });

  it('GeoTIFF with flipped bytes in the compressed pixels', async () => {
    const bytes = Buffer.from(readFileSync(population('burundi-worldpop-ppp2000-1km.tif')));
    for (let i = 0; i < 2000; i++) bytes[20_000 + i] ^= 0x5a;
    await expectRejected([make('flipped.tif', bytes)], /^flipped\.tif: corrupt GeoTIFF/);
  });

  it('truncated GeoTIFF', async () => {
    const bytes = readFileSync(population('burundi-worldpop-ppp2000-1km.tif'));
    await expectRejected([make('cut.tif', bytes.subarray(0, 30_000))], /^cut\.tif: corrupt GeoTIFF/);
  });

  it('CSV with an unknown facility kind', async () => {
    const f = make('bad.csv', 'name,kind,lon,lat\nA,hospital,-8.6,41.1\nB,castle,-8.6,41.1\n');
    await expectRejected([f], /^bad\.csv: line 3: kind "castle" is not a facility kind/);
  });

  it('CSV with a latitude out of range', async () => {
    const f = make('lat.csv', 'name,kind,lon,lat\nA,hospital,-8.6,141.1\n');
    await expectRejected([f], /^lat\.csv: line 2: coordinate \[-8\.6, 141\.1\] is not a valid longitude\/latitude/);
  });

  it('population file whose mapping names a column it lacks', async () => {
    await expectRejected([population('helsinki-hsy-population-grid-2020.gpkg')], /the field mapping names column asukkaita that the file does not have/, { mapping: { residents: 'asukkaita' } });
  });
});

describe('cancel', () => {
  it('an abort mid-parse rolls back: the error is a cancellation and nothing changed', async () => {
    const before = tableHashes(db);
    const controller = new AbortController();
    let seenBytes = 0;
    const run = importFiles(db, [osm('monaco-2016.osm.pbf')], {
      dataset: 'City', signal: controller.signal,
      onProgress: (p) => { if (p.bytesRead > 0 && !controller.signal.aborted) { seenBytes = p.bytesRead; controller.abort(); } },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(seenBytes).toBeGreaterThan(0);
    expect(seenBytes).toBeLessThan(readFileSync(osm('monaco-2016.osm.pbf')).length);
    expect(tableHashes(db)).toEqual(before);
  });

  it('an abort after reading, before writing, also leaves the database as it was', async () => {
    const before = tableHashes(db);
    const controller = new AbortController();
    const run = importFiles(db, [population('helsinki-hsy-population-grid-2020.gpkg')], {
      dataset: 'City', signal: controller.signal,
      onProgress: (p) => { if (p.phase === 'inferring dependencies and service areas') controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(tableHashes(db)).toEqual(before);
  });

  it('ImportError is what bad files raise', async () => {
    await expect(importFiles(db, [make('e.csv', '')], { dataset: 'City' })).rejects.toBeInstanceOf(ImportError);
  });
});
