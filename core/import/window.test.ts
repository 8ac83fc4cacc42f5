import { describe, expect, it } from 'vitest';
import { parseWindowText } from './window';

describe('--window', () => {
  it('reads west,south,east,north in degrees', () => {
    expect(parseWindowText('-8.7, 41.1,-8.5,41.2')).toEqual([-8.7, 41.1, -8.5, 41.2]);
  });
  it('refuses a swapped, short or out-of-range window, saying the form', () => {
    expect(parseWindowText('-8.5,41.1,-8.7,41.2')).toMatch(/^--window must be west,south,east,north in degrees .*: west must be below east and south below north$/);
    expect(parseWindowText('-8.5,41.1,-8.7')).toMatch(/^--window must be west,south,east,north in degrees \(e\.g\. 8\.55,41\.10,8\.70,41\.20\), got "-8\.5,41\.1,-8\.7"$/);
    expect(parseWindowText('-8.5,91,-8.4,92')).toMatch(/^--window must be/);
    expect(parseWindowText('a,b,c,d')).toMatch(/^--window must be/);
  });
});
