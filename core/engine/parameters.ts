/**
 * Parameter sets and effect profiles as data (InaSAFE style: every number is a record with its
 * unit and source). This module validates them and turns a flat parameter set into the typed
 * structure the engine reads. Defaults live in data/parameters.json and data/profiles.json.
 */
import * as z from 'zod';
import defaultParameterFile from '../../data/parameters.json';
import defaultProfileFile from '../../data/profiles.json';
import { ALL_FACILITY_KINDS, CONSTRUCTION_CLASSES, PROTECTED_CATEGORIES } from '../model/dataset';
import type { ConstructionClass, FacilityKind, ProtectedCategory } from '../model/dataset';
import { EffectProfile, TIMES_OF_DAY } from '../model/operation';
import type { TimeOfDay } from '../model/operation';
import { canonicalJson, sha256Hex } from './hash';

export const ParameterRecord = z.object({
  label: z.string(),
  value: z.union([z.number().finite(), z.string()]),
  unit: z.string(),
  source: z.string(),
  bounds: z.tuple([z.number(), z.number()]).optional(),
}).refine((r) => typeof r.value !== 'number' || !r.bounds || (r.value >= r.bounds[0] && r.value <= r.bounds[1]), {
  message: 'value outside its bounds', path: ['value'],
});
export type ParameterRecord = z.infer<typeof ParameterRecord>;

export const ParameterSet = z.object({
  name: z.string().min(1),
  description: z.string(),
  values: z.record(z.string(), ParameterRecord),
});
/** The records of a parameter set, by key (what `assess` takes). */
export const ParameterValues = z.record(z.string(), ParameterRecord);
export type ParameterValues = z.infer<typeof ParameterValues>;
export type ParameterSet = z.infer<typeof ParameterSet>;

export const ProfileSet = z.object({ note: z.string(), profiles: z.array(EffectProfile).min(1) });

/** Occupancy types the Hazus factors are given for (METHOD.md §2). */
export const OCCUPANCY_TYPES = ['residential', 'commercial', 'industrial', 'education'] as const;
export type OccupancyType = (typeof OCCUPANCY_TYPES)[number];

/** Indoor damage outcomes with their own casualty rates (METHOD.md §3 table rows). */
export const INDOOR_STATES = ['slight', 'moderate', 'extensive', 'completeNoCollapse', 'collapse'] as const;
export type IndoorState = (typeof INDOOR_STATES)[number];

/** Rates as fractions of occupants, severities merged as the result reports them. */
export interface SeverityRates { killed: number; serious: number; light: number }

/** The typed view of a parameter set that the engine computes with. */
export interface EngineParameters {
  occupancy: Record<TimeOfDay, Record<OccupancyType, number>>;
  outdoorShare: Record<TimeOfDay, number>;
  reducedMobilityFactor: number;
  classFactor: Record<ConstructionClass, number>;
  collapseShare: Record<ConstructionClass, number>;
  indoorRates: Record<IndoorState, SeverityRates>;
  urmNonCollapseFactor: number;
  rateSigma: number;
  runs: number;
  /** Functionality left by damage state index 1..4 (slight..complete); index 0 (none) is whole. */
  functionality: [number, number, number, number, number];
  downThreshold: number;
  /** Mean restoration days by facility kind, indexed by damage state 0..4 (0 = none = 0 days). */
  restorationDays: Record<FacilityKind, [number, number, number, number, number]>;
  unitConstruction: ConstructionClass;
  protectedPresence: Record<ProtectedCategory, Record<TimeOfDay, number>>;
  protectedMatchRadiusM: number;
  /** People present at a hospital or clinic per known bed, by time: occupancy + staff per bed. */
  peoplePerBedPresent: Record<TimeOfDay, number>;
}

/**
 * Bounds of default service areas (METHOD.md §4a), per facility kind: greatest distance, and most
 * residents where a capacity is known for the kind (Infinity otherwise); hospitals and clinics with
 * beds serve up to peoplePerBed x beds. Read by prepareCity (service areas are part of the prepared
 * city, built once per dataset version).
 */
