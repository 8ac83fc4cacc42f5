/**
 * Step 5, critical infrastructure and reverberating effects (METHOD.md §4).
 *
 * Long file (over 400 lines) on purpose: the cascade runs once per Monte Carlo run over every facility
 * and dependency; its fixed-point loop and the service tallies it feeds stay together on flat arrays.
 *
 * Direct damage: every facility in a zone draws a damage state like a building (its own class).
 * It is DOWN when the functionality left is at or below `infrastructure.downThreshold` (0.5:
 * moderate damage or worse); a down facility is out from day 0 for the mean restoration days of its
 * kind and state (deterministic given the state; clipped to the horizon).
 *
 * Cascade, per run, to a fixed point (cycles allowed): outages are sets of time intervals within
 * [0, horizon). For a consumer c and an input X with suppliers S and backup b:
 *   lost_X(c) = shift_b( intersection over s in S of outage(s) )
 * where shift_b turns an all-suppliers-down interval [t0, t1) into [t0 + b, t1) only if
 * t0 + b < t1 (the backup is shorter than the outage) and t0 + b < horizon. Then
 *   outage(c) = direct(c) union (union over inputs X of lost_X(c)).
 * A consumer is back as soon as an input returns (no restart delay). Starting from the direct
 * outages, the sets only grow, so the iteration reaches the least fixed point; only facilities
 * reachable from a directly hit one are ever looked at.
 *
 * Services: people who lose a sector's service are the residents served by any down facility of
 * that sector (served = service area, default nearest facility of the same kind), counted once;
 * people-days = residents x days any of their facilities is down within the horizon.
 * Beds lost: beds x (1 - functionality) for direct damage, all beds when the hospital or clinic is
 * down by cascade (a hospital without power or water cannot keep its patients).
 */
import { SECTORS, SERVICE_INPUTS, type FacilityKind } from '../model/dataset';
import type { CityModel } from './city';
import { STATES, type ComboDamage } from './damage';
import type { ZoneGeometry } from '../geometry/zone-rings';
import { locatePoint } from './zones';
import type { EngineParameters } from './parameters';
import type { Rng } from './random';

export const NSECTOR = SECTORS.length;
const HEALTH = SECTORS.indexOf('health');
const STATE_NAMES = ['none', 'slight', 'moderate', 'extensive', 'complete'];

type Intervals = number[]; // flat [s0, e0, s1, e1, ...], sorted, disjoint

// Results may be one of the inputs or the shared EMPTY: interval lists are never mutated once made.
function intersect(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return EMPTY;
  if (a === b) return a;
  if (a.length === 2 && b.length === 2) {
    // one interval each (the usual case): the answer is often one of them
    if (a[0] >= b[0] && a[1] <= b[1]) return a;
    if (b[0] >= a[0] && b[1] <= a[1]) return b;
  }
  const out: Intervals = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i], b[j]), e = Math.min(a[i + 1], b[j + 1]);
    if (s < e) out.push(s, e);
    if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
  }
  return out;
}

function union(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  if (a === b) return a;
  if (a.length === 2 && b.length === 2) {
    if (a[0] <= b[0] && a[1] >= b[1]) return a;
    if (b[0] <= a[0] && b[1] >= a[1]) return b;
  }
  // linear merge of two sorted lists of disjoint intervals (callers never mutate the inputs)
  const out: Intervals = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    let s: number, e: number;
    if (j >= b.length || (i < a.length && a[i] <= b[j])) { s = a[i]; e = a[i + 1]; i += 2; } else { s = b[j]; e = b[j + 1]; j += 2; }
    const n = out.length;
    if (n && s <= out[n - 1]) { if (e > out[n - 1]) out[n - 1] = e; } else out.push(s, e);
  }
  return out;
}

function shift(a: Intervals, b: number, horizon: number): Intervals {
  if (b === 0) {
    // no backup: the same intervals (a[i] + 0 === a[i]) unless one starts at or beyond the horizon
    let keep = true;
    for (let i = 0; i < a.length; i += 2) if (!(a[i] < a[i + 1] && a[i] < horizon)) { keep = false; break; }
    if (keep) return a;
  }
  const out: Intervals = [];
  for (let i = 0; i < a.length; i += 2) {
    const s = a[i] + b;
    if (s < a[i + 1] && s < horizon) out.push(s, a[i + 1]);
  }
  return out;
}

