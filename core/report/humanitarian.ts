/**
 * Humanitarian consequences in words (issue 17): people displaced, their minimum needs, children out
 * of school. The panel, the PDF, the CSV and the CLI take their lines from here, so they say the
 * same thing; figures without data say "no data" and why, never 0.
 */
import { GROUPS, type AssessmentResult, type Interval } from '../model/assessment';
import { formatCount, formatInterval } from '../model/format';
import { GROUP_LABELS } from './labels';

/** One figure: an interval with its unit, or no figure and the reason. */
export interface HumanitarianRow { section: string; item: string; measure: string; interval: Interval | null; unit: string; noData?: string }

export interface HumanitarianHeadline {
  /** "People displaced: 156 (90% interval 0–1,000); 31 would seek public shelter". */
  displaced: string;
  /** Water, shelter and latrines in one line. */
  needs: string;
  /** Pupils and pupil-days lost, or "no data" and why. */
  schools: string;
  /** Caveats (planning assumptions, parts not estimated). */
  notes: string[];
}

const litres = (v: number) => (v >= 1e6 ? `${formatCount(v / 1000)} m³` : `${formatCount(v)} L`);

/** The compact lines under the casualty headline; null for results stored before issue 17. */
export function humanitarianHeadline(r: AssessmentResult): HumanitarianHeadline | null {
  const h = r.humanitarian;
  if (!h) return null;
  const d = h.displacement, n = h.needs, e = h.education;
  const shelterNote = d.notes.some((x) => /public shelter/.test(x)) ? ' (planning assumption)' : '';
  const cut = n.cutOff.status === 'estimated'
    ? n.cutOff.people.mean < 0.5
      ? '; nobody expected to be cut off from piped water'
      : `; ${litres(n.cutOff.truckedWaterLitres.mean)} of trucked water over ${r.settings.horizonDays} days for the ${formatCount(n.cutOff.people.mean)} people cut off`
    : `; water for people cut off: no data (${n.cutOff.reason})`;
  return {
    displaced: `${formatInterval(d.displaced)} people displaced; ${formatCount(d.publicShelter.mean)} would seek public shelter${shelterNote}`,
    needs: `${litres(n.waterLitresPerDay.mean)} of water a day, ${formatCount(n.coveredSpaceM2.mean)} m² of covered space and ${formatCount(Math.ceil(n.latrines.mean))} latrines${cut}`,
    schools: e.status === 'nodata'
      ? `Children out of school: no data (${e.reason})`
      : `${formatInterval(e.pupils)} pupils out of school; ${formatCount(e.pupilDays.mean)} pupil-days lost over ${r.settings.horizonDays} days`,
    notes: [
      ...(d.displaced.mean > d.displaced.p95 ? ['the mean of the displaced lies above the 90% interval: in fewer than 1 case in 20 a long outage of water or power displaces far more people'] : []),
      ...d.notes, ...(e.status === 'estimated' ? e.notes : []),
    ],
  };
}

/** Every humanitarian figure as a row (CSV, PDF details); [] for results stored before issue 17. */
export function humanitarianRows(r: AssessmentResult, areaName: (id: string) => string = (id) => id): HumanitarianRow[] {
  const h = r.humanitarian;
  if (!h) return [];
  const rows: HumanitarianRow[] = [];
  const add = (section: string, item: string, measure: string, interval: Interval, unit: string) => rows.push({ section, item, measure, interval, unit });
  const none = (section: string, item: string, measure: string, reason: string, unit: string) => rows.push({ section, item, measure, interval: null, unit, noData: reason });
  const d = h.displacement, H = r.settings.horizonDays;
  add('Displacement', 'All residents', 'Displaced (counted once)', d.displaced, 'people');
  add('Displacement', 'All residents', 'Displaced: dwelling uninhabitable (extensive or complete damage)', d.byCause.damage, 'people');
  if (d.byCause.utilities) add('Displacement', 'All residents', `Displaced: without water or power for more than ${d.utilityDays} days`, d.byCause.utilities, 'people');
  else none('Displacement', 'All residents', `Displaced: without water or power for more than ${d.utilityDays} days`, 'the dataset has no water or power facilities', 'people');
  add('Displacement', 'All residents', `Seeking public shelter (${Math.round(d.publicShelterShare * 100)}% of the displaced)`, d.publicShelter, 'people');
  for (const g of GROUPS) add('Displacement by group', GROUP_LABELS[g], 'Displaced', d.byGroup[g], 'people');
  for (const a of d.byArea) add('Displacement by area', areaName(a.areaId), 'Displaced: dwelling uninhabitable', a.damage, 'people');
  const n = h.needs;
  add('Minimum needs (Sphere 2018)', 'Displaced', 'Water', n.waterLitresPerDay, 'litres/day');
  add('Minimum needs (Sphere 2018)', 'In public shelter', 'Covered living space', n.coveredSpaceM2, 'm2');
  add('Minimum needs (Sphere 2018)', 'In public shelter', 'Latrines', n.latrines, 'latrines');
  add('Minimum needs (Sphere 2018)', 'Displaced', 'Basic health units', n.healthUnits, 'units');
  add('Minimum needs (Sphere 2018)', 'Displaced', 'Inpatient beds', n.beds, 'beds');
  if (n.cutOff.status === 'estimated') {
    add('Minimum needs (Sphere 2018)', 'People without piped water', 'Water a day', n.cutOff.waterLitresPerDay, 'litres/day');
    add('Minimum needs (Sphere 2018)', 'People without piped water', `Trucked water over ${H} days`, n.cutOff.truckedWaterLitres, 'litres');
  } else none('Minimum needs (Sphere 2018)', 'People without piped water', 'Water', n.cutOff.reason, 'litres');
  const e = h.education;
  if (e.status === 'nodata') none('Education', 'Pupils', 'Out of school', e.reason, 'pupils');
  else {
    add('Education', 'Pupils', 'School damaged (moderate or worse) or without power or water', e.pupils, 'pupils');
    add('Education', 'Pupils', `Pupil-days lost over ${H} days`, e.pupilDays, 'pupil-days');
  }
  return rows;
}

/** Chains in words for the schools with the most pupil-days lost. */
export function schoolChains(r: AssessmentResult): string[] {
  const e = r.humanitarian?.education;
  return e && e.status === 'estimated' ? e.schools.map((s) => s.chain) : [];
}

/** The displaced (mean) for option comparison; null for results stored before issue 17. */
export const displacedOf = (r: AssessmentResult): Interval | null => r.humanitarian?.displacement.displaced ?? null;
