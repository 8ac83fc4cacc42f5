import { destination, distance, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { equirectangularM, greatCircleM, localProjection, toLonLat } from './projection';

describe.each([0, 45, 65])('the local projection at latitude %d', (lat) => {
  const proj = localProjection(10, lat);
  const east500 = destination(point([10, lat]), 500, 90, { units: 'meters' }).geometry.coordinates as [number, number];
  const north500 = destination(point([10, lat]), 500, 0, { units: 'meters' }).geometry.coordinates as [number, number];

  it('is metric within 0.1% over 500 m east and north', () => {
    expect(Math.abs((east500[0] - proj.lon0) * proj.kx - 500)).toBeLessThan(0.5);
    expect(Math.abs((north500[1] - proj.lat0) * proj.ky - 500)).toBeLessThan(0.5);
  });

  it('goes back to lon/lat exactly', () => {
    const [lon, lat2] = toLonLat(proj, (east500[0] - proj.lon0) * proj.kx, 0);
    expect(lon).toBeCloseTo(east500[0], 12);
    expect(lat2).toBe(lat);
  });

  it('both point distances agree with turf over 2 km to 0.1%', () => {
    const b = destination(point([10, lat]), 2000, 30, { units: 'meters' }).geometry.coordinates as [number, number];
    const turfM = distance(point([10, lat]), point(b), { units: 'meters' });
    expect(greatCircleM([10, lat], b) / turfM).toBeCloseTo(1, 6);
    expect(equirectangularM([10, lat], b) / turfM).toBeCloseTo(1, 3);
  });
});
