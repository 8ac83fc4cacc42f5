/**
 * Predicted against observed for one operation (METHOD.md §7): every figure beside the observation
 * with its inside-the-interval flag and bias ratio, coverage, facility Brier score and hits / misses /
 * false alarms, and building damage share by zone as a chart.
 */
import type { ReactNode } from 'react';
import type { Output } from '../../core/api/contract';
import type { Interval } from '../../core/model/assessment';
import { formatCount } from '../../core/model/format';
import { GroupedIntervalChart } from '../results/charts';
import { OUTCOME_COLOURS, OUTCOME_LABELS, outcomeCounts } from './outcome-map';

type Reply = Output<'postop.compare'>;
type Comparison = Reply['comparison'];

const point = (x: number): Interval => ({ mean: x, p05: x, p50: x, p95: x });
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

export function formatRatio(r: number | null): string {
  if (r === null) return '–';
  if (r === 0) return '0';
  return r >= 10 || r < 0.1 ? r.toPrecision(2) : r.toFixed(2);
}

/** Bias in words: observed / predicted mean. */
export function describeBias(r: number | null): string {
  if (r === null) return 'no prediction to compare';
  if (r > 0.8 && r < 1.25) return 'about right';
  return r > 1 ? `under-predicted (observed ${formatRatio(r)}× the estimate)` : `over-predicted (observed ${formatRatio(r)}× the estimate)`;
}

/** Chart data: the figures of one family (keys starting with `prefix`), predicted interval beside observed. */
export function figureSeries(c: Comparison, keys: (k: string) => boolean) {
  const rows = c.figures.filter((f) => keys(f.key));
  return {
    categories: rows.map((r) => r.label),
    series: [
      { name: 'Predicted (90% interval)', values: rows.map((r) => r.predicted) },
      { name: 'Observed', values: rows.map((r) => point(r.observed)) },
    ],
  };
}

/** Chart data: building damage share by zone, in per cent, predicted (with interval) and observed. */
export function zoneShareSeries(c: Comparison) {
  const zones = c.buildingDamage.zones;
  const share = (x: number, n: number) => (n ? (100 * x) / n : 0);
  return {
    categories: zones.map((z) => (z.zoneIndex === 0 ? `${z.areaId}: area` : `${z.areaId}: zone ${z.zoneIndex}`)),
    series: [
      { name: 'Predicted % damaged', values: zones.map((z) => ({ mean: share(z.predicted.mean, z.buildings), p05: share(z.predicted.p05, z.buildings), p50: share(z.predicted.p50, z.buildings), p95: share(z.predicted.p95, z.buildings) })) },
      { name: 'Observed % damaged', values: zones.map((z) => point(100 * z.observedShare)) },
    ],
  };
}

function Inside({ inside }: { inside: boolean }) {
  return inside
    ? <span className="postop-flag in" title="The observation falls inside the 90% interval">✓ inside</span>
    : <span className="postop-flag out" title="The observation falls outside the 90% interval">✗ outside</span>;
}

export function ComparisonView({ reply }: { reply: Reply }) {
  return (
    <ComparisonDetails comparison={reply.comparison} caption={<>
      Estimate: assessment #{reply.assessmentId} of {new Date(reply.assessedAt).toLocaleString('en-GB')}, parameter set “{reply.parameterSet}”
      {reply.assessmentMatchedBy === 'name' && <span className="flag"> (matched by operation name only: its areas may have changed since)</span>}
    </>} />
  );
}

