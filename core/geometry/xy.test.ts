import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../model/dataset';
import { localProjection } from './projection';
import { projectGeometry, xyArea, xyToLonLat } from './xy';

describe('polygons in local metres', () => {
  const proj = localProjection(-8.61, 41.15);
  // 0.01 degree square with a 0.002 degree hole, drawn clockwise (signs must not depend on winding)
  const g: PolygonGeometry = { type: 'Polygon', coordinates: [
    [[-8.62, 41.14], [-8.62, 41.15], [-8.61, 41.15], [-8.61, 41.14], [-8.62, 41.14]],
    [[-8.616, 41.144], [-8.614, 41.144], [-8.614, 41.146], [-8.616, 41.146], [-8.616, 41.144]],
  ] };

  it('area is the outer ring less the hole, whatever the winding', () => {
    const p = projectGeometry(g, proj);
    const expected = (0.01 * proj.kx) * (0.01 * proj.ky) - (0.002 * proj.kx) * (0.002 * proj.ky);
    expect(xyArea(p) / expected).toBeCloseTo(1, 12);
    expect(p.signs.length).toBe(2);
  });

  it('goes back to the same lon/lat', () => {
    const back = xyToLonLat(projectGeometry(g, proj), proj);
    back.coordinates.forEach((ring, i) => ring.forEach((pt, j) => {
      expect(pt[0]).toBeCloseTo(g.coordinates[i]![j]![0]!, 12);
      expect(pt[1]).toBeCloseTo(g.coordinates[i]![j]![1]!, 12);
    }));
  });
});
