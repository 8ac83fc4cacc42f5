/**
 * Calibration recovers known multipliers from synthetic operations and beats the default in
 * leave-one-out error; with a model that is already right it changes little.
 */
import { describe, expect, it } from 'vitest';
import { calibrate, DEFAULT_PRIOR, type CalibrationCase, type CalibrationPrior } from '../../core/postop/calibrate';
import { Rng } from '../../core/engine/random';

/** Poisson by summing Knuth draws of mean <= 10 (exact: a sum of Poissons is Poisson). */
function poisson(rng: Rng, mean: number): number {
  let n = 0;
  for (let left = mean; left > 0; left -= 10) {
    const l = Math.exp(-Math.min(10, left));
    let p = rng.uniform(); let k = 0;
    while (p > l) { p *= rng.uniform(); k++; }
    n += k;
  }
  return n;
}
const binomial = (rng: Rng, n: number, p: number) => { let k = 0; for (let i = 0; i < n; i++) if (rng.uniform() < p) k++; return k; };

const ZONES = [{ key: 'high:0', p: 0.55 }, { key: 'high:1', p: 0.3 }, { key: 'high:2', p: 0.08 }];

function synthetic(seed: number, ops: number, casualtyTrue: number, damageTrue: number): CalibrationCase[] {
  const rng = new Rng(seed);
  return Array.from({ length: ops }, (_, i) => {
    const killed = 5 + rng.uniform() * 75;
    const injured = killed * (2 + rng.uniform() * 2);
    return {
      id: `op${i + 1}`,
      casualties: {
        killed: { predicted: killed, observed: poisson(rng, casualtyTrue * killed) },
        injured: { predicted: injured, observed: poisson(rng, casualtyTrue * injured) },
      },
      damageZones: ZONES.map((z) => {
        const n = 100 + Math.floor(rng.uniform() * 150);
        const p = z.p * (0.85 + rng.uniform() * 0.3); // the building mix moves the predicted share a little
        return { zoneKey: z.key, n, predictedP: p, observed: binomial(rng, n, damageTrue * p) };
      }),
    };
  });
}

/** The synthetic damage below is independent building by building: no within-zone correlation to allow for. */
const INDEPENDENT: CalibrationPrior = { ...DEFAULT_PRIOR, damage: { ...DEFAULT_PRIOR.damage, intraZoneCorrelation: 0 } };

