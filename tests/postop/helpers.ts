/** Test helpers: temp stores, real shared data paths, per-table hashes, and a tiny point-shapefile writer. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../../core/store/db';

import { SHARED_DATA } from '../support/shared-data';

export const SHARED = SHARED_DATA;
export const ALEPPO = join(SHARED, 'damage/aleppo-unosat-damage-sites-2015.geojson');
export const ALEPPO_NEIGHBOURHOODS = join(SHARED, 'damage/aleppo-neighborhoods.geojson');
export const CEMS_DIR = join(SHARED, 'damage/ahrweiler-cems-emsr517-aoi15');
export const cems = (name: string) => join(CEMS_DIR, `EMSR517_AOI15_GRA_${name}.json`);

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'uia-postop-'));
}

export function tempStore(): { db: Db; dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'store.sqlite');
  return { db: openStore(path), dir, path };
}

export { tableHashes } from '../support/db-hash';

/** Writes a WGS84 point shapefile (.shp, .shx, .dbf, .prj) with character fields. */
export function writePointShapefile(stem: string, points: { lon: number; lat: number; props: Record<string, string> }[], fields: string[]): string {
  const n = points.length;
  const header = (lengthWords: number) => {
    const b = Buffer.alloc(100);
    b.writeInt32BE(9994, 0);
    b.writeInt32BE(lengthWords, 24);
    b.writeInt32LE(1000, 28);
    b.writeInt32LE(1, 32);
    const xs = points.map((p) => p.lon); const ys = points.map((p) => p.lat);
    b.writeDoubleLE(Math.min(...xs), 36); b.writeDoubleLE(Math.min(...ys), 44);
    b.writeDoubleLE(Math.max(...xs), 52); b.writeDoubleLE(Math.max(...ys), 60);
    return b;
  };
  const shp = [header((100 + n * 28) / 2)];
  const shx = [header((100 + n * 8) / 2)];
  points.forEach((p, i) => {
    const r = Buffer.alloc(28);
    r.writeInt32BE(i + 1, 0); r.writeInt32BE(10, 4); r.writeInt32LE(1, 8); r.writeDoubleLE(p.lon, 12); r.writeDoubleLE(p.lat, 20);
    shp.push(r);
    const x = Buffer.alloc(8);
    x.writeInt32BE((100 + i * 28) / 2, 0); x.writeInt32BE(10, 4);
    shx.push(x);
  });
  const width = 40;
  const h = Buffer.alloc(32 + 32 * fields.length + 1);
  h.writeUInt8(3, 0); h.writeUInt8(124, 1); h.writeUInt8(1, 2); h.writeUInt8(1, 3);
  h.writeUInt32LE(n, 4); h.writeUInt16LE(h.length, 8); h.writeUInt16LE(1 + width * fields.length, 10);
  fields.forEach((f, i) => {
    h.write(f.slice(0, 10), 32 + 32 * i, 'latin1');
    h.write('C', 32 + 32 * i + 11, 'latin1');
    h.writeUInt8(width, 32 + 32 * i + 16);
  });
  h.writeUInt8(0x0d, h.length - 1);
  const rows = points.map((p) => Buffer.from(' ' + fields.map((f) => (p.props[f] ?? '').padEnd(width).slice(0, width)).join(''), 'latin1'));
  writeFileSync(`${stem}.shp`, Buffer.concat(shp));
  writeFileSync(`${stem}.shx`, Buffer.concat(shx));
  writeFileSync(`${stem}.dbf`, Buffer.concat([h, ...rows, Buffer.from([0x1a])]));
  writeFileSync(`${stem}.prj`, 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]');
  return `${stem}.shp`;
}
