/**
 * The basemap step of an import or of the training city: store the new features (if any source
 * brought some) and drop the dataset's tiles, since its buildings may have changed too; tiles are
 * built again as the map asks for them (tiler.ts, datasetTile). Call inside the transaction that
 * writes the dataset.
 */
import type { Db } from '../store/db';
import { clearTiles, hasBasemapFeatures, replaceBasemapFeatures } from '../store/tiles';
import type { BasemapFeature } from './feature';

export function writeBasemap(db: Db, datasetId: number, features: BasemapFeature[] | null): void {
  if (features?.length) replaceBasemapFeatures(db, datasetId, features);
  clearTiles(db, datasetId);
}

/**
 * Stores the basemap features of a dataset stored without them (a database from before basemaps,
 * a scenario package), if `features` gives any. Its buildings are drawn in any case.
 * Returns whether it stored anything.
 */
export function ensureBasemapFeatures(db: Db, datasetId: number, features: () => BasemapFeature[] | null): boolean {
  if (hasBasemapFeatures(db, datasetId)) return false;
  const list = features();
  if (!list?.length) return false;
  db.transaction(() => writeBasemap(db, datasetId, list))();
  return true;
}
