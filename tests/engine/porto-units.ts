/**
 * Porto's census polygons (INE BGRI 2021, ../shared/data) through the project's importer into a
 * temporary store, prepared for the engine: shared by the polygon test and the PostGIS benchmark.
 */
import { importFiles } from '../../core/import/pipeline';
import { loadDataset } from '../../core/store/datasets';
import type { DatasetBundle } from '../../core/model/dataset';
import { population, tempDir, tempStore } from '../import/helpers';

export const PORTO_CENSUS = population('porto-ine-bgri2021-1312.gpkg');

/** The census units alone (no OSM buildings, so every unit is counted by its share of area). */
export async function importPortoCensus(): Promise<DatasetBundle> {
  const tmp = tempDir('uia-porto-');
  const db = tempStore(tmp.dir);
  try {
    const report = await importFiles(db, [PORTO_CENSUS], { dataset: 'Porto census' });
    return loadDataset(db, report.datasetId);
  } finally { db.close(); tmp.cleanup(); }
}
