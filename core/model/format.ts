/**
 * Numbers and figures in words shared by the CLI, the UI and reports: thousands separators and
 * digits of the reader's locale (`loc.number`), no false precision, words from the `report`
 * catalogue. Plain text: no isolation marks (a renderer isolates figures itself, see
 * core/report/parts.ts).
 */
import type { Interval, SectorOutcome } from './assessment';
import { ENGLISH, type Locale } from '../i18n/locale';
import { engineParts, engineWords } from '../report/engine-words';
import { composeParts, partsText, type NamePart } from '../report/parts';

type Range = { mean: number; p05: number; p95: number };

/** Counts of people: never a fraction of a person below one ("< 1"); one decimal below 10. */
export function formatCount(n: number, loc: Locale = ENGLISH): string {
  if (n > 0 && n < 1) return loc.t('report:format.lessThanOne', { one: loc.number().format(1) });
  return Math.abs(n) < 10 && n !== Math.round(n)
    ? loc.number({ maximumFractionDigits: 1 }).format(n)
    : loc.number({ maximumFractionDigits: 0 }).format(Math.round(n));
}

/** "14 days", "1 day": a duration in days, plural by the language's rules (one decimal at most). */
export function formatDays(days: number, loc: Locale = ENGLISH): string {
  const r = Math.round(days * 10) / 10;
  return loc.t('report:format.days', { count: r, n: loc.number({ maximumFractionDigits: 1 }).format(r) });
}

/** "80,000 people", "1 person": a count of people with its noun, plural by the language's rules. */
export function formatPeople(n: number, loc: Locale = ENGLISH): string {
  const whole = n >= 1 ? Math.round(n) : n;
  return loc.t('report:format.people', { count: whole, n: formatCount(n, loc) });
}

/** A share (0.3) as a percentage ("30%"), whole from 10% up, one decimal below, in the reader's locale. */
export function formatPercent(share: number, loc: Locale = ENGLISH): string {
  const p = share * 100;
  const digits = Math.abs(p) < 10 && p !== Math.round(p) ? 1 : 0;
  return loc.number({ style: 'percent', maximumFractionDigits: digits }).format(digits ? share : Math.round(p) / 100);
}

/** The three figures of an interval, formatted, for a renderer that lays them out (and isolates them) itself. */
export function intervalFigures(i: Range, loc: Locale = ENGLISH): { mean: string; low: string; high: string; level: string } {
  return { mean: formatCount(i.mean, loc), low: formatCount(i.p05, loc), high: formatCount(i.p95, loc), level: formatPercent(0.9, loc) };
}

/** "12 (90% interval 3–30)" style interval text. */
export function formatInterval(i: Range, loc: Locale = ENGLISH): string {
  return loc.t('report:format.interval', intervalFigures(i, loc));
}

/** The hospital-bed line; with no bed counts in the dataset there is no gap to estimate, and it says so. */
export function describeBeds(b: { total: number; lost: Range; seriouslyInjured: Range; gap: Range }, loc: Locale = ENGLISH): string {
  if (b.total === 0) return loc.t('report:format.beds.noCounts', { serious: formatInterval(b.seriouslyInjured, loc) });
  return loc.t('report:format.beds.line', {
    count: b.total, total: formatCount(b.total, loc), lost: formatInterval(b.lost, loc),
    serious: formatInterval(b.seriouslyInjured, loc), gap: formatInterval(b.gap, loc),
  });
}

/** A sector's figure, or null where the sector has no data. */
export function sectorFigure(o: SectorOutcome, field: 'peopleWithoutService' | 'peopleDays' | 'facilitiesDown'): Interval | null {
  return o.status === 'estimated' ? o[field] : null;
}

/** "no data: the dataset has no sanitation facilities". */
export function describeNoData(o: SectorOutcome, loc: Locale = ENGLISH): string | null {
  return o.status === 'nodata' ? loc.t('report:format.noData', { reason: engineWords(o.reason, loc) }) : null;
}

/** A sector's figure as text: the interval, or "no data" and why. */
export function formatSectorFigure(o: SectorOutcome, field: 'peopleWithoutService' | 'peopleDays', loc: Locale = ENGLISH): string {
  const i = sectorFigure(o, field);
  return i ? formatInterval(i, loc) : describeNoData(o, loc)!;
}

/** Caveats of a sector's figure in words (inferred drivers first), or '' when there are none. */
export const describeSectorCaveats = (o: SectorOutcome, loc: Locale = ENGLISH): string => partsText(sectorCaveatParts(o, loc));

/** The same caveats in parts: facility names (data) as name parts, for the renderer to keep untranslated. */
export function sectorCaveatParts(o: SectorOutcome, loc: Locale = ENGLISH): NamePart[] {
  if (o.status !== 'estimated') return [];
  const sentences: NamePart[][] = [];
  if (o.inferred) {
    const share = formatPercent(Math.round(o.inferred.share * 100) / 100, loc), sep = loc.t('report:format.listSeparator');
    const facilities = o.inferred.facilities.flatMap((f, i) => [...(i > 0 ? [sep] : []), ...engineParts(f, loc)]);
    sentences.push(composeParts((v) => loc.t('report:format.inferred', { share, facilities: v.facilities }), { facilities }));
  }
  for (const n of o.notes) {
    const w = engineParts(n, loc);
    const first = w[0];
    // Capitalise the sentence's first word, never a name.
    if (typeof first === 'string') w[0] = `${first.charAt(0).toLocaleUpperCase(loc.lang)}${first.slice(1)}`;
    sentences.push(composeParts((v) => loc.t('report:format.sentence', { text: v.text }), { text: w }));
  }
  return sentences.flatMap((x, i) => [...(i > 0 ? [' '] : []), ...x]);
}
