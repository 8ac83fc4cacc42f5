/**
 * Issue 12, done when: on Porto centre (OSM extract + 2021 census), medium profile, a 1 km2 area in
 * the Baixa, no sector shows a figure served by a facility beyond its bound, sanitation says "no
 * data", and the people present at Hospital Geral de Santo António follow its beds once an
 * engineer sets them (an edit through the store, then the dataset reloaded and re-prepared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Db } from '../../core/store/db';
import { listDatasets, loadDataset } from '../../core/store/datasets';
import { updateFacility } from '../../core/store/facilities';
import { importFiles } from '../../core/import/pipeline';
import { describeSectorProvenance, type DatasetBundle, type FacilityKind } from '../../core/model/dataset';
import type { Operation } from '../../core/model/operation';
import { entityLonLat, prepareCity, servedEntities, type CityModel } from '../../core/engine/city';
import { assess } from '../../core/engine/assess';
import { loadDefaultParameters, loadDefaultProfiles, resolveParameters, resolveServiceBounds } from '../../core/engine/parameters';
import { formatSectorFigure } from '../../core/model/format';
import { osm, population, tempDir, tempStore } from '../import/helpers';

const FILES = [osm('porto-centre-2020.osm.pbf'), population('porto-ine-bgri2021-1312.gpkg')];
// 1 km x 1 km about (-8.611, 41.147), the Baixa: 500 m is 0.00597 deg of longitude and 0.004497 deg of latitude there
const BAIXA: Operation['areas'][number]['geometry'] = { type: 'Polygon', coordinates: [[[-8.61697, 41.1425], [-8.60503, 41.1425], [-8.60503, 41.1515], [-8.61697, 41.1515], [-8.61697, 41.1425]]] };
const operation = (timeOfDay: 'night' | 'day'): Operation => ({ name: 'Baixa', areas: [{ id: 'A', name: 'Baixa', geometry: BAIXA, profileId: 'medium' }], settings: { timeOfDay, warningShare: 0, horizonDays: 30 } });
const parameters = loadDefaultParameters();
const run = (city: CityModel, t: 'night' | 'day', mode: 'montecarlo' | 'expectation' = 'montecarlo') => assess(city, operation(t), {
  profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name,
  runs: 200, seed: 7, mode, appVersion: 'test', createdAt: '2026-01-01T00:00:00Z',
});

/** Metres between two lon/lat points (equirectangular about their mean latitude: exact to <0.1% over a few km). */
function metres(a: [number, number], b: [number, number]): number {
  const k = (Math.PI / 180) * 6_371_008.8;
  return Math.hypot((a[0] - b[0]) * k * Math.cos(((a[1] + b[1]) / 2) * (Math.PI / 180)), (a[1] - b[1]) * k);
}

