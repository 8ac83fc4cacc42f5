/**
 * What `jobs.status` reports, per job kind: the result of a finished job has the schema of its
 * kind (a discriminated union on `kind`), so callers read it typed. `result` is null until the job
 * is done (and stays null when it failed or was cancelled).
 *
 * Kinds: `import` (import.start), `assessment` (assess.start: the assessment), `savedRun`
 * (assess.save: the stored run and its ids).
 */
import * as z from 'zod';
import { AssessmentResult } from '../model/assessment';
import { SECTORS } from '../model/dataset';
import type { ImportReport } from '../import/pipeline';
import { IMPORT_PHASES } from '../import/words';

const Count = z.number();
const LayerCounts = z.object({
  populationUnits: Count, residents: Count, buildings: Count,
  facilities: z.record(z.enum(SECTORS), Count),
  /** "health/hospital" -> n */
  facilityKinds: z.record(z.string(), Count),
  protectedSites: Count,
});

/** The import report (core/import/pipeline.ts ImportReport) with its text summary. */
export const ImportJobResult = z.object({
  dataset: z.string(),
  datasetId: z.number().int(),
  created: z.boolean(),
  files: z.array(z.object({
    file: z.string(), format: z.string(), crs: z.string(), counts: LayerCounts, replaced: Count,
    skipped: z.record(z.string(), Count), notes: z.array(z.string()),
    licence: z.string().nullable(), attribution: z.string().nullable(),
    licenceFrom: z.enum(['entered', 'detected', 'none']), durationMs: z.number(),
  })),
  totals: LayerCounts.extend({ dependencies: Count, serviceAreas: Count }),
  allocation: z.object({
    unitsWithBuildings: Count, unitsKeepingResidents: Count, residentsOnBuildings: Count, residentsOnUnits: Count,
    buildingsWithResidents: Count, workers: Count, buildingsInOverlappingUnits: Count,
  }),
  inference: z.object({ dependencies: Count, serviceAreas: Count, keptUserDependencies: Count, keptUserServiceAreas: Count }),
  crs: z.array(z.string()),
  licence: z.string(),
  attribution: z.string(),
  contentHash: z.string(),
  durationMs: z.number(),
  /** The report as the CLI prints it (formatReport). */
  summary: z.string(),
}) satisfies z.ZodType<ImportReport & { summary: string }>;
export type ImportJobResult = z.infer<typeof ImportJobResult>;

/** The result of an assess.save job. */
export const SavedRunSchema = z.object({ assessmentId: z.number().int(), operationId: z.number().int(), result: AssessmentResult });

/** Each job kind's result. */
export const JOB_RESULTS = { import: ImportJobResult, assessment: AssessmentResult, savedRun: SavedRunSchema } as const;
export type JobKind = keyof typeof JOB_RESULTS;
export type JobResult<K extends JobKind> = z.output<(typeof JOB_RESULTS)[K]>;

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
/** `phase` in English; an import's progress also has its `step` (phaseInWords says it in any language) and the features read so far. */
export const JobProgressSchema = z.object({
  phase: z.string(), done: z.number(), total: z.number(), unit: z.string(),
  step: z.object({ key: z.enum(IMPORT_PHASES), file: z.string().optional(), table: z.string().optional() }).optional(),
  features: z.number().optional(),
});

const JobBase = z.object({ id: z.string(), state: z.enum(JOB_STATES), progress: JobProgressSchema, error: z.string().nullable() });
export const JobStatusSchema = z.discriminatedUnion('kind', [
  JobBase.extend({ kind: z.literal('import'), result: ImportJobResult.nullable() }),
  JobBase.extend({ kind: z.literal('assessment'), result: AssessmentResult.nullable() }),
  JobBase.extend({ kind: z.literal('savedRun'), result: SavedRunSchema.nullable() }),
]);
export type JobStatus = z.infer<typeof JobStatusSchema>;
export type JobProgress = z.infer<typeof JobProgressSchema>;
export type JobState = (typeof JOB_STATES)[number];