const measure = (a: Intervals) => { let m = 0; for (let i = 0; i < a.length; i += 2) m += a[i + 1] - a[i]; return m; };
function same(a: Intervals, b: Intervals): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Cause of a facility's outage in one run, as a number: 1..4 = direct damage in that state;
 * >= CASCADE_BASE: lost input `input` from supplier `s` (index in tracked) at day `start`
 * (kept to 1/1000 day). -1: not down. Chains in words follow each facility's most frequent cause
 * upstream (see describeChain).
 */
const CASCADE_BASE = 8, START_SCALE = 1000, START_SLOTS = 2 ** 22;
const cascadeCode = (s: number, input: number, start: number) => CASCADE_BASE + (s * SERVICE_INPUTS.length + input) * START_SLOTS + Math.round(start * START_SCALE);
const decodeCascade = (code: number) => {
  const v = code - CASCADE_BASE, slot = Math.floor(v / START_SLOTS);
  return { supplier: Math.floor(slot / SERVICE_INPUTS.length), input: slot % SERVICE_INPUTS.length, start: (v % START_SLOTS) / START_SCALE };
};

export interface InfrastructureRun {
  /** Tracked facilities (indexes into CascadeModel.tracked) down in this run; days, direct and chain are valid for them only. */
  downList: number[];
  days: Float64Array; direct: Uint8Array; chain: Float64Array; // Float64: cause codes pass 2^31 beyond ~170 tracked facilities (an Int32Array wrapped them)
  /** Service signatures that lost service in this run, with their days without it. */
  sigList: number[]; sigDays: Float64Array;
  /** Per sector. */
  people: Float64Array; peopleDays: Float64Array; facilitiesDown: Float64Array;
  bedsLost: number;
}

/** A facility direct-hit probability row: the state distribution of its zone and class. */
export interface FacilityExposure { facility: number; states: Float64Array; zoneByArea: number[]; distanceM: number }

/** Facilities inside any zone, with their damage-state distribution. */
export function exposedFacilities(city: CityModel, zones: readonly ZoneGeometry[], damageOf: (zs: Int16Array) => ComboDamage): FacilityExposure[] {
  const F = city.facilities, hit = new Map<number, Int16Array>();
  zones.forEach((z, a) => {
    const { facilities, zone } = facilitiesInZones(city, z);
    for (let i = 0; i < facilities.length; i++) {
      const f = facilities[i];
      let zs = hit.get(f);
      if (!zs) { zs = new Int16Array(zones.length).fill(-1); hit.set(f, zs); }
      zs[a] = zone[i];
    }
  });
  return [...hit.keys()].sort((a, b) => a - b).map((f) => {
    const zs = hit.get(f)!;
    const d = damageOf(zs);
    const c = F.construction[f];
    return { facility: f, states: d.facility.slice(c * STATES, (c + 1) * STATES), zoneByArea: [...zs], distanceM: 0 };
  });
}

/**
 * The facilities in the zones of one area, in search order, with their zone. Kept per zone geometry
 * (exposure.ts keeps an area's zones with its hits, so a change of settings or a preview's run finds
 * them here); it depends on the city and the geometry only.
 */
const FACILITY_HITS = new WeakMap<CityModel, WeakMap<ZoneGeometry, { facilities: Int32Array; zone: Int16Array }>>();
function facilitiesInZones(city: CityModel, z: ZoneGeometry): { facilities: Int32Array; zone: Int16Array } {
  let byZone = FACILITY_HITS.get(city);
  if (!byZone) { byZone = new WeakMap(); FACILITY_HITS.set(city, byZone); }
  let h = byZone.get(z);
  if (h) return h;
  const F = city.facilities, facilities: number[] = [], zone: number[] = [];
  const [w, s, e, n] = z.bbox;
  F.index.search(w, s, e, n, (f) => {
    if (f >= F.count) return false;
    const k = locatePoint(z, F.lon[f], F.lat[f]).zone;
    if (k >= 0) { facilities.push(f); zone.push(k); }
    return false;
  });
  h = { facilities: Int32Array.from(facilities), zone: Int16Array.from(zone) };
  byZone.set(z, h);
  return h;
}

const EMPTY: Intervals = [];
const NO_RESTORATION = [0, 0, 0, 0, 0];

