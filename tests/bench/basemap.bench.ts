/**
 * Basemap tiling benchmark: Porto centre (the real OSM extract and census) and a generated city of
 * 1,000,000 buildings on a named street grid, each tiled z0-14 from the store. Prints time, tile
 * count and bytes, and peak RSS (target for the 1M city: under 1.5 GB); for Porto also each tile
 * built alone, as the map asks for it (the app's way): per-tile median and longest, by zoom band,
 * since the transport's thread builds it. Figures only; no assertion.
 *
 *   npm run bench:basemap [-- --buildings 1000000] [-- --skip-porto]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Db } from '../../core/store/db';
import { importFiles } from '../../core/import/pipeline';
import { buildBasemapTiles, datasetTile, latToY, lonToX } from '../../core/basemap/tiler';
import { basemapExtent, clearTiles, replaceBasemapFeatures } from '../../core/store/tiles';
import { earthOf } from '../../core/basemap/from-osm';
import type { BasemapFeature } from '../../core/basemap/feature';
import { localProjection } from '../../core/geometry/projection';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const BUILDINGS = Number(arg('buildings') ?? 1_000_000);
const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
/** Peak resident set of this process so far (Linux reports kilobytes). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

const dir = mkdtempSync(join(tmpdir(), 'uia-bench-basemap-'));
const rows: [string, string][] = [];
const report = (label: string, value: string) => { rows.push([label, value]); console.log(`${label.padEnd(44)} ${value}`); };

function tile(db: Db, id: number, label: string) {
  const t = Date.now();
  const r = buildBasemapTiles(db, id, (p) => process.stdout.write(`\r  ${label}: tile ${p.done}/${p.total}   `));
  process.stdout.write('\r');
  report(`${label}: tiling z0-14`, `${((Date.now() - t) / 1000).toFixed(1)} s, ${r.tiles} tiles, ${mb(r.bytes)}, each tile streamed from the R*Tree`);
  report(`${label}: peak RSS so far`, mb(peakRss()));
}

async function porto() {
  const db = openStore(join(dir, 'porto.sqlite'));
  const t = Date.now();
  const imp = await importFiles(db, [join(DATA, 'osm/porto-centre-2020.osm.pbf'), join(DATA, 'population/porto-ine-bgri2021-1312.gpkg')], { dataset: 'Porto' });
  report('Porto centre: whole import (features, no tiles)', `${((Date.now() - t) / 1000).toFixed(1)} s, ${imp.totals.buildings} buildings`);
  tilesAsAsked(db, imp.datasetId, 'Porto centre');
  tile(db, imp.datasetId, 'Porto centre');
  db.close();
}

/** Every tile of the extent built alone and kept (datasetTile), first ask: ms per tile by zoom band. */
function tilesAsAsked(db: Db, id: number, label: string) {
  clearTiles(db, id);
  const [w, s, e, n] = basemapExtent(db, id)!;
  const bands: [string, number, number][] = [['z0-12', 0, 12], ['z13', 13, 13], ['z14', 14, 14]];
  for (const [name, z0, z1] of bands) {
    const ms: number[] = [];
    for (let z = z0; z <= z1; z++) {
      for (let x = lonToX(w, z); x <= lonToX(e, z); x++) for (let y = latToY(n, z); y <= latToY(s, z); y++) {
        const t = performance.now();
        datasetTile(db, id, z, x, y);
        ms.push(performance.now() - t);
      }
    }
    ms.sort((a, b) => a - b);
    report(`${label}: each ${name} tile as asked`, `median ${ms[ms.length >> 1]!.toFixed(1)} ms, longest ${ms[ms.length - 1]!.toFixed(1)} ms, ${ms.length} tiles, ${(ms.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s in all`);
  }
}

/** n buildings of 12-16 m on 20 m lots, a named street every 10 lots, written straight to the store. */
function generatedCity(n: number) {
  const db = openStore(join(dir, 'million.sqlite'));
  const side = Math.ceil(Math.sqrt(n)), LOT = 20, LON0 = 2.0, LAT0 = 45.0;
  const proj = localProjection(LON0, LAT0);
  const ll = (x: number, y: number) => [LON0 + x / proj.kx, LAT0 + y / proj.ky];
  const t = Date.now();
  const id = db.transaction(() => {
    const datasetId = Number(db.prepare(`INSERT INTO datasets (name, source, licence, attribution, crs_origin, synthetic, default_breakdown, content_hash, created_at)
      VALUES ('bench', 'generated', 'CC0', 'generated', 'EPSG:4326', 1, '{}', '', '')`).run().lastInsertRowid);
    const insert = db.prepare(`INSERT INTO buildings (dataset_id, ext_id, geometry, use, construction, storeys, residents, workers, unit_ext_id) VALUES (?, ?, ?, 'residential', 'rc', 3, 10, 0, NULL)`);
    const box = db.prepare('INSERT INTO buildings_rtree (id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)');
    for (let k = 0; k < n; k++) {
      const x = (k % side) * LOT + 2, y = Math.floor(k / side) * LOT + 2, w = 12 + (k % 5), h = 16 - (k % 4);
      const [w0, s0] = ll(x, y) as [number, number], [e0, n0] = ll(x + w, y + h) as [number, number];
      const rowid = insert.run(datasetId, `b${k}`, JSON.stringify({ type: 'Polygon', coordinates: [[[w0, s0], [e0, s0], [e0, n0], [w0, n0], [w0, s0]]] })).lastInsertRowid;
      box.run(rowid, w0, e0, s0, n0);
    }
    const extent = side * LOT;
    const features: BasemapFeature[] = [earthOf([...ll(-200, -200), ...ll(extent + 200, extent + 200)] as [number, number, number, number])];
    for (let i = 0; i <= side; i += 10) {
      const major = i % 100 === 0;
      const props = (name: string) => ({ kind: major ? 'major_road' : 'minor_road', name, min_zoom: major ? 9 : 12 });
      features.push({ layer: 'roads', minZoom: major ? 9 : 12, properties: props(`${i / 10} Street`), geometry: { type: 'LineString', coordinates: [ll(i * LOT, 0), ll(i * LOT, extent)] } });
      features.push({ layer: 'roads', minZoom: major ? 9 : 12, properties: props(`${i / 10} Road`), geometry: { type: 'LineString', coordinates: [ll(0, i * LOT), ll(extent, i * LOT)] } });
    }
    replaceBasemapFeatures(db, datasetId, features);
    return datasetId;
  })();
  report(`${n.toLocaleString('en')}-building city: written to the store`, `${((Date.now() - t) / 1000).toFixed(1)} s, ${(side * LOT / 1000).toFixed(1)} km square`);
  return { db, id };
}

console.log(`basemap benchmark, node ${process.version}`);
if (!process.argv.includes('--skip-porto')) await porto();
const city = generatedCity(BUILDINGS);
city.db.transaction(() => tile(city.db, city.id, `${BUILDINGS.toLocaleString('en')}-building city`))();
city.db.close();
report('peak RSS (whole run)', `${mb(peakRss())}; target < 1.5 GB for the 1M-building city`);
rmSync(dir, { recursive: true, force: true });
