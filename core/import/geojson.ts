/**
 * GeoJSON population polygons. RFC 7946 says WGS84 lon/lat; a legacy `crs` member (2008 spec)
 * naming another CRS is honoured, and an unknown one is an error.
 */
import { populationSink } from './census';
import { crsFromUrn, wgs84 } from './crs';
import { readWithProgress } from './read-bytes';
import { ImportCancelled, ImportError, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

interface Feature { type: string; geometry: { type: string; coordinates?: unknown } | null; properties: Record<string, unknown> | null }

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const bytes = await readWithProgress(path, ctx, 'reading GeoJSON');
  let doc: { type?: string; features?: unknown; crs?: { properties?: { name?: string } } };
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new ImportError(path, { key: 'import.notJson', params: { detail: (e as Error).message.split('\n')[0]! } });
  }
  if (!doc || typeof doc !== 'object') throw new ImportError(path, 'not a GeoJSON object');
  let features: Feature[];
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) features = doc.features as Feature[];
  else if (doc.type === 'Feature') features = [doc as unknown as Feature];
  else throw new ImportError(path, `not a GeoJSON FeatureCollection (type ${JSON.stringify(doc.type)})`);
  if (!features.length) throw new ImportError(path, { key: 'import.noFeatures' });
  const crsName = doc.crs?.properties?.name;
  const crs = crsName ? crsFromUrn(crsName, path) : wgs84;
  const layer = emptyLayer(path, 'geojson', crs.name);
  const columns = [...new Set(features.flatMap((f) => Object.keys(f?.properties ?? {})))];
  const sink = populationSink(layer, columns, '', crs, ctx);
  features.forEach((f, i) => {
    if (ctx.signal?.aborted) throw new ImportCancelled(path);
    if (!f || f.type !== 'Feature') throw new ImportError(path, `feature ${i + 1} is not a GeoJSON Feature`);
    sink.add(f.properties ?? {}, f.geometry, i);
  });
  sink.finish();
  ctx.onProgress?.({ phase: 'reading GeoJSON', bytesRead: bytes.length, bytesTotal: bytes.length, features: features.length });
  return layer;
}

export const geojsonImporter: Importer = {
  format: 'geojson',
  label: 'GeoJSON (population polygons)',
  extensions: ['.geojson', '.json'],
  sniff: (head, path) => {
    const text = head.toString('utf8').trimStart();
    return text.startsWith('{') && (/"type"\s*:\s*"(FeatureCollection|Feature)"/.test(text) || /\.(geo)?json$/i.test(path));
  },
  read,
};
