import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../model/dataset';
import { assess } from './assess';
import { prepareCity } from './city';
import { residentsInArea, searchByZone } from './exposure';
import { buildZones } from '../geometry/zone-rings';
import { locatePoint, rectShares } from './zones';
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

describe('searchByZone', () => {
  it('visits exactly what index.search visits, in the same order, with the same zones and shares', () => {
    const populationUnits = [], buildings = [];
    for (let i = 0; i < 90; i++) for (let j = 0; j < 90; j++) populationUnits.push(unit(`u${i}_${j}`, -890 + 20 * i, -890 + 20 * j, 10, 1 + ((i * 7 + j * 3) % 11)));
    for (let b = 0; b < 12000; b++) buildings.push(building(`b${b}`, ((b * 7919) % 1777) - 888, ((b * 104729) % 1777) - 888, { residents: 3 }));
    const city = prepareCity(bundle({ populationUnits, buildings }), 'h');
    const lShape: PolygonGeometry = { type: 'Polygon', coordinates: [[at(-200, -200), at(150, -200), at(150, -50), at(-50, -50), at(-50, 180), at(-200, 180), at(-200, -200)]] };
    const tri: PolygonGeometry = { type: 'Polygon', coordinates: [[at(-100, -120), at(210, 30), at(-60, 190), at(-100, -120)]] };
    let fast = 0, fastB = 0;
    for (const [area, edges] of [[squareM(0, 0, 150), [0, 100, 300, 600]], [lShape, [0, 50, 400]], [tri, [0, 250]]] as const) {
      const z = buildZones(area, edges);
      const K = edges.length;
      const out = new Float64Array(K);
      const U = city.units, B = city.buildings;
      const cellSlow = (seen: string[]) => (u: number) => {
        if (rectShares(z, U.bbox[4 * u], U.bbox[4 * u + 1], U.bbox[4 * u + 2], U.bbox[4 * u + 3], out)) seen.push(`${u}:${out.join(',')}`);
        return false;
      };
      const ref: string[] = [], got: string[] = [];
      U.index.search(...z.bbox, cellSlow(ref));
      searchByZone(U.index, z, 'cells', cellSlow(got), (u, k) => { fast++; const v = new Array(K).fill(0); v[k] = 1; got.push(`${u}:${v.join(',')}`); });
      expect(got).toEqual(ref);
      expect(ref.length).toBeGreaterThan(100);
      const pointSlow = (seen: string[]) => (b: number) => {
        const k = locatePoint(z, B.lon[b], B.lat[b]).zone;
        if (k >= 0) seen.push(`${b}:${k}`);
        return false;
      };
      const refB: string[] = [], gotB: string[] = [];
      B.index.search(...z.bbox, pointSlow(refB));
      searchByZone(B.index, z, 'points', pointSlow(gotB), (b, k) => { fastB++; gotB.push(`${b}:${k}`); });
      expect(gotB).toEqual(refB);
      expect(refB.length).toBeGreaterThan(100);
    }
    expect(fast).toBeGreaterThan(100); // whole nodes were taken
    expect(fastB).toBeGreaterThan(100);
  });
});

describe('zone hits kept per city', () => {
  it('an assessment that reuses an area\'s zone hits gives the bytes of one on a freshly prepared city', () => {
    const parts = {
      populationUnits: [unit('u1', 100, 0, 50, 1000), unit('u2', -400, 30, 80, 700), unit('u3', 0, 0, 30, 300), unit('alloc', 60, -60, 20, 50)],
      buildings: [building('b1', 10, 5, { residents: 40, workers: 12, use: 'commercial' }), building('b2', 180, -20, { unitId: 'alloc', residents: 50 }), building('b3', -350, 0, { residents: 9 })],
    };
    const two: Parameters<typeof assess>[1] = {
      name: 'two', settings: { timeOfDay: 'day', warningShare: 0.3, horizonDays: 30 },
      areas: [{ id: 'A', name: 'A', geometry: squareM(0, 0, 100), profileId: 'medium' }, { id: 'B', name: 'B', geometry: squareM(-300, 0, 120), profileId: 'high' }],
    };
    const one = (timeOfDay: 'night' | 'day', warningShare: number, profileId = 'medium'): Parameters<typeof assess>[1] =>
      ({ name: 'one', settings: { timeOfDay, warningShare, horizonDays: 30 }, areas: [{ id: 'A', name: 'A', geometry: squareM(0, 0, 100), profileId }] });
    // people per item are kept with the hits for a warning share and people parameters: a change of
    // time of day keeps them, a change of warning or of an occupancy record does not
    const occupancy = 'occupancy.night.residential', fewerAtHome = { ...base.parameters, [occupancy]: { ...base.parameters[occupancy], value: 0.5 } };
    const ops: [Parameters<typeof assess>[1], typeof base.parameters][] = [
      [one('night', 0), base.parameters], [one('day', 0.5), base.parameters], [two, base.parameters], [one('night', 0, 'high'), base.parameters],
      [one('day', 0.2), base.parameters], [one('night', 0.2), base.parameters], [one('night', 0.2), fewerAtHome], [one('night', 0.2), base.parameters], [two, base.parameters],
    ];
    const warm = prepareCity(bundle(parts), 'h');
    for (const [op, parameters] of ops) {
      const fresh = prepareCity(bundle(parts), 'h'); // a new prepared city: nothing kept
      for (const mode of ['expectation', 'montecarlo'] as const) {
        const o = { ...base, parameters, mode, runs: 50 };
        expect(JSON.stringify(assess(warm, op, o))).toBe(JSON.stringify(assess(fresh, op, o)));
      }
    }
    // the same areas on a city whose units differ are searched again (hits are per prepared city)
    const other = prepareCity(bundle({ ...parts, populationUnits: [unit('u1', 100, 0, 50, 2000)] }), 'h');
    expect(assess(other, one('night', 0), base).exposed.zones[0].residents).toBeCloseTo(2000 / 2 + 40, 6); // half of u1, and b1
  });
});
