/**
 * What every file reader produces: a list of features with WGS84 geometry and raw attributes,
 * whatever the format. Product modules (products/*.ts) interpret the attributes.
 */
import { basename } from 'node:path';
import type { Geometry } from 'geojson';
import { geometryToWgs84 } from '../../formats/crs';
import type { FileLayer } from '../../formats/layer';

export interface RawFeature {
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface RawLayer {
  /** The file read (for messages). */
  file: string;
  /** Layer name: the GeoJSON `name` member, else the file name without extension. */
  name: string;
  features: RawFeature[];
}

export type LayerReader = (path: string) => Promise<RawLayer>;

/** A layer from the shared format readers, its geometry taken to WGS84 (the readers' one CRS policy). */
export function inWgs84(layer: FileLayer): RawLayer {
  const features = layer.features.map((f) => ({
    geometry: f.geometry ? geometryToWgs84(f.geometry as Geometry, layer.crs) : null,
    properties: f.properties,
  }));
  return { file: basename(layer.path), name: layer.name, features };
}
