/**
 * The figures of an assessment as CSV: one row per figure with its interval, unit and the
 * provenance columns, so a spreadsheet copy never loses where a number came from.
 */
import { GROUPS, SEVERITIES, type AssessmentResult, type Interval } from '../model/assessment';
import { SECTORS } from '../model/dataset';
import { TIMES_OF_DAY } from '../model/operation';
import { describeSectorCaveats } from '../model/format';

const HEADER = ['section', 'item', 'measure', 'mean', 'p05', 'p50', 'p95', 'unit'];

function cell(v: unknown): string {
  const s = typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function assessmentCsv(r: AssessmentResult): string {
  const rows: unknown[][] = [];
  const interval = (section: string, item: string, measure: string, i: Interval, unit: string) => rows.push([section, item, measure, i.mean, i.p05, i.p50, i.p95, unit]);
  rows.push(['exposure', 'residents', 'in the drawn areas', r.exposed.residents, '', '', '', 'people']);
  rows.push(['exposure', 'residents', 'in the areas and their zones', r.exposed.residentsInZones, '', '', '', 'people']);
  for (const s of SEVERITIES) interval('casualties', 'all', s, r.casualties[s], 'people');
  for (const g of GROUPS) for (const s of SEVERITIES) interval('casualties by group', g, s, r.casualties.byGroup[g][s], 'people');
  for (const t of TIMES_OF_DAY) for (const s of SEVERITIES) interval('casualties by time of day', t, s, r.casualtiesByTime[t][s], 'people');
  for (const sector of SECTORS) {
    const o = r.infrastructure.sectors[sector];
    if (o.status === 'nodata') { rows.push(['services', sector, `no data: ${o.reason}`, '', '', '', '', 'people']); continue; }
    interval('services', sector, 'people without service', o.peopleWithoutService, 'people');
    interval('services', sector, 'people-days without service', o.peopleDays, 'people-days');
    const caveats = describeSectorCaveats(o);
    if (caveats) rows.push(['services', sector, caveats, '', '', '', '', '']);
  }
  interval('hospital beds', 'beds', 'lost', r.infrastructure.beds.lost, 'beds');
  if (r.infrastructure.beds.total > 0) interval('hospital beds', 'beds', 'gap (seriously injured minus remaining beds)', r.infrastructure.beds.gap, 'people');
  else rows.push(['hospital beds', 'beds', 'gap not estimated: no bed counts in the dataset', '', '', '', '', 'people']);
  for (const p of r.protectedSites) rows.push(['protected sites', `${p.category}: ${p.name}`, 'distance to area edge', p.distanceToAreaEdgeM, '', '', '', 'm']);
  for (const f of r.infrastructure.facilities.filter((x) => x.pDown > 0)) rows.push(['facilities', `${f.sector}: ${f.name}`, `probability down; chain: ${f.chain}`, f.pDown, '', '', '', 'probability']);
  for (const a of r.assumptions) rows.push(['assumptions', a.label, a.source, typeof a.value === 'object' ? JSON.stringify(a.value) : a.value, '', '', '', a.unit]);
  const p = r.provenance;
  const provenance = [
    `# ${r.operationName}: estimate; it informs, and does not replace, human judgement`,
    `# dataset ${p.datasetName} (sha256 ${p.datasetHash}); parameters ${p.parameterSet} (${p.parameterHash}); seed ${p.seed}; runs ${p.runs}; app ${p.appVersion}; ${p.createdAt}`,
  ];
  return [...provenance, HEADER.join(','), ...rows.map((row) => row.map(cell).join(','))].join('\n') + '\n';
}
