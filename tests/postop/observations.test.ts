/** Facility status, service outages and casualty reports: validated, stored, listed, replaced by key. */
import { afterEach, describe, expect, it } from 'vitest';
import { PostopError } from '../../core/postop/errors';
import { listObservations, loadOutcomes, recordCasualtyReport, recordFacilityStatus, recordServiceOutage } from '../../core/postop/observations';
import { saveDataset } from '../../core/store/datasets';
import type { Db } from '../../core/store/db';
import { generateTrainingCity } from '../../core/synth/training-city';
import { tableHashes, tempStore } from './helpers';

let db: Db | null = null;
afterEach(() => { db?.close(); db = null; });

function setup() {
  ({ db } = tempStore());
  const datasetId = saveDataset(db, generateTrainingCity());
  const now = new Date().toISOString();
  const operationId = Number(db.prepare(`INSERT INTO operations (dataset_id, name, body, created_at, updated_at) VALUES (?, 'Op North', '{}', ?, ?)`).run(datasetId, now, now).lastInsertRowid);
  return { db: db!, datasetId, operationId };
}

describe('recorded observations', () => {
  it('stores a facility status with the facility location, and a second record replaces the first', () => {
    const { db, datasetId, operationId } = setup();
    recordFacilityStatus(db, { dataset: datasetId, operationId, facilityId: 'substation-2', down: true, daysToRestore: null, damage: 'severe', source: 'utility log', confidence: 'high', observedAt: '2024-03-02' });
    recordFacilityStatus(db, { dataset: datasetId, operationId, facilityId: 'substation-2', down: true, daysToRestore: 12, damage: 'severe', source: 'utility log', confidence: 'high' });
    const rows = listObservations(db, { dataset: datasetId, kind: 'facility_status' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ damageClass: 3, rawValue: 'down', operationId, geometry: { type: 'Point', coordinates: [3, 0.5162787] } });
    expect(rows[0]!.data).toMatchObject({ facilityId: 'substation-2', sector: 'power', daysToRestore: 12 });
    expect(listObservations(db, { dataset: datasetId, bbox: [2.99, 0.51, 3.01, 0.52] })).toHaveLength(1);
    expect(listObservations(db, { dataset: datasetId, bbox: [3.5, 0.51, 3.6, 0.52] })).toHaveLength(0);
  });

  it('keeps outages and casualty reports side by side and gives them to the comparison', () => {
    const { db, datasetId, operationId } = setup();
    recordServiceOutage(db, { dataset: datasetId, operationId, sector: 'water', people: 41_200, days: 9, source: 'water board' });
    recordServiceOutage(db, { dataset: datasetId, operationId, sector: 'power', people: 12_000, days: 3, source: 'utility' });
    recordCasualtyReport(db, { dataset: datasetId, operationId, killed: 14, injured: 52, seriouslyInjured: 20, byGroup: { girls: { killed: 2 }, elderly: { killed: 3, injured: 5 } }, source: 'hospital registers', confidence: 'high' });
    recordCasualtyReport(db, { dataset: datasetId, operationId, killed: 20, injured: null, source: 'press', confidence: 'low' });
    const o = loadOutcomes(db, datasetId, operationId);
    expect(o.outages.map((x) => x.sector).sort()).toEqual(['power', 'water']);
    expect(o.casualties).toHaveLength(2);
    expect(o.casualties.find((c) => c.confidence === 'high')).toMatchObject({ killed: 14, injured: 52, seriouslyInjured: 20, byGroup: { elderly: { killed: 3, injured: 5 } } });
  });

  it('refuses bad input with one clear line and writes nothing', () => {
    const { db, datasetId, operationId } = setup();
    const before = tableHashes(db);
    const bad: [() => unknown, RegExp][] = [
      [() => recordFacilityStatus(db, { dataset: datasetId, facilityId: 'no-such-facility', down: true, source: 's' }), /facility "no-such-facility" is not in the dataset/],
      [() => recordFacilityStatus(db, { dataset: datasetId, facilityId: 'substation-2', down: false, daysToRestore: 4, source: 's' }), /daysToRestore: a facility that never went down/],
      [() => recordFacilityStatus(db, { dataset: datasetId, facilityId: 'substation-2', down: 'yes' as never, source: 's' }), /facility status: down:/],
      [() => recordServiceOutage(db, { dataset: datasetId, sector: 'gas' as never, people: 1, days: 1, source: 's' }), /service outage: sector:/],
      [() => recordServiceOutage(db, { dataset: datasetId, sector: 'water', people: -5, days: 1, source: 's' }), /people:/],
      [() => recordCasualtyReport(db, { dataset: datasetId, killed: null, injured: null, source: 's' }), /give killed, injured or both/],
      [() => recordCasualtyReport(db, { dataset: datasetId, killed: 1.5, injured: 2, source: 's' }), /killed:/],
      [() => recordCasualtyReport(db, { dataset: datasetId, operationId: operationId + 99, killed: 1, injured: 2, source: 's' }), /no operation with id/],
      [() => recordCasualtyReport(db, { dataset: datasetId, killed: 1, injured: 2, source: '' }), /source: a source is required/],
    ];
    for (const [fn, msg] of bad) {
      expect(fn).toThrow(PostopError);
      expect(fn).toThrow(msg);
    }
    expect(tableHashes(db)).toEqual(before);
  });
});
