/**
 * Hand-computed casualties: one building of each construction class in each zone of a profile.
 * The METHOD.md tables are written out here independently of the engine and data files.
 */
import { describe, expect, it } from 'vitest';
import { assess, assessWithSamples } from './assess';
import { prepareCity } from './city';
import { CAS_FIELDS, casIndex } from './casualties';
import { loadDefaultParameters, loadDefaultProfiles } from './parameters';
import { building, bundle, operation } from './testkit';

// ---- METHOD.md tables, typed in by hand ----
const PROFILES: Record<string, { edge: number; p: number[]; out: [number, number, number] }[]> = {
  medium: [
    { edge: 0, p: [0.30, 0.25, 0.25, 0.15, 0.05], out: [0.01, 0.03, 0.06] },
    { edge: 250, p: [0.60, 0.25, 0.12, 0.03, 0], out: [0.002, 0.008, 0.02] },
  ],
  high: [
    { edge: 0, p: [0.10, 0.15, 0.25, 0.25, 0.25], out: [0.05, 0.10, 0.15] },
    { edge: 500, p: [0.40, 0.30, 0.20, 0.08, 0.02], out: [0.01, 0.03, 0.06] },
    { edge: 1000, p: [0.80, 0.15, 0.05, 0, 0], out: [0.001, 0.005, 0.01] },
  ],
};
const CLASS_FACTOR: Record<string, number> = { light: 1.3, urm: 1.2, rc: 0.8, steel: 0.7 };
const COLLAPSE: Record<string, number> = { light: 0.03, urm: 0.15, rc: 0.13, steel: 0.08 };
// % of occupants, severities 1..4; rows slight, moderate, extensive, complete no collapse, collapse
const RATES = [[0.05, 0, 0, 0], [0.2, 0.025, 0, 0], [1, 0.1, 0.001, 0.001], [5, 1, 0.01, 0.01], [40, 20, 5, 10]];
const OCC = { night: { res: 0.99, com: 0.02 }, day: { res: 0.75, com: 0.98 }, commute: { res: 0.5, com: 0.5 } };
const OUTDOOR = { night: 0.05, day: 0.2, commute: 0.4 };

/** [killed, serious, light] expected per person indoors for a zone row and class. */
function indoorRates(p: number[], cls: string): number[] {
  const ex = [1, 2, 3, 4].map((k) => Math.min(1, CLASS_FACTOR[cls] * p.slice(k).reduce((a, b) => a + b, 0)));
  const ps = [ex[0] - ex[1], ex[1] - ex[2], ex[2] - ex[3], ex[3] * (1 - COLLAPSE[cls]), ex[3] * COLLAPSE[cls]];
  const out = [0, 0, 0];
  ps.forEach((q, row) => {
    const f = cls === 'urm' && row < 4 ? 2 : 1;
    const r = RATES[row].map((v) => (v / 100) * f);
    out[0] += q * r[3]; out[1] += q * (r[1] + r[2]); out[2] += q * r[0];
  });
  return out;
}

function expected(profile: string, zone: number, cls: string, time: keyof typeof OCC, residents: number, workers: number): number[] {
  const z = PROFILES[profile][zone];
  const people = residents * OCC[time].res + workers * OCC[time].com;
  const ind = indoorRates(z.p, cls);
  return [0, 1, 2].map((s) => people * ((1 - OUTDOOR[time]) * ind[s] + OUTDOOR[time] * z.out[s]));
}

const CLASSES = ['light', 'urm', 'rc', 'steel'] as const;
const parameters = loadDefaultParameters();
const profiles = loadDefaultProfiles();
const base = { profiles, parameters: parameters.values, parameterSetName: parameters.name, seed: 7, appVersion: 'test', createdAt: '2026-01-01T00:00:00Z' };

/** Building positions (m east of the 200 m square's centre) inside each zone of the profile. */
const POS: Record<string, number[]> = { medium: [0, 100 + 200], high: [0, 100 + 300, 100 + 800] };

