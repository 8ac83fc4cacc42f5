/**
 * The engine beside PostGIS on Porto's census polygons (npm run bench:postgis).
 *
 * Loads the same imported census units (INE BGRI 2021, through the project's importer) into a
 * private PostgreSQL + PostGIS cluster that this script creates in a temporary folder, starts on a
 * unix socket only, and stops and deletes at the end; then times 50 random areas:
 *   - residents in the area, area-weighted (engine: residentsInArea);
 *   - residents per zone of the HIGH profile, area-weighted (engine: buildZones + computeExposure;
 *     PostGIS: ST_Buffer of the area in EPSG:3763, the census's own metric CRS, GiST index, ST_Intersects
 *     then ST_Area(ST_Intersection) / ST_Area);
 * and a whole-city expectation pass (assess, HIGH profile, an area covering all of Porto) on the
 * census alone and on the full Porto import (OSM + census). Prints medians and engine/PostGIS ratios
 * from one run, and the largest relative difference of the results (projections differ: the engine
 * uses a local equirectangular frame on the mean-radius sphere, PostGIS EPSG:3763 on the GRS80
 * ellipsoid, so shares within the area agree to ~1e-5 and zone edges, set in metres, by ~0.3%).
 * Skips with a message where PostgreSQL or PostGIS is not installed (Debian: apt-get install postgresql postgis).
 * Timings are psql's \timing (server round trip on a unix socket, planning included) for PostGIS
 * and performance.now() around the call for the engine, both on the second of two passes (warm).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { assess } from '../../core/engine/assess';
import { prepareCity } from '../../core/engine/city';
import { computeExposure, residentsInArea } from '../../core/engine/exposure';
import { buildZones } from '../../core/geometry/zone-rings';
import { loadDefaultParameters, loadDefaultProfiles, resolveParameters } from '../../core/engine/parameters';
import { Rng } from '../../core/engine/random';
import { importFiles } from '../../core/import/pipeline';
import type { DatasetBundle, PolygonGeometry } from '../../core/model/dataset';
import type { Operation } from '../../core/model/operation';
import { loadDataset } from '../../core/store/datasets';
import { osm, tempDir, tempStore } from '../import/helpers';
import { importPortoCensus, PORTO_CENSUS, randomArea } from '../engine/porto-units';

const AREAS = 50;
const PG_PORT = 54329; // the socket file's name only: the cluster listens on no TCP address

// ---- PostgreSQL + PostGIS, or skip ----
const pgBin = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
})();
if (!pgBin || !existsSync('/usr/bin/psql')) {
  console.log('bench:postgis skipped: PostgreSQL with PostGIS is not installed (Debian: apt-get install postgresql postgis).');
  process.exit(0);
}

const profiles = loadDefaultProfiles();
const HIGH = profiles.find((p) => p.id === 'high')!.zones.map((z) => z.outerEdgeM);
const params = resolveParameters(loadDefaultParameters().values);
const parameters = loadDefaultParameters();
const settings = { timeOfDay: 'night', warningShare: 0, horizonDays: 30 } as const;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

// ---- the cluster: initdb into a temp folder, owned by the postgres user when we are root (postgres refuses root) ----
const dir = mkdtempSync(join(tmpdir(), 'uia-postgis-'));
chmodSync(dir, 0o777);
const asRoot = process.getuid?.() === 0;
const run = (cmd: string, args: string[], input?: string) => {
  const full = asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args;
  const r = spawnSync(asRoot ? 'runuser' : cmd, full, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  return r.stdout;
};
const data = join(dir, 'data');
let started = false;
const stop = () => {
  if (started) { try { run(join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* already down */ } started = false; }
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

