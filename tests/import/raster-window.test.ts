/**
 * Windowed GeoTIFF reads: real GeoTIFFs written with GDAL, larger than the pixel cap, every pixel
 * holding its own index (row * width + column + 1) so a misplaced window shows in the values.
 * A window under the cap is read (lon/lat and projected rasters); one over it is refused; without
 * a window the dataset's buildings and facilities (with a margin) bound the read.
 */
import { DomainError, errorInWords } from '../../core/model/errors';
import { localeFor } from '../../core/i18n/locale';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { centroid } from '@turf/turf';
import { importFiles } from '../../core/import/pipeline';
import { MAX_RASTER_PIXELS } from '../../core/import/raster';
import { findDataset, loadDataset } from '../../core/store/datasets';
import type { PopulationUnit } from '../../core/model/dataset';
import { tableHashes, tempDir, tempStore } from './helpers';

const SIZE = 2100; // 4,410,000 pixels: over the cap
const { dir, cleanup } = tempDir('uia-raster-window-');
afterAll(cleanup);

/** A SIZE x SIZE float32 GeoTIFF (tiled, deflate) whose pixel (r, c) holds r * SIZE + c + 1. */
function indexRaster(name: string, srs: string, ulx: number, uly: number, pixel: number): string {
  const values = new Float32Array(SIZE * SIZE);
  for (let i = 0; i < values.length; i++) values[i] = i + 1;
  const raw = join(dir, `${name}.bil`);
  writeFileSync(raw, Buffer.from(values.buffer));
  writeFileSync(join(dir, `${name}.hdr`), `BYTEORDER I\nLAYOUT BIL\nNROWS ${SIZE}\nNCOLS ${SIZE}\nNBANDS 1\nNBITS 32\nPIXELTYPE FLOAT\n`);
  const tif = join(dir, `${name}.tif`);
  execFileSync('gdal_translate', ['-q', '-of', 'GTiff', '-co', 'TILED=YES', '-co', 'COMPRESS=DEFLATE', '-a_srs', srs,
    '-a_ullr', String(ulx), String(uly), String(ulx + SIZE * pixel), String(uly - SIZE * pixel), raw, tif]);
  return tif;
}

const cell = (u: PopulationUnit) => {
  const m = /r(\d+)c(\d+)$/.exec(u.id)!;
  return { r: Number(m[1]), c: Number(m[2]) };
};

let lonLat: string, utm: string;
beforeAll(() => {
  expect(SIZE * SIZE).toBeGreaterThan(MAX_RASTER_PIXELS);
  lonLat = indexRaster('lonlat', 'EPSG:4326', -8.7, 41.2, 0.001);
  utm = indexRaster('utm29', 'EPSG:32629', 500_000, 4_600_000, 100); // 210 km square over northern Portugal
});

async function importInto(files: string[], window?: [number, number, number, number]) {
  const db = tempStore(dir, `${Math.random().toString(36).slice(2)}.sqlite`);
  const before = tableHashes(db);
  try {
    const report = await importFiles(db, files, { dataset: 'city', window });
    const units = loadDataset(db, findDataset(db, 'city')!.id).populationUnits;
    return { report, units, error: null, refusal: null };
  } catch (e) {
    expect(tableHashes(db)).toEqual(before); // a refused import stores nothing
    return { report: null, units: [], error: (e as Error).message, refusal: e as DomainError };
  } finally {
    db.close();
  }
}

