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

const EDUCATION = OCCUPANCY_TYPES.indexOf('education');
const MODERATE = 2;
const SERVICES = [SECTORS.indexOf('water'), SECTORS.indexOf('power')];
/** Per-run figures: pupils whose school is closed, pupil-days lost. */
export const EDUCATION_FIELDS = 2;

/**
 * The schools with pupils of a prepared city, and per facility kind (water and power sectors) the
 * facility nearest to each within a distance (-1: none): bucket grid, exact metric distances in a
 * projection about the schools. Made once per city and kind (a city has thousands of schools).
 */
const SCHOOLS = new WeakMap<CityModel, { buildings: number[]; educationBuildings: number; index: Int32Array; nearest(kind: string, maxDistanceM: number): Int32Array }>();
function schoolsOf(city: CityModel) {
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
  const memo = new Map<string, Int32Array>();
  /** Building -> index in buildings (-1: not a school with pupils). */
  const index = new Int32Array(B.count).fill(-1);
  buildings.forEach((b, j) => { index[b] = j; });
  s = {
    buildings, educationBuildings, index,
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
  };
  SCHOOLS.set(city, s);
  return s;
}

export class EducationModel {
  /** Why there is no figure, or null. */
  readonly noData: string | null;
  /**
   * Schools that can close in this assessment: building, exposed item (-1: not in a zone), pupils,
   * tracked facilities it takes water or power from, and its group (-1 for a school in the zones).
   */
  private readonly schools: { b: number; item: number; pupils: number; facilities: number[]; group: number }[] = [];
  /** Schools outside the zones, grouped by the facilities they depend on (a city has thousands of schools and few such sets). */
  private readonly groups: { facilities: number[]; pupils: number }[] = [];
  private readonly closedDays: number;
  private readonly daysNow: Float64Array;
  /** Per school in the zones, and per group: runs closed (sum of P(closed) in expectation mode), and pupil-days (schools) or days (groups) summed over runs. */
  private readonly closedRuns: Float64Array;
  private readonly pupilDaysSum: Float64Array;
  private readonly groupClosedRuns: Float64Array;
  private readonly groupDaysSum: Float64Array;
  /** Groups of tracked facility c: groupsOf[groupsOfStart[c] .. groupsOfStart[c+1]). */
  private readonly groupsOfStart: Int32Array;
  private readonly groupsOf: Int32Array;
  /** Per group, in a run: the longest outage of its facilities so far; and its pupils. */
  private readonly groupDays: Float64Array;
  private readonly groupPupils: Float64Array;
  /** Indexes (in schools) of the schools in the zones. */
  private readonly inZones: Int32Array;

