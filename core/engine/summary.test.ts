import { describe, expect, it } from 'vitest';
import { Rng } from './random';
import { intervalOf, quantileSorted } from './summary';

describe('intervalOf', () => {
  it('gives the quantiles of a full sort (type 7), for samples with ties, of every length', () => {
    const rng = new Rng(7);
    for (let t = 0; t < 3000; t++) {
      const n = 1 + Math.floor(rng.uniform() * 80);
      // counts as a Monte Carlo gives them: many ties (small integers), some spread
      const v = Float64Array.from({ length: n }, () => (rng.uniform() < 0.4 ? Math.floor(rng.uniform() * 3) : rng.uniform() * 50));
      const sorted = Float64Array.from(v).sort();
      const r = intervalOf(v);
      expect([r.p05, r.p50, r.p95]).toEqual([quantileSorted(sorted, 0.05), quantileSorted(sorted, 0.5), quantileSorted(sorted, 0.95)]);
      expect(r.mean).toBeCloseTo(v.reduce((a, b) => a + b, 0) / n, 12);
    }
  });
  it('leaves the sample as it was, and gives zeros for no runs', () => {
    const v = Float64Array.of(5, 1, 4, 2, 3), copy = Float64Array.from(v);
    expect(intervalOf(v)).toEqual({ mean: 3, p05: 1.2, p50: 3, p95: 4.8 });
    expect(v).toEqual(copy);
    expect(intervalOf(new Float64Array(0))).toEqual({ mean: 0, p05: 0, p50: 0, p95: 0 });
  });
});
