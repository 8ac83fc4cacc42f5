/**
 * Census polygons through clip.ts (box test, then trapezoid areas for units on a zone edge) give the
 * shares turf.intersect gives (the engine's path before), to 1e-9, on Porto's real census polygons
 * over random areas and profiles, unit by unit and summed; and on the training city (rectangles)
 * the polygon path agrees with the exact rectangle integration.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetBundle } from '../../core/model/dataset';
import { prepareCity, type CityModel } from '../../core/engine/city';
import { unitShares } from '../../core/engine/clip';
import { computeExposure, residentsInArea } from '../../core/engine/exposure';
import { loadDefaultParameters, loadDefaultProfiles, resolveParameters } from '../../core/engine/parameters';
import { Rng } from '../../core/engine/random';
import { referenceShares } from '../../core/engine/testkit';
import { buildZones } from '../../core/geometry/zone-rings';
import { rectShares } from '../../core/engine/zones';
import { generateTrainingCity } from '../../core/synth/training-city';
import { importPortoCensus, randomArea } from './porto-units';

const EDGES = loadDefaultProfiles().map((p) => p.zones.map((z) => z.outerEdgeM));

const SETTINGS = { timeOfDay: 'night', warningShare: 0, horizonDays: 30 } as const;
const PARAMS = resolveParameters(loadDefaultParameters().values);
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

function bboxOf(city: CityModel): [number, number, number, number] {
  const b = city.units.bbox; let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < b.length; i += 4) { w = Math.min(w, b[i]); s = Math.min(s, b[i + 1]); e = Math.max(e, b[i + 2]); n = Math.max(n, b[i + 3]); }
  return [w, s, e, n];
}

describe("Porto's census polygons: clip.ts against turf.intersect", () => {
  let bundle: DatasetBundle;
  let city: CityModel;
  beforeAll(async () => { bundle = await importPortoCensus(); city = prepareCity(bundle, 'porto'); }, 60_000);

  it('gives every unit the same share of every zone, and the same zone totals, over 12 random areas', () => {
    expect(city.units.nonRect.size).toBe(bundle.populationUnits.length); // every unit takes the polygon path
    const rng = new Rng(11), box = bboxOf(city);
    let compared = 0, onEdge = 0, worst = 0;
    for (let i = 0; i < 12; i++) {
      const area = randomArea(rng, box), edges = EDGES[i % EDGES.length];
      const z = buildZones(area, edges);
      const K = edges.length, got = new Float64Array(K), want = new Float64Array(K);
      const totGot = new Float64Array(K), totWant = new Float64Array(K);
      city.units.index.search(...z.bbox, (u) => {
        const g = city.units.nonRect.get(u)!, o = 4 * u;
        const hitGot = unitShares(z, g, city.units.bbox[o], city.units.bbox[o + 1], city.units.bbox[o + 2], city.units.bbox[o + 3], got);
        const hitWant = referenceShares(z, g, want);
        for (let k = 0; k < K; k++) {
          worst = Math.max(worst, Math.abs(got[k] - want[k]));
          expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-9);
          totGot[k] += city.units.residents[u] * got[k]; totWant[k] += city.units.residents[u] * want[k];
        }
        if (want.some((v) => v > 1e-12)) expect(hitGot).toBe(true);
        if (!hitWant) expect(hitGot).toBe(false);
        if (got.some((v) => v > 0 && v < 1)) onEdge++;
        compared++;
        return false;
      });
      for (let k = 0; k < K; k++) expect(relErr(totGot[k], totWant[k])).toBeLessThan(1e-9);
      // the engine's own entry points use the same path
      expect(relErr(residentsInArea(city, area), totWant[0])).toBeLessThan(1e-9);
      const x = computeExposure(city, [{ geometry: area, edges }], SETTINGS, PARAMS);
      for (let k = 0; k < K; k++) expect(relErr(x.unitResidents[k], totWant[k])).toBeLessThan(1e-9);
    }
    console.log(`${compared} unit-area pairs compared, ${onEdge} on a zone edge; largest share difference ${worst.toExponential(2)}`);
    expect(onEdge).toBeGreaterThan(200);
  }, 240_000);
});

describe('the training city: the polygon path against the exact rectangle integration', () => {
  it('gives every block the same shares over 30 random areas', () => {
    const bundle = generateTrainingCity(), city = prepareCity(bundle, 'training');
    const rng = new Rng(7), box = bboxOf(city);
    let onEdge = 0;
    for (let i = 0; i < 30; i++) {
      const area = randomArea(rng, box), edges = EDGES[i % EDGES.length];
      const z = buildZones(area, edges);
      const K = edges.length, got = new Float64Array(K), want = new Float64Array(K);
      const totGot = new Float64Array(K), totWant = new Float64Array(K);
      city.units.index.search(...z.bbox, (u) => {
        const o = 4 * u, b = city.units.bbox;
        const hitWant = rectShares(z, b[o], b[o + 1], b[o + 2], b[o + 3], want);
        const hitGot = unitShares(z, bundle.populationUnits[u].geometry, b[o], b[o + 1], b[o + 2], b[o + 3], got);
        // a share below 1e-12 is rounding: clip.ts drops it, areaInRect may keep it
        if (want.some((v) => v > 1e-12)) expect(hitGot).toBe(true);
        if (!hitWant) expect(hitGot).toBe(false);
        for (let k = 0; k < K; k++) {
          expect(Math.abs(got[k] - want[k])).toBeLessThan(1e-9);
          totGot[k] += city.units.residents[u] * got[k]; totWant[k] += city.units.residents[u] * want[k];
        }
        if (want.some((v) => v > 0 && v < 1)) onEdge++;
        return false;
      });
      for (let k = 0; k < K; k++) expect(relErr(totGot[k], totWant[k])).toBeLessThan(1e-9);
    }
    expect(onEdge).toBeGreaterThan(200);
  });
});
