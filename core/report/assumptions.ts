/**
 * The assumptions of an assessment in words: each parameter as label, value with unit and source;
 * each effect profile as a table (zone, damage-state shares, outdoor casualty rates), never JSON.
 * Column heads, units, yes/no and parameter labels follow the reader's language: a label is built
 * from its key's family (report:parameterLabels.*) and the words the report already has (damage
 * states, severities, facility kinds, site categories, times of day). A key of no known family keeps
 * the parameter file's English label. Sources are bibliographic references and stay as written.
 */
import type { AssessmentResult } from '../model/assessment';
import { DAMAGE_STATES, type ProfileZone } from '../model/operation';
import { formatCount } from '../model/format';
import { ENGLISH, type Locale } from '../i18n/locale';
import { labelsFor, wordsForLabel } from './labels';
import { nameParts, partsText, type NamePart } from './parts';

type Assumption = AssessmentResult['assumptions'][number];

export interface ProfileTable {
  header: string[];
  rows: string[][];
}

export interface AssumptionText {
  key: string;
  label: string;
  /** The label in parts: a `{ name }` part is data (an effect profile's name), shown untranslated. */
  labelParts: NamePart[];
  /** The value in words with its unit; for a profile, a one-line summary and `table`. */
  value: string;
  source: string;
  table?: ProfileTable;
}

/** Parameters are small rates: keep three significant figures rather than rounding them to 0. */
const exact = (n: number, loc: Locale) => (Math.abs(n) >= 1000 ? formatCount(n, loc) : loc.number({ maximumSignificantDigits: 3 }).format(n));
const pct = (p: number, loc: Locale) => (Math.abs(p * 100) >= 1000 ? `${formatCount(p * 100, loc)}%` : loc.number({ style: 'percent', maximumSignificantDigits: 3 }).format(p));

/** The parameter file's units, each with its catalogue entry; an unknown unit is shown as written. */
const UNITS = {
  ratio: 'ratio', 'percent of occupants': 'percentOfOccupants', 'log-sd': 'logSd', runs: 'runs', days: 'days', class: 'class', m: 'm',
  people: 'people', 'people per bed': 'peoplePerBed', 'L/person/day': 'litresPerPersonDay', 'm2/person': 'm2PerPerson',
  'people/latrine': 'peoplePerLatrine', 'people/unit': 'peoplePerUnit',
} as const;
const unitWords = (unit: string, loc: Locale) => (unit in UNITS ? loc.t(`report:parameterUnits.${UNITS[unit as keyof typeof UNITS]}`) : unit);

function isZones(v: unknown): v is ProfileZone[] {
  return Array.isArray(v) && v.every((z) => typeof z === 'object' && z !== null && 'outerEdgeM' in z && 'damage' in z);
}

/** A profile's zones as a table: one row per zone, damage-state shares and outdoor rates in per cent. */
export function profileTable(zones: readonly ProfileZone[], loc: Locale = ENGLISH): ProfileTable {
  const t = loc.t, L = labelsFor(loc);
  return {
    header: [t('report:assumptions.zone'), ...DAMAGE_STATES.map((d) => L.damageShort[d]), t('report:assumptions.outdoorsKilled'), t('report:assumptions.outdoorsSerious'), t('report:assumptions.outdoorsLight')],
    rows: zones.map((z, i) => [
      i === 0 ? t('report:assumptions.insideArea') : t('report:assumptions.upTo', { distance: formatCount(z.outerEdgeM, loc) }),
      ...DAMAGE_STATES.map((d) => pct(z.damage[d], loc)),
      pct(z.outdoor.killed, loc), pct(z.outdoor.serious, loc), pct(z.outdoor.light, loc),
    ]),
  };
}

