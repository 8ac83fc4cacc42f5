/** GeoJSON as the API sends it to the map: WGS84 geometry (the model's schemas) and flat properties. */
import { z } from 'zod';
import { MultiPolygonGeometry, PointGeometry, PolygonGeometry, Position } from './dataset';

export const LineStringGeometry = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) });
export const MapGeometry = z.union([PointGeometry, LineStringGeometry, PolygonGeometry, MultiPolygonGeometry]);

/** Map styling reads scalar properties only. */
const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const MapFeature = z.object({ type: z.literal('Feature'), geometry: MapGeometry, properties: z.record(z.string(), PropertyValue) });
export const MapFeatureCollection = z.object({ type: z.literal('FeatureCollection'), features: z.array(MapFeature) });
export type MapFeature = z.infer<typeof MapFeature>;
export type MapFeatureCollection = z.infer<typeof MapFeatureCollection>;
