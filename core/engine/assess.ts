/**
 * The assessment pipeline (METHOD.md §2-6, §8), one step per module, top to bottom:
 *   parameters -> zones + exposure -> damage -> casualties -> infrastructure cascade
 *   -> displacement, schools -> (Monte Carlo or expectation) -> protected sites -> summary and
 *   minimum needs with provenance.
 * Pure: no I/O, no clock (createdAt is an input). Same inputs, same bytes.
 */
import { CONSTRUCTION_CLASSES, SECTORS } from '../model/dataset';
import { AssessmentResult, GROUPS, type FacilityOutcome, type Humanitarian, type Interval, type SectorOutcome } from '../model/assessment';
import { TIMES_OF_DAY, type EffectProfile, type Operation } from '../model/operation';
import type { CityModel } from './city';
import { comboDamage, type ComboDamage } from './damage';
import { computeExposure, summariseExposure } from './exposure';
import { CAS_FIELDS, CasualtySampler, casIndex, expectedCasualties } from './casualties';
import { CascadeModel, exposedFacilities, facilityLabel, formatCount, NSECTOR } from './cascade';
import { AssessmentCancelled, DEFAULT_YIELD_EVERY, runMonteCarlo, runMonteCarloAsync, yieldToEventLoop, type RunConsequences, type Samples } from './montecarlo';
import { DISPLACEMENT_FIXED, DisplacementModel, displacementParameters } from './displacement';
import { EDUCATION_FIELDS, EducationModel } from './education';
import { minimumNeeds, scaleInterval } from './needs';
import { PEOPLE_FIELDS } from './exposure';
import { protectedSiteHits } from './protected';
import { casualtyBlocks, column, intervalOf, pointInterval } from './summary';
import { listAssumptions, loadDefaultParameters, numOrDefault, parameterHash, resolveParameters, resolveServiceBounds, type ParameterValues } from './parameters';
import { DomainError } from '../model/errors';

export interface AssessOptions {
  profiles: readonly EffectProfile[];
  /** Parameter records by key (ParameterSet.values). */
  parameters: ParameterValues;
  parameterSetName: string;
  /** Monte Carlo runs; default the parameter `montecarlo.runs`. Ignored in expectation mode. */
  runs?: number;
  seed: number;
  mode: 'montecarlo' | 'expectation';
  appVersion: string;
  /** ISO time stamp stored in the provenance (the engine never reads the clock). */
  createdAt: string;
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
}

export { AssessmentCancelled };

export function assess(city: CityModel, operation: Operation, opts: AssessOptions): AssessmentResult {
  return assessWithSamples(city, operation, opts).result;
}

/** As assess, also returning the raw Monte Carlo samples (null in expectation mode), for tests and comparisons. */
export function assessWithSamples(city: CityModel, operation: Operation, opts: AssessOptions): { result: AssessmentResult; samples: Samples | null } {
  const plan = planAssessment(city, operation, opts);
  const samples = plan.monteCarlo ? runMonteCarlo(plan.monteCarlo.sampler, plan.cascade, plan.monteCarlo.runs, opts.seed, hooksOf(opts), plan.consequences) : null;
  return { result: plan.finish(samples), samples };
}

export interface AssessAsyncOptions extends AssessOptions {
  /** Monte Carlo runs per slice between turns of the event loop (default 25: a few ms each on a large city). */
  yieldEvery?: number;
}

/**
 * As assess, but the Monte Carlo loop gives the event loop a turn (setImmediate) every
 * `yieldEvery` runs, so a server or the Electron main process stays responsive. The same
 * computation in the same order: the result is byte-identical to assess for the same inputs.
 * onProgress is called as in assess (every 50 runs and at the end); shouldStop is asked before
 * every run and a stop rejects with AssessmentCancelled. The steps before the loop (zones, exposure:
 * a few ms to ~10 ms on a large city) and the summary after it each run in one piece, with a turn
 * of the event loop between them and the slices.
 */