describe('windowed GeoTIFF reads', () => {
  it('reads a lon/lat window under the cap from a raster over it, each pixel from its own place', async () => {
    const { units, error, report } = await importInto([lonLat], [-8.6, 41.1, -8.5, 41.15]);
    expect(error).toBeNull();
    expect(units).toHaveLength(100 * 50); // columns 100..199, rows 50..99
    for (const u of units) {
      const { r, c } = cell(u);
      expect(r).toBeGreaterThanOrEqual(50); expect(r).toBeLessThan(100);
      expect(c).toBeGreaterThanOrEqual(100); expect(c).toBeLessThan(200);
      expect(u.residents).toBe(r * SIZE + c + 1);
      const [lon, lat] = u.geometry.type === 'Polygon' ? u.geometry.coordinates[0]![0]! : [NaN, NaN];
      expect(lon).toBeCloseTo(-8.7 + c * 0.001, 9);
      expect(lat).toBeCloseTo(41.2 - r * 0.001, 9);
    }
    expect(report!.files[0]!.notes.join(' ')).toMatch(/pixels 100\.\.199 x 50\.\.99/);
  });

  it('reads a window of a projected (UTM) raster: the pixels whose centres are inside, with their values', async () => {
    const win: [number, number, number, number] = [-8.6, 41.1, -8.55, 41.13];
    const { units, error } = await importInto([utm], win);
    expect(error).toBeNull();
    // about 4.2 km x 3.3 km of 100 m pixels
    expect(units.length).toBeGreaterThan(1250); expect(units.length).toBeLessThan(1550);
    for (const u of units) {
      const { r, c } = cell(u);
      expect(u.residents).toBe(r * SIZE + c + 1);
      const [lon, lat] = centroid(u.geometry).geometry.coordinates as [number, number];
      expect(lon).toBeGreaterThanOrEqual(win[0]); expect(lon).toBeLessThanOrEqual(win[2]);
      expect(lat).toBeGreaterThanOrEqual(win[1]); expect(lat).toBeLessThanOrEqual(win[3]);
    }
  });

  it('refuses a raster cut short in its pixel data (read in parts, the missing end would read as zeros)', async () => {
    const cut = join(dir, 'cut.tif');
    const bytes = readFileSync(lonLat);
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    const { error } = await importInto([cut], [-8.6, 41.1, -8.5, 41.15]);
    expect(error).toMatch(/^cut\.tif: corrupt GeoTIFF: pixel data runs to byte \d+ of a \d+-byte file \(is the file truncated\?\)/);
  });

  it('refuses a window over the cap, naming the pixels and what to do', async () => {
    const { error, refusal } = await importInto([lonLat], [-8.7, 39.15, -6.65, 41.2]);
    expect(error).toMatch(/2050 x 2050 = 4,202,500 pixels to read, more than the 4,000,000 accepted; give a smaller window/);
    // in the reader's language, the counts grouped as it groups them
    expect(errorInWords(refusal!, localeFor('fr'))).toMatch(/2050 x 2050 = 4\s202\s500 pixels à lire, plus que les 4\s000\s000 acceptés ; donnez une fenêtre plus petite/);
    expect(errorInWords(refusal!, localeFor('uk'))).toMatch(/2050 x 2050 = 4\s202\s500 пікселів для читання/);
  });

  it('refuses the whole raster when nothing bounds it, saying how to give a window', async () => {
    const { error } = await importInto([lonLat]);
    expect(error).toMatch(/2100 x 2100 = 4,410,000 pixels to read, more than the 4,000,000 accepted; give a window \(west,south,east,north in degrees\) around the city, or import the city's buildings first/);
  });

  it("without a window, reads the raster over the dataset's facilities and a 2 km margin", async () => {
    const csv = join(dir, 'hospitals.csv');
    writeFileSync(csv, 'id,name,kind,lon,lat,beds\nh1,Santo Antonio,hospital,-8.6205,41.1475,500\nh2,Sao Joao,hospital,-8.6015,41.1815,1000\n');
    const { units, error, report } = await importInto([lonLat, csv]);
    expect(error).toBeNull();
    expect(report!.files.map((f) => f.format)).toEqual(['geotiff', 'csv']); // reported in the order given
    expect(report!.files[0]!.notes.join(' ')).toMatch(/more than the 4,000,000 read at once: only the dataset's area/);
    const dLat = 2000 / 111_320, dLon = dLat / Math.cos((41.1645 * Math.PI) / 180);
    // the hospitals span 0.019 x 0.034 degrees; the store rounds their boxes outwards by a hair
    const cols = new Set(units.map((u) => cell(u).c)).size, rows = new Set(units.map((u) => cell(u).r)).size;
    expect(Math.abs(cols - (0.019 + 2 * dLon) / 0.001)).toBeLessThan(2.5);
    expect(Math.abs(rows - (0.034 + 2 * dLat) / 0.001)).toBeLessThan(2.5);
    expect(units).toHaveLength(cols * rows);
    // the pixel under each hospital is there, with its own value
    for (const [lon, lat] of [[-8.6205, 41.1475], [-8.6015, 41.1815]] as const) {
      const r = Math.floor((41.2 - lat) / 0.001), c = Math.floor((lon + 8.7) / 0.001);
      expect(units.find((u) => u.id.endsWith(`r${r}c${c}`))?.residents).toBe(r * SIZE + c + 1);
    }
  });
});
