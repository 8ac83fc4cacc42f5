/** Number formatting shared by the CLI, the UI and reports: thousands separators, no false precision. */
import type { Interval, SectorOutcome } from './assessment';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const small = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** Counts of people: never a fraction of a person below one ("< 1"); one decimal below 10. */
export function formatCount(n: number): string {
  if (n > 0 && n < 1) return '< 1';
  return Math.abs(n) < 10 && n !== Math.round(n) ? small.format(n) : integer.format(Math.round(n));
}

/** "12 (5-95%: 3 to 30)" style interval text. */
export function formatInterval(i: { mean: number; p05: number; p95: number }): string {
  return `${formatCount(i.mean)} (90% interval ${formatCount(i.p05)}–${formatCount(i.p95)})`;
}

/** The hospital-bed line; with no bed counts in the dataset there is no gap to estimate, and it says so. */
export function describeBeds(b: { total: number; lost: { mean: number; p05: number; p95: number }; seriouslyInjured: { mean: number; p05: number; p95: number }; gap: { mean: number; p05: number; p95: number } }): string {
  if (b.total === 0) return `No hospital bed counts in this dataset: the gap against ${formatInterval(b.seriouslyInjured)} seriously injured cannot be estimated.`;
  return `${formatCount(b.total)} hospital beds; lost ${formatInterval(b.lost)}; seriously injured ${formatInterval(b.seriouslyInjured)}; gap ${formatInterval(b.gap)}.`;
}

/** A sector's figure, or null where the sector has no data. */
export function sectorFigure(o: SectorOutcome, field: 'peopleWithoutService' | 'peopleDays' | 'facilitiesDown'): Interval | null {
  return o.status === 'estimated' ? o[field] : null;
}

/** "no data: the dataset has no sanitation facilities". */
export function describeNoData(o: SectorOutcome): string | null {
  return o.status === 'nodata' ? `no data: ${o.reason}` : null;
}

/** A sector's figure as text: the interval, or "no data" and why. */
export function formatSectorFigure(o: SectorOutcome, field: 'peopleWithoutService' | 'peopleDays'): string {
  const i = sectorFigure(o, field);
  return i ? formatInterval(i) : describeNoData(o)!;
}

/** Caveats of a sector's figure in words (inferred drivers first), or '' when there are none. */
export function describeSectorCaveats(o: SectorOutcome): string {
  if (o.status !== 'estimated') return '';
  const parts: string[] = [];
  if (o.inferred) parts.push(`Inferred (${Math.round(o.inferred.share * 100)}% rests on guesses): ${o.inferred.facilities.join('; ')}.`);
  for (const n of o.notes) parts.push(`${n.charAt(0).toUpperCase()}${n.slice(1)}.`);
  return parts.join(' ');
}
