import { describe, expect, it } from 'vitest';
import { stitchRings } from './osm';
import { buildingUseOf, constructionOf, facilityOf, protectedOf, storeysOf } from './tag-rules';

describe('stitchRings', () => {
  it('joins open ways end to end, in either direction, into one closed ring', () => {
    const a: [number, number][] = [[0, 0], [1, 0]];
    const b: [number, number][] = [[1, 1], [1, 0]]; // reversed
    const c: [number, number][] = [[1, 1], [0, 1], [0, 0]];
    const rings = stitchRings([a, b, c])!;
    expect(rings).toHaveLength(1);
    expect(rings[0]![0]).toEqual(rings[0]![rings[0]!.length - 1]);
    expect(rings[0]).toHaveLength(5);
  });

  it('keeps closed ways as they are and returns null when a ring cannot close', () => {
    const closed: [number, number][] = [[0, 0], [1, 0], [1, 1], [0, 0]];
    expect(stitchRings([closed])).toEqual([closed]);
    expect(stitchRings([[[0, 0], [1, 0]], [[1, 0], [1, 1]]])).toBeNull();
  });
});

describe('OSM tag rules (data/import/osm-mapping.json)', () => {
  it('maps facilities by the first matching rule', () => {
    expect(facilityOf({ amenity: 'hospital', healthcare: 'hospital' })).toMatchObject({ sector: 'health', kind: 'hospital', matchedTags: 'amenity=hospital' });
    expect(facilityOf({ man_made: 'pumping_station', substance: 'sewage' })).toMatchObject({ sector: 'sanitation', kind: 'sewage_pumping' });
    expect(facilityOf({ man_made: 'pumping_station' })).toMatchObject({ sector: 'water', kind: 'pumping_station' });
    expect(facilityOf({ man_made: 'storage_tank', content: 'water' })).toMatchObject({ kind: 'reservoir' });
    expect(facilityOf({ man_made: 'storage_tank', content: 'oil' })).toBeUndefined();
    expect(facilityOf({ man_made: 'tower', 'communication:mobile_phone': 'yes' })).toMatchObject({ kind: 'mast' });
    expect(facilityOf({ man_made: 'tower', 'tower:type': 'bell_tower' })).toBeUndefined();
    expect(facilityOf({ healthcare: 'pharmacy' })).toBeUndefined();
    expect(facilityOf({ power: 'substation' })).toMatchObject({ sector: 'power', kind: 'substation' });
  });

  it('finds protected sites', () => {
    expect(protectedOf({ amenity: 'kindergarten' })).toBe('school');
    expect(protectedOf({ historic: 'monument' })).toBe('cultural');
    expect(protectedOf({ heritage: '2' })).toBe('listed');
    expect(protectedOf({ amenity: 'bank' })).toBeUndefined();
  });

  it('derives use, storeys and the documented construction fallback', () => {
    expect(buildingUseOf({ building: 'apartments', shop: 'bakery' })).toBe('mixed');
    expect(buildingUseOf({ building: 'yes', amenity: 'school' })).toBe('education');
    expect(buildingUseOf({ building: 'yes' })).toBe('residential');
    expect(buildingUseOf({ building: 'garage' })).toBeUndefined();
    expect(storeysOf({ 'building:levels': '5' })).toBe(5);
    expect(storeysOf({ 'building:levels': 'many' })).toBeUndefined();
    expect(constructionOf({ 'building:material': 'brick' }, 'residential', 8)).toEqual({ cls: 'urm', tagged: true });
    expect(constructionOf({}, 'residential', 6)).toEqual({ cls: 'rc', tagged: false });
    expect(constructionOf({}, 'residential', 2)).toEqual({ cls: 'urm', tagged: false });
    expect(constructionOf({}, 'industrial', 1)).toEqual({ cls: 'steel', tagged: false });
    expect(constructionOf({ building: 'hut' }, 'residential', 1)).toEqual({ cls: 'light', tagged: false });
  });
});
