/** GeoJSON population polygons, read by the one GeoJSON reader (core/formats/geojson.ts). */
import { parseGeoJson } from '../formats/geojson';
import { populationSink } from './census';
import { readWithProgress } from './read-bytes';
import { ImportCancelled, ImportError, progressOf, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const bytes = await readWithProgress(path, ctx, 'readingGeojson');
  const file = parseGeoJson(bytes.toString('utf8'), path);
  if (!file.features.length) throw new ImportError(path, { key: 'import.noFeatures' });
  const layer = emptyLayer(path, 'geojson', file.crs.name);
  const columns = [...new Set(file.features.flatMap((f) => Object.keys(f.properties)))];
  const sink = populationSink(layer, columns, '', file.crs, ctx);
  file.features.forEach((f, i) => {
    if (ctx.signal?.aborted) throw new ImportCancelled(path);
    sink.add(f.properties, f.geometry, i);
  });
  sink.finish();
  ctx.onProgress?.(progressOf({ key: 'readingGeojson' }, bytes.length, bytes.length, file.features.length));
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
