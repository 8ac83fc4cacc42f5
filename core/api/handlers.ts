/**
 * One handler per contract operation. Handlers receive validated input and talk to the store and
 * the engine; they hold no transport code. The engine's prepared city is cached per dataset version.
 */
import { area as turfArea, centroid } from '@turf/turf';
import type { Input, OperationName, Output } from './contract';
import { ApiError } from './errors';
import type { Db } from '../store/db';
import { listDatasets, loadDataset, requireDataset } from '../store/datasets';
import { deleteOperation, listOperations, saveOperation } from '../store/operations';
import { saveAssessment } from '../store/assessments';
import { loadWorkspace, saveWorkspace } from '../store/workspace';
import { importFiles, formatReport } from '../import/pipeline';
import { Jobs } from './jobs';
import { createPostopHandlers } from './postop-handlers';
import { activeParameterSet } from '../postop/parameter-sets';
import { createEditingHandlers } from './editing-handlers';
import { prepareCity, type CityModel } from '../engine/city';
import { residentsInArea } from '../engine/exposure';
import { assess, assessAsync } from '../engine/assess';
import { compareOptions } from '../engine/compare';
import { loadDefaultParameters, loadDefaultProfiles } from '../engine/parameters';
import type { DatasetBundle } from '../model/dataset';
import type { Operation } from '../model/operation';

interface LoadedDataset { hash: string; bundle: DatasetBundle; city(): CityModel; layers(): ReturnType<typeof layersOf> }

export type Handlers = { [N in OperationName]: (input: Input<N>) => Promise<Output<N>> | Output<N> };

export interface BackendContext {
  db: Db;
  dbPath: string;
  appVersion: string;
  /** Default Monte Carlo settings (METHOD.md §3: 1,000 runs, seeded). */
  defaultRuns: number;
  defaultSeed: number;
}

export function createHandlers(ctx: BackendContext): Handlers {
  const jobs = new Jobs();
  const loaded = new Map<number, LoadedDataset>();
  const profiles = loadDefaultProfiles();
  const parameters = loadDefaultParameters();

  /**
   * A dataset as loaded from the store, rebuilt only when its content hash changes. The engine's
   * prepared model is built on first use, so showing the map does not wait for it.
   */
  function datasetOf(datasetId: number): LoadedDataset {
    const row = requireDataset(ctx.db, datasetId);
    const cached = loaded.get(datasetId);
    if (cached && cached.hash === row.content_hash) return cached;
    const bundle = loadDataset(ctx.db, datasetId);
    let city: CityModel | undefined;
    let layers: ReturnType<typeof layersOf> | undefined;
    const entry: LoadedDataset = {
      hash: row.content_hash, bundle,
      city: () => (city ??= prepareCity(bundle, row.content_hash)),
      layers: () => (layers ??= layersOf(bundle)),
    };
    loaded.set(datasetId, entry);
    return entry;
  }
  const cityOf = (datasetId: number) => datasetOf(datasetId).city();

  type RunOptions = { runs?: number; seed?: number; mode?: 'montecarlo' | 'expectation' };
  /** The engine inputs for one operation: the chosen parameter set (default or calibrated, METHOD.md §7) goes into provenance. */
  function engineInputs(datasetId: number, operation: Operation, o: RunOptions) {
    const set = activeParameterSet(ctx.db, parameters);
    return [cityOf(datasetId), set.applyToOperation(operation), {
      profiles: set.applyToProfiles(profiles), parameters: set.values, parameterSetName: set.kind === 'default' ? parameters.name : set.name,
      runs: o.runs ?? ctx.defaultRuns, seed: o.seed ?? ctx.defaultSeed, mode: o.mode ?? ('montecarlo' as const),
      appVersion: ctx.appVersion, createdAt: new Date().toISOString(),
    }] as const;
  }
  const runOne = (datasetId: number, operation: Operation, o: RunOptions) => assess(...engineInputs(datasetId, operation, o));

  return {
    ...createPostopHandlers(ctx),
    ...createEditingHandlers(ctx),
    'app.info': () => ({ appVersion: ctx.appVersion, dbPath: ctx.dbPath }),
    'datasets.list': () => listDatasets(ctx.db),
    'datasets.layers': ({ datasetId }) => datasetOf(datasetId).layers(),
    'exposure.residents': ({ datasetId, area }) => ({ residents: residentsInArea(cityOf(datasetId), area) }),
    'assess.run': ({ datasetId, operation, ...o }) => {
      const result = runOne(datasetId, operation, o);
      saveAssessment(ctx.db, { datasetId, operation, result });
      return result;
    },
    'assess.start': ({ datasetId, operation, ...o }) => ({
      // A long Monte Carlo as a job: progress in runs, cancellable, the process stays responsive.
      jobId: jobs.start('assessment', async (signal, progress) => {
        const [city, op, opts] = engineInputs(datasetId, operation, o);
        const result = await assessAsync(city, op, {
          ...opts, shouldStop: () => signal.aborted,
          onProgress: (done, total) => progress({ phase: 'Monte Carlo', done, total, unit: 'runs' }),
        });
        saveAssessment(ctx.db, { datasetId, operation, result });
        return result;
      }),
    }),
    'assess.compare': ({ datasetId, operations, ...o }) => {
      const results = operations.map((op) => runOne(datasetId, op, o));
      return compareOptions(results);
    },
    'profiles.list': () => profiles,
    'operations.list': ({ datasetId }) => listOperations(ctx.db, datasetId),
    'operations.save': ({ datasetId, id, operation }) => {
      requireDataset(ctx.db, datasetId);
      return { id: saveOperation(ctx.db, datasetId, operation, id) };
    },
    'workspace.get': ({ datasetId }) => ({ operation: loadWorkspace(ctx.db, requireDataset(ctx.db, datasetId).id) }),
    'workspace.save': ({ datasetId, operation }) => {
      saveWorkspace(ctx.db, requireDataset(ctx.db, datasetId).id, operation);
      return { saved: true };
    },
    'import.start': ({ files, dataset, licence, attribution }) => ({
      jobId: jobs.start('import', async (signal, progress) => {
        const report = await importFiles(ctx.db, files, {
          dataset, licence, attribution, signal,
          onProgress: (p) => progress({ phase: p.phase, done: p.bytesRead, total: p.bytesTotal, unit: `bytes, ${p.features} features` }),
        });
        return { ...report, summary: formatReport(report) };
      }),
    }),
    'jobs.status': ({ jobId }) => {
      const s = jobs.status(jobId);
      if (!s) throw new ApiError('not_found', `no job ${jobId}`);
      return s;
    },
    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'operations.delete': ({ id }) => {
      if (!deleteOperation(ctx.db, id)) throw new ApiError('not_found', `no saved operation with id ${id}`);
      return { deleted: true };
    },
  };
}

