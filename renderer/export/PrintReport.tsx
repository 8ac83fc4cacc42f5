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
import { describeBeds, formatCount, formatInterval, formatSectorFigure, sectorCaveatParts } from '../../core/model/format';
import { assumptionInWords } from '../../core/report/assumptions';
import { labelsFor } from '../../core/report/labels';
import { chainParts } from '../../core/report/engine-words';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Locale } from '../../core/i18n/locale';
import { fill, intervalLevel, Parts, useLocale } from '../i18n';
import { dataSources, settingsInWords, type DatasetInfo } from '../../core/report/sources';
import { SAME_SITE_RADIUS_M } from '../../core/report/sites';
import { AFFECTED_P_DOWN, headline, previewInWords, type DependencyLink } from '../../core/report/summary';
import { humanitarianHeadline, humanitarianRows, schoolChainParts } from '../../core/report/humanitarian';
import { Legend } from '../map/Legend';
import type { OwnBasemap } from '../map/basemap';
import { GroupedIntervalChart } from '../results/charts';
import { captureMapImage, onMapImageRequest } from './map-image';
import { bboxOf, unionBox, type BBox } from '../../core/geometry/bbox';

/** How long a result stands still before its map image is made (a drawing's previews come faster). */
const MAP_IMAGE_AFTER_MS = 1500;

const distanceWords = (m: number, t: TFunction<'ui'>, loc: Locale) => (m === 0 ? t('results.sites.inside') : t('print.metresFrom', { m: formatCount(m, loc) }));

