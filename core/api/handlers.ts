/**
 * One handler per contract operation. Handlers receive validated input and talk to the store and
 * the engine; they hold no transport code.
 */
import { area as turfArea } from '@turf/area';
import { vertexCentroid } from '../geometry/polygons';
import type { MapFeature, MapFeatureCollection } from '../model/geojson';
import type { Input, OperationName, Output } from './contract';
import { DomainError } from '../model/errors';
import type { Db } from '../store/db';
import { listDatasets, requireDataset } from '../store/datasets';
import { deleteOperation, getOperation, listOperations, saveOperation } from '../store/operations';
import { getAssessment, saveAssessment } from '../store/assessments';
import { loadWorkspace, saveWorkspace } from '../store/workspace';
import { ensureBasemapFeatures } from '../basemap/write';
import { datasetTile } from '../basemap/tiler';
import type { UserBasemaps } from '../basemap/user-basemap';
import { generateTrainingBasemap } from '../synth/training-basemap';
import trainingCity from '../../data/training-city.json';
import { Jobs, type JobProgress } from './jobs';
import { takingTurns } from './turns';
import { createPostopHandlers } from './postop-handlers';
import { createEditingHandlers } from './editing-handlers';
import { residentsInArea } from '../engine/exposure';
import { assessAsync } from '../engine/assess';
import type { EngineService, RunOptions } from './engine-service';
import { compareOptions } from '../engine/compare';
import type { DatasetBundle } from '../model/dataset';
import { Operation } from '../model/operation';

export type Handlers = { [N in OperationName]: (input: Input<N>) => Promise<Output<N>> | Output<N> };

export interface BackendContext {
  db: Db;
  dbPath: string;
  appVersion: string;
  /** Datasets and prepared cities, shared by every handler module; runs under the chosen parameter set. */
  engine: EngineService;
  /** The users' own basemap files, held open while served; closed with the backend. */
  userBasemaps: UserBasemaps;
}

