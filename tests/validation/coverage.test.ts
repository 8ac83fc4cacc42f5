/**
 * Interval coverage against a truth the model did not make (METHOD.md §7a, issue 12): the engine's
 * 90% intervals (public API only) against outcomes of tests/validation/simulator.ts, which has
 * spatially correlated damage, clustered occupancy and gamma rate multipliers. The table this
 * prints is the one published in core/engine/README.md.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../core/engine/assess';
import { prepareCity } from '../../core/engine/city';
import { loadDefaultParameters, loadDefaultProfiles, type ParameterValues } from '../../core/engine/parameters';
import { building, bundle, operation, squareM } from '../../core/engine/testkit';
import type { Interval } from '../../core/model/assessment';
import { mulberry32, simulateNight, TRUTH_DEFAULTS, type SimBuilding, type TruthOptions } from './simulator';

const HALF = 150; // the area: a 300 m square about the origin
const FIGURES = ['killed', 'seriouslyInjured', 'lightlyInjured'] as const;
const TRUTHS = 300;

/** 24 x 24 buildings 25 m apart: an old masonry core, concrete around, residents clustered by block. */
function town(): SimBuilding[] {
  const u = mulberry32(77);
  const blocks = new Map<string, number>();
  const out: SimBuilding[] = [];
  for (let i = 0; i < 24; i++) for (let j = 0; j < 24; j++) {
    const x = -287.5 + 25 * i, y = -287.5 + 25 * j;
    const bk = `${Math.floor(i / 4)},${Math.floor(j / 4)}`;
    if (!blocks.has(bk)) blocks.set(bk, 10 + 60 * u());
    const dx = Math.max(0, Math.abs(x) - HALF), dy = Math.max(0, Math.abs(y) - HALF);
    out.push({ x, y, distanceM: Math.hypot(dx, dy), residents: Math.round(blocks.get(bk)! * (0.5 + u())), construction: Math.hypot(x, y) < 150 ? 'urm' : 'rc' });
  }
  return out;
}

const profile = loadDefaultProfiles().find((p) => p.id === 'medium')!;
const defaults = loadDefaultParameters();
const buildings = town();
const city = prepareCity(bundle({ buildings: buildings.map((b, i) => building(`b${i}`, b.x, b.y, { residents: b.residents, construction: b.construction })) }), 'validation');

function modelIntervals(rateSigma: number): Record<(typeof FIGURES)[number], Interval> {
  const parameters: ParameterValues = { ...defaults.values, 'uncertainty.rateSigma': { ...defaults.values['uncertainty.rateSigma']!, value: rateSigma } };
  const r = assess(city, operation('medium', { timeOfDay: 'night' }, squareM(0, 0, HALF)), {
    profiles: loadDefaultProfiles(), parameters, parameterSetName: 'validation', runs: 1000, seed: 3, mode: 'montecarlo', appVersion: 'test', createdAt: '2026-01-01T00:00:00Z',
  });
  return r.casualties;
}

/** Share of truth draws inside each figure's 90% interval. */
function coverage(iv: Record<(typeof FIGURES)[number], Interval>, o: TruthOptions = TRUTH_DEFAULTS): Record<(typeof FIGURES)[number], number> {
  const inside = { killed: 0, seriouslyInjured: 0, lightlyInjured: 0 };
  for (let s = 0; s < TRUTHS; s++) {
    const t = simulateNight(buildings, profile, 1000 + s, o);
    for (const f of FIGURES) if (t[f] >= iv[f].p05 && t[f] <= iv[f].p95) inside[f]++;
  }
  return Object.fromEntries(FIGURES.map((f) => [f, inside[f] / TRUTHS])) as Record<(typeof FIGURES)[number], number>;
}

/** Honest 90% intervals cover 82-96% of 300 truths (about 90% +- 3.5 binomial standard deviations). */
const honest = (c: number) => c >= 0.82 && c <= 0.96;

/** The same intervals stretched k times about their median: deliberately too wide. */
const widen = (iv: Record<(typeof FIGURES)[number], Interval>, k: number) => Object.fromEntries(FIGURES.map((f) => {
  const i = iv[f];
  return [f, { ...i, p05: Math.max(0, i.p50 - k * (i.p50 - i.p05)), p95: i.p50 + k * (i.p95 - i.p50) }];
})) as Record<(typeof FIGURES)[number], Interval>;

describe('coverage of the 90% intervals against an independent simulator', () => {
  it('prints the coverage table; killed is covered honestly, and the check fails for intervals made too narrow or too wide', () => {
    const model = modelIntervals(0.5);
    const table = [
      { name: 'model defaults (sigma 0.5), full simulator', c: coverage(model) },
      { name: 'model defaults, simulator without correlated damage or clustered occupancy', c: coverage(model, { ...TRUTH_DEFAULTS, damageCorrelation: 0, occupancyCv: 0 }) },
      { name: 'too narrow: rate sigma 0', c: coverage(modelIntervals(0)) },
      { name: 'too wide: model intervals stretched 3x', c: coverage(widen(model, 3)) },
    ];
    console.info(['| intervals vs truth | killed | seriously injured | lightly injured |', '|---|---|---|---|',
      ...table.map((t) => `| ${t.name} | ${FIGURES.map((f) => `${Math.round(t.c[f] * 100)}%`).join(' | ')} |`)].join('\n'));
    const [full, , narrow, wide] = table;
    expect(honest(full!.c.killed)).toBe(true);
    expect(FIGURES.some((f) => !honest(narrow!.c[f]))).toBe(true);
    expect(FIGURES.some((f) => !honest(wide!.c[f]))).toBe(true);
  }, 300_000);
});