export class CascadeModel {
  /** Facilities that can go down in this assessment: the directly exposed and everything downstream of them (never changed after construction: caches compare it). */
  readonly tracked: readonly number[];
  /** Global facility index -> index in `tracked` (-1: not tracked). */
  private readonly local: Int32Array;
  /** Tracked facilities with a direct-damage distribution, and their cumulative state thresholds. */
  private readonly sources: number[];
  private readonly cum: Float64Array[];
  readonly directStates: (Float64Array | null)[];
  private readonly isDownState: boolean[];
  /**
   * Per tracked facility: the causes that occurred (Monte Carlo) and how often, as parallel lists
   * (undefined if never down). A facility has a handful of distinct causes, so a scan from the
   * last one seen beats hashing the large (non-Smi) cause codes in a Map.
   */
  private readonly causeCodes: (number[] | undefined)[];
  private readonly causeTimes: (number[] | undefined)[];
  private readonly causeLast: Int32Array;
  // per-run state, reset for the facilities a run touched
  private readonly outage: Intervals[];
  private readonly direct: Intervals[];
  /**
   * Per dependency group (city-wide index): start of the first interval of its lost input in this run
   * (Infinity: none), written each time the consumer is worked on; causeOf reads it only for consumers
   * worked on in this run.
   */
  private readonly lostStart: Float64Array;
  private readonly state: Int8Array;
  private readonly queued: Uint8Array;
  private readonly isTouched: Uint8Array;
  private readonly touched: number[] = [];
  private readonly queue: number[] = [];
  /** Per source (index in `sources`) and state, at source x STATES + state: the direct outage [0, days], EMPTY if none. */
  private readonly directIntervals: Intervals[] = [];
  private readonly sigMark: Uint8Array;

