/**
 * Training scenario packages. A trainer exports ONE file with the part of a dataset the scenario
 * needs, the operation options, a briefing and the observed outcomes, sealed; a trainee imports it
 * offline, makes an estimate, and once the trainer gives the reveal passphrase the outcomes are
 * opened and the estimate is scored with compare().
 *
 * File (format version 2): gzip of JSON { manifest, payload, sealed, signature? }. payload is the
 * scenario as a JSON string, so the manifest's SHA-256 covers its exact bytes; the manifest names
 * the format, version and a random package id. Trust:
 * - sealed: the outcomes, AES-256-GCM with a key from the reveal passphrase (>= 12 characters) by
 *   scrypt, whose parameters are stored beside the salt; the associated data is the SHA-256 of the
 *   manifest's canonical JSON, so outcomes from another package (or another manifest) do not open.
 * - signature: Ed25519 (node:crypto) over the manifest's canonical JSON; the importer shows the
 *   signer's key fingerprint and can require a given one. Without a signature, the SHA-256 only
 *   catches damage: anyone can recompute it. An HMAC-SHA256 with a shared key remains possible.
 * - phases (optional, still format 2): a scenario of several phases, e.g. a first strike and a
 *   follow-up days later. payload.phases names each phase's options; phase 1's briefing is
 *   payload.briefing. The briefing of phase k >= 2 and the observed outcomes of phase k-1 are sealed
 *   in phaseSeals[k-2] with a key from that phase's code (the trainer hands it out once phase k-1 is
 *   answered); the associated data is the manifest's SHA-256 followed by "phase:k", so a phase blob
 *   opens neither in another package nor as another phase. The reveal blob holds every phase's
 *   outcomes. A package without phases is one phase: its options, its briefing.
 * Version 1 packages are refused: their outcomes were not bound to the package.
 * Reading is bounded: the file and its decompressed contents have a size cap, the scrypt cost a ceiling.
 */
