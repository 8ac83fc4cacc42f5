/**
 * The estimate for the working option, headline first: casualties by severity (intervals), people
 * present beside the residents, protected sites counted by category, the largest service losses, the
 * bed gap and how much rests on inferred links; below it, people displaced, their needs and children
 * out of school (compact, details on demand). Then the by-group table; everything else (sites by
 * category, time of day, services and cascade chains, assumptions) opens on demand.
 */
import { GROUPS, SEVERITIES, type AssessmentResult, type Interval } from '../../core/model/assessment';
import { SECTORS } from '../../core/model/dataset';
import { TIMES_OF_DAY } from '../../core/model/operation';
import { formatCount } from '../../core/model/format';
import { assumptionInWords } from '../../core/report/assumptions';
import { GROUP_LABELS, SECTOR_LABELS, SEVERITY_LABELS, TIME_LABELS } from '../../core/report/labels';
import type { SiteEntry, SiteGroup } from '../../core/report/sites';
import { useMemo } from 'react';
import { AFFECTED_P_DOWN, headline, previewInWords, type DependencyLink, type Headline } from '../../core/report/summary';
import { IntervalBars } from './charts';
import { LazyDetails } from './deferred';
import { SectorFigure } from './SectorFigure';
import { HumanitarianBlock } from './HumanitarianBlock';

/** Sites shown per category before "N more". */
const FIRST_SITES = 5;
const SEVERITY_TEST_IDS = { killed: 'killed', seriouslyInjured: 'serious', lightlyInjured: 'light' } as const;

export function IntervalText({ i, testId }: { i: Interval; testId?: string }) {
  return (
    <span className="interval" data-testid={testId}>
      <strong>{formatCount(i.mean)}</strong> <span className="range">({formatCount(i.p05)}–{formatCount(i.p95)})</span>
    </span>
  );
}

const distanceWords = (m: number) => (m === 0 ? 'inside' : `${formatCount(m)} m out`);

