/**
 * The one place that picks an importer for a file: by its first bytes, then by its extension.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { csvImporter } from './csv';
import { geojsonImporter } from './geojson';
import { gpkgImporter } from './gpkg';
import { osmImporter } from './osm';
import { geotiffImporter } from './raster';
import { shapefileImporter } from './shapefile';
import { ImportError, type Importer } from './types';

/** In sniffing order: binary signatures first, text formats last. */
export const IMPORTERS: readonly Importer[] = [osmImporter, gpkgImporter, geotiffImporter, shapefileImporter, geojsonImporter, csvImporter];

export function readHead(path: string, bytes = 4096): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The importer for a file, or an ImportError (missing, empty, directory, unknown format). */
export function importerFor(path: string): Importer {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ImportError(path, { key: 'import.notAFile' });
    size = st.size;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(path, { key: 'import.cannotRead', params: { reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message } });
  }
  if (size === 0) throw new ImportError(path, { key: 'import.empty' });
  const head = readHead(path);
  const bySniff = IMPORTERS.find((i) => i.sniff(head, path));
  if (bySniff) return bySniff;
  const lower = path.toLowerCase();
  const byExt = IMPORTERS.find((i) => i.extensions.some((e) => lower.endsWith(e)));
  if (byExt) {
    throw new ImportError(path, { key: 'import.mislabelled', params: { format: byExt.label } });
  }
  throw new ImportError(path, { key: 'import.unknownFormat', params: { formats: IMPORTERS.map((i) => i.label).join('; ') } });
}
