/**
 * Field mapping for population files: which columns hold residents and the breakdown counts, turned
 * into the model's Breakdown shares. Mappings are data: built-in presets (data/import/census-mappings.json,
 * auto-detected from the columns), JSON files, or named records in the store (core/store/import-mappings.ts).
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import presetsFile from '../../data/import/census-mappings.json';
import defaultsFile from '../../data/import/defaults.json';
import type { Breakdown, PopulationUnit } from '../model/dataset';
import { DomainError } from '../model/errors';

const Columns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export const FieldMapping = z.object({
  /** Column holding a stable unit id (census code); the row number is used when absent. */
  id: z.string().min(1).optional(),
  residents: Columns,
  female: Columns.optional(),
  male: Columns.optional(),
  age0to14: Columns.optional(),
  age15to64: Columns.optional(),
  age65plus: Columns.optional(),
  disabled: Columns.optional(),
}).strict();
export type FieldMapping = z.infer<typeof FieldMapping>;
export type MappingField = Exclude<keyof FieldMapping, 'id'>;

export interface MappingPreset {
  name: string;
  detect: string[];
  layer?: string;
  mapping: FieldMapping;
  licence?: string;
  attribution?: string;
}

export const MAPPING_PRESETS: readonly MappingPreset[] = (presetsFile.presets as MappingPreset[]).map((p) => ({ ...p, mapping: FieldMapping.parse(p.mapping) }));

/** The dataset default breakdown, from data/import/defaults.json (InaSAFE values, with sources there). */
export const DEFAULT_BREAKDOWN: Breakdown = Object.fromEntries(
  Object.entries(defaultsFile.defaultBreakdown).map(([k, v]) => [k, v.value]),
) as Breakdown;

const list = (c: string | string[] | undefined): string[] => (c === undefined ? [] : Array.isArray(c) ? c : [c]);

/** Columns a mapping names, for checking against a file. */
export function mappingColumns(m: FieldMapping): string[] {
  const fields: MappingField[] = ['residents', 'female', 'male', 'age0to14', 'age15to64', 'age65plus', 'disabled'];
  return [...(m.id ? [m.id] : []), ...fields.flatMap((f) => list(m[f]))];
}

/** First preset whose detect columns are all present (case-insensitive), resolved to the file's spelling. */
export function detectMapping(columns: string[], layerName = ''): { preset: MappingPreset; mapping: FieldMapping } | undefined {
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  for (const preset of MAPPING_PRESETS) {
    if (!preset.detect.every((c) => byLower.has(c.toLowerCase()))) continue;
    if (preset.layer && !new RegExp(preset.layer, 'i').test(layerName)) continue;
    const resolve = (c: string) => byLower.get(c.toLowerCase()) ?? c;
    const mapping = Object.fromEntries(Object.entries(preset.mapping).map(([k, v]) => [k, Array.isArray(v) ? v.map(resolve) : resolve(v as string)]));
    const parsed = FieldMapping.parse(mapping);
    if (parsed.id && !byLower.has(parsed.id.toLowerCase())) delete parsed.id;
    // optional breakdown columns missing from this file are dropped, not errors
    for (const f of ['female', 'male', 'age0to14', 'age15to64', 'age65plus', 'disabled'] as const) {
      if (parsed[f] && !list(parsed[f]).every((c) => byLower.has(c.toLowerCase()))) delete parsed[f];
    }
    return { preset, mapping: parsed };
  }
  return undefined;
}

/** Column names the mapping uses that the file lacks. */
export function missingColumns(m: FieldMapping, columns: string[]): string[] {
  const have = new Set(columns);
  return mappingColumns(m).filter((c) => !have.has(c));
}

function sum(row: Record<string, unknown>, cols: string[]): number | null {
  let total = 0;
  for (const c of cols) {
    const v = row[c];
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) return null;
    total += n;
  }
  return total;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export interface UnitFromRow {
  unit?: PopulationUnit;
  skip?: string;
  /** A breakdown share fell outside [0, 1] and was clipped. */
  clipped?: boolean;
}

/**
 * One population unit from a row. Shares are counts / residents (so share x residents gives the
 * count back); a missing count takes the dataset default. Units with no breakdown column get null.
 */
export function unitFromRow(row: Record<string, unknown>, m: FieldMapping, id: string, geometry: PopulationUnit['geometry'], defaults: Breakdown = DEFAULT_BREAKDOWN): UnitFromRow {
  const residents = sum(row, list(m.residents));
  if (residents === null) return { skip: 'rows without a numeric residents value' };
  if (residents < 0) return { skip: 'rows with negative residents' };
  const has = m.female || m.male || m.age0to14 || m.age65plus || m.disabled;
  if (!has || residents === 0) return { unit: { id, geometry, residents, breakdown: null } };
  let clipped = false;
  const share = (cols: string | string[] | undefined): number | null => {
    if (!cols) return null;
    const n = sum(row, list(cols));
    if (n === null) return null;
    const s = n / residents;
    if (s < 0 || s > 1) clipped = true;
    return clamp01(s);
  };
  const f = share(m.female);
  const male = f === null ? share(m.male) : null;
  const female = f ?? (male !== null ? 1 - male : defaults.female);
  let age0to14 = share(m.age0to14) ?? defaults.age0to14;
  let age65plus = share(m.age65plus) ?? defaults.age65plus;
  if (age0to14 + age65plus > 1) {
    clipped = true;
    const k = age0to14 + age65plus;
    age0to14 /= k; age65plus /= k;
  }
  const disabled = share(m.disabled) ?? defaults.disabled;
  return { unit: { id, geometry, residents, breakdown: { female, age0to14, age65plus, disabled } }, clipped };
}

// ---------- mapping files (named mappings in the store: core/store/import-mappings.ts) ----------

export function readMappingFile(path: string): FieldMapping {
  let body: unknown;
  try {
    body = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DomainError('invalid_input', { key: 'import.mappingNotJson', params: { file: path, detail: (e as Error).message } }, 'mapping');
  }
  const r = FieldMapping.safeParse(body);
  if (!r.success) throw new DomainError('invalid_input', { key: 'import.notMapping', params: { file: path, field: r.error.issues[0]!.path.join('.'), detail: r.error.issues[0]!.message } }, 'mapping');
  return r.data;
}
