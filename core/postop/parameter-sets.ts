/**
 * Parameter sets the user can choose for future assessments (METHOD.md §7): the shipped default, or
 * a calibrated set stored by core/store/parameter-sets.ts, which also keeps the chosen name.
 *
 * A calibrated set is materialised so the engine needs no special case:
 * - `values`: the default parameter records with casualty rates scaled (indoor severity 4 by the
 *   killed multiplier, severities 1-3 by the injured multiplier; METHOD.md §3 rates are linear in
 *   the expected counts), clipped to each record's bounds, plus one `calibration.*` record per
 *   multiplier so the provenance's parameter hash and the assumptions list name them;
 * - `applyToProfiles` / `applyToOperation`: the profile zone rows with P(state >= moderate) scaled by
 *   the zone's damage multiplier (zone key `${profileId}:${zoneIndex}`, else the pooled one) as the
 *   construction-class factor does (METHOD.md §1), and outdoor rates scaled like the indoor ones.
 * The default set returns everything unchanged.
 */
import * as z from 'zod';
import type { Db } from '../store/db';
import { nowIso } from '../store/db';
import {
  chosenParameterSet, parameterSetNames, readParameterSet, setChosenParameterSet, writeParameterSet,
} from '../store/parameter-sets';
import { loadDefaultParameters, parameterHash, type ParameterSet, type ParameterValues } from '../engine/parameters';
import type { DamageProbabilities, EffectProfile, Operation } from '../model/operation';
import type { CalibrationResult } from './calibrate';
import { PostopError } from './errors';

export const DEFAULT_SET_NAME = 'default';

export interface SetMultipliers { casualtyKilled: number; casualtyInjured: number; damage: number; damageByZone: Record<string, number> }

const StoredBody = z.object({
  kind: z.literal('calibrated'),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  basedOn: z.object({ name: z.string(), parameterHash: z.string() }),
  multipliers: z.object({ casualtyKilled: z.number(), casualtyInjured: z.number(), damage: z.number(), damageByZone: z.record(z.string(), z.number()) }),
  calibration: z.custom<CalibrationResult>((v) => typeof v === 'object' && v !== null),
  values: z.record(z.string(), z.unknown()),
});
type StoredBody = z.infer<typeof StoredBody>;

export interface ActiveParameterSet {
  name: string;
  kind: 'default' | 'calibrated';
  /** Parameter records to pass to assess() as `parameters` (with `parameterSetName: name`). */
  values: ParameterValues;
  multipliers: SetMultipliers;
  applyToProfiles(profiles: readonly EffectProfile[]): EffectProfile[];
  /** The operation with any area-specific (edited) profile adjusted the same way. */
  applyToOperation(operation: Operation): Operation;
}

export interface ParameterSetSummary {
  name: string;
  kind: 'default' | 'calibrated';
  chosen: boolean;
  createdAt: string | null;
  description: string;
  multipliers: SetMultipliers;
  calibration: CalibrationResult | null;
}

const ONES: SetMultipliers = { casualtyKilled: 1, casualtyInjured: 1, damage: 1, damageByZone: {} };

// ---------- transforms ----------

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function scaleValues(base: ParameterValues, m: SetMultipliers): ParameterValues {
  const out: ParameterValues = {};
  for (const [k, r] of Object.entries(base)) {
    const sev = /^casualty\.indoor\.[A-Za-z]+\.sev(\d)$/.exec(k);
    if (sev && typeof r.value === 'number') {
      const f = sev[1] === '4' ? m.casualtyKilled : m.casualtyInjured;
      const [lo, hi] = r.bounds ?? [0, Number.POSITIVE_INFINITY];
      out[k] = { ...r, value: clip(r.value * f, lo, hi), source: f === 1 ? r.source : `${r.source}; x${f.toFixed(3)} calibrated (METHOD.md §7)` };
    } else {
      out[k] = r;
    }
  }
  const rec = (label: string, value: number) => ({ label, value, unit: 'multiplier', source: 'calibration across recorded operations (METHOD.md §7)' });
  out['calibration.casualtyKilled'] = rec('Calibrated multiplier of killed rates', m.casualtyKilled);
  out['calibration.casualtyInjured'] = rec('Calibrated multiplier of injured rates', m.casualtyInjured);
  out['calibration.damage'] = rec('Calibrated pooled multiplier of P(damage >= moderate)', m.damage);
  for (const [z, v] of Object.entries(m.damageByZone).sort(([a], [b]) => a.localeCompare(b))) {
    out[`calibration.damage.${z}`] = rec(`Calibrated multiplier of P(damage >= moderate) in zone ${z}`, v);
  }
  return out;
}

/** P(state >= moderate, extensive, complete) times m, clipped to 1; P(>= slight) raised if needed so the states stay a distribution. */
export function scaleDamageRow(d: DamageProbabilities, m: number): DamageProbabilities {
  if (m === 1) return d;
  const p = [d.none, d.slight, d.moderate, d.extensive, d.complete];
  const ex = [1, 2, 3, 4].map((k) => p.slice(k).reduce((s, x) => s + x, 0));
  for (let k = 1; k < 4; k++) ex[k] = Math.min(1, ex[k]! * m);
  ex[0] = Math.max(ex[0]!, ex[1]!);
  const st = [1 - ex[0]!, ex[0]! - ex[1]!, ex[1]! - ex[2]!, ex[2]! - ex[3]!, ex[3]!].map((x) => Math.max(0, x));
  const sum = st.reduce((s, x) => s + x, 0);
  const [none, slight, moderate, extensive, complete] = st.map((x) => x / sum) as [number, number, number, number, number];
  return { none, slight, moderate, extensive, complete };
}

