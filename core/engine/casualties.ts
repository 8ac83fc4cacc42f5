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
 * - Group splits of sampled counts are proportional to the people of each group in the (zone,
 *   class) cell the counts come from (expected split, not a multinomial draw).
 */
import { TIMES_OF_DAY } from '../model/operation';
import { CONSTRUCTION_CLASSES } from '../model/dataset';
import { NCLASS, OUTCOMES, STATES, type ComboDamage } from './damage';
import { PEOPLE_FIELDS, PEOPLE_STRIDE, type Exposure } from './exposure';
import { INDOOR_STATES, type EngineParameters } from './parameters';
import type { Rng } from './random';

export const NTIME = TIMES_OF_DAY.length;
/** 2^32: 32-bit draws compared with probabilities scaled by it. */
const UINT32_RANGE = 4294967296;
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

/** People per (combo, class) cell, per time and group: the model is linear in them. */
function aggregateByCell(x: Exposure, nCombo: number): Float64Array {
  // an area's items are kept with its hits (exposure.ts): their sums are kept with them, never written
  const kept = AGGREGATES.get(x.itemPeople);
  if (kept && kept.unitCells === x.unitCells && kept.agg.length === nCombo * NCLASS * PEOPLE_STRIDE) return kept.agg;
  const agg = new Float64Array(nCombo * NCLASS * PEOPLE_STRIDE);
  agg.set(x.unitCells);
  for (let i = 0; i < x.count; i++) {
    const a = (x.itemCombo[i] * NCLASS + x.itemClass[i]) * PEOPLE_STRIDE, p = i * PEOPLE_STRIDE;
    for (let j = 0; j < PEOPLE_STRIDE; j++) agg[a + j] += x.itemPeople[p + j];
  }
  AGGREGATES.set(x.itemPeople, { unitCells: x.unitCells, agg });
  return agg;
}
const AGGREGATES = new WeakMap<Float64Array, { unitCells: Float64Array; agg: Float64Array }>();

