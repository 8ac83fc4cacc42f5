import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../tests/support/shared-data';
import { geometryToWgs84 } from './crs';
import { parseGeoJson } from './geojson';

describe('the one GeoJSON reader', () => {
  it('reads a real FeatureCollection (Porto census, WGS84) with its attributes', () => {
    const path = sharedFile('population/porto-ine-bgri2021-1312.wgs84.geojson');
    const layer = parseGeoJson(readFileSync(path, 'utf8'), path);
    expect(layer.crs.identity).toBe(true);
    expect(layer.features.length).toBeGreaterThan(100);
    expect(Object.keys(layer.features[0]!.properties).length).toBeGreaterThan(3);
  });

  it('honours a legacy crs member for every consumer: EPSG:3763 metres land in Porto', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3763' } },
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [-42_000, 165_000] } }] });
    const layer = parseGeoJson(text, 'pt.geojson');
    expect(layer.crs.name).toBe('EPSG:3763');
    const [lon, lat] = (geometryToWgs84(layer.features[0]!.geometry!, layer.crs) as { coordinates: number[] }).coordinates;
    expect(lon).toBeGreaterThan(-8.8); expect(lon).toBeLessThan(-8.4);
    expect(lat).toBeGreaterThan(41); expect(lat).toBeLessThan(41.3);
  });

  it('refuses what is not a FeatureCollection, a non-Feature member and an unknown CRS, naming the file', () => {
    expect(() => parseGeoJson('{"type":"Topology"}', '/x/t.json')).toThrow(/^t\.json: not a GeoJSON FeatureCollection \(type "Topology"\)$/);
    expect(() => parseGeoJson('{"type":"FeatureCollection","features":[{"type":"Point"}]}', 'f.geojson')).toThrow(/^f\.geojson: feature 1 is not a GeoJSON Feature$/);
    expect(() => parseGeoJson('{"type":"FeatureCollection","features":[],"crs":{"properties":{"name":"EPSG:99999"}}}', 'c.geojson')).toThrow(/^c\.geojson: unknown CRS EPSG:99999/);
    expect(() => parseGeoJson('{"type":', 'j.geojson')).toThrow(/^j\.geojson: not valid JSON/);
  });
});
