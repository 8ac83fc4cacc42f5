/**
 * The API is typed end to end: every operation's output schema says what the reply holds (no
 * z.custom / z.any, no z.unknown but the free-form JSON leaves named below), and real replies of
 * the post-operation operations and of jobs.status parse with their schemas on a real SQLite store
 * with the training city, losing nothing (a field a schema forgot would be stripped and fail here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { openBackend, type Backend } from '../../core/api/backend';
import { contract, type Input, type OperationName, type Output } from '../../core/api/contract';
import { tempDir } from '../postop/helpers';
import { sharedData } from '../support/shared-data';

/** Free-form JSON by design, each with why: where z.unknown may stand in an output. */
const FREE_FORM = new Set([
  // An assumption's value is a parameter record's value or a profile's zones table (core/engine/parameters.ts listAssumptions).
  'assumptions[].value',
  // An observation's form fields or the imported product's attributes, as stored.
  'items[].data{}',
  // An edit's before and after: the edited entity's fields, whichever entity it is.
  'before{}', 'after{}',
]);
/** Bytes, not JSON: the tile as stored (a z.instanceof, which zod builds as a custom schema). */
const BYTES = new Set<string>(['basemap.tile']);

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Paths (like "items[].data{}") of every custom, any or unknown schema inside `s`. */
function looseLeaves(s: z.ZodType, path = '', seen = new Set<z.ZodType>()): { path: string; type: string }[] {
  if (seen.has(s)) return [];
  seen.add(s);
  const d = defOf(s);
  const walk = (c: unknown, p: string) => looseLeaves(c as z.ZodType, p, seen);
  switch (d.type) {
    case 'custom': case 'any': case 'unknown': return [{ path, type: d.type }];
    case 'object': return Object.entries(d.shape as Record<string, z.ZodType>).flatMap(([k, v]) => walk(v, path ? `${path}.${k}` : k));
    case 'array': return walk(d.element, `${path}[]`);
    case 'record': return walk(d.valueType, `${path}{}`);
    case 'tuple': return (d.items as z.ZodType[]).flatMap((x, i) => walk(x, `${path}[${i}]`));
    case 'union': return (d.options as z.ZodType[]).flatMap((x) => walk(x, path));
    case 'intersection': return [...walk(d.left, path), ...walk(d.right, path)];
    case 'lazy': return walk((d.getter as () => z.ZodType)(), path);
    case 'pipe': return [...walk(d.in, path), ...walk(d.out, path)];
    case 'nullable': case 'optional': case 'default': case 'prefault': case 'readonly': case 'nonoptional': case 'catch':
      return walk(d.innerType, path);
    default: return [];
  }
}

describe('every output schema says what the reply holds', () => {
  it('no operation outputs z.custom, z.any or z.unknown (but the named free-form JSON leaves)', () => {
    const freeForm = (path: string) => [...FREE_FORM].some((f) => path === f || path.endsWith(`.${f}`));
    const loose = Object.entries(contract).flatMap(([name, op]) => (BYTES.has(name) ? [] : looseLeaves(op.output as z.ZodType)
      .filter((l) => !(l.type === 'unknown' && freeForm(l.path)))
      .map((l) => `${name}: ${l.type} at ${l.path || '(the whole output)'}`)));
    expect(loose).toEqual([]);
  });

  it('the walk finds what it must refuse', () => {
    expect(looseLeaves(z.object({ a: z.array(z.custom<string>(() => true)), b: z.record(z.string(), z.unknown()).nullable(), c: z.any() })))
      .toEqual([{ path: 'a[]', type: 'custom' }, { path: 'b{}', type: 'unknown' }, { path: 'c', type: 'any' }]);
  });
});

const PASS = 'debrief-at-0900-sharp';
const CODE = 'second-phase-code';
let dir: string; let trainer: Backend; let trainee: Backend;
beforeAll(() => { dir = tempDir(); trainer = openBackend(join(dir, 'trainer.sqlite')); trainee = openBackend(join(dir, 'trainee.sqlite')); });
afterAll(() => { trainer.close(); trainee.close(); rmSync(dir, { recursive: true, force: true }); });

/** Calls `name`, parses the reply with the operation's output schema and checks nothing was lost. */
async function typed<N extends OperationName>(b: Backend, name: N, input: Input<N>): Promise<Output<N>> {
  const r = await b.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  const parsed = contract[name].output.safeParse(r.value);
  expect(parsed.error?.issues ?? [], name).toEqual([]);
  expect(parsed.data, `${name}: the schema dropped a field of the reply`).toEqual(r.value);
  return parsed.data as Output<N>;
}

