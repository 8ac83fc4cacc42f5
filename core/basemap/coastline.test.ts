/** Sea from coastlines: land on the left of the way, sea on the right, closed along the box edge. */
import { describe, expect, it } from 'vitest';
import { area, booleanPointInPolygon } from '@turf/turf';
import { joinChains, seaPolygons } from './coastline';

const box: [number, number, number, number] = [0, 0, 0.1, 0.1];
const inSea = (seas: ReturnType<typeof seaPolygons>, p: [number, number]) => seas.some((s) => booleanPointInPolygon(p, s));

describe('seaPolygons', () => {
  it('puts the sea on the right of a coast crossing the box, from two ways joined', () => {
    // heading south along x = 0.06: land to the east (left), sea to the west (right)
    const seas = seaPolygons([[[0.06, 0.2], [0.06, 0.05]], [[0.06, 0.05], [0.06, -0.1]]], box);
    expect(seas).toHaveLength(1);
    expect(inSea(seas, [0.03, 0.05])).toBe(true);
    expect(inSea(seas, [0.08, 0.05])).toBe(false);
    const half = area({ type: 'Polygon', coordinates: [[[0, 0], [0.06, 0], [0.06, 0.1], [0, 0.1], [0, 0]]] });
    expect(area(seas[0]!) / half).toBeCloseTo(1, 3);
  });

  it('turns round with the way: heading north, the sea is east', () => {
    const seas = seaPolygons([[[0.06, -0.1], [0.06, 0.2]]], box);
    expect(inSea(seas, [0.08, 0.05])).toBe(true);
    expect(inSea(seas, [0.03, 0.05])).toBe(false);
  });

  it('closes round a corner, and carries a coast cut inside the box to the nearest edge', () => {
    // a bay in the south-west corner: from the west edge to the south edge, land on the left (north-east)
    const corner = seaPolygons([[[-0.01, 0.04], [0.04, -0.01]]], box);
    expect(inSea(corner, [0.005, 0.005])).toBe(true);
    expect(inSea(corner, [0.05, 0.05])).toBe(false);
    // an extract cut mid-coast: the coast ends 0.005 from the west edge
    const cut = seaPolygons([[[0, 0.06], [0.005, 0.05]]], box);
    expect(cut).toHaveLength(1);
    expect(inSea(cut, [0.001, 0.055])).toBe(true);
    expect(inSea(cut, [0.05, 0.05])).toBe(false);
  });

  it('makes no sea without an open coast, and joins ways end to start', () => {
    expect(seaPolygons([], box)).toEqual([]);
    expect(seaPolygons([[[0.02, 0.02], [0.04, 0.02], [0.04, 0.04], [0.02, 0.02]]], box)).toEqual([]); // an island
    expect(joinChains([[[1, 1], [2, 2]], [[0, 0], [1, 1]], [[5, 5], [6, 6]]])).toEqual([[[0, 0], [1, 1], [2, 2]], [[5, 5], [6, 6]]]);
  });
});
