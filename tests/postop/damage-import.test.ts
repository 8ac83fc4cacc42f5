/** Damage import on the real UNOSAT Aleppo and Copernicus EMSR517 AOI15 files (shared/data, read in place). */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureEmptyDataset, importObservations } from '../../core/postop/damage-import';
import { DomainError } from '../../core/model/errors';
import type { Db } from '../../core/store/db';
import { ALEPPO, ALEPPO_NEIGHBOURHOODS, cems, tableHashes, tempDir, tempStore, writePointShapefile } from './helpers';

let db: Db | null = null;
afterEach(() => { db?.close(); db = null; });

const count = (d: Db, sql: string, ...args: unknown[]) => (d.prepare(sql).get(...args) as { n: number }).n;

describe('UNOSAT Aleppo CE20130604SYR', () => {
  it('imports all 14,058 sites with the published class counts, code 6 as no damage', async () => {
    ({ db } = tempStore());
    const id = ensureEmptyDataset(db, 'Aleppo');
    const r = await importObservations(db, [ALEPPO], { dataset: 'Aleppo' });
    expect(r.total).toBe(14_058);
    expect(r.byClass).toEqual({ 4: 2_878, 3: 6_879, 2: 4_277, 1: 0, 0: 24 });
    expect(r.byClass[2] + r.byClass[3] + r.byClass[4]).toBe(14_034); // UNOSAT's published affected structures
    expect(r.outsideFootprint).toBe(0);
    expect(r.products[0]!.footprint).toBe('none');
    expect(r.sensorDates).toEqual(['2015-04-26', '2015-05-01']);
    expect(r.skipped).toEqual([]);
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE dataset_id = ? AND kind = 'building_damage'`, id)).toBe(14_058);
    expect(count(db, `SELECT COUNT(*) n FROM observations_rtree`)).toBe(14_058);
    const row = db.prepare(`SELECT damage_class, raw_value, source, sensor_date, json_extract(data, '$.classField') f FROM observations WHERE raw_value = '6' LIMIT 1`).get() as Record<string, unknown>;
    expect(row).toMatchObject({ damage_class: 0, raw_value: '6', f: 'Main_Dam_2' });
    expect(String(row.source)).toContain('UNITAR-UNOSAT');
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE sensor_date = '2015-05-01'`)).toBe(390);

    // Re-importing the same product replaces it: no duplicates.
    const again = await importObservations(db, [ALEPPO], { dataset: id });
    expect(again.products[0]!.replaced).toBe(14_058);
    expect(count(db, `SELECT COUNT(*) n FROM observations`)).toBe(14_058);
  });

  it('counts only damage inside a footprint polygon given with the product', async () => {
    ({ db } = tempStore());
    ensureEmptyDataset(db, 'Aleppo');
    const r = await importObservations(db, [ALEPPO, ALEPPO_NEIGHBOURHOODS], { dataset: 'Aleppo' });
    expect(r.products[0]!.footprint).toBe('imported');
    expect(r.total + r.outsideFootprint).toBe(14_058);
    expect(r.outsideFootprint).toBeGreaterThan(0);
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE kind = 'building_damage'`)).toBe(r.total);
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE kind = 'footprint'`)).toBe(133);
  });

  it('reads the raw shapefile layout: latest sensor per site wins, labels and codes alike', async () => {
    ({ db } = tempStore());
    ensureEmptyDataset(db, 'Aleppo');
    const fc = JSON.parse(readFileSync(ALEPPO, 'utf8')) as { features: { geometry: { coordinates: number[] }; properties: Record<string, string> }[] };
    const sample = fc.features.slice(0, 300);
    // Sites 0-99 were assessed only on the second image (Main_Dam_1), the rest on the third (Main_Dam_2, as label).
    const labels: Record<string, string> = { 1: 'Destroyed', 2: 'Severe Damage', 3: 'Moderate Damage', 6: 'No Visible Damage' };
    const points = sample.map((f, i) => ({
      lon: f.geometry.coordinates[0]!, lat: f.geometry.coordinates[1]!,
      props: i < 100
        ? { EventCode: 'CE20130604SYR', Main_Damag: '3', SensorDate: '2013/09/23', Main_Dam_1: f.properties.Main_Dam_2!, SensorDa_1: '2014/05/23', Main_Dam_2: '', SensorDa_2: '' }
        : { EventCode: 'CE20130604SYR', Main_Damag: '3', SensorDate: '2013/09/23', Main_Dam_1: '3', SensorDa_1: '2014/05/23', Main_Dam_2: labels[f.properties.Main_Dam_2!]!, SensorDa_2: f.properties.SensorDa_2! },
    }));
    const shp = writePointShapefile(join(tempDir(), 'Damage_Sites_Aleppo'), points,
      ['EventCode', 'Main_Damag', 'SensorDate', 'Main_Dam_1', 'SensorDa_1', 'Main_Dam_2', 'SensorDa_2']);
    const r = await importObservations(db, [shp], { dataset: 'Aleppo' });
    const expected = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 } as Record<number, number>;
    const map: Record<string, number> = { 1: 4, 2: 3, 3: 2, 6: 0 };
    for (const f of sample) expected[map[f.properties.Main_Dam_2!]!]!++;
    expect(r.byClass).toEqual(expected);
    expect(r.product).toBe('UNOSAT_CE20130604SYR');
    expect(r.sensorDates).toContain('2014-05-23');
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE json_extract(data, '$.classField') = 'Main_Dam_1'`)).toBe(100);
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE sensor_date = '2014-05-23'`)).toBe(100);
  });

  it('reads a CSV of sites with a Grouped_Da label column', async () => {
    ({ db } = tempStore());
    ensureEmptyDataset(db, 'Aleppo');
    const fc = JSON.parse(readFileSync(ALEPPO, 'utf8')) as { features: { geometry: { coordinates: number[] }; properties: Record<string, string> }[] };
    const labels: Record<string, string> = { 1: 'Destroyed', 2: 'Severe Damage', 3: 'Moderate Damage', 6: 'No Visible Damage' };
    const rows = fc.features.map((f) => `"${f.properties.SiteID}",${labels[f.properties.Main_Dam_2!]},${f.properties.SensorDa_2},${f.geometry.coordinates[1]},${f.geometry.coordinates[0]}`);
    const csv = join(tempDir(), 'aleppo.csv');
    writeFileSync(csv, ['SiteID,Grouped_Da,SensorDa_2,Latitude,Longitude', ...rows].join('\n'));
    const r = await importObservations(db, [csv], { dataset: 'Aleppo' });
    expect(r.byClass).toEqual({ 4: 2_878, 3: 6_879, 2: 4_277, 1: 0, 0: 24 });
  });
});

