/**
 * Calibration across recorded operations (METHOD.md §7): conjugate Bayesian updates of rate
 * multipliers, shown beside the default model with leave-one-out error. Pure.
 *
 * Casualties (gamma-Poisson): observed count y_i ~ Poisson(lambda * mu_i), mu_i the predicted mean of
 * operation i; prior lambda ~ Gamma(shape a, rate b); posterior Gamma(a + sum y, b + sum mu).
 *   Prior: mean 1 (the default model is taken as unbiased until evidence says otherwise) and the
 *   same relative spread as the model's own rate uncertainty, the lognormal multiplier with
 *   sigma 0.5 of METHOD.md §3: CV = sqrt(exp(sigma^2) - 1) = 0.533, so a = b = 1 / CV^2 = 3.52.
 *   One killed-multiplier and one injured-multiplier are fitted. Real counts are over-dispersed
 *   against Poisson, so the posterior interval is narrower than the truth: read it as a lower bound.
 * Damage by zone (beta-binomial): in each zone of each operation, k of n buildings inside the
 *   observed footprint were damaged (observed class >= 2) where the model predicted share p.
 *   For each zone key (the same profile zone across operations), the damaged share q has prior
 *   Beta(n0 * pbar, n0 * (1 - pbar)) centred on the default prediction pbar (n-weighted mean of p),
 *   with n0 = 20 pseudo-buildings (about one small zone: the default gives way once a few dozen
 *   buildings are observed); posterior Beta(alpha + sum k, beta + sum (n - k)). The damage multiplier
 *   is the posterior mean share over pbar. It scales the exceedance probabilities P(state >= moderate)
 *   of the zone rows, as the construction-class factor does (METHOD.md §1). One pooled multiplier
 *   over all zones is fitted the same way and used for zone keys with no observations.
 * Joint fit (issue 12): the damage multiplier also moves casualties (more buildings damaged, more
 *   people hurt), so the damage multipliers are fitted first, and the casualty multipliers against
 *   casualty predictions that already apply them (`predictCasualties`, the engine in expectation
 *   mode with the damage multipliers). Without `predictCasualties` a case's casualty prediction is
 *   taken as independent of damage.
 * Within-zone correlation (METHOD.md departure): buildings of one zone are damaged together (one
 *   weapon, one ground, one construction era), so n buildings carry less evidence than n independent
 *   trials. Each zone's counts are discounted by the design effect 1 + (n - 1) rho (Kish), rho =
 *   prior.damage.intraZoneCorrelation: n_eff = n / deff, k_eff = k / deff. This widens the posterior.
 * Threshold: the damage multiplier scales P(state >= moderate), so only zones scored at that
 *   threshold (observed class >= 2) are evidence; others are refused.
 * Leave-one-out error: each operation is predicted from the others' posterior; the error is the
 *   mean absolute log error with a +1 offset, |ln((observed + 1) / (predicted + 1))| (0 = exact;
 *   0.69 = off by a factor of 2), averaged over operations (for damage: over the zones of an
 *   operation first). The default model's error uses multiplier 1. The casualty error evaluates the
 *   combined set that will be applied: damage and casualty multipliers both fitted on the other
 *   operations, the held-out casualties predicted with the damage multipliers applied.
 */
import type { CalibrationInputs } from './compare';

export interface CalibrationCase extends CalibrationInputs {
  /** Operation id or name, for reports. */
  id: string;
  /**
   * Mean killed and injured of this operation under the default model with these damage
   * multipliers applied (pooled, and by zone key); absent: casualties do not depend on damage.
   */
  predictCasualties?: (damage: DamageSet) => { killed: number; injured: number };
}

/** Damage multipliers as applied: by zone key, else the pooled one. */
export interface DamageSet { damage: number; damageByZone: Record<string, number> }

/** The observed damage class the damage multiplier applies from: P(state >= moderate) (parameter-sets.ts scaleDamageRow). */
export const DAMAGE_APPLIED_THRESHOLD = 2;

export interface CalibrationPrior {
  casualty: { shape: number; rate: number; source: string };
  damage: { strength: number; intraZoneCorrelation: number; source: string };
}

const SIGMA = 0.5;
const A = 1 / (Math.exp(SIGMA * SIGMA) - 1);
export const DEFAULT_PRIOR: CalibrationPrior = {
  casualty: { shape: A, rate: A, source: 'Gamma with mean 1 and the CV of the lognormal rate multiplier (sigma 0.5, METHOD.md §3): a = b = 1/(exp(0.25) - 1) = 3.52' },
  damage: {
    strength: 20, intraZoneCorrelation: 0.05,
    source: 'Beta centred on the default predicted share, worth 20 buildings (about one small zone); zone counts discounted by the design effect 1 + (n - 1) x 0.05 for buildings damaged together (PLANNING ASSUMPTION, METHOD.md departure)',
  },
};

