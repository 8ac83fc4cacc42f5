/**
 * Predicted against observed for one operation (METHOD.md §7): every figure beside the observation
 * with its inside-the-interval flag and bias ratio, coverage, facility Brier score and hits / misses /
 * false alarms, and building damage share by zone as a chart. Words through the review namespace;
 * figure labels from the figure's key (the comparison's own labels are English, for the CLI's JSON).
 */
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Output } from '../../core/api/contract';
import type { Interval } from '../../core/model/assessment';
import { GROUPS, type Group } from '../../core/model/assessment';
import { SECTORS, type Sector } from '../../core/model/dataset';
import { CONFIDENCES, type Confidence } from '../../core/model/observation';
import { formatCount } from '../../core/model/format';
import { ENGLISH, type Locale } from '../../core/i18n/locale';
import { GroupedIntervalChart } from '../results/charts';
import { useLocale } from '../i18n';
import { nsT, sectorWord } from '../editing/enum-words';
import { OUTCOME_COLOURS, outcomeCounts } from './outcome-map';

type Reply = Output<'postop.compare'>;
type Comparison = Reply['comparison'];

const point = (x: number): Interval => ({ mean: x, p05: x, p50: x, p95: x });
const percent = (x: number | null, loc: Locale) => (x === null ? '–' : loc.number({ style: 'percent', maximumFractionDigits: 0 }).format(x));
/** A count as the report writes it, in the reader's digits. */
const count = (n: number, loc: Locale) => formatCount(n, loc);