/** A profile with the set's damage multipliers (by zone key, else pooled) and outdoor casualty multipliers applied. */
export function scaleProfile(p: EffectProfile, m: SetMultipliers): EffectProfile {
  return {
    ...p,
    source: `${p.source}; damage and outdoor rates calibrated (METHOD.md §7)`,
    zones: p.zones.map((z, i) => ({
      ...z,
      damage: scaleDamageRow(z.damage, m.damageByZone[`${p.id}:${i}`] ?? m.damage),
      outdoor: {
        killed: clip(z.outdoor.killed * m.casualtyKilled, 0, 1),
        serious: clip(z.outdoor.serious * m.casualtyInjured, 0, 1),
        light: clip(z.outdoor.light * m.casualtyInjured, 0, 1),
      },
    })),
  };
}

function isOnes(m: SetMultipliers) {
  return m.casualtyKilled === 1 && m.casualtyInjured === 1 && m.damage === 1 && Object.values(m.damageByZone).every((x) => x === 1);
}

function active(name: string, kind: 'default' | 'calibrated', values: ParameterValues, m: SetMultipliers): ActiveParameterSet {
  const same = kind === 'default' || isOnes(m);
  const applyToProfiles = (ps: readonly EffectProfile[]) => (same ? [...ps] : ps.map((p) => scaleProfile(p, m)));
  return {
    name, kind, values, multipliers: m, applyToProfiles,
    applyToOperation: (op) => (same ? op : { ...op, areas: op.areas.map((a) => (a.profile ? { ...a, profile: scaleProfile(a.profile, m) } : a)) }),
  };
}

// ---------- store ----------

function readBody(db: Db, name: string): StoredBody | null {
  const raw = readParameterSet(db, name);
  if (raw === null) return null;
  const parsed = StoredBody.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Stores (or replaces) a calibrated set built from a calibration result; returns its name. */
export function saveCalibratedSet(db: Db, calibration: CalibrationResult, opts: { name?: string; base?: ParameterSet } = {}): string {
  const name = opts.name ?? calibration.parameterSet.name;
  if (name === DEFAULT_SET_NAME) throw new PostopError({ key: 'postop.defaultName' });
  const base = opts.base ?? loadDefaultParameters();
  const ps = calibration.parameterSet;
  const multipliers: SetMultipliers = { casualtyKilled: ps.casualtyKilled, casualtyInjured: ps.casualtyInjured, damage: ps.damage, damageByZone: ps.damageByZone };
  const body: StoredBody = {
    kind: 'calibrated', name,
    description: `Default parameters (${base.name}) with multipliers calibrated on ${calibration.cases.length} recorded operation(s): ${calibration.cases.join(', ')}`,
    createdAt: nowIso(), basedOn: { name: base.name, parameterHash: parameterHash(base.values) }, multipliers, calibration,
    values: scaleValues(base.values, multipliers),
  };
  writeParameterSet(db, name, body, body.createdAt);
  return name;
}

export function chosenParameterSetName(db: Db): string {
  return chosenParameterSet(db) ?? DEFAULT_SET_NAME;
}

export function chooseParameterSet(db: Db, name: string): string {
  if (name !== DEFAULT_SET_NAME && !readBody(db, name)) throw new PostopError({ key: 'postop.noParameterSet', params: { name } }, 'not_found', 'name');
  setChosenParameterSet(db, name);
  return name;
}

/** A set by name, ready for assess(); the default when the name is "default" or unknown (unknown only with `fallback`). */
export function parameterSetByName(db: Db, name: string, opts: { fallback?: boolean; base?: ParameterSet } = {}): ActiveParameterSet {
  const base = opts.base ?? loadDefaultParameters();
  if (name !== DEFAULT_SET_NAME && name !== base.name) {
    const body = readBody(db, name);
    if (body) return active(body.name, 'calibrated', body.values as ParameterValues, body.multipliers);
    if (!opts.fallback) throw new PostopError({ key: 'postop.noParameterSet', params: { name } }, 'not_found', 'name');
  }
  return active(DEFAULT_SET_NAME, 'default', base.values, ONES);
}

/**
 * The set future assessments use: the chosen one (settings 'parameterSet'), falling back to the
 * default if it was deleted. The engine's caller passes `values`, `name` and the adjusted profiles to assess().
 */
export function activeParameterSet(db: Db, base?: ParameterSet): ActiveParameterSet {
  return parameterSetByName(db, chosenParameterSetName(db), { fallback: true, base });
}

export function listParameterSets(db: Db): ParameterSetSummary[] {
  const chosen = chosenParameterSetName(db);
  const base = loadDefaultParameters();
  const out: ParameterSetSummary[] = [{
    name: DEFAULT_SET_NAME, kind: 'default', chosen: chosen === DEFAULT_SET_NAME, createdAt: null,
    description: `${base.name}: ${base.description}`, multipliers: ONES, calibration: null,
  }];
  for (const name of parameterSetNames(db)) {
    const b = readBody(db, name);
    if (!b) continue;
    out.push({ name: b.name, kind: 'calibrated', chosen: chosen === b.name, createdAt: b.createdAt, description: b.description, multipliers: b.multipliers, calibration: b.calibration });
  }
  if (!out.some((s) => s.chosen)) out[0]!.chosen = true;
  return out;
}