  constructor(private readonly city: CityModel, exposed: readonly FacilityExposure[], private readonly params: EngineParameters, private readonly horizon: number) {
    const F = city.facilities, D = city.deps;
    this.isDownState = params.functionality.map((f) => f <= params.downThreshold);
    this.isDownState[0] = false; // undamaged is never down
    // reachable set: BFS from facilities that can be down directly (or lose beds when lightly damaged)
    // (typed arrays and loops: this runs per assessment over most of a city's facilities)
    const seen = new Uint8Array(F.count), exposedAt = new Int32Array(F.count).fill(-1); const queue: number[] = [];
    for (let x = 0; x < exposed.length; x++) {
      const e = exposed[x], pDamaged = 1 - e.states[0];
      if (pDamaged > 0) { exposedAt[e.facility] = x; if (!seen[e.facility]) { seen[e.facility] = 1; queue.push(e.facility); } }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q], x = exposedAt[s];
      if (x >= 0) {
        const st = exposed[x].states;
        let pDown = 0;
        for (let k = 0; k < st.length; k++) pDown += this.isDownState[k] ? st[k] : 0;
        if (pDown === 0) continue; // damaged but never down: no cascade from it
      }
      for (let j = D.consumerStart[s]; j < D.consumerStart[s + 1]; j++) { const c = D.consumers[j]; if (!seen[c]) { seen[c] = 1; queue.push(c); } }
    }
    // The outage [0, days] of a direct hit, one list per length, shared by the facilities of this
    // assessment (never mutated; making hundreds was a large part of the constructor's time).
    const outages = new Map<number, Intervals>();
    const directOutage = (days: number): Intervals => {
      let iv = outages.get(days);
      if (!iv) { iv = [0, days]; outages.set(days, iv); }
      return iv;
    };
    // ascending facility order: the marks read in order (cheaper than sorting thousands of indexes)
    const n = queue.length;
    const tracked: number[] = [];
    this.tracked = tracked;
    this.local = new Int32Array(F.count).fill(-1);
    this.directStates = new Array(n).fill(null);
    this.sources = []; this.cum = [];
    for (let f = 0, i = 0; i < n; f++) {
      if (!seen[f]) continue;
      tracked.push(f); this.local[f] = i;
      const x = exposedAt[f];
      if (x >= 0) {
        const st = exposed[x].states, c = new Float64Array(STATES - 1);
        let s = 0;
        for (let k = 0; k < STATES - 1; k++) { s += st[k]; c[k] = s; }
        this.directStates[i] = st;
        this.sources.push(i); this.cum.push(c);
        // down from day 0 for the kind's mean restoration days in that state (clipped to the horizon)
        const days = params.restorationDays[F.kinds[f] as FacilityKind] ?? NO_RESTORATION;
        for (let k = 0; k < STATES; k++) {
          const dur = Math.min(horizon, days[k]);
          this.directIntervals.push(this.isDownState[k] && dur > 0 ? directOutage(dur) : EMPTY);
        }
      }
      i++;
    }
    this.causeCodes = new Array(n).fill(undefined); this.causeTimes = new Array(n).fill(undefined); this.causeLast = new Int32Array(n);
    this.outage = new Array(n).fill(EMPTY); this.direct = new Array(n).fill(EMPTY); this.lostStart = new Float64Array(city.deps.groupInput.length);
    this.state = new Int8Array(n); this.queued = new Uint8Array(n); this.isTouched = new Uint8Array(n);
    this.sigMark = new Uint8Array(city.service.pop.length);
  }

  /** Index in `tracked` of global facility f, or -1. */
  trackedIndex(f: number): number { return this.local[f]; }

  private countCause(c: number, code: number): void {
    const codes = this.causeCodes[c];
    if (codes === undefined) { this.causeCodes[c] = [code]; this.causeTimes[c] = [1]; this.causeLast[c] = 0; return; }
    const times = this.causeTimes[c]!;
    const last = this.causeLast[c];
    if (codes[last] === code) { times[last]++; return; }
    for (let j = 0; j < codes.length; j++) if (codes[j] === code) { times[j]++; this.causeLast[c] = j; return; }
    codes.push(code); times.push(1); this.causeLast[c] = codes.length - 1;
  }

  /** Most frequent cause of tracked facility c over the recorded runs (ties: smallest code); -1 if never down. */
  mostFrequentCause(c: number): number {
    const codes = this.causeCodes[c], times = this.causeTimes[c];
    let best = -1, bestN = 0;
    if (codes && times) for (let j = 0; j < codes.length; j++) { const k = codes[j], n = times[j]; if (n > bestN || (n === bestN && k < best)) { best = k; bestN = n; } }
    return best;
  }

  newRun(): InfrastructureRun {
    const n = this.tracked.length;
    return {
      downList: [], days: new Float64Array(n), direct: new Uint8Array(n), chain: new Float64Array(n), sigList: [], sigDays: new Float64Array(this.city.service.pop.length),
      people: new Float64Array(NSECTOR), peopleDays: new Float64Array(NSECTOR), facilitiesDown: new Float64Array(NSECTOR), bedsLost: 0,
    };
  }

  private touch(c: number): void {
    if (!this.isTouched[c]) { this.isTouched[c] = 1; this.touched.push(c); }
  }

  /**
   * One run. Direct damage states of the sources are drawn from rng, or given in `states`
   * (indexed like `tracked`). Work is proportional to the facilities the run affects. Each down
   * facility's chain is added to the most-frequent-chain counts.
   */
  run(rng: Rng | null, out: InfrastructureRun, states?: Int8Array): void {
    this.clear();
    for (let j = 0; j < this.sources.length; j++) {
      let k: number;
      if (states) k = states[this.sources[j]];
      else {
        const c = this.cum[j], u = rng!.uniform();
        k = 0;
        while (k < STATES - 1 && u >= c[k]) k++;
      }
      if (k !== 0) this.hit(j, k);
    }
    this.settle(out, true);
  }

  /** Forgets the previous run's outages (only the facilities it touched). */
  private clear(): void {
    const { outage, direct, state, isTouched } = this;
    for (const c of this.touched) { outage[c] = EMPTY; direct[c] = EMPTY; state[c] = 0; isTouched[c] = 0; }
    this.touched.length = 0;
    this.queue.length = 0;
  }

  /** Source j (index in `sources`) in damage state k > 0: its direct outage, and its consumers queued. */
  private hit(j: number, k: number): void {
    const i = this.sources[j];
    this.state[i] = k; this.touch(i);
    const iv = this.directIntervals[j * STATES + k];
    if (iv.length === 0) return;
    this.direct[i] = iv; this.outage[i] = iv;
    const D = this.city.deps, local = this.local, queued = this.queued, queue = this.queue, f = this.tracked[i];
    for (let q = D.consumerStart[f], qe = D.consumerStart[f + 1]; q < qe; q++) {
      const c = local[D.consumers[q]];
      if (c >= 0 && !queued[c]) { queued[c] = 1; queue.push(c); }
    }
  }

  /** From the sources hit: the cascade to its fixed point, then the run's figures into out. */
  private settle(out: InfrastructureRun, record: boolean): void {
    const H = this.horizon, D = this.city.deps, F = this.city.facilities, local = this.local, tracked = this.tracked;
    const { outage, direct, lostStart, state, queued, queue } = this;
    // typed arrays in locals: the loops below call helpers, after which property loads would be redone
    const consumerStart = D.consumerStart, consumers = D.consumers, groupStart = D.groupStart, groupSupStart = D.groupSupStart;
    const groupSuppliers = D.groupSuppliers, groupBackup = D.groupBackup;
    // worklist to the fixed point
    let guard = 0; const maxSteps = 1000 * (this.tracked.length + 1);
    for (let head = 0; head < queue.length && guard++ < maxSteps; head++) {
      const c = queue[head]; queued[c] = 0;
      const f = tracked[c];
      let acc = direct[c];
      for (let g = groupStart[f], ge = groupStart[f + 1]; g < ge; g++) {
        let all: Intervals | null = null;
        for (let j = groupSupStart[g], je = groupSupStart[g + 1]; j < je; j++) {
          const s = local[groupSuppliers[j]];
          const o = s < 0 ? EMPTY : outage[s];
          all = all === null ? o : intersect(all, o);
          if (all.length === 0) break;
        }
        const lost = all && all.length ? shift(all, groupBackup[g], H) : EMPTY;
        if (lost.length) { lostStart[g] = lost[0]; acc = union(acc, lost); } else lostStart[g] = Infinity;
      }
      if (!same(acc, outage[c])) {
        outage[c] = acc; this.touch(c);
        for (let j = consumerStart[f], je = consumerStart[f + 1]; j < je; j++) {
          const k = local[consumers[j]];
          if (k >= 0 && !queued[k]) { queued[k] = 1; queue.push(k); }
        }
      }
    }
    // results for the facilities that are down
    out.people.fill(0); out.peopleDays.fill(0); out.facilitiesDown.fill(0); out.bedsLost = 0;
    out.downList.length = 0;
    const sv = this.city.service, sigStart = sv.sigStart, sigs = sv.sigs, facStart = sv.facStart, sigFacilities = sv.facilities;
    const sigSector = sv.sector, sigPop = sv.pop, sigMark = this.sigMark, sigList = out.sigList, sigDays = out.sigDays;
    const fSector = F.sector, fBeds = F.beds, functionality = this.params.functionality;
    const downList = out.downList, outDays = out.days, outDirect = out.direct, outChain = out.chain, facilitiesDown = out.facilitiesDown;
    sigList.length = 0;
    for (const c of this.touched) {
      const f = tracked[c];
      const days = measure(outage[c]);
      if (fSector[f] === HEALTH && fBeds[f] > 0) {
        if (direct[c].length === 0 && days > 0) out.bedsLost += fBeds[f];
        else out.bedsLost += fBeds[f] * (1 - functionality[state[c]]);
      }
      if (!(days > 0)) continue;
      downList.push(c);
      outDays[c] = days; outDirect[c] = direct[c].length ? 1 : 0;
      const cause = this.causeOf(c);
      outChain[c] = cause;
      facilitiesDown[fSector[f]] += 1;
      if (record) this.countCause(c, cause);
      for (let j = sigStart[f], je = sigStart[f + 1]; j < je; j++) { const g = sigs[j]; if (!sigMark[g]) { sigMark[g] = 1; sigList.push(g); } }
    }
    const people = out.people, peopleDays = out.peopleDays;
    for (let q = 0; q < sigList.length; q++) {
      const g = sigList[q];
      sigMark[g] = 0;
      let u: Intervals = EMPTY;
      for (let j = facStart[g], je = facStart[g + 1]; j < je; j++) { const c = local[sigFacilities[j]]; if (c >= 0) { const o = outage[c]; if (o.length) u = u.length ? union(u, o) : o; } }
      const days = measure(u);
      sigDays[g] = days;
      const k = sigSector[g], pop = sigPop[g];
      people[k] += pop;
      peopleDays[k] += pop * days;
    }
  }

  /** Cause code of down facility c in the run just settled: the input lost earliest, and the supplier of it that went down last. */
  private causeOf(c: number): number {
    const { direct, state, lostStart, outage, local } = this, D = this.city.deps;
    if (direct[c].length) return state[c];
    const f = this.tracked[c];
    let g = -1, bestStart = Infinity;
    for (let q = D.groupStart[f]; q < D.groupStart[f + 1]; q++) if (lostStart[q] < bestStart) { bestStart = lostStart[q]; g = q; }
    if (g < 0) return -1;
    const t0 = bestStart - D.groupBackup[g];
    let sup = -1, supStart = -Infinity;
    for (let j = D.groupSupStart[g]; j < D.groupSupStart[g + 1]; j++) {
      const s = local[D.groupSuppliers[j]];
      if (s < 0) continue;
      const o = outage[s];
      for (let q = 0; q < o.length; q += 2) if (o[q] <= t0 + 1e-12 && t0 < o[q + 1] && o[q] > supStart) { supStart = o[q]; sup = s; }
    }
    return cascadeCode(sup < 0 ? 0 : sup, D.groupInput[g], bestStart);
  }

  /**
   * Expectation mode (no sampling). Direct damage is exact. The cascade is APPROXIMATE: each
   * directly exposed facility is taken alone in each of its down states (a "single-source
   * scenario", run through the same interval cascade with its probability), and sources are
   * combined as independent: pDown = 1 - prod_sources (1 - P(down | source)). Failures that need two
   * sources at once (redundant suppliers all hit) are therefore missed. Days without service are the
   * expected measure of the union of the sources' outages; outages that start at day 0 (direct, or
   * cascaded without backup) are nested, so the union lasts as long as the longest:
   * E[max_i D_i] = integral over t of (1 - prod_i P(D_i <= t)), exact for independent sources
   * (a backup shifts an outage's start; then this is an upper bound of the union's measure).
   * The Monte Carlo is the reference; this serves tests and live previews.
   */
  expected(beyondDays = Infinity): { pDown: Float64Array; pDirect: Float64Array; days: Float64Array; chain: Float64Array; people: Float64Array; peopleDays: Float64Array; facilitiesDown: Float64Array; bedsLost: number; peopleBeyond: Float64Array } {
    const n = this.tracked.length, F = this.city.facilities, sv = this.city.service;
    const pDirect = new Float64Array(n), keepP = new Float64Array(n).fill(1);
    const chain = new Float64Array(n).fill(-1), chainP = new Float64Array(n);
    const out = this.newRun();
    // Facilities and signatures down from some source get a slot, first seen first (most of a city's
    // thousands are down from none): per slot, each source's distribution of days down (values,
    // probabilities), the source that last took it down and P(down | that source).
    const facSlot = new Int32Array(n).fill(-1), facOf: number[] = [], facDays = new SlotDays(), facBy: number[] = [], facP: number[] = [];
    const sigSlot = new Int32Array(sv.pop.length).fill(-1), sigOf: number[] = [], sigDays = new SlotDays(), sigBy: number[] = [], sigP: number[] = [], sigKeepP: number[] = [];
    const facNow: number[] = [], sigNow: number[] = []; // slots down from the current source
    for (let j = 0; j < this.sources.length; j++) {
      const i = this.sources[j], st = this.directStates[i]!;
      for (let k = 1; k < STATES; k++) {
        if (!this.isDownState[k] || !(st[k] > 0)) continue;
        pDirect[i] += st[k];
        this.clear(); this.hit(j, k); this.settle(out, false);
        for (const c of out.downList) {
          let x = facSlot[c];
          if (x < 0) { x = facSlot[c] = facOf.length; facOf.push(c); facBy.push(-1); facP.push(0); }
          if (facBy[x] !== j) { facBy[x] = j; facP[x] = 0; facNow.push(x); }
          facP[x] += st[k];
          facDays.add(x, j, out.days[c], st[k]);
          if (st[k] > chainP[c]) { chainP[c] = st[k]; chain[c] = out.chain[c]; }
        }
        for (const g of out.sigList) {
          let x = sigSlot[g];
          if (x < 0) { x = sigSlot[g] = sigOf.length; sigOf.push(g); sigBy.push(-1); sigP.push(0); sigKeepP.push(1); }
          if (sigBy[x] !== j) { sigBy[x] = j; sigP[x] = 0; sigNow.push(x); }
          sigP[x] += st[k];
          sigDays.add(x, j, out.sigDays[g], st[k]);
        }
      }
      for (const x of facNow) keepP[facOf[x]] *= 1 - facP[x];
      for (const x of sigNow) sigKeepP[x] *= 1 - sigP[x];
      facNow.length = 0; sigNow.length = 0;
    }
    const pDown = new Float64Array(n), days = new Float64Array(n);
    for (let c = 0; c < n; c++) pDown[c] = 1 - keepP[c];
    const fd = facDays.bySlot(facOf.length);
    for (let x = 0; x < facOf.length; x++) days[facOf[x]] = longestOf(fd, fd.start[x], fd.start[x + 1]);
    const people = new Float64Array(NSECTOR), peopleDays = new Float64Array(NSECTOR), facilitiesDown = new Float64Array(NSECTOR);
    // people without the service for more than beyondDays (displacement): P(longest > N) = 1 - prod_i P(D_i <= N), sources independent
    const peopleBeyond = new Float64Array(NSECTOR);
    const sd = sigDays.bySlot(sigOf.length);
    for (let x = 0; x < sigOf.length; x++) {
      const g = sigOf[x], k = sigKeepP[x]; people[sv.sector[g]] += sv.pop[g] * (1 - k); peopleDays[sv.sector[g]] += sv.pop[g] * longestOf(sd, sd.start[x], sd.start[x + 1]);
      peopleBeyond[sv.sector[g]] += sv.pop[g] * (1 - allAtMost(sd, sd.start[x], sd.start[x + 1], beyondDays));
    }
    let bedsLost = 0;
    for (let c = 0; c < n; c++) {
      const f = this.tracked[c];
      facilitiesDown[F.sector[f]] += pDown[c];
      if (F.sector[f] === HEALTH && F.beds[f] > 0) {
        // As in a run: beds x (1 - functionality) of the drawn state, or all beds when down by
        // cascade while not down directly (counted once: a lightly damaged hospital that also loses
        // power loses all its beds, not 10% plus all). With q = P(cascade | not down directly),
        // taken as independent of the hospital's own state:
        //   E = sum_k P_k (1 - f_k) + q sum_{k not down} P_k f_k
        const st = this.directStates[c], fn = this.params.functionality;
        let d = 0, keptIfUp = st ? 0 : 1;
        if (st) for (let k = 0; k < STATES; k++) { d += st[k] * (1 - fn[k]); if (!this.isDownState[k]) keptIfUp += st[k] * fn[k]; }
        const q = pDirect[c] < 1 ? Math.max(0, pDown[c] - pDirect[c]) / (1 - pDirect[c]) : 0;
        bedsLost += F.beds[f] * (d + q * keptIfUp);
      }
    }
    return { pDown, pDirect, days, chain, people, peopleDays, facilitiesDown, bedsLost, peopleBeyond };
  }

  /**
   * The chain in words for tracked facility c: its cause, its supplier's cause, and so on up to a
   * direct hit, ending with the people left without c's service. `causeOf` gives each facility's
   * representative cause (most frequent in the Monte Carlo, most likely in the expectation mode).
   */
  describeChain(c: number, causeOf: (i: number) => number): string {
    if (causeOf(c) < 0) return 'not down in any run';
    const F = this.city.facilities;
    const words: string[] = [];
    const seen = new Set<number>();
    for (let cur = c; cur >= 0 && !seen.has(cur);) {
      seen.add(cur);
      const code = causeOf(cur), f = this.tracked[cur];
      const label = facilityLabel(F.names[f], F.kinds[f]);
      if (code < 0) { words.unshift(label); break; }
      if (code < CASCADE_BASE) { words.unshift(`${label} (direct, ${STATE_NAMES[code]})`); break; }
      const { supplier, input, start } = decodeCascade(code);
      words.unshift(`${label} (no ${SERVICE_INPUTS[input]} after ${formatDays(start)})`);
      cur = supplier;
    }
    const last = this.tracked[c];
    words.push(`${formatCount(F.peopleServed[last])} people without ${SERVICE_NOUN[SECTORS[F.sector[last]]]}`);
    return words.join(' -> ');
  }
}


