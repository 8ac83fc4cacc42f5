/**
 * Guard on after-action inputs (issue 16), through the API on a real temp store: Aleppo's 14,058
 * UNOSAT points imported into the training city (at sea off Africa, 3,000+ km away) are refused,
 * naming how many fall outside, and nothing is stored; with confirmOutside they are stored. Damage
 * beside the operation is accepted without a question (far beyond the zones but inside a
 * dataset: core/postop/outside-guard.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';
import type { ObservationList } from '../../core/api/postop-contract';
import { ALEPPO, tableHashes, tempDir } from './helpers';

let dir: string; let backend: Backend; let operationId: number;

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});

/** A UNOSAT-shaped point file (class field Main_Damag, code 1 destroyed) at the given positions. */
function unosatFile(name: string, lonLats: [number, number][]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({
    type: 'FeatureCollection',
    features: lonLats.map(([lon, lat], i) => ({ type: 'Feature', properties: { SiteID: `S${i}`, Main_Damag: 1, SensorDate: '2024-05-02' }, geometry: { type: 'Point', coordinates: [lon, lat] } })),
  }));
  return path;
}

beforeAll(async () => {
  dir = tempDir();
  backend = openBackend(join(dir, 'guard.sqlite'));
  const r = await backend.call('operations.save', {
    datasetId: 1,
    operation: { name: 'North block', settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 }, areas: [{ id: 'a1', name: 'north block', geometry: square(2.995, 0.505, 0.001), profileId: 'medium' }] },
  });
  if (!r.ok) throw new Error(r.error.message);
  operationId = (r.value as { id: number }).id;
});
afterAll(() => { backend.close(); rmSync(dir, { recursive: true, force: true }); });

const listed = async () => {
  const r = await backend.call('observations.list', { dataset: 1 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as ObservationList;
};

describe('observations.import refuses damage far from the dataset and the operation', () => {
  it('Aleppo into the training city: refused, naming 14,058 outside; nothing stored', async () => {
    const before = tableHashes(backend.db);
    const r = await backend.call('observations.import', { files: [ALEPPO], dataset: 1, operationId });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'invalid_input', field: 'confirmOutside' });
    expect(r.error.message).toMatch(/^14,058 of 14,058 damage records/);
    expect(r.error.message).toMatch(/14,058 lie outside the extent of dataset "Meridia \(synthetic training city\)"/);
    expect(r.error.message).toMatch(/14,058 lie more than 5,000 m beyond the zones of operation \d+ \("North block"\)/);
    expect(tableHashes(backend.db)).toEqual(before);
    expect((await listed()).total).toBe(0);
  });

  it('the same without an operation is refused for the dataset extent alone', async () => {
    const r = await backend.call('observations.import', { files: [ALEPPO], dataset: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).not.toMatch(/zones of/);
  });

  it('with confirmOutside the records are stored', async () => {
    const r = await backend.call('observations.import', { files: [ALEPPO], dataset: 1, operationId, confirmOutside: true });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect((r as { value: { total: number } }).value.total).toBe(14_058);
    expect((await listed()).byKind.building_damage).toBe(14_058);
  });

  it('damage beside the operation is accepted without confirmation', async () => {
    const near = unosatFile('near.geojson', [[2.995, 0.505], [2.9965, 0.5062]]);
    const ok = await backend.call('observations.import', { files: [near], dataset: 1, operationId, product: 'NEAR' });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    expect((await listed()).products.find((p) => p.product === 'NEAR')?.count).toBe(2);
  });
});
