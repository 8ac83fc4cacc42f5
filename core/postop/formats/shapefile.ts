/**
 * ESRI shapefile (.shp + .dbf, optional .prj and .cpg). A projected .prj is reprojected to WGS84
 * with proj4; without a .prj the coordinates must already be longitude/latitude.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import * as shapefile from 'shapefile';
import proj4 from 'proj4';
import type { Geometry, Position } from 'geojson';
import { PostopError } from '../errors';
import type { RawLayer } from './layer';

const sibling = (path: string, ext: string): string | null => {
  const stem = path.slice(0, -extname(path).length);
  for (const e of [ext, ext.toUpperCase()]) if (existsSync(stem + e)) return stem + e;
  return null;
};

export async function readShapefile(path: string): Promise<RawLayer> {
  const file = basename(path);
  const dbf = sibling(path, '.dbf');
  if (!dbf) throw new PostopError(`${file}: the .dbf file beside it is missing (attributes are needed for damage classes)`);
  const prj = sibling(path, '.prj');
  const cpg = sibling(path, '.cpg');
  const encoding = cpg ? readFileSync(cpg, 'utf8').trim().toLowerCase().replace(/^utf-?8$/, 'utf-8') : 'utf-8';
  let project: ((p: Position) => Position) | null = null;
  if (prj) {
    const wkt = readFileSync(prj, 'utf8').trim();
    if (/^PROJCS/i.test(wkt)) {
      try {
        const t = proj4(wkt, 'WGS84');
        project = (p) => t.forward([p[0]!, p[1]!]);
      } catch (e) {
        throw new PostopError(`${file}: cannot read its projection (.prj): ${(e as Error).message}`);
      }
    } else if (!/^GEOGCS/i.test(wkt)) {
      throw new PostopError(`${file}: unrecognised .prj (neither GEOGCS nor PROJCS)`);
    }
  }
  let fc: { features: { geometry: Geometry | null; properties: Record<string, unknown> | null }[] };
  try {
    fc = await shapefile.read(path, dbf, { encoding }) as never;
  } catch (e) {
    throw new PostopError(`${file}: not a readable shapefile (${(e as Error).message})`);
  }
  const features = fc.features.map((f) => ({
    geometry: f.geometry && project ? mapPositions(f.geometry, project) : f.geometry,
    properties: f.properties ?? {},
  }));
  return { file, name: basename(path, extname(path)), features };
}

function mapPositions(g: Geometry, fn: (p: Position) => Position): Geometry {
  const deep = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? fn(c as Position) : (c as unknown[]).map(deep));
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map((x) => mapPositions(x, fn)) };
  return { ...g, coordinates: deep(g.coordinates) } as Geometry;
}
