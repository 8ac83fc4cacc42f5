/**
 * The figures of an assessment as CSV a person can read in a spreadsheet: a header block with the
 * settings and the attribution of every source, then one row per figure with readable labels, its
 * interval and unit, then the assumptions in words. Written with papaparse (quoting is its job).
 * Headers, labels and units are in the reader's language; the figure columns stay machine-readable
 * (plain numbers with a decimal point, Latin digits) so a spreadsheet in any locale can sum them.
 * Plain text: no isolation marks (a CSV is data; a spreadsheet lays out each cell itself).
 */
import Papa from 'papaparse';
import { GROUPS, SEVERITIES, type AssessmentResult, type Interval } from '../model/assessment';
import { SECTORS } from '../model/dataset';
import { TIMES_OF_DAY, type Operation } from '../model/operation';
import { describeSectorCaveats, formatDays, formatPercent } from '../model/format';
import { ENGLISH, type Locale } from '../i18n/locale';
import { assumptionInWords } from './assumptions';
import { chainInWords, engineWords } from './engine-words';
import { labelsFor } from './labels';
import { dedupeSites } from './sites';
import { dataSources, settingsInWords, type DatasetInfo } from './sources';
import { presentAt } from './summary';
import { humanitarianRows, schoolChains } from './humanitarian';

/** Whole numbers from 10 up; one decimal below (no false precision). */
const num = (v: number) => (Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 10) / 10);

export interface CsvContext { operation?: Operation | null; dataset?: DatasetInfo | null }

