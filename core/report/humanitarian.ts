/**
 * Humanitarian consequences in words (issue 17): people displaced, their minimum needs, children out
 * of school. The panel, the PDF, the CSV and the CLI take their lines from here, so they say the
 * same thing; figures without data say "no data" and why, never 0. Words from the `report`
 * catalogue (`humanitarian.*`), figures in the reader's locale.
 */
import { GROUPS, type AssessmentResult, type Interval } from '../model/assessment';
import { formatCount, formatDays, formatInterval, formatPercent } from '../model/format';
import { ENGLISH, type Locale } from '../i18n/locale';
import { chainParts, engineWords } from './engine-words';
import { partsText, type NamePart } from './parts';
import { labelsFor } from './labels';

/** One figure: an interval with its unit, or no figure and the reason. */
export interface HumanitarianRow {
  section: string; item: string; measure: string; interval: Interval | null; unit: string; noData?: string;
  /** The item is user data (an area's name): shown untranslated (translate="no"). */
  itemIsName?: boolean;
}

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

const litres = (v: number, loc: Locale) => (v >= 1e6
  ? loc.t('report:humanitarian.cubicMetres', { n: formatCount(v / 1000, loc) })
  : loc.t('report:humanitarian.litres', { n: formatCount(v, loc) }));

/** The compact lines under the casualty headline; null for results stored before issue 17. */
export function humanitarianHeadline(r: AssessmentResult, loc: Locale = ENGLISH): HumanitarianHeadline | null {
  const h = r.humanitarian;
  if (!h) return null;
  const d = h.displacement, n = h.needs, e = h.education, H = r.settings.horizonDays;
  const days = { days: formatDays(H, loc) };
  const cut = n.cutOff.status === 'estimated'
    ? n.cutOff.people.mean < 0.5
      ? loc.t('report:humanitarian.nobodyCutOff')
      : loc.t('report:humanitarian.truckedWater', { ...days, water: litres(n.cutOff.truckedWaterLitres.mean, loc), people: formatCount(n.cutOff.people.mean, loc) })
    : loc.t('report:humanitarian.cutOffNoData', { reason: engineWords(n.cutOff.reason, loc) });
  const shelter = { count: Math.round(d.publicShelter.mean), displaced: formatInterval(d.displaced, loc), shelter: formatCount(d.publicShelter.mean, loc) };
  return {
    displaced: d.notes.some((x) => /public shelter/.test(x))
      ? loc.t('report:humanitarian.displacedAssumed', shelter)
      : loc.t('report:humanitarian.displaced', shelter),
    needs: loc.t('report:humanitarian.needs', {
      count: Math.ceil(n.latrines.mean), water: litres(n.waterLitresPerDay.mean, loc), space: formatCount(n.coveredSpaceM2.mean, loc),
      latrines: formatCount(Math.ceil(n.latrines.mean), loc), cut,
    }),
    schools: e.status === 'nodata'
      ? loc.t('report:humanitarian.schoolsNoData', { reason: engineWords(e.reason, loc) })
      : loc.t('report:humanitarian.schools', { ...days, pupils: formatInterval(e.pupils, loc), pupilDays: formatCount(e.pupilDays.mean, loc) }),
    notes: [
      ...(d.displaced.mean > d.displaced.p95 ? [loc.t('report:humanitarian.meanAboveInterval', { level: formatPercent(0.9, loc), one: loc.number().format(1), twenty: loc.number().format(20) })] : []),
      ...d.notes.map((x) => engineWords(x, loc)), ...(e.status === 'estimated' ? e.notes.map((x) => engineWords(x, loc)) : []),
    ],
  };
}

