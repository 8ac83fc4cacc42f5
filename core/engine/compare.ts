/**
 * Alternatives (METHOD.md §6): options assessed on one dataset with one seed, ranked by harm =
 * killed + seriously injured at each option's time of day (mean; ties by killed, then name).
 * Pairs whose 5-95% harm intervals overlap are flagged: the data cannot tell them apart.
 * The harm interval is the per-run sum (AssessmentResult.harm); for results without it the
 * interval [killed.p05 + serious.p05, killed.p95 + serious.p95] is used, which is wider (safe side).
 */
import type { AssessmentResult, Interval } from '../model/assessment';

export interface Comparison {
  options: { name: string; rank: number; result: AssessmentResult }[];
  indistinguishable: { a: string; b: string; measure: string }[];
  rankedBy: string;
}

const MEASURE = 'killed + seriously injured (mean; 5-95% interval)';

export function harmOf(r: AssessmentResult): Interval {
  if (r.harm) return r.harm;
  const k = r.casualties.killed, s = r.casualties.seriouslyInjured;
  return { mean: k.mean + s.mean, p05: k.p05 + s.p05, p50: k.p50 + s.p50, p95: k.p95 + s.p95 };
}

export function compareOptions(results: readonly AssessmentResult[]): Comparison {
  const order = results.map((r, i) => ({ r, i, h: harmOf(r) }))
    .sort((a, b) => a.h.mean - b.h.mean || a.r.casualties.killed.mean - b.r.casualties.killed.mean || a.r.operationName.localeCompare(b.r.operationName) || a.i - b.i);
  const options = order.map((o, k) => ({ name: o.r.operationName, rank: k + 1, result: o.r }));
  const indistinguishable: Comparison['indistinguishable'] = [];
  for (let a = 0; a < order.length; a++) for (let b = a + 1; b < order.length; b++) {
    const x = order[a].h, y = order[b].h;
    if (x.p05 <= y.p95 && y.p05 <= x.p95) indistinguishable.push({ a: order[a].r.operationName, b: order[b].r.operationName, measure: MEASURE });
  }
  return { options, indistinguishable, rankedBy: MEASURE };
}