describe.each(['medium', 'high'])('hand-computed casualties, %s profile', (profile) => {
  const cases = POS[profile].flatMap((x, zone) => CLASSES.map((cls) => ({ zone, cls, x })));

  it.each(cases)('zone $zone, class $cls: expectation matches the tables to 1e-9 at all times', ({ zone, cls, x }) => {
    const city = prepareCity(bundle({ buildings: [building('b', x, 0, { construction: cls, use: 'mixed', residents: 80, workers: 40 })] }), 'h');
    const r = assess(city, operation(profile), { ...base, mode: 'expectation' });
    for (const time of ['night', 'day', 'commute'] as const) {
      const e = expected(profile, zone, cls, time, 80, 40);
      const c = r.casualtiesByTime[time];
      expect(c.killed.mean).toBeCloseTo(e[0], 9);
      expect(c.seriouslyInjured.mean).toBeCloseTo(e[1], 9);
      expect(c.lightlyInjured.mean).toBeCloseTo(e[2], 9);
    }
    expect(r.exposed.zones.find((z) => z.zoneIndex === zone)?.buildings).toBe(1);
  });

  it('all buildings together: the sum, and the Monte Carlo mean within 3 standard errors', () => {
    const buildings = cases.map((c, i) => building(`b${i}`, c.x, 15 * i - 80, { construction: c.cls, residents: 300 }));
    const city = prepareCity(bundle({ buildings }), 'h');
    const want = cases.reduce((acc, c) => expected(profile, c.zone, c.cls, 'night', 300, 0).map((v, s) => acc[s] + v), [0, 0, 0]);
    const r = assess(city, operation(profile), { ...base, mode: 'expectation' });
    expect(r.casualties.killed.mean).toBeCloseTo(want[0], 9);
    expect(r.casualties.seriouslyInjured.mean).toBeCloseTo(want[1], 9);
    // Monte Carlo without rate uncertainty (collapse rates can then not be clipped): damage states and binomials only
    const noSigma = { ...parameters.values, 'uncertainty.rateSigma': { ...parameters.values['uncertainty.rateSigma'], value: 0 } };
    const runs = 4000;
    const { samples } = assessWithSamples(city, operation(profile), { ...base, parameters: noSigma, mode: 'montecarlo', runs });
    for (let s = 0; s < 3; s++) {
      let m = 0, m2 = 0;
      for (let k = 0; k < runs; k++) { const v = samples!.casualties[k * CAS_FIELDS + casIndex(0, s, 0)]; m += v; m2 += v * v; }
      m /= runs;
      const se = Math.sqrt((m2 / runs - m * m) / runs);
      expect(Math.abs(m - want[s])).toBeLessThan(3 * se);
    }
  });
});

describe('rate uncertainty', () => {
  it('mean-one lognormal multipliers keep the Monte Carlo mean on the expectation (no collapse in this zone)', () => {
    // medium profile, 250 m zone: no complete damage, so no clipping of rates
    const buildings = CLASSES.map((cls, i) => building(`b${i}`, 200, 30 * i, { construction: cls, residents: 2000 }));
    const city = prepareCity(bundle({ buildings }), 'h');
    const runs = 4000;
    const want = CLASSES.reduce((acc, cls) => expected('medium', 1, cls, 'night', 2000, 0).map((v, s) => acc[s] + v), [0, 0, 0]);
    const { result, samples } = assessWithSamples(city, operation('medium'), { ...base, mode: 'montecarlo', runs });
    for (let s = 0; s < 3; s++) {
      let m = 0, m2 = 0;
      for (let k = 0; k < runs; k++) { const v = samples!.casualties[k * CAS_FIELDS + casIndex(0, s, 0)]; m += v; m2 += v * v; }
      m /= runs;
      expect(Math.abs(m - want[s])).toBeLessThan(3 * Math.sqrt((m2 / runs - m * m) / runs));
    }
    // the interval is an interval
    expect(result.casualties.lightlyInjured.p05).toBeLessThan(result.casualties.lightlyInjured.p95);
  });
});

describe('groups and warning', () => {
  it('splits by breakdown and lets reduced-mobility groups leave at half the rate', () => {
    const city = prepareCity(bundle({ buildings: [building('b', 0, 0, { residents: 1000 })] }), 'h');
    const w = 0.4;
    const r0 = assess(city, operation('high'), { ...base, mode: 'expectation' });
    const rw = assess(city, operation('high', { warningShare: w }), { ...base, mode: 'expectation' });
    const k0 = r0.casualties.killed.mean;
    // default breakdown: female .5, 0-14 .2, 65+ .1, disabled .15
    const g = r0.casualties.byGroup;
    expect(g.women.killed.mean).toBeCloseTo(k0 * 0.7 * 0.5, 9);
    expect(g.girls.killed.mean).toBeCloseTo(k0 * 0.2 * 0.5, 9);
    expect(g.elderly.killed.mean).toBeCloseTo(k0 * 0.1, 9);
    expect(g.disabled.killed.mean).toBeCloseTo(k0 * 0.15, 9);
    const keepGeneral = 0.85 * (1 - w) + 0.15 * (1 - w / 2);
    const gw = rw.casualties.byGroup;
    expect(gw.men.killed.mean).toBeCloseTo(k0 * 0.7 * 0.5 * keepGeneral, 9);
    expect(gw.elderly.killed.mean).toBeCloseTo(k0 * 0.1 * (1 - w / 2), 9);
    expect(gw.disabled.killed.mean).toBeCloseTo(k0 * 0.15 * (1 - w / 2), 9);
    expect(rw.casualties.killed.mean).toBeCloseTo(k0 * (0.9 * keepGeneral + 0.1 * (1 - w / 2)), 9);
    // the elderly's share of the killed rises after a warning
    expect(gw.elderly.killed.mean / rw.casualties.killed.mean).toBeGreaterThan(g.elderly.killed.mean / k0);
  });
});
