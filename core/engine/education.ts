/**
 * Step 5d, children out of school (issue 17).
 *
 * Schools are the dataset's buildings of use `education`; their pupils are the building's `workers`
 * (pupils at full occupancy). A school is closed
 * - for `education.damagedClosureDays` (clipped to the horizon) when its building draws moderate
 *   damage or worse (the state the casualty model drew in the same run: no draw of its own), and
 * - for as long as it is without water or power. PLANNING ASSUMPTION: schools hold no residents, so
 *   they are in no residents' service area; a school takes each of water and power from the nearest
 *   facility of every kind of that sector within the kind's default service distance
 *   (`service.maxDistanceM.<kind>`), and is without the service while any of them is down. Outages
 *   start at day 0 in most runs, so days without are the longest of them (not their union).
 * Pupil-days lost = pupils x days closed within the horizon (calendar days).
 * Expectation mode: P(damaged) exact; P(cut off) = 1 - prod(1 - pDown) of its facilities taken as
 * independent, days cut off = the largest expected days of them (approximate, as the cascade there).
 * No data: no school in the dataset, or schools without pupil counts -> no figure, with the reason.
 */
import { SECTORS } from '../model/dataset';
import type { SchoolOutcome } from '../model/assessment';
import { localProjection } from '../geometry/projection';
import { nearestSites, type CityModel } from './city';
import { OUTCOMES, type ComboDamage } from './damage';
import type { Exposure } from './exposure';
import type { CasualtySampler } from './casualties';
import { facilityLabel, formatCount, formatDays, type CascadeModel, type InfrastructureRun } from './cascade';
import { OCCUPANCY_TYPES, type ServiceBounds } from './parameters';
import type { FacilityKind } from '../model/dataset';
import { sameNumbers } from '../model/typed-arrays';

const EDUCATION = OCCUPANCY_TYPES.indexOf('education');
const MODERATE = 2;
const SERVICES = [SECTORS.indexOf('water'), SECTORS.indexOf('power')];
/** Per-run figures: pupils whose school is closed, pupil-days lost. */
export const EDUCATION_FIELDS = 2;

/**
 * The schools with pupils of a prepared city, per facility kind (water and power sectors) the
 * facility nearest to each within the kind's distance, and the schools grouped by that list of
 * facilities (their "supply set", kinds in ascending order). Made once per city and set of distances
 * (a city has thousands of schools and few such sets): an assessment then only maps each set to
 * the facilities it tracks, so its cost follows the sets, not the schools.
 */
interface SchoolIndex {
  buildings: number[]; educationBuildings: number;
  /** Pupils per school (read once: the city's arrays are large, schools scattered in them). */
  pupils: Float64Array;
  /** The protected sites of category school (the names a school takes), and their indexes in ascending latitude (siteLat). */
  sites: CityModel['protectedSites'];
  siteByLat: Int32Array; siteLat: Float64Array;
  /** Building -> index in buildings (-1: not a school with pupils). */
  index: Int32Array;
  nearest(kind: string, maxDistanceM: number): Int32Array;
  supplySets(bounds: ServiceBounds): SupplySets;
}
/**
 * Per school, its supply set; set s holds facilities[start[s] .. start[s+1]) (set 0 is empty) and is
 * node[s] of `trie`, which also names every prefix of a set.
 */
