/**
 * The headline of an assessment, the part a planner reads in ten seconds: casualties by severity
 * (intervals), people present at the chosen time beside the residents, protected sites counted by
 * category, the largest service losses, the bed gap and how much rests on inferred links. The panel,
 * the PDF report and the CSV all take their words from here.
 */
import { SEVERITIES, type AssessmentResult, type Interval, type Severity } from '../model/assessment';
import { SECTORS, type Sector } from '../model/dataset';
import { formatCount, formatInterval, formatPercent } from '../model/format';
import { ENGLISH, type Locale } from '../i18n/locale';
import { labelsFor } from './labels';
import { countWords, dedupeSites, groupSites, type SiteEntry, type SiteGroup } from './sites';
import parameterSet from '../../data/parameters.json';

/** A facility counts as "likely affected" from this probability of being down (as the panel lists). */
export const AFFECTED_P_DOWN = 0.05;
/** Sites named in the headline. */
const NEAREST_NAMED = 3;

export interface DependencyLink { consumerId: string; supplierId: string; inferred: boolean }

export interface Headline {
  casualties: { severity: Severity; label: string; interval: Interval }[];
  timeLabel: string;
  present: { inAreas: Present; inZones: Present };
  residents: number;
  residentsInZones: number;
  sites: { entries: SiteEntry[]; groups: SiteGroup[]; inside: number; inZones: number; insideWords: string; inZonesWords: string; nearest: SiteEntry[] };
  /** Sectors with people losing service, largest first (at most three). */
  /** Largest estimated losses; `inferred` when most of the figure rests on a default service area or inferred link. Sectors with no data are left out here and said in the sections. */
  serviceLosses: { sector: Sector; label: string; people: Interval; inferred: boolean }[];
  beds: { estimated: boolean; text: string };
  /**
   * What the service figures rest on that was inferred rather than surveyed: links behind the
   * affected facilities inferred at import (null when the links are unknown) and affected
   * facilities with no mapped service area (null in results stored before that was recorded).
   */
  inferred: { links: number | null; inferredLinks: number | null; facilities: number; inferredAreas: number | null; text: string } | null;
}

export interface Present { indoors: number; outdoors: number; total: number }

/**
 * People present at the result's time of day: in the drawn areas (their first zone) and in the areas
 * with all their zones (where the casualties are counted).
 */
export function presentAt(r: AssessmentResult): { inAreas: Present; inZones: Present } {
  const t = r.settings.timeOfDay;
  const inAreas = { indoors: 0, outdoors: 0, total: 0 };
  for (const z of r.exposed.zones) if (z.zoneIndex === 0) { inAreas.indoors += z.present[t].indoors; inAreas.outdoors += z.present[t].outdoors; }
  inAreas.total = inAreas.indoors + inAreas.outdoors;
  const p = r.exposed.present[t];
  return { inAreas, inZones: { indoors: p.indoors, outdoors: p.outdoors, total: p.indoors + p.outdoors } };
}

/**
 * How much of the service estimate rests on inferred data, of the two kinds the engine flags: of
 * the links that feed the facilities likely affected, how many were inferred at import (nearest
 * supplier) rather than given; and of those facilities, how many have no mapped service area (the
 * people they serve assigned by nearest facility). A loss marked "inferred" can rest on either,
 * so the line names both. Null when neither is known (links not loaded, result stored before
 * service areas were recorded).
 */
