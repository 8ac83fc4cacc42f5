/**
 * Zone rings for the map, from the engine's own zone builder (one definition of a zone: the same
 * metric buffers the assessment uses), converted back from local metres to lon/lat.
 */
import type { Feature, Polygon } from 'geojson';
import { buildZones } from '../../core/engine/zones';
import type { PolygonGeometry } from '../../core/model/dataset';

export function zoneFeatures(areas: { id: string; geometry: PolygonGeometry; edgesM: number[] }[]) {
  const features: Feature<Polygon>[] = [];
  for (const a of areas) {
    if (a.edgesM.length < 2) continue;
    const z = buildZones(a.geometry, a.edgesM);
    // Outermost first so inner rings draw on top.
    for (let k = z.polygons.length - 1; k >= 1; k--) {
      const coordinates = z.polygons[k]!.rings.map((r) => {
        const ring: [number, number][] = [];
        for (let i = 0; i < r.length; i += 2) ring.push([z.proj.lon0 + r[i]! / z.proj.kx, z.proj.lat0 + r[i + 1]! / z.proj.ky]);
        return ring;
      });
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates }, properties: { areaId: a.id, zone: k, outerEdgeM: z.edges[k] } });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}