export function PrintReport({ result: r, operation, zones, dataset, links, basemap }: {
  result: AssessmentResult; operation: Operation; dataset: DatasetInfo | null; links?: readonly DependencyLink[] | null; basemap?: OwnBasemap | null;
  /** The areas' effect zones (GeoJSON features): the printed map is framed on the areas and these. */
  zones?: { features: object[] };
}) {
  const { t } = useTranslation();
  const loc = useLocale();
  const L = labelsFor(loc);
  const n = (x: number) => formatCount(x, loc);
  const level = intervalLevel(loc);
  const [mapImage, setMapImage] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(true);
  const anchor = (operation.areas[0]?.geometry.coordinates[0]?.[0] as [number, number] | undefined) ?? null;
  const frame = operationFrame(operation, zones);
  const frameKey = frame?.join(',');
  useEffect(() => {
    // Rendered off screen in the print style (a second map: heavy, above all without a GPU), once the
    // result has stood still for a moment: a live preview changes with every drawing, and a capture
    // per preview competed with the next estimate. Printing or a PDF asks for it at once; a newer
    // capture wins over one still under way.
    let latest = 0, made = false;
    const capture = () => {
      clearTimeout(timer);
      made = true;
      const n = ++latest;
      setCapturing(true);
      void captureMapImage(anchor, frame).then((img) => { if (n === latest) { setMapImage(img); setCapturing(false); } });
    };
    setCapturing(true);
    const timer = setTimeout(capture, MAP_IMAGE_AFTER_MS);
    const release = onMapImageRequest(() => { if (!made) capture(); });
    window.addEventListener('beforeprint', capture);
    return () => { latest = -1; clearTimeout(timer); release(); window.removeEventListener('beforeprint', capture); };
  }, [r, anchor?.[0], anchor?.[1], frameKey]);
  const p = r.provenance;
  const h = headline(r, links ?? null, loc);
  const hum = humanitarianHeadline(r, loc);
  const areaName = (id: string) => operation.areas.find((a) => a.id === id)?.name || id;
  const sources = dataSources(dataset, r, loc);
  // The option, dataset and date are in the title lines already.
  const shownElsewhere = new Set([loc.t('report:settings.option'), loc.t('report:settings.dataset'), loc.t('report:settings.assessed')]);
  const settings = settingsInWords(r, operation, loc).filter(([k]) => !shownElsewhere.has(k));
  const date = loc.date({ day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(p.createdAt));
  const time = h.timeLabel.toLocaleLowerCase(loc.lang);
  const horizon = { count: r.settings.horizonDays, days: n(r.settings.horizonDays) };
  return createPortal(
    <article className="print-report" data-testid="print-report" data-map-ready={capturing ? 'false' : 'true'}>
      <section className="page-one">
        <h1>{t('print.title', { option: r.operationName })}</h1>
        <p className="subtitle">{t('print.dataset')} <strong translate="no">{p.datasetName}</strong>{dataset?.synthetic ? t('print.synthetic') : ''} · <bdi>{date}</bdi></p>
        <p className="settings">{settings.map(([k, v]) => <span key={k}>{t('print.setting', { name: k })} <strong>{v}</strong></span>)}</p>
        <p className="statement"><strong>{t('print.statement', { level })}</strong></p>
        {/* A PDF printed from the live preview says so: its bounds come from a short run, not the saved 1,000-run estimate. */}
        {previewInWords(p, loc) && <p className="statement" data-testid="print-preview">{previewInWords(p, loc)}</p>}

        <h2>{t('print.summary')}</h2>
        <div className="summary-grid">
          <table className="casualties">
            <thead><tr><th>{t('print.casualties', { time })}</th><th>{t('print.mean')}</th><th>{t('print.interval', { level })}</th></tr></thead>
            <tbody>{h.casualties.map((c) => <tr key={c.severity}><th>{c.label}</th><td className="big"><bdi>{n(c.interval.mean)}</bdi></td><td><bdi>{n(c.interval.p05)}–{n(c.interval.p95)}</bdi></td></tr>)}</tbody>
          </table>
          <dl>
            <dt>{t('results.headline.present', { time })}</dt><dd>{t('results.headline.presentValue', { areas: n(h.present.inAreas.total), indoors: n(h.present.inAreas.indoors), outdoors: n(h.present.inAreas.outdoors), zones: n(h.present.inZones.total) })}</dd>
            <dt>{t('results.headline.residents')}</dt><dd>{t('results.headline.residentsValue', { areas: n(h.residents), zones: n(h.residentsInZones) })}</dd>
          </dl>
        </div>
        <dl className="summary-facts">
          <dt>{t('results.headline.sites')}</dt>
          <dd>{t('print.sites', { inside: n(h.sites.inside), insideWords: h.sites.insideWords, zones: n(h.sites.inZones), zonesWords: h.sites.inZonesWords })}
            {h.sites.nearest.length > 0 && <> {t('print.nearest', { list: h.sites.nearest.map((s) => `${s.label} (${distanceWords(s.distanceM, t, loc)})`).join(t('results.listSeparator')) })}</>}</dd>
          <dt>{t('results.headline.serviceLosses')}</dt>
          <dd>{h.serviceLosses.length === 0 ? t('results.headline.noneExpected') : h.serviceLosses.map((s) => t('print.loss', { service: s.label, people: formatInterval(s.people, loc) }) + (s.inferred ? t('print.inferredMark') : '')).join(t('results.listSeparator'))} {t('print.overDays', horizon)}</dd>
          <dt>{t('results.headline.bedGap')}</dt><dd>{h.beds.text}</dd>
          {hum && <><dt>{t('results.humanitarian.displaced')}</dt><dd>{hum.displaced}</dd><dt>{t('results.humanitarian.schools')}</dt><dd>{hum.schools}</dd></>}
          {h.inferred && <><dt>{t('results.headline.inferredData')}</dt><dd>{h.inferred.text}</dd></>}
        </dl>

        <div className="map-block">
          {mapImage ? <img className="map-image" src={mapImage} alt={t('print.mapAlt')} /> : <p>{t(capturing ? 'print.mapDrawing' : 'print.noMap')}</p>}
          <div className="map-legend">
            <Legend own={basemap} />
            <p className="muted">{t('print.mapNote')}</p>
          </div>
        </div>
        <p className="sources-line"><strong>{t('print.data')}</strong> {sources.map((s) => t('print.sourceLine', { what: s.what, attribution: s.attribution, licence: s.licence })).join(' · ')}</p>
      </section>

      <section className="page-break">
        <h2>{t('print.sitesTitle', { n: n(h.sites.entries.length) })}</h2>
        {h.sites.groups.length === 0 && <p>{t('results.sites.none')}</p>}
        {h.sites.groups.map((g) => (
          <div key={g.category}>
            <h3>{t('print.siteGroup', { category: g.label, inside: n(g.inside), zones: n(g.inZones) })}</h3>
            <table><thead><tr><th>{t('print.name')}</th><th>{t('print.where')}</th><th>{t('results.headline.present', { time })}</th></tr></thead>
              <tbody>{g.sites.map((s) => <tr key={s.id}><td translate={s.named ? 'no' : undefined}>{s.label}</td><td>{distanceWords(s.distanceM, t, loc)}</td><td><bdi>{n(s.peoplePresent)}</bdi></td></tr>)}</tbody>
            </table>
          </div>
        ))}
      </section>

      <section className="page-break">
        <h2>{t('print.details')}</h2>
        <h3>{t('print.byGroup', { level })}</h3>
        <table><thead><tr><th>{t('print.group')}</th>{SEVERITIES.map((s) => <th key={s}>{L.severity[s]}</th>)}</tr></thead>
          <tbody>{GROUPS.map((g) => <tr key={g}><th>{L.group[g]}</th>{SEVERITIES.map((s) => <td key={s}><bdi>{formatInterval(r.casualties.byGroup[g][s], loc)}</bdi></td>)}</tr>)}</tbody>
        </table>
        <p className="muted">{t('results.byGroup.note')}</p>
        <GroupedIntervalChart width={640} height={200} categories={GROUPS.map((g) => (g === 'disabled' ? t('print.disabilities') : L.group[g]))} series={SEVERITIES.map((s) => ({ name: L.severity[s], values: GROUPS.map((g) => r.casualties.byGroup[g][s]) }))} />
        <h3>{t('results.byTime.title')}</h3>
        <table><thead><tr><th />{SEVERITIES.map((s) => <th key={s}>{L.severity[s]}</th>)}</tr></thead>
          <tbody>{TIMES_OF_DAY.map((x) => <tr key={x}><th>{L.time[x]}</th>{SEVERITIES.map((s) => <td key={s}><bdi>{formatInterval(r.casualtiesByTime[x][s], loc)}</bdi></td>)}</tr>)}</tbody>
        </table>

        <h3>{t('print.services', horizon)}</h3>
        <table><thead><tr><th>{t('results.services.service')}</th><th>{t('results.services.peopleWithout')}</th><th>{t('print.peopleDaysWithout')}</th></tr></thead>
          <tbody>{SECTORS.map((s) => <tr key={s}><th>{L.sector[s]}</th><td>{formatSectorFigure(r.infrastructure.sectors[s], 'peopleWithoutService', loc)} <Parts parts={sectorCaveatParts(r.infrastructure.sectors[s], loc)} /></td><td>{formatSectorFigure(r.infrastructure.sectors[s], 'peopleDays', loc)}</td></tr>)}</tbody>
        </table>
        <p>{describeBeds(r.infrastructure.beds, loc)}</p>
        <ul className="chains">{r.infrastructure.facilities.filter((f) => f.pDown >= AFFECTED_P_DOWN).sort((a, b) => b.pDown - a.pDown).slice(0, 40).map((f) => <li key={f.id}>{fill((v) => t('print.chance', { share: loc.number({ style: 'percent' }).format(Math.round(f.pDown * 100) / 100), ...v }), { chain: <Parts parts={chainParts(f.chain, loc)} /> })}</li>)}</ul>

        {hum && <>
          <h3>{t('print.humanitarian', { ...horizon, year: loc.number({ useGrouping: false }).format(2018) })}</h3>
          <p>{t('print.humanitarianLine', { displaced: hum.displaced, needs: hum.needs, schools: hum.schools })}</p>
          <table><thead><tr><th>{t('results.humanitarian.figure')}</th><th>{t('results.humanitarian.meanInterval', { level })}</th><th>{t('results.humanitarian.unit')}</th></tr></thead>
            <tbody>{humanitarianRows(r, areaName, loc).map((x, i) => <tr key={i}><td>{x.section}: {x.item === loc.t('report:humanitarian.item.allResidents') || x.item === loc.t('report:humanitarian.item.pupils') ? '' : `${x.item}, `}{x.measure}</td><td>{x.interval ? <bdi>{formatInterval(x.interval, loc)}</bdi> : t('results.humanitarian.noData', { why: x.noData })}</td><td>{x.unit}</td></tr>)}</tbody>
          </table>
          <ul className="chains">{schoolChainParts(r, loc).map((c, i) => <li key={i}><Parts parts={c} /></li>)}</ul>
          {hum.notes.length > 0 && <p className="muted">{hum.notes.map((x) => t('results.humanitarian.note', { text: `${x.charAt(0).toLocaleUpperCase(loc.lang)}${x.slice(1)}` })).join(' ')}</p>}
        </>}

        <h2>{t('print.assumptions')}</h2>
        <h3>{t('print.severities')}</h3>
        <ul>{SEVERITIES.map((s) => <li key={s}><strong>{L.severity[s]}</strong>{t('print.colon')}{L.severityMeaning[s]}</li>)}</ul>
        <h3>{t('print.damageStates')}</h3>
        <ul>{DAMAGE_STATES.map((d) => <li key={d}>{L.damage[d]}</li>)}</ul>
        <p className="muted">{t('print.hazusSource')}</p>
        <h3>{t('print.parameters')}</h3>
        <table className="assumptions"><thead><tr><th>{t('print.assumption')}</th><th>{t('print.value')}</th><th>{t('print.source')}</th></tr></thead>
          <tbody>{r.assumptions.map((x) => assumptionInWords(x, loc)).map((a) => (
            <tr key={a.key}>
              <td><Parts parts={a.labelParts} /></td>
              <td>{a.table ? (
                <table className="profile"><thead><tr>{a.table.header.map((x) => <th key={x}>{x}</th>)}</tr></thead>
                  <tbody>{a.table.rows.map((row) => <tr key={row[0]}>{row.map((x, i) => <td key={i}>{x}</td>)}</tr>)}</tbody></table>
              ) : a.value}</td>
              {/* Sources are bibliographic references: kept in their original language, never translated. */}
              <td translate="no">{a.source}</td>
            </tr>
          ))}</tbody>
        </table>

        <h2>{t('print.sourcesTitle')}</h2>
        <table><thead><tr><th>{t('print.source')}</th><th>{t('print.licence')}</th><th>{t('print.attribution')}</th></tr></thead>
          <tbody>{sources.map((s) => <tr key={s.what}><td>{s.what}{s.detail && <div className="muted" translate="no">{s.detail}</div>}</td><td translate="no">{s.licence}</td><td translate="no">{s.attribution}</td></tr>)}</tbody>
        </table>
        <h2>{t('print.provenance')}</h2>
        <p>{t('print.provenanceLine', { dataset: p.datasetName, hash: p.datasetHash, parameters: p.parameterSet, parameterHash: p.parameterHash, runs: n(p.runs), seed: p.seed, version: p.appVersion, assessed: p.createdAt })}</p>
        <p className="muted">{t('print.categories', { list: Object.values(L.category).join(t('options.nameSeparator')), m: n(SAME_SITE_RADIUS_M) })}</p>
        <p className="statement">{t('print.closing')}</p>
      </section>
    </article>,
    document.body,
  );
}

/** The operation's areas and their effect zones, [w, s, e, n]; null before anything is drawn. */
function operationFrame(operation: Operation, zones: { features: object[] } | undefined): BBox | null {
  const zoneGeometries = (zones?.features ?? []).map((f) => (f as { geometry?: Parameters<typeof bboxOf>[0] | null }).geometry).filter((g) => !!g);
  const boxes = [...operation.areas.map((a) => bboxOf(a.geometry)), ...zoneGeometries.map((g) => bboxOf(g!))];
  return boxes.length ? unionBox(boxes) : null;
}
