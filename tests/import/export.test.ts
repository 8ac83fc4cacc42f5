/**
 * Export round trips: a dataset written to GeoPackage is read back by GDAL's ogrinfo (layer names,
 * feature counts, EPSG:4326) and by our own GeoPackage importer; GeoJSON export keeps every feature.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/store/db';
import { loadDataset } from '../../core/store/datasets';
import type { DatasetBundle } from '../../core/model/dataset';
import { exportGeoPackage } from '../../core/formats/gpkg-write';
import { exportGeoJson } from '../../core/formats/geojson-write';
import { importFiles } from '../../core/import/pipeline';
import { osm, population, tempDir, tempStore } from './helpers';

const tmp = tempDir();
let db: Db;
let bundle: DatasetBundle;
beforeAll(async () => {
  db = tempStore(tmp.dir);
  const r = await importFiles(db, [osm('porto-centre-2020.osm.pbf'), population('porto-ine-bgri2021-1312.gpkg')], { dataset: 'Porto' });
  bundle = loadDataset(db, r.datasetId);
}, 120_000);
afterAll(() => { db?.close(); tmp.cleanup(); });

describe('GeoPackage export', () => {
  it('ogrinfo reads four layers with the right counts, all in EPSG:4326', () => {
    const out = join(tmp.dir, 'porto.gpkg');
    const summary = exportGeoPackage(db, 'Porto', out);
    const info = execFileSync('ogrinfo', ['-so', '-al', out], { encoding: 'utf8' });
    const layers = [...info.matchAll(/Layer name: (\w+)/g)].map((m) => m[1]);
    expect(layers).toEqual(['population_units', 'buildings', 'facilities', 'protected_sites']);
    const counts = [...info.matchAll(/Feature Count: (\d+)/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([bundle.populationUnits.length, bundle.buildings.length, bundle.facilities.length, bundle.protectedSites.length]);
    expect(counts).toEqual(Object.values(summary.layers));
    expect([...info.matchAll(/ID\["EPSG",4326\]\]/g)]).toHaveLength(4);
    expect(info).toMatch(/Geometry: Multi Polygon/);
    expect(info).toMatch(/Geometry: Point/);
    // attributes survive: GDAL sums the residents back to the census total
    const sum = execFileSync('ogrinfo', ['-q', out, '-sql', 'SELECT SUM(residents) AS s FROM population_units'], { encoding: 'utf8' });
    expect(sum).toMatch(/s \(Real\) = 231800/);
    const hospitals = execFileSync('ogrinfo', ['-q', out, '-sql', "SELECT COUNT(*) AS n FROM facilities WHERE kind = 'hospital'"], { encoding: 'utf8' });
    expect(hospitals).toMatch(/n \(Integer\) = 10/);
  });

  it('refuses to overwrite unless asked', () => {
    const out = join(tmp.dir, 'twice.gpkg');
    exportGeoPackage(db, 'Porto', out);
    expect(() => exportGeoPackage(db, 'Porto', out)).toThrow(/already exists/);
    expect(() => exportGeoPackage(db, 'Porto', out, { overwrite: true })).not.toThrow();
  });

  it('our own importer reads the exported population layer back with the same totals', async () => {
    const out = join(tmp.dir, 'back.gpkg');
    exportGeoPackage(db, 'Porto', out);
    const r = await importFiles(db, [out], { dataset: 'Back', layer: 'population_units', mapping: { id: 'unit_id', residents: 'residents' } });
    expect(r.files[0]!.crs).toBe('EPSG:4326');
    expect(r.totals.populationUnits).toBe(1659);
    expect(r.totals.residents).toBe(231_800);
  });
});

describe('GeoJSON export', () => {
  it('writes every record with its layer, and the licence', () => {
    const out = join(tmp.dir, 'porto.geojson');
    const { features } = exportGeoJson(db, 'Porto', out);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(features).toBe(bundle.populationUnits.length + bundle.buildings.length + bundle.facilities.length + bundle.protectedSites.length);
    const count = (layer: string) => fc.features.filter((f: { properties: { layer: string } }) => f.properties.layer === layer).length;
    expect(count('facility')).toBe(bundle.facilities.length);
    expect(count('building')).toBe(bundle.buildings.length);
    expect(fc.licence).toContain('ODbL 1.0');
    const info = execFileSync('ogrinfo', ['-so', '-al', out], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`Feature Count: ${features}`));
  });
});