/** The comparison of one estimate with what was observed; also used to score a trainee's answer. */
export function ComparisonDetails({ comparison: c, caption }: { comparison: Reply['comparison']; caption: ReactNode }) {
  const cas = figureSeries(c, (k) => k === 'casualties.killed' || k === 'casualties.injured' || k === 'casualties.seriouslyInjured');
  const outages = figureSeries(c, (k) => /^outages\.[a-z]+\.people$/.test(k));
  const counts = outcomeCounts(c.map);
  const f = c.facilities;
  return (
    <div className="postop-comparison" data-testid="comparison">
      <p className="muted">{caption}</p>

      <section>
        <h3>Figures: predicted and observed</h3>
        {c.figures.length === 0 && <p className="hint">Nothing observed yet that the estimate can be set against. Record a casualty report or service outages below.</p>}
        {c.figures.length > 0 && (
          <>
            <table className="table" data-testid="figures">
              <thead><tr><th>Figure</th><th>Predicted (90% interval)</th><th>Observed</th><th>Inside?</th><th>Bias (obs/pred)</th></tr></thead>
              <tbody>
                {c.figures.map((r) => (
                  <tr key={r.key} data-testid={`figure-${r.key}`}>
                    <td>{r.label}{r.approximate && <span className="muted" title="Interval of a sum approximated by adding the parts' intervals (wider than the truth)"> ≈</span>}</td>
                    <td><strong>{formatCount(r.predicted.mean)}</strong> <span className="muted">({formatCount(r.predicted.p05)}–{formatCount(r.predicted.p95)})</span></td>
                    <td><strong>{formatCount(r.observed)}</strong></td>
                    <td><Inside inside={r.inside} /></td>
                    <td>{formatRatio(r.biasRatio)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {c.casualtyReport && <p className="muted">Casualties from: {c.casualtyReport.source} ({c.casualtyReport.confidence} confidence; the most confident, then latest, report is compared).</p>}
            {cas.categories.length > 0 && <GroupedIntervalChart categories={cas.categories} series={cas.series} height={200} />}
            {outages.categories.length > 0 && <><h4>People without service</h4><GroupedIntervalChart categories={outages.categories} series={outages.series} height={200} /></>}
          </>
        )}
        <dl className="facts" data-testid="coverage">
          <dt>Interval coverage (figures and zones)</dt><dd>{c.coverage.all.inside} of {c.coverage.all.total} inside ({pct(c.coverage.all.share)}; a calibrated model covers about 90%)</dd>
          <dt>Bias, casualties</dt><dd title={describeBias(c.biasRatio.casualties)}>{formatRatio(c.biasRatio.casualties)}</dd>
          <dt>Bias, people without service</dt><dd title={describeBias(c.biasRatio.outages)}>{formatRatio(c.biasRatio.outages)}</dd>
          <dt>Bias, damaged buildings</dt><dd title={describeBias(c.biasRatio.damage)}>{formatRatio(c.biasRatio.damage)}</dd>
        </dl>
      </section>

      <section data-testid="facilities-score">
        <h3>Facilities</h3>
        {f.rows.length === 0 ? <p className="hint">No facility status recorded: facilities are scored only where their status was observed.</p> : (
          <>
            <div className="postop-scores">
              <div className="area-card"><span className="label">Brier score</span><strong data-testid="brier">{f.brier === null ? '–' : f.brier.toFixed(3)}</strong></div>
              <div className="area-card"><span className="label">Hits</span><strong data-testid="hits">{f.hits}</strong></div>
              <div className="area-card"><span className="label">Misses</span><strong data-testid="misses">{f.misses}</strong></div>
              <div className="area-card"><span className="label">False alarms</span><strong data-testid="false-alarms">{f.falseAlarms}</strong></div>
            </div>
            <p className="muted">Brier: mean of (predicted P(down) − observed)²; 0 is perfect, 0.25 is always saying 50%. Predicted down means P(down) ≥ {f.threshold}.</p>
            <table className="table">
              <thead><tr><th>Facility</th><th>P(down)</th><th>Observed</th><th>Outcome</th><th>Days: pred / obs</th></tr></thead>
              <tbody>
                {f.rows.map((r) => (
                  <tr key={r.id}>
                    <td>{r.name} <span className="muted">{r.sector}</span></td>
                    <td>{Math.round(r.pDown * 100)}%</td>
                    <td>{r.observedDown ? 'down' : 'up'}</td>
                    <td>{r.outcome === 'correctNegative' ? 'correct: up' : <span style={{ color: OUTCOME_COLOURS[r.outcome] }}>{OUTCOME_LABELS[r.outcome].split(':')[0]}</span>}</td>
                    <td>{r.predictedRestorationDays === null ? '–' : formatCount(r.predictedRestorationDays)} / {r.observedDaysToRestore ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section data-testid="zone-damage">
        <h3>Building damage by zone (moderate or worse)</h3>
        {!c.buildingDamage.available ? <p className="hint">{c.buildingDamage.reason}</p> : (
          <>
            <GroupedIntervalChart {...zoneShareSeries(c)} height={220} />
            <table className="table">
              <thead><tr><th>Zone</th><th>Buildings</th><th>Predicted damaged</th><th>Observed</th><th>Inside?</th><th>Bias</th></tr></thead>
              <tbody>
                {c.buildingDamage.zones.map((z) => (
                  <tr key={`${z.areaId}-${z.zoneIndex}`}>
                    <td>{z.areaId} {z.zoneIndex === 0 ? 'area' : `zone ${z.zoneIndex}`} <span className="muted">{z.zoneKey}</span></td>
                    <td>{formatCount(z.buildings)}</td>
                    <td>{formatCount(z.predicted.mean)} <span className="muted">({formatCount(z.predicted.p05)}–{formatCount(z.predicted.p95)}) {pct(z.predictedShare)}</span></td>
                    <td>{formatCount(z.observed)} <span className="muted">{pct(z.observedShare)}</span></td>
                    <td><Inside inside={z.inside} /></td>
                    <td>{formatRatio(z.biasRatio)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">Only buildings inside the observed footprint count ({formatCount(c.buildingDamage.outsideFootprint)} predicted buildings outside it are not scored). Observed damage matching no predicted building: {formatCount(c.buildingDamage.unmatchedObserved)}.</p>
          </>
        )}
        <div className="postop-legend" data-testid="outcome-legend">
          {(['hit', 'miss', 'falseAlarm'] as const).map((o) => (
            <span key={o}><span className="dot" style={{ background: OUTCOME_COLOURS[o] }} /> {OUTCOME_LABELS[o]}: {counts.building[o]} buildings, {counts.facility[o]} facilities</span>
          ))}
        </div>
      </section>
    </div>
  );
}
