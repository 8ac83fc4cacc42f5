/**
 * Seeded random numbers for the Monte Carlo: xoshiro128** (Blackman & Vigna 2018), seeded through
 * splitmix32 so any 32-bit integer seed gives a well-mixed state. Same seed, same stream, on every
 * platform (only 32-bit integer arithmetic).
 */

/** 2^-32: turns a 32-bit unsigned integer into a double in [0, 1). */
const TWO_POW_MINUS_32 = 1 / 4294967296;
/** Above this variance n p (1-p) a binomial is drawn from its normal approximation (error < 1% of sd). */
const NORMAL_APPROX_MIN_VARIANCE = 25;

export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = () => {
      // splitmix32
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }

  /** Fill `out` with 32-bit unsigned integers (the same stream as nextUint32, in a tight loop). */
  fillUint32(out: Uint32Array, n = out.length): void {
    let a = this.a, b = this.b, c = this.c, d = this.d;
    for (let i = 0; i < n; i++) {
      const x = Math.imul(b, 5);
      out[i] = Math.imul((x << 7) | (x >>> 25), 9);
      const t = b << 9;
      c ^= a; d ^= b; b ^= c; a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
    }
    this.a = a; this.b = b; this.c = c; this.d = d;
  }

  /** Uniform double in [0, 1). */
  uniform(): number {
    return this.nextUint32() * TWO_POW_MINUS_32;
  }

  /** Standard normal (Marsaglia polar method; the second value is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) { const v = this.spareNormal; this.spareNormal = null; return v; }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt(-2 * Math.log(s) / s);
    this.spareNormal = v * m;
    return u * m;
  }

  /**
   * Lognormal multiplier with MEAN one: exp(sigma Z - sigma^2/2). Mean-one (not median-one) so that
   * the Monte Carlo mean equals the expectation-mode value and rates are unbiased on average.
   */
  meanOneLognormal(sigma: number): number {
    if (sigma === 0) return 1;
    return Math.exp(sigma * this.normal() - 0.5 * sigma * sigma);
  }

  /**
   * Binomial draw for a possibly fractional number of people n (occupancy factors give fractions).
   * - variance n p (1-p) >= 25: normal approximation N(np, np(1-p)), clamped to [0, n], not rounded
   *   (mean kept; clamping is beyond 5 sd so its bias is negligible);
   * - otherwise n is rounded stochastically to an integer (floor(n) + Bernoulli(frac n), which keeps
   *   the mean) and the count is drawn exactly by inversion.
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const mean = n * p;
    const variance = mean * (1 - p);
    if (variance >= NORMAL_APPROX_MIN_VARIANCE) {
      const x = mean + Math.sqrt(variance) * this.normal();
      return x < 0 ? 0 : x > n ? n : x;
    }
    let ni = Math.floor(n);
    if (this.uniform() < n - ni) ni += 1;
    if (ni === 0) return 0;
    // Inversion from k = 0 (expected steps ~ n p + 1). For p > 0.5 draw the failures instead.
    const flip = p > 0.5;
    const q = flip ? 1 - p : p;
    const ratio = q / (1 - q);
    let prob = Math.pow(1 - q, ni);
    let cdf = prob;
    const u = this.uniform();
    let k = 0;
    while (u > cdf && k < ni) {
      prob *= ratio * (ni - k) / (k + 1);
      k += 1;
      cdf += prob;
    }
    return flip ? ni - k : k;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