/** GeoJSON for the map, with the properties the layers style on. */
function layersOf(b: DatasetBundle) {
  const fc = (features: object[]) => ({ type: 'FeatureCollection' as const, features: features as Record<string, unknown>[] });
  const facilityById = new Map(b.facilities.map((f) => [f.id, f]));
  return {
    populationUnits: fc(b.populationUnits.map((u) => ({
      type: 'Feature', geometry: u.geometry,
      properties: { id: u.id, residents: u.residents, densityPerKm2: Math.round(u.residents / Math.max(turfArea(u.geometry) / 1e6, 1e-6)) },
    }))),
    buildings: fc(b.buildings.map((x) => ({
      type: 'Feature', geometry: x.geometry,
      properties: { id: x.id, use: x.use, construction: x.construction, storeys: x.storeys, residents: x.residents },
    }))),
    facilities: fc(b.facilities.map((f) => ({
      type: 'Feature', geometry: f.geometry,
      properties: { id: f.id, name: f.name, sector: f.sector, kind: f.kind, construction: f.construction, beds: f.capacity.beds ?? null },
    }))),
    // Sites as points (a circle layer would mark every vertex of a footprint).
    protectedSites: fc(b.protectedSites.map((p) => ({
      type: 'Feature', geometry: p.geometry.type === 'Point' ? p.geometry : centroid(p.geometry as never).geometry, properties: { id: p.id, name: p.name, category: p.category },
    }))),
    dependencies: fc(b.dependencies.flatMap((d) => {
      const s = facilityById.get(d.supplierId); const c = facilityById.get(d.consumerId);
      return s && c ? [{
        type: 'Feature', geometry: { type: 'LineString', coordinates: [s.geometry.coordinates, c.geometry.coordinates] },
        properties: { id: d.id, input: d.input, backupDays: d.backupDays, inferred: d.inferred, supplier: s.name, consumer: c.name, supplierId: s.id, consumerId: c.id },
      }] : [];
    })),
  };
}
