/**
 * Step 7, summary: intervals from Monte Carlo samples (or points from the expectation mode) and
 * the result object. Quantiles are the linear-interpolation type 7 (R / NumPy default).
 */
import { GROUPS, SEVERITIES, type CasualtyBlock, type Interval } from '../model/assessment';
import { TIMES_OF_DAY, type TimeOfDay } from '../model/operation';
import { casIndex } from './casualties';

export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * q, lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean, median and 5-95% interval of a sample. */
export function intervalOf(values: Float64Array): Interval {
  const sorted = Float64Array.from(values).sort();
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return { mean: values.length ? s / values.length : 0, p05: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

/** Expectation mode: a single value stands for all four figures (documented as such in the result's provenance mode). */
export function pointInterval(v: number): Interval {
  return { mean: v, p05: v, p50: v, p95: v };
}

/** Column `field` of a runs x stride sample matrix. */
export function column(samples: Float64Array, runs: number, stride: number, field: number): Float64Array {
  const out = new Float64Array(runs);
  for (let r = 0; r < runs; r++) out[r] = samples[r * stride + field];
  return out;
}

/** Casualty blocks for the three times of day, given the interval of each CAS field. */
export function casualtyBlocks(intervalAt: (field: number) => Interval): Record<TimeOfDay, CasualtyBlock> {
  const block = (t: number): CasualtyBlock => {
    const sev = (g: number) => Object.fromEntries(SEVERITIES.map((s, si) => [s, intervalAt(casIndex(t, si, g))])) as Record<(typeof SEVERITIES)[number], Interval>;
    return { ...sev(0), byGroup: Object.fromEntries(GROUPS.map((g, gi) => [g, sev(gi + 1)])) as CasualtyBlock['byGroup'] };
  };
  return Object.fromEntries(TIMES_OF_DAY.map((t, ti) => [t, block(ti)])) as Record<TimeOfDay, CasualtyBlock>;
}
