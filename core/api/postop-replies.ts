/**
 * Output schemas of the post-operation operations (core/api/postop-contract.ts). The values the
 * post-operation core computes keep their TypeScript types in core/postop/; each schema here is
 * checked against that type (`satisfies z.ZodType<T>`), and the handlers' return types are checked
 * against the schema (Handlers in core/api/handlers.ts), so the two cannot drift apart. The replies
 * assembled by the API itself are declared here only: their types are `z.infer` of the schema.
 */
import * as z from 'zod';
import { ArealGeometry, SECTORS } from '../model/dataset';
import { GROUPS, Interval } from '../model/assessment';
import { CONFIDENCES, DAMAGE_CLASS_KEYS, OBSERVATION_KINDS } from '../model/observation';
import { GeoJsonGeometry, pointCollection } from '../model/geojson';
import type { CalibrationResult, Multiplier } from '../postop/calibrate';
import type { Comparison } from '../postop/compare';
import type { ImportSummary } from '../postop/damage-import';
import type { ObservedOutcomes, StoredObservation } from '../postop/observations';
import type { ImportedScenario, UnlockedPhase } from '../postop/package';
import type { Signer } from '../postop/package-seal';
import type { ParameterSetSummary } from '../postop/parameter-sets';

const Count = z.number().int().min(0);
const Ratio = z.number().nullable();
const LonLat = z.tuple([z.number(), z.number()]);
const DamageClass = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const NamedId = z.object({ id: z.number().int(), name: z.string() });

// ---------- observations ----------

export const StoredObservationSchema = z.object({
  id: z.number().int(),
  datasetId: z.number().int(),
  operationId: z.number().int().nullable(),
  kind: z.enum(OBSERVATION_KINDS),
  product: z.string(),
  featureKey: z.string(),
  geometry: GeoJsonGeometry.nullable(),
  damageClass: DamageClass.nullable(),
  rawValue: z.string().nullable(),
  source: z.string(),
  sensorDate: z.string().nullable(),
  /** The form's fields (facility status, outage, casualty or displacement report) or the product's attributes. */
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
}) satisfies z.ZodType<StoredObservation>;

export const ImportSummarySchema = z.object({
  byClass: z.object({ 0: Count, 1: Count, 2: Count, 3: Count, 4: Count }),
  outsideFootprint: Count,
  total: Count,
  /** Product keys imported, comma-separated. */
  product: z.string(),
  products: z.array(z.object({
    product: z.string(), version: z.string(), versionLabel: z.string(),
    replaced: Count, stored: Count, footprint: z.enum(['imported', 'stored', 'none']),
  })),
  sensorDates: z.array(z.string()),
  skipped: z.array(z.object({ reason: z.string(), count: Count })),
}) satisfies z.ZodType<ImportSummary>;

export const ObservationListSchema = z.object({
  total: Count,
  byKind: z.record(z.string(), Count),
  /** Building damage by normalised class (0 none .. 4 destroyed). */
  byClass: z.record(z.string(), Count),
  products: z.array(z.object({ product: z.string(), kind: z.string(), count: Count, sensorDate: z.string().nullable() })),
  /** The first `limit` observations of the filter (building damage and footprints only when `kind` asks for them). */
  items: z.array(StoredObservationSchema),
});
export type ObservationList = z.infer<typeof ObservationListSchema>;

const Confidence = z.enum(CONFIDENCES);
const Reported = { source: z.string(), confidence: Confidence, observedAt: z.string().nullable() };

export const ObservedOutcomesSchema = z.object({
  damage: z.array(z.object({ lonLat: LonLat, damageClass: DamageClass, product: z.string() })),
  /** Observed footprints (areas looked at); damage counts only inside them. */
  footprints: z.array(ArealGeometry),
  facilities: z.array(z.object({
    facilityId: z.string(), down: z.boolean(), daysToRestore: z.number().nullable(), damage: z.enum(DAMAGE_CLASS_KEYS).nullable(),
    lonLat: LonLat.nullable(), source: z.string(), confidence: Confidence,
  })),
  outages: z.array(z.object({ sector: z.enum(SECTORS), people: z.number(), days: z.number(), source: z.string(), confidence: Confidence })),
  casualties: z.array(z.object({
    killed: Count.nullable(), injured: Count.nullable(), seriouslyInjured: Count.nullable(),
    byGroup: z.partialRecord(z.enum(GROUPS), z.object({ killed: Count.optional(), injured: Count.optional() })),
    ...Reported,
  })),
  /** Displacement reports; absent in outcomes built before them. */
  displacement: z.array(z.object({
    displaced: Count, inPublicShelter: Count.nullable(), byGroup: z.partialRecord(z.enum(GROUPS), Count), ...Reported,
  })).optional(),
}) satisfies z.ZodType<ObservedOutcomes>;

