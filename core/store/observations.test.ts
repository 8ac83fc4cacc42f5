import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './db';
import { saveDataset } from './datasets';
import {
  deleteObservation, deleteObservations, latestObservationVersion, listStoredObservations, observationWriter, observedOperations,
  replaceObservation, storedFootprints, type NewObservation,
} from './observations';

const dir = mkdtempSync(join(tmpdir(), 'uia-observations-'));
const db = openStore(join(dir, 'o.sqlite'));
afterAll(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

const datasetId = saveDataset(db, {
  meta: { name: 'Empty', source: 'test', licence: 'CC0', attribution: '', crsOrigin: 'EPSG:4326', synthetic: true, defaultBreakdown: { female: 0.5, age0to14: 0.2, age65plus: 0.1, disabled: 0.15 } },
  populationUnits: [], buildings: [], facilities: [], dependencies: [], serviceAreas: [], protectedSites: [],
});
const point = (lon: number, lat: number, featureKey: string, version: string): NewObservation => ({
  datasetId, operationId: null, kind: 'building_damage', product: 'P', featureKey, geometry: { type: 'Point', coordinates: [lon, lat] },
  damageClass: 3, rawValue: 'Severe', source: 'test', sensorDate: '2024-01-02', data: { version },
});
const boxes = () => db.prepare('SELECT COUNT(*) AS n FROM observations_rtree').get() as { n: number };

describe('observations in the store', () => {
  it('writes rows with their boxes, finds them by box, version and footprint, replaces by key and deletes', () => {
    const put = observationWriter(db);
    put(point(1, 1, 'a', '2024-01'));
    put(point(5, 5, 'b', '2024-02'));
    put({ ...point(0, 0, 'fp', '2024-02'), kind: 'footprint', damageClass: null, geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 0]]] } });
    expect(boxes().n).toBe(3);
    expect(listStoredObservations(db, datasetId, { bbox: [0.5, 0.5, 1.5, 1.5] }).map((o) => o.featureKey).sort()).toEqual(['a', 'fp']);
    expect(latestObservationVersion(db, datasetId, 'P', 'building_damage')).toBe('2024-02');
    expect(storedFootprints(db, datasetId, 'P', '2024-02')).toEqual([{ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 0]]] }]);

    const id = replaceObservation(db, { ...point(9, 9, 'a', '2024-03'), damageClass: 4 });
    const all = listStoredObservations(db, datasetId, { kind: 'building_damage' });
    expect(all).toHaveLength(2);
    expect(all.find((o) => o.featureKey === 'a')).toMatchObject({ id, damageClass: 4, geometry: { type: 'Point', coordinates: [9, 9] } });
    expect(observedOperations(db, datasetId)).toEqual({ operationIds: new Set(), shared: true });

    expect(deleteObservations(db, { datasetId, product: 'P', kind: 'footprint' })).toBe(1);
    expect(deleteObservation(db, id)).toBe(true);
    expect(deleteObservation(db, id)).toBe(false);
    expect(listStoredObservations(db, datasetId).map((o) => o.featureKey)).toEqual(['b']);
    expect(boxes().n).toBe(1);
  });
});
