/**
 * Vector tiles of a dataset's basemap, z0-14, built from the store block by block: zooms below
 * the block zoom from the features that show there (few: big roads, water, places), and each
 * block (one tile of the block zoom) from what the R*Tree finds in it, buildings included, so
 * the city is never held in memory whole. Tiling by @maplibre/geojson-vt, encoding by
 * @maplibre/vt-pbf. Synchronous: it runs inside the caller's transaction.
 */
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Db } from '../store/db';
import { basemapExtent, basemapFeaturesIn, buildingsIn, clearTiles, tileWriter, type BBox, type StoredFeature } from '../store/tiles';
import { BASEMAP_MAX_ZOOM } from './feature';
import { BLOCK_ZOOM, BUILDINGS_MIN_ZOOM } from './osm-rules';

const EXTENT = 4096;
const BUFFER = 64;

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
export interface TilingReport { tiles: number; bytes: number; blocks: number; durationMs: number }

/** One geojson-vt index per source layer, so each tile encodes as named MVT layers. */
function indexByLayer(features: Iterable<StoredFeature>, indexMaxZoom: number): Map<string, GeoJSONVT> {
  const byLayer = new Map<string, GeoJSON.Feature[]>();
  for (const f of features) {
    let list = byLayer.get(f.layer);
    if (!list) byLayer.set(f.layer, (list = []));
    list.push({ type: 'Feature', properties: f.properties, geometry: f.geometry });
  }
  const out = new Map<string, GeoJSONVT>();
  for (const [layer, list] of byLayer) {
    out.set(layer, new GeoJSONVT({ type: 'FeatureCollection', features: list }, { maxZoom: BASEMAP_MAX_ZOOM, indexMaxZoom, indexMaxPoints: 0, extent: EXTENT, buffer: BUFFER, tolerance: 3 }));
  }
  return out;
}

/** The MVT bytes of one tile from the indexes, keeping only features that show at z; null if empty. */
function encode(indexes: Map<string, GeoJSONVT>, z: number, x: number, y: number): Uint8Array | null {
  const layers: Record<string, GeoJSONVTTile> = {};
  let any = false;
  for (const [name, index] of indexes) {
    const tile = index.getTile(z, x, y);
    if (!tile) continue;
    const features = tile.features.filter((f) => Number((f.tags as Record<string, unknown> | null)?.min_zoom ?? 0) <= z);
    if (!features.length) continue;
    layers[name] = { ...tile, features } as GeoJSONVTTile;
    any = true;
  }
  return any ? fromGeojsonVt(layers, { version: 2, extent: EXTENT }) : null;
}

export function buildBasemapTiles(db: Db, datasetId: number, onProgress?: (p: TilingProgress) => void): TilingReport {
  const started = Date.now();
  clearTiles(db, datasetId);
  const extent = basemapExtent(db, datasetId);
  const report: TilingReport = { tiles: 0, bytes: 0, blocks: 0, durationMs: 0 };
  if (!extent) return report;
  const put = tileWriter(db, datasetId);
  const store = (z: number, x: number, y: number, data: Uint8Array | null) => {
    if (!data) return;
    put(z, x, y, data);
    report.tiles++;
    report.bytes += data.byteLength;
  };
  const [w, s, e, n] = extent;
  const bx0 = lonToX(w, BLOCK_ZOOM), bx1 = lonToX(e, BLOCK_ZOOM), by0 = latToY(n, BLOCK_ZOOM), by1 = latToY(s, BLOCK_ZOOM);
  const total = (bx1 - bx0 + 1) * (by1 - by0 + 1) + 1;

  // 1. zooms 0 .. BLOCK_ZOOM-1: only features that show there
  {
    const low = indexByLayer(basemapFeaturesIn(db, datasetId, extent, BLOCK_ZOOM - 1), 5);
    for (let z = 0; z < BLOCK_ZOOM; z++) {
      for (let x = lonToX(w, z); x <= lonToX(e, z); x++) for (let y = latToY(n, z); y <= latToY(s, z); y++) store(z, x, y, encode(low, z, x, y));
    }
    onProgress?.({ done: 1, total });
  }
  // 2. one block at a time: everything inside it, buildings included
  let done = 1;
  for (let bx = bx0; bx <= bx1; bx++) {
    for (let by = by0; by <= by1; by++) {
      const box = tileBox(BLOCK_ZOOM, bx, by);
      const features = [...basemapFeaturesIn(db, datasetId, box, BASEMAP_MAX_ZOOM), ...buildingsIn(db, datasetId, box, BUILDINGS_MIN_ZOOM)];
      if (features.length) {
        report.blocks++;
        const indexes = indexByLayer(features, BLOCK_ZOOM);
        features.length = 0;
        for (let z = BLOCK_ZOOM; z <= BASEMAP_MAX_ZOOM; z++) {
          const d = 2 ** (z - BLOCK_ZOOM);
          for (let x = bx * d; x < (bx + 1) * d; x++) for (let y = by * d; y < (by + 1) * d; y++) store(z, x, y, encode(indexes, z, x, y));
        }
      }
      onProgress?.({ done: ++done, total });
    }
  }
  report.durationMs = Date.now() - started;
  return report;
}
