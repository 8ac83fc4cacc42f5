/** GeoJSON as the API sends it to the map: WGS84 geometry (the model's schemas) and flat properties. */
import * as z from 'zod';
import type { Geometry as GeoJsonGeometryType } from 'geojson';
import { MultiPolygonGeometry, PointGeometry, PolygonGeometry, Position } from './dataset';

export const LineStringGeometry = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) });
export const MapGeometry = z.union([PointGeometry, LineStringGeometry, PolygonGeometry, MultiPolygonGeometry]);

/** Map styling reads scalar properties only. */
const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const MapFeature = z.object({ type: z.literal('Feature'), geometry: MapGeometry, properties: z.record(z.string(), PropertyValue) });
export const MapFeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(MapFeature) });
export type MapFeature = z.infer<typeof MapFeature>;
export type MapFeatureCollection = z.infer<typeof MapFeatureCollection>;

/** Points with properties of one known shape (e.g. the comparison's outcome map). */
export function pointCollection<P extends z.ZodType>(properties: P) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(z.object({ type: z.literal('Feature'), geometry: PointGeometry, properties })) });
}

/** Any GeoJSON geometry (RFC 7946), as stored with an imported observation. */
export const GeoJsonGeometry: z.ZodType<GeoJsonGeometryType> = z.lazy(() => z.union([
  PointGeometry, LineStringGeometry, PolygonGeometry, MultiPolygonGeometry,
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position).min(2)) }),
  z.object({ type: z.literal('GeometryCollection'), geometries: z.array(GeoJsonGeometry) }),
]));