describe.runIf(FILES.every(existsSync))('Porto Baixa: figures that never claim more than the data holds', () => {
  const tmp = tempDir();
  let db: Db;
  let datasetId: number;
  let bundle: DatasetBundle;
  let city: CityModel;

  beforeAll(async () => {
    db = tempStore(tmp.dir);
    datasetId = (await importFiles(db, FILES, { dataset: 'Porto' })).datasetId;
    bundle = loadDataset(db, datasetId);
    city = prepareCity(bundle, 'porto');
  }, 180_000);
  afterAll(() => { db?.close(); tmp.cleanup(); });

  it('serves nobody beyond a facility\'s bound or outside the infrastructure extent', () => {
    const bounds = resolveServiceBounds();
    const lists = servedEntities(bundle, city, bounds);
    const ext = city.infrastructureExtent!;
    expect(ext).not.toBeNull();
    let checked = 0;
    bundle.facilities.forEach((f, i) => {
      const maxD = bounds.maxDistanceM[f.kind as FacilityKind];
      let people = 0;
      for (const e of lists[i]) {
        const p = entityLonLat(city, e);
        expect(metres(p, f.geometry.coordinates as [number, number])).toBeLessThanOrEqual(maxD * 1.002);
        expect(p[0] >= ext[0] && p[0] <= ext[2] && p[1] >= ext[1] && p[1] <= ext[3]).toBe(true);
        people += city.entityPop(e);
        checked++;
      }
      expect(people).toBeCloseTo(city.facilities.peopleServed[i], 6);
      if (Number.isFinite(bounds.maxPeople[f.kind as FacilityKind]) && f.capacity.peopleServed === undefined && !f.capacity.beds) {
        expect(people).toBeLessThanOrEqual(bounds.maxPeople[f.kind as FacilityKind]);
      }
    });
    expect(checked).toBeGreaterThan(1000);
    // the census covers the municipality, the OSM extract its centre: most residents are beyond the extent
    const water = city.service.unknownPop[0];
    expect(water).toBeGreaterThan(50_000);
    // no ornamental well or drinking fountain is taken as water supply
    expect(bundle.facilities.filter((f) => f.kind === 'well' && !/pump=/.test(f.source))).toHaveLength(0);
  });

  it('says "no data" for sanitation, never 0, and names what the other figures rest on', () => {
    const r = run(city, 'night');
    const san = r.infrastructure.sectors.sanitation;
    expect(san.status).toBe('nodata');
    expect(san.status === 'nodata' && san.reason).toMatch(/no sanitation facilities/);
    expect(formatSectorFigure(san, 'peopleWithoutService')).toMatch(/^no data: /);
    console.log(Object.entries(r.infrastructure.sectors).map(([s, o]) => `${s}: ${formatSectorFigure(o, 'peopleWithoutService')}${o.status === 'estimated' && o.inferred ? ` [inferred ${Math.round(o.inferred.share * 100)}%: ${o.inferred.facilities.join('; ')}]` : ''}`).join('\n'));
    for (const o of Object.values(r.infrastructure.sectors)) {
      if (o.status !== 'estimated') continue;
      // every figure is within what the bounded service areas of the facilities can lose
      const served = r.infrastructure.facilities.filter((f) => f.pDown > 0).reduce((s, f) => s + f.peopleServed, 0);
      expect(o.peopleWithoutService.p95).toBeLessThanOrEqual(served + 1e-6);
    }
    // the facilities hit serve nobody beyond their bound: no facility serves the municipality
    for (const f of r.infrastructure.facilities) expect(f.peopleServed).toBeLessThan(231_800 / 2);
  });

  it('the dataset summary lists per sector what is given and what is inferred', () => {
    const summary = listDatasets(db).find((d) => d.id === datasetId)!;
    expect(describeSectorProvenance(summary.sectors.sanitation)).toBe('no facilities: no data');
    const health = summary.sectors.health;
    expect(health.facilities).toBe(summary.counts.facilities.health);
    expect(health.serviceAreas).toEqual({ given: 0, inferred: health.facilities });
    expect(health.links.given).toBe(0);
    expect(health.links.inferred).toBe(health.facilities); // each draws power from an inferred substation
    expect(describeSectorProvenance(summary.sectors.power)).toMatch(/^\d+ facilities \(\d+ with capacity\); service areas 0 given, \d+ inferred; supply links 0 given, 0 inferred$/);
  });

  it('puts people at the hospital by its beds once they are set, and moves them with an edit', () => {
    const hospitalAt = (c: CityModel, t: 'night' | 'day') => run(c, t, 'expectation').protectedSites.find((p) => p.category === 'hospital' && /Santo Ant/i.test(p.name))!;
    const before = hospitalAt(city, 'night');
    expect(before).toBeDefined();
    const facility = bundle.facilities[city.protectedSites.find((p) => p.id === before.id)!.facility]!;
    console.log(`${before.name}: ${before.peoplePresent.toFixed(1)} present at night before beds are set`);
    expect(facility.kind).toBe('hospital');
    const p = resolveParameters(parameters.values);
    for (const beds of [600, 300]) {
      updateFacility(db, datasetId, facility.id, { capacity: { ...facility.capacity, beds } });
      const edited = prepareCity(loadDataset(db, datasetId), `porto-${beds}`);
      const night = hospitalAt(edited, 'night'), day = hospitalAt(edited, 'day');
      expect(night.peoplePresent).toBeCloseTo(beds * p.peoplePerBedPresent.night, 6);
      expect(day.peoplePresent).toBeCloseTo(beds * p.peoplePerBedPresent.day, 6);
      expect(night.peoplePresent).toBeGreaterThan(beds * 0.5);
    }
  }, 120_000);
});
