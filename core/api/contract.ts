/**
 * The one API contract: every operation the UI or the CLI can call, with the zod schema of its
 * input and of its output. Both transports (Electron IPC, HTTP on 127.0.0.1) carry exactly these.
 */
import * as z from 'zod';
import { DatasetSummary, SECTORS } from '../model/dataset';
import { MapFeatureCollection } from '../model/geojson';
import { FieldMapping } from '../import/field-mapping';
import { BoundedPolygonGeometry, EffectProfile, Operation, WorkingOperation } from '../model/operation';
import { AssessmentResult } from '../model/assessment';
import { postopContract } from './postop-contract';
import { editingContract } from './editing-contract';
import { op } from './op';
import { JobStatusSchema } from './job-results';
import { ImportWindow } from '../import/window';

export { op };

const DatasetId = z.number().int().positive();
/** A user's own basemap file as the window sees it (never its path). */
const UserBasemapSchema = z.object({
  originalName: z.string(), container: z.enum(['mbtiles', 'pmtiles']), format: z.enum(['pbf', 'png', 'jpg', 'webp']), name: z.string(),
  minZoom: z.number().int(), maxZoom: z.number().int(), bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  attribution: z.string().nullable(), vectorLayers: z.array(z.string()), active: z.boolean(), addedAt: z.string(),
});
const FeatureCollection = MapFeatureCollection;

const AssessOptions = {
  runs: z.number().int().min(1).max(100_000).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  mode: z.enum(['montecarlo', 'expectation']).optional(),
};

