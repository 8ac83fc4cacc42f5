/**
 * Humanitarian consequences (issue 17), below the casualty headline: one compact block (people
 * displaced, what they need, children out of school), the details on demand. Words from
 * core/report/humanitarian.ts, as in the PDF and the CSV.
 */
import type { AssessmentResult } from '../../core/model/assessment';
import { formatCount } from '../../core/model/format';
import { humanitarianHeadline, humanitarianRows, schoolChainParts } from '../../core/report/humanitarian';
import { useTranslation } from 'react-i18next';
import { IntervalText } from './ResultsPanel';
import { fill, intervalLevel, Parts, useLocale } from '../i18n';

export function HumanitarianBlock({ result, areaName }: { result: AssessmentResult; areaName?: (id: string) => string }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const h = humanitarianHeadline(result, loc);
  if (!h) return null; // a result stored before issue 17
  const d = result.humanitarian!.displacement;
  const rows = humanitarianRows(result, areaName, loc);
  const chains = schoolChainParts(result, loc);
  const level = intervalLevel(loc);
  // All residents and all pupils go without saying: those rows show the measure alone.
  const measureOnly = new Set([loc.t('report:humanitarian.section.displacement'), loc.t('report:humanitarian.section.education')]);
  return (
    <section className="humanitarian" data-testid="humanitarian" aria-label={t('results.humanitarian.title')}>
      <h3>{t('results.humanitarian.title')} <span className="muted">{t('results.meanInterval', { level })}</span></h3>
      <dl className="facts summary-facts">
        <dt>{t('results.humanitarian.displaced')}</dt>
        <dd data-testid="displaced">{fill((v) => t('results.humanitarian.displacedValue', v), { displaced: <IntervalText i={d.displaced} />, shelter: formatCount(d.publicShelter.mean, loc) })}{d.notes.some((n) => /public shelter/.test(n)) && <span className="flag" title={t('results.humanitarian.assumptionWhy')}> {t('results.humanitarian.assumption')}</span>}</dd>
        <dt>{t('results.humanitarian.needs')} <span className="muted">{t('results.humanitarian.sphere', { year: loc.number({ useGrouping: false }).format(2018) })}</span></dt>
        <dd data-testid="needs">{h.needs}</dd>
        <dt>{t('results.humanitarian.schools')}</dt>
        <dd data-testid="schools">{h.schools}</dd>
      </dl>
      <details className="more" data-testid="humanitarian-details">
        <summary>{t('results.humanitarian.detail')}</summary>
        <table className="table">
          <thead><tr><th>{t('results.humanitarian.figure')}</th><th /><th>{t('results.humanitarian.meanInterval', { level })}</th><th>{t('results.humanitarian.unit')}</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th>{measureOnly.has(r.section) ? r.measure : fill((v) => t('results.humanitarian.itemMeasure', { ...v, measure: r.measure }), { item: r.itemIsName ? <span translate="no">{r.item}</span> : <>{r.item}</> })}</th>
                <td className="muted">{r.section}</td>
                <td>{r.interval ? <IntervalText i={r.interval} /> : <span className="nodata">{t('results.humanitarian.noData', { why: r.noData })}</span>}</td>
                <td className="muted">{r.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {chains.length > 0 && <><h4>{t('results.humanitarian.schoolChains')}</h4><ul className="chains" data-testid="school-chains">{chains.map((c, i) => <li key={i}><div className="chain"><Parts parts={c} /></div></li>)}</ul></>}
        {h.notes.length > 0 && <ul className="notes">{h.notes.map((n, i) => <li key={i} className="note">{t('results.humanitarian.note', { text: `${n.charAt(0).toLocaleUpperCase(loc.lang)}${n.slice(1)}` })}</li>)}</ul>}
      </details>
    </section>
  );
}
