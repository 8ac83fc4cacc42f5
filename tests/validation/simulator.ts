/**
 * An independent simulator of one operation's outcome (METHOD.md §7a), written without the engine:
 * it reads the same inputs (the dataset, data/profiles.json, data/parameters.json) and draws a
 * "truth" with a structure the engine does not have:
 * - spatially correlated damage: a Gaussian copula over a smooth random field (random Fourier
 *   features, correlation length `fieldM`), so neighbouring buildings are damaged together; each
 *   building's marginal damage-state distribution is the profile row scaled by its class;
 * - clustered occupancy: people present in a block of buildings share a gamma factor (mean 1);
 * - other rate distributions: each casualty rate is multiplied by a gamma (mean 1, CV `rateCv`) per
 *   event, not a lognormal; collapse is drawn per building.
 * Only the engine's public result is compared with it (tests/validation/coverage.test.ts).
 */
import parameterFile from '../../data/parameters.json';
import type { Building } from '../../core/model/dataset';
import type { EffectProfile } from '../../core/model/operation';

export interface TruthOptions { fieldM: number; damageCorrelation: number; blockM: number; occupancyCv: number; rateCv: number }
export const TRUTH_DEFAULTS: TruthOptions = { fieldM: 150, damageCorrelation: 0.5, blockM: 100, occupancyCv: 0.3, rateCv: 0.5 };

type P = Record<string, { value: number | string }>;
const par = (parameterFile as unknown as { values: P }).values;
const v = (k: string) => Number(par[k]!.value);
const STATES = ['slight', 'moderate', 'extensive', 'completeNoCollapse', 'collapse'] as const;

/** A small PRNG of the simulator's own (mulberry32), so it shares no code with the engine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (u: () => number) => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
/** Gamma(shape k, mean 1) by Marsaglia-Tsang. */
function gammaMeanOne(u: () => number, cv: number): number {
  if (cv <= 0) return 1;
  const k = 1 / (cv * cv);
  const draw = (shape: number): number => {
    if (shape < 1) return draw(shape + 1) * Math.pow(u(), 1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal(u), w = 1 + c * x;
      if (w <= 0) continue;
      const w3 = w * w * w, q = u();
      if (q < 1 - 0.0331 * x ** 4 || Math.log(q) < 0.5 * x * x + d * (1 - w3 + Math.log(w3))) return d * w3;
    }
  };
  return draw(k) / k;
}
function binomial(u: () => number, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (n * p * (1 - p) > 25) return Math.max(0, Math.min(n, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(u))));
  let k = 0;
  for (let i = 0; i < n; i++) if (u() < p) k++;
  return k;
}
/** Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2, t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** A building as the simulator sees it: metres from the area centre, distance to the area, residents, class. */
export interface SimBuilding { x: number; y: number; distanceM: number; residents: number; construction: Building['construction'] }

export interface Truth { killed: number; seriouslyInjured: number; lightlyInjured: number }

/** State probabilities [none, slight, moderate, extensive, complete] of a zone row for a class. */
function stateProbs(row: EffectProfile['zones'][number]['damage'], construction: string): number[] {
  const f = v(`damage.classFactor.${construction}`);
  const p = [row.none, row.slight, row.moderate, row.extensive, row.complete];
  const ex = [1, 2, 3, 4].map((k) => Math.min(1, f * p.slice(k).reduce((s, x) => s + x, 0)));
  return [1 - ex[0]!, ex[0]! - ex[1]!, ex[1]! - ex[2]!, ex[2]! - ex[3]!, ex[3]!];
}

/** One truth draw for a night-time operation with no warning. */
export function simulateNight(buildings: readonly SimBuilding[], profile: EffectProfile, seed: number, o: TruthOptions = TRUTH_DEFAULTS): Truth {
  const u = mulberry32(seed);
  // smooth field: 32 random cosines, unit variance
  const waves = Array.from({ length: 32 }, () => {
    const a = 2 * Math.PI * u(), k = Math.abs(normal(u)) / o.fieldM;
    return { kx: k * Math.cos(a), ky: k * Math.sin(a), ph: 2 * Math.PI * u() };
  });
  const field = (x: number, y: number) => Math.SQRT2 * waves.reduce((s, w) => s + Math.cos(w.kx * x + w.ky * y + w.ph), 0) / Math.sqrt(waves.length);
  const blockFactor = new Map<string, number>();
  const rate = (key: string) => v(key) / 100;
  const mult = new Map<string, number>();
  const m = (key: string) => { let x = mult.get(key); if (x === undefined) { x = gammaMeanOne(u, o.rateCv); mult.set(key, x); } return x; };
  const present = v('occupancy.night.residential'), outShare = v('outdoorShare.night');
  let killed = 0, serious = 0, light = 0;
  for (const b of buildings) {
    const zi = profile.zones.findIndex((z) => b.distanceM <= z.outerEdgeM);
    if (zi < 0) continue;
    const zone = profile.zones[zi]!;
    const bk = `${Math.floor(b.x / o.blockM)},${Math.floor(b.y / o.blockM)}`;
    if (!blockFactor.has(bk)) blockFactor.set(bk, gammaMeanOne(u, o.occupancyCv));
    const people = b.residents * present * blockFactor.get(bk)!;
    const indoors = Math.round(people * (1 - outShare)), outdoors = Math.round(people * outShare);
    // damage state by the copula: latent = sqrt(rho) field + sqrt(1 - rho) noise
    const z = Math.sqrt(o.damageCorrelation) * field(b.x, b.y) + Math.sqrt(1 - o.damageCorrelation) * normal(u);
    const q = phi(z), ps = stateProbs(zone.damage, b.construction);
    let s = 0, acc = ps[0]!;
    while (s < 4 && q >= acc) { s++; acc += ps[s]!; }
    if (s > 0) {
      let st: (typeof STATES)[number] = STATES[s - 1]!;
      if (s === 4 && u() < v(`damage.collapseShare.${b.construction}`)) st = 'collapse';
      const urm = b.construction === 'urm' && st !== 'collapse' ? v('casualty.urmNonCollapseFactor') : 1;
      const r = (sev: number) => Math.min(1, rate(`casualty.indoor.${st}.sev${sev}`) * urm * m(`${st}.${sev}`));
      // rates are shares of all occupants: serious among survivors at rs / (1 - rk), light among the rest likewise
      const rk = r(4), rs = Math.min(1 - rk, r(2) + r(3)), rl = Math.min(1 - rk - rs, r(1));
      const k = binomial(u, indoors, rk);
      const sv = binomial(u, indoors - k, rk < 1 ? rs / (1 - rk) : 0);
      const l = binomial(u, indoors - k - sv, rk + rs < 1 ? rl / (1 - rk - rs) : 0);
      killed += k; serious += sv; light += l;
    }
    const qk = Math.min(1, zone.outdoor.killed * m(`out${zi}.k`)), qs = Math.min(1 - qk, zone.outdoor.serious * m(`out${zi}.s`)), ql = Math.min(1 - qk - qs, zone.outdoor.light * m(`out${zi}.l`));
    const ok = binomial(u, outdoors, qk);
    const os = binomial(u, outdoors - ok, qk < 1 ? qs / (1 - qk) : 0);
    const ol = binomial(u, outdoors - ok - os, qk + qs < 1 ? ql / (1 - qk - qs) : 0);
    killed += ok; serious += os; light += ol;
  }
  return { killed, seriouslyInjured: serious, lightlyInjured: light };
}
