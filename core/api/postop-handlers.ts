/**
 * Handlers for core/api/postop-contract.ts. Input arrives validated by the contract; the
 * post-operation core (core/postop) does the work. A PostopError (one line, fit for the user)
 * becomes an ApiError: "no ..." is not_found, anything else invalid_input.
 */
import { statSync } from 'node:fs';
import type { BackendContext } from './handlers';
import type { Input, OperationName, Output } from './contract';
import { ApiError } from './errors';
import type { CalibrationReply, ComparisonReply, ObservationList, RevealReply } from './postop-contract';
import {
  calibrate, compare, ensureEmptyDataset, exportPackage, importObservations, importPackage, listObservations, loadOutcomes,
  recordCasualtyReport, recordDisplacementReport, recordFacilityStatus, recordServiceOutage, revealOutcomes, PostopError,
  type CalibrationCase, type DamagePrediction,
} from '../postop';
import { predictDamage } from '../postop/prediction';
import {
  chooseParameterSet, listParameterSets, parameterSetByName, saveCalibratedSet, scaleProfile, DEFAULT_SET_NAME,
} from '../postop/parameter-sets';
import { findDataset, listDatasets, requireDataset } from '../store/datasets';
import { getOperation, listOperations, type SavedOperationRow } from '../store/operations';
import { listAssessments, saveAssessment, type StoredAssessment } from '../store/assessments';
import { StoreError } from '../store/db';
import { resolveParameters } from '../engine/parameters';
import type { DatasetBundle } from '../model/dataset';
import { Operation, type EffectProfile } from '../model/operation';
import { assess } from '../engine/assess';
import type { DamageSet } from '../postop/calibrate';

type PostopName = Extract<OperationName, `observations.${string}` | `postop.${string}` | `parameters.${string}` | `package.${string}`>;
type PostopHandlers = { [N in PostopName]: (input: Input<N>) => Promise<Output<N>> | Output<N> };

/** PostopError and StoreError to a structured API error; anything else passes through (dispatch reports it as internal). */
function apiError(e: unknown): unknown {
  if (e instanceof PostopError || e instanceof StoreError) {
    const m = e.message;
    return new ApiError(/^no |not found|is not in the dataset|cannot read package/.test(m) ? 'not_found' : 'invalid_input', m);
  }
  return e;
}

function guard<I, O>(f: (input: I) => O | Promise<O>): (input: I) => Promise<O> {
  return async (input: I) => {
    try { return await f(input); } catch (e) { throw apiError(e); }
  };
}

