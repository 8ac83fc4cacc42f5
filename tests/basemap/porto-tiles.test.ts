/**
 * Porto's basemap tiles, from the features the import stores from the OSM extract and the
 * buildings: built as the map asks for each (the same bytes as building them all at once) and
 * kept; named streets, the Douro as a water area, place names; nothing outside the dataset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import type { Db } from '../../core/store/db';
import { importFiles, type ImportReport } from '../../core/import/pipeline';
import { basemapExtent, readTile, tileStats } from '../../core/store/tiles';
import { buildBasemapTiles, datasetTile, latToY, lonToX } from '../../core/basemap/tiler';
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

  /** Every tile z0-14 over the dataset's extent. */
  function* extentTiles(): Generator<[number, number, number]> {
    const [w, s, e, n] = basemapExtent(db, report.datasetId)!;
    for (let z = 0; z <= 14; z++) for (let x = lonToX(w, z); x <= lonToX(e, z); x++) for (let y = latToY(n, z); y <= latToY(s, z); y++) yield [z, x, y];
  }

  it('the import stores the features, not tiles: each is built when first asked for, then kept', () => {
    expect(tileStats(db, report.datasetId).tiles).toBe(0);
    expect([...phases].some((p) => /tiles/.test(p))).toBe(false);
    const centre = at(14, -8.6110, 41.1478);
    const first = datasetTile(db, report.datasetId, ...centre);
    expect(first).not.toBeNull();
    expect(tileStats(db, report.datasetId).tiles).toBe(1);
    expect(Buffer.from(readTile(db, report.datasetId, ...centre)!).equals(Buffer.from(first!))).toBe(true);
    // low zooms too (at z0-5 the city is smaller than a pixel, so those tiles are empty)
    for (const z of [6, 9, 11, 12, 13]) expect(datasetTile(db, report.datasetId, ...at(z, -8.6110, 41.1478)), `z${z}`).not.toBeNull();
  });

  it('tiles built one at a time are the bytes of the whole build, z0 to z14', () => {
    const asked = new Map<string, Buffer>();
    for (const t of extentTiles()) {
      const bytes = datasetTile(db, report.datasetId, ...t);
      if (bytes) asked.set(t.join('/'), Buffer.from(bytes));
    }
    const whole = buildBasemapTiles(db, report.datasetId); // clears the kept tiles, then builds every one
    console.log(`Porto basemap: ${whole.tiles} tiles, ${(whole.bytes / 1e6).toFixed(2)} MB`);
    expect(whole.tiles).toBeGreaterThan(50);
    expect(asked.size).toBe(whole.tiles);
    expect(Math.max(...[...asked.keys()].map((k) => Number(k.split('/')[0])))).toBe(14);
    for (const [key, bytes] of asked) expect(Buffer.from(readTile(db, report.datasetId, ...(key.split('/').map(Number) as [number, number, number]))!).equals(bytes), key).toBe(true);
  });

  it('a z14 tile over the centre has named streets, water and buildings', () => {
    const tile = decode(datasetTile(db, report.datasetId, ...at(14, -8.6110, 41.1478))!);
    const roads = featuresOf(tile, 'roads');
    const names = new Set(roads.map((f) => f.properties.name));
    expect(names).toContain('Avenida dos Aliados');
    expect(roads.find((f) => f.properties.name === 'Avenida dos Aliados')!.properties.kind).toMatch(/major_road|minor_road/);
    expect(featuresOf(tile, 'buildings').length).toBeGreaterThan(100);
  });

  it('the Douro is a water area (from its multipolygon), not only a line', () => {
    const tile = decode(datasetTile(db, report.datasetId, ...at(14, -8.6115, 41.1395))!);
    const water = featuresOf(tile, 'water');
    expect(water.some((f) => f.type === 3)).toBe(true); // 3 = polygon
  });

  it('has the sea where the extract has a coastline (Foz do Douro, its one natural=coastline way)', () => {
    // the way runs south-south-east from (-8.67664, 41.14656): the Atlantic on its right, to the west
    const tile = decode(datasetTile(db, report.datasetId, ...at(14, -8.6762, 41.1455))!);
    const ocean = featuresOf(tile, 'water').filter((f) => f.properties.kind === 'ocean');
    expect(ocean.length).toBeGreaterThan(0);
    expect(ocean.every((f) => f.type === 3)).toBe(true);
    // and none far inland, over the centre
    const centre = decode(datasetTile(db, report.datasetId, ...at(14, -8.6110, 41.1478))!);
    expect(featuresOf(centre, 'water').filter((f) => f.properties.kind === 'ocean')).toEqual([]);
  });

  it('has place names and parks', () => {
    let places = 0, parks = 0;
    for (const [z, x, y] of extentTiles()) {
      const bytes = z === 14 ? datasetTile(db, report.datasetId, z, x, y) : null;
      if (!bytes) continue;
      const t = decode(bytes);
      places += featuresOf(t, 'places').filter((f) => typeof f.properties.name === 'string').length;
      parks += featuresOf(t, 'landuse').filter((f) => f.properties.kind === 'park').length;
    }
    expect(places).toBeGreaterThan(0);
    expect(parks).toBeGreaterThan(0);
  });

  it('has no tile outside the dataset', () => {
    expect(datasetTile(db, report.datasetId, ...at(14, 2.35, 48.85))).toBeNull(); // Paris
    expect(datasetTile(db, report.datasetId, 14, 0, 0)).toBeNull();
    const [, x, y] = at(15, -8.6110, 41.1478);
    expect(datasetTile(db, report.datasetId, 15, x, y)).toBeNull(); // above z14: maplibre overzooms z14's
  });
});
