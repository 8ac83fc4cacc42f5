/**
 * Step 5b, Monte Carlo (METHOD.md §3, §4): seeded runs of the casualty model and the
 * infrastructure cascade. Four generator streams from one seed: rate multipliers, building damage,
 * casualty counts, facility damage; so each part of the model draws the same numbers whatever the
 * others do (and options compared with one seed share them).
 */
import { CAS_FIELDS, type CasualtySampler } from './casualties';
import { NSECTOR, type CascadeModel } from './cascade';
import { Rng } from './random';

export interface Samples {
  runs: number;
  /** runs x CAS_FIELDS */
  casualties: Float64Array;
  /** runs x NSECTOR each */
  sectorPeople: Float64Array; sectorPeopleDays: Float64Array; sectorFacilitiesDown: Float64Array;
  bedsLost: Float64Array;
  /** Per tracked facility: runs down, runs down directly, days down summed over runs. */
  facilityDown: Float64Array; facilityDirect: Float64Array; facilityDays: Float64Array;
}

export class AssessmentCancelled extends Error {
  constructor() { super('assessment cancelled'); this.name = 'AssessmentCancelled'; }
}

/** Progress is reported every this many runs (and at the end). */
const PROGRESS_EVERY = 50;

export function runMonteCarlo(
  sampler: CasualtySampler, cascade: CascadeModel, runs: number, seed: number,
  hooks: { onProgress?: (done: number, total: number) => void; shouldStop?: () => boolean } = {},
): Samples {
  const multRng = new Rng(seed, 1), damageRng = new Rng(seed, 2), countRng = new Rng(seed, 3), facilityRng = new Rng(seed, 4);
  const n = cascade.tracked.length;
  const s: Samples = {
    runs, casualties: new Float64Array(runs * CAS_FIELDS),
    sectorPeople: new Float64Array(runs * NSECTOR), sectorPeopleDays: new Float64Array(runs * NSECTOR), sectorFacilitiesDown: new Float64Array(runs * NSECTOR),
    bedsLost: new Float64Array(runs),
    facilityDown: new Float64Array(n), facilityDirect: new Float64Array(n), facilityDays: new Float64Array(n),
  };
  const infra = cascade.newRun();
  for (let r = 0; r < runs; r++) {
    if (hooks.shouldStop?.()) throw new AssessmentCancelled();
    sampler.run(multRng, damageRng, countRng, s.casualties.subarray(r * CAS_FIELDS, (r + 1) * CAS_FIELDS));
    cascade.run(facilityRng, infra);
    s.sectorPeople.set(infra.people, r * NSECTOR);
    s.sectorPeopleDays.set(infra.peopleDays, r * NSECTOR);
    s.sectorFacilitiesDown.set(infra.facilitiesDown, r * NSECTOR);
    s.bedsLost[r] = infra.bedsLost;
    for (const i of infra.downList) { s.facilityDown[i] += 1; s.facilityDirect[i] += infra.direct[i]; s.facilityDays[i] += infra.days[i]; }
    if (hooks.onProgress && ((r + 1) % PROGRESS_EVERY === 0 || r + 1 === runs)) hooks.onProgress(r + 1, runs);
  }
  return s;
}
