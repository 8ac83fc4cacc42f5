/**
 * Zone rings for the map, from the one zone definition in core/geometry (the same metric buffers
 * the assessment uses), in lon/lat.
 */
import type { Feature, Polygon } from 'geojson';
import { buildZones, zoneRingsLonLat } from '../../core/geometry/zone-rings';
import type { PolygonGeometry } from '../../core/model/dataset';

export function zoneFeatures(areas: { id: string; geometry: PolygonGeometry; edgesM: number[] }[]) {
  const features: Feature<Polygon>[] = [];
  for (const a of areas) {
    if (a.edgesM.length < 2) continue;
    // Outermost first so inner rings draw on top.
    for (const r of zoneRingsLonLat(buildZones(a.geometry, a.edgesM))) {
      features.push({ type: 'Feature', geometry: r.geometry, properties: { areaId: a.id, zone: r.zone, outerEdgeM: r.outerEdgeM } });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}