export function assessmentCsv(r: AssessmentResult, ctx: CsvContext = {}, loc: Locale = ENGLISH): string {
  const t = loc.t, L = labelsFor(loc);
  const rows: (string | number)[][] = [];
  const blank = () => rows.push([]);
  const interval = (section: string, item: string, measure: string, i: Interval, unit: string) => rows.push([section, item, measure, num(i.mean), num(i.p05), num(i.p50), num(i.p95), unit]);
  const single = (section: string, item: string, measure: string, v: number | string, unit: string) => rows.push([section, item, measure, typeof v === 'number' ? num(v) : v, '', '', '', unit]);
  const S = {
    casualties: t('report:csv.section.casualties'), byGroup: t('report:csv.section.casualtiesByGroup'), byTime: t('report:csv.section.casualtiesByTime'),
    people: t('report:csv.section.people'), services: t('report:csv.section.services'), beds: t('report:csv.section.beds'),
    schools: t('report:csv.section.schools'), sites: t('report:csv.section.sites'), facilities: t('report:csv.section.facilities'),
  };
  const U = { people: t('report:units.people'), peopleDays: t('report:units.peopleDays'), beds: t('report:units.beds'), m: t('report:units.metres'), percent: '%' };

  rows.push([t('report:csv.title', { name: r.operationName })]);
  rows.push([t('report:csv.intro', { level: formatPercent(0.9, loc) })]);
  blank();
  rows.push([t('report:csv.head.setting'), t('report:csv.head.value')]);
  for (const [k, v] of settingsInWords(r, ctx.operation ?? null, loc)) rows.push([k, v]);
  rows.push([t('report:csv.datasetHash'), r.provenance.datasetHash]);
  rows.push([t('report:csv.parameterHash'), r.provenance.parameterHash]);
  rows.push([t('report:csv.appVersion'), r.provenance.appVersion]);
  blank();
  rows.push([t('report:csv.head.source'), t('report:csv.head.licence'), t('report:csv.head.attribution')]);
  for (const s of dataSources(ctx.dataset ?? null, r, loc)) rows.push([s.detail ? `${s.what}: ${s.detail}` : s.what, s.licence, s.attribution]);
  blank();
  rows.push([t('report:csv.head.section'), t('report:csv.head.item'), t('report:csv.head.measure'), t('report:csv.head.mean'), t('report:csv.head.p05'), t('report:csv.head.median'), t('report:csv.head.p95'), t('report:csv.head.unit')]);
  const time = L.time[r.settings.timeOfDay].toLocaleLowerCase(loc.lang);
  for (const s of SEVERITIES) interval(S.casualties, t('report:csv.item.allCivilians'), t('report:csv.measure.atTime', { label: L.severity[s], time }), r.casualties[s], U.people);
  for (const g of GROUPS) for (const s of SEVERITIES) interval(S.byGroup, L.group[g], L.severity[s], r.casualties.byGroup[g][s], U.people);
  for (const x of TIMES_OF_DAY) for (const s of SEVERITIES) interval(S.byTime, L.time[x], L.severity[s], r.casualtiesByTime[x][s], U.people);
  const present = presentAt(r);
  for (const [where, p, residents] of [[t('report:csv.item.inAreas'), present.inAreas, r.exposed.residents], [t('report:csv.item.inZones'), present.inZones, r.exposed.residentsInZones]] as const) {
    single(S.people, where, t('report:csv.measure.presentIndoors', { time }), p.indoors, U.people);
    single(S.people, where, t('report:csv.measure.presentOutdoors', { time }), p.outdoors, U.people);
    single(S.people, where, t('report:csv.measure.residents'), residents, U.people);
  }
  for (const sector of SECTORS) {
    const o = r.infrastructure.sectors[sector];
    if (o.status === 'nodata') { single(S.services, L.sector[sector], t('report:csv.measure.noData', { reason: engineWords(o.reason, loc) }), '', U.people); continue; }
    interval(S.services, L.sector[sector], t('report:csv.measure.withoutService'), o.peopleWithoutService, U.people);
    interval(S.services, L.sector[sector], t('report:csv.measure.peopleDays', { days: formatDays(r.settings.horizonDays, loc) }), o.peopleDays, U.peopleDays);
    const caveats = describeSectorCaveats(o, loc);
    if (caveats) single(S.services, L.sector[sector], caveats, '', '');
  }
  const beds = r.infrastructure.beds;
  if (beds.total > 0) {
    single(S.beds, t('report:csv.item.bedsInCity'), t('report:csv.measure.total'), beds.total, U.beds);
    interval(S.beds, t('report:csv.item.beds'), t('report:csv.measure.lost'), beds.lost, U.beds);
    interval(S.beds, t('report:csv.item.withoutBed'), t('report:csv.measure.gap'), beds.gap, U.people);
  } else {
    single(S.beds, t('report:csv.item.withoutBed'), t('report:csv.measure.bedsNotEstimated'), '', U.people);
  }
  const areaName = (id: string) => ctx.operation?.areas.find((a) => a.id === id)?.name || id;
  for (const h of humanitarianRows(r, areaName, loc)) {
    if (h.interval) interval(h.section, h.item, h.measure, h.interval, h.unit);
    else single(h.section, h.item, t('report:csv.measure.measureNoData', { measure: h.measure, reason: h.noData }), '', h.unit);
  }
  for (const chain of schoolChains(r, loc)) single(S.schools, t('report:csv.item.mostPupilDays'), chain, '', '');
  for (const s of dedupeSites(r.protectedSites, undefined, loc)) {
    single(S.sites, t('report:csv.item.site', { category: L.category[s.category], name: s.label }), s.distanceM === 0 ? t('report:csv.measure.insideArea') : t('report:csv.measure.distanceToEdge'), s.distanceM, U.m);
  }
  for (const f of r.infrastructure.facilities.filter((x) => x.pDown > 0).sort((a, b) => b.pDown - a.pDown)) {
    single(S.facilities, t('report:csv.item.facility', { sector: L.sector[f.sector], name: f.name }), t('report:csv.measure.chanceDown', { chain: chainInWords(f.chain, loc) }), Math.round(f.pDown * 100), U.percent);
  }
  blank();
  rows.push([t('report:csv.head.assumption'), t('report:csv.head.value'), t('report:csv.head.source')]);
  for (const a of r.assumptions.map((x) => assumptionInWords(x, loc))) {
    rows.push([a.label, a.value, a.source]);
    if (a.table) for (const row of a.table.rows) rows.push([`  ${row[0]}`, a.table.header.slice(1).map((h, i) => `${h} ${row[i + 1]}`).join(t('report:format.listSeparator')), '']);
  }
  return Papa.unparse(rows, { newline: '\n' }) + '\n';
}
