/**
 * Every source behind an estimate with its licence and attribution: the dataset (as imported, with
 * OpenStreetMap and census attributions) and the sources the parameters cite. Shown in the PDF
 * report and the CSV header.
 */
import type { AssessmentResult } from '../model/assessment';
import type { Operation } from '../model/operation';
import { TIME_LABELS } from './labels';
import { formatCount } from '../model/format';

/** The dataset fields a report needs (DatasetSummary has them all). */
export interface DatasetInfo { name: string; source: string; licence: string; attribution: string; synthetic: boolean }

export interface SourceLine { what: string; licence: string; attribution: string; /** Files or origin, for the full table. */ detail?: string }

const OSM = { licence: 'ODbL 1.0 (Open Database License)', attribution: '© OpenStreetMap contributors' };

/** The dataset's sources; an OSM file is always credited as ODbL, © OpenStreetMap contributors, even if the import recorded no attribution. */
export function dataSources(d: DatasetInfo | null, r: AssessmentResult): SourceLine[] {
  const lines: SourceLine[] = [];
  if (d) {
    lines.push({ what: `Dataset "${d.name}"${d.synthetic ? ' (synthetic: no figure describes real people)' : ''}`, licence: d.licence || 'not given at import', attribution: d.attribution || 'not given at import', ...(d.source ? { detail: d.source } : {}) });
    const osmFile = /\.osm(\.pbf)?\b|openstreetmap/i.test(d.source);
    if (osmFile && !/openstreetmap/i.test(d.attribution)) lines.push({ what: 'OpenStreetMap data in the dataset', ...OSM });
  } else {
    lines.push({ what: `Dataset "${r.provenance.datasetName}"`, licence: 'see the dataset', attribution: 'see the dataset' });
  }
  lines.push({ what: 'Model parameters and effect profiles', licence: 'as published by each source', attribution: citedSources(r).join('; ') });
  return lines;
}

/** The settings of an estimate as label/value pairs, in words (CSV header, PDF title block). */
export function settingsInWords(r: AssessmentResult, operation: Operation | null): [string, string][] {
  // The engine's assumption label repeats "(ILLUSTRATIVE ...)" after a name that already says illustrative.
  const profileName = (a: Operation['areas'][number]) => (a.profile?.name ?? r.assumptions.find((x) => x.key === `profile.${a.profileId}`)?.label ?? a.profileId).replace(/(\(illustrative\).*?) \(ILLUSTRATIVE[^)]*\)$/i, '$1');
  const p = r.provenance;
  return [
    ['Option', r.operationName],
    ['Dataset', p.datasetName],
    ['Time of day', TIME_LABELS[r.settings.timeOfDay]],
    ['Share of civilians who left after warning', `${formatCount(r.settings.warningShare * 100)}%`],
    ['Outage horizon', `${formatCount(r.settings.horizonDays)} days`],
    ...(operation?.areas ?? []).map((a): [string, string] => [`Effect profile, ${a.name}`, profileName(a)]),
    ['Monte Carlo runs', p.mode === 'expectation' ? 'none (expected values)' : formatCount(p.runs)],
    ['Random seed', String(p.seed)],
    ['Parameter set', p.parameterSet],
    ['Assessed', p.createdAt],
  ];
}

/** Publishers the parameter sources cite, in the words a report credits them. */
const PUBLISHERS: [RegExp, string][] = [
  [/Hazus/i, 'FEMA Hazus earthquake casualty and lifeline models'],
  [/pelicun/i, 'NHERI-SimCenter pelicun (Hazus data)'],
  [/InaSAFE/i, 'InaSAFE default population ratios'],
  [/\bWHO\b/, 'WHO 2023 disability estimate'],
  [/METHOD\.md/, 'the methodology of this tool (METHOD.md)'],
];

/**
 * The published sources the parameters cite, each once; planning assumptions and the illustrative
 * profiles are named as such, with details beside each assumption.
 */
export function citedSources(r: AssessmentResult): string[] {
  const all = r.assumptions.map((a) => a.source).join('\n');
  const out = PUBLISHERS.filter(([re]) => re.test(all)).map(([, name]) => name);
  if (/planning assumption/i.test(all)) out.push('planning assumptions of this tool (marked as such beside each value)');
  if (/illustrative/i.test(all)) out.push('illustrative effect profiles, derived from no weapon data');
  return out;
}