  constructor(private readonly city: CityModel, private readonly x: Exposure, private readonly damage: readonly ComboDamage[],
    private readonly cascade: CascadeModel, bounds: ServiceBounds, damagedClosureDays: number, horizonDays: number, private readonly nameRadiusM = 25) {
    const B = city.buildings, F = city.facilities;
    this.closedDays = Math.min(horizonDays, damagedClosureDays);
    this.daysNow = new Float64Array(cascade.tracked.length);
    const any = schoolsOf(city).educationBuildings, withPupils = schoolsOf(city).buildings.length;
    this.noData = any === 0 ? 'the dataset has no schools (no building of use education)'
      : withPupils === 0 ? `the dataset's ${any} school building${any === 1 ? ' has' : 's have'} no pupil counts` : null;
    const schools = this.noData === null ? schoolsOf(city) : null;
    const pupils = schools?.buildings ?? [];
    const nS = pupils.length, nT = cascade.tracked.length;
    const itemOfSchool = new Int32Array(nS).fill(-1);
    if (schools) for (let i = 0; i < x.count; i++) { const j = schools.index[x.itemBuilding[i]]; if (j >= 0) itemOfSchool[j] = i; }
    // per school, the tracked facilities it takes water or power from: for every kind of those sectors
    // with a facility that can go down, the nearest facility of the kind within the kind's distance, if
    // tracked. Schools are grouped by that set kind by kind (numeric keys: no list or text per school).
    const kinds = new Set<string>();
    for (const f of cascade.tracked) if (SERVICES.includes(F.sector[f])) kinds.add(F.kinds[f]);
    const gid = new Int32Array(nS);
    let setOf: number[][] = [[]];
    if (schools) for (const kind of [...kinds].sort()) {
      const nearest = schools.nearest(kind, bounds.maxDistanceM[kind as FacilityKind]);
      const next = new Map<number, number>(), sets: number[][] = [];
      for (let j = 0; j < nS; j++) {
        const c = nearest[j] < 0 ? -1 : cascade.trackedIndex(nearest[j]);
        const key = gid[j] * (nT + 1) + (c + 1);
        let g = next.get(key);
        if (g === undefined) { g = sets.length; next.set(key, g); sets.push(c >= 0 ? [...setOf[gid[j]], c] : setOf[gid[j]]); }
        gid[j] = g;
      }
      setOf = sets;
    }
    const groupOfSet = new Int32Array(setOf.length).fill(-1);
    for (let j = 0; j < nS; j++) {
      const b = pupils[j], item = itemOfSchool[j], facilities = setOf[gid[j]];
      if (item < 0 && facilities.length === 0) continue;
      let group = -1;
      if (item < 0) {
        group = groupOfSet[gid[j]];
        if (group < 0) { group = this.groups.length; groupOfSet[gid[j]] = group; this.groups.push({ facilities, pupils: 0 }); }
        this.groups[group].pupils += B.workers[b];
      }
      this.schools.push({ b, item, pupils: B.workers[b], facilities, group });
    }
    // groups of each tracked facility (CSR), so a run looks only at groups with a facility down
    const count = new Int32Array(cascade.tracked.length + 1);
    for (const g of this.groups) for (const c of g.facilities) count[c + 1]++;
    for (let c = 0; c < cascade.tracked.length; c++) count[c + 1] += count[c];
    this.groupsOfStart = count;
    this.groupsOf = new Int32Array(count[cascade.tracked.length]);
    const fill = count.slice(0, cascade.tracked.length);
    this.groups.forEach((g, k) => { for (const c of g.facilities) this.groupsOf[fill[c]++] = k; });
    this.groupDays = new Float64Array(this.groups.length);
    this.groupPupils = Float64Array.from(this.groups, (g) => g.pupils);
    this.inZones = Int32Array.from(this.schools.flatMap((sc, j) => (sc.group < 0 ? [j] : [])));
    this.groupClosedRuns = new Float64Array(this.groups.length);
    this.groupDaysSum = new Float64Array(this.groups.length);
    this.closedRuns = new Float64Array(this.schools.length);
    this.pupilDaysSum = new Float64Array(this.schools.length);
  }

