/**
 * Step 5, critical infrastructure and reverberating effects (METHOD.md §4).
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
import type { ZoneGeometry } from './zones';
import { locatePoint } from './zones';
import type { EngineParameters } from './parameters';
import type { Rng } from './random';

export const NSECTOR = SECTORS.length;
const HEALTH = SECTORS.indexOf('health');
const STATE_NAMES = ['none', 'slight', 'moderate', 'extensive', 'complete'];

type Intervals = number[]; // flat [s0, e0, s1, e1, ...], sorted, disjoint

function intersect(a: Intervals, b: Intervals): Intervals {
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
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  const all: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) all.push([a[i], a[i + 1]]);
  for (let i = 0; i < b.length; i += 2) all.push([b[i], b[i + 1]]);
  all.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: Intervals = [];
  for (const [s, e] of all) {
    const n = out.length;
    if (n && s <= out[n - 1]) { if (e > out[n - 1]) out[n - 1] = e; } else out.push(s, e);
  }
  return out;
}

function shift(a: Intervals, b: number, horizon: number): Intervals {
  const out: Intervals = [];
  for (let i = 0; i < a.length; i += 2) {
    const s = a[i] + b;
    if (s < a[i + 1] && s < horizon) out.push(s, a[i + 1]);
  }
  return out;
}

const measure = (a: Intervals) => { let m = 0; for (let i = 0; i < a.length; i += 2) m += a[i + 1] - a[i]; return m; };
const same = (a: Intervals, b: Intervals) => a.length === b.length && a.every((v, i) => v === b[i]);

/** One step of a cause chain: a facility hit directly (state) or losing an input from `start` day. */
export interface ChainStep { parent: number; facility: number; direct: boolean; state: number; input: number; start: number }

export interface InfrastructureRun {
  /** Per tracked facility (index into CascadeModel.tracked). */
  down: Uint8Array; direct: Uint8Array; days: Float64Array; chain: Int32Array;
  /** Per service signature: days without service. */
  sigDays: Float64Array;
  /** Per sector. */
  people: Float64Array; peopleDays: Float64Array; facilitiesDown: Float64Array;
  bedsLost: number;
}

/** A facility direct-hit probability row: the state distribution of its zone and class. */
export interface FacilityExposure { facility: number; states: Float64Array; zoneByArea: number[]; distanceM: number }

/** Facilities inside any zone, with their damage-state distribution. */
export function exposedFacilities(city: CityModel, zones: readonly ZoneGeometry[], damageOf: (zs: Int16Array) => ComboDamage): FacilityExposure[] {
  const F = city.facilities;
  const hit = new Map<number, Int16Array>();
  zones.forEach((z, a) => {
    const [w, s, e, n] = z.bbox;
    F.index.search(w, s, e, n, (f) => {
      if (f >= F.count) return false;
      const k = locatePoint(z, F.lon[f], F.lat[f]).zone;
      if (k < 0) return false;
      let zs = hit.get(f);
      if (!zs) { zs = new Int16Array(zones.length).fill(-1); hit.set(f, zs); }
      zs[a] = k;
      return false;
    });
  });
  return [...hit.keys()].sort((a, b) => a - b).map((f) => {
    const zs = hit.get(f)!;
    const d = damageOf(zs);
    const c = F.construction[f];
    return { facility: f, states: d.facility.slice(c * STATES, (c + 1) * STATES), zoneByArea: [...zs], distanceM: 0 };
  });
}

export class CascadeModel {
  /** Facilities that can go down in this assessment: the directly exposed and everything downstream of them. */
  readonly tracked: number[];
  private readonly local: Map<number, number>;
  /** Direct damage: per tracked facility, cumulative state thresholds (or null if not in a zone). */
  private readonly cum: (Float64Array | null)[];
  readonly directStates: (Float64Array | null)[];
  private readonly restoration: number[][];
  private readonly isDownState: boolean[];
  /** Sector signatures: groups of residents served by the same set of tracked facilities. */
  private readonly sigs: { sector: number; facilities: number[]; pop: number }[];
  readonly chains: ChainStep[] = [];
  private readonly chainIndex = new Map<string, number>();
  readonly chainCounts: Map<number, number>[];