import { createHash, createHmac, createPublicKey, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import stringify from 'safe-stable-stringify';
import { gunzipSync, gzipSync } from 'node:zlib';
import { checkExportPath, writeExport } from '../store/private-files';
import { clipBundle, optionsBox } from './clip-bundle';
import * as z from 'zod';
import type { AssessmentResult } from '../model/assessment';
import type { DatasetBundle } from '../model/dataset';
import { Operation } from '../model/operation';
import { bundleHash, findDataset, loadDataset, requireDataset, saveDataset, validateBundle } from '../store/datasets';
import { type Db, nowIso } from '../store/db';
import { findOrAddOperation, getOperation } from '../store/operations';
import { deleteObservations, observationWriter } from '../store/observations';
import { compare, type CompareOptions, type Comparison, type DamagePrediction } from './compare';
import { PostopError } from './errors';
import { checkSignature, manifestBytes, Sealed, seal, sealAad, signerOf, unseal, type Signer } from './package-seal';
import { loadOutcomes, recordCasualtyReport, recordDisplacementReport, recordFacilityStatus, recordServiceOutage, type ObservedOutcomes } from './observations';

export const PACKAGE_FORMAT = 'uia-scenario';
export const PACKAGE_SCHEMA_VERSION = 2;
/** Shortest reveal passphrase: 12 characters (NIST SP 800-63B asks at least 8 for memorised secrets; these guard offline files, so more). */
export const MIN_PASSPHRASE_LENGTH = 12;
/** Ceiling on a package's size when reading it (its scrypt cost has one too: package-seal.ts). */
export const MAX_PACKAGE_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_PACKAGE_JSON_BYTES = 256 * 1024 * 1024;
/** Default margin around the options when clipping the dataset: the widest shipped zone (1,000 m) plus room. */
export const DEFAULT_MARGIN_M = 1500;


export interface ExportOptions {
  path: string;
  title: string;
  dataset: string | number;
  /** Saved operation ids or operations given inline: the options the trainee chooses among. */
  operations: (number | Operation)[];
  briefing: string;
  /** The option that was carried out (its name) and what was observed; or the observations stored for a saved operation. */
  outcomes: { operation: string; observed: ObservedOutcomes } | { fromOperationId: number };
  revealPassphrase: string;
  hmacKey?: string;
  /** Ed25519 private key (PKCS#8 PEM) to sign the package with. */
  signingKeyPem?: string;
  overwrite?: boolean;
  marginM?: number;
  appVersion?: string;
  /** Phase 1's title when there are later phases (default "Phase 1"). */
  firstPhaseTitle?: string;
  /** Phases after the first (the top-level operations, briefing and outcomes are phase 1's). */
  laterPhases?: ExportPhase[];
}

/** One phase after the first: its options, what was observed after it, and the code that unlocks it. */
export interface ExportPhase {
  title: string;
  briefing: string;
  operations: (number | Operation)[];
  outcomes: ExportOptions['outcomes'];
  /** Days between the previous phase and this one. */
  daysAfterPrevious: number;
  /** Unlocks this phase's briefing and the previous phase's observed outcomes (>= 12 characters). */
  code: string;
}

/** Most phases a package holds. */
export const MAX_PHASES = 10;

const Manifest = z.object({
  format: z.literal(PACKAGE_FORMAT),
  schemaVersion: z.number().int(),
  packageId: z.string().regex(/^[0-9a-f]{32}$/),
  title: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
  payloadBytes: z.number().int(),
  hmacSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
type Manifest = z.infer<typeof Manifest>;

const Payload = z.object({
  title: z.string(),
  briefing: z.string(),
  dataset: z.custom<DatasetBundle>((v) => typeof v === 'object' && v !== null && 'meta' in v),
  datasetHash: z.string(),
  clip: z.object({ bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]), marginM: z.number() }),
  operations: z.array(Operation).min(1),
  /** Absent: one phase with every option. */
  phases: z.array(z.object({
    title: z.string().min(1).max(200),
    daysAfterPrevious: z.number().int().min(0).max(3650),
    options: z.array(z.string().min(1)).min(1),
  })).min(2).max(MAX_PHASES).optional(),
});
type Payload = z.infer<typeof Payload>;

/** What was carried out in one phase and what was observed after it. */
interface PhaseOutcome { operation: string; observed: ObservedOutcomes }
/** The reveal blob: phase 1's outcome at the top (as one-phase packages have it), every phase's in `phases`. */
interface SealedContents extends PhaseOutcome { phases?: PhaseOutcome[] }
/** The blob of phase k >= 2. */
interface PhaseContents { phase: number; briefing: string; previous: PhaseOutcome }

/** A phase as the trainee sees it before unlocking: no briefing beyond phase 1's, no outcome. */
export interface ScenarioPhase { phase: number; title: string; daysAfterPrevious: number; options: string[] }

/** The phases of a package (a package without phases is one phase of every option). */
export function scenarioPhases(payload: Payload): ScenarioPhase[] {
  if (!payload.phases) return [{ phase: 1, title: payload.title, daysAfterPrevious: 0, options: payload.operations.map((o) => o.name) }];
  return payload.phases.map((p, i) => ({ phase: i + 1, ...p }));
}

// ---------- clipping ----------

// ---------- sealing ----------

// ---------- export ----------

export function exportPackage(db: Db, o: ExportOptions): string {
  if (!o.revealPassphrase || o.revealPassphrase.length < MIN_PASSPHRASE_LENGTH) throw new PostopError({ key: 'package.shortPassphrase', params: { n: MIN_PASSPHRASE_LENGTH } });
  const signingKey = o.signingKeyPem ? signerOf(o.signingKeyPem) : null;
  try { checkExportPath(o.path, { overwrite: o.overwrite }); } catch (e) { throw new PostopError((e as Error).message); } // before any work
  let datasetId: number;
  try { datasetId = requireDataset(db, o.dataset).id; } catch (e) { throw new PostopError((e as Error).message); }
  const later = o.laterPhases ?? [];
  if (later.length + 1 > MAX_PHASES) throw new PostopError(`a scenario holds at most ${MAX_PHASES} phases, not ${later.length + 1}`);
  const resolveOperation = (x: number | Operation) => {
    if (typeof x !== 'number') return Operation.parse(x);
    const r = getOperation(db, x);
    if (!r || r.datasetId !== datasetId) throw new PostopError(`no saved operation ${x} in this dataset`, 'not_found');
    const parsed = Operation.safeParse(r.operation);
    if (!parsed.success) throw new PostopError(`saved operation ${x} is not a complete operation: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  };
  const resolveOutcome = (out: ExportOptions['outcomes'], options: Operation[], phase: string): PhaseOutcome => {
    let r: PhaseOutcome;
    if ('fromOperationId' in out) {
      const saved = getOperation(db, out.fromOperationId);
      if (!saved || saved.datasetId !== datasetId) throw new PostopError(`no saved operation ${out.fromOperationId} in this dataset`, 'not_found');
      r = { operation: saved.operation.name, observed: loadOutcomes(db, datasetId, out.fromOperationId) };
    } else {
      r = out;
    }
    if (!options.some((x) => x.name === r.operation)) throw new PostopError(`the outcomes${phase} are for "${r.operation}", which is not one of ${phase ? 'its' : 'the'} options`);
    return r;
  };
  const phases = [{ title: o.firstPhaseTitle ?? 'Phase 1', briefing: o.briefing, operations: o.operations, outcomes: o.outcomes, daysAfterPrevious: 0, code: '' }, ...later].map((p, i) => {
    const where = later.length ? ` of phase ${i + 1}` : '';
    if (i > 0 && (!p.code || p.code.length < MIN_PASSPHRASE_LENGTH)) throw new PostopError(`the code of phase ${i + 1} must have at least ${MIN_PASSPHRASE_LENGTH} characters`);
    if (i > 0 && p.code === o.revealPassphrase) throw new PostopError(`the code of phase ${i + 1} must differ from the reveal passphrase (it is handed to trainees)`);
    const options = p.operations.map(resolveOperation);
    if (!options.length) throw new PostopError(`a scenario needs at least one operation option${where}`);
    return { ...p, options, outcome: resolveOutcome(p.outcomes, options, where) };
  });
  // One list of operations for the whole scenario; a name stands for one operation throughout.
  const operations: Operation[] = [];
  for (const op of phases.flatMap((p) => p.options)) {
    const same = operations.find((x) => x.name === op.name);
    if (!same) operations.push(op);
    else if (stringify(same) !== stringify(op)) throw new PostopError(`two different options are named "${op.name}": rename one`);
  }
  const sealedContents: SealedContents = { ...phases[0]!.outcome, ...(later.length ? { phases: phases.map((p) => p.outcome) } : {}) };
  const marginM = o.marginM ?? DEFAULT_MARGIN_M;
  const box = optionsBox(operations, marginM);
  const dataset = clipBundle(loadDataset(db, datasetId), box);
  const payload: Payload = {
    title: o.title, briefing: o.briefing, dataset, datasetHash: bundleHash(dataset), clip: { bbox: box, marginM }, operations,
    ...(later.length ? { phases: phases.map((p) => ({ title: p.title, daysAfterPrevious: p.daysAfterPrevious, options: [...new Set(p.options.map((x) => x.name))] })) } : {}),
  };
  const text = JSON.stringify(payload);
  const manifest: Manifest = {
    format: PACKAGE_FORMAT, schemaVersion: PACKAGE_SCHEMA_VERSION, packageId: randomBytes(16).toString('hex'), title: o.title, createdAt: nowIso(), appVersion: o.appVersion ?? '0.1.0',
    payloadSha256: createHash('sha256').update(text, 'utf8').digest('hex'), payloadBytes: Buffer.byteLength(text, 'utf8'),
    ...(o.hmacKey ? { hmacSha256: createHmac('sha256', o.hmacKey).update(text, 'utf8').digest('hex') } : {}),
  };
  const sealed = seal(sealedContents, o.revealPassphrase, sealAad(manifest));
  const phaseSeals = phases.slice(1).map((p, i) => seal({ phase: i + 2, briefing: p.briefing, previous: phases[i]!.outcome }, p.code, sealAad(manifest, i + 2)));
  const signature = signingKey
    ? { alg: 'ed25519' as const, publicKey: createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString(), value: sign(null, manifestBytes(manifest), signingKey).toString('base64') }
    : undefined;
  const file = gzipSync(JSON.stringify({ manifest, payload: text, sealed, ...(phaseSeals.length ? { phaseSeals } : {}), ...(signature ? { signature } : {}) }));
  writeExport(o.path, (tmp) => writeFileSync(tmp, file), { overwrite: o.overwrite });
  return o.path;
}

// ---------- reading and checking ----------

export interface ReadOptions { hmacKey?: string; /** Refuse unless signed by this key (its fingerprint, "SHA256:..."). */ signer?: string }
export interface ReadPackage { manifest: Manifest; payload: Payload; sealed: Sealed; phaseSeals: Sealed[]; signer: Signer | null }

export function readPackage(path: string, opts: ReadOptions = {}): ReadPackage {
  let raw: Buffer;
  try {
    const size = statSync(path).size;
    if (size > MAX_PACKAGE_FILE_BYTES) throw new PostopError({ key: 'package.tooLarge', params: { size: String(size), limit: String(MAX_PACKAGE_FILE_BYTES) } });
    raw = readFileSync(path);
  } catch (e) {
    if (e instanceof PostopError) throw e;
    throw new PostopError(`cannot read package ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'not_found', 'path');
  }
  let json: string;
  try {
    json = gunzipSync(raw, { maxOutputLength: MAX_PACKAGE_JSON_BYTES }).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new PostopError(`package refused: it unpacks to more than ${MAX_PACKAGE_JSON_BYTES} bytes`);
    throw new PostopError({ key: 'package.damaged', params: { detail: (e as Error).message } });
  }
  let outer: { manifest?: unknown; payload?: unknown; sealed?: unknown; phaseSeals?: unknown; signature?: unknown };
  try { outer = JSON.parse(json); } catch { throw new PostopError({ key: 'package.notJson' }); }
  const m = (outer?.manifest ?? {}) as Record<string, unknown>;
  if (m.format !== PACKAGE_FORMAT) throw new PostopError({ key: 'package.notPackage' });
  if (m.schemaVersion === 1) throw new PostopError(`package refused: it is in format version 1, whose sealed outcomes were not bound to the package; re-export it with the current version of the app (which writes format version ${PACKAGE_SCHEMA_VERSION}): Export package in the Training tab, or uia package export`);
  if (m.schemaVersion !== PACKAGE_SCHEMA_VERSION) {
    throw new PostopError({ key: 'package.version', params: { version: String(m.schemaVersion), supported: String(PACKAGE_SCHEMA_VERSION) } });
  }
  const manifest = Manifest.safeParse(m);
  const sealed = Sealed.safeParse(outer.sealed);
  if (!manifest.success || typeof outer.payload !== 'string' || !sealed.success) throw new PostopError({ key: 'package.manifest' });
  const text = outer.payload;
  const sha = createHash('sha256').update(text, 'utf8').digest('hex');
  if (sha !== manifest.data.payloadSha256) throw new PostopError({ key: 'package.altered' });
  const signer = checkSignature(outer.signature, manifest.data, opts.signer);
  const hmacKey = opts.hmacKey;
  if (manifest.data.hmacSha256) {
    if (!hmacKey) throw new PostopError({ key: 'package.hmacNeeded' });
    const mac = createHmac('sha256', hmacKey).update(text, 'utf8').digest();
    if (!timingSafeEqual(mac, Buffer.from(manifest.data.hmacSha256, 'hex'))) throw new PostopError({ key: 'package.hmacMismatch' });
  } else if (hmacKey) {
    throw new PostopError({ key: 'package.noHmac' });
  }
  const payload = Payload.safeParse(JSON.parse(text));
  if (!payload.success) {
    const i = payload.error.issues[0]!;
    throw new PostopError(`package refused: ${i.path.join('.') || 'payload'}: ${i.message}`);
  }
  if (bundleHash(payload.data.dataset) !== payload.data.datasetHash) throw new PostopError({ key: 'package.datasetHash' });
  const names = new Set(payload.data.operations.map((x) => x.name));
  const unknown = payload.data.phases?.flatMap((p) => p.options).find((n) => !names.has(n));
  if (unknown !== undefined) throw new PostopError(`package refused: a phase offers "${unknown}", which is not among its operations`);
  const phaseSeals = z.array(Sealed).length((payload.data.phases?.length ?? 1) - 1).safeParse(outer.phaseSeals ?? []);
  if (!phaseSeals.success) throw new PostopError(`package refused: it has ${payload.data.phases?.length ?? 1} phase(s) but not one sealed block for each phase after the first`);
  return { manifest: manifest.data, payload: payload.data, sealed: sealed.data, phaseSeals: phaseSeals.data, signer };
}

// ---------- import ----------

export interface ImportedScenario {
  title: string;
  datasetId: number;
  datasetName: string;
  operations: { id: number; name: string }[];
  /** Phase 1's briefing. */
  briefing: string;
  /** Every phase, each with its options by this store's ids (one phase when the package has none). */
  phases: (Omit<ScenarioPhase, 'options'> & { options: { id: number; name: string }[] })[];
  /** Who signed the package (null: unsigned, so its origin is not established). */
  signedBy: Signer | null;
}

export function importPackage(db: Db, path: string, opts: ReadOptions = {}): ImportedScenario {
  const { payload, signer } = readPackage(path, opts);
  let bundle: DatasetBundle;
  try { bundle = validateBundle(payload.dataset); } catch (e) { throw new PostopError(`package refused: ${(e as Error).message}`); }
  const tag = payload.datasetHash.slice(0, 8);
  return db.transaction(() => {
    // Same data already here (an earlier import): reuse it; a different dataset of the same name: keep both.
    let name = bundle.meta.name;
    let existing = findDataset(db, name);
    if (existing && existing.content_hash !== payload.datasetHash) {
      name = `${bundle.meta.name} (scenario ${tag})`.slice(0, 200);
      existing = findDataset(db, name);
    }
    const datasetId = existing?.content_hash === payload.datasetHash ? existing.id : saveDataset(db, { ...bundle, meta: { ...bundle.meta, name } }, { replace: true });
    const operations = payload.operations.map((op) => ({ id: findOrAddOperation(db, datasetId, op), name: op.name }));
    const phases = scenarioPhases(payload).map((p) => ({ ...p, options: p.options.map((n) => operations.find((x) => x.name === n)!) }));
    return { title: payload.title, datasetId, datasetName: name, operations, briefing: payload.briefing, phases, signedBy: signer };
  })();
}

// ---------- reveal and score ----------

export interface RevealOptions {
  path: string;
  passphrase: string;
  hmacKey?: string;
  signer?: string;
  /** The trainee's estimate for the option that was carried out. */
  estimate?: { result: AssessmentResult; damage?: DamagePrediction };
  /** Also store the outcomes as observations of the imported operation (for calibration later). */
  record?: { datasetId: number; operationId: number };
  compareOptions?: CompareOptions;
}

export interface Revealed {
  /** Phase 1's (the only phase's) carried-out option and observations. */
  operation: string;
  observed: ObservedOutcomes;
  comparison: Comparison | null;
  /** Every phase's carried-out option and observations (one entry when the package has no phases). */
  phases: (ScenarioPhase & PhaseOutcome)[];
  signedBy: Signer | null;
}

/**
 * Stores one phase's observed outcomes as observations of an imported operation (for calibration,
 * or to show a trainee what the previous phase did). Keyed by the package's dataset hash, so doing
 * it again replaces rather than adds.
 */
export function recordOutcome(db: Db, target: { datasetId: number; operationId: number }, observed: ObservedOutcomes, scenario: { title: string; datasetHash: string }): void {
  const { datasetId, operationId } = target;
  const tag = `scenario-${scenario.datasetHash.slice(0, 8)}`;
  db.transaction(() => {
    const src = (s: string) => `${s} (scenario "${scenario.title}")`;
    const base = { dataset: datasetId, operationId };
    observed.casualties.forEach((c, i) => {
      recordCasualtyReport(db, { ...base, id: `${tag}:casualty:${i}`, killed: c.killed, injured: c.injured, seriouslyInjured: c.seriouslyInjured ?? undefined, byGroup: c.byGroup, source: src(c.source), confidence: c.confidence, observedAt: c.observedAt ?? undefined });
    });
    observed.outages.forEach((x, i) => recordServiceOutage(db, { ...base, id: `${tag}:outage:${i}`, sector: x.sector, people: x.people, days: x.days, source: src(x.source), confidence: x.confidence }));
    for (const f of observed.facilities) {
      recordFacilityStatus(db, { ...base, facilityId: f.facilityId, down: f.down, daysToRestore: f.daysToRestore, damage: f.damage ?? undefined, source: src(f.source), confidence: f.confidence });
    }
    (observed.displacement ?? []).forEach((d, i) => {
      recordDisplacementReport(db, { ...base, id: `${tag}:displacement:${i}`, displaced: d.displaced, inPublicShelter: d.inPublicShelter ?? undefined, byGroup: d.byGroup, source: src(d.source), confidence: d.confidence, observedAt: d.observedAt ?? undefined });
    });
    const put = observationWriter(db);
    const product = `scenario:${scenario.datasetHash.slice(0, 8)}`;
    deleteObservations(db, { datasetId, product, operationId });
    const obs = { datasetId, operationId, product, sensorDate: null, data: {} };
    observed.footprints.forEach((g, i) => {
      put({ ...obs, kind: 'footprint', featureKey: `op${operationId}:footprint:${i}`, geometry: g, damageClass: null, rawValue: null, source: src('footprint') });
    });
    observed.damage.forEach((d, i) => {
      put({ ...obs, kind: 'building_damage', featureKey: `op${operationId}:site:${i}`, geometry: { type: 'Point', coordinates: d.lonLat }, damageClass: d.damageClass, rawValue: String(d.damageClass), source: src(d.product) });
    });
  })();
}

export function revealOutcomes(db: Db, o: RevealOptions): Revealed {
  const { payload, sealed, manifest, signer } = readPackage(o.path, { hmacKey: o.hmacKey, signer: o.signer });
  const contents = unseal<SealedContents>(sealed, o.passphrase, sealAad(manifest), 'the outcomes cannot be opened: wrong reveal passphrase, or outcomes that do not belong to this package');
  if (o.record) recordOutcome(db, o.record, contents.observed, payload);
  const comparison = o.estimate ? compare({ result: o.estimate.result, damage: o.estimate.damage, observed: contents.observed }, o.compareOptions) : null;
  const outcomes = contents.phases ?? [contents];
  const phases = scenarioPhases(payload).map((p, i) => ({ ...p, operation: outcomes[i]!.operation, observed: outcomes[i]!.observed }));
  return { operation: contents.operation, observed: contents.observed, comparison, phases, signedBy: signer };
}

// ---------- phases ----------

export interface UnlockedPhase extends ScenarioPhase {
  briefing: string;
  /** What was carried out in the previous phase and what was observed after it, now revealed. */
  previous: ScenarioPhase & PhaseOutcome;
}

/** Opens phase `phase` (>= 2) of a package with its code: its briefing and the previous phase's observed outcomes. */
export function unlockPhase(path: string, phase: number, code: string, opts: ReadOptions = {}): UnlockedPhase {
  const { payload, manifest, phaseSeals } = readPackage(path, opts);
  const phases = scenarioPhases(payload);
  if (!Number.isInteger(phase) || phase < 2 || phase > phases.length) {
    throw new PostopError(phases.length === 1 ? 'this scenario has one phase: there is nothing to unlock' : `phase ${phase} is not one of the phases to unlock (2 to ${phases.length})`, 'invalid_input', 'phase');
  }
  const c = unseal<PhaseContents>(phaseSeals[phase - 2]!, code, sealAad(manifest, phase), `phase ${phase} cannot be opened: wrong phase code, or a phase block that does not belong here`);
  if (c.phase !== phase) throw new PostopError(`phase ${phase} cannot be opened: its block is for phase ${c.phase}`);
  return { ...phases[phase - 1]!, briefing: c.briefing, previous: { ...phases[phase - 2]!, ...c.previous } };
}