export async function assessAsync(city: CityModel, operation: Operation, opts: AssessAsyncOptions): Promise<AssessmentResult> {
  const plan = planAssessment(city, operation, opts);
  let samples: Samples | null = null;
  if (plan.monteCarlo) {
    // a turn before the loop and one before the summary, so those steps are slices of their own
    await yieldToEventLoop();
    samples = await runMonteCarloAsync(plan.monteCarlo.sampler, plan.cascade, plan.monteCarlo.runs, opts.seed, hooksOf(opts), opts.yieldEvery ?? DEFAULT_YIELD_EVERY, plan.consequences);
    await yieldToEventLoop();
  }
  return plan.finish(samples);
}

/**
 * The two results a live preview merges (core/engine/preview.ts): the expectation figures and a
 * `runs`-run Monte Carlo of the same inputs, from one pass of steps 1-5 instead of two. Each is
 * byte-identical to its own assess call (opts.mode is ignored; the Monte Carlo is summarised first,
 * then the expectation, which reads the same exposure, damage and cascade).
 */
export function assessExpectedAndSampled(city: CityModel, operation: Operation, opts: AssessOptions & { runs: number }): { expected: AssessmentResult; sampled: AssessmentResult } {
  const plan = planAssessment(city, operation, { ...opts, mode: 'montecarlo' });
  const { sampler, runs } = plan.monteCarlo!;
  const sampled = plan.finish(runMonteCarlo(sampler, plan.cascade, runs, opts.seed, hooksOf(opts), plan.consequences));
  return { sampled, expected: plan.finish(null) };
}

const hooksOf = (opts: AssessOptions) => ({ onProgress: opts.onProgress, shouldStop: opts.shouldStop });

