/**
 * A basemap feature in the Protomaps basemap layer schema (docs.protomaps.com/basemaps/layers):
 * a source layer, a `kind`, the zoom it first shows at, and its names. `@protomaps/basemaps`
 * styles these tiles without change.
 */
import type { Geometry } from 'geojson';

export const BASEMAP_LAYERS = ['earth', 'water', 'landuse', 'roads', 'buildings', 'places'] as const;
export type BasemapLayer = (typeof BASEMAP_LAYERS)[number];

/** Tiles are built up to this zoom; maplibre overzooms above it. */
export const BASEMAP_MAX_ZOOM = 14;

export type BasemapProps = Record<string, string | number | boolean>;

export interface BasemapFeature {
  layer: BasemapLayer;
  minZoom: number;
  /** kind, kind_detail, name, name:xx, is_bridge, is_tunnel, is_link ... */
  properties: BasemapProps;
  geometry: Geometry;
}
