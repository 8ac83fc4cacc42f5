/**
 * The basemap step of an import or of the training city: store the new features (if any source
 * brought some) and rebuild the dataset's tiles, since its buildings may have changed too.
 * Call inside the transaction that writes the dataset.
 */
import type { Db } from '../store/db';
import { replaceBasemapFeatures } from '../store/tiles';
import type { BasemapFeature } from './feature';
import { buildBasemapTiles, type TilingProgress, type TilingReport } from './tiler';

export function writeBasemap(db: Db, datasetId: number, features: BasemapFeature[] | null, onProgress?: (p: TilingProgress) => void): TilingReport {
  if (features?.length) replaceBasemapFeatures(db, datasetId, features);
  return buildBasemapTiles(db, datasetId, onProgress);
}
