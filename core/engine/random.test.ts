import { describe, expect, it } from 'vitest';
import { Rng } from './random';

describe('Rng', () => {
  it('is reproducible for a seed and differs between seeds and streams', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43), d = new Rng(42, 1);
    const sa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(sa);
    expect(Array.from({ length: 5 }, () => d.nextUint32())).not.toEqual(sa);
  });
  it('fillUint32 gives the same stream as nextUint32', () => {
    const a = new Rng(5), b = new Rng(5);
    const buf = new Uint32Array(100);
    a.fillUint32(buf);
    expect(Array.from(buf)).toEqual(Array.from({ length: 100 }, () => b.nextUint32()));
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
  it('uniform has mean 1/2 and variance 1/12', () => {
    const r = new Rng(1);
    let s = 0, s2 = 0; const n = 200_000;
    let max = 0;
    for (let i = 0; i < n; i++) { const u = r.uniform(); max = Math.max(max, u); s += u; s2 += u * u; }
    expect(max).toBeLessThan(1);
    expect(s / n).toBeCloseTo(0.5, 2);
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(1 / 12, 3);
  });
  it('mean-one lognormal has mean one', () => {
    const r = new Rng(2); let s = 0; const n = 200_000;
    for (let i = 0; i < n; i++) s += r.meanOneLognormal(0.5);
    expect(Math.abs(s / n - 1)).toBeLessThan(0.01);
  });
  it.each([[10, 0.3], [7.4, 0.05], [1000, 0.2], [3, 0.9], [50_000, 0.0001]])('binomial(%d, %d) has the right mean and variance', (n, p) => {
    const r = new Rng(3); let s = 0, s2 = 0; const runs = 100_000;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < runs; i++) { const x = r.binomial(n, p); lo = Math.min(lo, x); hi = Math.max(hi, x); s += x; s2 += x * x; }
    expect(lo).toBeGreaterThanOrEqual(0); expect(hi).toBeLessThanOrEqual(Math.ceil(n));
    const mean = s / runs, variance = s2 / runs - mean * mean;
    const se = Math.sqrt(n * p * (1 - p) / runs) + 1e-9;
    expect(Math.abs(mean - n * p)).toBeLessThan(4 * se + 0.01 * n * p);
    // stochastic rounding of fractional n adds a little variance; allow 10%
    expect(variance / Math.max(n * p * (1 - p), 1e-9)).toBeGreaterThan(0.9);
    expect(variance / Math.max(n * p * (1 - p), 1e-9)).toBeLessThan(1.15);
  });
});