/** Steps 1-5 (everything before the Monte Carlo loop), and the summary to run after it. */
function planAssessment(city: CityModel, operation: Operation, opts: AssessOptions): {
  cascade: CascadeModel; monteCarlo: { sampler: CasualtySampler; runs: number } | null; consequences: RunConsequences; finish: (samples: Samples | null) => AssessmentResult;
} {
  // 1. parameters and profiles
  const params = resolveParameters(opts.parameters);
  const profiles = operation.areas.map((a) => {
    const p = a.profile ?? opts.profiles.find((x) => x.id === a.profileId);
    if (!p) throw new DomainError('invalid_input', `area "${a.name || a.id}": unknown effect profile "${a.profileId}"`);
    return p;
  });
  const { settings } = operation;
  const chosen = TIMES_OF_DAY.indexOf(settings.timeOfDay);

  // 2. zones and exposure
  const exposure = computeExposure(city, operation.areas.map((a, i) => ({ geometry: a.geometry, edges: profiles[i].zones.map((z) => z.outerEdgeM) })), settings, params);
  const exposed = summariseExposure(exposure, params);

  // 3. damage distributions per zone combination and class
  const damage = comboDamage(exposure.combos, profiles, params);
  const facilityDamage = new Map<string, ComboDamage>();
  const damageOf = (zs: Int16Array) => {
    const k = zs.join(',');
    let d = facilityDamage.get(k);
    if (!d) { d = comboDamage([zs], profiles, params)[0]; facilityDamage.set(k, d); }
    return d;
  };

  // 4-5. casualties and infrastructure
  const hitFacilities = exposedFacilities(city, exposure.zones, damageOf);
  const cascade = new CascadeModel(city, hitFacilities, params, settings.horizonDays);
  const totalBeds = sumHealthBeds(city);
  const kSerious = casIndex(chosen, 1, 0), kKilled = casIndex(chosen, 0, 0);

  // 5c-5d. displacement and schools: read from each run's drawn states (no generator stream of their own)
  const dp = displacementParameters(opts.parameters);
  const displacement = new DisplacementModel(city, exposure, damage, dp, CONSTRUCTION_CLASSES.indexOf(params.unitConstruction));
  const education = new EducationModel(city, exposure, damage, cascade, resolveServiceBounds(), numOrDefault(opts.parameters, 'education.damagedClosureDays'), settings.horizonDays, params.protectedMatchRadiusM);
  const nD = displacement.fields;
  const consequences: RunConsequences = {
    fields: nD + EDUCATION_FIELDS,
    run(sampler, infra, out) { displacement.run(sampler, infra, city.service, out.subarray(0, nD)); education.run(sampler, infra, out.subarray(nD)); },
  };

  let monteCarlo: { sampler: CasualtySampler; runs: number } | null = null;
  if (opts.mode === 'montecarlo') {
    const runs = opts.runs ?? params.runs;
    if (!Number.isInteger(runs) || runs < 1) throw new Error('runs must be a positive integer');
    monteCarlo = { sampler: new CasualtySampler(exposure, damage, params, profiles.map((p) => p.zones.map((z) => z.outdoor))), runs };
  }

  // Summarised from the samples when given, else in the expectation mode (a preview asks for both).
  const finish = (samples: Samples | null): AssessmentResult => {
    let casInterval: (field: number) => Interval;
    let harm: Interval;
    let sectorIntervals: { people: (s: number) => Interval; days: (s: number) => Interval; down: (s: number) => Interval };
    let bedsLost: Interval, seriouslyInjured: Interval, remaining: Interval, gap: Interval;
    // per tracked facility (typed arrays: a city-wide cascade tracks thousands)
    const nT = cascade.tracked.length;
    let pDown: Float64Array, pDirect: Float64Array, days: Float64Array, chain: Float64Array;
    // humanitarian figures by column: consequences fields, then displaced counted once (total, groups), then the larger utility sector
    let humIv: (k: number) => Interval, humRuns: number;
    if (samples) {
      const runs = monteCarlo!.runs;
      const s = samples;
      casInterval = (f) => intervalOf(column(s.casualties, runs, CAS_FIELDS, f));
      const harmRuns = new Float64Array(runs), lost = new Float64Array(runs), rem = new Float64Array(runs), si = new Float64Array(runs), gp = new Float64Array(runs);
      for (let r = 0; r < runs; r++) {
        si[r] = s.casualties[r * CAS_FIELDS + kSerious];
        harmRuns[r] = s.casualties[r * CAS_FIELDS + kKilled] + si[r];
        lost[r] = s.bedsLost[r];
        rem[r] = Math.max(0, totalBeds - lost[r]);
        gp[r] = Math.max(0, si[r] - rem[r]);
      }
      harm = intervalOf(harmRuns);
      bedsLost = intervalOf(lost); remaining = intervalOf(rem); seriouslyInjured = intervalOf(si); gap = intervalOf(gp);
      sectorIntervals = {
        people: (k) => intervalOf(column(s.sectorPeople, runs, NSECTOR, k)),
        days: (k) => intervalOf(column(s.sectorPeopleDays, runs, NSECTOR, k)),
        down: (k) => intervalOf(column(s.sectorFacilitiesDown, runs, NSECTOR, k)),
      };
      pDown = new Float64Array(nT); pDirect = new Float64Array(nT); days = new Float64Array(nT); chain = new Float64Array(nT);
      for (let i = 0; i < nT; i++) {
        pDown[i] = s.facilityDown[i] / runs; pDirect[i] = s.facilityDirect[i] / runs; days[i] = s.facilityDays[i] / runs; chain[i] = cascade.mostFrequentCause(i);
      }
      const stride = consequences.fields, cols = new Float64Array(runs * (stride + PEOPLE_FIELDS + 1));
      const wide = stride + PEOPLE_FIELDS + 1;
      for (let r = 0; r < runs; r++) {
        const v = s.consequences.subarray(r * stride, (r + 1) * stride);
        cols.set(v, r * wide);
        cols.set(displacement.combine(v), r * wide + stride);
        cols[r * wide + stride + PEOPLE_FIELDS] = Math.max(v[PEOPLE_FIELDS], v[PEOPLE_FIELDS + 1]);
      }
      humIv = (k) => intervalOf(column(cols, runs, wide, k));
      humRuns = runs;
    } else {
      const e = expectedCasualties(exposure, damage, params);
      casInterval = (f) => pointInterval(e[f]);
      harm = pointInterval(e[kKilled] + e[kSerious]);
      const x = cascade.expected(dp.utilityDays);
      const lost = x.bedsLost, rem = Math.max(0, totalBeds - lost);
      bedsLost = pointInterval(lost); remaining = pointInterval(rem); seriouslyInjured = pointInterval(e[kSerious]);
      gap = pointInterval(Math.max(0, e[kSerious] - rem));
      sectorIntervals = { people: (k) => pointInterval(x.people[k]), days: (k) => pointInterval(x.peopleDays[k]), down: (k) => pointInterval(x.facilitiesDown[k]) };
      pDown = x.pDown; pDirect = x.pDirect; days = x.days; chain = x.chain;
      const v = new Float64Array(consequences.fields);
      v.set(displacement.expected(x.peopleBeyond)); v.set(education.expected(x.pDown, x.days), nD);
      const all = [...v, ...displacement.combine(v), Math.max(v[PEOPLE_FIELDS], v[PEOPLE_FIELDS + 1])];
      humIv = (k) => pointInterval(all[k]);
      humRuns = 1;
    }

    // 6. protected sites
    const protectedSites = protectedSiteHits(city, exposure.zones, operation, params);

    // 7. summary
    const byTime = casualtyBlocks(casInterval);
    const F = city.facilities;
    const facilities: FacilityOutcome[] = [];
    // listed: every facility in a zone, and every other facility that is down in some run (ascending index)
    const listed = new Uint8Array(F.count);
    for (const h of hitFacilities) listed[h.facility] = 1;
    for (let i = 0; i < nT; i++) if (pDown[i] > 0) listed[cascade.tracked[i]] = 1;
    const causeOf = (j: number) => chain[j];
    for (let f = 0; f < F.count; f++) {
      if (!listed[f]) continue;
      const i = cascade.trackedIndex(f);
      facilities.push({
        id: F.ids[f], name: F.names[f], sector: SECTORS[F.sector[f]], kind: F.kinds[f],
        pDown: i < 0 ? 0 : pDown[i], pDirect: i < 0 ? 0 : pDirect[i], restorationDays: i < 0 ? 0 : days[i],
        chain: i < 0 ? 'not down in any run' : cascade.describeChain(i, causeOf), peopleServed: F.peopleServed[f],
        serviceAreaInferred: F.serviceInferred[f] === 1,
      });
    }
    facilities.sort((a, b) => b.pDown - a.pDown || a.id.localeCompare(b.id));
    const areaIds = operation.areas.map((a) => a.id);
    const sectors = sectorOutcomes(city, cascade, exposure.zones.map((z) => z.bbox), sectorIntervals, pDown, pDirect);
    const setWithDefaults = withHumanitarianDefaults(opts.parameters);
    const humanitarian = humanitarianBlock(displacement, education, humIv, humRuns, consequences.fields, areaIds, sectors.water, setWithDefaults, pDown, causeOf);
    const result: AssessmentResult = {
      operationName: operation.name,
      settings: { timeOfDay: settings.timeOfDay, warningShare: settings.warningShare, horizonDays: settings.horizonDays },
      exposed: {
        residents: exposed.inAreas.residents,
        residentsInZones: exposed.total.residents,
        present: exposed.total.present,
        buildings: exposed.total.buildings,
        zones: exposed.zones.map((z) => ({ areaId: areaIds[z.areaIndex], zoneIndex: z.zoneIndex, outerEdgeM: z.outerEdgeM, residents: z.residents, present: z.present, buildings: z.buildings })),
      },
      casualties: byTime[settings.timeOfDay],
      harm,
      casualtiesByTime: byTime,
      protectedSites,
      infrastructure: {
        facilities,
        sectors,
        beds: { total: totalBeds, lost: bedsLost, remaining, seriouslyInjured, gap, gapMeaning: samples ? 'expected' : 'lowerBound' },
      },
      humanitarian,
      assumptions: listAssumptions(setWithDefaults, uniqueProfiles(profiles)),
      provenance: {
        datasetHash: city.datasetHash, datasetName: city.datasetName,
        parameterSet: opts.parameterSetName, parameterHash: parameterHash(opts.parameters),
        seed: opts.seed, runs: samples ? monteCarlo!.runs : 0,
        appVersion: opts.appVersion, createdAt: opts.createdAt, mode: samples ? 'montecarlo' : 'expectation',
      },
    };
    return result;
  };
  return { cascade, monteCarlo, consequences, finish };
}

