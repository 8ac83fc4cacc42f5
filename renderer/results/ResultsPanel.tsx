/**
 * The estimate for the working option: protected sites first, then casualties (intervals, by group,
 * by time of day), infrastructure with its cascade chains, the hospital-bed gap, and every assumption.
 */
import { GROUPS, type AssessmentResult, type Interval } from '../../core/model/assessment';
import { SECTORS } from '../../core/model/dataset';
import { TIMES_OF_DAY } from '../../core/model/operation';
import { describeBeds, formatCount } from '../../core/model/format';
import { GroupedIntervalChart, IntervalBars } from './charts';
import { SectorFigure } from './SectorFigure';

const GROUP_LABELS: Record<(typeof GROUPS)[number], string> = {
  women: 'Women', men: 'Men', girls: 'Girls', boys: 'Boys', elderly: 'Elderly', disabled: 'Disabilities',
};
const SECTOR_LABELS: Record<(typeof SECTORS)[number], string> = {
  water: 'water', power: 'power', health: 'health care', sanitation: 'sanitation', communications: 'communications',
};

export function IntervalText({ i, testId }: { i: Interval; testId?: string }) {
  return (
    <span className="interval" data-testid={testId}>
      <strong>{formatCount(i.mean)}</strong> <span className="range">({formatCount(i.p05)}–{formatCount(i.p95)})</span>
    </span>
  );
}

export function ResultsPanel({ result, pending, error, onFlyTo }: {
  result: AssessmentResult | null; pending: boolean; error: string | null; onFlyTo(lonLat: [number, number]): void;
}) {
  if (error) return <p className="error" role="alert">Assessment failed: {error}</p>;
  if (!result) return <p className="hint">{pending ? 'Assessing…' : 'Draw an operation area to see the estimate.'}</p>;
  const c = result.casualties;
  return (
    <div className={`results ${pending ? 'stale' : ''}`} data-testid="results">
      <p className="disclaimer">Estimate with 90% intervals (5th–95th percentile). It informs, and does not replace, human judgement.</p>

      <section data-testid="protected-sites">
        <h3>Protected sites ({result.protectedSites.length})</h3>
        {result.protectedSites.length === 0 && <p className="hint">None inside the area or its zones.</p>}
        <ul className="sites">
          {result.protectedSites.map((s) => (
            <li key={`${s.id}-${s.areaId}`}>
              <button className="link" onClick={() => onFlyTo(s.lonLat)} title="Show on map">
                <span className={`cat cat-${s.category}`}>{s.category.replace(/_/g, ' ')}</span> {s.name}
              </button>
              <span className="muted">{s.distanceToAreaEdgeM === 0 ? 'inside' : `${formatCount(s.distanceToAreaEdgeM)} m`} · {formatCount(s.peoplePresent)} present</span>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h3>Civilian casualties ({result.settings.timeOfDay})</h3>
        <dl className="facts big">
          <dt>Killed</dt><dd><IntervalText i={c.killed} testId="killed" /></dd>
          <dt>Seriously injured</dt><dd><IntervalText i={c.seriouslyInjured} testId="serious" /></dd>
          <dt>Lightly injured</dt><dd><IntervalText i={c.lightlyInjured} /></dd>
          <dt>Residents in the areas</dt><dd data-testid="exposed">{formatCount(result.exposed.residents)}</dd>
          <dt>… and in their zones</dt><dd>{formatCount(result.exposed.residentsInZones)}</dd>
        </dl>
        <IntervalBars unit="people" rows={[
          { label: 'Killed', interval: c.killed },
          { label: 'Seriously injured', interval: c.seriouslyInjured },
          { label: 'Lightly injured', interval: c.lightlyInjured },
        ]} />
      </section>

      <section>
        <h3>By group</h3>
        <GroupedIntervalChart
          categories={GROUPS.map((g) => GROUP_LABELS[g])}
          series={[
            { name: 'Killed', values: GROUPS.map((g) => c.byGroup[g].killed) },
            { name: 'Seriously injured', values: GROUPS.map((g) => c.byGroup[g].seriouslyInjured) },
          ]}
        />
        <p className="note">Women, men, girls, boys and elderly partition the population; persons with disabilities overlap them.</p>
      </section>

      <section>
        <h3>Time of day</h3>
        <table className="table" data-testid="time-table">
          <thead><tr><th /><th>Killed</th><th>Seriously inj.</th><th>Lightly inj.</th></tr></thead>
          <tbody>
            {TIMES_OF_DAY.map((t) => {
              const b = result.casualtiesByTime[t];
              return (
                <tr key={t} className={t === result.settings.timeOfDay ? 'current' : ''}>
                  <th>{t}</th>
                  <td><IntervalText i={b.killed} /></td><td><IntervalText i={b.seriouslyInjured} /></td><td><IntervalText i={b.lightlyInjured} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section data-testid="infrastructure">
        <h3>Essential services (over {result.settings.horizonDays} days)</h3>
        <table className="table">
          <thead><tr><th>People without</th><th>People</th><th>People-days</th></tr></thead>
          <tbody>
            {SECTORS.map((s) => {
              const v = result.infrastructure.sectors[s];
              return <tr key={s}><th>{SECTOR_LABELS[s]}</th><td><SectorFigure o={v} field="peopleWithoutService" /></td><td><SectorFigure o={v} field="peopleDays" /></td></tr>;
            })}
          </tbody>
        </table>
        <div className="beds" data-testid="beds">
          {result.infrastructure.beds.total === 0 ? describeBeds(result.infrastructure.beds) : (
            <><strong>Hospital beds:</strong> {formatCount(result.infrastructure.beds.total)} in the city; lost <IntervalText i={result.infrastructure.beds.lost} />;
            seriously injured <IntervalText i={result.infrastructure.beds.seriouslyInjured} />; <strong>gap</strong> <IntervalText i={result.infrastructure.beds.gap} /></>
          )}
        </div>
        <h4>Facilities likely affected</h4>
        <ul className="chains" data-testid="chains">
          {result.infrastructure.facilities.filter((f) => f.pDown >= 0.05).sort((a, b) => b.pDown - a.pDown).slice(0, 25).map((f) => (
            <li key={f.id}>
              <span className={`sector-dot s-${f.sector}`} />
              <strong>{f.name}</strong> <span className="muted">{Math.round(f.pDown * 100)}% chance down, {formatCount(f.restorationDays)} days expected</span>
              <div className="chain">{f.chain}</div>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <details>
          <summary>Assumptions and sources ({result.assumptions.length})</summary>
          <table className="table assumptions">
            <tbody>
              {result.assumptions.map((a) => (
                <tr key={a.key}><th>{a.label}</th><td>{typeof a.value === 'object' ? JSON.stringify(a.value) : String(a.value)} {a.unit}</td><td className="muted">{a.source}</td></tr>
              ))}
            </tbody>
          </table>
        </details>
        <p className="provenance" data-testid="provenance">
          Dataset {result.provenance.datasetName} ({result.provenance.datasetHash.slice(0, 10)}), parameters {result.provenance.parameterSet},
          seed {result.provenance.seed}, {formatCount(result.provenance.runs)} runs, app {result.provenance.appVersion}.
        </p>
      </section>
    </div>
  );
}