interface SupplySets { setOf: Int32Array; start: Int32Array; facilities: Int32Array; node: Int32Array; trie: SetTrie }
const SCHOOLS = new WeakMap<CityModel, SchoolIndex>();
function schoolsOf(city: CityModel): SchoolIndex {
  let s = SCHOOLS.get(city);
  if (s) return s;
  const B = city.buildings, F = city.facilities;
  const buildings: number[] = [];
  let educationBuildings = 0;
  for (let b = 0; b < B.count; b++) if (B.workerOccupancy[b] === EDUCATION) { educationBuildings++; if (B.workers[b] > 0) buildings.push(b); }
  let lon0 = 0, lat0 = 0;
  for (const b of buildings) { lon0 += B.lon[b]; lat0 += B.lat[b]; }
  const proj = localProjection(buildings.length ? lon0 / buildings.length : 0, buildings.length ? lat0 / buildings.length : 0);
  const px = Float64Array.from(buildings, (b) => (B.lon[b] - proj.lon0) * proj.kx), py = Float64Array.from(buildings, (b) => (B.lat[b] - proj.lat0) * proj.ky);
  const memo = new Map<string, Int32Array>(), setsMemo = new Map<string, SupplySets>();
  const index = new Int32Array(B.count).fill(-1);
  buildings.forEach((b, j) => { index[b] = j; });
  const serviceKinds = [...new Set(F.kinds.filter((_, f) => SERVICES.includes(F.sector[f])))].sort();
  const sites = city.protectedSites.filter((p) => p.category === 'school');
  const siteByLat = Int32Array.from(sites.keys()).sort((a, b) => sites[a].lat - sites[b].lat);
  const idx: SchoolIndex = {
    buildings, educationBuildings, index, pupils: Float64Array.from(buildings, (b) => B.workers[b]),
    sites, siteByLat, siteLat: Float64Array.from(siteByLat, (i) => sites[i].lat),
    nearest(kind, maxD) {
      const key = `${kind}:${maxD}`;
      let out = memo.get(key);
      if (out) return out;
      const sites: number[] = [];
      for (let f = 0; f < F.count; f++) if (F.kinds[f] === kind && SERVICES.includes(F.sector[f])) sites.push(f);
      const sx = Float64Array.from(sites, (f) => (F.lon[f] - proj.lon0) * proj.kx), sy = Float64Array.from(sites, (f) => (F.lat[f] - proj.lat0) * proj.ky);
      const k = new Int32Array(buildings.length);
      nearestSites(sx, sy, px, py, k);
      out = Int32Array.from(k, (x, j) => (x < 0 || Math.hypot(sx[x] - px[j], sy[x] - py[j]) > maxD ? -1 : sites[x]));
      memo.set(key, out);
      return out;
    },
    supplySets(bounds) {
      const dist = serviceKinds.map((kind) => bounds.maxDistanceM[kind as FacilityKind]);
      const key = dist.join(',');
      let sets = setsMemo.get(key);
      if (sets) return sets;
      const trie = new SetTrie(F.count);
      const setOf = new Int32Array(buildings.length);
      serviceKinds.forEach((kind, i) => {
        const nearest = idx.nearest(kind, dist[i]);
        for (let j = 0; j < buildings.length; j++) if (nearest[j] >= 0) setOf[j] = trie.child(setOf[j], nearest[j]);
      });
      // only the sets some school has (the trie also holds their prefixes), renumbered in order
      const all = trie.lists(), used = new Int32Array(all.start.length - 1).fill(-1), keep: number[] = [0];
      used[0] = 0;
      for (let j = 0; j < setOf.length; j++) { let u = used[setOf[j]]; if (u < 0) { u = used[setOf[j]] = keep.length; keep.push(setOf[j]); } setOf[j] = u; }
      const start = new Int32Array(keep.length + 1);
      keep.forEach((t, u) => { start[u + 1] = start[u] + all.start[t + 1] - all.start[t]; });
      const facilities = new Int32Array(start[keep.length]);
      keep.forEach((t, u) => facilities.set(all.facilities.subarray(all.start[t], all.start[t + 1]), start[u]));
      sets = { setOf, start, facilities, node: Int32Array.from(keep), trie };
      setsMemo.set(key, sets);
      return sets;
    },
  };
  SCHOOLS.set(city, idx);
  return idx;
}

/**
 * Sets of ints built by appending one int at a time, each distinct list a node (0: the empty
 * list): equal lists get one id without a list or text per member.
 */
