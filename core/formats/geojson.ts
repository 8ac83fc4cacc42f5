/**
 * GeoJSON, one reader for every consumer. RFC 7946 says WGS84 lon/lat; a legacy `crs` member (2008
 * spec) naming another CRS is honoured (core/formats/crs.ts), and an unknown one is refused.
 */
import { basename, extname } from 'node:path';
import { crsFromUrn, wgs84 } from './crs';
import { FileError } from './file-error';
import type { FileFeature, FileLayer } from './layer';

/** A FeatureCollection (or one Feature) from its text; geometry left in the CRS `crs` names. */
export function parseGeoJson(text: string, path: string): FileLayer {
  let doc: { type?: unknown; features?: unknown; name?: unknown; crs?: { properties?: { name?: unknown } } };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FileError(path, { key: 'import.notJson', params: { detail: (e as Error).message.split('\n')[0]! } });
  }
  if (!doc || typeof doc !== 'object') throw new FileError(path, { key: 'import.notGeojson' });
  let raw: unknown[];
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) raw = doc.features;
  else if (doc.type === 'Feature') raw = [doc];
  else throw new FileError(path, { key: 'import.notFeatureCollection', params: { type: JSON.stringify(doc.type) ?? 'undefined' } });
  const crsName = doc.crs?.properties?.name;
  const crs = crsName === undefined ? wgs84 : crsFromUrn(String(crsName), path);
  const features = raw.map((f, i): FileFeature => {
    const feat = f as { type?: unknown; geometry?: FileFeature['geometry']; properties?: unknown } | null;
    if (!feat || feat.type !== 'Feature') throw new FileError(path, { key: 'import.notFeature', params: { n: i + 1 } });
    return { geometry: feat.geometry ?? null, properties: feat.properties && typeof feat.properties === 'object' ? feat.properties as Record<string, unknown> : {} };
  });
  return { path, name: typeof doc.name === 'string' && doc.name ? doc.name : basename(path, extname(path)), crs, features };
}
