/**
 * Porto end to end: the OSM extract and the census GeoPackage (EPSG:3763) into ONE dataset, checked
 * against the counts documented in shared/data/SOURCES.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanPointInPolygon, centroid } from '@turf/turf';
import type { Db } from '../../core/store/db';
import { findDataset, loadDataset } from '../../core/store/datasets';
import type { DatasetBundle } from '../../core/model/dataset';
import { formatReport, importFiles, type ImportReport } from '../../core/import/pipeline';
import { HOSPITAL_GENERATOR_DAYS } from '../../core/import/inferred';
import { osm, population, tempDir, tempStore } from './helpers';

const PORTO_BBOX = [-8.6913, 41.1384, -8.5526, 41.1859] as const;

describe('Porto OSM + census into one dataset', () => {
  const tmp = tempDir();
  let db: Db;
  let report: ImportReport;
  let bundle: DatasetBundle;

  beforeAll(async () => {
    db = tempStore(tmp.dir);
    const phases = new Set<string>();
    report = await importFiles(db, [osm('porto-centre-2020.osm.pbf'), population('porto-ine-bgri2021-1312.gpkg')], {
      dataset: 'Porto', onProgress: (p) => phases.add(p.phase.split(':').pop()!.trim()),
    });
    console.log(formatReport(report));
    console.log('progress phases:', [...phases].join(' | '));
    bundle = loadDataset(db, report.datasetId);
  }, 120_000);
  afterAll(() => { db?.close(); tmp.cleanup(); });

  const bySource = (tag: string) => bundle.facilities.filter((f) => f.source.split(' ').includes(tag));

  it('keeps every facility the file tags, with its source tag', () => {
    expect(bySource('amenity=hospital')).toHaveLength(10);
    expect(bySource('power=substation')).toHaveLength(8);
    expect(bySource('man_made=water_works')).toHaveLength(2);
    expect(bySource('amenity=hospital').every((f) => f.sector === 'health' && f.kind === 'hospital')).toBe(true);
    expect(bySource('power=substation').every((f) => f.sector === 'power' && f.kind === 'substation')).toBe(true);
    expect(bySource('man_made=water_works').every((f) => f.sector === 'water' && f.kind === 'treatment_plant')).toBe(true);
    expect(bundle.facilities.map((f) => f.name)).toContain('Subestação da Serra do Pilar');
    expect(bundle.facilities.map((f) => f.name)).toContain('Hospital Geral de Santo António');
  });

  it('imports buildings from closed ways and multipolygons, and counts what it left out', () => {
    // SOURCES.md: 11,404 ways+relations carry building=*; the rest are unoccupied structures (garages, roofs)
    const left = Object.entries(report.files[0]!.skipped).filter(([k]) => k.startsWith('unoccupied')).reduce((s, [, v]) => s + v, 0);
    expect(bundle.buildings.length).toBeGreaterThan(11_000);
    expect(bundle.buildings.length + left).toBeGreaterThanOrEqual(11_404);
    expect(bundle.buildings.every((b) => b.geometry.type !== 'Point')).toBe(true);
    expect(bundle.buildings.some((b) => b.geometry.type === 'MultiPolygon' || b.geometry.coordinates.length > 1)).toBe(true);
  });

  it('makes hospitals protected sites linked to their facility', () => {
    const hospitals = bundle.protectedSites.filter((p) => p.category === 'hospital');
    expect(hospitals).toHaveLength(10);
    expect(hospitals.every((p) => p.facilityId && bundle.facilities.some((f) => f.id === p.facilityId))).toBe(true);
    expect(bundle.protectedSites.filter((p) => p.category === 'place_of_worship')).toHaveLength(71);
  });

  it('keeps the census totals, by sex, exactly (shares x residents)', () => {
    const units = bundle.populationUnits;
    expect(units).toHaveLength(1659);
    const residents = units.reduce((s, u) => s + u.residents, 0);
    const women = units.reduce((s, u) => s + (u.breakdown?.female ?? 0) * u.residents, 0);
    const men = units.reduce((s, u) => s + (u.breakdown ? 1 - u.breakdown.female : 0) * u.residents, 0);
    expect(residents).toBe(231_800);
    expect(Math.abs(women - 125_647) / 125_647).toBeLessThan(1e-6);
    expect(Math.abs(men - 106_153) / 106_153).toBeLessThan(1e-6);
    expect(report.files[1]!.crs).toBe('EPSG:3763');
    expect(report.crs).toEqual(['EPSG:4326', 'EPSG:3763']);
  });

  it('reprojects EPSG:3763 into Porto (a known subsection, and every unit inside the WGS84 bbox)', () => {
    const unit = bundle.populationUnits.find((u) => u.id.endsWith(':13121000702'))!;
    expect(unit).toBeDefined();
    const [lon, lat] = centroid(unit.geometry).geometry.coordinates as [number, number];
    expect(lon).toBeGreaterThan(-8.63); expect(lon).toBeLessThan(-8.61);
    expect(lat).toBeGreaterThan(41.16); expect(lat).toBeLessThan(41.18);
    for (const u of bundle.populationUnits) {
      const [x, y] = centroid(u.geometry).geometry.coordinates as [number, number];
      expect(x >= PORTO_BBOX[0] && x <= PORTO_BBOX[2] && y >= PORTO_BBOX[1] && y <= PORTO_BBOX[3]).toBe(true);
    }
  });

  it('allocates residents onto residential buildings by floor area, unit by unit', () => {
    const byUnit = new Map<string, number>();
    for (const b of bundle.buildings) if (b.unitId) byUnit.set(b.unitId, (byUnit.get(b.unitId) ?? 0) + b.residents);
    expect(byUnit.size).toBeGreaterThan(200); // SOURCES.md: 291 subsections intersect the OSM extract
    for (const u of bundle.populationUnits) {
      const onBuildings = byUnit.get(u.id);
      if (onBuildings !== undefined) expect(onBuildings).toBeCloseTo(u.residents, 6);
    }
    expect(bundle.buildings.filter((b) => b.residents > 0).every((b) => b.use === 'residential' || b.use === 'mixed')).toBe(true);
    // a building with residents lies in its unit
    const unitOf = new Map(bundle.populationUnits.map((u) => [u.id, u]));
    for (const b of bundle.buildings.filter((x) => x.unitId).slice(0, 500)) {
      expect(booleanPointInPolygon(centroid(b.geometry), unitOf.get(b.unitId!)!.geometry)).toBe(true);
    }
    expect(report.allocation.residentsOnBuildings + report.allocation.residentsOnUnits).toBeCloseTo(231_800, 3);
    expect(bundle.buildings.filter((b) => b.use === 'commercial').every((b) => b.workers > 0)).toBe(true);
  });

  it('infers power for water, health and communications from the nearest substation, with hospital backup', () => {
    const facilityOf = new Map(bundle.facilities.map((f) => [f.id, f]));
    const power = bundle.dependencies.filter((d) => d.input === 'power');
    expect(power.every((d) => d.inferred && facilityOf.get(d.supplierId)!.kind === 'substation')).toBe(true);
    const consumers = bundle.facilities.filter((f) => ['water', 'health', 'communications', 'sanitation'].includes(f.sector));
    expect(power).toHaveLength(consumers.length);
    for (const d of power.filter((x) => facilityOf.get(x.consumerId)!.kind === 'hospital')) expect(d.backupDays).toBe(HOSPITAL_GENERATOR_DAYS);
    const areas = bundle.serviceAreas.filter((s) => facilityOf.get(s.facilityId)!.kind === 'hospital');
    expect(areas.length).toBeGreaterThan(1);
    expect(areas.every((s) => s.inferred)).toBe(true);
    // a hospital lies in its own Voronoi cell
    for (const a of areas) expect(booleanPointInPolygon(facilityOf.get(a.facilityId)!.geometry, a.geometry)).toBe(true);
  });

  it('reports licences detected from the data', () => {
    expect(report.files[0]!.licence).toBe('ODbL 1.0');
    expect(report.files[0]!.attribution).toBe('© OpenStreetMap contributors');
    expect(report.files[0]!.licenceFrom).toBe('detected');
    expect(report.attribution).toContain('INE, Censos 2021');
    expect(findDataset(db, 'Porto')!.licence).toContain('ODbL 1.0');
  });

  it('re-importing the same file replaces what it brought instead of duplicating', async () => {
    const before = loadDataset(db, report.datasetId);
    const again = await importFiles(db, [osm('porto-centre-2020.osm.pbf')], { dataset: 'Porto' });
    const after = loadDataset(db, again.datasetId);
    expect(again.datasetId).toBe(report.datasetId);
    expect(again.files[0]!.replaced).toBe(before.buildings.length + before.facilities.length + before.protectedSites.length);
    expect(after.buildings).toHaveLength(before.buildings.length);
    expect(after.facilities).toHaveLength(before.facilities.length);
    expect(after.populationUnits).toHaveLength(1659);
    expect(again.contentHash).toBe(report.contentHash);
  }, 60_000);
});