// ---------- comparison ----------

const Coverage = z.object({ inside: Count, total: Count, share: Ratio });
const Outcome = z.enum(['hit', 'miss', 'falseAlarm']);
const ReportPicked = z.object({ source: z.string(), confidence: z.string() });
const Observed = z.object({ predicted: z.number(), observed: z.number() });

export const OutcomeComparisonSchema = z.object({
  figures: z.array(z.object({
    key: z.string(), label: z.string(), predicted: Interval, observed: z.number(), inside: z.boolean(),
    /** observed / predicted mean; null when the prediction is 0. */
    biasRatio: Ratio, source: z.string(),
    /** True where the predicted interval had to be approximated (sum of marginal intervals). */
    approximate: z.boolean().optional(),
  })),
  coverage: z.object({ figures: Coverage, zones: Coverage, all: Coverage }),
  biasRatio: z.object({ casualties: Ratio, outages: Ratio, damage: Ratio, displacement: Ratio.optional() }),
  casualtyReport: ReportPicked.nullable(),
  displacementReport: ReportPicked.nullable().optional(),
  facilities: z.object({
    threshold: z.number(),
    rows: z.array(z.object({
      id: z.string(), name: z.string(), sector: z.string(), pDown: z.number(), observedDown: z.boolean(),
      outcome: z.enum([...Outcome.options, 'correctNegative']),
      predictedRestorationDays: z.number().nullable(), observedDaysToRestore: z.number().nullable(),
    })),
    brier: z.number().nullable(),
    hits: Count, misses: Count, falseAlarms: Count, correctNegatives: Count,
  }),
  buildingDamage: z.object({
    available: z.boolean(),
    reason: z.string().nullable(),
    reasonCode: z.enum(['noPrediction', 'noFootprint']).nullable(),
    threshold: z.number(),
    zones: z.array(z.object({
      zoneKey: z.string(), areaId: z.string(), zoneIndex: z.number().int(), buildings: Count, predictedShare: z.number(),
      predicted: Interval, observed: z.number(), observedShare: z.number(), inside: z.boolean(), biasRatio: Ratio,
    })),
    unmatchedObserved: Count,
    outsideFootprint: Count,
  }),
  /** Hits, misses and false alarms on the map. */
  map: pointCollection(z.object({
    kind: z.enum(['building', 'facility']), id: z.string().nullable(), outcome: Outcome,
    predicted: z.number().nullable(), observedClass: z.number().nullable(),
  })),
  /** The numbers calibration needs from this operation. */
  calibration: z.object({
    casualties: z.object({ killed: Observed.nullable(), injured: Observed.nullable() }),
    damageZones: z.array(z.object({ zoneKey: z.string(), n: z.number(), predictedP: z.number(), observed: z.number(), threshold: z.number().optional() })),
  }),
}) satisfies z.ZodType<Comparison>;

export const ComparisonReplySchema = z.object({
  operationId: z.number().int(),
  operationName: z.string(),
  datasetId: z.number().int(),
  assessmentId: z.number().int(),
  /** How the assessment was found: linked by id, same inputs as the saved operation, or same name. */
  assessmentMatchedBy: z.enum(['id', 'operationId', 'inputs', 'name', 'assessed']),
  assessedAt: z.string(),
  parameterSet: z.string(),
  comparison: OutcomeComparisonSchema,
});
export type ComparisonReply = z.infer<typeof ComparisonReplySchema>;

// ---------- calibration and parameter sets ----------

const LooError = z.object({
  metric: z.literal('mean absolute log error, +1 offset'),
  default: z.number().nullable(),
  calibrated: z.number().nullable(),
  /** True when the calibrated multiplier predicts held-out operations better than the default. */
  helps: z.boolean().nullable(),
  operations: Count,
});
const MultiplierSchema = z.object({
  default: z.literal(1),
  calibrated: z.number(),
  /** 5-95% posterior interval of the multiplier. */
  p05: z.number(),
  p95: z.number(),
  /** Evidence: operations (casualties) or buildings (damage). */
  n: z.number(),
  posterior: z.union([z.object({ shape: z.number(), rate: z.number() }), z.object({ alpha: z.number(), beta: z.number(), pbar: z.number() })]),
  loo: LooError,
}) satisfies z.ZodType<Multiplier>;
const Multipliers = { casualtyKilled: z.number(), casualtyInjured: z.number(), damage: z.number(), damageByZone: z.record(z.string(), z.number()) };

