/**
 * The assessment result: one object, the same through the API, the CLI, reports and the store.
 * Every figure is an interval (never a bare number) and the result carries its provenance.
 */
import * as z from 'zod';
import { SECTORS, PROTECTED_CATEGORIES } from './dataset';
import { TIMES_OF_DAY } from './operation';

export const Interval = z.object({ mean: z.number(), p05: z.number(), p50: z.number(), p95: z.number() });
export type Interval = z.infer<typeof Interval>;

/** Result groups: the five age/sex groups partition the population; disabled overlaps them. */
export const GROUPS = ['women', 'men', 'girls', 'boys', 'elderly', 'disabled'] as const;
export type Group = (typeof GROUPS)[number];

export const SEVERITIES = ['killed', 'seriouslyInjured', 'lightlyInjured'] as const;
export type Severity = (typeof SEVERITIES)[number];

const Casualties = z.object({
  killed: Interval,
  seriouslyInjured: Interval,
  lightlyInjured: Interval,
});
export const CasualtyBlock = Casualties.extend({
  byGroup: z.record(z.enum(GROUPS), Casualties),
});
export type CasualtyBlock = z.infer<typeof CasualtyBlock>;

export const ZoneExposure = z.object({
  areaId: z.string(),
  zoneIndex: z.number().int(),
  outerEdgeM: z.number(),
  residents: z.number(),
  present: z.record(z.enum(TIMES_OF_DAY), z.object({ indoors: z.number(), outdoors: z.number() })),
  buildings: z.number().int(),
});

export const ProtectedSiteHit = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(PROTECTED_CATEGORIES),
  areaId: z.string(),
  zoneIndex: z.number().int(),
  /** 0 when inside the area. */
  distanceToAreaEdgeM: z.number(),
  peoplePresent: z.number(),
  lonLat: z.tuple([z.number(), z.number()]),
});
export type ProtectedSiteHit = z.infer<typeof ProtectedSiteHit>;

export const FacilityOutcome = z.object({
  id: z.string(),
  name: z.string(),
  sector: z.enum(SECTORS),
  kind: z.string(),
  /** Probability the facility is down at some point within the horizon (direct or cascade). */
  pDown: z.number(),
  pDirect: z.number(),
  /** Expected days without the facility's service within the horizon. */
  restorationDays: z.number(),
  /** Most frequent cause chain, in words, e.g. "Substation X (direct, extensive) -> Pumping station P3 (no power after 0 days)". */
  chain: z.string(),
  peopleServed: z.number(),
  /** True when no service area was mapped for it: the people it serves were taken by nearest facility (METHOD.md §4a). Absent in results stored before it was recorded. */
  serviceAreaInferred: z.boolean().optional(),
});
export type FacilityOutcome = z.infer<typeof FacilityOutcome>;

/**
 * A sector's figures, or no figures and the reason (METHOD.md §4a: no data is not zero).
 * - 'estimated': the intervals, any caveats in words (`notes`), and `inferred` when most of the
 *   people without service lost it through a guess (a default service area or an inferred
 *   dependency), naming the facilities whose guesses drive it.
 * - 'nodata': the dataset holds nothing to estimate from (no facility of the sector, or the areas
 *   lie beyond the extent of the infrastructure data); there is no value, never a 0.
 */
export const SectorEstimate = z.object({
  status: z.literal('estimated'),
  peopleWithoutService: Interval,
  peopleDays: Interval,
  facilitiesDown: Interval,
  /** null: the figure rests mostly on given data. */
  inferred: z.object({
    /** Share of expected people without service whose loss runs through an inferred service area or link. */
    share: z.number(),
    /** The facilities whose inferred service areas or links drive the figure, in words. */
    facilities: z.array(z.string()),
  }).nullable(),
  notes: z.array(z.string()),
});
export const SectorNoData = z.object({ status: z.literal('nodata'), reason: z.string() });
const SectorUnion = z.discriminatedUnion('status', [SectorEstimate, SectorNoData]);
/** Results stored before the status existed are estimates with no notes. */
export const SectorOutcome = z.preprocess(
  (v) => (v && typeof v === 'object' && !('status' in v) ? { status: 'estimated', inferred: null, notes: [], ...v } : v),
  SectorUnion,
);
export type SectorOutcome = z.infer<typeof SectorUnion>;
export type SectorEstimate = z.infer<typeof SectorEstimate>;

/**
 * Humanitarian consequences (issue 17): people displaced, their minimum needs, children out of school.
 * Absent in results stored before it existed.
 */
export const Displacement = z.object({
  /** Residents displaced, counted once: uninhabitable dwellings, and dwellings without water or power beyond utilityDays. */
  displaced: Interval,
  byCause: z.object({
    /** Residents of dwellings left uninhabitable by damage (Hazus ch. 14 weights by damage state). */
    damage: Interval,
    /** Residents without water or power for more than utilityDays (the larger of the two sectors); null where the dataset has neither. */
    utilities: Interval.nullable(),
  }),
  byGroup: z.record(z.enum(GROUPS), Interval),
  /** Displaced by damage in each area's zones (a dwelling in the zones of two areas counts in both). */
  byArea: z.array(z.object({ areaId: z.string(), damage: Interval })),
  /** Displaced people seeking public shelter (displaced x publicShelterShare). */
  publicShelter: Interval,
  publicShelterShare: z.number(),
  utilityDays: z.number(),
  notes: z.array(z.string()),
});
export type Displacement = z.infer<typeof Displacement>;

