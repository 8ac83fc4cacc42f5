/**
 * The figures of an assessment as CSV a person can read in a spreadsheet: a header block with the
 * settings and the attribution of every source, then one row per figure with readable labels, its
 * interval and unit, then the assumptions in words. Written with papaparse (quoting is its job).
 */
import Papa from 'papaparse';
import { GROUPS, SEVERITIES, type AssessmentResult, type Interval } from '../model/assessment';
import { SECTORS } from '../model/dataset';
import { TIMES_OF_DAY, type Operation } from '../model/operation';
import { describeSectorCaveats } from '../model/format';
import { assumptionInWords } from './assumptions';
import { CATEGORY_LABELS, GROUP_LABELS, SECTOR_LABELS, SEVERITY_LABELS, TIME_LABELS } from './labels';
import { dedupeSites } from './sites';
import { dataSources, settingsInWords, type DatasetInfo } from './sources';
import { presentAt } from './summary';
import { humanitarianRows, schoolChains } from './humanitarian';

const FIGURE_HEADER = ['Section', 'Item', 'Measure', 'Mean', '5th percentile', 'Median', '95th percentile', 'Unit'];

/** Whole numbers from 10 up; one decimal below (no false precision). */
const num = (v: number) => (Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 10) / 10);

export interface CsvContext { operation?: Operation | null; dataset?: DatasetInfo | null }

export function assessmentCsv(r: AssessmentResult, ctx: CsvContext = {}): string {
  const rows: (string | number)[][] = [];
  const blank = () => rows.push([]);
  const interval = (section: string, item: string, measure: string, i: Interval, unit: string) => rows.push([section, item, measure, num(i.mean), num(i.p05), num(i.p50), num(i.p95), unit]);
  const single = (section: string, item: string, measure: string, v: number | string, unit: string) => rows.push([section, item, measure, typeof v === 'number' ? num(v) : v, '', '', '', unit]);

  rows.push([`Incidental civilian harm estimate: ${r.operationName}`]);
  rows.push(['Estimates with 90% intervals (5th to 95th percentile). They inform, and do not replace, human judgement.']);
  blank();
  rows.push(['Setting', 'Value']);
  for (const [k, v] of settingsInWords(r, ctx.operation ?? null)) rows.push([k, v]);
  rows.push(['Dataset content hash (sha256)', r.provenance.datasetHash]);
  rows.push(['Parameter hash', r.provenance.parameterHash]);
  rows.push(['App version', r.provenance.appVersion]);
  blank();
  rows.push(['Source', 'Licence', 'Attribution']);
  for (const s of dataSources(ctx.dataset ?? null, r)) rows.push([s.detail ? `${s.what}: ${s.detail}` : s.what, s.licence, s.attribution]);
  blank();

  rows.push(FIGURE_HEADER);
  const t = TIME_LABELS[r.settings.timeOfDay].toLowerCase();
  for (const s of SEVERITIES) interval('Casualties', 'All civilians', `${SEVERITY_LABELS[s]} (${t})`, r.casualties[s], 'people');
  for (const g of GROUPS) for (const s of SEVERITIES) interval('Casualties by group', GROUP_LABELS[g], SEVERITY_LABELS[s], r.casualties.byGroup[g][s], 'people');
  for (const time of TIMES_OF_DAY) for (const s of SEVERITIES) interval('Casualties by time of day', TIME_LABELS[time], SEVERITY_LABELS[s], r.casualtiesByTime[time][s], 'people');
  const present = presentAt(r);
  for (const [where, p, residents] of [['In the drawn areas', present.inAreas, r.exposed.residents], ['In the areas and their zones', present.inZones, r.exposed.residentsInZones]] as const) {
    single('People', where, `Present at ${t}, indoors`, p.indoors, 'people');
    single('People', where, `Present at ${t}, outdoors`, p.outdoors, 'people');
    single('People', where, 'Residents (at home at night)', residents, 'people');
  }
  for (const sector of SECTORS) {
    const o = r.infrastructure.sectors[sector];
    if (o.status === 'nodata') { single('Essential services', SECTOR_LABELS[sector], `No data: ${o.reason}`, '', 'people'); continue; }
    interval('Essential services', SECTOR_LABELS[sector], 'People without the service', o.peopleWithoutService, 'people');
    interval('Essential services', SECTOR_LABELS[sector], `People-days without the service (over ${r.settings.horizonDays} days)`, o.peopleDays, 'people-days');
    const caveats = describeSectorCaveats(o);
    if (caveats) single('Essential services', SECTOR_LABELS[sector], caveats, '', '');
  }
  const beds = r.infrastructure.beds;
  if (beds.total > 0) {
    single('Hospital beds', 'Beds in the city', 'Total', beds.total, 'beds');
    interval('Hospital beds', 'Beds', 'Lost', beds.lost, 'beds');
    interval('Hospital beds', 'Seriously injured without a bed', 'Gap (seriously injured minus remaining beds)', beds.gap, 'people');
  } else {
    single('Hospital beds', 'Seriously injured without a bed', 'Not estimated: the dataset has no hospital bed counts', '', 'people');
  }
  const areaName = (id: string) => ctx.operation?.areas.find((a) => a.id === id)?.name || id;
  for (const h of humanitarianRows(r, areaName)) {
    if (h.interval) interval(h.section, h.item, h.measure, h.interval, h.unit);
    else single(h.section, h.item, `${h.measure}: no data: ${h.noData}`, '', h.unit);
  }
  for (const chain of schoolChains(r)) single('Schools', 'Most pupil-days lost', chain, '', '');
  for (const s of dedupeSites(r.protectedSites)) {
    single('Protected sites', `${CATEGORY_LABELS[s.category]}: ${s.label}`, s.distanceM === 0 ? 'Inside an area' : 'Distance to the nearest area edge', s.distanceM, 'm');
  }
  for (const f of r.infrastructure.facilities.filter((x) => x.pDown > 0).sort((a, b) => b.pDown - a.pDown)) {
    single('Facilities', `${SECTOR_LABELS[f.sector]}: ${f.name}`, `Chance of being down; most frequent cause: ${f.chain}`, Math.round(f.pDown * 100), '%');
  }
  blank();
  rows.push(['Assumption', 'Value', 'Source']);
  for (const a of r.assumptions.map(assumptionInWords)) {
    rows.push([a.label, a.value, a.source]);
    if (a.table) for (const row of a.table.rows) rows.push([`  ${row[0]}`, a.table.header.slice(1).map((h, i) => `${h} ${row[i + 1]}`).join('; '), '']);
  }
  return Papa.unparse(rows, { newline: '\n' }) + '\n';
}