class SetTrie {
  private readonly parent: number[] = [-1];
  private readonly last: number[] = [-1];
  private readonly children = new Map<number, number>();
  constructor(private readonly range: number) {}
  get size(): number { return this.parent.length; }
  /** The node of `node`'s list with `value` appended, if made. */
  find(node: number, value: number): number | undefined { return this.children.get(node * this.range + value); }
  child(node: number, value: number): number {
    const key = node * this.range + value;
    let c = this.children.get(key);
    if (c === undefined) { c = this.parent.length; this.parent.push(node); this.last.push(value); this.children.set(key, c); }
    return c;
  }
  /** Every node's list, in append order: node s holds values[start[s] .. start[s+1]). */
  lists(): { start: Int32Array; facilities: Int32Array } {
    const n = this.parent.length, start = new Int32Array(n + 1), depth = new Int32Array(n);
    for (let s = 1; s < n; s++) depth[s] = depth[this.parent[s]] + 1; // a parent is made before its children
    for (let s = 0; s < n; s++) start[s + 1] = start[s] + depth[s];
    const values = new Int32Array(start[n]);
    for (let s = 1; s < n; s++) for (let t = s, k = start[s + 1] - 1; t > 0; t = this.parent[t], k--) values[k] = this.last[t];
    return { start, facilities: values };
  }
}

/**
 * Which schools can close in an assessment (in the zones, or taking water or power from a tracked
 * facility), in ascending school order: building, exposed item (-1: not in a zone), pupils, list of
 * tracked facilities it takes water or power from (setFacilities[setStart[m] .. setStart[m+1]), kinds
 * in ascending order), and its group (-1 for a school in the zones); schools outside the zones
 * grouped by their list (the group's list and pupils); the groups of each tracked facility
 * (groupsOf[groupsOfStart[c] .. groupsOfStart[c+1])); the schools in the zones (inZones).
 */
interface SchoolLayout {
  nSchools: number; schoolB: Int32Array; schoolItem: Int32Array; schoolPupils: Float64Array; schoolSet: Int32Array; schoolGroup: Int32Array;
  setStart: Int32Array; setFacilities: Int32Array; groupSet: Int32Array; groupPupils: Float64Array;
  groupsOfStart: Int32Array; groupsOf: Int32Array; inZones: Int32Array;
}

/**
 * The layout depends only on the tracked facilities, the exposed buildings and the supply sets, and
 * is never written: the last one made for a city is kept and reused while they are equal (a change of
 * time of day, warning or horizon, or a preview followed by its run, keeps them; the compare is two
 * passes over ~10,000 ints, the layout a pass over every school).
 */
const LAST_LAYOUT = new WeakMap<CityModel, { supply: SupplySets | null; tracked: readonly number[]; items: Int32Array; layout: SchoolLayout }>();
function layoutOf(city: CityModel, index: SchoolIndex, withSchools: boolean, x: Exposure, cascade: CascadeModel, bounds: ServiceBounds): SchoolLayout {
  const supply = withSchools && index.buildings.length ? index.supplySets(bounds) : null;
  const items = x.itemBuilding.subarray(0, x.count), last = LAST_LAYOUT.get(city);
  if (last && last.supply === supply && sameNumbers(last.tracked, cascade.tracked) && sameNumbers(last.items, items)) return last.layout;
  const layout = makeLayout(city, index, withSchools, x, cascade, supply);
  LAST_LAYOUT.set(city, { supply, tracked: cascade.tracked, items, layout });
  return layout;
}

