/**
 * Step 5b, Monte Carlo (METHOD.md §3, §4): seeded runs of the casualty model and the
 * infrastructure cascade. Four generator streams from one seed: rate multipliers, building damage,
 * casualty counts, facility damage; so each part of the model draws the same numbers whatever the
 * others do (and options compared with one seed share them).
 */
import { CAS_FIELDS, type CasualtySampler } from './casualties';
import { NSECTOR, type CascadeModel, type InfrastructureRun } from './cascade';
import { Rng } from './random';
import { Cancelled } from '../model/errors';

export interface Samples {
  runs: number;
  /** runs x CAS_FIELDS */
  casualties: Float64Array;
  /** runs x NSECTOR each */
  sectorPeople: Float64Array; sectorPeopleDays: Float64Array; sectorFacilitiesDown: Float64Array;
  bedsLost: Float64Array;
  /** Per tracked facility: runs down, runs down directly, days down summed over runs. */
  facilityDown: Float64Array; facilityDirect: Float64Array; facilityDays: Float64Array;
  /** runs x consequences.fields: figures derived from each run's drawn states (displacement, schools); empty without consequences. */
  consequences: Float64Array;
}

/**
 * Figures read from a run's drawn building states and cascade (displacement, schools): they draw
 * nothing, so adding them leaves every generator stream, and every other figure, as it was.
 */
export interface RunConsequences { readonly fields: number; run(sampler: CasualtySampler, infra: InfrastructureRun, out: Float64Array): void }

/** A stop asked for mid-run (code `cancelled`). */
export class AssessmentCancelled extends Cancelled {
  override name = 'AssessmentCancelled';
  constructor() { super('assessment cancelled'); }
}

/** Progress is reported every this many runs (and at the end). */
const PROGRESS_EVERY = 50;

export interface MonteCarloHooks { onProgress?: (done: number, total: number) => void; shouldStop?: () => boolean }

/**
 * The seeded runs as a loop that can be advanced in slices (runs 0..runs-1 in order, whatever the
 * slicing), so the synchronous and the asynchronous entry points draw exactly the same numbers.
 */
export class MonteCarloLoop {
  readonly samples: Samples;
  /** Runs completed so far. */
  done = 0;
  private readonly multRng: Rng; private readonly damageRng: Rng; private readonly countRng: Rng; private readonly facilityRng: Rng;
  private readonly infra: InfrastructureRun;

  constructor(private readonly sampler: CasualtySampler, private readonly cascade: CascadeModel, readonly runs: number, seed: number, private readonly hooks: MonteCarloHooks = {}, private readonly consequences: RunConsequences | null = null) {
    this.multRng = new Rng(seed, 1); this.damageRng = new Rng(seed, 2); this.countRng = new Rng(seed, 3); this.facilityRng = new Rng(seed, 4);
    const n = cascade.tracked.length;
    this.samples = {
      runs, casualties: new Float64Array(runs * CAS_FIELDS),
      sectorPeople: new Float64Array(runs * NSECTOR), sectorPeopleDays: new Float64Array(runs * NSECTOR), sectorFacilitiesDown: new Float64Array(runs * NSECTOR),
      bedsLost: new Float64Array(runs),
      facilityDown: new Float64Array(n), facilityDirect: new Float64Array(n), facilityDays: new Float64Array(n),
      consequences: new Float64Array(consequences ? runs * consequences.fields : 0),
    };
    this.infra = cascade.newRun();
  }

  /** Runs up to `count` more runs (fewer at the end); throws AssessmentCancelled when a stop is asked for. Returns true when all runs are done. */
  step(count: number): boolean {
    const { sampler, cascade, hooks, infra, samples: s, runs } = this;
    const end = Math.min(runs, this.done + count);
    for (let r = this.done; r < end; r++) {
      if (hooks.shouldStop?.()) throw new AssessmentCancelled();
      sampler.run(this.multRng, this.damageRng, this.countRng, s.casualties.subarray(r * CAS_FIELDS, (r + 1) * CAS_FIELDS));
      cascade.run(this.facilityRng, infra);
      s.sectorPeople.set(infra.people, r * NSECTOR);
      s.sectorPeopleDays.set(infra.peopleDays, r * NSECTOR);
      s.sectorFacilitiesDown.set(infra.facilitiesDown, r * NSECTOR);
      s.bedsLost[r] = infra.bedsLost;
      for (const i of infra.downList) { s.facilityDown[i] += 1; s.facilityDirect[i] += infra.direct[i]; s.facilityDays[i] += infra.days[i]; }
      const q = this.consequences;
      if (q) q.run(sampler, infra, s.consequences.subarray(r * q.fields, (r + 1) * q.fields));
      this.done = r + 1;
      if (hooks.onProgress && ((r + 1) % PROGRESS_EVERY === 0 || r + 1 === runs)) hooks.onProgress(r + 1, runs);
    }
    return this.done >= runs;
  }
}

export function runMonteCarlo(sampler: CasualtySampler, cascade: CascadeModel, runs: number, seed: number, hooks: MonteCarloHooks = {}, consequences: RunConsequences | null = null): Samples {
  const loop = new MonteCarloLoop(sampler, cascade, runs, seed, hooks, consequences);
  loop.step(runs);
  return loop.samples;
}

/** Default runs per slice of runMonteCarloAsync (~5-10 ms of work on the benchmark city). */
export const DEFAULT_YIELD_EVERY = 25;

/** Gives the event loop a turn (I/O, timers, IPC) before the next slice; setTimeout where setImmediate is missing. */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => { if (typeof setImmediate === 'function') setImmediate(resolve); else setTimeout(resolve, 0); });

/**
 * As runMonteCarlo, in slices of `yieldEvery` runs with a turn of the event loop between them.
 * The same runs in the same order: the samples are identical to runMonteCarlo's. shouldStop is
 * asked before every run, as in the synchronous loop; a stop rejects with AssessmentCancelled.
 */
export async function runMonteCarloAsync(sampler: CasualtySampler, cascade: CascadeModel, runs: number, seed: number, hooks: MonteCarloHooks = {}, yieldEvery = DEFAULT_YIELD_EVERY, consequences: RunConsequences | null = null): Promise<Samples> {
  if (!Number.isInteger(yieldEvery) || yieldEvery < 1) throw new Error('yieldEvery must be a positive integer');
  const loop = new MonteCarloLoop(sampler, cascade, runs, seed, hooks, consequences);
  while (!loop.step(yieldEvery)) await yieldToEventLoop();
  return loop.samples;
}
