import { describe, expect, it } from 'vitest';
import { decodeGpkgGeometry, encodeGpkgGeometry } from './gpkg-geometry';

describe('GeoPackage geometry blobs', () => {
  it('round-trips polygons and points with srs id and envelope', () => {
    const poly = { type: 'MultiPolygon', coordinates: [[[[-8.6, 41.1], [-8.5, 41.1], [-8.5, 41.2], [-8.6, 41.1]]]] };
    const blob = encodeGpkgGeometry(poly, 4326);
    expect(blob.subarray(0, 2).toString('latin1')).toBe('GP');
    expect(blob.readDoubleLE(8)).toBe(-8.6); // min x
    expect(blob.readDoubleLE(32)).toBe(41.2); // max y
    expect(decodeGpkgGeometry(blob)).toEqual({ srsId: 4326, empty: false, geometry: poly });
    const pt = { type: 'Point', coordinates: [24.94, 60.17] };
    expect(decodeGpkgGeometry(encodeGpkgGeometry(pt, 4326)).geometry).toEqual(pt);
  });

  it('rejects blobs that are not GeoPackage geometry', () => {
    expect(() => decodeGpkgGeometry(Buffer.from('not a geometry'))).toThrow(/magic/);
  });
});