function makeLayout(city: CityModel, index: SchoolIndex, withSchools: boolean, x: Exposure, cascade: CascadeModel, supply: SupplySets | null): SchoolLayout {
  const F = city.facilities, nT = cascade.tracked.length;
  const schools = withSchools ? index.buildings : [], pupils = index.pupils;
  const nS = schools.length;
  const itemOfSchool = new Int32Array(nS).fill(-1);
  if (nS) for (let i = 0; i < x.count; i++) { const j = index.index[x.itemBuilding[i]]; if (j >= 0) itemOfSchool[j] = i; }
  // per school, the tracked facilities of its supply set (a facility that cannot go down is left
  // out), equal lists merged. A set whose facilities are all tracked is its own list; another one's
  // list is found in the city's trie (most are another school's set, or a prefix of one), else in
  // an overlay made for this assessment. Lists numbered as first met, 0 the empty one.
  const nSupply = supply ? supply.start.length - 1 : 0, trackedSet = new Int32Array(nSupply);
  // typed arrays sized by their bounds: a list is at most its supply set, there are at most as many lists as sets
  const members = new Int32Array(supply ? supply.facilities.length : 0), setStart = new Int32Array(nSupply + 2);
  const compact = new Int32Array(supply ? supply.trie.size : 1).fill(-1), compactOverlay = new Map<number, number>();
  compact[0] = 0;
  let nSets = 1, nMembers = 0, overlay: Map<number, number> | null = null;
  for (let s = 0; s < nSupply; s++) {
    const { start, facilities, trie } = supply!;
    let all = true;
    for (let k = start[s]; k < start[s + 1] && all; k++) all = cascade.trackedIndex(facilities[k]) >= 0;
    let node = 0;
    if (all) node = supply!.node[s];
    else for (let k = start[s]; k < start[s + 1]; k++) {
      const f = facilities[k];
      if (cascade.trackedIndex(f) < 0) continue;
      let next = node < trie.size ? trie.find(node, f) : undefined;
      if (next === undefined) {
        overlay ??= new Map();
        const key = node * F.count + f;
        next = overlay.get(key);
        if (next === undefined) { next = trie.size + overlay.size; overlay.set(key, next); }
      }
      node = next;
    }
    let m = node < compact.length ? compact[node] : compactOverlay.get(node) ?? -1;
    if (m < 0) {
      m = nSets++;
      if (node < compact.length) compact[node] = m; else compactOverlay.set(node, m);
      for (let k = start[s]; k < start[s + 1]; k++) { const c = cascade.trackedIndex(facilities[k]); if (c >= 0) members[nMembers++] = c; }
      setStart[m + 1] = nMembers;
    }
    trackedSet[s] = m;
  }
  const sets = { start: setStart.slice(0, nSets + 1), facilities: members.slice(0, nMembers) };
  const groupOfSet = new Int32Array(sets.start.length - 1).fill(-1);
  const schoolB = new Int32Array(nS), schoolItem = new Int32Array(nS), schoolPupils = new Float64Array(nS), schoolSet = new Int32Array(nS), schoolGroup = new Int32Array(nS);
  const groupSet = new Int32Array(nS), groupPupils = new Float64Array(nS), inZones = new Int32Array(nS);
  let n = 0, nGroups = 0, nZ = 0;
  for (let j = 0; j < nS; j++) {
    const b = schools[j], item = itemOfSchool[j], m = trackedSet[supply!.setOf[j]];
    if (item < 0 && m === 0) continue;
    let group = -1;
    if (item < 0) {
      group = groupOfSet[m];
      if (group < 0) { group = nGroups++; groupOfSet[m] = group; groupSet[group] = m; }
      groupPupils[group] += pupils[j];
    } else inZones[nZ++] = n;
    schoolB[n] = b; schoolItem[n] = item; schoolPupils[n] = pupils[j]; schoolSet[n] = m; schoolGroup[n] = group;
    n++;
  }
  // groups of each tracked facility (CSR), so a run looks only at groups with a facility down
  const nG = nGroups, st = sets.start, fac = sets.facilities, count = new Int32Array(nT + 1);
  for (let g = 0; g < nG; g++) for (let k = st[groupSet[g]], ke = st[groupSet[g] + 1]; k < ke; k++) count[fac[k] + 1]++;
  for (let c = 0; c < nT; c++) count[c + 1] += count[c];
  const groupsOf = new Int32Array(count[nT]), fill = count.slice(0, nT);
  for (let g = 0; g < nG; g++) for (let k = st[groupSet[g]], ke = st[groupSet[g] + 1]; k < ke; k++) groupsOf[fill[fac[k]]++] = g;
  return {
    nSchools: n, schoolB, schoolItem, schoolPupils, schoolSet, schoolGroup, setStart: sets.start, setFacilities: sets.facilities,
    groupSet: groupSet.slice(0, nG), groupPupils: groupPupils.slice(0, nG), inZones: inZones.slice(0, nZ), groupsOfStart: count, groupsOf,
  };
}

