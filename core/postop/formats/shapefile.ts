/** ESRI shapefile through the one shapefile reader (core/formats/shapefile.ts), taken to WGS84. */
import { readShapefile as readFile } from '../../formats/shapefile';
import { inWgs84, type RawLayer } from './layer';

export async function readShapefile(path: string): Promise<RawLayer> {
  return inWgs84(await readFile(path, 'damage classes'));
}
