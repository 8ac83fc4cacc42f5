/**
 * Humanitarian consequences (issue 17), below the casualty headline: one compact block (people
 * displaced, what they need, children out of school), the details on demand. Words from
 * core/report/humanitarian.ts, as in the PDF and the CSV.
 */
import type { AssessmentResult } from '../../core/model/assessment';
import { formatCount } from '../../core/model/format';
import { humanitarianHeadline, humanitarianRows, schoolChains } from '../../core/report/humanitarian';
import { IntervalText } from './ResultsPanel';

export function HumanitarianBlock({ result, areaName }: { result: AssessmentResult; areaName?: (id: string) => string }) {
  const h = humanitarianHeadline(result);
  if (!h) return null; // a result stored before issue 17
  const d = result.humanitarian!.displacement;
  const rows = humanitarianRows(result, areaName);
  const chains = schoolChains(result);
  return (
    <section className="humanitarian" data-testid="humanitarian" aria-label="Displacement, needs and schools">
      <h3>Displacement, needs and schools <span className="muted">mean (90% interval)</span></h3>
      <dl className="facts summary-facts">
        <dt>People displaced</dt>
        <dd data-testid="displaced"><IntervalText i={d.displaced} />; {formatCount(d.publicShelter.mean)} would seek public shelter{d.notes.some((n) => /public shelter/.test(n)) && <span className="flag" title="The share seeking public shelter is a planning assumption"> assumption</span>}</dd>
        <dt>Minimum needs <span className="muted">(Sphere 2018)</span></dt>
        <dd data-testid="needs">{h.needs}</dd>
        <dt>Children out of school</dt>
        <dd data-testid="schools">{h.schools}</dd>
      </dl>
      <details className="more" data-testid="humanitarian-details">
        <summary>Displacement, needs and schools in detail</summary>
        <table className="table">
          <thead><tr><th>Figure</th><th /><th>Mean (90% interval)</th><th>Unit</th></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th>{r.section === 'Displacement' || r.section === 'Education' ? r.measure : `${r.item}: ${r.measure}`}</th>
                <td className="muted">{r.section}</td>
                <td>{r.interval ? <IntervalText i={r.interval} /> : <span className="nodata">no data: {r.noData}</span>}</td>
                <td className="muted">{r.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {chains.length > 0 && <><h4>Schools with the most pupil-days lost</h4><ul className="chains" data-testid="school-chains">{chains.map((c, i) => <li key={i}><div className="chain">{c}</div></li>)}</ul></>}
        {h.notes.length > 0 && <ul className="notes">{h.notes.map((n, i) => <li key={i} className="note">{n.charAt(0).toUpperCase()}{n.slice(1)}.</li>)}</ul>}
      </details>
    </section>
  );
}