/**
 * Days down in the single-source scenarios, per slot (a facility or service signature down from some
 * source): entries (source, days, probability) added as the scenarios run, then grouped by slot with
 * each slot's entries in the order added (so by source). Flat arrays: an object and two lists per
 * slot and source were most of the expectation's time and garbage.
 */
class SlotDays {
  private readonly slot: number[] = [];
  private readonly src: number[] = [];
  private readonly d: number[] = [];
  private readonly p: number[] = [];
  add(slot: number, src: number, d: number, p: number): void { this.slot.push(slot); this.src.push(src); this.d.push(d); this.p.push(p); }
  /** Counting sort by slot: slot x holds entries start[x] .. start[x+1]. */
  bySlot(nSlots: number): DaysBySource & { start: Int32Array } {
    const n = this.slot.length, start = new Int32Array(nSlots + 1);
    for (let e = 0; e < n; e++) start[this.slot[e] + 1]++;
    for (let x = 0; x < nSlots; x++) start[x + 1] += start[x];
    const at = start.slice(0, nSlots), src = new Int32Array(n), d = new Float64Array(n), p = new Float64Array(n);
    for (let e = 0; e < n; e++) { const i = at[this.slot[e]]++; src[i] = this.src[e]; d[i] = this.d[e]; p[i] = this.p[e]; }
    return { start, src, d, p };
  }
}

