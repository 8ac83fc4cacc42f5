import { describe, expect, it } from 'vitest';
import { NodeCoords } from './osm-nodes';

describe('NodeCoords', () => {
  it('finds nodes by id as a Map would, ids sorted or not, a repeated id keeping its last position', () => {
    const ids = Array.from({ length: 40_000 }, (_, i) => 5_000_000_000 + i * 7); // above 2^31, as recent OSM ids are
    const scrambled = [...ids].sort((a, b) => ((a * 2654435761) % 4294967291) - ((b * 2654435761) % 4294967291)); // deterministic
    for (const order of [ids, [...ids].reverse(), scrambled]) {
      const nodes = new NodeCoords(), map = new Map<number, [number, number]>();
      for (const id of order) { nodes.add(id, id % 360 - 180, (id % 170) - 85); map.set(id, [id % 360 - 180, (id % 170) - 85]); }
      nodes.add(order[0]!, 1.5, 2.5); map.set(order[0]!, [1.5, 2.5]); // repeated, later in the file
      nodes.finish();
      expect(nodes.size).toBe(map.size);
      for (const id of ids) expect(nodes.get(id)).toEqual(map.get(id));
      expect(nodes.get(5_000_000_001)).toBeUndefined();
      expect(nodes.get(1)).toBeUndefined();
    }
  });

  it('gives the extent of every node, null when there is none, and refuses a lookup before finish', () => {
    const nodes = new NodeCoords();
    expect(nodes.extent()).toBeNull();
    nodes.add(3, -8.7, 41.1); nodes.add(9, -8.5, 41.2); nodes.add(5, -8.6, 41.0);
    expect(() => nodes.get(3)).toThrow(/before finish/);
    nodes.finish();
    expect(nodes.extent()).toEqual([-8.7, 41.0, -8.5, 41.2]);
    expect(nodes.get(5)).toEqual([-8.6, 41.0]);
  });
});
