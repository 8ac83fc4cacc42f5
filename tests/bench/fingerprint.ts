/**
 * Fingerprint of the engine's output on the benchmark city (npx tsx tests/bench/fingerprint.ts):
 * SHA-256 of the prepared city's derived arrays and of the JSON of the benchmark's assessments.
 * Run it before and after a performance change: same digests, same bytes.
 */
import { createHash } from 'node:crypto';
import { assess } from '../../core/engine/assess';
import { parameterHash } from '../../core/engine/parameters';
import type { AssessmentResult } from '../../core/model/assessment';
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
/**
 * The figures that existed before issue 17 (humanitarian block and its parameter records taken out:
 * their digests must stay as they were), and the humanitarian figures on rows of their own.
 */
const ISSUE17_RECORD = /^(displacement|needs|education)\./;
const hashBefore17 = parameterHash(Object.fromEntries(Object.entries(opts.parameters).filter(([k]) => !ISSUE17_RECORD.test(k))));
const before17 = (r: AssessmentResult) => {
  const { humanitarian: _, ...rest } = r;
  return { ...rest, assumptions: rest.assumptions.filter((a) => !ISSUE17_RECORD.test(a.key)), provenance: { ...rest.provenance, parameterHash: hashBefore17 } };
};
for (const [name, o] of [['high', op], ['medium', opMedium]] as const) {
  const e = assess(city, o, { ...opts, mode: 'expectation' }), m = assess(city, o, { ...opts, mode: 'montecarlo', runs: 1000 });
  rows.push([`expectation ${name}`, sha(JSON.stringify(before17(e)))]);
  rows.push([`montecarlo 1000 ${name}`, sha(JSON.stringify(before17(m)))]);
  rows.push([`humanitarian exp. ${name}`, sha(JSON.stringify(e.humanitarian))]);
  rows.push([`humanitarian mc ${name}`, sha(JSON.stringify(m.humanitarian))]);
}
for (const [a, b] of rows) console.log(`${a.padEnd(26)} ${b}`);
