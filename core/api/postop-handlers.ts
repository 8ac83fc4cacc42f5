/**
 * Handlers for core/api/postop-contract.ts. Input arrives validated by the contract; the
 * post-operation core (core/postop) does the work and throws DomainErrors, which dispatch sends as they are.
 */
import { statSync } from 'node:fs';
import type { BackendContext } from './handlers';
import type { Input, OperationName, Output } from './contract';
import { DomainError, say, type Said } from '../model/errors';
import { ENGLISH } from '../i18n/locale';
import type { CalibrationReply, ComparisonReply, ObservationList, RevealReply, ScoreReply, UnlockPhaseReply } from './postop-contract';
// Not through the '../postop' index: that loads the damage-product readers (shapefile, proj4, CSV),
// which only 'observations.import' needs; it imports them when called, so the CLI starts quicker.
import { calibrate, type CalibrationCase } from '../postop/calibrate';
import { compare, type DamagePrediction } from '../postop/compare';
import { exportPackage, importPackage, readPackage, recordOutcome, revealOutcomes, unlockPhase } from '../postop/package';
import {
  listObservations, loadOutcomes, recordCasualtyReport, recordDisplacementReport, recordFacilityStatus, recordServiceOutage,
  type ObservedOutcomes,
} from '../postop/observations';
import { predictDamage } from '../postop/prediction';
import { countOutside, describeOutside, operationReach } from '../postop/outside-guard';
import { packageSha256, readAnswer, writeAnswer, ANSWER_FORMAT, ANSWER_SCHEMA_VERSION } from '../postop/answer';
import { basename } from 'node:path';
import {
  chooseParameterSet, listParameterSets, parameterSetByName, saveCalibratedSet, scaleProfile, DEFAULT_SET_NAME,
} from '../postop/parameter-sets';
import { findDataset, listDatasets, requireDataset } from '../store/datasets';
import { getOperation, listOperations, type SavedOperationRow } from '../store/operations';
import { getAssessment, latestAssessment, saveAssessment, type StoredAssessment } from '../store/assessments';
import { deleteObservation, observedOperations } from '../store/observations';
import { resolveParameters } from '../engine/parameters';
import type { DatasetBundle } from '../model/dataset';
import { Operation, type EffectProfile } from '../model/operation';
import { assess } from '../engine/assess';
import type { DamageSet } from '../postop/calibrate';

type PostopName = Extract<OperationName, `observations.${string}` | `postop.${string}` | `parameters.${string}` | `package.${string}`>;
type PostopHandlers = { [N in PostopName]: (input: Input<N>) => Promise<Output<N>> | Output<N> };

