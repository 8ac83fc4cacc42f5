/**
 * Scenario packages as a training exercise, through the API on real temp stores (issue 16): the
 * trainer exports, two trainees import and answer (their option and their estimate) in their own
 * stores, and the trainer reveals and scores both answers side by side. Answers for another package,
 * or damaged answer files, are refused naming the file; a wrong passphrase reveals nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';
import type { ScoreReply } from '../../core/api/postop-contract';
import type { ImportedScenario } from '../../core/postop/package';
import { tempDir } from './helpers';

const PASS = 'debrief-at-0900-sharp';
let dir: string;
let trainer: Backend;
const trainees: Backend[] = [];
let pkg = '';
let optionNames: string[] = [];

async function ok<T>(b: Backend, name: string, input: unknown): Promise<T> {
  const r = await b.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });
const option = (name: string, lon: number, profileId: string) => ({
  name, settings: { timeOfDay: 'night' as const, warningShare: 0, horizonDays: 30 },
  areas: [{ id: 'a1', name: 'block', geometry: square(lon, 0.505, 0.001), profileId }],
});

beforeAll(async () => {
  dir = tempDir();
  trainer = openBackend(join(dir, 'trainer.sqlite'));
  const a = (await ok<{ id: number }>(trainer, 'operations.save', { datasetId: 1, operation: option('Option A: north block', 2.995, 'medium') })).id;
  const b = (await ok<{ id: number }>(trainer, 'operations.save', { datasetId: 1, operation: option('Option B: west block', 2.99, 'low') })).id;
  await ok(trainer, 'observations.recordCasualtyReport', { dataset: 1, operationId: a, killed: 7, injured: 30, source: 'hospital registers', confidence: 'high' });
  await ok(trainer, 'observations.recordServiceOutage', { dataset: 1, operationId: a, sector: 'water', people: 12_000, days: 3, source: 'utility' });
  pkg = join(dir, 'exercise.uiapkg');
  const ex = await ok<{ operations: string[] }>(trainer, 'package.export', { dataset: 1, operationId: a, optionIds: [b], briefing: 'Choose between two blocks.', out: pkg, passphrase: PASS, title: 'Exercise North' });
  optionNames = ex.operations;
  for (const name of ['t1', 't2']) trainees.push(openBackend(join(dir, `${name}.sqlite`)));
});
afterAll(() => { trainer.close(); for (const t of trainees) t.close(); rmSync(dir, { recursive: true, force: true }); });

describe('training with scenario packages', () => {
  const answers: string[] = [];

  it('each trainee imports the package, reads the briefing, and writes an answer with an estimate of every option', async () => {
    for (const [i, t] of trainees.entries()) {
      const s = await ok<ImportedScenario>(t, 'package.import', { path: pkg });
      expect(s.briefing).toBe('Choose between two blocks.');
      // The sealed outcomes are not in the trainee's store.
      expect((await ok<{ total: number }>(t, 'observations.list', { dataset: s.datasetId })).total).toBe(0);
      const out = join(dir, `answer-${i + 1}.json`);
      const r = await ok<{ chosenOption: string; options: string[] }>(t, 'package.answer', {
        path: pkg, chosenOperationId: s.operations[i]!.id, trainee: `Trainee ${i + 1}`, rationale: 'fewer people at night', out,
      });
      expect(r.chosenOption).toBe(optionNames[i]);
      expect(r.options).toEqual(optionNames);
      const file = JSON.parse(readFileSync(out, 'utf8'));
      expect(file.estimates.map((e: { option: string }) => e.option)).toEqual(optionNames);
      expect(file.estimates[0].result.casualties.killed.p95).toBeGreaterThan(0);
      answers.push(out);
    }
  });

  it('an answer naming an operation that is not an option is refused', async () => {
    const r = await trainees[0]!.call('package.answer', { path: pkg, chosenOperationId: 999, trainee: 'X', out: join(dir, 'x.json') });
    expect(r).toMatchObject({ ok: false, error: { field: 'chosenOperationId' } });
  });

  it('the trainer reveals and scores every answer against the option carried out', async () => {
    expect(await trainer.call('package.score', { path: pkg, passphrase: 'not-the-passphrase', answers })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/wrong reveal passphrase/) } });
    const s = await ok<ScoreReply>(trainer, 'package.score', { path: pkg, passphrase: PASS, answers });
    expect(s).toMatchObject({ title: 'Exercise North', carriedOut: 'Option A: north block', observed: { casualtyReports: 1, outages: 1 } });
    expect(s.answers.map((a) => [a.trainee, a.chosenOption, a.choseCarriedOut])).toEqual([
      ['Trainee 1', 'Option A: north block', true], ['Trainee 2', 'Option B: west block', false],
    ]);
    for (const a of s.answers) {
      const killed = a.comparison!.figures.find((f) => f.key === 'casualties.killed')!;
      expect(killed.observed).toBe(7);
      expect(a.comparison!.coverage.all.total).toBeGreaterThanOrEqual(2);
    }
  });

  it('an answer for another package, or a damaged one, is refused naming the file, before anything is revealed', async () => {
    const other = join(dir, 'other.json');
    const a = JSON.parse(readFileSync(answers[0]!, 'utf8'));
    writeFileSync(other, JSON.stringify({ ...a, scenario: { ...a.scenario, packageSha256: '0'.repeat(64) } }));
    expect(await trainer.call('package.score', { path: pkg, passphrase: PASS, answers: [answers[0], other] }))
      .toMatchObject({ ok: false, error: { field: 'answers', message: expect.stringMatching(/answer other\.json \(Trainee 1\) is for another scenario package/) } });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...a, estimates: [] }));
    expect(await trainer.call('package.score', { path: pkg, passphrase: PASS, answers: [broken] }))
      .toMatchObject({ ok: false, error: { message: expect.stringMatching(/^answer broken\.json refused: estimates/) } });
  });
});