describe('Copernicus EMSR517 AOI15 grading', () => {
  it('PRODUCT then MONIT01: the monitoring update replaces the first grading, it does not add', async () => {
    ({ db } = tempStore());
    const id = ensureEmptyDataset(db, 'Bad Neuenahr-Ahrweiler');
    const first = await importObservations(db, [cems('PRODUCT_areaOfInterestA_r1_v1'), cems('PRODUCT_builtUpP_r1_v1')], { dataset: id, sensorDate: '2021-07-19' });
    expect(first.product).toBe('EMSR517_AOI15_GRA');
    expect(first.total).toBe(3_814);
    expect(first.byClass).toEqual({ 4: 336, 3: 687, 2: 0, 1: 2_791, 0: 0 });
    expect(first.outsideFootprint).toBe(0);
    expect(first.products[0]).toMatchObject({ versionLabel: 'PRODUCT r1 v1', footprint: 'imported', replaced: 0 });

    const second = await importObservations(db, [cems('MONIT01_builtUpP_r1_v3'), cems('MONIT01_areaOfInterestA_r1_v3')], { dataset: id, sensorDate: '2021-08-11' });
    expect(second.total).toBe(7_006);
    expect(second.byClass).toEqual({ 4: 753, 3: 5_078, 2: 0, 1: 1_175, 0: 0 });
    expect(second.products[0]).toMatchObject({ versionLabel: 'MONIT01 r1 v3', replaced: 3_814 + 1 });

    const stored = db.prepare(`SELECT raw_value, COUNT(*) n FROM observations WHERE dataset_id = ? AND product = 'EMSR517_AOI15_GRA' AND kind = 'building_damage' GROUP BY raw_value ORDER BY raw_value`).all(id);
    expect(stored).toEqual([{ raw_value: 'Damaged', n: 5_078 }, { raw_value: 'Destroyed', n: 753 }, { raw_value: 'Possibly damaged', n: 1_175 }]);
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE kind = 'footprint'`)).toBe(1);
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE json_extract(data, '$.versionLabel') = 'PRODUCT r1 v1'`)).toBe(0);
    expect(count(db, `SELECT COUNT(*) n FROM observations_rtree`)).toBe(7_006 + 1);

    // The older delivery imported afterwards does not overwrite the newer one.
    const before = tableHashes(db);
    const late = await importObservations(db, [cems('PRODUCT_builtUpP_r1_v1')], { dataset: id });
    expect(late.total).toBe(0);
    expect(late.skipped[0]!.reason).toMatch(/newer version/);
    expect(tableHashes(db)).toEqual(before);
  });

  it('both deliveries in one import: the newest wins, whatever the order', async () => {
    ({ db } = tempStore());
    const id = ensureEmptyDataset(db, 'Ahrweiler');
    const r = await importObservations(db, [cems('MONIT01_builtUpP_r1_v3'), cems('PRODUCT_builtUpP_r1_v1'), cems('PRODUCT_areaOfInterestA_r1_v1'), cems('MONIT01_areaOfInterestA_r1_v3')], { dataset: id });
    expect(r.total).toBe(7_006);
    expect(count(db, `SELECT COUNT(*) n FROM observations WHERE kind = 'building_damage'`)).toBe(7_006);
    expect(r.skipped.some((s) => /superseded/.test(s.reason) && s.count === 3_814)).toBe(true);
  });

  it('skips graded layers that are not buildings, with a reason', async () => {
    ({ db } = tempStore());
    const id = ensureEmptyDataset(db, 'Ahrweiler');
    const r = await importObservations(db, [cems('PRODUCT_transportationL_r1_v1'), cems('PRODUCT_facilitiesA_r1_v1'), cems('PRODUCT_areaOfInterestA_r1_v1')], { dataset: id });
    expect(r.total).toBe(0);
    expect(r.skipped).toContainEqual({ reason: 'layer transportationL is not a building layer (not imported)', count: 4_323 });
  });

  it('corrupt copies fail with one clear line and leave every table unchanged', async () => {
    ({ db } = tempStore());
    const id = ensureEmptyDataset(db, 'Ahrweiler');
    await importObservations(db, [cems('PRODUCT_areaOfInterestA_r1_v1'), cems('PRODUCT_builtUpP_r1_v1')], { dataset: id });
    const before = tableHashes(db);
    const dir = tempDir();
    const src = cems('MONIT01_builtUpP_r1_v3');
    const text = readFileSync(src, 'utf8');
    const copy = (content: string | Buffer) => { const p = join(dir, basename(src)); writeFileSync(p, content); return p; };
    const aoi = join(dir, basename(cems('MONIT01_areaOfInterestA_r1_v3')));
    copyFileSync(cems('MONIT01_areaOfInterestA_r1_v3'), aoi);

    const cases: [string | Buffer, RegExp][] = [
      [text.slice(0, Math.floor(text.length / 2)), /not valid JSON/],
      [text.replace('"damage_gra": "Damaged"', '"damage_gra": "Kaputt"'), /feature \d+: damage_gra value "Kaputt" is not a Copernicus EMS grading/],
      [text.replace(/\[ 6\.87454568000004, 50\.44470877200007 \]/, '[ 687.454568, 50.44470877200007 ]'), /feature 0: Point has invalid or non-WGS84 coordinates/],
      [Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad]), /not valid JSON/],
      [text.replace('"type": "FeatureCollection"', '"type": "Topology"'), /not a GeoJSON FeatureCollection/],
    ];
    for (const [content, message] of cases) {
      const p = copy(content);
      const err = await importObservations(db, [aoi, p], { dataset: id }).then(() => null, (e: unknown) => e);
      // the format readers' FileError or a product's PostopError: one error model, one code
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('invalid_input');
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
      expect(tableHashes(db)).toEqual(before);
    }
    await expect(importObservations(db, [join(dir, 'missing.json')], { dataset: id })).rejects.toThrow(/no such file/);
    await expect(importObservations(db, [src], { dataset: 'Nowhere' })).rejects.toThrow(/no dataset named "Nowhere"/);
    expect(tableHashes(db)).toEqual(before);
  });
});
