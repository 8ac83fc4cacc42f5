/** The one registry that picks a reader by extension (and, for .json, by content). */
import { extname, basename } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { PostopError } from '../errors';
import { readCsv } from './csv';
import { readGeoJson } from './geojson';
import type { LayerReader, RawLayer } from './layer';
import { readShapefile } from './shapefile';

const READERS: Record<string, LayerReader> = {
  '.geojson': readGeoJson,
  '.json': readGeoJson,
  '.shp': readShapefile,
  '.csv': readCsv,
};

export async function readLayer(path: string): Promise<RawLayer> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new PostopError(`${path}: no such file`);
  const reader = READERS[extname(path).toLowerCase()];
  if (!reader) throw new PostopError(`${basename(path)}: unsupported file type (use GeoJSON, shapefile .shp or CSV)`);
  return reader(path);
}
export type { RawLayer, RawFeature } from './layer';
