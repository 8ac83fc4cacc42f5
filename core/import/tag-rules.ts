/**
 * OSM tags -> model categories, driven by data/import/osm-mapping.json and data/import/construction.json.
 */
import construction from '../../data/import/construction.json';
import mapping from '../../data/import/osm-mapping.json';
import type { BuildingUse, ConstructionClass, ProtectedCategory, Sector } from '../model/dataset';

export type Tags = Record<string, string>;
type TagMatch = Record<string, string[] | '*'>;

interface Rule { tags: TagMatch; except?: TagMatch }
/** A rule counts matching objects as a facility (with the reason they are supply infrastructure) or skips them, saying why. */
interface FacilityRule extends Rule { sector?: Sector; kind?: string; skip?: string; assumption?: string; reason?: string }
interface ProtectedRule extends Rule { category: ProtectedCategory }

const facilityRules = mapping.facilities as unknown as FacilityRule[];
const protectedRules = mapping.protected as unknown as ProtectedRule[];

/** A rule's tag tests, compiled once: key, accepted values (null: any), and whether the key is a prefix ("generator:*"). */
type Test = readonly [key: string, values: ReadonlySet<string> | null, prefix: boolean];
interface Compiled { tests: Test[]; except: Test[] }
const compileTests = (m: TagMatch | undefined): Test[] =>
  Object.entries(m ?? {}).map(([k, want]) => [k.endsWith('*') ? k.slice(0, -1) : k, want === '*' ? null : new Set(want), k.endsWith('*')]);
const compiled = new WeakMap<Rule, Compiled>();
const compile = (rule: Rule): Compiled => {
  let c = compiled.get(rule);
  if (!c) compiled.set(rule, (c = { tests: compileTests(rule.tags), except: compileTests(rule.except) }));
  return c;
};

function matchOne(tags: Tags, [key, values, prefix]: Test): string | undefined {
  if (prefix) {
    const k = Object.keys(tags).find((t) => t.startsWith(key));
    return k !== undefined && (values === null || values.has(tags[k]!)) ? `${k}=${tags[k]}` : undefined;
  }
  const v = tags[key];
  if (v === undefined || v === 'no') return undefined;
  return values === null || values.has(v) ? `${key}=${v}` : undefined;
}

/** The "key=value" pairs that made the rule match, or undefined. Called for every tagged OSM object, so the rule is compiled once. */
function matches(tags: Tags, rule: Rule): string[] | undefined {
  const { tests, except } = compile(rule);
  let hits: string[] | undefined;
  for (const t of tests) {
    const hit = matchOne(tags, t);
    if (!hit) return undefined;
    (hits ??= []).push(hit);
  }
  for (const t of except) if (matchOne(tags, t)) return undefined;
  return hits ?? [];
}

/**
 * The keys some rule of `rules` needs first: an object with none of them matches no rule, and most
 * tagged objects (streets, plain buildings, addresses) have none, so they are answered with a few
 * lookups instead of every rule. Null (no shortcut) if a rule could match without such a key.
 */
function firstKeysOf(rules: readonly Rule[]): string[] | null {
  const keys = new Set<string>();
  for (const rule of rules) {
    const first = compile(rule).tests[0];
    if (!first || first[2]) return null;
    keys.add(first[0]);
  }
  return [...keys];
}
const mayMatch = (tags: Tags, keys: readonly string[] | null) => keys === null || keys.some((k) => tags[k] !== undefined);
const facilityKeys = firstKeysOf(facilityRules), protectedKeys = firstKeysOf(protectedRules);

export interface FacilityClass { sector: Sector; kind: string; matchedTags: string }

export function facilityOf(tags: Tags): FacilityClass | { skip: string } | undefined {
  if (!mayMatch(tags, facilityKeys)) return undefined;
  for (const rule of facilityRules) {
    const hits = matches(tags, rule);
    if (!hits) continue;
    if (rule.skip) return { skip: rule.skip };
    return { sector: rule.sector!, kind: rule.kind!, matchedTags: hits.join(' ') };
  }
  return undefined;
}

