/**
 * Vector tiles of a dataset's basemap, z0-14, built from the store one tile at a time: each tile
 * from the rows the R*Tree finds in its (buffered) box that show at its zoom, buildings from z13.
 * A tile is built when the map first asks for it (`datasetTile`) and kept in the store, as a tile
 * server builds tiles from its database: an import stores features, not tiles, so it does not pay
 * for tiles of zooms and places nobody looks at (issue 11: Porto's 0.7 s of tiling left the import).
 * `buildBasemapTiles` builds them all at once (benchmarks, and a check that both ways give the same
 * bytes): a z13 tile's rows also serve its four z14 tiles there, so memory is bounded by the largest
 * z13 tile, never the whole city. Clipping and simplification by @maplibre/geojson-vt
 * (geoJSONToTile), encoding by @maplibre/vt-pbf. Synchronous.
 */
import { geoJSONToTile, type GeoJSONToTileOptions, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Db } from '../store/db';
import { ParsedFeatures, basemapExtent, basemapFeaturesIn, buildingsIn, clearTiles, readTile, tileWriter, type IndexedFeature, type StoredFeature } from '../store/tiles';
import type { BBox } from '../geometry/bbox';
import { BASEMAP_MAX_ZOOM } from './feature';
import { BUILDINGS_MIN_ZOOM } from './osm-rules';

const EXTENT = 4096;
const BUFFER = 64;
const OPTIONS: GeoJSONToTileOptions = { maxZoom: BASEMAP_MAX_ZOOM, extent: EXTENT, buffer: BUFFER, tolerance: 3, clip: true };

