/** Comparison of a pre-operation estimate with what was observed, on real EMSR517 damage and recorded reports. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compare, type PredictedBuilding } from '../../core/postop/compare';
import { ensureEmptyDataset, importObservations } from '../../core/postop/damage-import';
import { loadOutcomes, recordCasualtyReport, recordDisplacementReport, recordFacilityStatus, recordServiceOutage } from '../../core/postop/observations';
import { GROUPS, type Humanitarian } from '../../core/model/assessment';
import { saveDataset } from '../../core/store/datasets';
import type { Db } from '../../core/store/db';
import { generateTrainingCity } from '../../core/synth/training-city';
import { cems, tempStore } from './helpers';
import { iv, makeResult } from './fixtures';

let db: Db | null = null;
afterEach(() => { db?.close(); db = null; });

const probs = (damaged: number) => ({ none: 1 - damaged, slight: 0, moderate: damaged / 2, extensive: damaged / 4, complete: damaged / 4 });

describe('compare', () => {
  it('casualties, outages and facilities: intervals, coverage, bias ratio, Brier, hits/misses/false alarms', () => {
    ({ db } = tempStore());
    const datasetId = saveDataset(db, generateTrainingCity());
    recordCasualtyReport(db, { dataset: datasetId, killed: 30, injured: 90, seriouslyInjured: 25, byGroup: { elderly: { killed: 9 } }, source: 'hospital registers', confidence: 'high' });
    recordCasualtyReport(db, { dataset: datasetId, killed: 300, injured: null, source: 'rumour', confidence: 'low' });
    recordServiceOutage(db, { dataset: datasetId, sector: 'water', people: 40_000, days: 5, source: 'water board' });
    recordFacilityStatus(db, { dataset: datasetId, facilityId: 'substation-2', down: true, daysToRestore: 10, source: 'utility' });
    recordFacilityStatus(db, { dataset: datasetId, facilityId: 'substation-3', down: false, source: 'utility' });
    recordFacilityStatus(db, { dataset: datasetId, facilityId: 'plant-1', down: true, source: 'utility' });
    const result = makeResult({
      killed: iv(20, 10, 35), seriouslyInjured: iv(30, 15, 50), lightlyInjured: iv(60, 30, 100),
      facilities: [
        { id: 'substation-2', name: 'Substation North', sector: 'power', kind: 'substation', pDown: 0.8, restorationDays: 7 },
        { id: 'substation-3', name: 'Substation North-east', sector: 'power', kind: 'substation', pDown: 0.6 },
        { id: 'plant-1', name: 'Meridia power station', sector: 'power', kind: 'plant', pDown: 0.1 },
      ],
      sectors: { water: { people: iv(20_000, 5_000, 30_000), peopleDays: iv(150_000, 40_000, 300_000) } },
    });
    const c = compare({ result, observed: loadOutcomes(db, datasetId) });

    expect(c.casualtyReport).toEqual({ source: 'hospital registers', confidence: 'high' }); // highest confidence wins
    const fig = (k: string) => c.figures.find((f) => f.key === k)!;
    expect(fig('casualties.killed')).toMatchObject({ observed: 30, inside: true, biasRatio: 1.5 });
    expect(fig('casualties.injured')).toMatchObject({ observed: 90, inside: true, biasRatio: 1, approximate: true });
    expect(fig('casualties.injured').predicted).toMatchObject({ mean: 90, p05: 45, p95: 150 });
    expect(fig('casualties.seriouslyInjured')).toMatchObject({ observed: 25, inside: true });
    expect(fig('casualties.byGroup.elderly.killed')).toMatchObject({ observed: 9, inside: false }); // predicted 2..7
    expect(fig('outages.water.people')).toMatchObject({ observed: 40_000, inside: false, biasRatio: 2 });
    expect(fig('outages.water.peopleDays')).toMatchObject({ observed: 200_000, inside: true });
    expect(c.coverage.figures).toEqual({ inside: 4, total: 6, share: 4 / 6 });
    expect(c.biasRatio.casualties).toBeCloseTo((30 + 90) / (20 + 90), 12);

    expect(c.facilities.brier).toBeCloseTo(((0.8 - 1) ** 2 + (0.6 - 0) ** 2 + (0.1 - 1) ** 2) / 3, 12);
    expect(c.facilities).toMatchObject({ hits: 1, falseAlarms: 1, misses: 1, correctNegatives: 0, threshold: 0.5 });
    expect(c.facilities.rows.find((r) => r.id === 'substation-2')).toMatchObject({ outcome: 'hit', predictedRestorationDays: 7, observedDaysToRestore: 10 });
    const facilityPoints = c.map.features.filter((f) => f.properties.kind === 'facility');
    expect(facilityPoints.map((f) => f.properties.outcome).sort()).toEqual(['falseAlarm', 'hit', 'miss']);
    expect(facilityPoints.find((f) => f.properties.id === 'substation-2')!.geometry.coordinates).toEqual([3, 0.5162787]);
    expect(c.buildingDamage.available).toBe(false);
  });

  it('displacement (issue 17): the report of highest confidence against the interval, shelter and groups where given', () => {
    ({ db } = tempStore());
    const datasetId = saveDataset(db, generateTrainingCity());
    recordDisplacementReport(db, { dataset: datasetId, displaced: 5_000, inPublicShelter: 900, byGroup: { girls: 2_000 }, source: 'IOM DTM round 3', confidence: 'high', observedAt: '2026-03-01' });
    recordDisplacementReport(db, { dataset: datasetId, displaced: 50_000, source: 'social media', confidence: 'low' });
    expect(() => recordDisplacementReport(db!, { dataset: datasetId, displaced: 10, inPublicShelter: 20, source: 'x' })).toThrow(/inPublicShelter cannot exceed displaced/);
    const displaced = iv(4_000, 2_000, 6_000);
    const humanitarian: Humanitarian = {
      displacement: {
        displaced, byCause: { damage: displaced, utilities: null }, byArea: [],
        byGroup: Object.fromEntries(GROUPS.map((g) => [g, iv(400, 200, 600)])) as Humanitarian['displacement']['byGroup'],
        publicShelter: iv(800, 400, 1_200), publicShelterShare: 0.2, utilityDays: 7, notes: [],
      },
      needs: { waterLitresPerDay: displaced, coveredSpaceM2: displaced, latrines: displaced, healthUnits: displaced, beds: displaced, cutOff: { status: 'nodata', reason: 'none' } },
      education: { status: 'nodata', reason: 'none' },
    };
    const observed = loadOutcomes(db, datasetId);
    const c = compare({ result: { ...makeResult({ killed: iv(1, 0, 2), seriouslyInjured: iv(1, 0, 2), lightlyInjured: iv(1, 0, 2) }), humanitarian }, observed });
    expect(c.displacementReport).toEqual({ source: 'IOM DTM round 3', confidence: 'high' });
    const fig = (k: string) => c.figures.find((f) => f.key === k);
    expect(fig('displacement.displaced')).toMatchObject({ observed: 5_000, inside: true, biasRatio: 1.25 });
    expect(fig('displacement.publicShelter')).toMatchObject({ observed: 900, inside: true });
    expect(fig('displacement.byGroup.girls')).toMatchObject({ observed: 2_000, inside: false });
    expect(fig('displacement.byGroup.boys')).toBeUndefined();
    expect(c.biasRatio.displacement).toBe(1.25);
    // a result stored before issue 17 has nothing to compare with
    expect(compare({ result: makeResult({ killed: iv(1, 0, 2), seriouslyInjured: iv(1, 0, 2), lightlyInjured: iv(1, 0, 2) }), observed }).figures.filter((f) => f.key.startsWith('displacement'))).toEqual([]);
  });

  it('building damage by zone on the real EMSR517 MONIT01 grading: only the observed footprint counts', async () => {
    ({ db } = tempStore());
    const id = ensureEmptyDataset(db, 'Ahrweiler');
    await importObservations(db, [cems('MONIT01_areaOfInterestA_r1_v3'), cems('MONIT01_builtUpP_r1_v3')], { dataset: id });
    // Predicted buildings: every graded building (moved 0.5 m north: matched by distance, not by identity) in two zones
    // split at 7.1 E, plus 50 buildings outside the area of interest that must not count.
    const fc = JSON.parse(readFileSync(cems('MONIT01_builtUpP_r1_v3'), 'utf8')) as { features: { geometry: { coordinates: number[] }; properties: { damage_gra: string } }[] };
    const buildings: PredictedBuilding[] = fc.features.map((f, i) => {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const west = lon < 7.1;
      return { id: `b${i}`, lonLat: [lon, lat + 0.0000045], areaId: 'valley', zoneIndex: west ? 1 : 0, zoneKey: west ? 'high:1' : 'high:0', p: probs(west ? 0.3 : 0.8) };
    });
    for (let i = 0; i < 50; i++) buildings.push({ id: `out${i}`, lonLat: [7.5 + i * 0.001, 50.9], areaId: 'valley', zoneIndex: 0, zoneKey: 'high:0', p: probs(0.8) });
    const expected = { 0: { n: 0, k: 0 }, 1: { n: 0, k: 0 } } as Record<number, { n: number; k: number }>;
    for (const f of fc.features) {
      const z = expected[f.geometry.coordinates[0]! < 7.1 ? 1 : 0]!;
      z.n++;
      if (f.properties.damage_gra === 'Damaged' || f.properties.damage_gra === 'Destroyed') z.k++;
    }
    const result = makeResult({ killed: iv(0, 0, 0), seriouslyInjured: iv(0, 0, 0), lightlyInjured: iv(0, 0, 0) });
    const c = compare({ result, damage: { buildings }, observed: loadOutcomes(db, id) });

    expect(c.buildingDamage.available).toBe(true);
    expect(c.buildingDamage.outsideFootprint).toBe(50);
    expect(c.buildingDamage.unmatchedObserved).toBe(0);
    const [east, west] = c.buildingDamage.zones;
    expect(east).toMatchObject({ zoneKey: 'high:0', buildings: expected[0]!.n, observed: expected[0]!.k });
    expect(west).toMatchObject({ zoneKey: 'high:1', buildings: expected[1]!.n, observed: expected[1]!.k });
    expect(east!.predictedShare).toBeCloseTo(0.8, 12);
    expect(east!.predicted.mean).toBeCloseTo(0.8 * expected[0]!.n, 6);
    expect(expected[0]!.k + expected[1]!.k).toBe(753 + 5_078);
    // Map: every building predicted damaged (east) or observed damaged appears as hit / miss / false alarm.
    const bmap = c.map.features.filter((f) => f.properties.kind === 'building');
    const hits = bmap.filter((f) => f.properties.outcome === 'hit').length;
    const misses = bmap.filter((f) => f.properties.outcome === 'miss').length;
    const falseAlarms = bmap.filter((f) => f.properties.outcome === 'falseAlarm').length;
    expect(hits).toBe(expected[0]!.k);
    expect(misses).toBe(expected[1]!.k);
    expect(falseAlarms).toBe(expected[0]!.n - expected[0]!.k);
    expect(c.calibration.damageZones).toEqual([
      { zoneKey: 'high:0', n: expected[0]!.n, predictedP: east!.predictedShare, observed: expected[0]!.k, threshold: 2 },
      { zoneKey: 'high:1', n: expected[1]!.n, predictedP: west!.predictedShare, observed: expected[1]!.k, threshold: 2 },
    ]);
  });
});
