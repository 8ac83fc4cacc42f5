/**
 * Step 4, casualties (METHOD.md §3): expected values and Monte Carlo draws.
 *
 * Expected casualties of severity s for an item (building or unit piece) at time t:
 *   people(t) x [ (1 - outdoorShare t) x sum_o P(o | zone, class) x rate(s | o, class)
 *                 + outdoorShare t x outdoorRate(s | zone) ].
 * Indoor rates: Hazus table, URM rates below collapse x urmNonCollapseFactor; severities 2+3 are
 * "seriously injured". Results are split by group in proportion to the people of each group
 * (disabled overlaps the five age/sex groups).
 *
 * Monte Carlo, per run:
 * - one mean-one lognormal multiplier (sigma from parameters) on every rate: each cell of the indoor
 *   table (outcome x severity) and each outdoor rate (area x zone x severity), shared by all
 *   buildings in the run (the table itself is uncertain, so its error does not average out);
 * - each building draws its damage outcome from its zone/class distribution; people in unit pieces
 *   (many unknown buildings) take the expected mix of outcomes;
 * - casualties are binomial draws. Buildings with the same outcome and class share one rate, so the
 *   sum of their binomials is one binomial of their summed occupants (exact for integer counts);
 *   severities are drawn in sequence (killed, then serious among survivors, then light) so nobody
 *   is counted twice. Binomial with fractional n: see Rng.binomial (normal approximation for
 *   variance >= 25, else exact inversion after mean-preserving stochastic rounding).
 * - Departure: if multiplied rates add up to more than one (possible for collapse, whose rates sum
 *   to 0.75), they are clipped killed-first so they sum to one; this makes the Monte Carlo mean a
 *   little lower than the expectation where collapse dominates.
 * - Group splits of sampled counts are proportional to the people of each group (expected split,
 *   not a multinomial draw).
 */
import { TIMES_OF_DAY } from '../model/operation';
import { CONSTRUCTION_CLASSES } from '../model/dataset';
import { NCLASS, OUTCOMES, STATES, type ComboDamage } from './damage';
import { PEOPLE_FIELDS, PEOPLE_STRIDE, type Exposure } from './exposure';
import { INDOOR_STATES, type EngineParameters } from './parameters';
import type { Rng } from './random';

export const NTIME = TIMES_OF_DAY.length;
export const NSEV = 3; // killed, seriouslyInjured, lightlyInjured (SEVERITIES order)
/** Casualty figures per run: time x severity x (total + 6 groups). */
export const CAS_FIELDS = NTIME * NSEV * PEOPLE_FIELDS;
export const casIndex = (t: number, s: number, g: number) => (t * NSEV + s) * PEOPLE_FIELDS + g;

/** Base indoor rates [killed, serious, light] per class and outcome (outcome 0 = none = 0). */
export function indoorRateTable(params: EngineParameters): Float64Array {
  const table = new Float64Array(NCLASS * OUTCOMES * NSEV);
  CONSTRUCTION_CLASSES.forEach((cls, c) => {
    INDOOR_STATES.forEach((state, j) => {
      const o = j + 1;
      const r = params.indoorRates[state];
      const f = cls === 'urm' && state !== 'collapse' ? params.urmNonCollapseFactor : 1;
      const base = (c * OUTCOMES + o) * NSEV;
      table[base] = r.killed * f; table[base + 1] = r.serious * f; table[base + 2] = r.light * f;
    });
  });
  return table;
}

/** Exact expected casualties (the expectation mode), CAS_FIELDS values. */
export function expectedCasualties(x: Exposure, damage: readonly ComboDamage[], params: EngineParameters): Float64Array {
  const rates = indoorRateTable(params);
  const out = new Float64Array(CAS_FIELDS);
  const outdoor = TIMES_OF_DAY.map((t) => params.outdoorShare[t]);
  const rate = new Float64Array(NSEV);
  for (let i = 0; i < x.count; i++) {
    const d = damage[x.itemCombo[i]], c = x.itemClass[i];
    rate.fill(0);
    for (let o = 1; o < OUTCOMES; o++) {
      const p = d.building[c * OUTCOMES + o];
      if (p === 0) continue;
      for (let s = 0; s < NSEV; s++) rate[s] += p * rates[(c * OUTCOMES + o) * NSEV + s];
    }
    const od = [d.outdoor.killed, d.outdoor.serious, d.outdoor.light];
    for (let t = 0; t < NTIME; t++) {
      const po = i * PEOPLE_STRIDE + t * PEOPLE_FIELDS;
      for (let s = 0; s < NSEV; s++) {
        const r = (1 - outdoor[t]) * rate[s] + outdoor[t] * od[s];
        if (r === 0) continue;
        for (let g = 0; g < PEOPLE_FIELDS; g++) out[casIndex(t, s, g)] += x.itemPeople[po + g] * r;
      }
    }
  }
  return out;
}