  /** One Monte Carlo run, after the casualty sampler and the cascade: pupils and pupil-days into out. */
  run(sampler: CasualtySampler, infra: InfrastructureRun, out: Float64Array): void {
    const now = this.daysNow;
    for (const c of infra.downList) now[c] = infra.days[c];
    for (let q = 0; q < this.inZones.length; q++) {
      const j = this.inZones[q], s = this.schools[j], fs = s.facilities;
      let days = sampler.outcome(s.item) >= MODERATE ? this.closedDays : 0;
      for (let k = 0; k < fs.length; k++) if (now[fs[k]] > days) days = now[fs[k]];
      if (!(days > 0)) continue;
      out[0] += s.pupils; out[1] += s.pupils * days;
      this.closedRuns[j]++; this.pupilDaysSum[j] += s.pupils * days;
    }
    // groups with a facility down: each group's days are the longest outage of its facilities
    // (pushed down from the facilities, no per-group scan), summed in ascending group order
    const gDays = this.groupDays, gStart = this.groupsOfStart, gOf = this.groupsOf;
    let any = false;
    for (const c of infra.downList) {
      const d = now[c];
      for (let q = gStart[c], qe = gStart[c + 1]; q < qe; q++) { const g = gOf[q]; if (d > gDays[g]) gDays[g] = d; any = true; }
    }
    if (any) {
      const gPupils = this.groupPupils, nG = gDays.length;
      for (let g = 0; g < nG; g++) {
        const days = gDays[g];
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
    const out = new Float64Array(EDUCATION_FIELDS);
    const cutOf = (facilities: number[]) => { let keep = 1, cut = 0; for (const c of facilities) { keep *= 1 - pDown[c]; if (days[c] > cut) cut = days[c]; } return { p: 1 - keep, cut }; };
    this.schools.forEach((s, j) => {
      if (s.group >= 0) return;
      const pd = this.pDamaged(s.item), { p, cut } = cutOf(s.facilities);
      const pClosed = 1 - (1 - pd) * (1 - p);
      const pupilDays = s.pupils * (pd * this.closedDays + (1 - pd) * cut);
      this.closedRuns[j] = pClosed; this.pupilDaysSum[j] = pupilDays;
      out[0] += s.pupils * pClosed; out[1] += pupilDays;
    });
    this.groups.forEach((g, k) => {
      const { p, cut } = cutOf(g.facilities);
      this.groupClosedRuns[k] = p; this.groupDaysSum[k] = cut;
      out[0] += g.pupils * p; out[1] += g.pupils * cut;
    });
    return out;
  }

  /**
   * The schools with the most pupil-days lost (at most `limit`), with the cause in words. `runs`:
   * the Monte Carlo runs the per-school sums are over (1 in expectation mode, where they are
   * already probabilities and expectations). `causeOf` / `pDown` as for facility chains.
   */
  schoolsInWords(runs: number, pDown: Float64Array, causeOf: (c: number) => number, limit = 10): SchoolOutcome[] {
    // per school: runs closed and pupil-days summed over runs (a school outside the zones takes its group's)
    const closed = (j: number) => { const g = this.schools[j].group; return g < 0 ? this.closedRuns[j] : this.groupClosedRuns[g]; };
    const lost = (j: number) => { const g = this.schools[j].group; return g < 0 ? this.pupilDaysSum[j] : this.schools[j].pupils * this.groupDaysSum[g]; };
    const order = this.schools.map((_, j) => j).filter((j) => lost(j) > 0)
      .sort((a, b) => lost(b) - lost(a) || this.schools[a].b - this.schools[b].b).slice(0, limit);
    const F = this.city.facilities;
    return order.map((j) => {
      const s = this.schools[j], name = this.schoolName(s.b), pd = this.pDamaged(s.item);
      let worst = -1;
      for (const c of s.facilities) if (worst < 0 || pDown[c] > pDown[worst]) worst = c;
      let chain: string;
      if (worst >= 0 && pDown[worst] > pd) {
        const upstream = this.cascade.describeChain(worst, causeOf).split(' -> ').slice(0, -1).join(' -> ');
        const f = this.cascade.tracked[worst];
        chain = `${upstream || facilityLabel(F.names[f], F.kinds[f])} -> ${name} (no ${SECTORS[F.sector[f]]})`;
      } else chain = `${name} (moderate damage or worse, in ${Math.round(pd * 100)}% of cases)`;
      const pupilDays = lost(j) / runs, pClosed = closed(j) / runs;
      const days = pClosed > 0 ? pupilDays / (s.pupils * pClosed) : 0;
      return { name, pupils: s.pupils, pClosed, pupilDays, chain: `${chain} -> ${formatCount(s.pupils)} pupils out of school for ${formatDays(days)}` };
    });
  }

  /** The name of the protected school site within `radiusM` of building b, else "School at lat, lon". */
  schoolName(b: number): string {
    const B = this.city.buildings, proj = localProjection(B.lon[b], B.lat[b]);
    let best: string | null = null, bestD = this.nameRadiusM;
    for (const p of this.city.protectedSites) {
      if (p.category !== 'school') continue;
      const d = Math.hypot((p.lon - B.lon[b]) * proj.kx, (p.lat - B.lat[b]) * proj.ky);
      if (d <= bestD) { bestD = d; best = p.name; }
    }
    return best ?? `School at ${B.lat[b].toFixed(5)}, ${B.lon[b].toFixed(5)}`;
  }

  /** Whether any school can close at all (schools in the zones or near a facility that can go down). */
  get count(): number { return this.schools.length; }
}
