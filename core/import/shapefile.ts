/**
 * Shapefile population polygons, read by the one shapefile reader (core/formats/shapefile.ts: CRS
 * from the .prj beside it, refused without one).
 */
import { readShapefile } from '../formats/shapefile';
import { populationSink } from './census';
import { ImportCancelled, ImportError, progressOf, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const file = await readShapefile(path, 'residents', {
    checkCancelled: () => { if (ctx.signal?.aborted) throw new ImportCancelled(path); },
    onProgress: (features, bytesRead, bytesTotal) => ctx.onProgress?.(progressOf({ key: 'readingShapefile' }, bytesRead, bytesTotal, features)),
  });
  if (!file.features.length) throw new ImportError(path, { key: 'import.noShapes' });
  const layer = emptyLayer(path, 'shapefile', file.crs.name);
  const sink = populationSink(layer, Object.keys(file.features[0]!.properties), '', file.crs, ctx);
  file.features.forEach((f, i) => sink.add(f.properties, f.geometry, i));
  sink.finish();
  return layer;
}

export const shapefileImporter: Importer = {
  format: 'shapefile',
  label: 'Shapefile (population polygons; .dbf and .prj beside it)',
  extensions: ['.shp'],
  sniff: (head) => head.length >= 4 && head.readUInt32BE(0) === 9994,
  read,
};