const SECTOR_NOUN: Record<(typeof SECTORS)[number], string> = {
  water: 'water', power: 'power', health: 'health', sanitation: 'sanitation', communications: 'communications',
};
const boxesMeet = (a: readonly number[], b: readonly number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
const boxInside = (a: readonly number[], b: readonly number[]) => a[0] >= b[0] && a[2] <= b[2] && a[1] >= b[1] && a[3] <= b[3];

/**
 * Per sector: no value with the reason where the data holds nothing to estimate from (METHOD.md
 * §4a), else the intervals with caveats, flagged inferred when more than half of the expected
 * people without service (each down facility's pDown x people served) lose it through a guess: a
 * default service area, or (for the cascade part, pDown - pDirect) an inferred dependency.
 */
function sectorOutcomes(
  city: CityModel, cascade: CascadeModel, zoneBoxes: readonly (readonly number[])[],
  iv: { people: (s: number) => Interval; days: (s: number) => Interval; down: (s: number) => Interval },
  pDown: Float64Array, pDirect: Float64Array,
): AssessmentResult['infrastructure']['sectors'] {
  const F = city.facilities, D = city.deps, ext = city.infrastructureExtent;
  const count = new Float64Array(NSECTOR);
  for (let f = 0; f < F.count; f++) count[F.sector[f]]++;
  const beyond = ext !== null && zoneBoxes.every((b) => !boxesMeet(b, ext));
  const partly = ext !== null && !beyond && zoneBoxes.some((b) => !boxInside(b, ext));
  // weights of guesses per tracked facility
  const total = new Float64Array(NSECTOR), guessed = new Float64Array(NSECTOR);
  const drivers: Array<Array<{ w: number; words: string }>> = Array.from({ length: NSECTOR }, () => []);
  cascade.tracked.forEach((f, i) => {
    if (!(pDown[i] > 0)) return;
    const k = F.sector[f], served = F.peopleServed[f];
    let inferredLink = false;
    for (let g = D.groupStart[f]; g < D.groupStart[f + 1]; g++) if (D.groupInferred[g]) inferredLink = true;
    const direct = pDirect[i] * served, viaCascade = Math.max(0, pDown[i] - pDirect[i]) * served;
    const w = (F.serviceInferred[f] ? direct + viaCascade : 0) + (!F.serviceInferred[f] && inferredLink ? viaCascade : 0);
    total[k] += direct + viaCascade; guessed[k] += w;
    if (w > 0) {
      const why = [F.serviceInferred[f] ? 'default service area' : '', inferredLink && viaCascade > 0 ? 'inferred supply links' : ''].filter(Boolean).join(', ');
      drivers[k].push({ w, words: `${facilityLabel(F.names[f], F.kinds[f])} (${why})` });
    }
  });
  return Object.fromEntries(SECTORS.map((s, k): [string, SectorOutcome] => {
    if (count[k] === 0) return [s, { status: 'nodata', reason: `the dataset has no ${SECTOR_NOUN[s]} facilities` }];
    if (beyond) return [s, { status: 'nodata', reason: `the areas lie beyond the extent of the infrastructure data` }];
    const notes: string[] = [];
    if (partly) notes.push(`part of the zones lies beyond the extent of the infrastructure data: ${SECTOR_NOUN[s]} facilities there are unknown and not counted`);
    if (city.service.unknownPop[k] > 0) notes.push(`${formatCount(city.service.unknownPop[k])} residents of the dataset have no ${SECTOR_NOUN[s]} facility within the service bounds or the data's extent (unknown service, not counted)`);
    const share = total[k] > 0 ? guessed[k] / total[k] : 0;
    const inferred = share > 0.5
      ? { share, facilities: drivers[k].sort((a, b) => b.w - a.w).slice(0, 5).map((d) => d.words) }
      : null;
    return [s, { status: 'estimated', peopleWithoutService: iv.people(k), peopleDays: iv.days(k), facilitiesDown: iv.down(k), inferred, notes }];
  })) as AssessmentResult['infrastructure']['sectors'];
}

function sumHealthBeds(city: CityModel): number {
  const health = SECTORS.indexOf('health');
  let s = 0;
  for (let f = 0; f < city.facilities.count; f++) if (city.facilities.sector[f] === health) s += city.facilities.beds[f];
  return s;
}

function uniqueProfiles(ps: readonly EffectProfile[]): EffectProfile[] {
  const seen = new Set<string>();
  return ps.filter((p) => { const k = JSON.stringify(p); if (seen.has(k)) return false; seen.add(k); return true; });
}

/**
 * Displacement, minimum needs and schools (issue 17) from the interval of each column: the
 * consequences fields (displacement.fields, then EDUCATION_FIELDS), then displaced counted once
 * (PEOPLE_FIELDS), then the larger utility sector.
 */
function humanitarianBlock(
  displacement: DisplacementModel, education: EducationModel, iv: (k: number) => Interval, runs: number, stride: number,
  areaIds: readonly string[], water: SectorOutcome, set: ParameterValues, pDown: Float64Array, causeOf: (c: number) => number,
): Humanitarian {
  const p = displacement.p, once = stride, nD = displacement.fields;
  const displaced = iv(once);
  const publicShelter = scaleInterval(displaced, p.publicShelterShare);
  const notes: string[] = [];
  if (!displacement.utilitiesKnown) notes.push('displacement for want of water or power is not estimated: the dataset has no water or power facilities');
  if (/PLANNING ASSUMPTION/.test(set['displacement.publicShelterShare'].source)) {
    notes.push(`the share seeking public shelter (${Math.round(p.publicShelterShare * 100)}%) is a planning assumption`);
  }
  return {
    displacement: {
      displaced,
      byCause: { damage: iv(0), utilities: displacement.utilitiesKnown ? iv(once + PEOPLE_FIELDS) : null },
      byGroup: Object.fromEntries(GROUPS.map((g, gi) => [g, iv(once + 1 + gi)])) as Humanitarian['displacement']['byGroup'],
      byArea: areaIds.map((areaId, a) => ({ areaId, damage: iv(DISPLACEMENT_FIXED + a) })),
      publicShelter, publicShelterShare: p.publicShelterShare, utilityDays: p.utilityDays, notes,
    },
    needs: minimumNeeds(displaced, publicShelter, water, set),
    education: education.noData !== null
      ? { status: 'nodata', reason: education.noData }
      : {
        status: 'estimated', pupils: iv(nD), pupilDays: iv(nD + 1),
        schools: education.schoolsInWords(runs, pDown, causeOf),
        notes: education.count === 0 ? ['no school lies in the zones or near a water or power facility that can go down'] : [],
      },
  };
}

/** Parameter sets stored before issue 17 lack its records: the shipped defaults stand in (and are listed as assumptions). */
function withHumanitarianDefaults(set: ParameterValues): ParameterValues {
  const defaults = humanitarianDefaults ??= Object.entries(loadDefaultParameters().values).filter(([k]) => /^(displacement|needs|education)\./.test(k));
  const added = Object.fromEntries(defaults.filter(([k]) => !set[k]));
  return Object.keys(added).length ? { ...set, ...added } : set;
}
/** The shipped issue-17 records, validated once (loading the default set parses the whole file: ~0.1 ms a call). */
let humanitarianDefaults: [string, ParameterValues[string]][] | null = null;
