/**
 * Porto's basemap tiles, built at import from the OSM extract: named streets, the Douro as a
 * water area, place names, buildings from the store; nothing outside the dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import type { Db } from '../../core/store/db';
import { importFiles, type ImportReport } from '../../core/import/pipeline';
import { readTile, tileStats } from '../../core/store/tiles';
import { latToY, lonToX } from '../../core/basemap/tiler';
import { osm, population, tempDir, tempStore } from '../import/helpers';

const decode = (bytes: Uint8Array) => new VectorTile(new Pbf(bytes));
function featuresOf(tile: VectorTile, layer: string) {
  const l = tile.layers[layer];
  return l ? Array.from({ length: l.length }, (_, i) => l.feature(i)) : [];
}
const at = (z: number, lon: number, lat: number) => [z, lonToX(lon, z), latToY(lat, z)] as const;

describe('Porto basemap tiles', () => {
  const tmp = tempDir();
  let db: Db;
  let report: ImportReport;
  const phases = new Set<string>();

  beforeAll(async () => {
    db = tempStore(tmp.dir);
    report = await importFiles(db, [osm('porto-centre-2020.osm.pbf'), population('porto-ine-bgri2021-1312.gpkg')], {
      dataset: 'Porto', onProgress: (p) => phases.add(p.phase),
    });
  }, 180_000);
  afterAll(() => { db?.close(); tmp.cleanup(); });

  it('are written by the import, with its progress, from z0 to z14', () => {
    const stats = tileStats(db, report.datasetId);
    console.log(`Porto basemap: ${stats.tiles} tiles, ${(stats.bytes / 1e6).toFixed(2)} MB`);
    expect(stats.maxZoom).toBe(14);
    expect(stats.tiles).toBeGreaterThan(50);
    expect(phases.has('building map tiles')).toBe(true);
    // low zooms too (at z0-5 the city is smaller than a pixel, so those tiles are empty)
    for (const z of [6, 9, 11, 12, 13]) expect(readTile(db, report.datasetId, ...at(z, -8.6110, 41.1478)), `z${z}`).not.toBeNull();
  });

  it('a z14 tile over the centre has named streets, water and buildings', () => {
    const tile = decode(readTile(db, report.datasetId, ...at(14, -8.6110, 41.1478))!);
    const roads = featuresOf(tile, 'roads');
    const names = new Set(roads.map((f) => f.properties.name));
    expect(names).toContain('Avenida dos Aliados');
    expect(roads.find((f) => f.properties.name === 'Avenida dos Aliados')!.properties.kind).toMatch(/major_road|minor_road/);
    expect(featuresOf(tile, 'buildings').length).toBeGreaterThan(100);
  });

  it('the Douro is a water area (from its multipolygon), not only a line', () => {
    const tile = decode(readTile(db, report.datasetId, ...at(14, -8.6115, 41.1395))!);
    const water = featuresOf(tile, 'water');
    expect(water.some((f) => f.type === 3)).toBe(true); // 3 = polygon
  });

  it('has the sea where the extract has a coastline (Foz do Douro, its one natural=coastline way)', () => {
    // the way runs south-south-east from (-8.67664, 41.14656): the Atlantic on its right, to the west
    const tile = decode(readTile(db, report.datasetId, ...at(14, -8.6762, 41.1455))!);
    const ocean = featuresOf(tile, 'water').filter((f) => f.properties.kind === 'ocean');
    expect(ocean.length).toBeGreaterThan(0);
    expect(ocean.every((f) => f.type === 3)).toBe(true);
    // and none far inland, over the centre
    const centre = decode(readTile(db, report.datasetId, ...at(14, -8.6110, 41.1478))!);
    expect(featuresOf(centre, 'water').filter((f) => f.properties.kind === 'ocean')).toEqual([]);
  });

  it('has place names and parks', () => {
    let places = 0, parks = 0;
    for (const r of db.prepare("SELECT tile_data FROM basemap_tiles WHERE dataset_id = ? AND zoom_level = 14").iterate(report.datasetId) as Iterable<{ tile_data: Buffer }>) {
      const t = decode(r.tile_data);
      places += featuresOf(t, 'places').filter((f) => typeof f.properties.name === 'string').length;
      parks += featuresOf(t, 'landuse').filter((f) => f.properties.kind === 'park').length;
    }
    expect(places).toBeGreaterThan(0);
    expect(parks).toBeGreaterThan(0);
  });

  it('has no tile outside the dataset', () => {
    expect(readTile(db, report.datasetId, ...at(14, 2.35, 48.85))).toBeNull(); // Paris
    expect(readTile(db, report.datasetId, 14, 0, 0)).toBeNull();
  });
});
