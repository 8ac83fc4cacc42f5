/**
 * The report that prints (PDF): map, protected sites first, casualty and service tables and charts,
 * every assumption with its source, dataset provenance, and the statement that these are estimates.
 * Hidden on screen; the print stylesheet shows only this.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { GROUPS, SEVERITIES, type AssessmentResult } from '../../core/model/assessment';
import { SECTORS } from '../../core/model/dataset';
import { TIMES_OF_DAY, type Operation } from '../../core/model/operation';
import { describeBeds, describeSectorCaveats, formatCount, formatInterval, formatSectorFigure } from '../../core/model/format';
import { GroupedIntervalChart, IntervalBars } from '../results/charts';

const SEVERITY_LABELS = { killed: 'Killed', seriouslyInjured: 'Seriously injured', lightlyInjured: 'Lightly injured' } as const;

export function PrintReport({ result: r, operation }: { result: AssessmentResult; operation: Operation }) {
  const [mapImage, setMapImage] = useState<string | null>(null);
  useEffect(() => {
    const capture = () => setMapImage((document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement | null)?.toDataURL('image/png') ?? null);
    capture();
    window.addEventListener('beforeprint', capture);
    return () => window.removeEventListener('beforeprint', capture);
  }, [r]);
  const p = r.provenance;
  return createPortal(
    <article className="print-report" data-testid="print-report">
      <h1>Incidental civilian harm estimate: {operation.name}</h1>
      <p className="statement"><strong>These figures are estimates with uncertainty intervals. They inform, and do not replace, the judgement of the commander and planners.</strong></p>
      <p>Dataset: {p.datasetName} · {operation.areas.length} area(s) · time of day {r.settings.timeOfDay} · {Math.round(r.settings.warningShare * 100)}% left after warning · horizon {r.settings.horizonDays} days</p>
      {mapImage && <img className="map-image" src={mapImage} alt="Map of the operation areas and zones" />}

      <h2>Protected sites ({r.protectedSites.length})</h2>
      <table><thead><tr><th>Category</th><th>Name</th><th>Distance to area edge</th><th>People present</th></tr></thead>
        <tbody>{r.protectedSites.map((s) => <tr key={`${s.id}-${s.areaId}`}><td>{s.category.replace(/_/g, ' ')}</td><td>{s.name}</td><td>{s.distanceToAreaEdgeM === 0 ? 'inside' : `${formatCount(s.distanceToAreaEdgeM)} m`}</td><td>{formatCount(s.peoplePresent)}</td></tr>)}</tbody>
      </table>

      <h2>Civilian casualties</h2>
      <table><thead><tr><th /><th>Mean (90% interval)</th></tr></thead>
        <tbody>{SEVERITIES.map((s) => <tr key={s}><th>{SEVERITY_LABELS[s]}</th><td>{formatInterval(r.casualties[s])}</td></tr>)}</tbody>
      </table>
      <IntervalBars width={640} unit="people" rows={SEVERITIES.map((s) => ({ label: SEVERITY_LABELS[s], interval: r.casualties[s] }))} />
      <h3>By group</h3>
      <table><thead><tr><th>Group</th>{SEVERITIES.map((s) => <th key={s}>{SEVERITY_LABELS[s]}</th>)}</tr></thead>
        <tbody>{GROUPS.map((g) => <tr key={g}><th>{g}</th>{SEVERITIES.map((s) => <td key={s}>{formatInterval(r.casualties.byGroup[g][s])}</td>)}</tr>)}</tbody>
      </table>
      <GroupedIntervalChart width={640} categories={[...GROUPS]} series={[{ name: 'Killed', values: GROUPS.map((g) => r.casualties.byGroup[g].killed) }, { name: 'Seriously injured', values: GROUPS.map((g) => r.casualties.byGroup[g].seriouslyInjured) }]} />
      <h3>By time of day</h3>
      <table><thead><tr><th /><th>Killed</th><th>Seriously injured</th><th>Lightly injured</th></tr></thead>
        <tbody>{TIMES_OF_DAY.map((t) => <tr key={t}><th>{t}</th>{SEVERITIES.map((s) => <td key={s}>{formatInterval(r.casualtiesByTime[t][s])}</td>)}</tr>)}</tbody>
      </table>

      <h2>Essential services and reverberating effects</h2>
      <table><thead><tr><th>Service</th><th>People without it</th><th>People-days without it</th></tr></thead>
        <tbody>{SECTORS.map((s) => <tr key={s}><th>{s}</th><td>{formatSectorFigure(r.infrastructure.sectors[s], 'peopleWithoutService')} {describeSectorCaveats(r.infrastructure.sectors[s])}</td><td>{formatSectorFigure(r.infrastructure.sectors[s], 'peopleDays')}</td></tr>)}</tbody>
      </table>
      <p>{describeBeds(r.infrastructure.beds)}</p>
      <ul className="chains">{r.infrastructure.facilities.filter((f) => f.pDown >= 0.05).sort((a, b) => b.pDown - a.pDown).slice(0, 40).map((f) => <li key={f.id}>{Math.round(f.pDown * 100)}% — {f.chain}</li>)}</ul>

      <h2>Assumptions and sources</h2>
      <table><thead><tr><th>Parameter</th><th>Value</th><th>Source</th></tr></thead>
        <tbody>{r.assumptions.map((a) => <tr key={a.key}><td>{a.label}</td><td>{typeof a.value === 'object' ? JSON.stringify(a.value) : String(a.value)} {a.unit}</td><td>{a.source}</td></tr>)}</tbody>
      </table>
      <h2>Provenance</h2>
      <p>Dataset {p.datasetName}, content hash {p.datasetHash}. Parameter set {p.parameterSet} ({p.parameterHash}). Monte Carlo: {formatCount(p.runs)} runs, seed {p.seed}. App version {p.appVersion}. Assessed {p.createdAt}.</p>
      <p className="statement">Estimates only. They inform, and do not replace, human judgement.</p>
    </article>,
    document.body,
  );
}
