/**
 * The assumptions of an assessment in words: each parameter as label, value with unit and source;
 * each effect profile as a table (zone, damage-state shares, outdoor casualty rates), never JSON.
 * Column heads, units and yes/no follow the reader's language; parameter labels and sources come
 * from the parameter file (English, with the model's terms spelled out by wordsForLabel).
 */
import type { AssessmentResult } from '../model/assessment';
import { DAMAGE_STATES, type ProfileZone } from '../model/operation';
import { formatCount } from '../model/format';
import { ENGLISH, type Locale } from '../i18n/locale';
import { labelsFor, wordsForLabel } from './labels';

type Assumption = AssessmentResult['assumptions'][number];

export interface ProfileTable {
  header: string[];
  rows: string[][];
}

export interface AssumptionText {
  key: string;
  label: string;
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
  if (typeof v === 'string') return `${v} ${u}`.trim();
  if (Array.isArray(v)) return v.map((x) => valueWords(x, '', loc)).join(sep) + (u ? ` ${u}` : '');
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${wordsForLabel(k, loc)} ${valueWords(x, '', loc)}`).join(sep) + (u ? ` ${u}` : '');
  return '–';
}

export function assumptionInWords(a: Assumption, loc: Locale = ENGLISH): AssumptionText {
  if (isZones(a.value)) {
    const t = profileTable(a.value, loc);
    return {
      key: a.key, label: loc.t('report:assumptions.profileLabel', { label: a.label }),
      value: loc.t('report:assumptions.profileValue', { count: a.value.length, n: formatCount(a.value.length, loc) }), source: a.source, table: t,
    };
  }
  return { key: a.key, label: wordsForLabel(a.label, loc), value: valueWords(a.value, a.unit, loc), source: a.source };
}