export const CalibrationResultSchema = z.object({
  prior: z.object({
    casualty: z.object({ shape: z.number(), rate: z.number(), source: z.string() }),
    damage: z.object({ strength: z.number(), intraZoneCorrelation: z.number(), source: z.string() }),
  }),
  cases: z.array(z.string()),
  multipliers: z.object({
    casualtyKilled: MultiplierSchema, casualtyInjured: MultiplierSchema, damage: MultiplierSchema,
    damageByZone: z.record(z.string(), MultiplierSchema),
  }),
  /** What the engine applies: the default set is all ones. */
  parameterSet: z.object({ name: z.string(), ...Multipliers }),
  defaultSet: z.object({
    name: z.string(), casualtyKilled: z.literal(1), casualtyInjured: z.literal(1), damage: z.literal(1), damageByZone: z.record(z.string(), z.literal(1)),
  }),
}) satisfies z.ZodType<CalibrationResult>;

export const CalibrationReplySchema = z.object({
  calibration: CalibrationResultSchema,
  /** Operations used (with an assessment and observed outcomes) and those left out, with why. */
  used: z.array(z.object({ operationId: z.number().int(), name: z.string(), datasetId: z.number().int(), assessmentId: z.number().int() })),
  /** `reason` in English; `key` and `params` (an `errors` catalogue entry) say it in any language (errorInWords). */
  skipped: z.array(z.object({
    operationId: z.number().int(), name: z.string(), reason: z.string(),
    key: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })),
  /** Name under which the calibrated set was stored (parameter_sets), or null when nothing was stored. */
  savedAs: z.string().nullable(),
});
export type CalibrationReply = z.infer<typeof CalibrationReplySchema>;

export const ParameterSetSummarySchema = z.object({
  name: z.string(),
  kind: z.enum(['default', 'calibrated']),
  chosen: z.boolean(),
  createdAt: z.string().nullable(),
  description: z.string(),
  multipliers: z.object(Multipliers),
  calibration: CalibrationResultSchema.nullable(),
}) satisfies z.ZodType<ParameterSetSummary>;

// ---------- scenario packages ----------

/** Who signed a package (null where a reply carries it: unsigned). */
const SignerSchema = z.object({ fingerprint: z.string(), publicKeyPem: z.string() }) satisfies z.ZodType<Signer>;
const PhaseHead = { phase: z.number().int(), title: z.string(), daysAfterPrevious: z.number().int() };

export const ImportedScenarioSchema = z.object({
  title: z.string(),
  datasetId: z.number().int(),
  datasetName: z.string(),
  operations: z.array(NamedId),
  /** Phase 1's briefing. */
  briefing: z.string(),
  /** Every phase, each with its options by this store's ids (one phase when the package has none). */
  phases: z.array(z.object({ ...PhaseHead, options: z.array(NamedId) })),
  signedBy: SignerSchema.nullable(),
}) satisfies z.ZodType<ImportedScenario>;

export const RevealReplySchema = z.object({
  operation: z.string(),
  observed: ObservedOutcomesSchema,
  recorded: z.boolean(),
  comparison: ComparisonReplySchema.nullable(),
  signedBy: SignerSchema.nullable(),
});
export type RevealReply = z.infer<typeof RevealReplySchema>;

export const UnlockPhaseReplySchema = z.object({
  ...PhaseHead,
  briefing: z.string(),
  /** This phase's options by this store's ids. */
  options: z.array(NamedId),
  /** The previous phase: its carried-out option (this store's id) and what was observed, now recorded on that operation. */
  previous: z.object({ ...PhaseHead, options: z.array(z.string()), operation: z.string(), observed: ObservedOutcomesSchema, operationId: z.number().int() }),
}) satisfies z.ZodType<Omit<UnlockedPhase, 'options' | 'previous'> & { previous: UnlockedPhase['previous'] }>;
export type UnlockPhaseReply = z.infer<typeof UnlockPhaseReplySchema>;

const ObservedCounts = z.object({ casualtyReports: Count, facilityStatuses: Count, outages: Count, damageRecords: Count });

/** One trainee's answer scored against the revealed outcomes (the estimate of the option carried out). */
export const ScoredAnswerSchema = z.object({
  file: z.string(),
  /** The phase the answer is for (1 for a scenario without phases). */
  phase: z.number().int(),
  trainee: z.string(),
  chosenOption: z.string(),
  /** The trainee chose the option that was carried out. */
  choseCarriedOut: z.boolean(),
  rationale: z.string(),
  submittedAt: z.string(),
  /** Their estimate of the carried-out option against what was observed; null when the answer has no estimate of it. */
  comparison: OutcomeComparisonSchema.nullable(),
});
export type ScoredAnswer = z.infer<typeof ScoredAnswerSchema>;

export const ScoreReplySchema = z.object({
  title: z.string(),
  carriedOut: z.string(),
  observed: ObservedCounts,
  /** Every phase: what was carried out and how much was observed (one entry without phases). */
  phases: z.array(z.object({ ...PhaseHead, carriedOut: z.string(), observed: ObservedCounts })),
  answers: z.array(ScoredAnswerSchema),
});
export type ScoreReply = z.infer<typeof ScoreReplySchema>;