export function protectedOf(tags: Tags): ProtectedCategory | undefined {
  if (!mayMatch(tags, protectedKeys)) return undefined;
  for (const rule of protectedRules) if (matches(tags, rule)) return rule.category;
  return undefined;
}

const useTable = mapping.buildingUse;
const buildingValueUse = new Map<string, BuildingUse>();
for (const [use, values] of Object.entries(useTable.building)) {
  if (Array.isArray(values)) for (const v of values) buildingValueUse.set(v, use as BuildingUse);
}
const amenityUse = new Map<string, BuildingUse>();
for (const [use, values] of Object.entries(useTable.amenity)) for (const v of values) amenityUse.set(v, use as BuildingUse);
const unoccupied = new Set(useTable.unoccupied);

export function isBuilding(tags: Tags): boolean {
  return tags.building !== undefined && tags.building !== 'no';
}

/** Use of a building, or undefined for structures nobody occupies (garages, sheds, roofs). */
export function buildingUseOf(tags: Tags): BuildingUse | undefined {
  const b = tags.building ?? 'yes';
  if (unoccupied.has(b)) return undefined;
  const fromAmenity = tags.amenity ? amenityUse.get(tags.amenity) : undefined;
  const commercialGround = tags.shop !== undefined || tags.office !== undefined || fromAmenity === 'commercial';
  const fromValue = buildingValueUse.get(b);
  if (fromValue === 'residential') return commercialGround ? 'mixed' : 'residential';
  if (fromValue) return fromValue;
  if (fromAmenity) return fromAmenity;
  if (tags.shop !== undefined || tags.office !== undefined) return 'commercial';
  if (tags.healthcare !== undefined) return 'health';
  return 'residential';
}

const materialClass = construction.material as Record<string, ConstructionClass>;
const structureClass = construction.structure as Record<string, ConstructionClass>;
const fb = construction.fallback;
const lightValues = new Set(fb.lightBuildingValues);

export const DEFAULT_STOREYS = construction.defaultStoreys.value;

export function storeysOf(tags: Tags): number | undefined {
  const raw = tags['building:levels'];
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(',', '.').trim());
  if (!Number.isFinite(n) || n < 1) return undefined;
  return Math.min(200, Math.max(1, Math.round(n)));
}

/** Construction class and whether it came from tags ('tagged') or the documented fallback. */
export function constructionOf(tags: Tags, use: BuildingUse | undefined, storeys: number, facilityKind?: string): { cls: ConstructionClass; tagged: boolean } {
  const m = tags['building:material'] ?? tags['material'];
  if (m && materialClass[m]) return { cls: materialClass[m]!, tagged: true };
  const s = tags['building:structure'];
  if (s && structureClass[s]) return { cls: structureClass[s]!, tagged: true };
  if (facilityKind) return { cls: facilityConstruction(facilityKind), tagged: false };
  if (lightValues.has(tags.building ?? '')) return { cls: 'light', tagged: false };
  if (use === 'industrial') return { cls: fb.industrial as ConstructionClass, tagged: false };
  return { cls: (storeys >= fb.minStoreysRc ? fb.tall : fb.low) as ConstructionClass, tagged: false };
}

export function facilityConstruction(kind: string): ConstructionClass {
  return ((construction.facility as Record<string, string>)[kind] ?? 'rc') as ConstructionClass;
}

/** "5 MW", "250 kW", "1.2 GW" -> MW. */
export function parseMw(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^\s*([\d.]+)\s*(k|M|G)?W\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'M').toUpperCase();
  const mw = unit === 'K' ? n / 1000 : unit === 'G' ? n * 1000 : n;
  return Number.isFinite(mw) ? mw : undefined;
}

export function parseCount(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