export interface ServiceBounds {
  maxDistanceM: Record<FacilityKind, number>;
  maxPeople: Record<FacilityKind, number>;
  peoplePerBed: number;
}

const DAMAGED_STATES = ['slight', 'moderate', 'extensive', 'complete'] as const;
/** METHOD.md gives rates in percent of occupants; the engine works in fractions. */
const PERCENT = 100;

function num(set: ParameterValues, key: string): number {
  const r = set[key];
  if (!r) throw new Error(`parameter set lacks ${key}`);
  if (typeof r.value !== 'number') throw new Error(`parameter ${key} must be a number`);
  return r.value;
}
/** A record added after parameter sets were first stored: a stored set without it takes the shipped default. */
export function numOrDefault(set: ParameterValues, key: string): number {
  return set[key] ? num(set, key) : num(defaultParameterFile.values as unknown as ParameterValues, key);
}

/** Service-area bounds from a parameter set (default: the shipped one). */
export function resolveServiceBounds(input: ParameterValues = defaultParameterFile.values as unknown as ParameterValues): ServiceBounds {
  const defaults = defaultParameterFile.values as unknown as ParameterValues;
  const opt = (key: string) => (input[key] ? num(input, key) : defaults[key] ? num(defaults, key) : Infinity);
  return {
    maxDistanceM: Object.fromEntries(ALL_FACILITY_KINDS.map((k) => [k, opt(`service.maxDistanceM.${k}`)])) as Record<FacilityKind, number>,
    maxPeople: Object.fromEntries(ALL_FACILITY_KINDS.map((k) => [k, opt(`service.maxPeople.${k}`)])) as Record<FacilityKind, number>,
    peoplePerBed: numOrDefault(input, 'service.peoplePerBed'),
  };
}

function str(set: ParameterValues, key: string): string {
  const r = set[key];
  if (!r) throw new Error(`parameter set lacks ${key}`);
  return String(r.value);
}

/** Validate a parameter set and build the engine's typed view; throws on a missing or bad record. */
/**
 * Resolved per parameter-set object (engine inputs are never mutated): every assessment resolves
 * its set, a parse and ~100 lookups, and the backend passes the same object while the set is active.
 */
