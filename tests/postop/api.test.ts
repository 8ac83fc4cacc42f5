/**
 * The post-operation API end to end, through openBackend and backend.call on a real temp SQLite
 * file (no mocks): record what happened after an operation saved on the training city, assess it,
 * compare, calibrate, choose the calibrated set and see it in the next assessment's provenance.
 * The per-building damage prediction is checked against METHOD.md §1 values typed in by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon, centroid } from '@turf/turf';
import { openBackend, type Backend } from '../../core/api/backend';
import { errorInWords, type ErrorKey } from '../../core/model/errors';
import { localeFor } from '../../core/i18n/locale';
import type { ComparisonReply, CalibrationReply, ObservationList } from '../../core/api/postop-contract';
import type { AssessmentResult } from '../../core/model/assessment';
import type { Operation } from '../../core/model/operation';
import { loadDataset } from '../../core/store/datasets';
import { loadDefaultProfiles } from '../../core/engine/parameters';
import { predictDamage } from '../../core/postop/prediction';
import type { ParameterSetSummary } from '../../core/postop/parameter-sets';
import { tempDir } from './helpers';

let dir: string; let backend: Backend;
beforeAll(() => { dir = tempDir(); backend = openBackend(join(dir, 'postop-api.sqlite')); });
afterAll(() => { backend.close(); rmSync(dir, { recursive: true, force: true }); });

async function ok<T>(name: string, input: unknown): Promise<T> {
  const r = await backend.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const AREA = square(2.995, 0.505, 0.001);
const OPERATION: Operation = {
  name: 'North block, medium, night',
  areas: [{ id: 'a1', name: 'north block', geometry: AREA, profileId: 'medium' }],
  settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 },
};

/**
 * METHOD.md §1, medium profile, states [none, slight, moderate, extensive, complete] after scaling the
 * exceedances (.70, .45, .20, .05 in the area; .40, .15, .03, 0 within 250 m) by the class factor
 * (light 1.3, urm 1.2, rc 0.8, steel 0.7), computed by hand.
 */
const EXPECTED: Record<string, [number[], number[]]> = {
  light: [[0.09, 0.325, 0.325, 0.195, 0.065], [0.48, 0.325, 0.156, 0.039, 0]],
  urm: [[0.16, 0.30, 0.30, 0.18, 0.06], [0.52, 0.30, 0.144, 0.036, 0]],
  rc: [[0.44, 0.20, 0.20, 0.12, 0.04], [0.68, 0.20, 0.096, 0.024, 0]],
  steel: [[0.51, 0.175, 0.175, 0.105, 0.035], [0.72, 0.175, 0.084, 0.021, 0]],
};

describe('per-building damage prediction', () => {
  it('takes the profile zone row scaled by construction class (METHOD.md §1) for every building in a zone', () => {
    const bundle = loadDataset(backend.db, 1);
    const pred = predictDamage(bundle, OPERATION, loadDefaultProfiles(), { classFactor: { light: 1.3, urm: 1.2, rc: 0.8, steel: 0.7 } });
    expect(pred.buildings.length).toBeGreaterThan(20);
    const byId = new Map(bundle.buildings.map((b) => [b.id, b]));
    const seen = new Set<string>();
    for (const b of pred.buildings) {
      const cls = byId.get(b.id)!.construction;
      seen.add(`${cls}:${b.zoneIndex}`);
      const want = EXPECTED[cls]![b.zoneIndex]!;
      const got = [b.p.none, b.p.slight, b.p.moderate, b.p.extensive, b.p.complete];
      got.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 9));
      expect(b.zoneKey).toBe(`medium:${b.zoneIndex}`);
      expect(b.areaId).toBe('a1');
    }
    expect([...seen].some((k) => k.endsWith(':0'))).toBe(true);
    expect([...seen].some((k) => k.endsWith(':1'))).toBe(true);
    // Every building whose centroid is well inside the area is predicted in zone 0.
    const inner = square(2.995, 0.505, 0.00095);
    const zone0 = new Set(pred.buildings.filter((b) => b.zoneIndex === 0).map((b) => b.id));
    for (const b of bundle.buildings) {
      if (booleanPointInPolygon(centroid(b.geometry as never), inner)) expect(zone0.has(b.id), b.id).toBe(true);
    }
  });
});

