/**
 * The engine as the backend uses it: each dataset loaded once per content hash and prepared for the
 * engine on first use, and every assessment run with the parameter set the user chose (default or
 * calibrated, METHOD.md §7), which goes into its provenance. Shared by all handler modules, so a
 * city is held in memory once.
 */
import type { Db } from '../store/db';
import { loadDataset, requireDataset } from '../store/datasets';
import { activeParameterSet } from '../postop/parameter-sets';
import { prepareCity, type CityModel } from '../engine/city';
import { assess, assessExpectedAndSampled, type AssessOptions } from '../engine/assess';
import { previewOf, PREVIEW_RUNS } from '../engine/preview';
import { loadDefaultParameters, loadDefaultProfiles } from '../engine/parameters';
import type { DatasetBundle } from '../model/dataset';
import type { EffectProfile, Operation } from '../model/operation';
import { DEFAULT_SEED } from '../model/defaults';

export interface RunOptions { runs?: number; seed?: number; mode?: 'montecarlo' | 'expectation' }

export interface EngineService {
  profiles: EffectProfile[];
  defaults: ReturnType<typeof loadDefaultParameters>;
  /** The dataset's content hash now, its bundle (reloaded only when the hash changes), and its city if prepared already. */
  loaded(datasetId: number): { hash: string; bundle: DatasetBundle; city?: CityModel };
  cityOf(datasetId: number): CityModel;
  /** Engine arguments for one operation under the chosen parameter set. */
  inputs(datasetId: number, operation: Operation, o?: RunOptions): [CityModel, Operation, AssessOptions];
  assess(datasetId: number, operation: Operation, o?: RunOptions): ReturnType<typeof assess>;
  /** The live estimate (core/engine/preview.ts): expectation figures, bounds from a short seeded run. Never stored. */
  preview(datasetId: number, operation: Operation): ReturnType<typeof assess>;
}

export function createEngineService(db: Db, appVersion: string): EngineService {
  const profiles = loadDefaultProfiles();
  const defaults = loadDefaultParameters();
  const cache = new Map<number, { hash: string; bundle: DatasetBundle; city?: CityModel }>();

  function entry(datasetId: number) {
    const row = requireDataset(db, datasetId);
    let e = cache.get(datasetId);
    if (!e || e.hash !== row.content_hash) {
      e = { hash: row.content_hash, bundle: loadDataset(db, datasetId) };
      cache.set(datasetId, e);
    }
    return e;
  }

  const service: EngineService = {
    profiles,
    defaults,
    loaded: (datasetId) => entry(datasetId),
    cityOf: (datasetId) => {
      const e = entry(datasetId);
      return (e.city ??= prepareCity(e.bundle, e.hash));
    },
    inputs: (datasetId, operation, o = {}) => {
      const set = activeParameterSet(db, defaults);
      return [service.cityOf(datasetId), set.applyToOperation(operation), {
        profiles: set.applyToProfiles(profiles), parameters: set.values,
        parameterSetName: set.kind === 'default' ? defaults.name : set.name,
        // runs undefined: the engine takes montecarlo.runs from the parameter set (METHOD.md §3: 1,000).
        runs: o.runs, seed: o.seed ?? DEFAULT_SEED, mode: o.mode ?? 'montecarlo',
        appVersion, createdAt: new Date().toISOString(),
      }];
    },
    assess: (datasetId, operation, o) => assess(...service.inputs(datasetId, operation, o)),
    preview: (datasetId, operation) => {
      const [city, op, opts] = service.inputs(datasetId, operation, { mode: 'expectation' });
      const { expected, sampled } = assessExpectedAndSampled(city, op, { ...opts, runs: PREVIEW_RUNS });
      return previewOf(expected, sampled);
    },
  };
  return service;
}
