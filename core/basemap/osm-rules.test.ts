import { describe, expect, it } from 'vitest';
import { areaClass, areaMinZoom, lineClass, namesOf, placeClass } from './osm-rules';

describe('OSM tags -> Protomaps basemap schema', () => {
  it('classes roads by importance, with links, bridges, tunnels and names', () => {
    expect(lineClass({ highway: 'primary', name: 'Avenida dos Aliados' })).toMatchObject({ layer: 'roads', kind: 'major_road', minZoom: 7, properties: { kind: 'major_road', kind_detail: 'primary', name: 'Avenida dos Aliados' } });
    expect(lineClass({ highway: 'residential' })!.kind).toBe('minor_road');
    expect(lineClass({ highway: 'motorway_link' })!.properties).toMatchObject({ kind: 'highway', is_link: true });
    const bridge = lineClass({ highway: 'footway', bridge: 'yes', tunnel: 'no' })!.properties;
    expect(bridge).toMatchObject({ kind: 'path', is_bridge: true });
    expect(bridge).not.toHaveProperty('is_tunnel'); // the style tests presence, so false is left out
    expect(lineClass({ railway: 'subway', tunnel: 'yes' })!.properties).toMatchObject({ kind: 'rail', is_tunnel: true });
    expect(lineClass({ highway: 'pedestrian', area: 'yes' })).toBeUndefined();
    expect(lineClass({ building: 'yes' })).toBeUndefined();
  });

  it('keeps name and name:xx, not other name-like keys', () => {
    expect(namesOf({ name: 'Porto', 'name:en': 'Oporto', 'name:ar': 'بورتو', 'name:etymology:wikidata': 'Q1', old_name: 'Portus' })).toEqual({ name: 'Porto', 'name:en': 'Oporto', 'name:ar': 'بورتو' });
  });

  it('classes water and parks as areas, rivers as lines', () => {
    expect(areaClass({ natural: 'water', water: 'river', name: 'Rio Douro' })).toMatchObject({ layer: 'water', properties: { kind: 'water', kind_detail: 'river', name: 'Rio Douro' } });
    expect(areaClass({ leisure: 'park' })).toMatchObject({ layer: 'landuse', kind: 'park' });
    expect(areaClass({ amenity: 'hospital' })!.kind).toBe('hospital');
    expect(areaClass({ highway: 'pedestrian' })).toBeUndefined(); // a pedestrian street, not a square
    expect(lineClass({ waterway: 'river', name: 'Rio Tinto' })).toMatchObject({ layer: 'water', kind: 'river' });
  });

  it('names places, and leaves out unnamed ones', () => {
    expect(placeClass({ place: 'city', name: 'Porto', population: '231800' })).toMatchObject({ layer: 'places', kind: 'locality', minZoom: 4, properties: { population: 231800 } });
    expect(placeClass({ place: 'quarter', name: 'Aliados' })!.kind).toBe('neighbourhood');
    expect(placeClass({ place: 'suburb' })).toBeUndefined();
  });

  it('shows small areas later than big ones', () => {
    expect(areaMinZoom(1)).toBeLessThan(areaMinZoom(0.01));
    expect(areaMinZoom(0.0001)).toBe(13);
  });
});
