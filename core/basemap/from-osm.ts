/**
 * Basemap features from a parsed OSM extract: roads and railways, rivers (lines), water and parks
 * (closed ways and multipolygon relations, so a river mapped as an area is drawn as one), land
 * use, place names, the land ("earth") of the extract's extent and the sea from its coastlines.
 */
import type { Geometry } from 'geojson';
import { areaClass, areaMinZoom, lineClass, placeClass, type Classified } from './osm-rules';
import type { BasemapFeature } from './feature';
import { seaPolygons } from './coastline';

type Pos = [number, number];
type Tags = Record<string, string>;

export interface ParsedOsm {
  /** [west, south, east, north] of the extract's nodes, null if it has none. */
  extent: [number, number, number, number] | null;
  nodes: { id: number; lat: number; lon: number; tags?: Tags }[];
  ways: { id: number; refs: number[]; tags?: Tags }[];
  relations: { id: number; members: { type: string; ref: number; role: string }[]; tags?: Tags }[];
  wayCoords(wayId: number): Pos[] | null;
  /** The multipolygon assembler the building importer uses. */
  multipolygon(r: ParsedOsm['relations'][number]): { geometry: Geometry } | { skip: string };
}

function extentDeg(g: Geometry): number {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as Pos;
      if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
    } else for (const d of c as unknown[]) visit(d);
  };
  visit((g as { coordinates: unknown }).coordinates);
  return Math.max(e - w, n - s);
}

const feature = (c: Classified, geometry: Geometry): BasemapFeature => ({
  layer: c.layer, minZoom: c.minZoom ?? areaMinZoom(extentDeg(geometry)), geometry,
  properties: { ...c.properties, min_zoom: c.minZoom ?? areaMinZoom(extentDeg(geometry)) },
});

export function basemapFromOsm(osm: ParsedOsm, skip: (reason: string) => void): BasemapFeature[] {
  const out: BasemapFeature[] = [];
  const coastlines: Pos[][] = [];
  for (const n of osm.nodes) {
    const c = n.tags && placeClass(n.tags);
    if (c) out.push(feature(c, { type: 'Point', coordinates: [n.lon, n.lat] }));
  }
  for (const w of osm.ways) {
    if (!w.tags) continue;
    if (w.tags.natural === 'coastline') { const pts = osm.wayCoords(w.id); if (pts) coastlines.push(pts); }
    const closed = w.refs.length >= 4 && w.refs[0] === w.refs[w.refs.length - 1];
    const area = closed ? areaClass(w.tags) : undefined;
    const line = area ? undefined : lineClass(w.tags);
    if (!area && !line) continue;
    const pts = osm.wayCoords(w.id);
    if (!pts || pts.length < 2) { skip('basemap ways with missing nodes'); continue; }
    out.push(area ? feature(area, { type: 'Polygon', coordinates: [pts] }) : feature(line!, { type: 'LineString', coordinates: pts }));
  }
  for (const r of osm.relations) {
    if (r.tags?.type !== 'multipolygon') continue;
    const c = areaClass(r.tags);
    if (!c) continue;
    const m = osm.multipolygon(r);
    if ('skip' in m) { skip(`basemap ${m.skip}`); continue; }
    out.push(feature(c, m.geometry));
  }
  // Land under everything: the extract's extent; the sea on top of it where the extract has a coastline.
  const [w, s, e, n] = osm.extent ?? [0, 0, 0, 0];
  if (w < e && s < n) {
    out.push(earthOf([w, s, e, n]));
    for (const sea of seaPolygons(coastlines, [w, s, e, n])) out.push({ layer: 'water', minZoom: 0, geometry: sea, properties: { kind: 'ocean', min_zoom: 0 } });
  }
  return out;
}

/** The "earth" (land) polygon of an extent. */
export function earthOf([w, s, e, n]: [number, number, number, number]): BasemapFeature {
  return { layer: 'earth', minZoom: 0, properties: { kind: 'earth', min_zoom: 0 }, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } };
}