export interface Multiplier {
  default: 1;
  calibrated: number;
  /** 5-95% posterior interval of the multiplier. */
  p05: number;
  p95: number;
  /** Evidence: operations (casualties) or buildings (damage). */
  n: number;
  posterior: { shape: number; rate: number } | { alpha: number; beta: number; pbar: number };
  loo: LooError;
}

export interface LooError {
  metric: 'mean absolute log error, +1 offset';
  default: number | null;
  calibrated: number | null;
  /** True when the calibrated multiplier predicts held-out operations better than the default. */
  helps: boolean | null;
  operations: number;
}

export interface CalibrationResult {
  prior: CalibrationPrior;
  cases: string[];
  multipliers: {
    casualtyKilled: Multiplier;
    casualtyInjured: Multiplier;
    damage: Multiplier;
    damageByZone: Record<string, Multiplier>;
  };
  /** What the engine applies: the default set is all ones. */
  parameterSet: { name: string; casualtyKilled: number; casualtyInjured: number; damage: number; damageByZone: Record<string, number> };
  defaultSet: { name: string; casualtyKilled: 1; casualtyInjured: 1; damage: 1; damageByZone: Record<string, 1> };
}

// ---------- distributions ----------

const Z95 = 1.6448536;
/** Gamma quantile by Wilson-Hilferty (good to a few per cent for shape >= 1). */
function gammaQuantile(shape: number, rate: number, z: number): number {
  const c = 1 - 1 / (9 * shape) + z / (3 * Math.sqrt(shape));
  return Math.max(0, (shape / rate) * c * c * c);
}
/** Beta quantile by normal approximation, clipped to [0, 1]. */
function betaQuantile(alpha: number, beta: number, z: number): number {
  const m = alpha / (alpha + beta);
  const v = (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
  return Math.min(1, Math.max(0, m + z * Math.sqrt(v)));
}

const logErr = (observed: number, predicted: number) => Math.abs(Math.log((observed + 1) / (predicted + 1)));
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

// ---------- casualties ----------

type Sev = 'killed' | 'injured';
/** The case's predicted mean under damage set d (its default prediction when it cannot say). */
const predictedUnder = (c: CalibrationCase, sev: Sev, d: DamageSet | null) => (d && c.predictCasualties ? c.predictCasualties(d)[sev] : c.casualties[sev]!.predicted);

function gammaFit(cases: CalibrationCase[], sev: Sev, prior: CalibrationPrior, d: DamageSet | null) {
  let shape = prior.casualty.shape; let rate = prior.casualty.rate; let n = 0;
  for (const c of cases) {
    const x = c.casualties[sev];
    if (!x) continue;
    shape += x.observed; rate += predictedUnder(c, sev, d); n++;
  }
  return { shape, rate, n, mean: shape / rate };
}

function casualtyMultiplier(cases: CalibrationCase[], sev: Sev, prior: CalibrationPrior, damageSet: DamageSet, damageSetOf: (cs: CalibrationCase[]) => DamageSet): Multiplier {
  const fit = gammaFit(cases, sev, prior, damageSet);
  const errD: number[] = []; const errC: number[] = [];
  for (const c of cases) {
    const x = c.casualties[sev];
    if (!x) continue;
    // the combined set fitted on the other operations: their damage multipliers, then casualties against predictions applying them
    const rest = cases.filter((o) => o !== c);
    const d = damageSetOf(rest);
    const others = gammaFit(rest, sev, prior, d);
    errD.push(logErr(x.observed, x.predicted));
    errC.push(logErr(x.observed, others.mean * predictedUnder(c, sev, d)));
  }
  return {
    default: 1, calibrated: fit.mean, p05: gammaQuantile(fit.shape, fit.rate, -Z95), p95: gammaQuantile(fit.shape, fit.rate, Z95), n: fit.n,
    posterior: { shape: fit.shape, rate: fit.rate }, loo: loo(errD, errC),
  };
}

function loo(errD: number[], errC: number[]): LooError {
  const d = mean(errD); const c = mean(errC);
  return { metric: 'mean absolute log error, +1 offset', default: d, calibrated: c, helps: d === null || c === null ? null : c < d, operations: errD.length };
}

// ---------- damage ----------

type Zone = CalibrationCase['damageZones'][number];
function betaFit(zones: Zone[], prior: CalibrationPrior) {
  let n = 0; let np = 0; let k = 0;
  const rho = prior.damage.intraZoneCorrelation;
  for (const z of zones) {
    const deff = 1 + Math.max(0, z.n - 1) * rho;
    n += z.n / deff; np += (z.n / deff) * z.predictedP; k += z.observed / deff;
  }
  if (n === 0 || np === 0) return null;
  const pbar = np / n;
  const alpha = prior.damage.strength * pbar + k;
  const beta = prior.damage.strength * (1 - pbar) + (n - k);
  return { alpha, beta, pbar, n, multiplier: alpha / (alpha + beta) / pbar };
}

function damageMultiplier(cases: CalibrationCase[], select: (z: Zone) => boolean, prior: CalibrationPrior, pooledFallback: boolean): Multiplier | null {
  const zonesOf = (cs: CalibrationCase[]) => cs.flatMap((c) => c.damageZones.filter(select));
  const fit = betaFit(zonesOf(cases), prior);
  if (!fit) return null;
  const errD: number[] = []; const errC: number[] = [];
  for (const c of cases) {
    const mine = c.damageZones.filter(select).filter((z) => z.n > 0);
    if (!mine.length) continue;
    const others = cases.filter((o) => o !== c);
    const pooled = pooledFallback ? betaFit(others.flatMap((o) => o.damageZones), prior) : null;
    const perZoneD: number[] = []; const perZoneC: number[] = [];
    for (const z of mine) {
      const own = betaFit(zonesOf(others).filter((x) => x.zoneKey === z.zoneKey || !pooledFallback), prior);
      const m = own?.multiplier ?? pooled?.multiplier ?? 1;
      perZoneD.push(logErr(z.observed, z.n * z.predictedP));
      perZoneC.push(logErr(z.observed, Math.min(z.n, z.n * z.predictedP * m)));
    }
    errD.push(mean(perZoneD)!); errC.push(mean(perZoneC)!);
  }
  return {
    default: 1, calibrated: fit.multiplier,
    p05: betaQuantile(fit.alpha, fit.beta, -Z95) / fit.pbar, p95: betaQuantile(fit.alpha, fit.beta, Z95) / fit.pbar, n: fit.n,
    posterior: { alpha: fit.alpha, beta: fit.beta, pbar: fit.pbar }, loo: loo(errD, errC),
  };
}

const NO_EVIDENCE: Multiplier = {
  default: 1, calibrated: 1, p05: 1, p95: 1, n: 0, posterior: { shape: 0, rate: 0 },
  loo: { metric: 'mean absolute log error, +1 offset', default: null, calibrated: null, helps: null, operations: 0 },
};

/** The damage multipliers (pooled and by zone key) fitted on some operations, as applied. */
function damageSetOf(cases: CalibrationCase[], prior: CalibrationPrior): DamageSet {
  const zones = cases.flatMap((c) => c.damageZones);
  const byZone: Record<string, number> = {};
  for (const k of new Set(zones.map((z) => z.zoneKey))) {
    const f = betaFit(zones.filter((z) => z.zoneKey === k), prior);
    if (f) byZone[k] = f.multiplier;
  }
  return { damage: betaFit(zones, prior)?.multiplier ?? 1, damageByZone: byZone };
}

export function calibrate(cases: CalibrationCase[], prior: CalibrationPrior = DEFAULT_PRIOR, name = 'calibrated'): CalibrationResult {
  for (const c of cases) for (const z of c.damageZones) {
    if (z.threshold !== undefined && z.threshold !== DAMAGE_APPLIED_THRESHOLD) {
      throw new Error(`${c.id}: building damage was scored at class >= ${z.threshold}, but the damage multiplier applies to P(state >= moderate) (class >= ${DAMAGE_APPLIED_THRESHOLD}); compare at that threshold to calibrate`);
    }
  }
  const keys = [...new Set(cases.flatMap((c) => c.damageZones.map((z) => z.zoneKey)))].sort();
  const damageByZone: Record<string, Multiplier> = {};
  for (const k of keys) {
    // Per zone key; for leave-one-out, a key unseen in the other operations falls back to the pooled multiplier.
    const m = damageMultiplier(cases, (z) => z.zoneKey === k, prior, true);
    if (m) damageByZone[k] = m;
  }
  const damage = damageMultiplier(cases, () => true, prior, false) ?? NO_EVIDENCE;
  const applied: DamageSet = { damage: damage.calibrated, damageByZone: Object.fromEntries(Object.entries(damageByZone).map(([k, m]) => [k, m.calibrated])) };
  const setOf = (cs: CalibrationCase[]) => damageSetOf(cs, prior);
  const casualtyKilled = cases.some((c) => c.casualties.killed) ? casualtyMultiplier(cases, 'killed', prior, applied, setOf) : NO_EVIDENCE;
  const casualtyInjured = cases.some((c) => c.casualties.injured) ? casualtyMultiplier(cases, 'injured', prior, applied, setOf) : NO_EVIDENCE;
  return {
    prior,
    cases: cases.map((c) => c.id),
    multipliers: { casualtyKilled, casualtyInjured, damage, damageByZone },
    parameterSet: {
      name, casualtyKilled: casualtyKilled.calibrated, casualtyInjured: casualtyInjured.calibrated, damage: damage.calibrated,
      damageByZone: Object.fromEntries(Object.entries(damageByZone).map(([k, m]) => [k, m.calibrated])),
    },
    defaultSet: { name: 'default', casualtyKilled: 1, casualtyInjured: 1, damage: 1, damageByZone: Object.fromEntries(keys.map((k) => [k, 1 as const])) },
  };
}
