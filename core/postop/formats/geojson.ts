/** GeoJSON through the one GeoJSON reader (core/formats/geojson.ts), taken to WGS84. */
import { readFile } from 'node:fs/promises';
import { parseGeoJson } from '../../formats/geojson';
import { inWgs84, type RawLayer } from './layer';

export async function readGeoJson(path: string): Promise<RawLayer> {
  return inWgs84(parseGeoJson(await readFile(path, 'utf8'), path));
}
