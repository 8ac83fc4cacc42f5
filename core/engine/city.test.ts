import { describe, expect, it } from 'vitest';
import { nearestSites } from './city';
import { Rng } from './random';

describe('nearestSites', () => {
  it('matches a brute-force nearest search, ties to the lowest site, points outside the sites too', () => {
    const rng = new Rng(7);
    for (const m of [1, 2, 3, 17, 400]) {
      const sx = new Float64Array(m), sy = new Float64Array(m);
      for (let i = 0; i < m; i++) { sx[i] = Math.round(rng.uniform() * 1000); sy[i] = Math.round(rng.uniform() * 300); }
      if (m > 2) { sx[m - 1] = sx[0]; sy[m - 1] = sy[0]; } // a duplicate position: the first wins
      const n = 5000, px = new Float64Array(n), py = new Float64Array(n), out = new Int32Array(n);
      for (let i = 0; i < n; i++) { px[i] = Math.round(rng.uniform() * 1600) - 300; py[i] = Math.round(rng.uniform() * 900) - 300; }
      nearestSites(sx, sy, px, py, out);
      for (let i = 0; i < n; i++) {
        let best = 0, bd = Infinity;
        for (let j = 0; j < m; j++) { const d = (sx[j] - px[i]) ** 2 + (sy[j] - py[i]) ** 2; if (d < bd) { bd = d; best = j; } }
        expect(out[i]).toBe(best);
      }
    }
  });
});