export function ResultsPanel({ result, pending, error, links, onFlyTo }: {
  result: AssessmentResult | null; pending: boolean; error: string | null;
  /** Dependency links of the dataset (for the share resting on inferred links); null when not loaded. */
  links?: readonly DependencyLink[] | null;
  onFlyTo(lonLat: [number, number]): void;
}) {
  const h = useMemo(() => (result ? headline(result, links ?? null) : null), [result, links]);
  if (error) return <p className="error" role="alert">Assessment failed: {error}</p>;
  if (!result || !h) return <p className="hint">{pending ? 'Assessing…' : 'Draw an operation area to see the estimate.'}</p>;
  const c = result.casualties;
  return (
    <div className={`results ${pending ? 'stale' : ''}`} data-testid="results">
      <HeadlineBlock h={h} preview={previewInWords(result.provenance)} onFlyTo={onFlyTo} />
      <HumanitarianBlock result={result} />

      <section data-testid="by-group">
        <h3>By group <span className="muted">mean (90% interval)</span></h3>
        <table className="table by-group">
          <thead><tr><th /><th>Killed</th><th>Seriously injured</th><th>Lightly injured</th></tr></thead>
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g}><th>{GROUP_LABELS[g]}</th>{SEVERITIES.map((s) => <td key={s}><IntervalText i={c.byGroup[g][s]} /></td>)}</tr>
            ))}
          </tbody>
        </table>
        <p className="note">Women, men, girls, boys and elderly partition the population; persons with disabilities overlap them.</p>
      </section>

      <details className="more" data-testid="protected-sites">
        <summary>Protected sites by category ({h.sites.entries.length})</summary>
        {h.sites.groups.length === 0 && <p className="hint">None inside the areas or their zones.</p>}
        {h.sites.groups.map((g) => <SiteCategory key={g.category} group={g} onFlyTo={onFlyTo} />)}
      </details>

      {/* Closed sections render when first opened: they are not on the way to the headline. */}
      <LazyDetails className="more" summary="Casualties by time of day">{() => <>
        <table className="table" data-testid="time-table">
          <thead><tr><th /><th>Killed</th><th>Seriously injured</th><th>Lightly injured</th></tr></thead>
          <tbody>
            {TIMES_OF_DAY.map((t) => (
              <tr key={t} className={t === result.settings.timeOfDay ? 'current' : ''}>
                <th>{TIME_LABELS[t]}</th>{SEVERITIES.map((s) => <td key={s}><IntervalText i={result.casualtiesByTime[t][s]} /></td>)}
              </tr>
            ))}
          </tbody>
        </table>
        <IntervalBars unit="people" rows={SEVERITIES.map((s) => ({ label: SEVERITY_LABELS[s], interval: c[s] }))} />
      </>}</LazyDetails>

      <LazyDetails className="more" testId="infrastructure" summary={<>Essential services and cascades (over {result.settings.horizonDays} days)</>}>{() => <>
        <table className="table">
          <thead><tr><th>Service</th><th>People without it</th><th>People-days</th></tr></thead>
          <tbody>
            {SECTORS.map((s) => {
              const v = result.infrastructure.sectors[s];
              return <tr key={s}><th>{SECTOR_LABELS[s]}</th><td><SectorFigure o={v} field="peopleWithoutService" /></td><td><SectorFigure o={v} field="peopleDays" /></td></tr>;
            })}
          </tbody>
        </table>
        <div className="beds" data-testid="beds">
          <strong>Hospital beds:</strong> {h.beds.estimated
            ? <>{formatCount(result.infrastructure.beds.total)} in the city; lost <IntervalText i={result.infrastructure.beds.lost} />; seriously injured <IntervalText i={result.infrastructure.beds.seriouslyInjured} />; gap <IntervalText i={result.infrastructure.beds.gap} /></>
            : h.beds.text}
        </div>
        <h4>Facilities likely affected</h4>
        <ul className="chains" data-testid="chains">
          {result.infrastructure.facilities.filter((f) => f.pDown >= AFFECTED_P_DOWN).sort((a, b) => b.pDown - a.pDown).slice(0, 25).map((f) => (
            <li key={f.id}>
              <span className={`sector-dot s-${f.sector}`} />
              <strong>{f.name}</strong> <span className="muted">{Math.round(f.pDown * 100)}% chance down, {formatCount(f.restorationDays)} days expected</span>
              <div className="chain">{f.chain}</div>
            </li>
          ))}
        </ul>
      </>}</LazyDetails>

      <LazyDetails className="more" summary={<>Assumptions and sources ({result.assumptions.length})</>}>{() => (
        <table className="table assumptions">
          <tbody>
            {result.assumptions.map((x) => assumptionInWords(x)).map((a) => (
              <tr key={a.key}>
                <th>{a.label}</th>
                <td>{a.table ? <ProfileTableView header={a.table.header} rows={a.table.rows} /> : a.value}</td>
                <td className="muted">{a.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}</LazyDetails>
      <p className="provenance" data-testid="provenance">
        Dataset {result.provenance.datasetName} ({result.provenance.datasetHash.slice(0, 10)}), parameters {result.provenance.parameterSet},
        seed {result.provenance.seed}, {formatCount(result.provenance.runs)} runs, app {result.provenance.appVersion}.
      </p>
    </div>
  );
}

/** The ten-second answer. */
function HeadlineBlock({ h, preview, onFlyTo }: { h: Headline; preview: string | null; onFlyTo(lonLat: [number, number]): void }) {
  return (
    <section className="headline" data-testid="headline" aria-label="Summary">
      <h3>Civilian casualties, {h.timeLabel.toLowerCase()} <span className="muted">mean (90% interval)</span></h3>
      <div className="severity-cards">
        {h.casualties.map((x) => (
          <div key={x.severity} className={`severity-card sev-${x.severity}`}>
            <span className="label">{x.label}</span>
            <span className="value" data-testid={SEVERITY_TEST_IDS[x.severity]}><strong>{formatCount(x.interval.mean)}</strong></span>
            <span className="range">{formatCount(x.interval.p05)}–{formatCount(x.interval.p95)}</span>
          </div>
        ))}
      </div>
      <dl className="facts summary-facts">
        <dt>People present ({h.timeLabel.toLowerCase()})</dt>
        <dd data-testid="present">{formatCount(h.present.inAreas.total)} in the areas <span className="muted">({formatCount(h.present.inAreas.indoors)} indoors, {formatCount(h.present.inAreas.outdoors)} outdoors)</span>; {formatCount(h.present.inZones.total)} with the zones</dd>
        <dt>Residents</dt>
        <dd data-testid="exposed">{formatCount(h.residents)} in the areas; {formatCount(h.residentsInZones)} with the zones</dd>
        <dt>Protected sites</dt>
        <dd data-testid="site-counts">
          Inside: {h.sites.insideWords}. In the zones: {h.sites.inZonesWords}.
          {h.sites.nearest.length > 0 && <> Nearest: {h.sites.nearest.map((s, i) => <span key={s.id}>{i > 0 && '; '}<button className="link" onClick={() => onFlyTo(s.lonLat)} title="Show on map">{s.label}</button> <span className="muted">({distanceWords(s.distanceM)})</span></span>)}.</>}
        </dd>
        <dt>Largest service losses</dt>
        <dd data-testid="service-losses">{h.serviceLosses.length === 0 ? 'none expected' : h.serviceLosses.map((s, i) => <span key={s.sector}>{i > 0 && '; '}{s.label} <IntervalText i={s.people} />{s.inferred && <span className="flag" title="Most of this figure rests on a default service area or an inferred link"> inferred</span>}</span>)} <span className="muted">people</span></dd>
        <dt>Hospital bed gap</dt>
        <dd data-testid="bed-gap">{h.beds.text}</dd>
        {h.inferred && <><dt>Inferred data</dt><dd data-testid="inferred">{h.inferred.text}</dd></>}
      </dl>
      <p className="disclaimer">Estimates with 90% intervals. They inform, and do not replace, human judgement.</p>
      {preview && <p className="preview-note muted" data-testid="preview-note">{preview}</p>}
    </section>
  );
}

function SiteCategory({ group, onFlyTo }: { group: SiteGroup; onFlyTo(lonLat: [number, number]): void }) {
  const first = group.sites.slice(0, FIRST_SITES);
  const rest = group.sites.slice(FIRST_SITES);
  const item = (s: SiteEntry) => (
    <li key={s.id}>
      <button className="link" onClick={() => onFlyTo(s.lonLat)} title="Show on map">{s.label}</button>
      <span className="muted">{distanceWords(s.distanceM)} · {formatCount(s.peoplePresent)} present</span>
    </li>
  );
  return (
    <div className="site-group">
      <h4><span className={`cat cat-${group.category}`}>{group.label}</span> {group.inside} inside, {group.inZones} in the zones</h4>
      <ul className="sites">{first.map(item)}</ul>
      {rest.length > 0 && (
        <LazyDetails summary={<>{rest.length} more {group.label.toLowerCase()}</>}>{() => <ul className="sites">{rest.map(item)}</ul>}</LazyDetails>
      )}
    </div>
  );
}

function ProfileTableView({ header, rows }: { header: string[]; rows: string[][] }) {
  return (
    <table className="table profile-words">
      <thead><tr>{header.map((x) => <th key={x}>{x}</th>)}</tr></thead>
      <tbody>{rows.map((r) => <tr key={r[0]}>{r.map((x, i) => <td key={i}>{x}</td>)}</tr>)}</tbody>
    </table>
  );
}