/** Clip rates killed-first so that they sum to at most one. */
function clipRates(k: number, s: number, l: number, out: Float64Array): void {
  const kk = k > 1 ? 1 : k;
  const ss = s > 1 - kk ? 1 - kk : s;
  const ll = l > 1 - kk - ss ? 1 - kk - ss : l;
  out[0] = kk; out[1] = ss; out[2] = ll;
}

/**
 * Draw killed / serious / light among n people (fields: total then groups at people[off..]) with
 * rates r, adding the counts and their group split to result at time t.
 */
function drawChain(rng: Rng, people: Float64Array, off: number, r: Float64Array, t: number, result: Float64Array): void {
  const n = people[off];
  if (!(n > 0)) return;
  const k = rng.binomial(n, r[0]);
  const sCond = r[0] < 1 ? r[1] / (1 - r[0]) : 0;
  const s = rng.binomial(n - k, sCond > 1 ? 1 : sCond);
  const rest = 1 - r[0] - r[1];
  const lCond = rest > 0 ? r[2] / rest : 0;
  const l = rng.binomial(n - k - s, lCond > 1 ? 1 : lCond);
  const counts = [k, s, l];
  for (let sev = 0; sev < NSEV; sev++) {
    const v = counts[sev];
    if (v === 0) continue;
    const base = casIndex(t, sev, 0);
    result[base] += v;
    const scale = v / n;
    for (let g = 1; g < PEOPLE_FIELDS; g++) result[base + g] += people[off + g] * scale;
  }
}

/** Precomputed per-assessment arrays for fast Monte Carlo runs of the casualty model. */
export class CasualtySampler {
  private readonly rates: Float64Array;
  /** Buildings: cumulative outcome thresholds (5 per building), class, and indoor people per time/group. */
  private readonly nB: number;
  private readonly cum: Float64Array;
  private readonly cls: Uint8Array;
  private readonly indoor: Float64Array;
  /** Unit pieces aggregated by combo and class (indoor), and everybody outdoors by combo. */
  private readonly mixPeople: Float64Array;
  private readonly mixKeys: Int32Array; // combo * NCLASS + class, for aggregates with people
  private readonly outPeople: Float64Array;
  private readonly nCombo: number;
  /** Outdoor multiplier slots: per combo, the (area, zone) slots it combines. */
  private readonly outdoorSlots: { slots: number[]; rates: number[][] }[];
  private readonly nOutdoorSlots: number;
  private readonly acc: Float64Array;
  private readonly mult: Float64Array;
  private readonly r = new Float64Array(NSEV);

  constructor(private readonly x: Exposure, private readonly damage: readonly ComboDamage[], private readonly params: EngineParameters,
    profilesZones: readonly { killed: number; serious: number; light: number }[][]) {
    this.rates = indoorRateTable(params);
    const nB = x.buildingCount; this.nB = nB;
    const outdoor = TIMES_OF_DAY.map((t) => params.outdoorShare[t]);
    this.cum = new Float64Array(nB * (OUTCOMES - 1));
    this.cls = new Uint8Array(nB);
    this.indoor = new Float64Array(nB * PEOPLE_STRIDE);
    this.nCombo = damage.length;
    this.outPeople = new Float64Array(this.nCombo * PEOPLE_STRIDE);
    const mix = new Float64Array(this.nCombo * NCLASS * PEOPLE_STRIDE);
    for (let i = 0; i < x.count; i++) {
      const combo = x.itemCombo[i], c = x.itemClass[i];
      for (let t = 0; t < NTIME; t++) {
        const po = i * PEOPLE_STRIDE + t * PEOPLE_FIELDS;
        for (let g = 0; g < PEOPLE_FIELDS; g++) {
          const p = x.itemPeople[po + g];
          this.outPeople[combo * PEOPLE_STRIDE + t * PEOPLE_FIELDS + g] += p * outdoor[t];
          if (i < nB) this.indoor[i * PEOPLE_STRIDE + t * PEOPLE_FIELDS + g] = p * (1 - outdoor[t]);
          else mix[(combo * NCLASS + c) * PEOPLE_STRIDE + t * PEOPLE_FIELDS + g] += p * (1 - outdoor[t]);
        }
      }
      if (i < nB) {
        this.cls[i] = c;
        let s = 0;
        for (let o = 0; o < OUTCOMES - 1; o++) { s += damage[combo].building[c * OUTCOMES + o]; this.cum[i * (OUTCOMES - 1) + o] = s; }
      }
    }
    const keys: number[] = [];
    for (let k = 0; k < this.nCombo * NCLASS; k++) if (mix[k * PEOPLE_STRIDE] > 0 || mix[k * PEOPLE_STRIDE + PEOPLE_FIELDS] > 0 || mix[k * PEOPLE_STRIDE + 2 * PEOPLE_FIELDS] > 0) keys.push(k);
    this.mixKeys = Int32Array.from(keys);
    this.mixPeople = new Float64Array(keys.length * PEOPLE_STRIDE);
    keys.forEach((k, j) => this.mixPeople.set(mix.subarray(k * PEOPLE_STRIDE, (k + 1) * PEOPLE_STRIDE), j * PEOPLE_STRIDE));
    // outdoor multiplier slots: one per (area, zone) of the profiles
    const slotBase: number[] = []; let n = 0;
    for (const zs of profilesZones) { slotBase.push(n); n += zs.length; }
    this.nOutdoorSlots = n;
    this.outdoorSlots = x.combos.map((zs) => {
      const slots: number[] = [], rates: number[][] = [];
      zs.forEach((k, a) => { if (k >= 0) { slots.push(slotBase[a] + k); const o = profilesZones[a][k]; rates.push([o.killed, o.serious, o.light]); } });
      return { slots, rates };
    });
    this.acc = new Float64Array(NCLASS * OUTCOMES * PEOPLE_STRIDE);
    this.mult = new Float64Array((OUTCOMES - 1) * NSEV + this.nOutdoorSlots * NSEV);
  }