/** Sphere (2018) minimum needs of the displaced, and water for the people cut off. */
export const MinimumNeeds = z.object({
  /** Water for the displaced, litres per day. */
  waterLitresPerDay: Interval,
  /** Covered living space for those in public shelter, m2. */
  coveredSpaceM2: Interval,
  latrines: Interval,
  healthUnits: Interval,
  beds: Interval,
  /** People without piped water: litres per day at the peak, and trucked water over the horizon (people-days x litres). */
  cutOff: z.discriminatedUnion('status', [
    z.object({ status: z.literal('estimated'), people: Interval, waterLitresPerDay: Interval, truckedWaterLitres: Interval }),
    z.object({ status: z.literal('nodata'), reason: z.string() }),
  ]),
});
export type MinimumNeeds = z.infer<typeof MinimumNeeds>;

export const SchoolOutcome = z.object({
  name: z.string(),
  pupils: z.number(),
  /** Probability the school is closed at some point within the horizon (damage, or no power or water). */
  pClosed: z.number(),
  /** Expected pupil-days lost. */
  pupilDays: z.number(),
  /** The cause in words, e.g. "Substation S (direct, extensive) -> School at ... (no power for 7 days) -> 300 pupils". */
  chain: z.string(),
});
export type SchoolOutcome = z.infer<typeof SchoolOutcome>;
export const EducationOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('estimated'),
    /** Pupils whose school is damaged (moderate or worse) or without power or water within the horizon. */
    pupils: Interval,
    pupilDays: Interval,
    /** Schools with the most pupil-days lost (at most 10). */
    schools: z.array(SchoolOutcome),
    notes: z.array(z.string()),
  }),
  z.object({ status: z.literal('nodata'), reason: z.string() }),
]);
export type EducationOutcome = z.infer<typeof EducationOutcome>;

export const Humanitarian = z.object({ displacement: Displacement, needs: MinimumNeeds, education: EducationOutcome });
export type Humanitarian = z.infer<typeof Humanitarian>;

export const AssessmentResult = z.object({
  operationName: z.string(),
  settings: z.object({ timeOfDay: z.enum(TIMES_OF_DAY), warningShare: z.number(), horizonDays: z.number() }),
  exposed: z.object({
    /** Residents inside the drawn areas (partial units by area inside; allocated buildings by centroid). */
    residents: z.number(),
    /** Residents inside the areas and all their zones. */
    residentsInZones: z.number(),
    present: z.record(z.enum(TIMES_OF_DAY), z.object({ indoors: z.number(), outdoors: z.number() })),
    buildings: z.number().int(),
    zones: z.array(ZoneExposure),
  }),
  /** Casualties at the chosen time of day. */
  casualties: CasualtyBlock,
  /**
   * Killed + seriously injured at the chosen time, per run (the ranking measure of compareOptions;
   * its interval is of the sum, which the two separate intervals cannot give). Added by the engine.
   */
  harm: Interval.optional(),
  /** The same for all three times of day, computed in the same call. */
  casualtiesByTime: z.record(z.enum(TIMES_OF_DAY), CasualtyBlock),
  protectedSites: z.array(ProtectedSiteHit),
  infrastructure: z.object({
    facilities: z.array(FacilityOutcome),
    sectors: z.record(z.enum(SECTORS), SectorOutcome),
    beds: z.object({
      total: z.number(),
      lost: Interval,
      remaining: Interval,
      seriouslyInjured: Interval,
      /** Seriously injured minus remaining beds, floored at 0. */
      gap: Interval,
      /**
       * 'expected': the mean is E[max(0, seriously injured - remaining)] (Monte Carlo, per run).
       * 'lowerBound': max(0, E[seriously injured] - E[remaining]) (expectation mode); by Jensen's
       * inequality never above the expected gap. Absent in results stored before it existed.
       */
      gapMeaning: z.enum(['expected', 'lowerBound']).optional(),
    }),
  }),
  /** Displacement, minimum needs and education (issue 17); absent in results stored before it. */
  humanitarian: Humanitarian.optional(),
  assumptions: z.array(z.object({ key: z.string(), label: z.string(), value: z.unknown(), unit: z.string(), source: z.string() })),
  provenance: z.object({
    datasetHash: z.string(),
    datasetName: z.string(),
    parameterSet: z.string(),
    parameterHash: z.string(),
    seed: z.number().int(),
    runs: z.number().int(),
    appVersion: z.string(),
    createdAt: z.string(),
    /**
     * 'expectation': exact expected values, no sampling (p05 = p50 = p95 = mean). Added by the engine.
     * 'preview': the live estimate, never stored: mean = the exact expected value, p05/p50/p95 from a
     * short seeded Monte Carlo of `runs` runs (core/engine/preview.ts).
     */
    mode: z.enum(['montecarlo', 'expectation', 'preview']).optional(),
  }),
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;