async function finished(b: Backend, jobId: string) {
  for (;;) {
    const s = await typed(b, 'jobs.status', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });
const option = (name: string, lon: number, profileId: string) => ({
  name, settings: { timeOfDay: 'night' as const, warningShare: 0, horizonDays: 30 },
  areas: [{ id: 'a1', name: 'block', geometry: square(lon, 0.505, 0.001), profileId }],
});

describe('real replies parse with their output schemas', () => {
  let a = 0; let b = 0;
  const pkg = () => join(dir, 'exercise.uiapkg');

  it('observations: the four forms, an imported damage survey with its footprint, the list with items', async () => {
    a = (await typed(trainer, 'operations.save', { datasetId: 1, operation: option('Option A: north block', 2.995, 'medium') })).id;
    b = (await typed(trainer, 'operations.save', { datasetId: 1, operation: option('Option B: west block', 2.99, 'low') })).id;
    const layers = await typed(trainer, 'datasets.layers', { datasetId: 1 });
    const facilityId = String(layers.facilities.features[0]!.properties.id);
    const base = { dataset: 1, operationId: a, confidence: 'high' as const, observedAt: '2024-05-02' };
    await typed(trainer, 'observations.recordFacilityStatus', { ...base, facilityId, down: true, daysToRestore: 4, damage: 'moderate', source: 'utility field team' });
    await typed(trainer, 'observations.recordServiceOutage', { ...base, sector: 'water', people: 12_000, days: 3, source: 'utility' });
    await typed(trainer, 'observations.recordCasualtyReport', { ...base, killed: 7, injured: 30, seriouslyInjured: 9, byGroup: { women: { killed: 2 } }, source: 'hospital registers' });
    await typed(trainer, 'observations.recordDisplacementReport', { ...base, displaced: 800, inPublicShelter: 120, byGroup: { girls: 40 }, source: 'IOM DTM' });

    const damage = join(dir, 'survey.geojson');
    writeFileSync(damage, JSON.stringify({ type: 'FeatureCollection', features: [[2.9952, 0.5052], [2.9948, 0.5049], [2.9951, 0.5047]].map((c, i) => ({
      type: 'Feature', properties: { Main_Damag: String(i + 1), SensorDate: '2024/05/01' }, geometry: { type: 'Point', coordinates: c },
    })) }));
    const footprint = join(dir, 'footprint.geojson');
    writeFileSync(footprint, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square(2.995, 0.505, 0.0015) }] }));
    const s = await typed(trainer, 'observations.import', { files: [damage, footprint], dataset: 1, operationId: a });
    expect(s.total).toBe(3);

    const list = await typed(trainer, 'observations.list', { dataset: 1, operationId: a });
    expect(list.byKind).toMatchObject({ facility_status: 1, service_outage: 1, casualty_report: 1, displacement_report: 1 });
    const damaged = await typed(trainer, 'observations.list', { dataset: 1, operationId: a, kind: 'building_damage' });
    expect(damaged.items.map((o) => o.geometry?.type)).toEqual(['Point', 'Point', 'Point']);
    const footprints = await typed(trainer, 'observations.list', { dataset: 1, kind: 'footprint' });
    expect(footprints.items[0]!.geometry?.type).toBe('Polygon');
  });

  it('jobs: an assessment job and a run-and-save job report their own result', async () => {
    const run = await finished(trainer, (await typed(trainer, 'assess.start', { datasetId: 1, operation: option('Preview of A', 2.995, 'medium'), runs: 50, seed: 2 })).jobId);
    expect(run.kind === 'assessment' && run.result?.provenance.runs).toBe(50);
    const saved = await finished(trainer, (await typed(trainer, 'assess.save', { operationId: a, runs: 1000, seed: 3 })).jobId);
    expect(saved.kind === 'savedRun' && saved.result?.operationId).toBe(a);
  }, 120_000);

  it('an import job reports the import report and its summary', async () => {
    const [pbf] = sharedData('osm/helsinki-centre-2019.osm.pbf');
    const job = await finished(trainer, (await typed(trainer, 'import.start', { files: [pbf!], dataset: 'Helsinki centre' })).jobId);
    expect(job.error).toBeNull();
    expect(job.kind === 'import' && job.result?.totals.buildings).toBeGreaterThan(100);
    expect(job.kind === 'import' && job.result?.summary).toMatch(/Helsinki centre/);
  }, 180_000);

  it('compare, calibrate and the parameter sets', async () => {
    const c = await typed(trainer, 'postop.compare', { operationId: a });
    expect(c.assessmentMatchedBy).toBe('operationId');
    expect(c.comparison.buildingDamage.available).toBe(true);
    expect(c.comparison.map.features.length).toBeGreaterThan(0);
    const cal = await typed(trainer, 'postop.calibrate', { datasetId: 1 });
    expect(cal.savedAs).toBe('calibrated');
    const sets = await typed(trainer, 'parameters.sets.list', {});
    expect(sets.find((x) => x.name === 'calibrated')?.calibration?.cases).toEqual(cal.calibration.cases);
    await typed(trainer, 'parameters.sets.list', { includeCalibration: false });
  }, 120_000);

  it('a two-phase scenario package: export, import, unlock, answer, reveal, score', async () => {
    const ex = await typed(trainer, 'package.export', {
      dataset: 1, operationId: a, optionIds: [b], briefing: 'Choose a block.', out: pkg(), passphrase: PASS, title: 'Exercise North',
      laterPhases: [{ title: 'Phase 2', briefing: 'A week on.', operationId: b, daysAfterPrevious: 7, code: CODE }],
    });
    expect(ex.phases).toBe(2);
    const s = await typed(trainee, 'package.import', { path: pkg() });
    expect(s.phases).toHaveLength(2);
    const opA = s.operations.find((o) => o.name === 'Option A: north block')!;
    const answer = join(dir, 'answer.json');
    await typed(trainee, 'package.answer', { path: pkg(), chosenOperationId: opA.id, trainee: 'Trainee 1', rationale: 'fewer people at night', out: answer });
    const unlocked = await typed(trainee, 'package.unlockPhase', { path: pkg(), phase: 2, code: CODE });
    expect(unlocked.previous.observed.casualties).toHaveLength(1);
    const revealed = await typed(trainee, 'package.reveal', { path: pkg(), passphrase: PASS, operationId: opA.id });
    expect(revealed.comparison?.comparison.figures.length).toBeGreaterThan(0);
    const score = await typed(trainer, 'package.score', { path: pkg(), passphrase: PASS, answers: [answer] });
    expect(score.answers[0]!.comparison?.figures.length).toBeGreaterThan(0);
  }, 180_000);

  it('deleting an observation', async () => {
    const list = await typed(trainer, 'observations.list', { dataset: 1, operationId: a, kind: 'building_damage' });
    expect(await typed(trainer, 'observations.delete', { id: list.items[0]!.id })).toEqual({ deleted: true });
  });
});
