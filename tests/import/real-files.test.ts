/**
 * Every other real file through the pipeline, each into its own dataset, checked against the
 * figures in shared/data/SOURCES.md. Import times are printed, not asserted.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centroid } from '@turf/turf';
import type { Db } from '../../core/store/db';
import { loadDataset } from '../../core/store/datasets';
import { formatReport, importFiles, type ImportOptions } from '../../core/import/pipeline';
import { osm, population, tempDir, tempStore } from './helpers';

const tmp = tempDir();
let db: Db;
beforeAll(() => { db = tempStore(tmp.dir); });
afterAll(() => { db?.close(); tmp.cleanup(); });

async function run(files: string[], opts: ImportOptions) {
  const r = await importFiles(db, files, opts);
  console.log(formatReport(r));
  return { report: r, bundle: loadDataset(db, r.datasetId) };
}
const residents = (units: { residents: number }[]) => units.reduce((s, u) => s + u.residents, 0);

describe('real files', () => {
  it('Monaco OSM: buildings, hospitals, water; no power layer (the file has none)', async () => {
    const { report, bundle } = await run([osm('monaco-2016.osm.pbf')], { dataset: 'Monaco' });
    expect(bundle.buildings.length).toBeGreaterThan(20_000);
    expect(bundle.facilities.filter((f) => f.source.split(' ').includes('amenity=hospital'))).toHaveLength(5);
    expect(bundle.facilities.filter((f) => f.sector === 'power')).toHaveLength(0);
    expect(bundle.dependencies).toHaveLength(0); // nothing to draw power from
    expect(report.files[0]!.licence).toBe('ODbL 1.0');
    expect(report.files[0]!.skipped['building ways that are not closed']).toBeGreaterThan(0);
  }, 120_000);

  it('Liechtenstein OSM: generators are the power supply when there is no substation', async () => {
    const { bundle } = await run([osm('liechtenstein-2015.osm.pbf')], { dataset: 'Liechtenstein' });
    const by = (tag: string) => bundle.facilities.filter((f) => f.source.split(' ').includes(tag)).length;
    expect(by('man_made=water_works')).toBe(2);
    expect(by('man_made=wastewater_plant')).toBe(1);
    expect(by('man_made=reservoir_covered')).toBe(3);
    expect(by('power=generator')).toBe(18);
    expect(by('amenity=hospital')).toBe(1);
    const plants = new Set(bundle.facilities.filter((f) => f.kind === 'plant').map((f) => f.id));
    const power = bundle.dependencies.filter((d) => d.input === 'power');
    expect(power.length).toBe(bundle.facilities.filter((f) => f.sector !== 'power').length);
    expect(power.every((d) => plants.has(d.supplierId))).toBe(true);
  }, 120_000);

  it('Helsinki OSM + HSY grid: 71,724 residents in 92 cells, ways cut at the extract edge counted', async () => {
    const { report, bundle } = await run([osm('helsinki-centre-2019.osm.pbf'), population('helsinki-hsy-population-grid-2020.gpkg')], { dataset: 'Helsinki' });
    expect(bundle.populationUnits).toHaveLength(92);
    expect(residents(bundle.populationUnits)).toBe(71_724);
    expect(bundle.facilities.filter((f) => f.kind === 'substation')).toHaveLength(1);
    expect(report.files[0]!.skipped['ways with missing nodes']).toBeGreaterThan(0);
    expect(report.files[1]!.licence).toBe('CC BY 4.0');
    // SOURCES.md: 22 cells intersect the OSM extract, so some but not all cells get buildings
    expect(report.allocation.unitsWithBuildings).toBeGreaterThan(5);
    expect(report.allocation.unitsWithBuildings).toBeLessThanOrEqual(22);
    const onBuildings = bundle.buildings.reduce((s, b) => s + b.residents, 0);
    expect(onBuildings + report.allocation.residentsOnUnits).toBeCloseTo(71_724, 3);
  }, 120_000);

  it('Burundi WorldPop GeoTIFF: 49,354 valid cells summing to about 9.13 M', async () => {
    const { report, bundle } = await run([population('burundi-worldpop-ppp2000-1km.tif')], { dataset: 'Burundi' });
    expect(bundle.populationUnits).toHaveLength(49_354);
    expect(report.files[0]!.skipped['NoData pixels']).toBe(209 * 259 - 49_354);
    expect(Math.abs(residents(bundle.populationUnits) - 9.13e6) / 9.13e6).toBeLessThan(0.005);
    expect(report.files[0]!.crs).toBe('EPSG:4326');
    const [lon, lat] = centroid(bundle.populationUnits[0]!.geometry).geometry.coordinates as [number, number];
    expect(lon).toBeGreaterThan(29.0); expect(lon).toBeLessThan(30.8);
    expect(lat).toBeGreaterThan(-4.5); expect(lat).toBeLessThan(-2.34);
  }, 120_000);

  it('Burundi GeoTIFF, Bujumbura window: about 404,000', async () => {
    const { bundle } = await run([population('burundi-worldpop-ppp2000-1km.tif')], { dataset: 'Bujumbura', window: [29.30, -3.45, 29.45, -3.30] });
    expect(Math.abs(residents(bundle.populationUnits) - 404_000) / 404_000).toBeLessThan(0.01);
    expect(bundle.populationUnits.length).toBeLessThanOrEqual(18 * 18);
    const positive = await run([population('burundi-worldpop-ppp2000-1km.tif')], { dataset: 'Bujumbura>0', window: [29.30, -3.45, 29.45, -3.30], positiveOnly: true });
    expect(positive.bundle.populationUnits.every((u) => u.residents > 0)).toBe(true);
    expect(residents(positive.bundle.populationUnits)).toBe(residents(bundle.populationUnits));
  }, 60_000);

  it('Porto census as WGS84 GeoJSON: the same 231,800 and the same places as the EPSG:3763 GeoPackage', async () => {
    const a = await run([population('porto-ine-bgri2021-1312.wgs84.geojson')], { dataset: 'Porto GeoJSON' });
    const b = await run([population('porto-ine-bgri2021-1312.gpkg')], { dataset: 'Porto GPKG' });
    expect(a.bundle.populationUnits).toHaveLength(1659);
    expect(residents(a.bundle.populationUnits)).toBe(231_800);
    expect(a.report.files[0]!.crs).toBe('EPSG:4326');
    // proj4 from the GeoPackage's own WKT agrees with GDAL/PROJ's reprojection to 1e-6 degrees (~0.1 m)
    const gpkgById = new Map(b.bundle.populationUnits.map((u) => [u.id.split(':').pop(), u]));
    let worst = 0;
    for (const u of a.bundle.populationUnits) {
      const v = gpkgById.get(u.id.split(':').pop())!;
      const p = (u.geometry.type === 'Polygon' ? u.geometry.coordinates[0]![0] : u.geometry.coordinates[0]![0]![0])!;
      const q = (v.geometry.type === 'Polygon' ? v.geometry.coordinates[0]![0] : v.geometry.coordinates[0]![0]![0])!;
      worst = Math.max(worst, Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]));
    }
    expect(worst).toBeLessThan(1e-6);
  }, 60_000);

  it('Porto census as a shapefile (made here with ogr2ogr): CRS from the ESRI .prj, breakdown from a given mapping', async () => {
    const shp = join(tmp.dir, 'porto-bgri.shp');
    execFileSync('ogr2ogr', ['-f', 'ESRI Shapefile', shp, population('porto-ine-bgri2021-1312.gpkg')], { stdio: 'ignore' });
    // dBase cuts column names to 10 characters, so the mapping is given; 15-64 is a sum of two columns
    const mapping = {
      id: 'BGRI2021', residents: 'N_INDIVIDU', male: 'N_INDIVI_1', female: 'N_INDIVI_2',
      age0to14: 'N_INDIVI_3', age15to64: ['N_INDIVI_4', 'N_INDIVI_5'], age65plus: 'N_INDIVI_6',
    };
    const { report, bundle } = await run([shp], { dataset: 'Porto SHP', mapping, licence: 'INE Portugal open data', attribution: 'INE, Censos 2021 – BGRI' });
    expect(bundle.populationUnits).toHaveLength(1659);
    expect(residents(bundle.populationUnits)).toBe(231_800);
    const women = bundle.populationUnits.reduce((s, u) => s + (u.breakdown?.female ?? 0) * u.residents, 0);
    expect(Math.abs(women - 125_647) / 125_647).toBeLessThan(1e-6);
    // the .prj GDAL writes is ESRI WKT without an EPSG code: proj4 reads the definition itself
    expect(report.files[0]!.crs).toMatch(/Portugal_TM06/);
    expect(report.files[0]!.licenceFrom).toBe('entered');
    const gpkg = loadDataset(db, (await importFiles(db, [population('porto-ine-bgri2021-1312.gpkg')], { dataset: 'Porto GPKG 2' })).datasetId);
    const byId = new Map(gpkg.populationUnits.map((u) => [u.id.split(':').pop(), u]));
    for (const u of bundle.populationUnits) {
      const v = byId.get(u.id.split(':').pop())!;
      expect(u.breakdown).toEqual(v.breakdown);
      const [x1, y1] = centroid(u.geometry).geometry.coordinates as [number, number];
      const [x2, y2] = centroid(v.geometry).geometry.coordinates as [number, number];
      expect(Math.abs(x1 - x2) + Math.abs(y1 - y2)).toBeLessThan(1e-6);
    }
  }, 60_000);

  it('facilities CSV: columns by name, capacity by sector, hospitals protected', async () => {
    const csv = join(tmp.dir, 'facilities.csv');
    writeFileSync(csv, 'id,name,sector,kind,capacity,longitude,latitude\nH1,Hospital A,health,hospital,120,-8.62,41.15\nS1,Sub A,power,substation,40,-8.61,41.14\nP1,Pump A,,pumping_station,50000,-8.60,41.16\nT1,Works A,water,treatment_plant,,-8.58,41.17\n');
    const { bundle } = await run([csv], { dataset: 'CSV facilities' });
    expect(bundle.facilities).toHaveLength(4);
    const h = bundle.facilities.find((f) => f.id.endsWith(':H1'))!;
    expect(h.capacity.beds).toBe(120);
    expect(bundle.facilities.find((f) => f.id.endsWith(':S1'))!.capacity.mw).toBe(40);
    expect(bundle.facilities.find((f) => f.id.endsWith(':P1'))!.sector).toBe('water');
    expect(bundle.protectedSites.map((p) => p.category)).toEqual(['hospital']);
    const water = bundle.dependencies.filter((d) => d.input === 'water');
    expect(water).toHaveLength(1);
    expect(water[0]!.supplierId.endsWith(':T1')).toBe(true);
  }, 60_000);
});
