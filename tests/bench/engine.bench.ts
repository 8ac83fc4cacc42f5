/**
 * Engine benchmark (npm run bench): a synthetic city of 1,000,000 population cells (1000 x 1000
 * cells of 20 m), 200,000 buildings and 5,000 facilities with dependencies; times prepareCity, an
 * expectation pass and a 1,000-run Monte Carlo with cascade over a ~1 km² city-centre area, and a
 * naive turf.booleanPointInPolygon loop over the same data.
 *
 * The dataset is generated lazily (each unit or building object is made when prepareCity reads it
 * and dropped after), as a store streaming rows would give it: the memory figures are the engine's,
 * not those of a million GeoJSON objects held at once (that would be ~0.5 GB on its own).
 * Targets: expectation pass < 5 ms, 1,000 runs < 250 ms (also printed as ratios to the naive loop), memory < 300 MB.
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import * as turf from '@turf/turf';
import { assess, assessAsync } from '../../core/engine/assess';
import { prepareCity } from '../../core/engine/city';
import { forgetAreaHits, residentsInArea } from '../../core/engine/exposure';
import { area, bundle, op, opMedium, opts } from './city';

v8.setFlagsFromString('--expose_gc');
const gc = vm.runInNewContext('gc') as () => void;

let peakRss = 0, peakHeap = 0;
const sample = () => { const m = process.memoryUsage(); peakRss = Math.max(peakRss, m.rss); peakHeap = Math.max(peakHeap, m.heapUsed); return m; };
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

// ---- measurements ----
gc(); const before = sample();
let t0 = performance.now();
const city = prepareCity(bundle, 'bench');
const tPrepare = performance.now() - t0;
sample(); gc(); const afterPrepare = sample();

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * Wall times of n calls, and the CPU time (user + system) of each beside them: on a shared machine a
 * call's wall time includes waiting for a core, its CPU time does not. Garbage collected first, so
 * one block's garbage (prepareCity's above all) is not collected during the next.
 */
const cpuOf = new WeakMap<number[], number[]>();
const time = (n: number, f: () => void) => {
  gc();
  const ts: number[] = [], cpu: number[] = [];
  for (let i = 0; i < n; i++) { const c = process.cpuUsage(), t = performance.now(); f(); ts.push(performance.now() - t); const d = process.cpuUsage(c); cpu.push((d.user + d.system) / 1000); sample(); }
  cpuOf.set(ts, cpu);
  return ts;
};
const fmt = (ts: number[], d = 1) => `${Math.min(...ts).toFixed(d)} / ${median(ts).toFixed(d)} ms (CPU ${Math.min(...cpuOf.get(ts)!).toFixed(d)})`;
/** Steady state: a preview or run repeats on a prepared city in a long-lived engine, its code compiled by then. */
const warm = (n: number, f: () => void) => { for (let i = 0; i < n; i++) f(); };

const first = time(1, () => assess(city, op, { ...opts, mode: 'expectation' }))[0];
warm(20, () => assess(city, op, { ...opts, mode: 'expectation' }));
warm(3, () => assess(city, op, { ...opts, mode: 'montecarlo', runs: 1000 }));
const tExp = time(51, () => assess(city, op, { ...opts, mode: 'expectation' }));
// the same with the area's zone hits searched afresh each time (as after a change of geometry or profile)
const tExpCold = time(51, () => { forgetAreaHits(city); assess(city, op, { ...opts, mode: 'expectation' }); });
const tExpMed = time(51, () => assess(city, opMedium, { ...opts, mode: 'expectation' }));
const r = assess(city, op, { ...opts, mode: 'montecarlo', runs: 1000 });
const tMc = time(5, () => assess(city, op, { ...opts, mode: 'montecarlo', runs: 1000 }));
const tMcMed = time(5, () => assess(city, opMedium, { ...opts, mode: 'montecarlo', runs: 1000 }));
// assessAsync: the same 1,000 runs in slices; the longest stretch the event loop waited for a turn
const asyncRuns: { total: number; maxGap: number }[] = [];
for (let i = 0; i < 3; i++) {
  let last = performance.now(), maxGap = 0, running = true;
  const tick = () => { const t = performance.now(); maxGap = Math.max(maxGap, t - last); last = t; if (running) setImmediate(tick); };
  setImmediate(tick);
  const t = performance.now();
  const ra = await assessAsync(city, op, { ...opts, mode: 'montecarlo', runs: 1000, yieldEvery: 25 });
  asyncRuns.push({ total: performance.now() - t, maxGap });
  running = false;
  if (i === 0 && JSON.stringify(ra) !== JSON.stringify(r)) throw new Error('assessAsync differs from assess');
  sample();
}
const tRes = time(21, () => residentsInArea(city, area));
const res = residentsInArea(city, area);

// naive: every unit centre and building through turf.booleanPointInPolygon, no index (min of 3: the
// ratios below use minimums, the figure least disturbed by other load on a shared machine)
let naive = 0;
const poly = turf.polygon(area.coordinates);
const tNaiveTs = time(3, () => {
  naive = 0;
  for (let u = 0; u < city.units.count; u++) {
    if (city.units.allocated[u]) continue;
    const c = [(city.units.bbox[4 * u] + city.units.bbox[4 * u + 2]) / 2, (city.units.bbox[4 * u + 1] + city.units.bbox[4 * u + 3]) / 2];
    if (turf.booleanPointInPolygon(c, poly)) naive += city.units.residents[u];
  }
  for (let b = 0; b < city.buildings.count; b++) if (city.buildings.residents[b] > 0 && turf.booleanPointInPolygon([city.buildings.lon[b], city.buildings.lat[b]], poly)) naive += city.buildings.residents[b];
});
const tNaive = Math.min(...tNaiveTs);
/** Ratio a / b of two timed blocks: of their least wall times, and of their least CPU times. */
const cpuMin = (ts: number[]) => Math.min(...cpuOf.get(ts)!);
const ratio = (a: number[], b: number[], d: number) => `${(Math.min(...a) / Math.min(...b)).toFixed(d)}x (CPU ${(cpuMin(a) / cpuMin(b)).toFixed(d)}x)`;

