/**
 * Every source behind an estimate with its licence and attribution: the dataset (as imported, with
 * OpenStreetMap and census attributions) and the sources the parameters cite. Shown in the PDF
 * report and the CSV header.
 */
import type { AssessmentResult } from '../model/assessment';
import type { Operation } from '../model/operation';
import { labelsFor } from './labels';
import { formatCount, formatDays, formatPercent } from '../model/format';
import { ENGLISH, type Locale } from '../i18n/locale';

/** The dataset fields a report needs (DatasetSummary has them all). */
export interface DatasetInfo { name: string; source: string; licence: string; attribution: string; synthetic: boolean }

export interface SourceLine { what: string; licence: string; attribution: string; /** Files or origin, for the full table. */ detail?: string }

/** Licence names and the OpenStreetMap attribution are legal text: the same in every language. */
const OSM = { licence: 'ODbL 1.0 (Open Database License)', attribution: '© OpenStreetMap contributors' };

/** The dataset's sources; an OSM file is always credited as ODbL, © OpenStreetMap contributors, even if the import recorded no attribution. */
export function dataSources(d: DatasetInfo | null, r: AssessmentResult, loc: Locale = ENGLISH): SourceLine[] {
  const t = loc.t;
  const lines: SourceLine[] = [];
  if (d) {
    const notGiven = t('report:sources.notGiven');
    lines.push({ what: d.synthetic ? t('report:sources.datasetSynthetic', { name: d.name }) : t('report:sources.dataset', { name: d.name }), licence: d.licence || notGiven, attribution: d.attribution || notGiven, ...(d.source ? { detail: d.source } : {}) });
    const osmFile = /\.osm(\.pbf)?\b|openstreetmap/i.test(d.source);
    if (osmFile && !/openstreetmap/i.test(d.attribution)) lines.push({ what: t('report:sources.osmData'), ...OSM });
  } else {
    lines.push({ what: t('report:sources.dataset', { name: r.provenance.datasetName }), licence: t('report:sources.seeDataset'), attribution: t('report:sources.seeDataset') });
  }
  lines.push({ what: t('report:sources.parameters'), licence: t('report:sources.asPublished'), attribution: citedSources(r, loc).join(t('report:format.listSeparator')) });
  return lines;
}

/** The settings of an estimate as label/value pairs, in words (CSV header, PDF title block). */
export function settingsInWords(r: AssessmentResult, operation: Operation | null, loc: Locale = ENGLISH): [string, string][] {
  const t = loc.t;
  // The engine's assumption label repeats "(ILLUSTRATIVE ...)" after a name that already says illustrative.
  const profileName = (a: Operation['areas'][number]) => (a.profile?.name ?? r.assumptions.find((x) => x.key === `profile.${a.profileId}`)?.label ?? a.profileId).replace(/(\(illustrative\).*?) \(ILLUSTRATIVE[^)]*\)$/i, '$1');
  const p = r.provenance;
  return [
    [t('report:settings.option'), r.operationName],
    [t('report:settings.dataset'), p.datasetName],
    [t('report:settings.timeOfDay'), labelsFor(loc).time[r.settings.timeOfDay]],
    [t('report:settings.warningShare'), formatPercent(r.settings.warningShare, loc)],
    [t('report:settings.horizon'), formatDays(r.settings.horizonDays, loc)],
    ...(operation?.areas ?? []).map((a): [string, string] => [t('report:settings.profileOf', { area: a.name }), profileName(a)]),
    [t('report:settings.runs'), p.mode === 'expectation' ? t('report:settings.noRuns') : formatCount(p.runs, loc)],
    // The seed is an identifier to type back in: Latin digits, no grouping.
    [t('report:settings.seed'), String(p.seed)],
    [t('report:settings.parameterSet'), p.parameterSet],
    [t('report:settings.assessed'), p.createdAt],
  ];
}

/** Publishers the parameter sources cite, in the words a report credits them. */
const PUBLISHERS = [
  [/Hazus/i, 'hazus'],
  [/pelicun/i, 'pelicun'],
  [/InaSAFE/i, 'inasafe'],
  [/\bWHO\b/, 'who'],
  [/METHOD\.md/, 'method'],
] as const;

/**
 * The published sources the parameters cite, each once; planning assumptions and the illustrative
 * profiles are named as such, with details beside each assumption.
 */
export function citedSources(r: AssessmentResult, loc: Locale = ENGLISH): string[] {
  const all = r.assumptions.map((a) => a.source).join('\n');
  const out = PUBLISHERS.filter(([re]) => re.test(all)).map(([, key]) => loc.t(`report:sources.publisher.${key}`));
  if (/planning assumption/i.test(all)) out.push(loc.t('report:sources.publisher.planning'));
  if (/illustrative/i.test(all)) out.push(loc.t('report:sources.publisher.illustrative'));
  return out;
}
