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
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  const mean = values.length ? s / values.length : 0;
  // the quantiles read six order statistics: put just those in their sorted places (a summary reads
  // a hundred columns of 1,000 runs; sorting each was most of it)
  const a = Float64Array.from(values), n = a.length, at: number[] = [];
  for (const q of QUANTILES) { const h = (n - 1) * q, lo = Math.floor(h); at.push(lo, Math.min(n - 1, lo + 1)); }
  let from = 0;
  for (const k of at.sort((x, y) => x - y)) if (k >= from && k < n) { select(a, k, from, n - 1); from = k; }
  return { mean, p05: quantileSorted(a, 0.05), p50: quantileSorted(a, 0.5), p95: quantileSorted(a, 0.95) };
}
const QUANTILES = [0.05, 0.5, 0.95];

/**
 * Rearranges a[left..right] so that a[k] holds the value a sort would put there, smaller-or-equal
 * values before it and greater-or-equal after (Hoare's selection, median-of-three pivot). Samples
 * hold no NaN (every run adds finite counts).
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const mid = (left + right) >> 1;
    // median of three to a[mid], then Hoare partition around it
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left, j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { swap(a, i, j); i++; j--; }
    }
    if (k <= j) right = j; else if (k >= i) left = i; else return;
  }
}
function swap(a: Float64Array, i: number, j: number): void { const t = a[i]; a[i] = a[j]; a[j] = t; }

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