/**
 * Independent days down D_i, one per source: entries from .. to, source src[m], value d[m] with
 * probability p[m] (0 days with the rest of a source's probability), a source's entries together.
 */
interface DaysBySource { src: ArrayLike<number>; d: ArrayLike<number>; p: ArrayLike<number> }

/** prod_i P(D_i <= t). */
function allAtMost(x: DaysBySource, from: number, to: number, t: number): number {
  let all = 1, above = 0;
  for (let m = from; m < to; m++) {
    if (m > from && x.src[m] !== x.src[m - 1]) { all *= 1 - above; above = 0; }
    if (x.d[m] > t) above += x.p[m];
  }
  return from < to ? all * (1 - above) : all;
}

let scratch = new Float64Array(64);
/** E[max_i D_i] for independent D_i: the integral over t >= 0 of 1 - prod_i P(D_i <= t). */
function longestOf(x: DaysBySource, from: number, to: number): number {
  if (from === to) return 0;
  if (x.src[from] === x.src[to - 1]) { let e = 0; for (let m = from; m < to; m++) e += x.p[m] * x.d[m]; return e; }
  // the distinct positive values, ascending (a scratch array: this runs for every facility and
  // service signature that two sources or more take down)
  if (scratch.length < to - from) scratch = new Float64Array(Math.max(to - from, 2 * scratch.length));
  let nts = 0;
  for (let m = from; m < to; m++) if (x.d[m] > 0) scratch[nts++] = x.d[m];
  const sorted = scratch.subarray(0, nts).sort();
  let e = 0, t0 = 0;
  for (let i = 0; i < nts; i++) {
    const t1 = sorted[i];
    if (i > 0 && t1 === sorted[i - 1]) continue;
    // on [t0, t1): P(D_i <= t) = P(D_i <= t0)
    e += (t1 - t0) * (1 - allAtMost(x, from, to, t0));
    t0 = t1;
  }
  return e;
}

/** E[max_i D_i] of independent sources given as lists: value d[m] with probability p[m] each (see longestOf). */
export function expectedLongest(dists: readonly { d: number[]; p: number[] }[]): number {
  const src = dists.flatMap((x, i) => x.d.map(() => i));
  return longestOf({ src, d: dists.flatMap((x) => x.d), p: dists.flatMap((x) => x.p) }, 0, src.length);
}

const SERVICE_NOUN: Record<(typeof SECTORS)[number], string> = {
  water: 'water', power: 'power', health: 'health care', sanitation: 'sanitation', communications: 'communications',
};

/** "Pumping station P3": the kind in words unless the name already says it. */
export function facilityLabel(name: string, kind: string): string {
  const words = kind.replace(/_/g, ' ');
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return name.toLowerCase().includes(words.toLowerCase()) ? name : `${label} ${name}`;
}

export function formatDays(d: number): string {
  const r = Math.round(d * 10) / 10;
  return `${r} day${r === 1 ? '' : 's'}`;
}

export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
