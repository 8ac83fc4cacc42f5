/**
 * Porto's census polygons (INE BGRI 2021, ../shared/data) through the project's importer into a
 * temporary store, prepared for the engine: shared by the polygon test and the PostGIS benchmark.
 */
import { importFiles } from '../../core/import/pipeline';
import { loadDataset } from '../../core/store/datasets';
import type { DatasetBundle, PolygonGeometry } from '../../core/model/dataset';
import type { Rng } from '../../core/engine/random';
import { localProjection } from '../../core/geometry/projection';
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

/** A random star-shaped area (convex when the radii are equal) of 3-10 vertices, 80-900 m across, inside the box. */
export function randomArea(rng: Rng, box: readonly [number, number, number, number]): PolygonGeometry {
  const lon = box[0] + (box[2] - box[0]) * (0.1 + 0.8 * rng.uniform()), lat = box[1] + (box[3] - box[1]) * (0.1 + 0.8 * rng.uniform());
  const p = localProjection(lon, lat);
  const n = 3 + Math.floor(rng.uniform() * 8), r = 40 + 410 * rng.uniform(), convex = rng.uniform() < 0.5;
  // one vertex per sector of the circle, so the ring is simple (no near-duplicate vertices)
  const angles = Array.from({ length: n }, (_, j) => ((j + 0.1 + 0.8 * rng.uniform()) / n) * 2 * Math.PI);
  const ring = angles.map((a) => { const rr = convex ? r : r * (0.3 + 0.7 * rng.uniform()); return [lon + (rr * Math.cos(a)) / p.kx, lat + (rr * Math.sin(a)) / p.ky]; });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}