describe('post-operation API', () => {
  let opId = 0; let result: AssessmentResult; let facilityId = '';

  it('records a facility status and a casualty report for an operation saved on the training city; a bad form names the field', async () => {
    opId = (await ok<{ id: number }>('operations.save', { datasetId: 1, operation: OPERATION })).id;
    const layers = await ok<{ facilities: { features: { properties: { id: string } }[] } }>('datasets.layers', { datasetId: 1 });
    facilityId = layers.facilities.features[0]!.properties.id;
    const f = await ok<{ id: number }>('observations.recordFacilityStatus', {
      dataset: 1, operationId: opId, facilityId, down: true, daysToRestore: 4, damage: 'moderate', source: 'utility field team', confidence: 'high', observedAt: '2024-05-03',
    });
    expect(f.id).toBeGreaterThan(0);
    const c = await ok<{ id: number }>('observations.recordCasualtyReport', {
      dataset: 1, operationId: opId, killed: 3, injured: 14, seriouslyInjured: 5, source: 'Meridia General Hospital registers', confidence: 'high', observedAt: '2024-05-02',
    });
    expect(c.id).toBeGreaterThan(f.id);

    const bad = await backend.call('observations.recordCasualtyReport', { dataset: 1, operationId: opId, killed: 3, injured: 2, seriouslyInjured: 5, source: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'seriouslyInjured' } });
    const unknownFacility = await backend.call('observations.recordFacilityStatus', { dataset: 1, operationId: opId, facilityId: 'no-such-thing', down: true, source: 'x' });
    expect(unknownFacility).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const list = await ok<ObservationList>('observations.list', { dataset: 1, operationId: opId });
    expect(list.byKind).toEqual({ facility_status: 1, casualty_report: 1 });
  });

  it('compare before any assessment says to assess first', async () => {
    const r = await backend.call('postop.compare', { operationId: opId });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_assessed', field: 'operationId' } });
    expect(!r.ok && r.error.message).toMatch(/assess it first/);
  });

  it('assess.run, then postop.compare puts every observed figure beside the predicted one', async () => {
    result = await ok<AssessmentResult>('assess.run', { datasetId: 1, operation: OPERATION, runs: 200, seed: 7 });
    const r = await ok<ComparisonReply>('postop.compare', { operationId: opId });
    expect(r.operationName).toBe(OPERATION.name);
    expect(r.parameterSet).toBe(result.provenance.parameterSet);
    const c = r.comparison;
    const killed = c.figures.find((x) => x.key === 'casualties.killed')!;
    expect(killed.observed).toBe(3);
    expect(killed.predicted).toEqual(result.casualties.killed);
    expect(killed.inside).toBe(3 >= result.casualties.killed.p05 && 3 <= result.casualties.killed.p95);
    expect(killed.biasRatio).toBeCloseTo(3 / result.casualties.killed.mean, 9);
    const serious = c.figures.find((x) => x.key === 'casualties.seriouslyInjured')!;
    expect(serious.observed).toBe(5);
    expect(serious.predicted).toEqual(result.casualties.seriouslyInjured);
    const injured = c.figures.find((x) => x.key === 'casualties.injured')!;
    expect(injured.observed).toBe(14);
    expect(injured.predicted.mean).toBeCloseTo(result.casualties.seriouslyInjured.mean + result.casualties.lightlyInjured.mean, 9);
    expect(c.casualtyReport).toEqual({ source: 'Meridia General Hospital registers', confidence: 'high' });

    const row = c.facilities.rows.find((x) => x.id === facilityId)!;
    const predicted = result.infrastructure.facilities.find((x) => x.id === facilityId)?.pDown ?? 0;
    expect(row.pDown).toBe(predicted);
    expect(row.observedDown).toBe(true);
    expect(row.outcome).toBe(predicted >= 0.5 ? 'hit' : 'miss');
    expect(c.facilities.brier).toBeCloseTo((predicted - 1) ** 2, 12);
    expect(c.facilities.hits + c.facilities.misses).toBe(1);
    expect(c.buildingDamage.available).toBe(false); // no observed footprint yet
  });

  it('observed damage inside a footprint is scored by zone against the predicted share', async () => {
    const pred = predictDamage(loadDataset(backend.db, 1), OPERATION, loadDefaultProfiles(), { classFactor: { light: 1.3, urm: 1.2, rc: 0.8, steel: 0.7 } });
    const hit = pred.buildings.filter((b) => b.zoneIndex === 0).slice(0, 6);
    expect(hit.length).toBe(6);
    const damageFile = join(dir, 'survey.geojson');
    writeFileSync(damageFile, JSON.stringify({
      type: 'FeatureCollection',
      features: hit.map((b) => ({ type: 'Feature', properties: { Main_Damag: '1', SensorDate: '2024/05/01' }, geometry: { type: 'Point', coordinates: b.lonLat } })),
    }));
    const footprintFile = join(dir, 'footprint.geojson');
    writeFileSync(footprintFile, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square(2.995, 0.505, 0.0015) }] }));
    const s = await ok<{ byClass: Record<string, number>; outsideFootprint: number }>('observations.import', {
      files: [damageFile, footprintFile], dataset: 1, operationId: opId,
    });
    expect(s.byClass).toEqual({ 0: 0, 1: 0, 2: 0, 3: 0, 4: 6 });
    expect(s.outsideFootprint).toBe(0);

    const c = (await ok<ComparisonReply>('postop.compare', { operationId: opId })).comparison;
    expect(c.buildingDamage.available).toBe(true);
    expect(c.buildingDamage.zones.reduce((n, z) => n + z.observed, 0)).toBe(6);
    expect(c.buildingDamage.unmatchedObserved).toBe(0);
    const z0 = c.buildingDamage.zones.find((z) => z.zoneIndex === 0)!;
    expect(z0.zoneKey).toBe('medium:0');
    expect(z0.observed).toBe(6);
    expect(z0.observedShare).toBeCloseTo(6 / z0.buildings, 12);
    expect(z0.predictedShare).toBeGreaterThan(0.1);
    expect(c.map.features.filter((f) => f.properties.kind === 'building' && f.properties.outcome !== 'falseAlarm')).toHaveLength(6);
  });

  it('calibrates, stores the set, and the chosen set is used and recorded by the next assessment', async () => {
    const cal = await ok<CalibrationReply>('postop.calibrate', { datasetId: 1 });
    expect(cal.savedAs).toBe('calibrated');
    expect(cal.used.map((u) => u.operationId)).toEqual([opId]);
    expect(cal.calibration.multipliers.casualtyKilled.n).toBe(1);
    expect(cal.calibration.multipliers.damageByZone['medium:0']).toBeDefined();
    expect(cal.calibration.multipliers.casualtyKilled.loo.metric).toMatch(/log error/);

    let sets = await ok<ParameterSetSummary[]>('parameters.sets.list', {});
    // The shipped set is listed under the name assessments record in their provenance.
    expect(sets.map((x) => [x.name, x.chosen])).toEqual([['METHOD.md defaults', true], ['calibrated', false]]);
    expect((await backend.call('parameters.sets.choose', { name: 'nope' }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ok('parameters.sets.choose', { name: 'calibrated' })).toEqual({ chosen: 'calibrated' });
    sets = await ok<ParameterSetSummary[]>('parameters.sets.list', { includeCalibration: false });
    expect(sets.find((x) => x.chosen)!.name).toBe('calibrated');
    expect(sets.every((x) => x.calibration === null)).toBe(true);

    const other = { ...OPERATION, name: 'North block again' };
    const id2 = (await ok<{ id: number }>('operations.save', { datasetId: 1, operation: other })).id;
    const r = await ok<ComparisonReply>('postop.compare', { operationId: id2, assessIfMissing: true });
    expect(r.assessmentMatchedBy).toBe('assessed');
    expect(r.parameterSet).toBe('calibrated');
    const again = await ok<ComparisonReply>('postop.compare', { operationId: id2 });
    expect(again.assessmentId).toBe(r.assessmentId);
    expect(again.assessmentMatchedBy).toBe('operationId');
    expect(await ok('parameters.sets.choose', { name: 'METHOD.md defaults' })).toEqual({ chosen: 'METHOD.md defaults' });
    expect((await ok<AssessmentResult>('assess.run', { datasetId: 1, operation: other, runs: 10 })).provenance.parameterSet).toBe('METHOD.md defaults');
    expect(await backend.call('postop.calibrate', { name: 'METHOD.md defaults', dryRun: true })).toMatchObject({ ok: false, error: { field: 'name' } });
  });

  it('says why an operation is left out of calibration, in English and by its catalogue entry', async () => {
    const id3 = (await ok<{ id: number }>('operations.save', { datasetId: 1, operation: { ...OPERATION, name: 'Unassessed block' } })).id;
    await ok('observations.recordCasualtyReport', { dataset: 1, operationId: id3, killed: 1, injured: 2, source: 'field report', confidence: 'medium', observedAt: '2024-05-04' });
    const cal = await ok<CalibrationReply>('postop.calibrate', { datasetId: 1, dryRun: true });
    const left = cal.skipped.find((x) => x.operationId === id3)!;
    expect(left).toEqual({ operationId: id3, name: 'Unassessed block', reason: 'no assessment', key: 'calibration.noAssessment' });
    expect(errorInWords({ message: left.reason, key: left.key as ErrorKey }, localeFor('fr'))).toBe('aucune évaluation');
    expect(errorInWords({ message: left.reason, key: left.key as ErrorKey }, localeFor('uk'))).toBe('оцінки немає');
  });
});
