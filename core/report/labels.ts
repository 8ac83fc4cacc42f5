/**
 * The words a planner reads for the model's keys: severities, groups, services, site categories,
 * times of day and damage states, in the reader's language (catalogue `report`, keys `labels.*`,
 * one entry per enum value). One place, shared by the panel, the PDF report and the CSV, so no
 * export ever prints a field name such as `seriouslyInjured` or `completeNoCollapse`.
 */
import type { Group, Severity } from '../model/assessment';
import { GROUPS, SEVERITIES } from '../model/assessment';
import { PROTECTED_CATEGORIES, SECTORS, type ProtectedCategory, type Sector } from '../model/dataset';
import { DAMAGE_STATES, TIMES_OF_DAY, type DamageState, type TimeOfDay } from '../model/operation';
import { ENGLISH, type Locale } from '../i18n/locale';

export type DamageWord = DamageState | 'completeNoCollapse' | 'collapse';
const DAMAGE_WORDS = [...DAMAGE_STATES, 'completeNoCollapse', 'collapse'] as const satisfies readonly DamageWord[];

export interface Labels {
  severity: Record<Severity, string>;
  /** What each severity means (METHOD.md §3: Hazus severity 1 = lightly injured, 2-3 = seriously injured, 4 = killed). */
  severityMeaning: Record<Severity, string>;
  group: Record<Group, string>;
  sector: Record<Sector, string>;
  /** The sector as the object of "without …" (lower case where the language wants it). */
  sectorNoun: Record<Sector, string>;
  category: Record<ProtectedCategory, string>;
  categoryPlural: Record<ProtectedCategory, string>;
  time: Record<TimeOfDay, string>;
  /** Damage states in plain language (Hazus definitions, simplified for buildings). */
  damage: Record<DamageWord, string>;
  /** Short damage-state column heads ("Moderate damage"). */
  damageShort: Record<DamageState, string>;
}

const byKey = <K extends string>(keys: readonly K[], word: (k: K) => string): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, word(k)])) as Record<K, string>;

const cache = new WeakMap<Locale, Labels>();

/** Every label table in one language (cached per locale). */
export function labelsFor(loc: Locale = ENGLISH): Labels {
  const hit = cache.get(loc);
  if (hit) return hit;
  const t = loc.t, n = (x: number) => loc.number().format(x);
  const labels: Labels = {
    severity: byKey(SEVERITIES, (s) => t(`report:labels.severity.${s}`)),
    severityMeaning: byKey(SEVERITIES, (s) => t(`report:labels.severityMeaning.${s}`, { one: n(1), two: n(2), three: n(3), four: n(4) })),
    group: byKey(GROUPS, (g) => t(`report:labels.group.${g}`)),
    sector: byKey(SECTORS, (s) => t(`report:labels.sector.${s}`)),
    sectorNoun: byKey(SECTORS, (s) => t(`report:labels.sectorNoun.${s}`)),
    category: byKey(PROTECTED_CATEGORIES, (c) => t(`report:labels.category.${c}`)),
    categoryPlural: byKey(PROTECTED_CATEGORIES, (c) => t(`report:labels.categoryPlural.${c}`)),
    time: byKey(TIMES_OF_DAY, (x) => t(`report:labels.time.${x}`)),
    damage: byKey(DAMAGE_WORDS, (d) => t(`report:labels.damage.${d}`)),
    damageShort: byKey(DAMAGE_STATES, (d) => t(`report:labels.damageShort.${d}`)),
  };
  cache.set(loc, labels);
  return labels;
}

/** "3 schools", "1 hospital": a count of protected sites of one category, plural by the language's rules. */
export function categoryCount(category: ProtectedCategory, n: number, loc: Locale = ENGLISH): string {
  return loc.t(`report:labels.categoryCount.${category}`, { count: n, n: loc.number({ maximumFractionDigits: 0 }).format(n) });
}

/** English tables for callers not yet given a locale (the renderer moves to labelsFor(loc)). */
const EN = labelsFor(ENGLISH);
/** @deprecated use labelsFor(loc).severity */
export const SEVERITY_LABELS = EN.severity;
/** @deprecated use labelsFor(loc).severityMeaning */
export const SEVERITY_MEANINGS = EN.severityMeaning;
/** @deprecated use labelsFor(loc).group */
export const GROUP_LABELS = EN.group;
/** @deprecated use labelsFor(loc).sector */
export const SECTOR_LABELS = EN.sector;
/** @deprecated use labelsFor(loc).category */
export const CATEGORY_LABELS = EN.category;
/** @deprecated use labelsFor(loc).categoryPlural */
export const CATEGORY_PLURALS = EN.categoryPlural;
/** @deprecated use labelsFor(loc).time */
export const TIME_LABELS = EN.time;
/** @deprecated use labelsFor(loc).damage */
export const DAMAGE_STATE_WORDS = EN.damage;

const SEVERITY_NUMBERS = ['1', '2', '3', '4'] as const;

/**
 * A parameter label or key made readable: camelCase damage states spelled out and Hazus severity
 * numbers named, e.g. "Indoor casualty rate, completeNoCollapse, severity 2" ->
 * "Indoor casualty rate, complete damage without collapse, seriously injured (severity 2)".
 * The label itself comes from the parameter file (English); the words put into it follow `loc`.
 */
export function wordsForLabel(label: string, loc: Locale = ENGLISH): string {
  const L = labelsFor(loc);
  return label
    .replace(/\bcompleteNoCollapse\b/g, L.damage.completeNoCollapse)
    .replace(/\bseverity ([1-4])\b/g, (_m, n: (typeof SEVERITY_NUMBERS)[number]) =>
      loc.t('report:labels.severityNumbered', { words: loc.t(`report:labels.severityNumber.${n}`), n: loc.number().format(Number(n)) }))
    .replace(/\bseriouslyInjured\b/g, L.severity.seriouslyInjured.toLocaleLowerCase(loc.lang))
    .replace(/\blightlyInjured\b/g, L.severity.lightlyInjured.toLocaleLowerCase(loc.lang))
    .replace(/_/g, ' ');
}
