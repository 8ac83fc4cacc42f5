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
import { localProjection } from './zones';
import type { CityModel } from './city';
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

export class EducationModel {
  /** Why there is no figure, or null. */
  readonly noData: string | null;
  /** Schools that can close in this assessment: building, exposed item (-1: not in a zone), pupils, tracked facilities it takes water or power from. */
  private readonly schools: { b: number; item: number; pupils: number; facilities: number[] }[] = [];
  private readonly closedDays: number;
  private readonly daysNow: Float64Array;
  /** Per school: runs closed, pupil-days summed over runs. */
  private readonly closedRuns: Float64Array;
  private readonly pupilDaysSum: Float64Array;

  constructor(private readonly city: CityModel, private readonly x: Exposure, private readonly damage: readonly ComboDamage[],
    private readonly cascade: CascadeModel, bounds: ServiceBounds, damagedClosureDays: number, horizonDays: number, private readonly nameRadiusM = 25) {
    const B = city.buildings, F = city.facilities;
    this.closedDays = Math.min(horizonDays, damagedClosureDays);
    this.daysNow = new Float64Array(cascade.tracked.length);
    let any = 0, withPupils = 0;
    for (let b = 0; b < B.count; b++) if (B.workerOccupancy[b] === EDUCATION) { any++; if (B.workers[b] > 0) withPupils++; }
    this.noData = any === 0 ? 'the dataset has no schools (no building of use education)'
      : withPupils === 0 ? `the dataset's ${any} school building${any === 1 ? ' has' : 's have'} no pupil counts` : null;
    const itemOf = new Map<number, number>();
    for (let i = 0; i < x.count; i++) itemOf.set(x.itemBuilding[i], i);
    // facilities that can go down, of the sectors schools need
    const candidates: number[] = [];
    for (const f of cascade.tracked) if (SERVICES.includes(F.sector[f])) candidates.push(f);
    const allOfSectors: number[] = [];
    if (candidates.length) for (let f = 0; f < F.count; f++) if (SERVICES.includes(F.sector[f])) allOfSectors.push(f);
    if (this.noData === null) {
      for (let b = 0; b < B.count; b++) {
        if (B.workerOccupancy[b] !== EDUCATION || !(B.workers[b] > 0)) continue;
        const item = itemOf.get(b) ?? -1;
        const facilities: number[] = [];
        if (candidates.length) {
          // nearest facility of each kind within its distance; kept when it can go down
          const proj = localProjection(B.lon[b], B.lat[b]);
          const nearest = new Map<string, { f: number; d: number }>();
          for (const f of allOfSectors) {
            const dx = (F.lon[f] - B.lon[b]) * proj.kx, dy = (F.lat[f] - B.lat[b]) * proj.ky, d = Math.hypot(dx, dy);
            if (d > bounds.maxDistanceM[F.kinds[f] as FacilityKind]) continue;
            const cur = nearest.get(F.kinds[f]);
            if (!cur || d < cur.d) nearest.set(F.kinds[f], { f, d });
          }
          for (const { f } of nearest.values()) { const c = cascade.trackedIndex(f); if (c >= 0) facilities.push(c); }
        }
        if (item >= 0 || facilities.length) this.schools.push({ b, item, pupils: B.workers[b], facilities });
      }
    }
    this.closedRuns = new Float64Array(this.schools.length);
    this.pupilDaysSum = new Float64Array(this.schools.length);
  }

  /** One Monte Carlo run, after the casualty sampler and the cascade: pupils and pupil-days into out. */
  run(sampler: CasualtySampler, infra: InfrastructureRun, out: Float64Array): void {
    const now = this.daysNow;
    for (const c of infra.downList) now[c] = infra.days[c];
    this.schools.forEach((s, j) => {
      let days = s.item >= 0 && sampler.outcome(s.item) >= MODERATE ? this.closedDays : 0;
      for (const c of s.facilities) if (now[c] > days) days = now[c];
      if (!(days > 0)) return;
      out[0] += s.pupils; out[1] += s.pupils * days;
      this.closedRuns[j]++; this.pupilDaysSum[j] += s.pupils * days;
    });
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
    this.schools.forEach((s, j) => {
      const pd = this.pDamaged(s.item);
      let keep = 1, cut = 0;
      for (const c of s.facilities) { keep *= 1 - pDown[c]; if (days[c] > cut) cut = days[c]; }
      const pClosed = 1 - (1 - pd) * keep;
      const pupilDays = s.pupils * (pd * this.closedDays + (1 - pd) * cut);
      this.closedRuns[j] = pClosed; this.pupilDaysSum[j] = pupilDays;
      out[0] += s.pupils * pClosed; out[1] += pupilDays;
    });
    return out;
  }

  /**
   * The schools with the most pupil-days lost (at most `limit`), with the cause in words. `runs`:
   * the Monte Carlo runs the per-school sums are over (1 in expectation mode, where they are
   * already probabilities and expectations). `causeOf` / `pDown` as for facility chains.
   */
  schoolsInWords(runs: number, pDown: Float64Array, causeOf: (c: number) => number, limit = 10): SchoolOutcome[] {
    const order = this.schools.map((_, j) => j).filter((j) => this.pupilDaysSum[j] > 0)
      .sort((a, b) => this.pupilDaysSum[b] - this.pupilDaysSum[a] || this.schools[a].b - this.schools[b].b).slice(0, limit);
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
      const pupilDays = this.pupilDaysSum[j] / runs, pClosed = this.closedRuns[j] / runs;
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