run(join(pgBin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
run(join(pgBin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses='' -p ${PG_PORT} -c fsync=off -c shared_buffers=64MB`, 'start']);
started = true;
const psql = (sql: string) => run('/usr/bin/psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(PG_PORT), '-U', 'postgres', '-d', 'postgres'], sql);
const pgVersion = psql('CREATE EXTENSION postgis; SELECT postgis_lib_version();').trim();

// ---- the same units on both sides ----
let t0 = performance.now();
const bundle = await importPortoCensus();
const tImport = performance.now() - t0;
const city = prepareCity(bundle, 'porto-census');
const rows = bundle.populationUnits.map((u, i) => `${i}\t${u.residents}\t${JSON.stringify(u.geometry)}`).join('\n');
const tsv = join(dir, 'units.tsv');
writeFileSync(tsv, rows + '\n');
chmodSync(tsv, 0o644);
psql(`CREATE TABLE raw (id int, residents double precision, gj text);
\\copy raw FROM '${tsv}'
CREATE TABLE units AS SELECT id, residents, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326), 3763) AS geom FROM raw;`);
// GEOS refuses invalid polygons in ST_Intersection; repair them (the engine integrates them as given)
const invalid = Number(psql(`SELECT count(*) FROM units WHERE NOT ST_IsValid(geom);
UPDATE units SET geom = ST_CollectionExtract(ST_MakeValid(geom), 3) WHERE NOT ST_IsValid(geom);
CREATE INDEX ON units USING gist (geom); ANALYZE units;`).trim().split('\n')[0]);

// ---- 50 random areas (the same generator as the polygon test) ----
const rng = new Rng(2024);
const box = (() => { const b = city.units.bbox; let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity; for (let i = 0; i < b.length; i += 4) { w = Math.min(w, b[i]); s = Math.min(s, b[i + 1]); e = Math.max(e, b[i + 2]); n = Math.max(n, b[i + 3]); } return [w, s, e, n] as const; })();
const areas: PolygonGeometry[] = Array.from({ length: AREAS }, () => randomArea(rng, box));
const areaSql = (a: PolygonGeometry) => `ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('${JSON.stringify(a)}'), 4326), 3763)`;
const residentsSql = (a: PolygonGeometry) => `WITH a AS (SELECT ${areaSql(a)} AS g)
SELECT coalesce(sum(u.residents * ST_Area(ST_Intersection(u.geom, a.g)) / ST_Area(u.geom)), 0) FROM units u, a WHERE ST_Intersects(u.geom, a.g);`;
// cumulative per buffer (zone 0 = the area); the rings are the differences, as in the engine
const zonesSql = (a: PolygonGeometry) => `WITH a AS (SELECT ${areaSql(a)} AS g),
z AS (SELECT e.k, CASE WHEN e.d = 0 THEN a.g ELSE ST_Buffer(a.g, e.d, 'quad_segs=32') END AS g FROM a, (VALUES ${HIGH.map((d, k) => `(${k}, ${d})`).join(', ')}) AS e(k, d))
SELECT string_agg(v::text, ',' ORDER BY k) FROM (SELECT z.k, coalesce(sum(u.residents * ST_Area(ST_Intersection(u.geom, z.g)) / ST_Area(u.geom)), 0) AS v FROM z LEFT JOIN units u ON ST_Intersects(u.geom, z.g) GROUP BY z.k) s;`;

function isConvex(ring: number[][]): boolean {
  let sign = 0;
  for (let i = 0; i + 2 < ring.length + 1; i++) {
    const [a, b, c] = [ring[i % (ring.length - 1)], ring[(i + 1) % (ring.length - 1)], ring[(i + 2) % (ring.length - 1)]];
    const cr = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (cr !== 0) { if (sign === 0) sign = Math.sign(cr); else if (Math.sign(cr) !== sign) return false; }
  }
  return true;
}

/** Runs the statements in one psql session with \timing; returns each statement's result and time. */
function timedPsql(statements: string[]): { value: string; ms: number }[] {
  const out = psql(['\\timing on', ...statements].join('\n'));
  const res: { value: string; ms: number }[] = [];
  let value = '';
  for (const line of out.split('\n')) {
    const m = /^Time: ([\d.]+) ms/.exec(line);
    if (m) { res.push({ value, ms: Number(m[1]) }); value = ''; } else if (line.trim()) value = line.trim();
  }
  if (res.length !== statements.length) throw new Error(`psql returned ${res.length} timings for ${statements.length} statements`);
  return res;
}

const pg = { residents: [] as number[], zones: [] as number[][], tRes: [] as number[], tZones: [] as number[] };
for (let pass = 0; pass < 2; pass++) {
  const r = timedPsql(areas.map(residentsSql)), z = timedPsql(areas.map(zonesSql));
  if (pass === 1) {
    pg.residents = r.map((x) => Number(x.value)); pg.tRes = r.map((x) => x.ms);
    pg.zones = z.map((x) => x.value.split(',').map(Number)); pg.tZones = z.map((x) => x.ms);
  }
}

const engine = { residents: [] as number[], zones: [] as number[][], tRes: [] as number[], tZones: [] as number[], tBuffers: [] as number[] };
for (let pass = 0; pass < 2; pass++) {
  for (const a of areas) {
    let t = performance.now();
    const res = residentsInArea(city, a);
    const tRes = performance.now() - t;
    t = performance.now();
    buildZones(a, HIGH);
    const tBuffers = performance.now() - t;
    t = performance.now();
    const x = computeExposure(city, [{ geometry: a, edges: HIGH }], settings, params);
    const tZones = performance.now() - t;
    if (pass === 1) {
      engine.residents.push(res); engine.tRes.push(tRes); engine.tZones.push(tZones); engine.tBuffers.push(tBuffers);
      let cum = 0; engine.zones.push(Array.from(x.unitResidents, (v) => (cum += v)));
    }
  }
}

// ---- whole-city expectation pass ----
const wholeCity = (b: readonly number[]): Operation => {
  const [w, s, e, n] = b;
  return { name: 'all of Porto', areas: [{ id: 'A', name: 'Porto', geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }, profileId: 'high' }], settings };
};
const opts = { profiles, parameters: parameters.values, parameterSetName: parameters.name, runs: 1, seed: 1, mode: 'expectation' as const, appVersion: 'bench', createdAt: '2026-01-01T00:00:00.000Z' };
const timeWhole = (c: ReturnType<typeof prepareCity>, op: Operation) => {
  const ts: number[] = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); assess(c, op, opts); ts.push(performance.now() - t); }
  return ts;
};
const tWholeCensus = timeWhole(city, wholeCity(box));
t0 = performance.now();
const full = await (async (): Promise<DatasetBundle> => {
  const tmp = tempDir('uia-porto-full-');
  const db = tempStore(tmp.dir);
  try { return loadDataset(db, (await importFiles(db, [osm('porto-centre-2020.osm.pbf'), PORTO_CENSUS], { dataset: 'Porto' })).datasetId); } finally { db.close(); tmp.cleanup(); }
})();
const tImportFull = performance.now() - t0;
const fullCity = prepareCity(full, 'porto-full');
const tWholeFull = timeWhole(fullCity, wholeCity(box));

// ---- report ----
const convex = areas.map((a) => isConvex(a.coordinates[0]));
const maxRel = (xs: number[], ys: number[]) => Math.max(...xs.map((x, i) => rel(x, ys[i])));
// per zone, relative to the area's residents within the outermost edge (a small inner zone near empty would otherwise dominate)
const zoneRels = engine.zones.map((z, i) => Math.max(...z.map((v, k) => Math.abs(v - pg.zones[i][k]) / Math.max(1, pg.zones[i][z.length - 1]))));
const zoneRel = Math.max(...zoneRels), worstZone = zoneRels.indexOf(zoneRel);
const zoneRelConvex = Math.max(...zoneRels.filter((_, i) => convex[i]));
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const lines: [string, string, string, string][] = [
  ['residents in area (area-weighted), median of 50', fmt(median(engine.tRes)), fmt(median(pg.tRes)), `${(median(pg.tRes) / median(engine.tRes)).toFixed(1)}x`],
  ['  slowest area', fmt(Math.max(...engine.tRes)), fmt(Math.max(...pg.tRes)), ''],
  ['exposure with zones (HIGH: 0/500/1000 m), median of 50', fmt(median(engine.tZones)), fmt(median(pg.tZones)), `${(median(pg.tZones) / median(engine.tZones)).toFixed(1)}x`],
  ['  slowest area', fmt(Math.max(...engine.tZones)), fmt(Math.max(...pg.tZones)), ''],
  ['  of which the zone buffers (buildZones; turf.buffer when not convex)', fmt(median(engine.tBuffers)), '', `convex areas ${fmt(median(engine.tBuffers.filter((_, i) => convex[i])))}, others ${fmt(median(engine.tBuffers.filter((_, i) => !convex[i])))}`],
  ['exposure with zones, convex areas only (hull buffers), median', fmt(median(engine.tZones.filter((_, i) => convex[i]))), fmt(median(pg.tZones.filter((_, i) => convex[i]))), `${(median(pg.tZones.filter((_, i) => convex[i])) / median(engine.tZones.filter((_, i) => convex[i]))).toFixed(1)}x`],
];
console.log(`\nEngine beside PostGIS ${pgVersion} on Porto's census (${bundle.populationUnits.length} units, ${invalid} invalid ones repaired by ST_MakeValid for PostGIS; import ${(tImport / 1000).toFixed(1)} s), ${AREAS} random areas`);
const w0 = Math.max(...lines.map((l) => l[0].length)) + 2;
console.log(`${'measure'.padEnd(w0)}${'engine'.padStart(11)}${'PostGIS'.padStart(11)}  PostGIS / engine`);
for (const [a, b, c, d] of lines) console.log(`${a.padEnd(w0)}${b.padStart(11)}${c.padStart(11)}  ${d}`);
console.log(`largest relative difference of the results: residents in area ${maxRel(engine.residents, pg.residents).toExponential(1)}, per zone ${zoneRel.toExponential(1)} (convex areas ${zoneRelConvex.toExponential(1)}) of the area's residents in zones (the engine measures metres on the mean-radius sphere, EPSG:3763 on the GRS80 ellipsoid: radii differ by up to 0.26% at Porto; largest for area ${worstZone}, ${convex[worstZone] ? 'convex' : 'not convex'}: engine ${engine.zones[worstZone].map((v) => v.toFixed(1)).join(' / ')}, PostGIS ${pg.zones[worstZone].map((v) => v.toFixed(1)).join(' / ')} cumulative)`);
console.log(`whole-city expectation pass (assess, HIGH, all of Porto), min / median of 5: census only ${fmt(Math.min(...tWholeCensus))} / ${fmt(median(tWholeCensus))}; OSM + census (${full.buildings.length} buildings, import ${(tImportFull / 1000).toFixed(1)} s) ${fmt(Math.min(...tWholeFull))} / ${fmt(median(tWholeFull))}; target < 500 ms`);
stop();