/** Exact expected casualties (the expectation mode), CAS_FIELDS values. */
export function expectedCasualties(x: Exposure, damage: readonly ComboDamage[], params: EngineParameters): Float64Array {
  const rates = indoorRateTable(params);
  const out = new Float64Array(CAS_FIELDS);
  const outdoor = TIMES_OF_DAY.map((t) => params.outdoorShare[t]);
  const agg = aggregateByCell(x, damage.length);
  const rate = new Float64Array(NSEV);
  for (let cell = 0; cell < damage.length * NCLASS; cell++) {
    const combo = Math.floor(cell / NCLASS), c = cell % NCLASS, d = damage[combo];
    rate.fill(0);
    for (let o = 1; o < OUTCOMES; o++) {
      const p = d.building[c * OUTCOMES + o];
      if (p === 0) continue;
      for (let s = 0; s < NSEV; s++) rate[s] += p * rates[(c * OUTCOMES + o) * NSEV + s];
    }
    const od = [d.outdoor.killed, d.outdoor.serious, d.outdoor.light];
    for (let t = 0; t < NTIME; t++) {
      const po = cell * PEOPLE_STRIDE + t * PEOPLE_FIELDS;
      if (!(agg[po] > 0)) continue;
      for (let s = 0; s < NSEV; s++) {
        const r = (1 - outdoor[t]) * rate[s] + outdoor[t] * od[s];
        if (r === 0) continue;
        for (let g = 0; g < PEOPLE_FIELDS; g++) out[casIndex(t, s, g)] += agg[po + g] * r;
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
 * Draw killed / serious / light among n people with rates r, adding the counts at time t to
 * result, split by group in proportion to comp[off+1..off+6] / comp[off] (the people of each group).
 */
function drawChain(rng: Rng, n: number, comp: Float64Array, off: number, r: Float64Array, t: number, result: Float64Array): void {
  if (!(n > 0)) return;
  const k = rng.binomial(n, r[0]);
  const sCond = r[0] < 1 ? r[1] / (1 - r[0]) : 0;
  const s = rng.binomial(n - k, sCond > 1 ? 1 : sCond);
  const rest = 1 - r[0] - r[1];
  const lCond = rest > 0 ? r[2] / rest : 0;
  const l = rng.binomial(n - k - s, lCond > 1 ? 1 : lCond);
  const total = comp[off];
  for (let sev = 0; sev < NSEV; sev++) {
    const v = sev === 0 ? k : sev === 1 ? s : l;
    if (v === 0) continue;
    const base = casIndex(t, sev, 0);
    result[base] += v;
    const scale = v / total;
    for (let g = 1; g < PEOPLE_FIELDS; g++) result[base + g] += comp[off + g] * scale;
  }
}

/**
 * Precomputed per-assessment arrays for fast Monte Carlo runs of the casualty model. Per run, each
 * building adds its indoor people (three numbers, one per time) to its (combo, class, outcome)
 * cell; groups are split afterwards by the composition of the (combo, class) cell, which is the
 * expected composition of its damaged buildings (damage does not depend on who is inside).
 */
export class CasualtySampler {
  private readonly rates: Float64Array;
  private readonly nB: number;
  /** Buildings: cumulative outcome thresholds (OUTCOMES-1 per building) scaled to 2^32 for integer draws, cell, indoor people per time. */
  private readonly cum: Float64Array;
  private readonly draws: Uint32Array;
  private readonly cellStart: Int32Array;
  private readonly sortedTotal: Float64Array;
  private readonly cellThresholds: Float64Array;
  private readonly cell: Int32Array;
  private readonly indoorTotal: Float64Array;
  /** Indoor people of buildings per cell, per time and group (group composition). */
  private readonly cellComp: Float64Array;
  private readonly cellKeys: Int32Array;
  /** Unit pieces aggregated by cell (indoor), and everybody outdoors by combo. */
  private readonly mixPeople: Float64Array;
  private readonly mixKeys: Int32Array;
  private readonly outPeople: Float64Array;
  private readonly nCombo: number;
  private readonly outdoorSlots: { slots: number[]; rates: number[][] }[];
  private readonly acc: Float64Array;
  private readonly mult: Float64Array;
  private readonly r = new Float64Array(NSEV);
  /** Sorted position (in draws) of each exposed building item. */
  private readonly pos: Int32Array;

  constructor(x: Exposure, private readonly damage: readonly ComboDamage[], private readonly params: EngineParameters,
    profilesZones: readonly { killed: number; serious: number; light: number }[][]) {
    this.rates = indoorRateTable(params);
    const nB = x.buildingCount; this.nB = nB;
    const outdoor = TIMES_OF_DAY.map((t) => params.outdoorShare[t]);
    this.nCombo = damage.length;
    const nCells = this.nCombo * NCLASS;
    const W = OUTCOMES - 1;
    this.cum = new Float64Array(nB * W);
    this.cell = new Int32Array(nB);
    this.indoorTotal = new Float64Array(nB * NTIME);
    this.cellComp = new Float64Array(nCells * PEOPLE_STRIDE);
    this.outPeople = new Float64Array(this.nCombo * PEOPLE_STRIDE);
    const mix = new Float64Array(nCells * PEOPLE_STRIDE);
    for (let cell = 0; cell < nCells; cell++) {
      const combo = Math.floor(cell / NCLASS);
      for (let t = 0; t < NTIME; t++) {
        const tf = t * PEOPLE_FIELDS;
        for (let g = 0; g < PEOPLE_FIELDS; g++) {
          const p = x.unitCells[cell * PEOPLE_STRIDE + tf + g];
          if (p === 0) continue;
          this.outPeople[combo * PEOPLE_STRIDE + tf + g] += p * outdoor[t];
          mix[cell * PEOPLE_STRIDE + tf + g] += p * (1 - outdoor[t]);
        }
      }
    }
    for (let i = 0; i < nB; i++) {
      const combo = x.itemCombo[i], c = x.itemClass[i], cell = combo * NCLASS + c;
      for (let t = 0; t < NTIME; t++) {
        const po = i * PEOPLE_STRIDE + t * PEOPLE_FIELDS, tf = t * PEOPLE_FIELDS;
        const inShare = 1 - outdoor[t];
        for (let g = 0; g < PEOPLE_FIELDS; g++) {
          const p = x.itemPeople[po + g];
          this.outPeople[combo * PEOPLE_STRIDE + tf + g] += p * outdoor[t];
          this.cellComp[cell * PEOPLE_STRIDE + tf + g] += p * inShare;
        }
        this.indoorTotal[i * NTIME + t] = x.itemPeople[po] * inShare;
      }
      {
        this.cell[i] = cell;
        let s = 0;
        // u < cum  <=>  uint32 < cum * 2^32 (u = uint32 / 2^32)
        for (let o = 0; o < W; o++) { s += damage[combo].building[c * OUTCOMES + o]; this.cum[i * W + o] = s * UINT32_RANGE; }
      }
    }
    const hasPeople = (a: Float64Array, k: number) => a[k * PEOPLE_STRIDE] > 0 || a[k * PEOPLE_STRIDE + PEOPLE_FIELDS] > 0 || a[k * PEOPLE_STRIDE + 2 * PEOPLE_FIELDS] > 0;
    const mixKeys: number[] = [], cellKeys: number[] = [];
    for (let k = 0; k < nCells; k++) { if (hasPeople(mix, k)) mixKeys.push(k); if (hasPeople(this.cellComp, k)) cellKeys.push(k); }
    this.mixKeys = Int32Array.from(mixKeys); this.cellKeys = Int32Array.from(cellKeys);
    this.mixPeople = new Float64Array(mixKeys.length * PEOPLE_STRIDE);
    mixKeys.forEach((k, j) => this.mixPeople.set(mix.subarray(k * PEOPLE_STRIDE, (k + 1) * PEOPLE_STRIDE), j * PEOPLE_STRIDE));
    const slotBase: number[] = []; let n = 0;
    for (const zs of profilesZones) { slotBase.push(n); n += zs.length; }
    this.outdoorSlots = x.combos.map((zs) => {
      const slots: number[] = [], rates: number[][] = [];
      zs.forEach((k, a) => { if (k >= 0) { slots.push(slotBase[a] + k); const o = profilesZones[a][k]; rates.push([o.killed, o.serious, o.light]); } });
      return { slots, rates };
    });
    this.acc = new Float64Array(nCells * OUTCOMES * NTIME);
    this.draws = new Uint32Array(nB);
    // buildings sorted by cell (counting sort), so each cell's thresholds stay in registers in run()
    const start = new Int32Array(nCells + 1);
    for (let i = 0; i < nB; i++) start[this.cell[i] + 1]++;
    for (let k = 0; k < nCells; k++) start[k + 1] += start[k];
    const fill = start.slice(0, nCells);
    const sortedTotal = new Float64Array(nB * NTIME);
    this.pos = new Int32Array(nB);
    for (let i = 0; i < nB; i++) {
      const j = fill[this.cell[i]]++;
      this.pos[i] = j;
      for (let t = 0; t < NTIME; t++) sortedTotal[j * NTIME + t] = this.indoorTotal[i * NTIME + t];
    }
    this.cellStart = start;
    this.sortedTotal = sortedTotal;
    this.cellThresholds = new Float64Array(nCells * W);
    for (let i = 0; i < nB; i++) for (let o = 0; o < W; o++) this.cellThresholds[this.cell[i] * W + o] = this.cum[i * W + o];
    this.mult = new Float64Array(W * NSEV + n * NSEV);
  }

  /**
   * Damage outcome (0 none .. OUTCOMES-1 collapse) that building item i drew in the last run: read
   * from the run's own draws, so other consequences (displacement, schools) follow the same damage
   * without drawing again or shifting any stream.
   */
  /**
   * For fast loops over many buildings: the array holding each run's draws (refilled in place every
   * run), building item i's position in it, and the scaled threshold the draw must reach for
   * outcome o or worse (1..OUTCOMES-1): outcome >= o  <=>  draws[position(i)] >= threshold(i, o).
   */
  get runDraws(): Uint32Array { return this.draws; }
  position(i: number): number { return this.pos[i]; }
  threshold(i: number, o: number): number { return this.cellThresholds[this.cell[i] * (OUTCOMES - 1) + o - 1]; }

  outcome(i: number): number {
    const u = this.draws[this.pos[i]], W = OUTCOMES - 1, t = this.cell[i] * W;
    let o = 0;
    while (o < W && u >= this.cellThresholds[t + o]) o++;
    return o;
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
    const { nB, draws, cellStart, sortedTotal, cellThresholds } = this;
    const W = OUTCOMES - 1;
    damageRng.fillUint32(draws, nB);
    for (let j = 0; j < this.cellKeys.length; j++) {
      const k = this.cellKeys[j];
      const c0 = cellThresholds[k * W], c1 = cellThresholds[k * W + 1], c2 = cellThresholds[k * W + 2], c3 = cellThresholds[k * W + 3], c4 = cellThresholds[k * W + 4];
      const a = k * OUTCOMES * NTIME;
      for (let i = cellStart[k], end = cellStart[k + 1]; i < end; i++) {
        // outcome = number of thresholds passed (they are cumulative, so non-decreasing), counted
        // without branches: the draws are random, so a chain of ifs mispredicts about every other
        // building. Outcome 0 (no damage) adds to a slot that is never read.
        const u = draws[i];
        const o = +(u >= c0) + +(u >= c1) + +(u >= c2) + +(u >= c3) + +(u >= c4);
        const q = a + o * NTIME, p = i * NTIME;
        acc[q] += sortedTotal[p]; acc[q + 1] += sortedTotal[p + 1]; acc[q + 2] += sortedTotal[p + 2];
      }
    }
    for (let j = 0; j < this.cellKeys.length; j++) {
      const k = this.cellKeys[j], c = k % NCLASS;
      for (let o = 1; o < OUTCOMES; o++) {
        const a = (k * OUTCOMES + o) * NTIME;
        if (!(acc[a] > 0 || acc[a + 1] > 0 || acc[a + 2] > 0)) continue;
        const rb = (c * OUTCOMES + o) * NSEV, mb = (o - 1) * NSEV;
        clipRates(rates[rb] * mult[mb], rates[rb + 1] * mult[mb + 1], rates[rb + 2] * mult[mb + 2], r);
        for (let t = 0; t < NTIME; t++) drawChain(countRng, acc[a + t], this.cellComp, k * PEOPLE_STRIDE + t * PEOPLE_FIELDS, r, t, result);
      }
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
      for (let t = 0; t < NTIME; t++) { const off = j * PEOPLE_STRIDE + t * PEOPLE_FIELDS; drawChain(countRng, this.mixPeople[off], this.mixPeople, off, r, t, result); }
    }
    // outdoors: the zone's outdoor rates, multiplied, combined over areas
    const ob = W * NSEV;
    for (let combo = 0; combo < this.nCombo; combo++) {
      const { slots, rates: or } = this.outdoorSlots[combo];
      let kk = 1, ks = 1, kl = 1;
      for (let q = 0; q < slots.length; q++) {
        const m = ob + slots[q] * NSEV;
        kk *= 1 - Math.min(1, or[q][0] * mult[m]);
        ks *= 1 - Math.min(1, or[q][1] * mult[m + 1]);
        kl *= 1 - Math.min(1, or[q][2] * mult[m + 2]);
      }
      clipRates(1 - kk, 1 - ks, 1 - kl, r);
      if (r[0] === 0 && r[1] === 0 && r[2] === 0) continue;
      for (let t = 0; t < NTIME; t++) { const off = combo * PEOPLE_STRIDE + t * PEOPLE_FIELDS; drawChain(countRng, this.outPeople[off], this.outPeople, off, r, t, result); }
    }
  }
}

export { STATES };