export const lonToX = (lon: number, z: number) => Math.min(2 ** z - 1, Math.max(0, Math.floor(((lon + 180) / 360) * 2 ** z)));
export const latToY = (lat: number, z: number) => {
  const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return Math.min(2 ** z - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)));
};
const xToLon = (x: number, z: number) => (x / 2 ** z) * 360 - 180;
const yToLat = (y: number, z: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI;

/** A tile's box, widened by the tile buffer so features just outside still reach its edge. */
export function tileBox(z: number, x: number, y: number, buffer = BUFFER / EXTENT): BBox {
  const w = xToLon(x - buffer, z), e = xToLon(x + 1 + buffer, z);
  return [w, yToLat(y + 1 + buffer, z), e, yToLat(y - buffer, z)];
}

export interface TilingProgress { done: number; total: number }
export interface TilingReport { tiles: number; bytes: number; durationMs: number }

/** The MVT bytes of one tile from the features found for it, one MVT layer per source layer; null if empty. */
function encode(features: Iterable<StoredFeature>, z: number, x: number, y: number): Uint8Array<ArrayBuffer> | null {
  const byLayer = new Map<string, GeoJSON.Feature[]>();
  for (const f of features) {
    let list = byLayer.get(f.layer);
    if (!list) byLayer.set(f.layer, (list = []));
    list.push({ type: 'Feature', properties: f.properties, geometry: f.geometry });
  }
  const layers: Record<string, GeoJSONVTTile> = {};
  let any = false;
  for (const [name, list] of byLayer) {
    const tile = geoJSONToTile({ type: 'FeatureCollection', features: list }, z, x, y, OPTIONS);
    if (!tile?.features.length) continue;
    layers[name] = tile;
    any = true;
  }
  // pbf writes into an ArrayBuffer of its own (never shared memory)
  return any ? fromGeojsonVt(layers, { version: 2, extent: EXTENT }) as Uint8Array<ArrayBuffer> : null;
}

/** What the R*Tree holds for a tile's box: basemap features showing by `maxMinZoom`, then buildings from their zoom. */
function storedRowsIn(db: Db, datasetId: number, box: BBox, maxMinZoom: number, parsed?: ParsedFeatures): Iterable<IndexedFeature> {
  const found = basemapFeaturesIn(db, datasetId, box, maxMinZoom, parsed);
  return maxMinZoom >= BUILDINGS_MIN_ZOOM ? concat(found, buildingsIn(db, datasetId, box, BUILDINGS_MIN_ZOOM)) : found;
}

/**
 * One tile of a dataset's basemap: the stored bytes, or else built from the stored features and
 * buildings and kept (null where it has nothing, e.g. outside the dataset or above z14; an empty
 * tile is not kept: finding nothing costs one R*Tree query). The same bytes as the whole build's.
 * Keeping it is best effort: a store that cannot be written (read-only, locked) still gets its tile.
 */
export function datasetTile(db: Db, datasetId: number, z: number, x: number, y: number): Uint8Array<ArrayBuffer> | null {
  const stored = readTile(db, datasetId, z, x, y);
  if (stored || z > BASEMAP_MAX_ZOOM) return stored;
  const data = encode(storedRowsIn(db, datasetId, tileBox(z, x, y), z), z, x, y);
  if (data) {
    try { tileWriter(db, datasetId)(z, x, y, data); } catch { /* served without keeping it */ }
  }
  return data;
}

/** Every tile z0-14 over the dataset's extent, each from the rows the R*Tree finds in it. */
export function buildBasemapTiles(db: Db, datasetId: number, onProgress?: (p: TilingProgress) => void): TilingReport {
  const started = Date.now();
  clearTiles(db, datasetId);
  const extent = basemapExtent(db, datasetId);
  const report: TilingReport = { tiles: 0, bytes: 0, durationMs: 0 };
  if (!extent) return report;
  const put = tileWriter(db, datasetId);
  const [w, s, e, n] = extent;
  const ranges = Array.from({ length: BASEMAP_MAX_ZOOM + 1 }, (_, z) => ({ z, x0: lonToX(w, z), x1: lonToX(e, z), y0: latToY(n, z), y1: latToY(s, z) }));
  const total = ranges.reduce((sum, r) => sum + (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1), 0);
  let done = 0;
  const tile = (z: number, x: number, y: number, features: Iterable<StoredFeature>) => {
    const data = encode(features, z, x, y);
    if (data) {
      put(z, x, y, data);
      report.tiles++;
      report.bytes += data.byteLength;
    }
    if (++done % 16 === 0 || done === total) onProgress?.({ done, total });
  };
  const parsed = new ParsedFeatures();
  const rowsIn = (box: BBox, maxMinZoom: number) => storedRowsIn(db, datasetId, box, maxMinZoom, parsed);
  // The zoom before the last reads each tile's rows once, for itself and its four children: every
  // child's buffered box lies inside its parent's, and the rows a child's query would find are
  // exactly the parent's rows whose stored box meets the child's, in the same order.
  const parentZoom = BASEMAP_MAX_ZOOM - 1;
  const last = ranges[BASEMAP_MAX_ZOOM]!;
  for (const { z, x0, x1, y0, y1 } of ranges.slice(0, parentZoom)) {
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tile(z, x, y, rowsIn(tileBox(z, x, y), z));
  }
  const { x0, x1, y0, y1 } = ranges[parentZoom]!;
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) {
      const rows = [...rowsIn(tileBox(parentZoom, x, y), BASEMAP_MAX_ZOOM)];
      tile(parentZoom, x, y, rows.filter((r) => r.minZoom <= parentZoom));
      for (let cx = 2 * x; cx <= 2 * x + 1; cx++) {
        for (let cy = 2 * y; cy <= 2 * y + 1; cy++) {
          if (cx < last.x0 || cx > last.x1 || cy < last.y0 || cy > last.y1) continue;
          tile(BASEMAP_MAX_ZOOM, cx, cy, rows.filter((r) => meets(r.box, tileBox(BASEMAP_MAX_ZOOM, cx, cy))));
        }
      }
    }
  }
  report.durationMs = Date.now() - started;
  return report;
}

/** The R*Tree's own test (box edges touching count). */
const meets = ([w, s, e, n]: BBox, [bw, bs, be, bn]: BBox) => e >= bw && w <= be && n >= bs && s <= bn;

function* concat<T>(...parts: Iterable<T>[]): Generator<T> {
  for (const p of parts) yield* p;
}
