/**
 * API operations of the post-operation workspace (METHOD.md §7): record what happened, compare it
 * with the estimate, calibrate, and scenario packages. Handlers: core/api/postop-handlers.ts.
 *
 * Inputs are strict objects (an unknown field is an error); the observation forms reuse the zod
 * schemas of core/postop/observations.ts, refinements included, so a bad form is refused here with
 * the field named, before the store is touched.
 */
import * as z from 'zod';
import { op } from './op';
import { OBSERVATION_KINDS } from '../model/observation';
import { CasualtyReportInput, DisplacementReportInput, FacilityStatusInput, ServiceOutageInput } from '../postop/observations';
import { MAX_PHASES, MIN_PASSPHRASE_LENGTH } from '../postop/package';
import {
  CalibrationReplySchema, ComparisonReplySchema, ImportedScenarioSchema, ImportSummarySchema, ObservationListSchema,
  ParameterSetSummarySchema, RevealReplySchema, ScoreReplySchema, UnlockPhaseReplySchema,
} from './postop-replies';

export type { CalibrationReply, ComparisonReply, ObservationList, RevealReply, ScoredAnswer, ScoreReply, UnlockPhaseReply } from './postop-replies';

const Id = z.number().int().positive();
/** A dataset by name or id, as the post-operation core takes it. */
const DatasetRef = z.union([z.string().min(1).max(200), Id]);
const Path = z.string().min(1).max(4096);
/** A required signer: the fingerprint the importer shows ("SHA256:" and 64 hex digits). */
const SignerFingerprint = z.string().regex(/^SHA256:[0-9a-f]{64}$/, 'expected a key fingerprint, SHA256: and 64 hex digits');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Passphrase = (what: string) => z.string().min(MIN_PASSPHRASE_LENGTH, `${what} must have at least ${MIN_PASSPHRASE_LENGTH} characters`).max(1000);
const PhaseNumber = z.number().int().min(1).max(MAX_PHASES);

/** A phase after the first of an exported scenario. */
const LaterPhase = z.object({
  title: z.string().trim().min(1, 'give the phase a title').max(200),
  briefing: z.string().max(100_000),
  /** The saved operation carried out in this phase (its observations are what the next phase reveals). */
  operationId: Id,
  /** Further saved operations offered in this phase. */
  optionIds: z.array(Id).max(12).optional(),
  daysAfterPrevious: z.number().int().min(0).max(3650),
  /** Handed to the trainees to unlock this phase once the previous one is answered. */
  code: Passphrase('a phase code'),
}).strict();

/** An operation with an input schema that is not a plain strict shape (the forms carry refinements). */
function form<S extends z.ZodType, O extends z.ZodType>(description: string, input: S, output: O) {
  return { description, input, output };
}

const Recorded = z.object({ id: z.number().int() });