/** Every humanitarian figure as a row (CSV, PDF details); [] for results stored before issue 17. */
export function humanitarianRows(r: AssessmentResult, areaName: (id: string) => string = (id) => id, loc: Locale = ENGLISH): HumanitarianRow[] {
  const h = r.humanitarian;
  if (!h) return [];
  const t = loc.t, L = labelsFor(loc);
  const rows: HumanitarianRow[] = [];
  const add = (section: string, item: string, measure: string, interval: Interval, unit: string) => rows.push({ section, item, measure, interval, unit });
  const none = (section: string, item: string, measure: string, reason: string, unit: string) => rows.push({ section, item, measure, interval: null, unit, noData: engineWords(reason, loc) });
  const d = h.displacement, H = r.settings.horizonDays;
  const horizon = { days: formatDays(H, loc) };
  const S = { displacement: t('report:humanitarian.section.displacement'), byGroup: t('report:humanitarian.section.byGroup'), byArea: t('report:humanitarian.section.byArea'), needs: t('report:humanitarian.section.needs'), education: t('report:humanitarian.section.education') };
  const U = { people: t('report:units.people'), litresPerDay: t('report:units.litresPerDay'), litres: t('report:units.litres'), m2: t('report:units.m2'), latrines: t('report:units.latrines'), units: t('report:units.healthUnits'), beds: t('report:units.beds'), pupils: t('report:units.pupils'), pupilDays: t('report:units.pupilDays') };
  const all = t('report:humanitarian.item.allResidents');
  const utilities = t('report:humanitarian.measure.displacedUtilities', { days: formatDays(d.utilityDays, loc) });
  add(S.displacement, all, t('report:humanitarian.measure.displacedOnce'), d.displaced, U.people);
  add(S.displacement, all, t('report:humanitarian.measure.displacedDamage'), d.byCause.damage, U.people);
  if (d.byCause.utilities) add(S.displacement, all, utilities, d.byCause.utilities, U.people);
  else none(S.displacement, all, utilities, 'the dataset has no water or power facilities', U.people);
  add(S.displacement, all, t('report:humanitarian.measure.publicShelter', { share: formatPercent(Math.round(d.publicShelterShare * 100) / 100, loc) }), d.publicShelter, U.people);
  for (const g of GROUPS) add(S.byGroup, L.group[g], t('report:humanitarian.measure.displaced'), d.byGroup[g], U.people);
  for (const a of d.byArea) rows.push({ section: S.byArea, item: areaName(a.areaId), measure: t('report:humanitarian.measure.displacedDamageShort'), interval: a.damage, unit: U.people, itemIsName: true });
  const n = h.needs;
  const displaced = t('report:humanitarian.item.displaced'), sheltered = t('report:humanitarian.item.inPublicShelter'), cutOff = t('report:humanitarian.item.withoutPipedWater');
  add(S.needs, displaced, t('report:humanitarian.measure.water'), n.waterLitresPerDay, U.litresPerDay);
  add(S.needs, sheltered, t('report:humanitarian.measure.coveredSpace'), n.coveredSpaceM2, U.m2);
  add(S.needs, sheltered, t('report:humanitarian.measure.latrines'), n.latrines, U.latrines);
  add(S.needs, displaced, t('report:humanitarian.measure.healthUnits'), n.healthUnits, U.units);
  add(S.needs, displaced, t('report:humanitarian.measure.inpatientBeds'), n.beds, U.beds);
  if (n.cutOff.status === 'estimated') {
    add(S.needs, cutOff, t('report:humanitarian.measure.waterADay'), n.cutOff.waterLitresPerDay, U.litresPerDay);
    add(S.needs, cutOff, t('report:humanitarian.measure.truckedWater', horizon), n.cutOff.truckedWaterLitres, U.litres);
  } else none(S.needs, cutOff, t('report:humanitarian.measure.water'), n.cutOff.reason, U.litres);
  const e = h.education, pupils = t('report:humanitarian.item.pupils');
  if (e.status === 'nodata') none(S.education, pupils, t('report:humanitarian.measure.outOfSchool'), e.reason, U.pupils);
  else {
    add(S.education, pupils, t('report:humanitarian.measure.schoolClosed'), e.pupils, U.pupils);
    add(S.education, pupils, t('report:humanitarian.measure.pupilDaysLost', horizon), e.pupilDays, U.pupilDays);
  }
  return rows;
}

/** Chains in parts (school and facility names as name parts) for the schools with the most pupil-days lost. */
export function schoolChainParts(r: AssessmentResult, loc: Locale = ENGLISH): NamePart[][] {
  const e = r.humanitarian?.education;
  return e && e.status === 'estimated' ? e.schools.map((s) => chainParts(s.chain, loc)) : [];
}

/** The same chains as plain text (CSV). */
export const schoolChains = (r: AssessmentResult, loc: Locale = ENGLISH): string[] => schoolChainParts(r, loc).map(partsText);

/** The displaced (mean) for option comparison; null for results stored before issue 17. */
export const displacedOf = (r: AssessmentResult): Interval | null => r.humanitarian?.displacement.displaced ?? null;