const mem = process.memoryUsage();

// The harness's own share of prepareCity: making the lazy unit and building objects (as a store
// streaming rows would), timed after everything else so its garbage does not touch the figures above.
t0 = performance.now();
let touched = 0;
for (let i = 0; i < bundle.populationUnits.length; i++) { const u = bundle.populationUnits[i]; touched += u.residents + u.geometry.coordinates[0].length + u.id.length; }
for (let i = 0; i < bundle.buildings.length; i++) { const b = bundle.buildings[i]; touched += b.residents + (b.geometry.type === "Point" ? b.geometry.coordinates[0] : 0) + (b.unitId?.length ?? 0); }
const tGenerate = performance.now() - t0;
void touched;
const rows: [string, string, string][] = [
  ['prepareCity (1M cells, 200k buildings, 5k facilities)', `${(tPrepare / 1000).toFixed(2)} s`, `once per dataset version; of which ~${(tGenerate / 1000).toFixed(2)} s is the harness making the 1.2M lazy input objects`],
  ['memory after prepareCity (rss / heapUsed / typed arrays)', `${mb(afterPrepare.rss)} / ${mb(afterPrepare.heapUsed)} / ${mb(afterPrepare.arrayBuffers)}`, `before: ${mb(before.rss)} rss`],
  ['peak memory (rss / heapUsed)', `${mb(peakRss)} / ${mb(peakHeap)}`, `end: ${mb(mem.rss)} rss; target < 300 MB`],
  ['expectation pass, 1 km² centre, HIGH profile (zones to 1 km: ~9 km² searched)', fmt(tExp, 2), `min / median of 51 after 20 warm-up calls (CPU: least CPU time of a call); first call ${first.toFixed(1)} ms; target < 5 ms`],
  ['expectation pass, HIGH, zone hits searched afresh', fmt(tExpCold, 2), 'min / median of 51 (the rows above reuse the zone hits kept for the same area and zone edges: a change of settings, or a preview\'s run)'],
  ['expectation pass, same area, MEDIUM profile (zones to 250 m)', fmt(tExpMed, 2), 'min / median of 51'],
  ['Monte Carlo 1,000 runs with cascade, HIGH profile', fmt(tMc), 'min / median of 5; target < 250 ms'],
  ['Monte Carlo 1,000 runs with cascade, MEDIUM profile', fmt(tMcMed), 'min / median of 5'],
  ['assessAsync, same 1,000 runs (HIGH), yieldEvery 25', `${Math.min(...asyncRuns.map((x) => x.total)).toFixed(1)} ms`, `same bytes as assess; longest event-loop wait ${Math.min(...asyncRuns.map((x) => x.maxGap)).toFixed(1)} / ${median(asyncRuns.map((x) => x.maxGap)).toFixed(1)} ms (min / median of 3; includes the zones and exposure before the first slice)`],
  ['residentsInArea, same area', fmt(tRes, 2), `${res.toFixed(0)} residents`],
  ['naive turf.booleanPointInPolygon loop, same data', `${tNaive.toFixed(0)} ms (CPU ${cpuMin(tNaiveTs).toFixed(0)})`, `${naive.toFixed(0)} residents; min of 3`],
  // The targets as ratios to the naive loop, which took 127 ms when they were set (issue 11): 5 ms is
  // 1/25 of it, 250 ms twice it. Ratios from one run on a shared machine move less than times do.
  ['ratio: naive loop / expectation pass (HIGH), mins', ratio(tNaiveTs, tExp, 1), 'target >= 25x (5 ms at 127 ms)'],
  ['ratio: naive loop / expectation pass (HIGH, zone hits afresh), mins', ratio(tNaiveTs, tExpCold, 1), ''],
  ['ratio: Monte Carlo 1,000 runs (HIGH) / naive loop, mins', ratio(tMc, tNaiveTs, 2), 'target <= 2x (250 ms at 127 ms)'],
  ['ratio: naive loop / residentsInArea, mins', ratio(tNaiveTs, tRes, 0), ''],
];
const w0 = Math.max(...rows.map((x) => x[0].length)), w1 = Math.max(...rows.map((x) => x[1].length));
console.log(`\nEngine benchmark (Node ${process.version}, ${process.arch}, ${os.cpus().length} cores, load average at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')})`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
console.log(`\nresidents in the area ${r.exposed.residents.toFixed(0)}, with zones ${(r.exposed.residentsInZones ?? 0).toFixed(0)}; ${r.exposed.buildings} buildings; killed ${r.casualties.killed.mean.toFixed(0)} [${r.casualties.killed.p05.toFixed(0)}-${r.casualties.killed.p95.toFixed(0)}]; facilities listed ${r.infrastructure.facilities.length}, protected sites ${r.protectedSites.length}`);
console.log(`top chain: ${r.infrastructure.facilities[0]?.chain}`);
