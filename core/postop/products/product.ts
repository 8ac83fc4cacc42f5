/**
 * What a product module makes of one file: damage records (normalised class, raw value, date) or a
 * footprint (the area that was looked at), tagged with the product key and version that decide
 * replacement: a newer version of the same product replaces the older one, it never adds to it.
 */
import type { Geometry, Polygon, MultiPolygon } from 'geojson';
import type { DamageClass } from '../damage-classes';
import type { RawLayer } from '../formats/layer';

export interface DamageRecord {
  featureKey: string;
  geometry: Geometry;
  /** Point used for footprint tests and the R*Tree: the point itself or the polygon's centroid. */
  lonLat: [number, number];
  damageClass: DamageClass;
  rawValue: string;
  /** The attribute the class was read from. */
  classField: string;
  sensorDate: string | null;
  properties: Record<string, unknown>;
}

export interface ProductLayer {
  file: string;
  /** Product key, e.g. "EMSR517_AOI15_GRA" or "UNOSAT_CE20130604SYR". */
  product: string;
  /** Sortable version: a later string is a newer delivery of the same product. */
  version: string;
  /** Human version, e.g. "MONIT01 r1 v3". */
  versionLabel: string;
  /** Provider and product name for the observations' `source` column. */
  source: string;
  layer: string;
  role: 'damage' | 'footprint' | 'ignored';
  records: DamageRecord[];
  footprint: (Polygon | MultiPolygon)[];
  skipped: Map<string, number>;
}

export interface ProductModule {
  name: string;
  /** True when this module recognises the layer. */
  detect(layer: RawLayer): boolean;
  interpret(layer: RawLayer, opts: { sensorDate?: string | null }): ProductLayer;
}

export function addSkip(map: Map<string, number>, reason: string, n = 1): void {
  map.set(reason, (map.get(reason) ?? 0) + n);
}