const resolvedMemo = new WeakMap<ParameterValues, EngineParameters>();
export function resolveParameters(input: ParameterValues): EngineParameters {
  let r = resolvedMemo.get(input);
  if (!r) { r = resolveParametersAfresh(input); resolvedMemo.set(input, r); }
  return r;
}
function resolveParametersAfresh(input: ParameterValues): EngineParameters {
  const set = ParameterValues.parse(input);
  const byTime = <T>(f: (t: TimeOfDay) => T) => Object.fromEntries(TIMES_OF_DAY.map((t) => [t, f(t)])) as Record<TimeOfDay, T>;
  const byClass = (prefix: string) => Object.fromEntries(CONSTRUCTION_CLASSES.map((c) => [c, num(set, `${prefix}.${c}`)])) as Record<ConstructionClass, number>;
  const indoorRates = Object.fromEntries(INDOOR_STATES.map((s) => {
    const sev = (i: number) => num(set, `casualty.indoor.${s}.sev${i}`) / PERCENT;
    // Severity 1 = lightly injured; 2 and 3 = seriously injured; 4 = killed (METHOD.md §3).
    return [s, { light: sev(1), serious: sev(2) + sev(3), killed: sev(4) }];
  })) as Record<IndoorState, SeverityRates>;
  const unitConstruction = str(set, 'exposure.unitConstruction');
  if (!(CONSTRUCTION_CLASSES as readonly string[]).includes(unitConstruction)) {
    throw new Error(`exposure.unitConstruction must be one of ${CONSTRUCTION_CLASSES.join(', ')}`);
  }
  const runs = num(set, 'montecarlo.runs');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('montecarlo.runs must be a positive integer');
  return {
    occupancy: byTime((t) => Object.fromEntries(OCCUPANCY_TYPES.map((u) => [u, num(set, `occupancy.${t}.${u}`)])) as Record<OccupancyType, number>),
    outdoorShare: byTime((t) => num(set, `outdoorShare.${t}`)),
    reducedMobilityFactor: num(set, 'warning.reducedMobilityFactor'),
    classFactor: byClass('damage.classFactor'),
    collapseShare: byClass('damage.collapseShare'),
    indoorRates,
    urmNonCollapseFactor: num(set, 'casualty.urmNonCollapseFactor'),
    rateSigma: num(set, 'uncertainty.rateSigma'),
    runs,
    functionality: [1, ...DAMAGED_STATES.map((s) => num(set, `infrastructure.functionality.${s}`))] as EngineParameters['functionality'],
    downThreshold: num(set, 'infrastructure.downThreshold'),
    restorationDays: Object.fromEntries(ALL_FACILITY_KINDS.map((k) => [k, [0, ...DAMAGED_STATES.map((s) => num(set, `restoration.${k}.${s}`))]])) as EngineParameters['restorationDays'],
    unitConstruction: unitConstruction as ConstructionClass,
    protectedPresence: Object.fromEntries(PROTECTED_CATEGORIES.map((c) => [c, byTime((t) => num(set, `protected.presence.${c}.${t}`))])) as EngineParameters['protectedPresence'],
    protectedMatchRadiusM: num(set, 'protected.buildingMatchRadiusM'),
    peoplePerBedPresent: byTime((t) => numOrDefault(set, 'protected.hospital.bedOccupancy') + numOrDefault(set, `protected.hospital.staffPerBed.${t}`)),
  };
}

/** The shipped default parameter set (data/parameters.json), validated. */
export function loadDefaultParameters(): ParameterSet {
  const set = ParameterSet.parse(defaultParameterFile);
  resolveParameters(set.values); // fail at load, not mid-assessment, if a record is missing
  return set;
}

/** The shipped illustrative effect profiles (data/profiles.json), validated. */
export function loadDefaultProfiles(): EffectProfile[] {
  return ProfileSet.parse(defaultProfileFile).profiles;
}

/** Hash of the parameter values (not labels or sources): same numbers, same hash. */
/** Hashes of recent canonical texts: every assessment hashes its parameters, which rarely change. */
const hashMemo = new Map<string, string>();

const hashOfSet = new WeakMap<ParameterValues, string>();
export function parameterHash(set: ParameterValues): string {
  const kept = hashOfSet.get(set);
  if (kept !== undefined) return kept;
  const values = Object.fromEntries(Object.entries(set).map(([k, r]) => [k, r.value]));
  const text = canonicalJson(values);
  let h = hashMemo.get(text);
  if (h === undefined) {
    h = sha256Hex(text);
    if (hashMemo.size >= 8) hashMemo.delete(hashMemo.keys().next().value!);
    hashMemo.set(text, h);
  }
  hashOfSet.set(set, h);
  return h;
}

export interface Assumption { key: string; label: string; value: unknown; unit: string; source: string }

/** Flat list of every assumption behind a result, for reports: parameters first, then profiles used. */
export function listAssumptions(set: ParameterValues, profilesUsed: readonly EffectProfile[]): Assumption[] {
  const out: Assumption[] = Object.keys(set).sort().map((key) => {
    const r = set[key];
    return { key, label: r.label, value: r.value, unit: r.unit, source: r.source };
  });
  for (const p of profilesUsed) {
    out.push({
      key: `profile.${p.id}`,
      label: `${p.name}${p.illustrative ? ' (ILLUSTRATIVE, derived from no weapon data)' : ''}`,
      value: p.zones,
      unit: 'zones (outer edge m, damage-state probabilities, outdoor rates)',
      source: p.source,
    });
  }
  return out;
}