  /**
   * One run: adds CAS_FIELDS figures to result (which the caller zeroes). Three generators keep the
   * multipliers, damage draws and casualty draws on separate streams.
   */
  run(multRng: Rng, damageRng: Rng, countRng: Rng, result: Float64Array): void {
    const { params, mult, acc, rates, r } = this;
    const sigma = params.rateSigma;
    for (let j = 0; j < mult.length; j++) mult[j] = multRng.meanOneLognormal(sigma);
    acc.fill(0);
    // damage outcome of every building; accumulate indoor people per (class, outcome)
    const { cum, cls, indoor, nB } = this;
    const W = OUTCOMES - 1;
    for (let i = 0; i < nB; i++) {
      const u = damageRng.uniform();
      const base = i * W;
      if (u < cum[base]) continue; // no damage: no casualties
      let o = 1;
      while (o < W && u >= cum[base + o]) o++;
      const a = (cls[i] * OUTCOMES + o) * PEOPLE_STRIDE, p = i * PEOPLE_STRIDE;
      for (let j = 0; j < PEOPLE_STRIDE; j++) acc[a + j] += indoor[p + j];
    }
    for (let c = 0; c < NCLASS; c++) for (let o = 1; o < OUTCOMES; o++) {
      const a = (c * OUTCOMES + o) * PEOPLE_STRIDE;
      if (!(acc[a] > 0 || acc[a + PEOPLE_FIELDS] > 0 || acc[a + 2 * PEOPLE_FIELDS] > 0)) continue;
      const rb = (c * OUTCOMES + o) * NSEV, mb = (o - 1) * NSEV;
      clipRates(rates[rb] * mult[mb], rates[rb + 1] * mult[mb + 1], rates[rb + 2] * mult[mb + 2], r);
      for (let t = 0; t < NTIME; t++) drawChain(countRng, acc, a + t * PEOPLE_FIELDS, r, t, result);
    }
    // unit pieces: expected mix of outcomes, multiplied rates
    for (let j = 0; j < this.mixKeys.length; j++) {
      const key = this.mixKeys[j];
      const combo = Math.floor(key / NCLASS), c = key % NCLASS;
      let k = 0, s = 0, l = 0;
      for (let o = 1; o < OUTCOMES; o++) {
        const p = this.damage[combo].building[c * OUTCOMES + o];
        if (p === 0) continue;
        const rb = (c * OUTCOMES + o) * NSEV, mb = (o - 1) * NSEV;
        k += p * rates[rb] * mult[mb]; s += p * rates[rb + 1] * mult[mb + 1]; l += p * rates[rb + 2] * mult[mb + 2];
      }
      clipRates(k, s, l, r);
      for (let t = 0; t < NTIME; t++) drawChain(countRng, this.mixPeople, j * PEOPLE_STRIDE + t * PEOPLE_FIELDS, r, t, result);
    }
    // outdoors: the zone's outdoor rates, multiplied, combined over areas
    const ob = (OUTCOMES - 1) * NSEV;
    for (let combo = 0; combo < this.nCombo; combo++) {
      const { slots, rates: or } = this.outdoorSlots[combo];
      let kk = 1, ks = 1, kl = 1;
      slots.forEach((slot, q) => {
        kk *= 1 - Math.min(1, or[q][0] * mult[ob + slot * NSEV]);
        ks *= 1 - Math.min(1, or[q][1] * mult[ob + slot * NSEV + 1]);
        kl *= 1 - Math.min(1, or[q][2] * mult[ob + slot * NSEV + 2]);
      });
      clipRates(1 - kk, 1 - ks, 1 - kl, r);
      if (r[0] === 0 && r[1] === 0 && r[2] === 0) continue;
      for (let t = 0; t < NTIME; t++) drawChain(countRng, this.outPeople, combo * PEOPLE_STRIDE + t * PEOPLE_FIELDS, r, t, result);
    }
  }
}

export { STATES };
