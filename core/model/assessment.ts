/**
 * The assessment result: one object, the same through the API, the CLI, reports and the store.
 * Every figure is an interval (never a bare number) and the result carries its provenance.
 */
import { z } from 'zod';
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