describe('calibrate', () => {
  it('recovers casualty multiplier 1.8 and damage multiplier 0.6 from 12 operations, and lowers leave-one-out error', () => {
    const cases = synthetic(20240601, 12, 1.8, 0.6);
    const r = calibrate(cases, INDEPENDENT);
    const { casualtyKilled, casualtyInjured, damage, damageByZone } = r.multipliers;

    // Tolerance from the sample itself: 3 posterior standard deviations (Gamma: sqrt(shape)/rate),
    // which 12 operations keep below 0.1 for killed and below 0.05 for injured.
    for (const m of [casualtyKilled, casualtyInjured]) {
      const post = m.posterior as { shape: number; rate: number };
      const sd = Math.sqrt(post.shape) / post.rate;
      expect(sd).toBeLessThan(0.1);
      expect(Math.abs(m.calibrated - 1.8)).toBeLessThan(3 * sd);
      expect(m.p05).toBeLessThan(1.8);
      expect(m.p95).toBeGreaterThan(1.8);
      expect(m.n).toBe(12);
      expect(m.loo.helps).toBe(true);
      expect(m.loo.calibrated!).toBeLessThan(m.loo.default! / 2);
    }
    // Damage: binomial sd of the pooled share over ~6,000 buildings is under 0.01 (multiplier under 0.04).
    const post = damage.posterior as { alpha: number; beta: number; pbar: number };
    const sd = Math.sqrt((post.alpha * post.beta) / ((post.alpha + post.beta) ** 2 * (post.alpha + post.beta + 1))) / post.pbar;
    expect(sd).toBeLessThan(0.04);
    expect(Math.abs(damage.calibrated - 0.6)).toBeLessThan(3 * sd);
    expect(damage.loo.helps).toBe(true);
    for (const z of ZONES) {
      const m = damageByZone[z.key]!;
      const zp = m.posterior as { alpha: number; beta: number; pbar: number };
      const zsd = Math.sqrt((zp.alpha * zp.beta) / ((zp.alpha + zp.beta) ** 2 * (zp.alpha + zp.beta + 1))) / zp.pbar;
      expect(Math.abs(m.calibrated - 0.6)).toBeLessThan(3 * zsd + 0.02); // + prior pull of 20 pseudo-buildings toward 1
      expect(m.loo.helps).toBe(true);
    }
    expect(r.parameterSet).toMatchObject({ name: 'calibrated', casualtyKilled: casualtyKilled.calibrated, damage: damage.calibrated });
    expect(r.defaultSet).toMatchObject({ casualtyKilled: 1, casualtyInjured: 1, damage: 1, damageByZone: { 'high:0': 1, 'high:1': 1, 'high:2': 1 } });
    expect(r.cases).toHaveLength(12);
    console.info('calibration (true 1.8 / 0.6):', JSON.stringify({
      killed: [casualtyKilled.calibrated, casualtyKilled.p05, casualtyKilled.p95, casualtyKilled.loo],
      injured: [casualtyInjured.calibrated, casualtyInjured.loo.default, casualtyInjured.loo.calibrated],
      damage: [damage.calibrated, damage.p05, damage.p95, damage.loo.default, damage.loo.calibrated],
      byZone: Object.fromEntries(Object.entries(damageByZone).map(([k, m]) => [k, m.calibrated])),
    }));
  });

  it('over 40 independent samples the estimates centre on the truth and the 90% intervals cover it about 90% of the time', () => {
    const runs = Array.from({ length: 40 }, (_, i) => calibrate(synthetic(1000 + i, 12, 1.8, 0.6), INDEPENDENT).multipliers);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Standard error of the average of 40 estimates: about 0.05/sqrt(40) = 0.008 (casualties), 0.016/sqrt(40) = 0.003 (damage).
    expect(Math.abs(avg(runs.map((m) => m.casualtyKilled.calibrated)) - 1.8)).toBeLessThan(0.03);
    expect(Math.abs(avg(runs.map((m) => m.damage.calibrated)) - 0.6)).toBeLessThan(0.015);
    const covered = runs.filter((m) => m.casualtyKilled.p05 <= 1.8 && 1.8 <= m.casualtyKilled.p95).length;
    expect(covered).toBeGreaterThanOrEqual(31); // binomial(40, 0.9): P(X <= 30) < 2%
    expect(runs.every((m) => m.casualtyKilled.loo.helps && m.damage.loo.helps)).toBe(true);
  });

  it('a model that is already right stays near 1 and calibration does not claim a large gain', () => {
    const r = calibrate(synthetic(7, 12, 1, 1), INDEPENDENT);
    const { casualtyKilled, damage } = r.multipliers;
    expect(Math.abs(casualtyKilled.calibrated - 1)).toBeLessThan(0.15);
    expect(Math.abs(damage.calibrated - 1)).toBeLessThan(0.06);
    expect(casualtyKilled.p05).toBeLessThan(1);
    expect(casualtyKilled.p95).toBeGreaterThan(1);
    // Leave-one-out error within 10% of the default's either way.
    expect(Math.abs(casualtyKilled.loo.calibrated! - casualtyKilled.loo.default!)).toBeLessThan(0.1 * casualtyKilled.loo.default!);
  });

  it('with no operations the calibrated set is the default', () => {
    const r = calibrate([]);
    expect(r.parameterSet).toMatchObject({ casualtyKilled: 1, casualtyInjured: 1, damage: 1, damageByZone: {} });
    expect(r.multipliers.casualtyKilled.loo.helps).toBeNull();
  });

  it('fits the multipliers jointly: casualties against predictions that already apply the damage multiplier (true 1.8 and 0.6)', () => {
    // casualties follow damage: a fifth of them regardless, the rest in proportion to P(>= moderate)
    const shape = (m: number) => 0.2 + 0.8 * m;
    const rng = new Rng(99);
    const cases: CalibrationCase[] = synthetic(4242, 12, 1, 0.6).map((c) => {
      const k = c.casualties.killed!.predicted, j = c.casualties.injured!.predicted;
      return {
        ...c,
        casualties: { killed: { predicted: k, observed: poisson(rng, 1.8 * k * shape(0.6)) }, injured: { predicted: j, observed: poisson(rng, 1.8 * j * shape(0.6)) } },
        predictCasualties: (d) => ({ killed: k * shape(d.damage), injured: j * shape(d.damage) }),
      };
    });
    const joint = calibrate(cases, INDEPENDENT).multipliers;
    expect(Math.abs(joint.damage.calibrated - 0.6)).toBeLessThan(0.05);
    for (const m of [joint.casualtyKilled, joint.casualtyInjured]) {
      expect(Math.abs(m.calibrated - 1.8)).toBeLessThan(0.15);
      expect(m.loo.helps).toBe(true);
    }
    // fitted separately against the default prediction, the casualty multiplier absorbs the damage one (1.8 x 0.68 = 1.22)
    const separate = calibrate(cases.map(({ predictCasualties: _p, ...c }) => c), INDEPENDENT).multipliers;
    expect(Math.abs(separate.casualtyKilled.calibrated - 1.8 * shape(0.6))).toBeLessThan(0.1);
    // leave-one-out evaluates the combined set: each held-out operation predicted with both multipliers from the others
    expect(joint.casualtyKilled.loo.calibrated!).toBeLessThan(joint.casualtyKilled.loo.default!);
  });

  it('widens the damage interval for buildings damaged together, so it covers the truth when zones are correlated', () => {
    // each zone of each operation draws its own damaged share (beta with intra-class correlation 0.05), then its buildings
    const correlated = (seed: number): CalibrationCase[] => {
      const rng = new Rng(seed);
      // the zone's share: mean and variance of a beta with that intra-class correlation (normal approximation, clipped)
      const beta = (mean: number, icc: number) => {
        const v = mean * (1 - mean) * icc;
        return Math.min(1, Math.max(0, mean + Math.sqrt(v) * rng.normal()));
      };
      return synthetic(seed, 12, 1, 1).map((c) => ({
        ...c,
        damageZones: c.damageZones.map((z) => ({ ...z, observed: binomial(rng, z.n, beta(0.6 * z.predictedP, 0.05)) })),
      }));
    };
    const cover = (prior: CalibrationPrior) => Array.from({ length: 40 }, (_, i) => calibrate(correlated(500 + i), prior).multipliers.damage)
      .filter((m) => m.p05 <= 0.6 && 0.6 <= m.p95).length;
    const naive = cover(INDEPENDENT), widened = cover(DEFAULT_PRIOR);
    console.info(`damage multiplier 90% interval covers the truth in ${naive}/40 samples as if independent, ${widened}/40 with the design effect`);
    expect(naive).toBeLessThan(26);
    expect(widened).toBeGreaterThanOrEqual(31);
  });

  it('refuses damage scored at another threshold than the one the multiplier applies at', () => {
    const cases = synthetic(1, 2, 1, 1).map((c) => ({ ...c, damageZones: c.damageZones.map((z) => ({ ...z, threshold: 3 })) }));
    expect(() => calibrate(cases)).toThrow(/scored at class >= 3.*moderate/);
    expect(() => calibrate(synthetic(1, 2, 1, 1).map((c) => ({ ...c, damageZones: c.damageZones.map((z) => ({ ...z, threshold: 2 })) })))).not.toThrow();
  });
});
