/**
 * The smaller findings of issue 15, each reproduced on real files and processes: a lon/lat file
 * claiming EPSG:3763, a CSV header echoed in errors, a 30000 x 30000 GeoTIFF, a newer-schema
 * database switched to WAL before being refused, EPIPE on `uia datasets | head`, and finished
 * jobs kept forever.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { writeArrayBuffer } from 'geotiff';
import { importFiles } from '../../core/import/pipeline';
import { MAX_RASTER_PIXELS } from '../../core/import/raster';
import { openStore } from '../../core/store/db';
import { Jobs, FINISHED_JOB_TTL_MS } from '../../core/api/jobs';
import { tableHashes } from '../support/db-hash';

const REPO = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'uia-small-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusedImport(file: string): Promise<string> {
  const db = openStore(join(dir, `${Math.random().toString(36).slice(2)}.sqlite`));
  const before = tableHashes(db);
  const err = await importFiles(db, [file], { dataset: 'X' }).then(() => null, (e: Error) => e);
  expect(tableHashes(db)).toEqual(before);
  db.close();
  expect(err).not.toBeNull();
  return err!.message;
}

describe('imports', () => {
  it('a GeoJSON in lon/lat that claims EPSG:3763 is refused, not imported as a 1 cm polygon', async () => {
    const file = join(dir, 'claims-3763.geojson');
    writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3763' } },
      features: [{ type: 'Feature', properties: { population: 120 }, geometry: { type: 'Polygon', coordinates: [[[-8.61, 41.14], [-8.60, 41.14], [-8.60, 41.15], [-8.61, 41.15], [-8.61, 41.14]]] } }],
    }));
    expect(await refusedImport(file)).toMatch(/look like longitude\/latitude degrees .* says EPSG:3763/);
  });

  it("a CSV's first line is not echoed in the error", async () => {
    const file = join(dir, 'secret.csv');
    writeFileSync(file, 'root:x:0:0:TOPSECRET-LINE,other\n1,2\n');
    const message = await refusedImport(file);
    expect(message).toMatch(/no longitude\/latitude columns among its 2 columns/);
    expect(message).not.toContain('TOPSECRET');
  });

  it('a 30000 x 30000 GeoTIFF is refused before any pixel is decoded', async () => {
    // a real 2 x 2 GeoTIFF whose ImageWidth/ImageLength tags are then set to 30000
    const buf = Buffer.from(writeArrayBuffer([1, 2, 3, 4], {
      width: 2, height: 2, ModelPixelScale: [0.001, 0.001, 0], ModelTiepoint: [0, 0, 0, 3, 0.5, 0], GeographicTypeGeoKey: 4326, GTModelTypeGeoKey: 2,
    } as never));
    const le = buf.toString('latin1', 0, 2) === 'II';
    const u16 = (o: number) => (le ? buf.readUInt16LE(o) : buf.readUInt16BE(o));
    const ifd = le ? buf.readUInt32LE(4) : buf.readUInt32BE(4), n = u16(ifd);
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + 12 * i, tag = u16(e), type = u16(e + 2);
      if (tag !== 256 && tag !== 257) continue;
      if (type === 3) { if (le) buf.writeUInt16LE(30000, e + 8); else buf.writeUInt16BE(30000, e + 8); }
      else if (le) buf.writeUInt32LE(30000, e + 8); else buf.writeUInt32BE(30000, e + 8);
    }
    const file = join(dir, 'bomb.tif');
    writeFileSync(file, buf);
    const t = performance.now();
    expect(await refusedImport(file)).toMatch(new RegExp(`30000 x 30000 = 900,000,000 pixels to read, more than the ${MAX_RASTER_PIXELS.toLocaleString('en')} accepted; give a window`));
    console.log(`30000 x 30000 GeoTIFF refused in ${(performance.now() - t).toFixed(0)} ms`);
  });
});

describe('the store', () => {
  it('a database of a newer schema is refused before it is switched to WAL', () => {
    const path = join(dir, 'newer.sqlite');
    const raw = new Database(path); raw.pragma('user_version = 999'); raw.close();
    expect(() => openStore(path)).toThrow(/schema version 999 is newer than this app supports/);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('the data folder is 0700 and the database 0600, even one created 0644 before', () => {
    const folder = join(dir, 'fresh', 'data');
    const db = openStore(join(folder, 'uia.sqlite')); db.close();
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, 'uia.sqlite')).mode & 0o777).toBe(0o600);
    const old = join(dir, 'old.sqlite');
    writeFileSync(old, '', { mode: 0o644 });
    openStore(old).close();
    expect(statSync(old).mode & 0o777).toBe(0o600);
  });
});

describe('processes', () => {
  it('`uia datasets | head -1` ends quietly, without an EPIPE stack trace', () => {
    const db = join(dir, 'pipe.sqlite');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${join(REPO, 'bin/uia.js')}" datasets --db "${db}" | head -c 1 >/dev/null`], { encoding: 'utf8', cwd: REPO });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  }, 120_000);

  it('finished jobs are forgotten after their TTL; running ones are kept', async () => {
    let now = 0;
    const jobs = new Jobs(() => now);
    // A failed job is finished as a done one is (results are typed per kind; the outcome does not matter here).
    const done = jobs.start('import', async () => { throw new Error('finished'); });
    let release!: () => void;
    const running = jobs.start('import', () => new Promise<never>((_, reject) => { release = () => reject(new Error('released')); }));
    await new Promise((r) => setTimeout(r, 20));
    expect(jobs.status(done)?.state).toBe('failed');
    now += FINISHED_JOB_TTL_MS + 1;
    expect(jobs.status(done)).toBeUndefined();
    expect(jobs.status(running)?.state).toBe('running');
    release();
  });
});
