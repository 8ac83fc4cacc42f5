/**
 * The assumptions of an assessment in words: each parameter as label, value with unit and source;
 * each effect profile as a table (zone, damage-state shares, outdoor casualty rates), never JSON.
 */
import type { AssessmentResult } from '../model/assessment';
import { DAMAGE_STATES, type ProfileZone } from '../model/operation';
import { formatCount } from '../model/format';
import { wordsForLabel } from './labels';

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
const exact = (n: number) => (Math.abs(n) >= 1000 ? formatCount(n) : String(Number(n.toPrecision(3))));
const pct = (p: number) => `${exact(p * 100)}%`;

function isZones(v: unknown): v is ProfileZone[] {
  return Array.isArray(v) && v.every((z) => typeof z === 'object' && z !== null && 'outerEdgeM' in z && 'damage' in z);
}

/** A profile's zones as a table: one row per zone, damage-state shares and outdoor rates in per cent. */
export function profileTable(zones: readonly ProfileZone[]): ProfileTable {
  return {
    header: ['Zone', ...DAMAGE_STATES.map((d) => (d === 'none' ? 'No damage' : `${d[0]!.toUpperCase()}${d.slice(1)} damage`)), 'Outdoors killed', 'Outdoors seriously injured', 'Outdoors lightly injured'],
    rows: zones.map((z, i) => [
      i === 0 ? 'Inside the area' : `Up to ${formatCount(z.outerEdgeM)} m from the area`,
      ...DAMAGE_STATES.map((d) => pct(z.damage[d])),
      pct(z.outdoor.killed), pct(z.outdoor.serious), pct(z.outdoor.light),
    ]),
  };
}

function valueWords(v: unknown, unit: string): string {
  if (typeof v === 'number') return unit === 'share' ? pct(v) : `${exact(v)} ${unit}`.trim();
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return `${v} ${unit}`.trim();
  if (Array.isArray(v)) return v.map((x) => valueWords(x, '')).join(', ') + (unit ? ` ${unit}` : '');
  if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${wordsForLabel(k)} ${valueWords(x, '')}`).join(', ') + (unit ? ` ${unit}` : '');
  return '–';
}

export function assumptionInWords(a: Assumption): AssumptionText {
  if (isZones(a.value)) {
    const t = profileTable(a.value);
    return { key: a.key, label: `Effect profile: ${a.label}`, value: `${a.value.length} zones; share of buildings in each damage state and outdoor casualty rates per zone`, source: a.source, table: t };
  }
  return { key: a.key, label: wordsForLabel(a.label), value: valueWords(a.value, a.unit), source: a.source };
}
