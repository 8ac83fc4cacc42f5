/**
 * Shapefile population polygons (.shp + .dbf, CRS from the .prj beside it). A shapefile without a
 * .prj has no known CRS and is refused.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as shp from 'shapefile';
import { populationSink } from './census';
import { crsFromWkt } from './crs';
import { ImportCancelled, ImportError, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

const sibling = (path: string, ext: string): string | undefined => {
  const base = path.replace(/\.shp$/i, '');
  for (const e of [ext, ext.toUpperCase()]) if (existsSync(base + e)) return base + e;
  return undefined;
};

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const prj = sibling(path, '.prj');
  if (!prj) throw new ImportError(path, { key: 'import.noPrj' });
  const crs = crsFromWkt(readFileSync(prj, 'utf8'), path);
  const dbf = sibling(path, '.dbf');
  if (!dbf) throw new ImportError(path, { key: 'import.noDbf' });
  const cpg = sibling(path, '.cpg');
  const encoding = cpg ? readFileSync(cpg, 'utf8').trim() || 'utf-8' : 'utf-8';
  const size = statSync(path).size + statSync(dbf).size;
  const features: { properties: Record<string, unknown>; geometry: { type: string; coordinates?: unknown } | null }[] = [];
  try {
    const source = await shp.open(path, dbf, { encoding });
    for (;;) {
      if (ctx.signal?.aborted) throw new ImportCancelled(path);
      const r = await source.read();
      if (r.done) break;
      features.push(r.value as never);
      if (features.length % 500 === 0) ctx.onProgress?.({ phase: 'reading shapefile', bytesRead: Math.min(size, features.length * 500), bytesTotal: size, features: features.length });
    }
  } catch (e) {
    if (e instanceof ImportCancelled) throw e;
    throw new ImportError(path, `corrupt shapefile: ${(e as Error).message}`);
  }
  if (!features.length) throw new ImportError(path, { key: 'import.noShapes' });
  const layer = emptyLayer(path, 'shapefile', crs.name);
  const columns = Object.keys(features[0]!.properties ?? {});
  const sink = populationSink(layer, columns, '', crs, ctx);
  features.forEach((f, i) => sink.add(f.properties ?? {}, f.geometry, i));
  sink.finish();
  ctx.onProgress?.({ phase: 'reading shapefile', bytesRead: size, bytesTotal: size, features: features.length });
  return layer;
}

export const shapefileImporter: Importer = {
  format: 'shapefile',
  label: 'Shapefile (population polygons; .dbf and .prj beside it)',
  extensions: ['.shp'],
  sniff: (head) => head.length >= 4 && head.readUInt32BE(0) === 9994,
  read,
};