export class EducationModel {
  /** Why there is no figure, or null. */
  readonly noData: string | null;
  /** Which schools can close, their lists of tracked facilities and groups (see SchoolLayout). */
  private readonly layout: SchoolLayout;
  private readonly closedDays: number;
  private readonly daysNow: Float64Array;
  /** Per school in the zones, and per group: runs closed (sum of P(closed) in expectation mode), and pupil-days (schools) or days (groups) summed over runs. */
  private readonly closedRuns: Float64Array;
  private readonly pupilDaysSum: Float64Array;
  private readonly groupClosedRuns: Float64Array;
  private readonly groupDaysSum: Float64Array;
  /** Per group, in a run: the longest outage of its facilities so far; the groups that have one. */
  private readonly groupDays: Float64Array;
  private readonly closedGroups: Int32Array;

  constructor(private readonly city: CityModel, private readonly x: Exposure, private readonly damage: readonly ComboDamage[],
    private readonly cascade: CascadeModel, bounds: ServiceBounds, damagedClosureDays: number, horizonDays: number, private readonly nameRadiusM = 25) {
    this.closedDays = Math.min(horizonDays, damagedClosureDays);
    this.daysNow = new Float64Array(cascade.tracked.length);
    const index = schoolsOf(city), any = index.educationBuildings, withPupils = index.buildings.length;
    this.noData = any === 0 ? 'the dataset has no schools (no building of use education)'
      : withPupils === 0 ? `the dataset's ${any} school building${any === 1 ? ' has' : 's have'} no pupil counts` : null;
    const L = this.layout = layoutOf(city, index, this.noData === null, x, cascade, bounds);
    const nG = L.groupSet.length;
    this.groupDays = new Float64Array(nG);
    this.closedGroups = new Int32Array(nG);
    this.groupClosedRuns = new Float64Array(nG);
    this.groupDaysSum = new Float64Array(nG);
    this.closedRuns = new Float64Array(L.nSchools);
    this.pupilDaysSum = new Float64Array(L.nSchools);
  }

  /** One Monte Carlo run, after the casualty sampler and the cascade: pupils and pupil-days into out. */
  run(sampler: CasualtySampler, infra: InfrastructureRun, out: Float64Array): void {
    const now = this.daysNow, start = this.layout.setStart, fac = this.layout.setFacilities;
    for (const c of infra.downList) now[c] = infra.days[c];
    for (let q = 0; q < this.layout.inZones.length; q++) {
      const j = this.layout.inZones[q], m = this.layout.schoolSet[j], pupils = this.layout.schoolPupils[j];
      let days = sampler.outcome(this.layout.schoolItem[j]) >= MODERATE ? this.closedDays : 0;
      for (let k = start[m]; k < start[m + 1]; k++) if (now[fac[k]] > days) days = now[fac[k]];
      if (!(days > 0)) continue;
      out[0] += pupils; out[1] += pupils * days;
      this.closedRuns[j]++; this.pupilDaysSum[j] += pupils * days;
    }
    // groups with a facility down: each group's days are the longest outage of its facilities
    // (pushed down from the facilities, no per-group scan), summed in ascending group order
    // (the groups closed are listed as they close, and summed in ascending order: from the sorted
    // list when few close, else by a scan of all groups; a city has thousands of groups)
    const gDays = this.groupDays, gStart = this.layout.groupsOfStart, gOf = this.layout.groupsOf, closed = this.closedGroups;
    let nClosed = 0;
    for (const c of infra.downList) {
      const d = now[c];
      for (let q = gStart[c], qe = gStart[c + 1]; q < qe; q++) { const g = gOf[q]; if (d > gDays[g]) { if (gDays[g] === 0) closed[nClosed++] = g; gDays[g] = d; } }
    }
    if (nClosed > 0) {
      const gPupils = this.layout.groupPupils, nG = gDays.length, scan = nClosed * 8 > nG;
      if (!scan) closed.subarray(0, nClosed).sort();
      for (let q = 0, end = scan ? nG : nClosed; q < end; q++) {
        const g = scan ? q : closed[q], days = gDays[g];
        if (!(days > 0)) continue;
        gDays[g] = 0;
        out[0] += gPupils[g]; out[1] += gPupils[g] * days;
        this.groupClosedRuns[g]++; this.groupDaysSum[g] += days;
      }
    }
    for (const c of infra.downList) now[c] = 0;
  }

