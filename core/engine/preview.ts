/**
 * The live preview (issue 11): the expectation mode's exact figures, with 5-95% bounds from a short
 * seeded Monte Carlo so the interface never shows a bare number. Every `mean`, every exposure figure
 * and every facility come from the expectation pass; p05, p50 and p95 of each interval come from the
 * short run of the same inputs. Pure: two results in, one out.
 */
import type { AssessmentResult, Interval } from '../model/assessment';
import previewDefaults from '../../data/preview.json';

/** Runs of the short Monte Carlo behind a preview's intervals (data/preview.json, with its source). */
export const PREVIEW_RUNS: number = previewDefaults.runs.value;

const isInterval = (x: unknown): x is Interval =>
  typeof x === 'object' && x !== null && 'mean' in x && 'p05' in x && 'p50' in x && 'p95' in x && Object.keys(x).length === 4;

/** Expectation figures with the sampled run's bounds at the same place in the result. */
export function previewOf(expected: AssessmentResult, sampled: AssessmentResult): AssessmentResult {
  if (expected.provenance.mode !== 'expectation' || sampled.provenance.mode !== 'montecarlo') {
    throw new Error('previewOf: needs an expectation-mode result and a Monte Carlo result of the same inputs');
  }
  const merge = (e: unknown, s: unknown): unknown => {
    if (isInterval(e)) return isInterval(s) ? { mean: e.mean, p05: s.p05, p50: s.p50, p95: s.p95 } : e;
    if (Array.isArray(e) || typeof e !== 'object' || e === null) return e;
    return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, merge(v, (s as Record<string, unknown> | undefined)?.[k])]));
  };
  const { casualties, harm, casualtiesByTime, infrastructure, humanitarian } = expected;
  return {
    ...expected,
    casualties: merge(casualties, sampled.casualties) as AssessmentResult['casualties'],
    harm: merge(harm, sampled.harm) as AssessmentResult['harm'],
    casualtiesByTime: merge(casualtiesByTime, sampled.casualtiesByTime) as AssessmentResult['casualtiesByTime'],
    infrastructure: {
      ...infrastructure,
      sectors: merge(infrastructure.sectors, sampled.infrastructure.sectors) as AssessmentResult['infrastructure']['sectors'],
      beds: merge(infrastructure.beds, sampled.infrastructure.beds) as AssessmentResult['infrastructure']['beds'],
    },
    // displaced, needs and schools carry their bounds too (they were shown as 3,479 (3,479-3,479))
    ...(humanitarian ? { humanitarian: merge(humanitarian, sampled.humanitarian) as AssessmentResult['humanitarian'] } : {}),
    provenance: { ...expected.provenance, mode: 'preview', runs: sampled.provenance.runs },
  };
}
