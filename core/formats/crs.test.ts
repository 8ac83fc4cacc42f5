import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { crsFromEpsg, crsFromUrn, crsFromWkt } from './crs';
import { FileError } from './file-error';

/** GDAL/PROJ as the independent reference. */
const gdal = (from: string, x: number, y: number) =>
  execFileSync('gdaltransform', ['-s_srs', from, '-t_srs', 'EPSG:4326', '-output_xy'], { input: `${x} ${y}\n`, encoding: 'utf8' }).trim().split(/\s+/).map(Number);

describe('crs', () => {
  it.each([
    ['EPSG:3763', -33000, 165000],
    ['EPSG:3067', 385000, 6672000],
    ['EPSG:32635', 385000, 6672000],
    ['EPSG:3857', -950000, 5030000],
  ])('%s agrees with PROJ to 1e-7 degrees', (code, x, y) => {
    const [lon, lat] = crsFromEpsg(code, 'f').toWgs84(x, y);
    const [glon, glat] = gdal(code, x, y);
    expect(Math.abs(lon - glon!)).toBeLessThan(1e-7);
    expect(Math.abs(lat - glat!)).toBeLessThan(1e-7);
  });

  it('reads legacy GeoJSON crs names', () => {
    expect(crsFromUrn('urn:ogc:def:crs:OGC:1.3:CRS84', 'f').identity).toBe(true);
    expect(crsFromUrn('urn:ogc:def:crs:EPSG::3763', 'f').name).toBe('EPSG:3763');
    expect(crsFromUrn('EPSG:4326', 'f').identity).toBe(true);
  });

  it('uses the EPSG code at the top of a WKT, and ignores AXIS order (GeoPackage x = longitude)', () => {
    const wkt = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';
    const c = crsFromWkt(wkt, 'f');
    expect(c.identity).toBe(true);
    expect(c.toWgs84(-8.6, 41.1)).toEqual([-8.6, 41.1]);
  });

  it('refuses what it cannot know, naming the file', () => {
    expect(() => crsFromEpsg(99999, 'x.tif')).toThrow(FileError);
    expect(() => crsFromEpsg(99999, 'x.tif')).toThrow(/^x\.tif: unknown CRS EPSG:99999/);
    expect(() => crsFromWkt('undefined', 'y.gpkg')).toThrow(/^y\.gpkg: unknown CRS/);
    expect(() => crsFromUrn('urn:x:nonsense', 'z.geojson')).toThrow(/^z\.geojson: unknown CRS/);
  });
});
