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
import { chainParts } from '../../core/report/engine-words';
import { labelsFor } from '../../core/report/labels';
import type { SiteEntry, SiteGroup } from '../../core/report/sites';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fill, intervalLevel, Parts, useLocale } from '../i18n';
import { AFFECTED_P_DOWN, headline, previewInWords, type DependencyLink, type Headline } from '../../core/report/summary';
import { IntervalBars } from './charts';
import { LazyDetails } from './deferred';
import { SectorFigure } from './SectorFigure';
import { HumanitarianBlock } from './HumanitarianBlock';

/** Sites shown per category before "N more". */
const FIRST_SITES = 5;
const SEVERITY_TEST_IDS = { killed: 'killed', seriouslyInjured: 'serious', lightlyInjured: 'light' } as const;

/** Mean and 90% interval, isolated as one left-to-right figure so it reads the same inside Arabic text. */
export function IntervalText({ i, testId }: { i: Interval; testId?: string }) {
  const loc = useLocale();
  return (
    <bdi className="interval" data-testid={testId}>
      <strong>{formatCount(i.mean, loc)}</strong> <span className="range">({formatCount(i.p05, loc)}–{formatCount(i.p95, loc)})</span>
    </bdi>
  );
}

function DistanceWords({ m }: { m: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  return <>{m === 0 ? t('results.sites.inside') : fill((v) => t('results.sites.metresOut', v), { m: formatCount(m, loc) })}</>;
}

/** A site's label: its name is user data (never translated); an unnamed site's description is ours. */
const SiteLabel = ({ s }: { s: SiteEntry }) => <span translate={s.named ? 'no' : undefined}>{s.label}</span>;

export function ResultsPanel({ result, pending, error, links, areaName, onFlyTo }: {
  result: AssessmentResult | null; pending: boolean; error: string | null;
  /** An area's name by id (user data; the humanitarian rows by area show it). */
  areaName?: (id: string) => string;
  /** Dependency links of the dataset (for the share resting on inferred links); null when not loaded. */
  links?: readonly DependencyLink[] | null;
  onFlyTo(lonLat: [number, number]): void;
}) {
  const { t } = useTranslation();
  const loc = useLocale();
  const L = labelsFor(loc);
  const h = useMemo(() => (result ? headline(result, links ?? null, loc) : null), [result, links, loc]);
  if (error) return <p className="error" role="alert">{t('results.failed', { error })}</p>;
  if (!result || !h) return <p className="hint">{pending ? t('status.assessing') : t('results.drawToSee')}</p>;
  const c = result.casualties;
  const n = (x: number) => formatCount(x, loc);
  const severityHeads = <thead><tr><th />{SEVERITIES.map((s) => <th key={s}>{L.severity[s]}</th>)}</tr></thead>;
  return (
    <div className={`results ${pending ? 'stale' : ''}`} data-testid="results">
      <HeadlineBlock h={h} preview={previewInWords(result.provenance, loc)} onFlyTo={onFlyTo} />
      <HumanitarianBlock result={result} areaName={areaName} />

      <section data-testid="by-group">
        <h3>{t('results.byGroup.title')} <span className="muted">{t('results.meanInterval', { level: intervalLevel(loc) })}</span></h3>
        <table className="table by-group">
          {severityHeads}
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g}><th>{L.group[g]}</th>{SEVERITIES.map((s) => <td key={s}><IntervalText i={c.byGroup[g][s]} /></td>)}</tr>
            ))}
          </tbody>
        </table>
        <p className="note">{t('results.byGroup.note')}</p>
      </section>

      <details className="more" data-testid="protected-sites">
        <summary>{fill((v) => t('results.sites.title', v), { n: n(h.sites.entries.length) })}</summary>
        {h.sites.groups.length === 0 && <p className="hint">{t('results.sites.none')}</p>}
        {h.sites.groups.map((g) => <SiteCategory key={g.category} group={g} onFlyTo={onFlyTo} />)}
      </details>

      {/* Closed sections render when first opened: they are not on the way to the headline. */}
      <LazyDetails className="more" summary={t('results.byTime.title')}>{() => <>
        <table className="table" data-testid="time-table">
          {severityHeads}
          <tbody>
            {TIMES_OF_DAY.map((x) => (
              <tr key={x} className={x === result.settings.timeOfDay ? 'current' : ''}>
                <th>{L.time[x]}</th>{SEVERITIES.map((s) => <td key={s}><IntervalText i={result.casualtiesByTime[x][s]} /></td>)}
              </tr>
            ))}
          </tbody>
        </table>
        <IntervalBars unit={t('results.units.people')} rows={SEVERITIES.map((s) => ({ label: L.severity[s], interval: c[s] }))} />
      </>}</LazyDetails>

      <LazyDetails className="more" testId="infrastructure" summary={fill((v) => t('results.services.title', { ...v, count: result.settings.horizonDays }), { days: n(result.settings.horizonDays) })}>{() => <>
        <table className="table">
          <thead><tr><th>{t('results.services.service')}</th><th>{t('results.services.peopleWithout')}</th><th>{t('results.services.peopleDays')}</th></tr></thead>
          <tbody>
            {SECTORS.map((s) => {
              const v = result.infrastructure.sectors[s];
              return <tr key={s}><th>{L.sector[s]}</th><td><SectorFigure o={v} field="peopleWithoutService" /></td><td><SectorFigure o={v} field="peopleDays" /></td></tr>;
            })}
          </tbody>
        </table>
        <div className="beds" data-testid="beds">
          <strong>{t('results.beds.title')}</strong> {h.beds.estimated
            ? fill((v) => t('results.beds.estimated', v), {
              total: n(result.infrastructure.beds.total), lost: <IntervalText i={result.infrastructure.beds.lost} />,
              injured: <IntervalText i={result.infrastructure.beds.seriouslyInjured} />, gap: <IntervalText i={result.infrastructure.beds.gap} />,
            })
            : h.beds.text}
        </div>
        <h4>{t('results.facilities.title')}</h4>
        <ul className="chains" data-testid="chains">
          {result.infrastructure.facilities.filter((f) => f.pDown >= AFFECTED_P_DOWN).sort((a, b) => b.pDown - a.pDown).slice(0, 25).map((f) => (
            <li key={f.id}>
              <span className={`sector-dot s-${f.sector}`} />
              <strong translate="no">{f.name}</strong> <span className="muted">{fill((v) => t('results.facilities.chance', { ...v, count: Math.round(f.restorationDays) }), { share: loc.number({ style: 'percent' }).format(Math.round(f.pDown * 100) / 100), days: n(f.restorationDays) })}</span>
              <div className="chain"><Parts parts={chainParts(f.chain, loc)} /></div>
            </li>
          ))}
        </ul>
      </>}</LazyDetails>

      <LazyDetails className="more" summary={fill((v) => t('results.assumptions.title', v), { n: n(result.assumptions.length) })}>{() => (
        <table className="table assumptions">
          <tbody>
            {result.assumptions.map((x) => assumptionInWords(x, loc)).map((a) => (
              <tr key={a.key}>
                <th><Parts parts={a.labelParts} /></th>
                <td>{a.table ? <ProfileTableView header={a.table.header} rows={a.table.rows} /> : a.value}</td>
                {/* Sources are bibliographic references: kept in their original language, never translated. */}
                <td className="muted" translate="no">{a.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}</LazyDetails>
      <p className="provenance" data-testid="provenance">
        {fill((v) => t('results.provenance', v), {
          dataset: <span translate="no">{result.provenance.datasetName}</span>, hash: <bdi translate="no">{result.provenance.datasetHash.slice(0, 10)}</bdi>,
          parameters: <span translate="no">{result.provenance.parameterSet}</span>, seed: String(result.provenance.seed), runs: n(result.provenance.runs),
          version: result.provenance.appVersion,
        })}
      </p>
    </div>
  );
}

/** The ten-second answer. */
function HeadlineBlock({ h, preview, onFlyTo }: { h: Headline; preview: string | null; onFlyTo(lonLat: [number, number]): void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const n = (x: number) => formatCount(x, loc);
  const time = h.timeLabel.toLocaleLowerCase(loc.lang);
  return (
    <section className="headline" data-testid="headline" aria-label={t('results.headline.summary')}>
      <h3>{t('results.headline.title', { time })} <span className="muted">{fill((v) => t('results.meanInterval', v), { level: intervalLevel(loc) })}</span></h3>
      <div className="severity-cards">
        {h.casualties.map((x) => (
          <div key={x.severity} className={`severity-card sev-${x.severity}`}>
            <span className="label">{x.label}</span>
            <span className="value" data-testid={SEVERITY_TEST_IDS[x.severity]}><bdi><strong>{n(x.interval.mean)}</strong></bdi></span>
            <span className="range"><bdi>{n(x.interval.p05)}–{n(x.interval.p95)}</bdi></span>
          </div>
        ))}
      </div>
      <dl className="facts summary-facts">
        <dt>{t('results.headline.present', { time })}</dt>
        <dd data-testid="present">{fill((v) => t('results.headline.presentValue', v), {
          areas: n(h.present.inAreas.total), indoors: n(h.present.inAreas.indoors), outdoors: n(h.present.inAreas.outdoors), zones: n(h.present.inZones.total),
        })}</dd>
        <dt>{t('results.headline.residents')}</dt>
        <dd data-testid="exposed">{fill((v) => t('results.headline.residentsValue', v), { areas: n(h.residents), zones: n(h.residentsInZones) })}</dd>
        <dt>{t('results.headline.sites')}</dt>
        <dd data-testid="site-counts">
          {fill((v) => t('results.headline.sitesValue', v), { inside: h.sites.insideWords, zones: h.sites.inZonesWords })}
          {h.sites.nearest.length > 0 && <> {t('results.headline.nearest')} {h.sites.nearest.map((s, i) => <span key={s.id}>{i > 0 && t('results.listSeparator')}<button className="link" onClick={() => onFlyTo(s.lonLat)} title={t('results.showOnMap')}><SiteLabel s={s} /></button> <span className="muted">(<DistanceWords m={s.distanceM} />)</span></span>)}</>}
        </dd>
        <dt>{t('results.headline.serviceLosses')}</dt>
        <dd data-testid="service-losses">{h.serviceLosses.length === 0 ? t('results.headline.noneExpected') : h.serviceLosses.map((s, i) => <span key={s.sector}>{i > 0 && t('results.listSeparator')}{s.label} <IntervalText i={s.people} />{s.inferred && <span className="flag" title={t('results.inferredWhy')}> {t('results.inferred')}</span>}</span>)} <span className="muted">{t('results.units.people')}</span></dd>
        <dt>{t('results.headline.bedGap')}</dt>
        <dd data-testid="bed-gap"><bdi>{h.beds.text}</bdi></dd>
        {h.inferred && <><dt>{t('results.headline.inferredData')}</dt><dd data-testid="inferred"><bdi>{h.inferred.text}</bdi></dd></>}
      </dl>
      <p className="disclaimer">{fill((v) => t('results.headline.disclaimer', v), { level: intervalLevel(loc) })}</p>
      {preview && <p className="preview-note muted" data-testid="preview-note"><bdi>{preview}</bdi></p>}
    </section>
  );
}

function SiteCategory({ group, onFlyTo }: { group: SiteGroup; onFlyTo(lonLat: [number, number]): void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const first = group.sites.slice(0, FIRST_SITES);
  const rest = group.sites.slice(FIRST_SITES);
  const item = (s: SiteEntry) => (
    <li key={s.id}>
      <button className="link" onClick={() => onFlyTo(s.lonLat)} title={t('results.showOnMap')}><SiteLabel s={s} /></button>
      <span className="muted"><DistanceWords m={s.distanceM} /> · {fill((v) => t('results.sites.present', v), { n: formatCount(s.peoplePresent, loc) })}</span>
    </li>
  );
  return (
    <div className="site-group">
      <h4><span className={`cat cat-${group.category}`}>{group.label}</span> {fill((v) => t('results.sites.counts', v), { inside: formatCount(group.inside, loc), zones: formatCount(group.inZones, loc) })}</h4>
      <ul className="sites">{first.map(item)}</ul>
      {rest.length > 0 && (
        <LazyDetails summary={fill((v) => t('results.sites.more', v), { n: formatCount(rest.length, loc) })}>{() => <ul className="sites">{rest.map(item)}</ul>}</LazyDetails>
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