export const SavedOperation = z.object({
  id: z.number().int(),
  datasetId: z.number().int(),
  operation: Operation,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ComparisonSchema = z.object({
  options: z.array(z.object({ name: z.string(), rank: z.number().int(), result: AssessmentResult })),
  indistinguishable: z.array(z.object({ a: z.string(), b: z.string(), measure: z.string() })),
  rankedBy: z.string(),
});

export const StoredAssessmentSchema = z.object({
  id: z.number().int(), datasetId: z.number().int(), operationId: z.number().int().nullable(),
  operation: Operation, result: AssessmentResult, createdAt: z.string(),
});

export { SavedRunSchema, JobStatusSchema } from './job-results';

const coreContract = {
  'app.info': op('Version and storage location of the running backend.', {}, z.object({ appVersion: z.string(), dbPath: z.string() })),
  'datasets.list': op('Every dataset with its provenance, bounding box and counts.', {}, z.array(DatasetSummary)),
  'datasets.layers': op('Map layers of one dataset as GeoJSON (buildings are not among them: the map draws them from the basemap tiles, basemap.tile).', { datasetId: DatasetId }, z.object({
    populationUnits: FeatureCollection, facilities: FeatureCollection,
    protectedSites: FeatureCollection, dependencies: FeatureCollection,
  })),
  'exposure.residents': op('Residents inside an area (partial units by area inside, allocated buildings by centroid).',
    { datasetId: DatasetId, area: BoundedPolygonGeometry }, z.object({ residents: z.number() })),
  'assess.run': op('Full assessment of one operation.', { datasetId: DatasetId, operation: Operation, ...AssessOptions }, AssessmentResult),
  'assess.start': op('Start a full assessment as a job (progress in runs, cancellable); the job result is the assessment.', { datasetId: DatasetId, operation: Operation, ...AssessOptions }, z.object({ jobId: z.string() })),
  'assess.preview': op('The live estimate of an operation while it is drawn or edited, never stored: the expectation mode\'s exact figures (each interval\'s mean) with 5-95% bounds from a short seeded Monte Carlo (provenance.mode "preview", provenance.runs its runs).',
    { datasetId: DatasetId, operation: Operation }, AssessmentResult),
  'assess.save': op('Run and save: a full Monte Carlo of a saved operation (1,000 runs or more; default the parameter set\'s montecarlo.runs) as a job, stored and linked to the operation; the job result is { assessmentId, operationId, result }.',
    { operationId: z.number().int().positive(), runs: z.number().int().min(1000).max(100_000).optional(), seed: AssessOptions.seed }, z.object({ jobId: z.string() })),
  'assessments.get': op('One stored assessment by id, with the operation it is linked to (null when it was not a saved operation\'s run).', { id: z.number().int().positive() }, StoredAssessmentSchema),
  'assess.compare': op('Several options on one dataset, assessed together and ranked.',
    { datasetId: DatasetId, operations: z.array(Operation).min(2).max(12), ...AssessOptions }, ComparisonSchema),
  'profiles.list': op('Effect profiles that ship with the app (illustrative).', {}, z.array(EffectProfile)),
  'operations.list': op('Saved operations (options) of a dataset.', { datasetId: DatasetId }, z.array(SavedOperation)),
  'operations.save': op('Create or update a saved operation.', { datasetId: DatasetId, id: z.number().int().positive().optional(), operation: Operation }, z.object({ id: z.number().int() })),
  'workspace.get': op('The autosaved working operation of a dataset, or null.', { datasetId: DatasetId }, z.object({ operation: WorkingOperation.nullable() })),
  'workspace.save': op('Autosave the working operation of a dataset.', { datasetId: DatasetId, operation: WorkingOperation }, z.object({ saved: z.boolean() })),
  'import.start': op('Start importing files (OSM PBF, GeoPackage, GeoJSON, shapefile, GeoTIFF, CSV) into a dataset; returns a job.', {
    files: z.array(z.string().min(1)).min(1), dataset: z.string().min(1).max(200),
    licence: z.string().optional(), attribution: z.string().optional(),
    window: ImportWindow.optional().describe('[west, south, east, north] in degrees: rasters are read only there'),
    /** Which columns of a population file hold what (default: detected from the column names). */
    mapping: FieldMapping.optional(),
  }, z.object({ jobId: z.string() })),
  'jobs.status': op('Progress and outcome of a job; the result of a finished job has the schema of its kind (import, assessment, savedRun).', { jobId: z.string().min(1) }, JobStatusSchema),
  'jobs.cancel': op('Cancel a running job (an import rolls back).', { jobId: z.string().min(1) }, z.object({ cancelled: z.boolean() })),
  'basemap.tile': op('One tile of a dataset\'s basemap. source "dataset" (default): vector (MVT bytes, Protomaps basemap schema) from the dataset\'s own tiles, an empty tile outside it or above z14 (the map overzooms). source "own": the tile of the user\'s own file as stored (MVT or image bytes, uncompressed), empty where the file has none.',
    { datasetId: DatasetId, z: z.number().int().min(0).max(24), x: z.number().int().min(0), y: z.number().int().min(0), source: z.enum(['dataset', 'own']).default('dataset') }, z.instanceof(Uint8Array)),
  'basemap.add': op('Use an MBTiles or PMTiles file (raster or vector) as the background of a dataset: checked, copied privately into the data folder, and drawn from now on (replaces an earlier one). A file that cannot be drawn is refused (field path).',
    { datasetId: DatasetId, path: z.string().min(1) }, UserBasemapSchema),
  'basemap.get': op('The dataset\'s own basemap file (null if none) and whether the map draws it.', { datasetId: DatasetId }, z.object({ own: UserBasemapSchema.nullable() })),
  'basemap.use': op('Draw the dataset\'s own basemap file (own true) or its built-in basemap (own false).', { datasetId: DatasetId, own: z.boolean() }, z.object({ own: UserBasemapSchema.nullable() })),
  'basemap.remove': op('Forget the dataset\'s own basemap file and delete its copy; the built-in basemap is drawn again.', { datasetId: DatasetId }, z.object({ removed: z.boolean() })),
  'operations.delete': op('Delete a saved operation.', { id: z.number().int().positive() }, z.object({ deleted: z.boolean() })),
} as const;

/** Post-operation and editing operations live in their own modules (core/api/*-contract.ts). */
export const contract = { ...coreContract, ...postopContract, ...editingContract } as const;
export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type Input<N extends OperationName> = z.input<Contract[N]['input']>;
export type Output<N extends OperationName> = z.output<Contract[N]['output']>;
