/**
 * The basemap step of an import or of the training city: store the new features (if any source
 * brought some) and rebuild the dataset's tiles, since its buildings may have changed too.
 * Call inside the transaction that writes the dataset.
 */
import type { Db } from '../store/db';
import { hasBasemapFeatures, replaceBasemapFeatures } from '../store/tiles';
import type { BasemapFeature } from './feature';
import { buildBasemapTiles, type TilingProgress, type TilingReport } from './tiler';

export function writeBasemap(db: Db, datasetId: number, features: BasemapFeature[] | null, onProgress?: (p: TilingProgress) => void): TilingReport {
  if (features?.length) replaceBasemapFeatures(db, datasetId, features);
  return buildBasemapTiles(db, datasetId, onProgress);
}

/**
 * Builds the tiles of a dataset stored without them (a database from before basemaps, a scenario
 * package): its buildings and whatever basemap features it has, plus `features` if given.
 * Returns whether it built anything.
 */
export function ensureBasemap(db: Db, datasetId: number, features: () => BasemapFeature[] | null): boolean {
  if (db.prepare('SELECT 1 FROM basemap_tiles WHERE dataset_id = ? LIMIT 1').get(datasetId)) return false;
  db.transaction(() => writeBasemap(db, datasetId, hasBasemapFeatures(db, datasetId) ? null : features()))();
  return true;
}
