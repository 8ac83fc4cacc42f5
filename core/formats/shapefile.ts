/**
 * ESRI shapefile (.shp + .dbf beside it, .prj for the CRS, optional .cpg for the encoding). One CRS
 * policy for every reader: a shapefile without a .prj has no known CRS and is refused, never guessed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Cancelled } from '../model/errors';
import { crsFromWkt } from './crs';
import { FileError } from './file-error';
import type { FileFeature, FileLayer, ReadOptions } from './layer';

/** The file beside `path` with extension `ext` (either case), or null. */
export function sibling(path: string, ext: string): string | null {
  const stem = path.slice(0, path.length - extname(path).length);
  for (const e of [ext, ext.toUpperCase()]) if (existsSync(stem + e)) return stem + e;
  return null;
}

/** `.cpg` content to an encoding name TextDecoder knows ("UTF8" -> "utf-8"); utf-8 without one. */
function encodingOf(cpg: string | null): string {
  if (!cpg) return 'utf-8';
  return readFileSync(cpg, 'utf8').trim().toLowerCase().replace(/^utf-?8$/, 'utf-8') || 'utf-8';
}

/**
 * All features of a shapefile, geometry in the CRS of its .prj. `attributesFor` says in the refusal
 * what the .dbf's attributes were needed for ("residents", "damage classes").
 */
export async function readShapefile(path: string, attributesFor: 'residents' | 'damage classes', opts: ReadOptions = {}): Promise<FileLayer> {
  const prj = sibling(path, '.prj');
  if (!prj) throw new FileError(path, { key: 'import.noPrj' });
  const crs = crsFromWkt(readFileSync(prj, 'utf8'), path);
  const dbf = sibling(path, '.dbf');
  if (!dbf) throw new FileError(path, { key: attributesFor === 'residents' ? 'import.noDbfResidents' : 'import.noDbfDamage' });
  const size = statSync(path).size + statSync(dbf).size;
  const features: FileFeature[] = [];
  try {
    // loaded here, not with the module: `shapefile` brings the Encoding polyfill's 517 KB of code-page
    // tables, which every backend start would otherwise parse (the API's handlers reach this module)
    const shp = await import('shapefile');
    const source = await shp.open(path, dbf, { encoding: encodingOf(sibling(path, '.cpg')) });
    for (;;) {
      opts.checkCancelled?.();
      const r = await source.read();
      if (r.done) break;
      features.push({ geometry: r.value.geometry, properties: r.value.properties ?? {} });
      if (features.length % 500 === 0) opts.onProgress?.(features.length, Math.min(size, features.length * 500), size);
    }
  } catch (e) {
    if (e instanceof Cancelled) throw e;
    throw new FileError(path, { key: 'import.corruptShapefile', params: { detail: (e as Error).message } });
  }
  opts.onProgress?.(features.length, size, size);
  return { path, name: basename(path, extname(path)), crs, features };
}