function valueWords(v: unknown, unit: string, loc: Locale): string {
  const u = unitWords(unit, loc), sep = loc.t('report:format.listComma');
  if (typeof v === 'number') return unit === 'share' ? pct(v, loc) : `${exact(v, loc)} ${u}`.trim();
  if (typeof v === 'boolean') return v ? loc.t('report:assumptions.yes') : loc.t('report:assumptions.no');
  // A construction class ("urm") is a model term: said in words, without the unit "class".
  if (typeof v === 'string' && unit === 'class' && ['light', 'urm', 'rc', 'steel'].includes(v)) return loc.t(`report:parameterLabels.construction.${v as 'light' | 'urm' | 'rc' | 'steel'}`);
  if (typeof v === 'string') return `${v} ${u}`.trim();
  if (Array.isArray(v)) return v.map((x) => valueWords(x, '', loc)).join(sep) + (u ? ` ${u}` : '');
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${wordsForLabel(k, loc)} ${valueWords(x, '', loc)}`).join(sep) + (u ? ` ${u}` : '');
  return '–';
}

const lower = (s: string, loc: Locale) => s.toLocaleLowerCase(loc.lang);

/** A parameter's label in the reader's language from its key's family; null for an unknown key. */
export function parameterLabel(key: string, loc: Locale = ENGLISH): string | null {
  // Keys are built from parameter keys (open strings), so this lookup is untyped; '' means no entry.
  const t = loc.t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const L = labelsFor(loc);
  const word = (key: string) => t(key, { defaultValue: '' }) || null;
  const k = key.split('.');
  const time = (x: string | undefined) => (x && x in L.time ? lower(L.time[x as keyof typeof L.time], loc) : null);
  const damage = (x: string | undefined) => (x === 'completeNoCollapse' || x === 'collapse' ? L.damage[x] : x && x in L.damageShort ? lower(L.damageShort[x as keyof typeof L.damageShort], loc) : null);
  const kind = (x: string | undefined) => { const w = x ? word(`report:engine.kind.${x}`) : null; return w && lower(w, loc); };
  const construction = (x: string | undefined) => (x ? word(`report:parameterLabels.construction.${x}`) : null);
  const say = (family: string, values: Record<string, string | null> = {}) =>
    (Object.values(values).every((v) => v !== null) ? t(`report:parameterLabels.${family}`, values) : null);
  const fixed: Record<string, string> = {
    'warning.reducedMobilityFactor': 'reducedMobilityFactor', 'casualty.urmNonCollapseFactor': 'urmNonCollapseFactor', 'uncertainty.rateSigma': 'rateSigma',
    'montecarlo.runs': 'runs', 'infrastructure.downThreshold': 'downThreshold', 'exposure.unitConstruction': 'unitConstruction',
    'protected.buildingMatchRadiusM': 'buildingMatchRadius', 'service.peoplePerBed': 'peoplePerBed', 'protected.hospital.bedOccupancy': 'bedOccupancy',
    'displacement.utilityDays': 'utilityDays', 'displacement.publicShelterShare': 'publicShelterShare', 'needs.waterLitresPerPersonDay': 'water',
    'needs.coveredSpaceM2PerPerson': 'coveredSpace', 'needs.peoplePerLatrine': 'latrine', 'needs.peoplePerHealthUnit': 'healthUnit',
    'education.damagedClosureDays': 'schoolClosure',
  };
  if (key in fixed) return say(fixed[key]!);
  const [a, b, c, d] = k;
  if (a === 'occupancy' && k.length === 3) return say('occupancy', { time: time(b), who: c ? word(`report:parameterLabels.occupant.${c}`) : null });
  if (a === 'outdoorShare' && k.length === 2) return say('outdoorShare', { time: time(b) });
  if (a === 'damage' && b === 'classFactor') return say('classFactor', { construction: construction(c) });
  if (a === 'damage' && b === 'collapseShare') return say('collapseShare', { construction: construction(c) });
  if (a === 'casualty' && b === 'indoor' && k.length === 4) {
    const n = /^sev([1-4])$/.exec(d ?? '')?.[1];
    return say('indoorRate', { damage: damage(c), severity: n ? wordsForLabel(`severity ${n}`, loc) : null });
  }
  if (a === 'infrastructure' && b === 'functionality') return say('functionality', { damage: damage(c) });
  if (a === 'restoration' && k.length === 3) return say('restoration', { kind: kind(b), damage: damage(c) });
  if (a === 'protected' && b === 'presence' && k.length === 4) return say('presence', { site: c && c in L.category ? lower(L.category[c as keyof typeof L.category], loc) : null, time: time(d) });
  if (a === 'protected' && b === 'hospital' && c === 'staffPerBed') return say('staffPerBed', { time: time(d) });
  if (a === 'service' && b === 'maxDistanceM') return say('serviceDistance', { kind: kind(c) });
  if (a === 'service' && b === 'maxPeople') return say('serviceMaxPeople', { kind: kind(c) });
  if (a === 'displacement' && b === 'uninhabitable') return say('uninhabitable', { damage: damage(c) });
  return null;
}

/** listAssumptions marks an illustrative profile with this English suffix (kept for stored results). */
const ILLUSTRATIVE = ' (ILLUSTRATIVE, derived from no weapon data)';

export function assumptionInWords(a: Assumption, loc: Locale = ENGLISH): AssumptionText {
  if (isZones(a.value)) {
    const t = profileTable(a.value, loc);
    const illustrative = a.label.endsWith(ILLUSTRATIVE);
    const name = illustrative ? a.label.slice(0, -ILLUSTRATIVE.length) : a.label;
    // The profile's name is data (as written in the profile file or by the user): never translated.
    const labelParts = nameParts((v) => loc.t('report:assumptions.profileLabel', {
      label: illustrative ? loc.t('report:parameterLabels.illustrative', { name: v.name }) : v.name,
    }), { name });
    return {
      key: a.key, label: partsText(labelParts), labelParts,
      value: loc.t('report:assumptions.profileValue', { count: a.value.length, n: formatCount(a.value.length, loc) }), source: a.source, table: t,
    };
  }
  const label = parameterLabel(a.key, loc) ?? wordsForLabel(a.label, loc);
  return { key: a.key, label, labelParts: [label], value: valueWords(a.value, a.unit, loc), source: a.source };
}
