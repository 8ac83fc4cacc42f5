/**
 * Fingerprint of the engine's output on the benchmark city (npx tsx tests/bench/fingerprint.ts):
 * SHA-256 of the prepared city's derived arrays and of the JSON of the benchmark's assessments.
 * Run it before and after a performance change: same digests, same bytes.
 */
import { createHash } from 'node:crypto';
import { assess } from '../../core/engine/assess';
import { prepareCity } from '../../core/engine/city';
import { residentsInArea } from '../../core/engine/exposure';
import { area, bundle, op, opMedium, opts } from './city';

const sha = (x: string | ArrayBufferView) => createHash('sha256').update(typeof x === 'string' ? x : new Uint8Array(x.buffer, x.byteOffset, x.byteLength)).digest('hex').slice(0, 16);
const city = prepareCity(bundle, 'bench');
const rows: [string, string][] = [
  ['units.bbox', sha(city.units.bbox)], ['units.residents', sha(city.units.residents)], ['units.allocated', sha(city.units.allocated)],
  ['buildings.lon/lat', sha(city.buildings.lon) + ' ' + sha(city.buildings.lat)],
  ['facilities.peopleServed', sha(city.facilities.peopleServed)],
  ['service', [city.service.sector, city.service.pop, city.service.facStart, city.service.facilities, city.service.sigStart, city.service.sigs].map(sha).join(' ')],
  ['deps', Object.values(city.deps).map((a) => sha(a as ArrayBufferView)).join(' ')],
  ['residentsInArea', String(residentsInArea(city, area))],
];
for (const [name, o] of [['high', op], ['medium', opMedium]] as const) {
  rows.push([`expectation ${name}`, sha(JSON.stringify(assess(city, o, { ...opts, mode: 'expectation' })))]);
  rows.push([`montecarlo 1000 ${name}`, sha(JSON.stringify(assess(city, o, { ...opts, mode: 'montecarlo', runs: 1000 })))]);
}
for (const [a, b] of rows) console.log(`${a.padEnd(26)} ${b}`);