  constructor(private readonly city: CityModel, exposed: readonly FacilityExposure[], private readonly params: EngineParameters, private readonly horizon: number) {
    const F = city.facilities, D = city.deps;
    const directSet = new Map(exposed.map((e) => [e.facility, e.states]));
    this.isDownState = params.functionality.map((f) => f <= params.downThreshold);
    this.isDownState[0] = false; // undamaged is never down
    // reachable set, BFS from facilities that can be down directly
    const seen = new Set<number>(); const queue: number[] = [];
    for (const e of exposed) {
      const pDown = e.states.reduce((s, p, k) => s + (this.isDownState[k] ? p : 0), 0);
      if (pDown > 0 && !seen.has(e.facility)) { seen.add(e.facility); queue.push(e.facility); }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (let j = D.consumerStart[s]; j < D.consumerStart[s + 1]; j++) { const c = D.consumers[j]; if (!seen.has(c)) { seen.add(c); queue.push(c); } }
    }
    // exposed facilities that cannot go down are still listed (pDown 0) but not tracked
    this.tracked = [...seen].sort((a, b) => a - b);
    this.local = new Map(this.tracked.map((f, i) => [f, i]));
    this.directStates = this.tracked.map((f) => directSet.get(f) ?? null);
    this.cum = this.directStates.map((st) => {
      if (!st) return null;
      const c = new Float64Array(STATES - 1); let s = 0;
      for (let k = 0; k < STATES - 1; k++) { s += st[k]; c[k] = s; }
      return c;
    });
    this.restoration = this.tracked.map((f) => params.restorationDays[F.kinds[f] as FacilityKind] ?? [0, 0, 0, 0, 0]);
    this.chainCounts = this.tracked.map(() => new Map());
    this.sigs = this.buildSignatures();
  }

  private buildSignatures(): { sector: number; facilities: number[]; pop: number }[] {
    const F = this.city.facilities;
    const sigs: { sector: number; facilities: number[]; pop: number }[] = [];
    const entitySig = new Map<number, number>();
    const next = new Map<string, number>();
    for (const f of this.tracked) {
      const sector = F.sector[f];
      for (let j = F.servedStart[f]; j < F.servedStart[f + 1]; j++) {
        const e = F.servedEntities[j];
        const prev = entitySig.get(e * NSECTOR + sector) ?? -1;
        const tk = `${prev}|${sector}|${f}`;
        let id = next.get(tk);
        if (id === undefined) {
          id = sigs.length;
          sigs.push({ sector, facilities: prev >= 0 ? [...sigs[prev].facilities, this.local.get(f)!] : [this.local.get(f)!], pop: 0 });
          next.set(tk, id);
        }
        entitySig.set(e * NSECTOR + sector, id);
      }
    }
    for (const [k, id] of entitySig) sigs[id].pop += this.city.entityPop(Math.floor(k / NSECTOR));
    return sigs.filter((s) => s.pop > 0);
  }

  newRun(): InfrastructureRun {
    const n = this.tracked.length;
    return {
      down: new Uint8Array(n), direct: new Uint8Array(n), days: new Float64Array(n), chain: new Int32Array(n), sigDays: new Float64Array(this.sigs.length),
      people: new Float64Array(NSECTOR), peopleDays: new Float64Array(NSECTOR), facilitiesDown: new Float64Array(NSECTOR), bedsLost: 0,
    };
  }

  /** Intern a chain step; returns its id. */
  private chainId(step: ChainStep): number {
    const key = `${step.parent}>${step.facility}:${step.direct ? 'd' + step.state : step.input + '@' + step.start}`;
    let id = this.chainIndex.get(key);
    if (id === undefined) { id = this.chains.length; this.chains.push(step); this.chainIndex.set(key, id); }
    return id;
  }

