/**
 * The report that prints (PDF). Page 1: title with the option, dataset, date and settings; the
 * statement that it informs and does not replace judgement; the summary headline; the map with its
 * legend, scale bar and north arrow; the data sources. Then the protected sites by category, then
 * the details (groups, time of day, services, cascades), the assumptions in words with their sources,
 * every source's licence and attribution, and the provenance. Hidden on screen.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { GROUPS, SEVERITIES, type AssessmentResult } from '../../core/model/assessment';
import { SECTORS } from '../../core/model/dataset';
import { DAMAGE_STATES, TIMES_OF_DAY, type Operation } from '../../core/model/operation';
import { describeBeds, describeSectorCaveats, formatCount, formatInterval, formatSectorFigure } from '../../core/model/format';
import { assumptionInWords } from '../../core/report/assumptions';
import { CATEGORY_LABELS, DAMAGE_STATE_WORDS, GROUP_LABELS, SECTOR_LABELS, SEVERITY_LABELS, SEVERITY_MEANINGS, TIME_LABELS } from '../../core/report/labels';
import { dataSources, settingsInWords, type DatasetInfo } from '../../core/report/sources';
import { SAME_SITE_RADIUS_M } from '../../core/report/sites';
import { AFFECTED_P_DOWN, headline, type DependencyLink } from '../../core/report/summary';
import { humanitarianHeadline, humanitarianRows, schoolChains } from '../../core/report/humanitarian';
import { Legend } from '../map/Legend';
import { GroupedIntervalChart } from '../results/charts';
import { captureMapImage } from './map-image';

const distanceWords = (m: number) => (m === 0 ? 'inside' : `${formatCount(m)} m from the area`);

export function PrintReport({ result: r, operation, dataset, links }: {
  result: AssessmentResult; operation: Operation; dataset: DatasetInfo | null; links?: readonly DependencyLink[] | null;
}) {
  const [mapImage, setMapImage] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(true);
  const anchor = (operation.areas[0]?.geometry.coordinates[0]?.[0] as [number, number] | undefined) ?? null;
  useEffect(() => {
    // rendered off screen in the print style; a newer capture wins over one still under way
    let latest = 0;
    const capture = () => {
      const n = ++latest;
      setCapturing(true);
      void captureMapImage(anchor).then((img) => { if (n === latest) { setMapImage(img); setCapturing(false); } });
    };
    capture();
    window.addEventListener('beforeprint', capture);
    return () => { latest = -1; window.removeEventListener('beforeprint', capture); };
  }, [r, anchor?.[0], anchor?.[1]]);
  const p = r.provenance;
  const h = headline(r, links ?? null);
  const hum = humanitarianHeadline(r);
  const areaName = (id: string) => operation.areas.find((a) => a.id === id)?.name || id;
  const sources = dataSources(dataset, r);
  const settings = settingsInWords(r, operation).filter(([k]) => k !== 'Option' && k !== 'Dataset' && k !== 'Assessed');
  const date = new Date(p.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return createPortal(
    <article className="print-report" data-testid="print-report" data-map-ready={capturing ? 'false' : 'true'}>
      <section className="page-one">
        <h1>{r.operationName}: incidental civilian harm estimate</h1>
        <p className="subtitle">Dataset <strong>{p.datasetName}</strong>{dataset?.synthetic ? ' (synthetic training city: no figure describes real people)' : ''} · {date}</p>
        <p className="settings">{settings.map(([k, v]) => <span key={k}>{k}: <strong>{v}</strong></span>)}</p>
        <p className="statement"><strong>These figures are estimates with 90% intervals (5th to 95th percentile). They inform, and do not replace, the judgement of the commander and planners.</strong></p>

        <h2>Summary</h2>
        <div className="summary-grid">
          <table className="casualties">
            <thead><tr><th>Civilian casualties ({h.timeLabel.toLowerCase()})</th><th>Mean</th><th>90% interval</th></tr></thead>
            <tbody>{h.casualties.map((c) => <tr key={c.severity}><th>{c.label}</th><td className="big">{formatCount(c.interval.mean)}</td><td>{formatCount(c.interval.p05)}–{formatCount(c.interval.p95)}</td></tr>)}</tbody>
          </table>
          <dl>
            <dt>People present ({h.timeLabel.toLowerCase()})</dt><dd>{formatCount(h.present.inAreas.total)} in the areas ({formatCount(h.present.inAreas.indoors)} indoors, {formatCount(h.present.inAreas.outdoors)} outdoors); {formatCount(h.present.inZones.total)} with the zones</dd>
            <dt>Residents</dt><dd>{formatCount(h.residents)} in the areas; {formatCount(h.residentsInZones)} with the zones</dd>
          </dl>
        </div>
        <dl className="summary-facts">
          <dt>Protected sites</dt>
          <dd>{h.sites.inside} inside the areas ({h.sites.insideWords}); {h.sites.inZones} within the zones ({h.sites.inZonesWords}).
            {h.sites.nearest.length > 0 && <> Nearest: {h.sites.nearest.map((s) => `${s.label} (${distanceWords(s.distanceM)})`).join('; ')}.</>}</dd>
          <dt>Largest service losses</dt>
          <dd>{h.serviceLosses.length === 0 ? 'none expected' : h.serviceLosses.map((s) => `${s.label}: ${formatInterval(s.people)} people${s.inferred ? ' (inferred)' : ''}`).join('; ')} (over {r.settings.horizonDays} days)</dd>
          <dt>Hospital bed gap</dt><dd>{h.beds.text}</dd>
          {hum && <><dt>People displaced</dt><dd>{hum.displaced}</dd><dt>Children out of school</dt><dd>{hum.schools}</dd></>}
          {h.inferred && <><dt>Inferred data</dt><dd>{h.inferred.text}</dd></>}
        </dl>

        <div className="map-block">
          {mapImage ? <img className="map-image" src={mapImage} alt="Map of the operation areas and zones" /> : <p>(map not available)</p>}
          <div className="map-legend">
            <Legend />
            <p className="muted">Areas: drawn outlines. Effect zones: rings around each area, by distance. Scale bar bottom left, north arrow top right.</p>
          </div>
        </div>
        <p className="sources-line"><strong>Data:</strong> {sources.map((s) => `${s.what}: ${s.attribution}, licence ${s.licence}`).join(' · ')}</p>
      </section>

      <section className="page-break">
        <h2>Protected sites ({h.sites.entries.length})</h2>
        {h.sites.groups.length === 0 && <p>None inside the areas or their zones.</p>}
        {h.sites.groups.map((g) => (
          <div key={g.category}>
            <h3>{g.label}: {g.inside} inside, {g.inZones} in the zones</h3>
            <table><thead><tr><th>Name</th><th>Where</th><th>People present</th></tr></thead>
              <tbody>{g.sites.map((s) => <tr key={s.id}><td>{s.label}</td><td>{distanceWords(s.distanceM)}</td><td>{formatCount(s.peoplePresent)}</td></tr>)}</tbody>
            </table>
          </div>
        ))}
      </section>

      <section className="page-break">
        <h2>Details</h2>
        <h3>Casualties by group (mean, 90% interval)</h3>
        <table><thead><tr><th>Group</th>{SEVERITIES.map((s) => <th key={s}>{SEVERITY_LABELS[s]}</th>)}</tr></thead>
          <tbody>{GROUPS.map((g) => <tr key={g}><th>{GROUP_LABELS[g]}</th>{SEVERITIES.map((s) => <td key={s}>{formatInterval(r.casualties.byGroup[g][s])}</td>)}</tr>)}</tbody>
        </table>
        <p className="muted">Women, men, girls, boys and elderly partition the population; persons with disabilities overlap them.</p>
        <GroupedIntervalChart width={640} height={200} categories={GROUPS.map((g) => (g === 'disabled' ? 'Disabilities' : GROUP_LABELS[g]))} series={SEVERITIES.map((s) => ({ name: SEVERITY_LABELS[s], values: GROUPS.map((g) => r.casualties.byGroup[g][s]) }))} />
        <h3>Casualties by time of day</h3>
        <table><thead><tr><th /><th>Killed</th><th>Seriously injured</th><th>Lightly injured</th></tr></thead>
          <tbody>{TIMES_OF_DAY.map((t) => <tr key={t}><th>{TIME_LABELS[t]}</th>{SEVERITIES.map((s) => <td key={s}>{formatInterval(r.casualtiesByTime[t][s])}</td>)}</tr>)}</tbody>
        </table>

        <h3>Essential services and reverberating effects (over {r.settings.horizonDays} days)</h3>
        <table><thead><tr><th>Service</th><th>People without it</th><th>People-days without it</th></tr></thead>
          <tbody>{SECTORS.map((s) => <tr key={s}><th>{SECTOR_LABELS[s]}</th><td>{formatSectorFigure(r.infrastructure.sectors[s], 'peopleWithoutService')} {describeSectorCaveats(r.infrastructure.sectors[s])}</td><td>{formatSectorFigure(r.infrastructure.sectors[s], 'peopleDays')}</td></tr>)}</tbody>
        </table>
        <p>{describeBeds(r.infrastructure.beds)}</p>
        <ul className="chains">{r.infrastructure.facilities.filter((f) => f.pDown >= AFFECTED_P_DOWN).sort((a, b) => b.pDown - a.pDown).slice(0, 40).map((f) => <li key={f.id}>{Math.round(f.pDown * 100)}% chance down — {f.chain}</li>)}</ul>

        {hum && <>
          <h3>Displacement, minimum needs (Sphere 2018) and schools (over {r.settings.horizonDays} days)</h3>
          <p>{hum.displaced}. Needs: {hum.needs}. {hum.schools}.</p>
          <table><thead><tr><th>Figure</th><th>Mean (90% interval)</th><th>Unit</th></tr></thead>
            <tbody>{humanitarianRows(r, areaName).map((x, i) => <tr key={i}><td>{x.section}: {x.item === 'All residents' || x.item === 'Pupils' ? '' : `${x.item}, `}{x.measure}</td><td>{x.interval ? formatInterval(x.interval) : `no data: ${x.noData}`}</td><td>{x.unit}</td></tr>)}</tbody>
          </table>
          <ul className="chains">{schoolChains(r).map((c, i) => <li key={i}>{c}</li>)}</ul>
          {hum.notes.length > 0 && <p className="muted">{hum.notes.map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}.`).join(' ')}</p>}
        </>}

        <h2>Assumptions and sources</h2>
        <h3>What the severities mean</h3>
        <ul>{SEVERITIES.map((s) => <li key={s}><strong>{SEVERITY_LABELS[s]}</strong>: {SEVERITY_MEANINGS[s]}</li>)}</ul>
        <h3>Damage states</h3>
        <ul>{DAMAGE_STATES.map((d) => <li key={d}>{DAMAGE_STATE_WORDS[d]}</li>)}</ul>
        <p className="muted">Source: FEMA Hazus damage-state definitions, as used in METHOD.md §3.</p>
        <h3>Parameters and effect profiles</h3>
        <table className="assumptions"><thead><tr><th>Assumption</th><th>Value</th><th>Source</th></tr></thead>
          <tbody>{r.assumptions.map((x) => assumptionInWords(x)).map((a) => (
            <tr key={a.key}>
              <td>{a.label}</td>
              <td>{a.table ? (
                <table className="profile"><thead><tr>{a.table.header.map((x) => <th key={x}>{x}</th>)}</tr></thead>
                  <tbody>{a.table.rows.map((row) => <tr key={row[0]}>{row.map((x, i) => <td key={i}>{x}</td>)}</tr>)}</tbody></table>
              ) : a.value}</td>
              <td>{a.source}</td>
            </tr>
          ))}</tbody>
        </table>

        <h2>Data sources, licences and attribution</h2>
        <table><thead><tr><th>Source</th><th>Licence</th><th>Attribution</th></tr></thead>
          <tbody>{sources.map((s) => <tr key={s.what}><td>{s.what}{s.detail && <div className="muted">{s.detail}</div>}</td><td>{s.licence}</td><td>{s.attribution}</td></tr>)}</tbody>
        </table>
        <h2>Provenance</h2>
        <p>Dataset {p.datasetName}, content hash {p.datasetHash}. Parameter set {p.parameterSet} ({p.parameterHash}). Monte Carlo: {formatCount(p.runs)} runs, seed {p.seed}. App version {p.appVersion}. Assessed {p.createdAt}.</p>
        <p className="muted">Protected-site categories: {Object.values(CATEGORY_LABELS).join(', ')}. Sites of the same name within {SAME_SITE_RADIUS_M} m (e.g. an OpenStreetMap node and way) are listed once.</p>
        <p className="statement">Estimates only. They inform, and do not replace, human judgement.</p>
      </section>
    </article>,
    document.body,
  );
}
