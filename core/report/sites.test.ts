import { describe, expect, it } from 'vitest';
import type { ProtectedSiteHit } from '../model/assessment';
import { dedupeSites, groupSites } from './sites';

/** A hit `dxM` metres east of a fixed point in Porto's centre. */
const hit = (id: string, name: string, dxM: number, o: Partial<ProtectedSiteHit> = {}): ProtectedSiteHit => ({
  id, name, category: 'school', areaId: 'a1', zoneIndex: 0, distanceToAreaEdgeM: 0, peoplePresent: 100,
  lonLat: [-8.61 + dxM / (111_320 * Math.cos((41.15 * Math.PI) / 180)), 41.15], ...o,
});

describe('protected sites for a planner', () => {
  it('merges an OSM node and way of the same name a few metres apart, keeping the nearest distance', () => {
    const out = dedupeSites([
      hit('node/1', 'Escola Básica da Sé', 30, { distanceToAreaEdgeM: 40, zoneIndex: 1, peoplePresent: 80 }),
      hit('way/2', 'Escola  básica da Sé ', 0, { distanceToAreaEdgeM: 0, peoplePresent: 120 }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ distanceM: 0, peoplePresent: 120, merged: 2, named: true });
  });

  it('keeps two sites of the same name far apart, and a site hit from two areas once', () => {
    const far = dedupeSites([hit('n1', 'Igreja', 0, { category: 'place_of_worship' }), hit('n2', 'Igreja', 2000, { category: 'place_of_worship' })]);
    expect(far).toHaveLength(2);
    const twoAreas = dedupeSites([hit('n1', 'Liceu', 0, { areaId: 'a1', distanceToAreaEdgeM: 120 }), hit('n1', 'Liceu', 0, { areaId: 'a2', distanceToAreaEdgeM: 0 })]);
    expect(twoAreas).toHaveLength(1);
    expect(twoAreas[0]!.distanceM).toBe(0);
  });

  it('describes an unnamed site by its kind and the nearest named place, never blank', () => {
    const out = dedupeSites([hit('n1', '', 0), hit('n2', 'Sé do Porto', 200, { category: 'cultural' }), hit('n3', '', 5000)]);
    const labels = out.map((s) => s.label);
    expect(labels).toContain('Unnamed school, 200 m from Sé do Porto');
    expect(labels).toContain('Unnamed school');
    expect(labels.every((l) => l.trim().length > 0)).toBe(true);
  });

  it('groups by category in a fixed order (hospitals first) and counts inside and in the zones', () => {
    const groups = groupSites(dedupeSites([
      hit('s1', 'A', 0), hit('s2', 'B', 500, { distanceToAreaEdgeM: 300, zoneIndex: 2 }),
      hit('h1', 'Hospital Santo António', 900, { category: 'hospital', distanceToAreaEdgeM: 150, zoneIndex: 1 }),
    ]));
    expect(groups.map((g) => g.category)).toEqual(['hospital', 'school']);
    expect(groups[1]).toMatchObject({ inside: 1, inZones: 1 });
    expect(groups[1]!.sites.map((s) => s.label)).toEqual(['A', 'B']);
  });
});
