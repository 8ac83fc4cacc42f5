import { describe, expect, it } from 'vitest';
import { loadDefaultProfiles } from '../engine/parameters';
import type { Operation } from '../model/operation';
import { growBox, type BBox } from '../geometry/bbox';
import { BEYOND_ZONES_M, DATASET_MARGIN_M, countOutside, describeOutside, operationReach } from './outside-guard';

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const op: Operation = {
  name: 'Block', settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 },
  areas: [{ id: 'a', name: 'a', geometry: square(10, 45, 0.001), profileId: 'high' }],
};
const M_PER_DEG_LAT = 111_320;

describe('outside guard', () => {
  it('reaches the outermost zone of the area profile plus the guard distance, no further', () => {
    const outer = Math.max(...loadDefaultProfiles().find((p) => p.id === 'high')!.zones.map((z) => z.outerEdgeM));
    const [box] = operationReach(op, loadDefaultProfiles());
    const reachM = (box![3] - 45.001) * M_PER_DEG_LAT;
    expect(reachM).toBeCloseTo(outer + BEYOND_ZONES_M, 3);
    // A point just inside that reach north of the block counts as near; just beyond it, as far.
    const just = (m: number): [number, number] => [10, 45.001 + m / M_PER_DEG_LAT];
    const c = countOutside([just(reachM - 10), just(reachM + 10)], { datasetBox: null, operationBoxes: [box!] });
    expect(c).toEqual({ total: 2, outsideDataset: 0, farFromOperation: 1 });
  });

  it('counts points beyond the dataset extent plus its margin; an extent-less dataset refuses nothing', () => {
    const city: BBox = [10, 45, 10.1, 45.1];
    const east = (m: number): [number, number] => [10.1 + m / (M_PER_DEG_LAT * Math.cos(45.05 * Math.PI / 180)), 45.05];
    expect(countOutside([east(DATASET_MARGIN_M - 10), east(DATASET_MARGIN_M + 10), [36.2, 36.2]], { datasetBox: city, operationBoxes: null }).outsideDataset).toBe(2);
    expect(countOutside([[36.2, 36.2]], { datasetBox: null, operationBoxes: null }).outsideDataset).toBe(0);
    expect(growBox(city, 0)).toEqual(city);
  });

  it('describes the counts in one line, or nothing when all is near', () => {
    expect(describeOutside({ total: 3, outsideDataset: 0, farFromOperation: 0 }, { dataset: 'X' })).toBeNull();
    expect(describeOutside({ total: 3, outsideDataset: 1, farFromOperation: 2 }, { dataset: 'Porto', operation: 'operation 4 ("A")' }))
      .toBe('2 of 3 damage records are far from where they are recorded: 1 lies outside the extent of dataset "Porto" (more than 1,000 m beyond its data); 2 lie more than 5,000 m beyond the zones of operation 4 ("A"). Nothing was stored; confirm to store them anyway.');
  });
});
