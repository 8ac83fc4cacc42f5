/**
 * What every file reader produces: a list of features with WGS84 geometry and raw attributes,
 * whatever the format. Product modules (products/*.ts) interpret the attributes.
 */
import type { Geometry } from 'geojson';

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