  private pDamaged(item: number): number {
    if (item < 0) return 0;
    const d = this.damage[this.x.itemCombo[item]].building, cls = this.x.itemClass[item];
    let p = 0;
    for (let o = MODERATE; o < OUTCOMES; o++) p += d[cls * OUTCOMES + o];
    return p;
  }

  /** Expectation mode: per school P(closed) and expected pupil-days (see the module comment); totals into a new array. */
  expected(pDown: Float64Array, days: Float64Array): Float64Array {
    const out = new Float64Array(EDUCATION_FIELDS), start = this.layout.setStart, fac = this.layout.setFacilities;
    let p = 0, cut = 0;
    const cutOf = (m: number) => { let keep = 1; cut = 0; for (let k = start[m]; k < start[m + 1]; k++) { const c = fac[k]; keep *= 1 - pDown[c]; if (days[c] > cut) cut = days[c]; } p = 1 - keep; };
    for (let q = 0; q < this.layout.inZones.length; q++) {
      const j = this.layout.inZones[q], pupils = this.layout.schoolPupils[j], pd = this.pDamaged(this.layout.schoolItem[j]);
      cutOf(this.layout.schoolSet[j]);
      const pClosed = 1 - (1 - pd) * (1 - p);
      const pupilDays = pupils * (pd * this.closedDays + (1 - pd) * cut);
      this.closedRuns[j] = pClosed; this.pupilDaysSum[j] = pupilDays;
      out[0] += pupils * pClosed; out[1] += pupilDays;
    }
    // groups: only those with a facility down in some scenario, in ascending order as a scan of all
    // would sum them (the others close with probability 0 for 0 days: they add nothing; a city has
    // thousands of groups, an area's scenarios take down a few hundred facilities)
    const L = this.layout, marked = new Uint8Array(L.groupSet.length), groups: number[] = [];
    for (let c = 0; c < pDown.length; c++) {
      if (pDown[c] === 0 && days[c] === 0) continue;
      for (let q = L.groupsOfStart[c]; q < L.groupsOfStart[c + 1]; q++) { const g = L.groupsOf[q]; if (!marked[g]) { marked[g] = 1; groups.push(g); } }
    }
    for (const g of groups.sort((a, b) => a - b)) {
      cutOf(L.groupSet[g]);
      this.groupClosedRuns[g] = p; this.groupDaysSum[g] = cut;
      out[0] += L.groupPupils[g] * p; out[1] += L.groupPupils[g] * cut;
    }
    return out;
  }

