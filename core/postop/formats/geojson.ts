/** GeoJSON FeatureCollection (RFC 7946 or the older `crs` member naming CRS84 / EPSG:4326). */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { PostopError } from '../errors';
import type { RawLayer } from './layer';

const WGS84_NAMES = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::4326|EPSG:4326|CRS84|urn:ogc:def:crs:OGC::CRS84)$/i;

export async function readGeoJson(path: string): Promise<RawLayer> {
  const file = basename(path);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new PostopError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const fc = doc as { type?: unknown; features?: unknown; name?: unknown; crs?: { properties?: { name?: unknown } } };
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new PostopError(`${file}: not a GeoJSON FeatureCollection`);
  }
  const crs = fc.crs?.properties?.name;
  if (crs !== undefined && !(typeof crs === 'string' && WGS84_NAMES.test(crs))) {
    throw new PostopError(`${file}: coordinate system ${String(crs)} is not WGS84; reproject to EPSG:4326 first`);
  }
  const features = (fc.features as unknown[]).map((f, i) => {
    const feat = f as { type?: unknown; geometry?: unknown; properties?: unknown };
    if (!feat || feat.type !== 'Feature') throw new PostopError(`${file}: features[${i}] is not a GeoJSON Feature`);
    return {
      geometry: (feat.geometry ?? null) as RawLayer['features'][number]['geometry'],
      properties: (feat.properties && typeof feat.properties === 'object' ? feat.properties : {}) as Record<string, unknown>,
    };
  });
  return { file, name: typeof fc.name === 'string' && fc.name ? fc.name : basename(path, extname(path)), features };
}