export function inferredShare(r: AssessmentResult, links: readonly DependencyLink[] | null, loc: Locale = ENGLISH): Headline['inferred'] {
  const affected = r.infrastructure.facilities.filter((f) => f.pDown >= AFFECTED_P_DOWN);
  const areasKnown = affected.length > 0 && affected.every((f) => f.serviceAreaInferred !== undefined);
  if (!links && !areasKnown) return null;
  const ids = new Set(affected.map((f) => f.id));
  const feeding = links ? links.filter((l) => ids.has(l.consumerId)) : [];
  const inferredLinks = feeding.filter((l) => l.inferred).length;
  const inferredAreas = areasKnown ? affected.filter((f) => f.serviceAreaInferred).length : null;
  const sentences = [
    ...(!links ? [] : feeding.length === 0
      ? [loc.t('report:summary.noLinks')]
      : [loc.t('report:summary.inferredLinks', { count: feeding.length, inferred: formatCount(inferredLinks, loc), links: formatCount(feeding.length, loc) })]),
    ...(inferredAreas === null ? [] : [loc.t('report:summary.inferredAreas', { count: affected.length, inferred: formatCount(inferredAreas, loc), facilities: formatCount(affected.length, loc) })]),
  ];
  return { links: links ? feeding.length : null, inferredLinks: links ? inferredLinks : null, facilities: affected.length, inferredAreas, text: sentences.join(' ') };
}

export function bedsText(b: AssessmentResult['infrastructure']['beds'], loc: Locale = ENGLISH): { estimated: boolean; text: string } {
  if (b.total === 0) return { estimated: false, text: loc.t('report:summary.beds.notEstimated') };
  // Expectation mode gives a lower bound of the expected gap (a gap of means), and says so.
  const gap = formatInterval(b.gap, loc), total = formatCount(b.total, loc), lost = formatCount(b.lost.mean, loc);
  const values = { gap, total, lost, count: Math.round(b.gap.mean) };
  return { estimated: true, text: b.gapMeaning === 'lowerBound' ? loc.t('report:summary.beds.gapLowerBound', values) : loc.t('report:summary.beds.gap', values) };
}

export function headline(r: AssessmentResult, links: readonly DependencyLink[] | null = null, loc: Locale = ENGLISH): Headline {
  const L = labelsFor(loc);
  const entries = dedupeSites(r.protectedSites, undefined, loc);
  const groups = groupSites(entries, loc);
  const serviceLosses = SECTORS.flatMap((sector) => {
    const o = r.infrastructure.sectors[sector];
    return o.status === 'estimated' ? [{ sector, label: L.sector[sector], people: o.peopleWithoutService, inferred: o.inferred !== null }] : [];
  })
    .filter((s) => s.people.mean >= 0.5)
    .sort((a, b) => b.people.mean - a.people.mean)
    .slice(0, 3);
  return {
    casualties: SEVERITIES.map((s) => ({ severity: s, label: L.severity[s], interval: r.casualties[s] })),
    timeLabel: L.time[r.settings.timeOfDay],
    present: presentAt(r),
    residents: r.exposed.residents,
    residentsInZones: r.exposed.residentsInZones,
    sites: {
      entries, groups,
      inside: groups.reduce((s, g) => s + g.inside, 0),
      inZones: groups.reduce((s, g) => s + g.inZones, 0),
      insideWords: countWords(groups, (g) => g.inside, loc),
      inZonesWords: countWords(groups, (g) => g.inZones, loc),
      nearest: entries.filter((e) => e.named).slice(0, NEAREST_NAMED),
    },
    serviceLosses,
    beds: bedsText(r.infrastructure.beds, loc),
    inferred: inferredShare(r, links, loc),
  };
}

/** "1,234 (90% interval 900–1,600)" with its label, for one line of text. */
export const intervalLine = (label: string, i: Interval, unit = '', loc: Locale = ENGLISH) =>
  loc.t('report:summary.labelled', { label, value: unit ? `${formatInterval(i, loc)} ${unit}` : formatInterval(i, loc) });

/** Runs of a full, saved estimate (the parameter set's Monte Carlo runs). */
const FULL_RUNS: number = parameterSet.values['montecarlo.runs'].value;

/**
 * What a live preview is, in words (null for a saved run): its means are exact expected values and
 * its bounds come from a short run, so the planner knows to run and save for the full estimate.
 */
export function previewInWords(p: { mode?: string; runs: number }, loc: Locale = ENGLISH): string | null {
  if (p.mode !== 'preview') return null;
  return loc.t('report:summary.preview', { count: p.runs, runs: formatCount(p.runs, loc), full: formatCount(FULL_RUNS, loc), low: loc.number().format(5), high: formatPercent(0.95, loc) });
}
