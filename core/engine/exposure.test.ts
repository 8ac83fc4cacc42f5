import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../model/dataset';
import { assess } from './assess';
import { prepareCity } from './city';
import { residentsInArea } from './exposure';
import { loadDefaultParameters, loadDefaultProfiles } from './parameters';
import { at, building, bundle, squareM, unit } from './testkit';

const parameters = loadDefaultParameters();
const base = { profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name, seed: 3, appVersion: 't', createdAt: 't', mode: 'expectation' as const };

describe('residentsInArea', () => {
  it('counts units by share of area, allocated units by their buildings, non-rectangular units too', () => {
    const triangle: PolygonGeometry = { type: 'Polygon', coordinates: [[at(-300, -50), at(-200, -50), at(-300, 50), at(-300, -50)]] };
    const city = prepareCity(bundle({
      populationUnits: [
        unit('half', 100, 0, 50, 1000), // spans x 50..150: half inside a 200 m square centred at 0
        unit('alloc', -50, 0, 20, 999), // allocated: its buildings count instead
        unit('out', 500, 0, 50, 777),
        { id: 'tri', geometry: triangle, residents: 600, breakdown: null }, // x -300..-200, area 5000 m²
      ],
      buildings: [building('b1', -50, 5, { unitId: 'alloc', residents: 40 }), building('b2', -45, -5, { unitId: 'alloc', residents: 60 }), building('far', 900, 0, { residents: 5 })],
    }), 'h');
    expect(residentsInArea(city, squareM(0, 0, 100))).toBeCloseTo(500 + 100, 6);
    // a square x -300..-250, y -50..0 holds the triangle's part with x <= -250 and y <= 0:
    // the triangle is x from -300 to -200 - (y + 50); inside the square that is the full 50 x 50 box: 2500 m² of 5000
    expect(residentsInArea(city, { type: 'Polygon', coordinates: [[at(-300, -50), at(-250, -50), at(-250, 0), at(-300, 0), at(-300, -50)]] })).toBeCloseTo(300, 3);
  });
});

describe('exposure by zone', () => {
  it('splits a unit across zones and reports residents and people present per zone', () => {
    // unit spanning x 50..150 at the area edge (100): half in zone 0, half in the 250 m zone
    const city = prepareCity(bundle({ populationUnits: [unit('u', 100, 0, 50, 1000)] }), 'h');
    const r = assess(city, { name: 'x', areas: [{ id: 'A', name: 'A', geometry: squareM(0, 0, 100), profileId: 'medium' }], settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 } }, base);
    expect(r.exposed.zones[0].residents).toBeCloseTo(500, 6);
    expect(r.exposed.zones[1].residents).toBeCloseTo(500, 6);
    expect(r.exposed.residents).toBeCloseTo(500, 6); // inside the drawn area only
    expect(r.exposed.residentsInZones).toBeCloseTo(1000, 6);
    const night = r.exposed.zones[0].present.night;
    expect(night.indoors + night.outdoors).toBeCloseTo(500 * 0.99, 6);
    expect(night.outdoors).toBeCloseTo(500 * 0.99 * 0.05, 6);
    expect(r.exposed.present.day.indoors + r.exposed.present.day.outdoors).toBeCloseTo(1000 * 0.75, 6);
  });

  it('two overlapping areas: a building in both takes the worst of independent draws', () => {
    const city = prepareCity(bundle({ buildings: [building('b', 0, 0, { construction: 'rc', residents: 1000 })], populationUnits: [unit('u', 0, 300, 20, 100)] }), 'h');
    const op = {
      name: 'two', settings: { timeOfDay: 'night' as const, warningShare: 0, horizonDays: 30 },
      areas: [
        { id: 'A', name: 'A', geometry: squareM(-50, 0, 100), profileId: 'medium' },
        { id: 'B', name: 'B', geometry: squareM(50, 0, 100), profileId: 'medium' },
      ],
    };
    const r = assess(city, op, base);
    // killed, by hand: exceedance E_k of the row x class factor, combined over the two areas as
    // 1 - (1 - E_k)^2; complete split by collapse share; sev. 4 rates (URM x2 below collapse)
    const killed = (row: number[], factor: number, collapse: number, urm: boolean, outdoorK: number, people: number) => {
      const ex = [1, 2, 3, 4].map((k) => 1 - (1 - Math.min(1, factor * row.slice(k).reduce((a, b) => a + b, 0))) ** 2);
      const ps = [ex[0] - ex[1], ex[1] - ex[2], ex[2] - ex[3], ex[3] * (1 - collapse), ex[3] * collapse];
      const sev4 = [0, 0, 0.001, 0.01, 10].map((v, i) => (v / 100) * (urm && i < 4 ? 2 : 1));
      const indoor = ps.reduce((a, q, i) => a + q * sev4[i], 0);
      return people * (0.95 * indoor + 0.05 * (1 - (1 - outdoorK) ** 2));
    };
    const inBuilding = killed([0.3, 0.25, 0.25, 0.15, 0.05], 0.8, 0.13, false, 0.01, 1000 * 0.99);
    const unitPart = killed([0.6, 0.25, 0.12, 0.03, 0], 1.2, 0.15, true, 0.002, 100 * 0.99); // unit in both 250 m zones, as URM
    expect(r.casualties.killed.mean).toBeCloseTo(inBuilding + unitPart, 9);
    expect(r.exposed.zones.filter((z) => z.buildings === 1).map((z) => z.areaId)).toEqual(['A', 'B']);
    expect(r.exposed.buildings).toBe(1); // counted once in the total
  });
});