export function formatRatio(r: number | null, loc: Locale = ENGLISH): string {
  if (r === null) return '–';
  if (r === 0) return loc.number().format(0);
  return r >= 10 || r < 0.1 ? loc.number({ maximumSignificantDigits: 2 }).format(r) : loc.number({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(r);
}

/** Bias in words: observed / predicted mean. */
export function describeBias(r: number | null, loc: Locale = ENGLISH): string {
  const t = nsT(loc);
  if (r === null) return t('review:bias.noPrediction');
  if (r > 0.8 && r < 1.25) return t('review:bias.aboutRight');
  return t(r > 1 ? 'review:bias.under' : 'review:bias.over', { ratio: formatRatio(r, loc) });
}

/** A confidence level in the reader's words; an unknown one as stored. */
const confidenceWord = (c: string, loc: Locale) => ((CONFIDENCES as readonly string[]).includes(c) ? nsT(loc)(`review:confidence.${c as Confidence}`) : c);
const isGroup = (g: string | undefined): g is Group => (GROUPS as readonly string[]).includes(g ?? '');
const isSector = (s: string | undefined): s is Sector => (SECTORS as readonly string[]).includes(s ?? '');

/**
 * A compared figure's name in the reader's words, from its key ("casualties.byGroup.women.killed",
 * "outages.water.people"); a key this does not know keeps the comparison's own label.
 */
export function figureLabel(key: string, fallback: string, loc: Locale = ENGLISH): string {
  const t = nsT(loc);
  const [family, a, b, c] = key.split('.');
  if (family === 'casualties') {
    if (a === 'killed' || a === 'injured' || a === 'seriouslyInjured') return t(`review:figure.casualties.${a}`);
    if (a === 'byGroup' && isGroup(b) && (c === 'killed' || c === 'injured')) return t(`review:figure.casualties.byGroup.${c}`, { group: t(`review:group.${b}`) });
  }
  if (family === 'outages' && isSector(a) && (b === 'people' || b === 'peopleDays')) return t(`review:figure.outages.${a}.${b}`);
  if (family === 'displacement') {
    if (a === 'displaced' || a === 'publicShelter') return t(`review:figure.displacement.${a}`);
    if (a === 'byGroup' && isGroup(b)) return t('review:figure.displacement.byGroup', { group: t(`review:group.${b}`) });
  }
  return fallback;
}

/** Chart data: the figures of one family (keys starting with `prefix`), predicted interval beside observed. */
export function figureSeries(c: Comparison, keys: (k: string) => boolean, loc: Locale = ENGLISH) {
  const t = nsT(loc);
  const rows = c.figures.filter((f) => keys(f.key));
  return {
    categories: rows.map((r) => figureLabel(r.key, r.label, loc)),
    series: [
      { name: t('review:compare.predicted'), values: rows.map((r) => r.predicted) },
      { name: t('review:compare.observed'), values: rows.map((r) => point(r.observed)) },
    ],
  };
}

/** A zone of the comparison by name: "a1: area" for the area itself, "a1: zone 2" for a ring. */
const zoneName = (z: { areaId: string; zoneIndex: number }, loc: Locale) =>
  (z.zoneIndex === 0 ? nsT(loc)('review:compare.zone.area', { area: z.areaId }) : nsT(loc)('review:compare.zone.ring', { area: z.areaId, n: loc.number().format(z.zoneIndex) }));

/** Chart data: building damage share by zone, in per cent, predicted (with interval) and observed. */
export function zoneShareSeries(c: Comparison, loc: Locale = ENGLISH) {
  const t = nsT(loc);
  const zones = c.buildingDamage.zones;
  const share = (x: number, n: number) => (n ? (100 * x) / n : 0);
  return {
    categories: zones.map((z) => zoneName(z, loc)),
    series: [
      { name: t('review:compare.zoneDamage.predictedShare'), values: zones.map((z) => ({ mean: share(z.predicted.mean, z.buildings), p05: share(z.predicted.p05, z.buildings), p50: share(z.predicted.p50, z.buildings), p95: share(z.predicted.p95, z.buildings) })) },
      { name: t('review:compare.zoneDamage.observedShare'), values: zones.map((z) => point(100 * z.observedShare)) },
    ],
  };
}

/** The legend's outcomes, in the order the map reads them. */
const OUTCOMES = ['hit', 'miss', 'falseAlarm'] as const;

function Inside({ inside }: { inside: boolean }) {
  const { t } = useTranslation('review');
  return inside
    ? <span className="postop-flag in" title={t('compare.insideHelp')}>{t('compare.inside')}</span>
    : <span className="postop-flag out" title={t('compare.outsideHelp')}>{t('compare.outside')}</span>;
}

export function ComparisonView({ reply }: { reply: Reply }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  return (
    <ComparisonDetails comparison={reply.comparison} caption={<>
      <Trans t={t} i18nKey="compare.caption" values={{ id: loc.number({ useGrouping: false }).format(reply.assessmentId), at: loc.date({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(reply.assessedAt)), set: reply.parameterSet }}
        components={{ id: <bdi />, at: <bdi translate="no" />, set: <bdi translate="no" /> }} />
      {reply.assessmentMatchedBy === 'name' && <span className="flag"> {t('compare.matchedByName')}</span>}
    </>} />
  );
}

/** The comparison of one estimate with what was observed; also used to score a trainee's answer. */
export function ComparisonDetails({ comparison: c, caption }: { comparison: Reply['comparison']; caption: ReactNode }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const n = (x: number) => count(x, loc);
  const cas = figureSeries(c, (k) => k === 'casualties.killed' || k === 'casualties.injured' || k === 'casualties.seriouslyInjured', loc);
  const outages = figureSeries(c, (k) => /^outages\.[a-z]+\.people$/.test(k), loc);
  const counts = outcomeCounts(c.map);
  const f = c.facilities;
  return (
    <div className="postop-comparison" data-testid="comparison">
      <p className="muted">{caption}</p>

      <section>
        <h3>{t('compare.figuresTitle')}</h3>
        {c.figures.length === 0 && <p className="hint">{t('compare.nothingObserved')}</p>}
        {c.figures.length > 0 && (
          <>
            <table className="table" data-testid="figures">
              <thead><tr><th>{t('compare.figure')}</th><th>{t('compare.predicted')}</th><th>{t('compare.observed')}</th><th>{t('compare.insideQuestion')}</th><th>{t('compare.biasObsPred')}</th></tr></thead>
              <tbody>
                {c.figures.map((r) => (
                  <tr key={r.key} data-testid={`figure-${r.key}`}>
                    <td>{figureLabel(r.key, r.label, loc)}{r.approximate && <span className="muted" title={t('compare.approximateHelp')}> ≈</span>}</td>
                    <td><strong><bdi>{n(r.predicted.mean)}</bdi></strong> <span className="muted"><bdi>({n(r.predicted.p05)}–{n(r.predicted.p95)})</bdi></span></td>
                    <td><strong><bdi>{n(r.observed)}</bdi></strong></td>
                    <td><Inside inside={r.inside} /></td>
                    <td><bdi>{formatRatio(r.biasRatio, loc)}</bdi></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {c.casualtyReport && <p className="muted"><Trans t={t} i18nKey="compare.casualtiesFrom" values={{ source: c.casualtyReport.source, confidence: confidenceWord(c.casualtyReport.confidence, loc) }} components={{ origin: <bdi translate="no" /> }} /></p>}
            {cas.categories.length > 0 && <div dir="ltr"><GroupedIntervalChart categories={cas.categories} series={cas.series} height={200} /></div>}
            {outages.categories.length > 0 && <><h4>{t('compare.peopleWithoutService')}</h4><div dir="ltr"><GroupedIntervalChart categories={outages.categories} series={outages.series} height={200} /></div></>}
          </>
        )}
        <dl className="facts" data-testid="coverage">
          <dt>{t('compare.coverage')}</dt>
          <dd><Trans t={t} i18nKey="compare.coverageValue" values={{ inside: n(c.coverage.all.inside), total: n(c.coverage.all.total), share: percent(c.coverage.all.share, loc), target: percent(0.9, loc) }} components={{ n: <bdi /> }} /></dd>
          <dt>{t('compare.biasCasualties')}</dt><dd title={describeBias(c.biasRatio.casualties, loc)}><bdi>{formatRatio(c.biasRatio.casualties, loc)}</bdi></dd>
          <dt>{t('compare.biasOutages')}</dt><dd title={describeBias(c.biasRatio.outages, loc)}><bdi>{formatRatio(c.biasRatio.outages, loc)}</bdi></dd>
          <dt>{t('compare.biasDamage')}</dt><dd title={describeBias(c.biasRatio.damage, loc)}><bdi>{formatRatio(c.biasRatio.damage, loc)}</bdi></dd>
        </dl>
      </section>

      <section data-testid="facilities-score">
        <h3>{t('compare.facilities.title')}</h3>
        {f.rows.length === 0 ? <p className="hint">{t('compare.facilities.none')}</p> : (
          <>
            <div className="postop-scores">
              <div className="area-card"><span className="label">{t('compare.facilities.brier')}</span><strong data-testid="brier"><bdi>{f.brier === null ? '–' : loc.number({ minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(f.brier)}</bdi></strong></div>
              <div className="area-card"><span className="label">{t('compare.facilities.hits')}</span><strong data-testid="hits"><bdi>{n(f.hits)}</bdi></strong></div>
              <div className="area-card"><span className="label">{t('compare.facilities.misses')}</span><strong data-testid="misses"><bdi>{n(f.misses)}</bdi></strong></div>
              <div className="area-card"><span className="label">{t('compare.facilities.falseAlarms')}</span><strong data-testid="false-alarms"><bdi>{n(f.falseAlarms)}</bdi></strong></div>
            </div>
            <p className="muted"><Trans t={t} i18nKey="compare.facilities.brierHelp" values={{ threshold: loc.number().format(f.threshold), perfect: loc.number().format(0), coin: loc.number().format(0.25), half: percent(0.5, loc) }} components={{ n: <bdi /> }} /></p>
            <table className="table">
              <thead><tr><th>{t('compare.facilities.facility')}</th><th>{t('compare.facilities.pDown')}</th><th>{t('compare.observed')}</th><th>{t('compare.facilities.outcome')}</th><th>{t('compare.facilities.days')}</th></tr></thead>
              <tbody>
                {f.rows.map((r) => (
                  <tr key={r.id}>
                    <td><bdi translate="no">{r.name}</bdi> <span className="muted">{sectorWord(r.sector, loc)}</span></td>
                    <td><bdi>{percent(r.pDown, loc)}</bdi></td>
                    <td>{r.observedDown ? t('compare.facilities.down') : t('compare.facilities.up')}</td>
                    <td>{r.outcome === 'correctNegative' ? t('compare.facilities.correctUp') : <span style={{ color: OUTCOME_COLOURS[r.outcome] }}>{t(`outcome.${r.outcome}.short`)}</span>}</td>
                    <td><bdi>{r.predictedRestorationDays === null ? '–' : n(r.predictedRestorationDays)} / {r.observedDaysToRestore === null ? '–' : n(r.observedDaysToRestore)}</bdi></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section data-testid="zone-damage">
        <h3>{t('compare.zoneDamage.title')}</h3>
        {!c.buildingDamage.available ? <p className="hint">{c.buildingDamage.reasonCode ? t(`compare.zoneDamage.unavailable.${c.buildingDamage.reasonCode}`) : c.buildingDamage.reason}</p> : (
          <>
            <div dir="ltr"><GroupedIntervalChart {...zoneShareSeries(c, loc)} height={220} /></div>
            <table className="table">
              <thead><tr><th>{t('compare.zoneDamage.zone')}</th><th>{t('compare.zoneDamage.buildings')}</th><th>{t('compare.zoneDamage.predicted')}</th><th>{t('compare.observed')}</th><th>{t('compare.insideQuestion')}</th><th>{t('compare.bias')}</th></tr></thead>
              <tbody>
                {c.buildingDamage.zones.map((z) => (
                  <tr key={`${z.areaId}-${z.zoneIndex}`}>
                    <td>{zoneName(z, loc)} <span className="muted" translate="no">{z.zoneKey}</span></td>
                    <td><bdi>{n(z.buildings)}</bdi></td>
                    <td><bdi>{n(z.predicted.mean)}</bdi> <span className="muted"><bdi>({n(z.predicted.p05)}–{n(z.predicted.p95)})</bdi> <bdi>{percent(z.predictedShare, loc)}</bdi></span></td>
                    <td><bdi>{n(z.observed)}</bdi> <span className="muted"><bdi>{percent(z.observedShare, loc)}</bdi></span></td>
                    <td><Inside inside={z.inside} /></td>
                    <td><bdi>{formatRatio(z.biasRatio, loc)}</bdi></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted"><Trans t={t} i18nKey="compare.zoneDamage.footprintNote" count={c.buildingDamage.outsideFootprint} values={{ outside: n(c.buildingDamage.outsideFootprint), unmatched: n(c.buildingDamage.unmatchedObserved) }} components={{ n: <bdi /> }} /></p>
          </>
        )}
        <div className="postop-legend" data-testid="outcome-legend">
          {OUTCOMES.map((o) => (
            <span key={o}><span className="dot" style={{ background: OUTCOME_COLOURS[o] }} /> {t('compare.legend', { outcome: t(`outcome.${o}.long`), buildings: t('compare.legendBuildings', { count: counts.building[o], n: n(counts.building[o]) }), facilities: t('compare.legendFacilities', { count: counts.facility[o], n: n(counts.facility[o]) }) })}</span>
          ))}
        </div>
      </section>
    </div>
  );
}