export function createPostopHandlers(ctx: BackendContext): PostopHandlers {
  const { db } = ctx;
  const { profiles, defaults } = ctx.engine;
  const classFactor = resolveParameters(defaults.values).classFactor;
  const bundleOf = (datasetId: number): DatasetBundle => ctx.engine.loaded(datasetId).bundle;

  function savedOperation(id: number): SavedOperationRow {
    const row = getOperation(db, id);
    if (!row) throw new ApiError('not_found', `no saved operation with id ${id}`, 'operationId');
    const parsed = Operation.safeParse(row.operation);
    if (!parsed.success) throw new ApiError('invalid_input', `saved operation ${id} is not a complete operation: ${parsed.error.issues[0]!.message}`, 'operationId');
    return { ...row, operation: parsed.data };
  }

  /** The assessment compared with an operation: the latest linked to it, else the latest with the same inputs, else with the same name. */
  function findAssessment(op: SavedOperationRow): { a: StoredAssessment; by: ComparisonReply['assessmentMatchedBy'] } | null {
    const linked = listAssessments(db, { operationId: op.id });
    if (linked.length) return { a: linked[linked.length - 1]!, by: 'operationId' };
    const all = listAssessments(db, { datasetId: op.datasetId });
    const body = JSON.stringify(op.operation);
    const same = all.filter((a) => JSON.stringify(a.operation) === body);
    if (same.length) return { a: same[same.length - 1]!, by: 'inputs' };
    const named = all.filter((a) => a.operation?.name === op.operation.name);
    if (named.length) return { a: named[named.length - 1]!, by: 'name' };
    return null;
  }

  function runAssessment(op: SavedOperationRow): StoredAssessment {
    const result = ctx.engine.assess(op.datasetId, op.operation);
    const id = saveAssessment(db, { datasetId: op.datasetId, operationId: op.id, operation: op.operation, result });
    return { id, datasetId: op.datasetId, operationId: op.id, operation: op.operation, result, createdAt: result.provenance.createdAt };
  }

  /** Per-building damage prediction under a parameter set (the one the assessment recorded, for a fair comparison). */
  function predictionFor(op: SavedOperationRow, setName: string): DamagePrediction {
    const set = parameterSetByName(db, setName, { fallback: true, base: defaults });
    return predictDamage(bundleOf(op.datasetId), set.applyToOperation(op.operation), set.applyToProfiles(profiles), { classFactor });
  }

  function compareOperation(input: { operationId: number; assessmentId?: number; assessIfMissing?: boolean; damageThreshold?: 1 | 2 | 3 | 4; pDownThreshold?: number }): ComparisonReply {
    const op = savedOperation(input.operationId);
    let found: { a: StoredAssessment; by: ComparisonReply['assessmentMatchedBy'] } | null;
    if (input.assessmentId !== undefined) {
      const a = listAssessments(db, { datasetId: op.datasetId }).find((x) => x.id === input.assessmentId);
      if (!a) throw new ApiError('not_found', `no assessment ${input.assessmentId} in the dataset of operation ${op.id}`, 'assessmentId');
      found = { a, by: 'id' };
    } else {
      found = findAssessment(op);
      if (!found && input.assessIfMissing) found = { a: runAssessment(op), by: 'assessed' };
    }
    if (!found) {
      throw new ApiError('not_found', `operation ${op.id} ("${op.operation.name}") has no assessment to compare with: assess it first`, 'operationId');
    }
    const { a, by } = found;
    const observed = loadOutcomes(db, op.datasetId, op.id);
    const setName = a.result.provenance.parameterSet;
    const damage = predictionFor(op, setName);
    const comparison = compare({ result: a.result, damage, observed }, {
      damageThreshold: input.damageThreshold, pDownThreshold: input.pDownThreshold,
    });
    return {
      operationId: op.id, operationName: op.operation.name, datasetId: op.datasetId, assessmentId: a.id, assessmentMatchedBy: by,
      assessedAt: a.createdAt, parameterSet: setName, comparison,
    };
  }

  /** Killed and injured (as compare() counts them) of the default model with damage multipliers applied; memoised per set. */
  function casualtyPredictor(datasetId: number, operation: Operation, observed: ReturnType<typeof loadOutcomes>): (m: DamageSet) => { killed: number; injured: number } {
    const memo = new Map<string, { killed: number; injured: number }>();
    return (m) => {
      const key = JSON.stringify([m.damage, Object.entries(m.damageByZone).sort()]);
      let v = memo.get(key);
      if (!v) {
        const scale = (p: EffectProfile) => scaleProfile(p, { casualtyKilled: 1, casualtyInjured: 1, ...m });
        const op = { ...operation, areas: operation.areas.map((a) => (a.profile ? { ...a, profile: scale(a.profile) } : a)) };
        const r = assess(ctx.engine.cityOf(datasetId), op, {
          profiles: profiles.map(scale), parameters: defaults.values, parameterSetName: defaults.name,
          seed: 1, mode: 'expectation', appVersion: 'calibration', createdAt: '',
        });
        const cc = compare({ result: r, observed }).calibration.casualties;
        v = { killed: cc.killed?.predicted ?? 0, injured: cc.injured?.predicted ?? 0 };
        memo.set(key, v);
      }
      return v;
    };
  }

  function calibrateAcross(datasetId: number | undefined): Omit<CalibrationReply, 'savedAs'> {
    const datasets = datasetId !== undefined ? [requireDataset(db, datasetId).id] : listDatasets(db).map((d) => d.id);
    const cases: CalibrationCase[] = [];
    const used: CalibrationReply['used'] = []; const skipped: CalibrationReply['skipped'] = [];
    for (const d of datasets) {
      const observedOps = new Set((db.prepare('SELECT DISTINCT operation_id AS id FROM observations WHERE dataset_id = ? AND operation_id IS NOT NULL').all(d) as { id: number }[]).map((r) => r.id));
      const hasShared = (db.prepare('SELECT COUNT(*) AS n FROM observations WHERE dataset_id = ? AND operation_id IS NULL').get(d) as { n: number }).n > 0;
      for (const row of listOperations(db, d)) {
        // evidence is what was recorded for this operation: observations assigned to no operation are
        // not evidence for every one of them (leave-one-out would see the held-out operation's data)
        if (!observedOps.has(row.id)) { if (hasShared) skipped.push({ operationId: row.id, name: row.operation?.name ?? `operation ${row.id}`, reason: 'only observations assigned to no operation: assign them to an operation to use them' }); continue; }
        const name = row.operation?.name ?? `operation ${row.id}`;
        let op: SavedOperationRow;
        try { op = savedOperation(row.id); } catch (e) { skipped.push({ operationId: row.id, name, reason: (e as Error).message }); continue; }
        const found = findAssessment(op);
        if (!found) { skipped.push({ operationId: row.id, name, reason: 'no assessment' }); continue; }
        const { a } = found;
        // Damage: always against the default profiles, so multipliers are relative to the default model.
        const observed = loadOutcomes(db, d, op.id, { ownOnly: true });
        const c = compare({ result: a.result, damage: predictDamage(bundleOf(d), op.operation, profiles, { classFactor }), observed });
        // Casualties: predicted by the default model (expectation mode) with the damage multipliers
        // being fitted applied, so no calibrated set's multipliers or clipping need undoing.
        const predictCasualties = casualtyPredictor(d, op.operation, observed);
        const base = predictCasualties({ damage: 1, damageByZone: {} });
        const withDefault = (x: { predicted: number; observed: number } | null, predicted: number) => (x ? { predicted, observed: x.observed } : null);
        const inputs = {
          casualties: { killed: withDefault(c.calibration.casualties.killed, base.killed), injured: withDefault(c.calibration.casualties.injured, base.injured) },
          damageZones: c.calibration.damageZones,
          predictCasualties,
        };
        if (!inputs.casualties.killed && !inputs.casualties.injured && !inputs.damageZones.length) {
          skipped.push({ operationId: row.id, name, reason: 'no casualty report and no building damage inside an observed footprint' });
          continue;
        }
        cases.push({ id: `${name} (#${row.id})`, ...inputs });
        used.push({ operationId: row.id, name, datasetId: d, assessmentId: a.id });
      }
    }
    return { calibration: calibrate(cases), used, skipped };
  }

  return {
    'observations.import': guard(async ({ files, dataset, operationId, product, sensorDate, createDataset }) => {
      let ref: string | number = dataset;
      if (createDataset && typeof dataset === 'string' && !findDataset(db, dataset)) ref = ensureEmptyDataset(db, dataset);
      return importObservations(db, files, { dataset: ref, operationId, product, sensorDate });
    }),
    'observations.list': guard(({ dataset, operationId, kind, limit }): ObservationList => {
      const all = listObservations(db, { dataset, operationId, kind });
      const byKind: Record<string, number> = {}; const byClass: Record<string, number> = { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
      const products = new Map<string, ObservationList['products'][number]>();
      for (const o of all) {
        byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
        if (o.kind === 'building_damage' && o.damageClass !== null) byClass[o.damageClass] = (byClass[o.damageClass] ?? 0) + 1;
        const k = `${o.product}\u0000${o.kind}`;
        const p = products.get(k) ?? products.set(k, { product: o.product, kind: o.kind, count: 0, sensorDate: o.sensorDate }).get(k)!;
        p.count++;
      }
      const bulky = (k: string) => k === 'building_damage' || k === 'footprint';
      const items = all.filter((o) => kind !== undefined || !bulky(o.kind)).slice(0, limit ?? 500);
      return { total: all.length, byKind, byClass, products: [...products.values()], items };
    }),
    'observations.recordFacilityStatus': guard((input) => ({ id: recordFacilityStatus(db, input) })),
    'observations.recordServiceOutage': guard((input) => ({ id: recordServiceOutage(db, input) })),
    'observations.recordCasualtyReport': guard((input) => ({ id: recordCasualtyReport(db, input) })),
    'observations.recordDisplacementReport': guard((input) => ({ id: recordDisplacementReport(db, input) })),
    'observations.delete': guard(({ id }) => {
      const deleted = db.transaction(() => {
        db.prepare('DELETE FROM observations_rtree WHERE id = ?').run(id);
        return db.prepare('DELETE FROM observations WHERE id = ?').run(id).changes > 0;
      })();
      if (!deleted) throw new ApiError('not_found', `no observation with id ${id}`, 'id');
      return { deleted };
    }),
    'postop.compare': guard(compareOperation),
    'postop.calibrate': guard(({ datasetId, name, dryRun }): CalibrationReply => {
      const r = calibrateAcross(datasetId);
      if (!r.used.length) {
        throw new ApiError('not_found', `no operation has both an assessment and observed outcomes${datasetId !== undefined ? ` in dataset ${datasetId}` : ''}: record what happened first`);
      }
      const savedAs = dryRun ? null : saveCalibratedSet(db, { ...r.calibration, parameterSet: { ...r.calibration.parameterSet, name: name ?? 'calibrated' } }, { base: defaults });
      return { ...r, savedAs };
    }),
    'parameters.sets.list': guard(({ includeCalibration }) => listParameterSets(db).map((x) => (includeCalibration === false ? { ...x, calibration: null } : x))),
    'parameters.sets.choose': guard(({ name }) => ({ chosen: chooseParameterSet(db, name === defaults.name ? DEFAULT_SET_NAME : name) })),
    'package.export': guard(({ dataset, operationId, optionIds, title, briefing, out, passphrase, hmacKey, marginM }) => {
      const op = savedOperation(operationId);
      const ids = [operationId, ...(optionIds ?? []).filter((x) => x !== operationId)];
      const options = ids.map((id) => savedOperation(id).operation.name);
      exportPackage(db, {
        path: out, title: title ?? op.operation.name, dataset, operations: ids, briefing,
        outcomes: { fromOperationId: operationId }, revealPassphrase: passphrase, hmacKey, marginM, appVersion: ctx.appVersion,
      });
      return { path: out, bytes: statSync(out).size, title: title ?? op.operation.name, operations: options };
    }),
    'package.import': guard(({ path, hmacKey }) => importPackage(db, path, { hmacKey })),
    'package.reveal': guard(({ path, passphrase, hmacKey, operationId }): RevealReply => {
      const op = operationId !== undefined ? savedOperation(operationId) : null;
      const r = revealOutcomes(db, { path, passphrase, hmacKey });
      let comparison: ComparisonReply | null = null;
      if (op) {
        // Check first, record after: outcomes of another option never land on this operation.
        if (r.operation !== op.operation.name) {
          throw new ApiError('invalid_input', `the outcomes are for "${r.operation}", not for operation ${op.id} ("${op.operation.name}")`, 'operationId');
        }
        revealOutcomes(db, { path, passphrase, hmacKey, record: { datasetId: op.datasetId, operationId: op.id } });
        comparison = findAssessment(op) ? compareOperation({ operationId: op.id }) : null;
      }
      return { operation: r.operation, observed: r.observed, recorded: op !== null, comparison };
    }),
  };
}
