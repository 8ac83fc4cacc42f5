/**
 * The basemap in the store: its features (Protomaps layer schema, with an R*Tree for block
 * queries) and its vector tiles, one row per (dataset, z, x, y), y in the XYZ scheme.
 * Callers that write wrap these in the import's transaction.
 */
import type { Geometry } from 'geojson';
import { bboxOf, type BBox } from '../geometry/bbox';
import type { BasemapFeature, BasemapLayer, BasemapProps } from '../basemap/feature';
import type { Db } from './db';


export function replaceBasemapFeatures(db: Db, datasetId: number, features: Iterable<BasemapFeature>): number {
  db.prepare('DELETE FROM basemap_features WHERE dataset_id = ?').run(datasetId);
  const insert = db.prepare('INSERT INTO basemap_features (dataset_id, layer, min_zoom, properties, geometry) VALUES (?, ?, ?, ?, ?)');
  const box = db.prepare('INSERT INTO basemap_features_rtree (id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)');
  let n = 0;
  for (const f of features) {
    const id = insert.run(datasetId, f.layer, f.minZoom, JSON.stringify(f.properties), JSON.stringify(f.geometry)).lastInsertRowid;
    const [w, s, e, nn] = bboxOf(f.geometry);
    box.run(id, w, e, s, nn);
    n++;
  }
  return n;
}

export function hasBasemapFeatures(db: Db, datasetId: number): boolean {
  return db.prepare('SELECT 1 FROM basemap_features WHERE dataset_id = ? LIMIT 1').get(datasetId) !== undefined;
}

export interface StoredFeature { layer: BasemapLayer; properties: BasemapProps; geometry: Geometry }
/** A feature with the zoom it shows from and its box as the R*Tree holds it (float32, rounded outward). */
export interface IndexedFeature extends StoredFeature { minZoom: number; box: BBox }

type BoxRow = { min_x: number; min_y: number; max_x: number; max_y: number };
const boxOf = (r: BoxRow): BBox => [r.min_x, r.min_y, r.max_x, r.max_y];

/**
 * Parsed basemap features by row id, shared by the tiles of one build (a feature is read again at
 * every zoom from its own to the last): JSON.parse once, not once per tile. Holds at most `limit`.
 */
export class ParsedFeatures {
  private readonly byRow = new Map<number, { properties: BasemapProps; geometry: Geometry }>();
  constructor(private readonly limit = 50_000) {}
  get(row: number, properties: () => string, geometry: () => string): { properties: BasemapProps; geometry: Geometry } {
    let f = this.byRow.get(row);
    if (!f) {
      f = { properties: JSON.parse(properties()) as BasemapProps, geometry: JSON.parse(geometry()) as Geometry };
      if (this.byRow.size < this.limit) this.byRow.set(row, f);
    }
    return f;
  }
}

/**
 * Basemap features whose box meets `box` and that show at or below `maxMinZoom`, in row order, read
 * one row at a time. With `parsed`, a row's text is parsed once for all the calls that share it
 * (the parsed objects are shared too: callers only read them).
 */
export function* basemapFeaturesIn(db: Db, datasetId: number, [w, s, e, n]: BBox, maxMinZoom: number, parsed?: ParsedFeatures): Generator<IndexedFeature> {
  // CROSS JOIN keeps the R*Tree as the outer loop: otherwise SQLite walks every row of the dataset and looks each box up
  const rows = db.prepare(`SELECT f.id, f.layer, f.min_zoom, f.properties, f.geometry, r.min_x, r.min_y, r.max_x, r.max_y FROM basemap_features_rtree r CROSS JOIN basemap_features f ON f.id = r.id
    WHERE r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ? AND f.dataset_id = ? AND f.min_zoom <= ? ORDER BY f.id`)
    .iterate(w, e, s, n, datasetId, maxMinZoom) as Iterable<BoxRow & { id: number; layer: BasemapLayer; min_zoom: number; properties: string; geometry: string }>;
  for (const r of rows) {
    const f = parsed ? parsed.get(r.id, () => r.properties, () => r.geometry) : { properties: JSON.parse(r.properties) as BasemapProps, geometry: JSON.parse(r.geometry) as Geometry };
    yield { layer: r.layer, properties: f.properties, geometry: f.geometry, minZoom: r.min_zoom, box: boxOf(r) };
  }
}

/** The dataset's buildings whose box meets `box`, as basemap features (kind building, height from storeys), ordered by their id in the dataset. */
export function* buildingsIn(db: Db, datasetId: number, [w, s, e, n]: BBox, minZoom: number): Generator<IndexedFeature> {
  const rows = db.prepare(`SELECT b.geometry, b.use, b.storeys, r.min_x, r.min_y, r.max_x, r.max_y FROM buildings_rtree r CROSS JOIN buildings b ON b.id = r.id
    WHERE r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ? AND b.dataset_id = ? ORDER BY b.ext_id`)
    .iterate(w, e, s, n, datasetId) as Iterable<BoxRow & { geometry: string; use: string; storeys: number }>;
  for (const r of rows) {
    yield {
      layer: 'buildings', properties: { kind: 'building', use: r.use, storeys: r.storeys, min_zoom: minZoom },
      geometry: JSON.parse(r.geometry) as Geometry, minZoom, box: boxOf(r),
    };
  }
}

/** Extent of everything the basemap draws: its features and the dataset's buildings. */
export function basemapExtent(db: Db, datasetId: number): BBox | null {
  const r = db.prepare(`SELECT MIN(min_x) AS w, MIN(min_y) AS s, MAX(max_x) AS e, MAX(max_y) AS n FROM (
      SELECT r.* FROM basemap_features_rtree r JOIN basemap_features f ON f.id = r.id WHERE f.dataset_id = @id
      UNION ALL SELECT r.* FROM buildings_rtree r JOIN buildings b ON b.id = r.id WHERE b.dataset_id = @id)`).get({ id: datasetId }) as { w: number | null; s: number; e: number; n: number };
  return r.w === null ? null : [r.w, r.s, r.e, r.n];
}

export function clearTiles(db: Db, datasetId: number): void {
  db.prepare('DELETE FROM basemap_tiles WHERE dataset_id = ?').run(datasetId);
}

/** A writer for one dataset's tiles (prepared once). */
export function tileWriter(db: Db, datasetId: number): (z: number, x: number, y: number, data: Uint8Array) => void {
  const put = db.prepare('INSERT OR REPLACE INTO basemap_tiles (dataset_id, zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?, ?)');
  return (z, x, y, data) => { put.run(datasetId, z, x, y, data); };
}

/** One tile's bytes (gzip-free MVT), or null where the dataset has no tile. */
export function readTile(db: Db, datasetId: number, z: number, x: number, y: number): Uint8Array<ArrayBuffer> | null {
  const r = db.prepare('SELECT tile_data FROM basemap_tiles WHERE dataset_id = ? AND zoom_level = ? AND tile_column = ? AND tile_row = ?').get(datasetId, z, x, y) as { tile_data: Buffer } | undefined;
  return r ? new Uint8Array(r.tile_data) : null;
}

export function tileStats(db: Db, datasetId: number): { tiles: number; bytes: number; maxZoom: number | null } {
  const r = db.prepare('SELECT COUNT(*) AS tiles, COALESCE(SUM(LENGTH(tile_data)), 0) AS bytes, MAX(zoom_level) AS maxZoom FROM basemap_tiles WHERE dataset_id = ?').get(datasetId) as { tiles: number; bytes: number; maxZoom: number | null };
  return r;
}