  /**
   * One run. `states` gives the direct damage state of each tracked facility (drawn from rng if
   * omitted). Fills `out`; records the chain of each down facility for the most-frequent chain.
   */
  run(rng: Rng | null, out: InfrastructureRun, states?: Int8Array, record = true): void {
    const n = this.tracked.length, H = this.horizon, D = this.city.deps, F = this.city.facilities;
    const st = states ?? new Int8Array(n);
    if (!states) for (let i = 0; i < n; i++) {
      const c = this.cum[i];
      if (!c) continue;
      const u = rng!.uniform();
      let k = 0;
      while (k < STATES - 1 && u >= c[k]) k++;
      st[i] = k;
    }
    const direct: Intervals[] = new Array(n), outage: Intervals[] = new Array(n);
    const queue: number[] = []; const queued = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = st[i];
      const dur = this.isDownState[k] ? Math.min(H, this.restoration[i][k]) : 0;
      direct[i] = dur > 0 ? [0, dur] : [];
      outage[i] = direct[i];
      if (dur > 0) {
        const f = this.tracked[i];
        for (let j = D.consumerStart[f]; j < D.consumerStart[f + 1]; j++) {
          const c = this.local.get(D.consumers[j])!;
          if (!queued[c]) { queued[c] = 1; queue.push(c); }
        }
      }
    }
    // worklist to the fixed point
    const lostBy: Intervals[][] = new Array(n);
    let guard = 0; const maxSteps = 1000 * (n + 1);
    for (let head = 0; head < queue.length && guard++ < maxSteps; head++) {
      const c = queue[head]; queued[c] = 0;
      const f = this.tracked[c];
      let acc = direct[c];
      const perGroup: Intervals[] = [];
      for (let g = D.groupStart[f]; g < D.groupStart[f + 1]; g++) {
        let all: Intervals | null = null;
        for (let j = D.groupSupStart[g]; j < D.groupSupStart[g + 1]; j++) {
          const s = this.local.get(D.groupSuppliers[j]);
          const o = s === undefined ? [] : outage[s];
          all = all === null ? o : intersect(all, o);
          if (all.length === 0) break;
        }
        const lost = all && all.length ? shift(all, D.groupBackup[g], H) : [];
        perGroup.push(lost);
        if (lost.length) acc = union(acc, lost);
      }
      lostBy[c] = perGroup;
      if (!same(acc, outage[c])) {
        outage[c] = acc;
        for (let j = D.consumerStart[f]; j < D.consumerStart[f + 1]; j++) {
          const k = this.local.get(D.consumers[j])!;
          if (!queued[k]) { queued[k] = 1; queue.push(k); }
        }
      }
    }
    // per facility results and chains
    out.people.fill(0); out.peopleDays.fill(0); out.facilitiesDown.fill(0); out.bedsLost = 0;
    const chainOf = new Int32Array(n).fill(-2); // -2 unknown, -3 in progress
    const resolve = (c: number): number => {
      if (chainOf[c] >= -1) return chainOf[c];
      if (outage[c].length === 0) { chainOf[c] = -1; return -1; }
      chainOf[c] = -3;
      const f = this.tracked[c];
      let id: number;
      if (direct[c].length) id = this.chainId({ parent: -1, facility: f, direct: true, state: st[c], input: -1, start: 0 });
      else {
        // the input lost earliest, and the supplier of it that went down last
        let bestG = -1, bestStart = Infinity;
        const groups = lostBy[c] ?? [];
        groups.forEach((l, gi) => { if (l.length && l[0] < bestStart) { bestStart = l[0]; bestG = gi; } });
        const g = D.groupStart[f] + bestG;
        const t0 = bestStart - D.groupBackup[g];
        let sup = -1, supStart = -Infinity;
        for (let j = D.groupSupStart[g]; j < D.groupSupStart[g + 1]; j++) {
          const s = this.local.get(D.groupSuppliers[j]);
          if (s === undefined) continue;
          const o = outage[s];
          for (let q = 0; q < o.length; q += 2) if (o[q] <= t0 + 1e-12 && t0 < o[q + 1] && o[q] > supStart) { supStart = o[q]; sup = s; }
        }
        const parent = sup >= 0 && chainOf[sup] !== -3 ? resolve(sup) : -1;
        id = this.chainId({ parent, facility: f, direct: false, state: 0, input: D.groupInput[g], start: bestStart });
      }
      chainOf[c] = id;
      return id;
    };
    for (let c = 0; c < n; c++) {
      const f = this.tracked[c];
      const days = measure(outage[c]);
      out.down[c] = days > 0 ? 1 : 0;
      out.direct[c] = direct[c].length ? 1 : 0;
      out.days[c] = days;
      out.chain[c] = resolve(c);
      if (days > 0) {
        out.facilitiesDown[F.sector[f]] += 1;
      }
      if (days > 0 && record) {
        const m = this.chainCounts[c];
        m.set(out.chain[c], (m.get(out.chain[c]) ?? 0) + 1);
      }
      if (F.sector[f] === HEALTH && F.beds[f] > 0) {
        if (direct[c].length === 0 && days > 0) out.bedsLost += F.beds[f];
        else out.bedsLost += F.beds[f] * (1 - this.params.functionality[st[c]]);
      }
    }
    for (let g = 0; g < this.sigs.length; g++) {
      const sig = this.sigs[g];
      let u: Intervals = [];
      for (const c of sig.facilities) if (outage[c].length) u = union(u, outage[c]);
      out.sigDays[g] = measure(u);
      if (u.length) {
        out.people[sig.sector] += sig.pop;
        out.peopleDays[sig.sector] += sig.pop * out.sigDays[g];
      }
    }
  }

  /**
   * Expectation mode (no sampling). Direct damage is exact. The cascade is APPROXIMATE: each
   * directly exposed facility is taken alone in each of its down states (a "single-source
   * scenario", run through the same interval cascade with its probability), and sources are
   * combined as independent: pDown = 1 - prod_sources (1 - P(down | source)). Failures that need two
   * sources at once (redundant suppliers all hit) are therefore missed, and days are combined as
   * H (1 - prod (1 - days/H)). The Monte Carlo is the reference; this serves tests and live previews.
   */
  expected(): { pDown: Float64Array; pDirect: Float64Array; days: Float64Array; chain: Int32Array; people: Float64Array; peopleDays: Float64Array; facilitiesDown: Float64Array; bedsLost: number } {
    const n = this.tracked.length, H = this.horizon, F = this.city.facilities;
    const pDirect = new Float64Array(n), keepP = new Float64Array(n).fill(1), keepT = new Float64Array(n).fill(1);
    const nSig = this.sigs.length;
    const sigKeepP = new Float64Array(nSig).fill(1), sigKeepT = new Float64Array(nSig).fill(1);
    const chain = new Int32Array(n).fill(-1), chainP = new Float64Array(n);
    const out = this.newRun();
    const states = new Int8Array(n);
    const pSrc = new Float64Array(n), dSrc = new Float64Array(n), pSig = new Float64Array(nSig), dSig = new Float64Array(nSig);
    for (let i = 0; i < n; i++) {
      const st = this.directStates[i];
      if (!st) continue;
      pSrc.fill(0); dSrc.fill(0); pSig.fill(0); dSig.fill(0);
      let any = false;
      for (let k = 1; k < STATES; k++) {
        if (!this.isDownState[k] || !(st[k] > 0)) continue;
        any = true;
        pDirect[i] += st[k];
        states[i] = k;
        this.run(null, out, states, false);
        for (let c = 0; c < n; c++) {
          if (!out.down[c]) continue;
          pSrc[c] += st[k]; dSrc[c] += st[k] * out.days[c];
          if (st[k] > chainP[c]) { chainP[c] = st[k]; chain[c] = out.chain[c]; }
        }
        for (let g = 0; g < nSig; g++) if (out.sigDays[g] > 0) { pSig[g] += st[k]; dSig[g] += st[k] * out.sigDays[g]; }
      }
      states[i] = 0;
      if (!any) continue;
      for (let c = 0; c < n; c++) if (pSrc[c] > 0) { keepP[c] *= 1 - pSrc[c]; keepT[c] *= 1 - dSrc[c] / H; }
      for (let g = 0; g < nSig; g++) if (pSig[g] > 0) { sigKeepP[g] *= 1 - pSig[g]; sigKeepT[g] *= 1 - dSig[g] / H; }
    }
    const pDown = keepP.map((k) => 1 - k), days = keepT.map((k) => H * (1 - k));
    const people = new Float64Array(NSECTOR), peopleDays = new Float64Array(NSECTOR), facilitiesDown = new Float64Array(NSECTOR);
    this.sigs.forEach((sig, g) => { people[sig.sector] += sig.pop * (1 - sigKeepP[g]); peopleDays[sig.sector] += sig.pop * H * (1 - sigKeepT[g]); });
    let bedsLost = 0;
    for (let c = 0; c < n; c++) {
      const f = this.tracked[c];
      facilitiesDown[F.sector[f]] += pDown[c];
      if (F.sector[f] === HEALTH && F.beds[f] > 0) {
        const st = this.directStates[c];
        let direct = 0;
        if (st) for (let k = 1; k < STATES; k++) direct += st[k] * (1 - this.params.functionality[k]);
        bedsLost += F.beds[f] * (direct + Math.max(0, pDown[c] - pDirect[c]));
      }
    }
    return { pDown, pDirect, days, chain, people, peopleDays, facilitiesDown, bedsLost };
  }

  /** Beds lost to direct damage of facilities in a zone but not tracked (slight damage only). */
  bedsLostUntracked(exposed: readonly FacilityExposure[]): number {
    let lost = 0;
    for (const e of exposed) {
      if (this.local.has(e.facility) || this.city.facilities.sector[e.facility] !== HEALTH) continue;
      for (let k = 1; k < STATES; k++) lost += e.states[k] * this.city.facilities.beds[e.facility] * (1 - this.params.functionality[k]);
    }
    return lost;
  }

  /** The chain of words for a chain id, ending with the people left without the last facility's service. */
  describeChain(id: number): string {
    if (id < 0) return 'not down in any run';
    const steps: ChainStep[] = [];
    const seen = new Set<number>();
    for (let k = id; k >= 0 && !seen.has(k); k = this.chains[k].parent) { seen.add(k); steps.unshift(this.chains[k]); }
    const F = this.city.facilities;
    const words = steps.map((s) => s.direct
      ? `${facilityLabel(F.names[s.facility], F.kinds[s.facility])} (direct, ${STATE_NAMES[s.state]})`
      : `${facilityLabel(F.names[s.facility], F.kinds[s.facility])} (no ${SERVICE_INPUTS[s.input]} after ${formatDays(s.start)})`);
    const last = steps[steps.length - 1].facility;
    words.push(`${formatCount(F.peopleServed[last])} people without ${SERVICE_NOUN[SECTORS[F.sector[last]]]}`);
    return words.join(' -> ');
  }
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
