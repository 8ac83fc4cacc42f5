/** Bounding boxes in lon/lat: of a geometry, grown by metres, tested for overlap. */
import type { Geometry, Position } from 'geojson';
import type { AnyFeatureGeometry } from '../model/dataset';

/** [west, south, east, north], degrees. */
export type BBox = [number, number, number, number];

/** Bounding box of any geometry; [Infinity, Infinity, -Infinity, -Infinity] when it has no position. */
export function bboxOf(g: Geometry | AnyFeatureGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  extendBox(box, g as Geometry);
  return box;
}

// Plain loops, no callbacks: prepareCity takes the box of every building.
function extendBox(b: BBox, g: Geometry): void {
  const add = (line: Position[]) => {
    for (const p of line) {
      if (p[0] < b[0]) b[0] = p[0]; if (p[0] > b[2]) b[2] = p[0]; if (p[1] < b[1]) b[1] = p[1]; if (p[1] > b[3]) b[3] = p[1];
    }
  };
  switch (g.type) {
    case 'Point': add([g.coordinates]); break;
    case 'MultiPoint': case 'LineString': add(g.coordinates); break;
    case 'MultiLineString': case 'Polygon': for (const l of g.coordinates) add(l); break;
    case 'MultiPolygon': for (const poly of g.coordinates) for (const r of poly) add(r); break;
    case 'GeometryCollection': for (const c of g.geometries) extendBox(b, c); break;
  }
}

/** Whether two boxes share any point (touching counts). */
export function boxesMeet(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** A box grown by `m` metres on every side (degrees per metre at the box's mid latitude, at least cos 87°). */
export function growBox(box: BBox, m: number): BBox {
  const dLat = m / 111_320;
  const dLon = m / (111_320 * Math.max(0.05, Math.cos(((box[1] + box[3]) / 2) * Math.PI / 180)));
  return [box[0] - dLon, box[1] - dLat, box[2] + dLon, box[3] + dLat];
}

/** The smallest box holding all of `boxes`. */
export function unionBox(boxes: BBox[]): BBox {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

export const inBox = ([x, y]: [number, number], b: BBox): boolean => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