export function createHandlers(ctx: BackendContext): Handlers {
  const jobs = new Jobs();
  const { engine } = ctx;
  // Map layers per dataset version: built once, served to every window.
  const layers = new Map<number, { hash: string; value: ReturnType<typeof layersOf> }>();
  const basemapChecked = new Set<number>();
  // Work nobody waits on in particular, done one piece per turn so other calls are answered in
  // between: dataset tiles built on first ask, a city prepared when it is opened.
  const backgroundTurn = takingTurns();
  const { userBasemaps } = ctx;
  function layersFor(datasetId: number) {
    const { hash, bundle } = engine.loaded(datasetId);
    const cached = layers.get(datasetId);
    if (cached?.hash === hash) return cached.value;
    const value = layersOf(bundle);
    layers.set(datasetId, { hash, value });
    return value;
  }

  function assessJob(datasetId: number, operation: Operation, o: RunOptions, signal: AbortSignal, progress: (p: JobProgress) => void) {
    const [city, op, opts] = engine.inputs(datasetId, operation, o);
    return assessAsync(city, op, {
      ...opts, shouldStop: () => signal.aborted,
      onProgress: (done, total) => progress({ phase: 'Monte Carlo', done, total, unit: 'runs' }),
    });
  }

  return {
    ...createPostopHandlers(ctx),
    ...createEditingHandlers(ctx),
    'app.info': () => ({ appVersion: ctx.appVersion, dbPath: ctx.dbPath }),
    'datasets.list': () => listDatasets(ctx.db),
    'datasets.layers': ({ datasetId }) => {
      const value = layersFor(datasetId);
      // Opened (or edited): a planner draws on it next. Prepared now, after this reply, the first
      // drawing's estimate does not wait for it (Porto: 160 ms; a million-cell city: seconds).
      void backgroundTurn(() => engine.cityOf(datasetId)).catch(() => undefined); // a dataset deleted meanwhile: nothing to prepare
      return value;
    },
    'exposure.residents': ({ datasetId, area }) => ({ residents: residentsInArea(engine.cityOf(datasetId), area) }),
    // In slices (assessAsync), so the engine worker answers other calls while a long run goes on.
    'assess.run': async ({ datasetId, operation, ...o }) => {
      const result = await assessAsync(...engine.inputs(datasetId, operation, o));
      saveAssessment(ctx.db, { datasetId, operation, result });
      return result;
    },
    'assess.preview': ({ datasetId, operation }) => engine.preview(datasetId, operation),
    'assess.start': ({ datasetId, operation, ...o }) => ({
      // A long Monte Carlo as a job: progress in runs, cancellable, the process stays responsive.
      jobId: jobs.start('assessment', async (signal, progress) => {
        const result = await assessJob(datasetId, operation, o, signal, progress);
        saveAssessment(ctx.db, { datasetId, operation, result });
        return result;
      }),
    }),
    'assess.save': ({ operationId, ...o }) => {
      const saved = getOperation(ctx.db, operationId);
      if (!saved) throw new DomainError('not_found', `no saved operation with id ${operationId}`, 'operationId');
      const parsed = Operation.safeParse(saved.operation);
      if (!parsed.success) throw new DomainError('invalid_input', `saved operation ${operationId} is not a complete operation: ${parsed.error.issues[0]!.message}`, 'operationId');
      const { datasetId } = saved; const operation = parsed.data;
      return {
        jobId: jobs.start('savedRun', async (signal, progress) => {
          const result = await assessJob(datasetId, operation, o, signal, progress);
          const assessmentId = saveAssessment(ctx.db, { datasetId, operationId, operation, result });
          return { assessmentId, operationId, result };
        }),
      };
    },
    'assessments.get': ({ id }) => {
      const a = getAssessment(ctx.db, id);
      if (!a) throw new DomainError('not_found', `no assessment with id ${id}`, 'id');
      return a;
    },
    'assess.compare': async ({ datasetId, operations, ...o }) => {
      const results = [];
      for (const op of operations) results.push(await assessAsync(...engine.inputs(datasetId, op, o)));
      return compareOptions(results);
    },
    'profiles.list': () => engine.profiles,
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
    'import.start': ({ files, dataset, licence, attribution, window, mapping }) => ({
      jobId: jobs.start('import', async (signal, progress) => {
        // The importers (proj4, shapefile, GeoTIFF, CSV readers) load on first import, not at every start.
        const { importFiles, formatReport } = await import('../import/pipeline');
        const report = await importFiles(ctx.db, files, {
          dataset, licence, attribution, window, mapping, signal,
          onProgress: (p) => progress({ phase: p.phase, step: p.step, features: p.features, done: p.bytesRead, total: p.bytesTotal, unit: `bytes, ${p.features} features` }),
        });
        return { ...report, summary: formatReport(report) };
      }),
    }),
    'jobs.status': ({ jobId }) => {
      const s = jobs.status(jobId);
      if (!s) throw new DomainError('not_found', `no job ${jobId}`);
      return s;
    },
    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'basemap.tile': async ({ datasetId, z, x, y, source }) => {
      if (x >= 2 ** z || y >= 2 ** z) throw new DomainError('invalid_input', `tile ${z}/${x}/${y} does not exist: x and y must be below ${2 ** z} at zoom ${z}`);
      const dataset = requireDataset(ctx.db, datasetId);
      if (source === 'own') return (await userBasemaps.tile(datasetId, z, x, y)) ?? new Uint8Array(0);
      if (!basemapChecked.has(datasetId)) {
        // the training city stored before basemaps existed (or from a scenario package) gets its streets on first use
        basemapChecked.add(datasetId);
        ensureBasemapFeatures(ctx.db, datasetId, () => (dataset.synthetic && dataset.name === trainingCity.name ? generateTrainingBasemap() : null));
      }
      return backgroundTurn(() => datasetTile(ctx.db, datasetId, z, x, y) ?? new Uint8Array(0));
    },
    'basemap.add': ({ datasetId, path }) => { requireDataset(ctx.db, datasetId); return userBasemaps.add(datasetId, path); },
    'basemap.get': ({ datasetId }) => { requireDataset(ctx.db, datasetId); return { own: userBasemaps.get(datasetId) }; },
    'basemap.use': ({ datasetId, own }) => {
      requireDataset(ctx.db, datasetId);
      if (!userBasemaps.use(datasetId, own) && own) throw new DomainError('not_found', `dataset ${datasetId} has no basemap file of its own: add one first`, 'own');
      return { own: userBasemaps.get(datasetId) };
    },
    'basemap.remove': ({ datasetId }) => { requireDataset(ctx.db, datasetId); return { removed: userBasemaps.remove(datasetId) }; },
    'operations.delete': ({ id }) => {
      if (!deleteOperation(ctx.db, id)) throw new DomainError('not_found', `no saved operation with id ${id}`);
      return { deleted: true };
    },
  };
}

/** GeoJSON for the map, with the properties the layers style on. */
function layersOf(b: DatasetBundle) {
  const fc = (features: MapFeature[]): MapFeatureCollection => ({ type: 'FeatureCollection', features });
  const facilityById = new Map(b.facilities.map((f) => [f.id, f]));
  return {
    populationUnits: fc(b.populationUnits.map((u) => ({
      type: 'Feature', geometry: u.geometry,
      properties: { id: u.id, residents: u.residents, densityPerKm2: Math.round(u.residents / Math.max(turfArea(u.geometry) / 1e6, 1e-6)) },
    }))),
    // buildings are drawn from the basemap tiles (a GeoJSON of every building was 69% of this reply on Porto)
    facilities: fc(b.facilities.map((f) => ({
      type: 'Feature', geometry: f.geometry,
      properties: { id: f.id, name: f.name, sector: f.sector, kind: f.kind, construction: f.construction, beds: f.capacity.beds ?? null },
    }))),
    // Sites as points (a circle layer would mark every vertex of a footprint).
    protectedSites: fc(b.protectedSites.map((p) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: vertexCentroid(p.geometry) }, properties: { id: p.id, name: p.name, category: p.category, capacity: p.capacity },
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