export function createPostopHandlers(ctx: BackendContext): PostopHandlers {
  const { db } = ctx;
  const { profiles, defaults } = ctx.engine;
  const classFactor = resolveParameters(defaults.values).classFactor;
  const bundleOf = (datasetId: number): DatasetBundle => ctx.engine.loaded(datasetId).bundle;

  function savedOperation(id: number): SavedOperationRow {
    const row = getOperation(db, id);
    if (!row) throw new DomainError('not_found', `no saved operation with id ${id}`, 'operationId');
    const parsed = Operation.safeParse(row.operation);
    if (!parsed.success) throw new DomainError('invalid_input', `saved operation ${id} is not a complete operation: ${parsed.error.issues[0]!.message}`, 'operationId');
    return { ...row, operation: parsed.data };
  }

  /** The assessment compared with an operation: the latest linked to it, else the latest with the same inputs, else with the same name. */
  function findAssessment(op: SavedOperationRow): { a: StoredAssessment; by: ComparisonReply['assessmentMatchedBy'] } | null {
    const linked = latestAssessment(db, { operationId: op.id });
    if (linked) return { a: linked, by: 'operationId' };
    const same = latestAssessment(db, { datasetId: op.datasetId, inputs: op.operation });
    if (same) return { a: same, by: 'inputs' };
    const named = latestAssessment(db, { datasetId: op.datasetId, name: op.operation.name });
    return named ? { a: named, by: 'name' } : null;
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
      const a = getAssessment(db, input.assessmentId);
      if (!a || a.datasetId !== op.datasetId) throw new DomainError('not_found', `no assessment ${input.assessmentId} in the dataset of operation ${op.id}`, 'assessmentId');
      found = { a, by: 'id' };
    } else {
      found = findAssessment(op);
      if (!found && input.assessIfMissing) found = { a: runAssessment(op), by: 'assessed' };
    }
    if (!found) {
      throw new DomainError('not_assessed', `operation ${op.id} ("${op.operation.name}") has no assessment to compare with: assess it first`, 'operationId');
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
    // why an operation is left out, in English and by its catalogue entry (the panel words it in the reader's language)
    const leaveOut = (operationId: number, name: string, why: Said | string) => skipped.push(typeof why === 'string'
      ? { operationId, name, reason: why }
      : { operationId, name, reason: say(why, ENGLISH), key: why.key, ...(why.params ? { params: why.params } : {}) });
    for (const d of datasets) {
      const withObservations = observedOperations(db, d);
      for (const row of listOperations(db, d)) {
        // evidence is what was recorded for this operation: observations assigned to no operation are
        // not evidence for every one of them (leave-one-out would see the held-out operation's data)
        if (!withObservations.operationIds.has(row.id)) { if (withObservations.shared) leaveOut(row.id, row.operation?.name ?? `operation ${row.id}`, { key: 'calibration.unassignedOnly' }); continue; }
        const name = row.operation?.name ?? `operation ${row.id}`;
        let op: SavedOperationRow;
        try { op = savedOperation(row.id); } catch (e) { leaveOut(row.id, name, e instanceof DomainError && e.said ? e.said : (e as Error).message); continue; }
        const found = findAssessment(op);
        if (!found) { leaveOut(row.id, name, { key: 'calibration.noAssessment' }); continue; }
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
          leaveOut(row.id, name, { key: 'calibration.noEvidence' });
          continue;
        }
        cases.push({ id: `${name} (#${row.id})`, ...inputs });
        used.push({ operationId: row.id, name, datasetId: d, assessmentId: a.id });
      }
    }
    return { calibration: calibrate(cases), used, skipped };
  }

  /**
   * Refuses (field confirmOutside) damage that would be stored outside the dataset's extent or far
   * beyond the operation's zones, naming how many; the import's own checks report a missing dataset.
   */
  function outsideCheck(dataset: string | number, operationId: number | undefined): ((points: [number, number][]) => void) | undefined {
    const row = findDataset(db, dataset);
    if (!row) return undefined;
    const datasetBox = listDatasets(db).find((d) => d.id === row.id)?.bbox ?? null;
    const saved = operationId !== undefined ? getOperation(db, operationId) : undefined;
    const op = saved ? Operation.safeParse(saved.operation) : null;
    const operationBoxes = op?.success ? operationReach(op.data, profiles) : null;
    const operation = op?.success ? `operation ${saved!.id} ("${op.data.name}")` : undefined;
    return (points) => {
      const refusal = describeOutside(countOutside(points, { datasetBox, operationBoxes }), { dataset: row.name, operation });
      if (refusal) throw new DomainError('invalid_input', refusal, 'confirmOutside');
    };
  }

  return {
    'observations.import': async ({ files, dataset, operationId, product, sensorDate, createDataset, confirmOutside }) => {
      const { ensureEmptyDataset, importObservations } = await import('../postop/damage-import');
      let ref: string | number = dataset;
      if (createDataset && typeof dataset === 'string' && !findDataset(db, dataset)) ref = ensureEmptyDataset(db, dataset);
      const checkPoints = confirmOutside ? undefined : outsideCheck(ref, operationId);
      return importObservations(db, files, { dataset: ref, operationId, product, sensorDate, checkPoints });
    },
    'observations.list': ({ dataset, operationId, kind, limit }): ObservationList => {
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
    },
    'observations.recordFacilityStatus': (input) => ({ id: recordFacilityStatus(db, input) }),
    'observations.recordServiceOutage': (input) => ({ id: recordServiceOutage(db, input) }),
    'observations.recordCasualtyReport': (input) => ({ id: recordCasualtyReport(db, input) }),
    'observations.recordDisplacementReport': (input) => ({ id: recordDisplacementReport(db, input) }),
    'observations.delete': ({ id }) => {
      const deleted = deleteObservation(db, id);
      if (!deleted) throw new DomainError('not_found', `no observation with id ${id}`, 'id');
      return { deleted };
    },
    'postop.compare': compareOperation,
    'postop.calibrate': ({ datasetId, name, dryRun }): CalibrationReply => {
      if (name === defaults.name) throw new DomainError('invalid_input', `the name "${name}" is the shipped parameter set; give the calibrated set another name`, 'name');
      const r = calibrateAcross(datasetId);
      if (!r.used.length) {
        throw new DomainError('not_found', `no operation has both an assessment and observed outcomes${datasetId !== undefined ? ` in dataset ${datasetId}` : ''}: record what happened first`);
      }
      const savedAs = dryRun ? null : saveCalibratedSet(db, { ...r.calibration, parameterSet: { ...r.calibration.parameterSet, name: name ?? 'calibrated' } }, { base: defaults });
      return { ...r, savedAs };
    },
    // One name for the shipped set everywhere: the one in data/parameters.json, which assessments record in their provenance.
    'parameters.sets.list': ({ includeCalibration }) => listParameterSets(db).map((x) => ({
      ...x, ...(x.kind === 'default' ? { name: defaults.name } : {}), ...(includeCalibration === false ? { calibration: null } : {}),
    })),
    'parameters.sets.choose': ({ name }) => {
      const chosen = chooseParameterSet(db, name === defaults.name ? DEFAULT_SET_NAME : name);
      return { chosen: chosen === DEFAULT_SET_NAME ? defaults.name : chosen };
    },
    'package.export': ({ dataset, operationId, optionIds, title, briefing, out, overwrite, passphrase, hmacKey, signingKeyPem, marginM, firstPhaseTitle, laterPhases }) => {
      const op = savedOperation(operationId);
      // A phase's options: the one carried out first, then the others offered.
      const phaseIds = (carried: number, more: number[] | undefined) => [carried, ...(more ?? []).filter((x) => x !== carried)];
      for (const id of [operationId, ...(optionIds ?? []), ...(laterPhases ?? []).flatMap((p) => [p.operationId, ...(p.optionIds ?? [])])]) savedOperation(id);
      const ids = phaseIds(operationId, optionIds);
      exportPackage(db, {
        path: out, title: title ?? op.operation.name, dataset, operations: ids, briefing,
        outcomes: { fromOperationId: operationId }, revealPassphrase: passphrase, hmacKey, signingKeyPem, overwrite, marginM, appVersion: ctx.appVersion,
        ...(firstPhaseTitle ? { firstPhaseTitle } : {}),
        ...(laterPhases?.length ? {
          laterPhases: laterPhases.map((p) => ({
            title: p.title, briefing: p.briefing, operations: phaseIds(p.operationId, p.optionIds), outcomes: { fromOperationId: p.operationId }, daysAfterPrevious: p.daysAfterPrevious, code: p.code,
          })),
        } : {}),
      });
      const names = [...new Set([ids, ...(laterPhases ?? []).map((p) => phaseIds(p.operationId, p.optionIds))].flat().map((id) => savedOperation(id).operation.name))];
      return { path: out, bytes: statSync(out).size, title: title ?? op.operation.name, operations: names, phases: 1 + (laterPhases?.length ?? 0) };
    },
    'package.import': ({ path, hmacKey, signer }) => importPackage(db, path, { hmacKey, signer }),
    'package.reveal': ({ path, passphrase, hmacKey, signer, operationId }): RevealReply => {
      const op = operationId !== undefined ? savedOperation(operationId) : null;
      const r = revealOutcomes(db, { path, passphrase, hmacKey, signer });
      let comparison: ComparisonReply | null = null;
      if (op) {
        // Check first, record after: outcomes of another option never land on this operation.
        const phase = r.phases.find((p) => p.operation === op.operation.name);
        if (!phase) {
          throw new DomainError('invalid_input', `the outcomes are for "${r.phases.map((p) => p.operation).join('", "')}", not for operation ${op.id} ("${op.operation.name}")`, 'operationId');
        }
        const { payload } = readPackage(path, { hmacKey, signer });
        recordOutcome(db, { datasetId: op.datasetId, operationId: op.id }, phase.observed, payload);
        comparison = findAssessment(op) ? compareOperation({ operationId: op.id }) : null;
      }
      return { operation: r.operation, observed: r.observed, recorded: op !== null, comparison, signedBy: r.signedBy };
    },
    'package.unlockPhase': ({ path, hmacKey, signer, phase, code }): UnlockPhaseReply => {
      const u = unlockPhase(path, phase, code, { hmacKey, signer });
      // Importing again is idempotent and gives this store's ids; the previous outcome is recorded on its operation for the map.
      const scenario = importPackage(db, path, { hmacKey, signer });
      const { payload } = readPackage(path, { hmacKey, signer });
      const previousId = scenario.operations.find((o) => o.name === u.previous.operation)!.id;
      recordOutcome(db, { datasetId: scenario.datasetId, operationId: previousId }, u.previous.observed, payload);
      return { ...u, options: scenario.phases[phase - 1]!.options, previous: { ...u.previous, operationId: previousId } };
    },
    'package.answer': ({ path, hmacKey, chosenOperationId, phase, trainee, rationale, out }) => {
      // Importing again is idempotent: it checks the package and gives this store's ids of its options.
      const scenario = importPackage(db, path, { hmacKey });
      const n = phase ?? 1;
      const answered = scenario.phases[n - 1];
      if (!answered) throw new DomainError('invalid_input', `"${scenario.title}" has ${scenario.phases.length} phase(s), not a phase ${n}`, 'phase');
      const chosen = answered.options.find((o) => o.id === chosenOperationId);
      if (!chosen) {
        throw new DomainError('invalid_input', `operation ${chosenOperationId} is not an option of ${scenario.phases.length > 1 ? `phase ${n} of ` : ''}"${scenario.title}" (options: ${answered.options.map((o) => `${o.name} #${o.id}`).join(', ')})`, 'chosenOperationId');
      }
      const estimates = answered.options.map((o) => {
        const op = savedOperation(o.id);
        return { option: o.name, result: (findAssessment(op)?.a ?? runAssessment(op)).result };
      });
      const bytes = writeAnswer(out, {
        format: ANSWER_FORMAT, schemaVersion: ANSWER_SCHEMA_VERSION, scenario: { title: scenario.title, packageSha256: packageSha256(path) },
        trainee, ...(scenario.phases.length > 1 ? { phase: n } : {}), chosenOption: chosen.name, rationale: rationale ?? '', estimates, createdAt: new Date().toISOString(), appVersion: ctx.appVersion,
      });
      return { path: out, bytes, trainee, phase: n, chosenOption: chosen.name, options: answered.options.map((o) => o.name) };
    },
    'package.score': ({ path, passphrase, hmacKey, answers }): ScoreReply => {
      // Every answer is read and matched to this package before anything is revealed.
      const sha = packageSha256(path);
      const read = answers.map((file) => ({ file, a: readAnswer(file) }));
      for (const { file, a } of read) {
        if (a.scenario.packageSha256 !== sha) throw new DomainError('invalid_input', `answer ${basename(file)} (${a.trainee}) is for another scenario package ("${a.scenario.title}")`, 'answers');
      }
      const r = revealOutcomes(db, { path, passphrase, hmacKey });
      for (const { file, a } of read) {
        if ((a.phase ?? 1) > r.phases.length) throw new DomainError('invalid_input', `answer ${basename(file)} (${a.trainee}) is for phase ${a.phase}, but the package has ${r.phases.length}`, 'answers');
      }
      const counts = (o: ObservedOutcomes) => ({ casualtyReports: o.casualties.length, facilityStatuses: o.facilities.length, outages: o.outages.length, damageRecords: o.damage.length });
      return {
        title: read[0]!.a.scenario.title, carriedOut: r.operation, observed: counts(r.observed),
        phases: r.phases.map((p) => ({ phase: p.phase, title: p.title, daysAfterPrevious: p.daysAfterPrevious, carriedOut: p.operation, observed: counts(p.observed) })),
        // Each answer against the outcome of its own phase, grouped by phase.
        answers: read.map(({ file, a }) => {
          const phase = r.phases[(a.phase ?? 1) - 1]!;
          const estimate = a.estimates.find((e) => e.option === phase.operation);
          return {
            file: basename(file), phase: phase.phase, trainee: a.trainee, chosenOption: a.chosenOption, choseCarriedOut: a.chosenOption === phase.operation, rationale: a.rationale,
            submittedAt: a.createdAt, comparison: estimate ? compare({ result: estimate.result, observed: phase.observed }) : null,
          };
        }).sort((x, y) => x.phase - y.phase),
      };
    },
  };
}
