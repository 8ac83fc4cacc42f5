import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_BREAKDOWN, detectMapping, readMappingFile, unitFromRow, type FieldMapping } from './field-mapping';

const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]] as [number, number][]] };
const dir = mkdtempSync(join(tmpdir(), 'uia-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('field mapping', () => {
  const porto: FieldMapping = { residents: 'N', female: 'W', male: 'M', age0to14: 'A0', age15to64: ['A15', 'A25'], age65plus: 'A65' };

  it('turns counts into shares of residents that multiply back to the counts', () => {
    const row = { N: 200, W: 110, M: 90, A0: 30, A15: 20, A25: 100, A65: 50 };
    const { unit } = unitFromRow(row, porto, 'u1', square);
    expect(unit!.residents).toBe(200);
    expect(unit!.breakdown!.female * 200).toBeCloseTo(110, 10);
    expect(unit!.breakdown!.age0to14 * 200).toBeCloseTo(30, 10);
    expect(unit!.breakdown!.age65plus * 200).toBeCloseTo(50, 10);
    expect(unit!.breakdown!.disabled).toBe(DEFAULT_BREAKDOWN.disabled);
  });

  it('sums column lists, falls back on the other sex, and leaves units without a breakdown column null', () => {
    expect(unitFromRow({ a: 3, b: 4 }, { residents: ['a', 'b'] }, 'u', square).unit).toMatchObject({ residents: 7, breakdown: null });
    expect(unitFromRow({ n: 10, m: 4 }, { residents: 'n', male: 'm' }, 'u', square).unit!.breakdown!.female).toBeCloseTo(0.6, 12);
    expect(unitFromRow({ n: 'x' }, { residents: 'n' }, 'u', square).skip).toMatch(/numeric residents/);
    const clipped = unitFromRow({ n: 10, w: 12 }, { residents: 'n', female: 'w' }, 'u', square);
    expect(clipped.clipped).toBe(true);
    expect(clipped.unit!.breakdown!.female).toBe(1);
  });

  it('detects the Porto BGRI and HSY schemas', () => {
    const bgri = detectMapping(['fid', 'BGRI2021', 'N_INDIVIDUOS', 'N_INDIVIDUOS_H', 'N_INDIVIDUOS_M', 'N_INDIVIDUOS_0_14', 'N_INDIVIDUOS_15_24', 'N_INDIVIDUOS_25_64', 'N_INDIVIDUOS_65_OU_MAIS']);
    expect(bgri!.mapping).toMatchObject({ residents: 'N_INDIVIDUOS', female: 'N_INDIVIDUOS_M', male: 'N_INDIVIDUOS_H' });
    expect(bgri!.preset.attribution).toMatch(/INE/);
    const hsy = detectMapping(['fid', 'id', 'population'], 'population_grid_2020');
    expect(hsy!.preset.licence).toBe('CC BY 4.0');
    expect(detectMapping(['fid', 'id', 'population'], 'somewhere')!.preset.licence).toBeUndefined();
    expect(detectMapping(['name', 'area'])).toBeUndefined();
  });

  it('reads a mapping from a JSON file', () => {
    const file = join(dir, 'm.json');
    writeFileSync(file, JSON.stringify(porto));
    expect(readMappingFile(file)).toEqual(porto);
  });
});