export const postopContract = {
  'observations.import': op('Import observed building damage (UNOSAT, Copernicus EMS; GeoJSON, shapefile, CSV), normalised 0-4; only damage inside the observed footprint is stored.', {
    files: z.array(Path).min(1),
    dataset: DatasetRef,
    operationId: Id.optional(),
    product: z.string().min(1).max(200).optional(),
    sensorDate: isoDay.optional(),
    /** Create an empty dataset of this name when there is none (damage of a place with no city data). */
    createDataset: z.boolean().optional(),
    /** Store damage even when records lie outside the dataset's extent or far beyond the operation's zones (refused otherwise, naming how many). */
    confirmOutside: z.boolean().optional(),
  }, ImportSummarySchema),
  'observations.list': op('Observations of a dataset (and of one operation), counted by kind, class and product.', {
    dataset: DatasetRef,
    operationId: Id.optional(),
    kind: z.enum(OBSERVATION_KINDS).optional(),
    limit: z.number().int().min(0).max(50_000).optional(),
  }, ObservationListSchema),
  'observations.recordFacilityStatus': form('Record (or replace) the observed status of one facility after an operation.',
    FacilityStatusInput.strict(), Recorded),
  'observations.recordServiceOutage': form('Record a service outage (people, days) after an operation.',
    ServiceOutageInput.strict(), Recorded),
  'observations.recordCasualtyReport': form('Record a casualty report (counts, source, confidence, breakdown where known).',
    CasualtyReportInput.strict(), Recorded),
  'observations.recordDisplacementReport': form('Record a report of people displaced (count, source, confidence; public shelter and groups where known), e.g. from displacement tracking.',
    DisplacementReportInput.strict(), Recorded),
  'observations.delete': op('Delete one recorded observation (a form entry or an imported record).', { id: Id }, z.object({ deleted: z.boolean() })),
  'postop.compare': op('Every predicted figure of a saved operation beside what was observed: intervals, coverage, bias, facility Brier and hits/misses/false alarms, building damage by zone, outcome map.', {
    operationId: Id,
    /** A stored assessment; default the latest of the operation. */
    assessmentId: Id.optional(),
    /** Run (and store) an assessment with the chosen parameter set when the operation has none. */
    assessIfMissing: z.boolean().optional(),
    damageThreshold: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    pDownThreshold: z.number().min(0).max(1).optional(),
  }, ComparisonReplySchema),
  'postop.calibrate': op('Calibrate rate multipliers across recorded operations (one dataset or all) and store the calibrated parameter set.', {
    datasetId: Id.optional(),
    /** Name to store the calibrated set under (default "calibrated"); not "default". */
    name: z.string().min(1).max(100).refine((n) => n !== 'default', 'the name "default" is the shipped set').optional(),
    /** Only compute, do not store. */
    dryRun: z.boolean().optional(),
  }, CalibrationReplySchema),
  'parameters.sets.list': op('Parameter sets: the shipped default and stored calibrated sets, with which one future assessments use.', {
    /** Include each calibrated set's full calibration result (default true). */
    includeCalibration: z.boolean().optional(),
  },
    z.array(ParameterSetSummarySchema)),
  'parameters.sets.choose': op('Choose the parameter set future assessments use (recorded in their provenance).', {
    name: z.string().min(1).max(100),
  }, z.object({ chosen: z.string() })),
  'package.export': op('Export a training scenario package: clipped dataset, options, briefing and sealed outcomes.', {
    dataset: DatasetRef,
    /** The operation that was carried out: its observations are sealed as the outcomes. */
    operationId: Id,
    /** Further saved operations offered as options. */
    optionIds: z.array(Id).max(12).optional(),
    title: z.string().min(1).max(200).optional(),
    briefing: z.string().max(100_000),
    out: Path,
    /** Replace an existing file at out (otherwise refused, as datasets.export). */
    overwrite: z.boolean().optional(),
    passphrase: Passphrase('the reveal passphrase'),
    hmacKey: z.string().min(1).max(1000).optional(),
    /** Ed25519 private key, PKCS#8 PEM: the package is signed with it. */
    signingKeyPem: z.string().min(1).max(10_000).optional(),
    marginM: z.number().min(0).max(20_000).optional(),
    /** Phase 1's title when there are later phases (default "Phase 1"); operationId, optionIds and briefing above are phase 1's. */
    firstPhaseTitle: z.string().trim().min(1).max(200).optional(),
    /** Phases after the first, in order: each unlocked by its code and revealing the previous phase's observed outcomes. */
    laterPhases: z.array(LaterPhase).max(MAX_PHASES - 1).optional(),
  }, z.object({ path: z.string(), bytes: z.number().int(), title: z.string(), operations: z.array(z.string()), phases: z.number().int() })),
  'package.import': op('Import a scenario package (refused if damaged or altered): its dataset and operation options.', {
    path: Path,
    hmacKey: z.string().min(1).max(1000).optional(),
    signer: SignerFingerprint.optional(),
  }, ImportedScenarioSchema),
  'package.reveal': op('Open the sealed outcomes of a package with the reveal passphrase; optionally record them on an imported operation and score its latest assessment.', {
    path: Path,
    passphrase: z.string().min(1).max(1000),
    hmacKey: z.string().min(1).max(1000).optional(),
    signer: SignerFingerprint.optional(),
    operationId: Id.optional(),
  }, RevealReplySchema),
  'package.unlockPhase': op('Unlock the next phase of a scenario package with the phase code the trainer handed out: its briefing and options, and the previous phase\'s observed outcomes (recorded on that operation, so the map shows them).', {
    path: Path,
    hmacKey: z.string().min(1).max(1000).optional(),
    signer: SignerFingerprint.optional(),
    phase: PhaseNumber.min(2, 'phase 1 is open from the start'),
    code: z.string().min(1, 'give the phase code').max(1000),
  }, UnlockPhaseReplySchema),
  'package.answer': op('Write a trainee\'s answer to a scenario package: the chosen option and an estimate of every option (the stored assessment, or one made now), as a small file for the trainer.', {
    /** The package the trainee opened (imported again if needed: it is idempotent). */
    path: Path,
    hmacKey: z.string().min(1).max(1000).optional(),
    /** The saved operation (an option of the package) the trainee chose. */
    chosenOperationId: Id,
    /** The phase answered (default 1); the estimates are of that phase's options. */
    phase: PhaseNumber.optional(),
    trainee: z.string().trim().min(1, 'give the trainee\'s name').max(200),
    rationale: z.string().max(20_000).optional(),
    out: Path,
  }, z.object({ path: z.string(), bytes: z.number().int(), trainee: z.string(), phase: z.number().int(), chosenOption: z.string(), options: z.array(z.string()) })),
  'package.score': op('Reveal a package\'s sealed outcomes with the passphrase and score trainees\' answers side by side (coverage, bias; the comparison of each estimate of the option carried out). Nothing is stored.', {
    path: Path,
    passphrase: z.string().min(1).max(1000),
    hmacKey: z.string().min(1).max(1000).optional(),
    answers: z.array(Path).min(1).max(100),
  }, ScoreReplySchema),
} as const;
