/**
 * Porto import benchmark (issue 11, item 5): the whole `uia import` process, OSM extract plus 2021
 * census, against ogr2ogr writing both files to one GeoPackage, in the same run, alternating, so a
 * loaded machine slows both alike. Wall and CPU (user + system, from /usr/bin/time) per tool, the
 * median of the rounds, and the ratios. Figures only; no assertion (target: uia within 2x ogr2ogr).
 *
 *   npm run bench:import [-- --rounds 5] [-- --baseline path/to/other/bin/uia.js]
 *
 * Two uia figures: into a new database (which also seeds the training city, as any first start
 * does) and into a database that already has it (the import alone); both with the CLI's code cache
 * (bin/code-cache.mjs) made by an untimed import first, as every start after the first has it, and
 * a third without it (UIA_CODE_CACHE=0: the first start of a new build). The cache lives in the
 * benchmark's temp folder. `--baseline` times a second uia build the same way (e.g. a copy of dist/
 * from before a change), for before/after figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const ROUNDS = Number(arg('rounds') ?? 3);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(REPO, '..', 'shared', 'data');
const OSM = join(DATA, 'osm/porto-centre-2020.osm.pbf');
const CENSUS = join(DATA, 'population/porto-ine-bgri2021-1312.gpkg');
const TIME = '/usr/bin/time';

if (!existsSync(join(REPO, 'dist/cli/uia.cjs'))) throw new Error('dist/cli is not built: run `npm run build:cli` first (npm run bench:import does)');
if (spawnSync('ogr2ogr', ['--version']).status !== 0) throw new Error('ogr2ogr is not on PATH (Debian: apt-get install gdal-bin)');

const dir = mkdtempSync(join(tmpdir(), 'uia-bench-import-'));
interface Sample { wallS: number; cpuS: number | null }

/** Runs one command; wall from here, CPU of the child from /usr/bin/time when it is there. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const cpuFile = join(dir, 'cpu.txt');
  const withTime = existsSync(TIME);
  const t = performance.now();
  const r = withTime ? spawnSync(TIME, ['-f', '%U %S', '-o', cpuFile, cmd, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } }) : spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } });
  const wallS = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const cpu = withTime ? readFileSync(cpuFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) : null;
  return { wallS, cpuS: cpu ? cpu[0]! + cpu[1]! : null };
}

const CODE_CACHE = { UIA_CODE_CACHE_DIR: join(dir, 'code-cache') };
const uiaImport = (bin: string, db: string, env: NodeJS.ProcessEnv = CODE_CACHE) => timed(process.execPath, [bin, 'import', OSM, CENSUS, '--dataset', 'Porto', '--db', db], env);

function uiaFresh(bin: string, env?: NodeJS.ProcessEnv): Sample {
  const db = join(dir, 'fresh.sqlite');
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  return uiaImport(bin, db, env);
}

function uiaSeeded(bin: string): Sample {
  const db = join(dir, 'seeded.sqlite');
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
  timed(process.execPath, [bin, 'datasets', '--db', db], CODE_CACHE); // first start: the training city, untimed
  return uiaImport(bin, db);
}

function ogr(): Sample {
  const gpkg = join(dir, 'porto.gpkg');
  rmSync(gpkg, { force: true });
  const a = timed('ogr2ogr', ['-q', '-f', 'GPKG', gpkg, OSM]);
  const b = timed('ogr2ogr', ['-q', '-append', gpkg, CENSUS]);
  return { wallS: a.wallS + b.wallS, cpuS: a.cpuS === null ? null : a.cpuS + b.cpuS! };
}

const runs: Record<string, () => Sample> = {
  ogr2ogr: ogr,
  'uia, new database': () => uiaFresh(join(REPO, 'bin/uia.js')),
  'uia, training city already there': () => uiaSeeded(join(REPO, 'bin/uia.js')),
  'uia, new database, no code cache': () => uiaFresh(join(REPO, 'bin/uia.js'), { UIA_CODE_CACHE: '0' }),
};
const baseline = arg('baseline');
if (baseline) {
  runs['baseline uia, new database'] = () => uiaFresh(baseline);
  runs['baseline uia, training city already there'] = () => uiaSeeded(baseline);
}

const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
try {
  for (const bin of [join(REPO, 'bin/uia.js'), ...(baseline ? [baseline] : [])]) uiaFresh(bin); // makes the code cache, untimed
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, run] of Object.entries(runs)) {
      const s = run();
      samples[name]!.push(s);
      console.log(`round ${round}: ${name.padEnd(42)} ${s.wallS.toFixed(2)} s wall, ${s.cpuS?.toFixed(2) ?? '-'} s CPU`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
const wall = (k: string) => median(samples[k]!.map((s) => s.wallS));
const cpu = (k: string) => (samples[k]!.every((s) => s.cpuS !== null) ? median(samples[k]!.map((s) => s.cpuS!)) : NaN);
console.log(`\nPorto import (OSM ${OSM.split('/').pop()} + census ${CENSUS.split('/').pop()}), median of ${ROUNDS} rounds:`);
for (const k of Object.keys(runs)) {
  const ratio = k === 'ogr2ogr' ? '' : `  = ${(wall(k) / wall('ogr2ogr')).toFixed(2)}x ogr2ogr wall, ${(cpu(k) / cpu('ogr2ogr')).toFixed(2)}x CPU`;
  console.log(`  ${k.padEnd(42)} ${wall(k).toFixed(2)} s wall, ${cpu(k).toFixed(2)} s CPU${ratio}`);
}