  /**
   * The schools with the most pupil-days lost (at most `limit`), with the cause in words. `runs`:
   * the Monte Carlo runs the per-school sums are over (1 in expectation mode, where they are
   * already probabilities and expectations). `causeOf` / `pDown` as for facility chains.
   */
  schoolsInWords(runs: number, pDown: Float64Array, causeOf: (c: number) => number, limit = 10): SchoolOutcome[] {
    // per school: runs closed and pupil-days summed over runs (a school outside the zones takes its group's)
    const { schoolGroup, schoolPupils, schoolB, nSchools } = this.layout, pupilDaysSum = this.pupilDaysSum, groupDaysSum = this.groupDaysSum;
    const closed = (j: number) => { const g = schoolGroup[j]; return g < 0 ? this.closedRuns[j] : this.groupClosedRuns[g]; };
    const lost = (j: number) => { const g = schoolGroup[j]; return g < 0 ? pupilDaysSum[j] : schoolPupils[j] * groupDaysSum[g]; };
    // the first `limit` in (most lost, then lowest building) order, kept sorted as the schools pass
    // (with their pupil-days lost beside them: the scan reads every school of the city)
    const order: number[] = [], orderLost: number[] = [];
    const before = (a: number, lostA: number, k: number) => lostA > orderLost[k] || (lostA === orderLost[k] && schoolB[a] < schoolB[order[k]]);
    for (let j = 0; j < nSchools; j++) {
      const v = lost(j);
      if (!(v > 0) || (order.length === limit && !before(j, v, limit - 1))) continue;
      let at = order.length === limit ? limit - 1 : order.length;
      while (at > 0 && before(j, v, at - 1)) { order[at] = order[at - 1]; orderLost[at] = orderLost[at - 1]; at--; }
      order[at] = j; orderLost[at] = v;
    }
    order.length = Math.min(order.length, limit);
    const F = this.city.facilities;
    return order.map((j) => {
      const b = this.layout.schoolB[j], pupils = this.layout.schoolPupils[j], m = this.layout.schoolSet[j];
      const name = this.schoolName(b), pd = this.pDamaged(this.layout.schoolItem[j]);
      let worst = -1;
      for (let k = this.layout.setStart[m]; k < this.layout.setStart[m + 1]; k++) { const c = this.layout.setFacilities[k]; if (worst < 0 || pDown[c] > pDown[worst]) worst = c; }
      let chain: string;
      if (worst >= 0 && pDown[worst] > pd) {
        const upstream = this.cascade.describeChain(worst, causeOf).split(' -> ').slice(0, -1).join(' -> ');
        const f = this.cascade.tracked[worst];
        chain = `${upstream || facilityLabel(F.names[f], F.kinds[f])} -> ${name} (no ${SECTORS[F.sector[f]]})`;
      } else chain = `${name} (moderate damage or worse, in ${Math.round(pd * 100)}% of cases)`;
      const pupilDays = lost(j) / runs, pClosed = closed(j) / runs;
      const days = pClosed > 0 ? pupilDays / (pupils * pClosed) : 0;
      return { name, pupils, pClosed, pupilDays, chain: `${chain} -> ${formatCount(pupils)} pupils out of school for ${formatDays(days)}` };
    });
  }

  /** The name of the protected school site within `radiusM` of building b, else "School at lat, lon". */
  schoolName(b: number): string {
    const B = this.city.buildings, proj = localProjection(B.lon[b], B.lat[b]);
    const { sites, siteByLat, siteLat } = schoolsOf(this.city);
    // only sites within the radius in latitude can be within it (a hair wider, for rounding),
    // taken in site order as a scan of all would (the last of equally near ones wins)
    const dLat = (this.nameRadiusM / proj.ky) * (1 + 1e-9);
    let lo = 0, hi = siteLat.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (siteLat[mid] < B.lat[b] - dLat) lo = mid + 1; else hi = mid; }
    const near: number[] = [];
    for (let k = lo; k < siteLat.length && siteLat[k] <= B.lat[b] + dLat; k++) near.push(siteByLat[k]);
    let best: string | null = null, bestD = this.nameRadiusM;
    for (const i of near.sort((x, y) => x - y)) {
      const p = sites[i], d = Math.hypot((p.lon - B.lon[b]) * proj.kx, (p.lat - B.lat[b]) * proj.ky);
      if (d <= bestD) { bestD = d; best = p.name; }
    }
    return best ?? `School at ${B.lat[b].toFixed(5)}, ${B.lon[b].toFixed(5)}`;
  }

  /** Whether any school can close at all (schools in the zones or near a facility that can go down). */
  get count(): number { return this.layout.nSchools; }
}
