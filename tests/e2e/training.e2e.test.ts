/**
 * Training in the app, end to end in Chromium on two browser-mode backends (issue 16): a trainer
 * exports a package with a briefing; a trainee opens it in a fresh database, reads the briefing and
 * submits an answer; the trainer reveals and sees the answer scored (screenshot looked at).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../../core/api/backend';
import { ARTIFACTS, startBrowserMode, waitForMap, type BrowserMode } from '../support/browser-mode';

const PASS = 'debrief-at-0900-sharp';
const BRIEFING = 'Night of 2 May. Two blocks are proposed; estimate the harm of each and choose one.';
let dir: string; let trainer: BrowserMode; let trainee: BrowserMode;
const ids: number[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uia-training-'));
  const trainerDb = join(dir, 'trainer.sqlite');
  // The trainer's store: two saved options and what was observed after the first.
  const b = openBackend(trainerDb);
  try {
    const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });
    for (const [name, lon] of [['Option A: north block', 2.995], ['Option B: west block', 2.99]] as const) {
      const r = await b.call('operations.save', { datasetId: 1, operation: { name, settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 }, areas: [{ id: 'a1', name, geometry: square(lon, 0.505, 0.001), profileId: 'medium' }] } });
      if (!r.ok) throw new Error(r.error.message);
      ids.push((r.value as { id: number }).id);
    }
    const r = await b.call('observations.recordCasualtyReport', { dataset: 1, operationId: ids[0], killed: 7, injured: 30, source: 'hospital registers', confidence: 'high' });
    if (!r.ok) throw new Error(r.error.message);
  } finally { b.close(); }
  trainer = await startBrowserMode({ dbPath: trainerDb });
  trainee = await startBrowserMode();
}, 240_000);
afterAll(async () => { await trainer?.stop(); await trainee?.stop(); rmSync(dir, { recursive: true, force: true }); });

describe('training with a scenario package', () => {
  it('trainer exports with a briefing, trainee answers in a fresh database, trainer reveals and sees the score', async () => {
    const pkg = join(dir, 'exercise.uiapkg');
    const answer = join(dir, 'answer-sam.json');

    // Trainer: export both options, A carried out.
    const t = trainer.page;
    await waitForMap(t);
    await t.getByTestId('tab-training').click();
    await t.getByTestId(`export-carried-${ids[0]}`).check();
    await t.getByTestId(`export-offer-${ids[1]}`).check();
    await t.getByTestId('export-title').fill('Exercise North');
    await t.getByTestId('export-briefing').fill(BRIEFING);
    await t.getByTestId('export-passphrase').fill(PASS);
    await t.getByTestId('export-out').fill(pkg);
    await t.getByTestId('export-package').click();
    await expect.poll(async () => (await t.getByTestId('export-status').textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toMatch(/^Wrote .*exercise\.uiapkg/);

    // Trainee: open the package in a fresh database, read the briefing, answer.
    const s = trainee.page;
    await waitForMap(s);
    await s.getByTestId('tab-training').click();
    await s.getByTestId('exercise-path').fill(pkg);
    await s.getByTestId('exercise-open').click();
    await expect.poll(async () => (await s.getByTestId('briefing').textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toBe(BRIEFING);
    expect(await s.getByTestId('exercise-mode').textContent()).toMatch(/Exercise: Exercise North\..*outcomes stay sealed/);
    expect(await s.getByTestId('exercise-options').textContent()).toMatch(/Option A: north block.*Option B: west block/);
    await s.getByTestId('answer-option').selectOption({ label: 'Option A: north block' });
    await s.getByTestId('answer-trainee').fill('Sam');
    await s.getByTestId('answer-rationale').fill('Fewer residents in the north block at night.');
    await s.getByTestId('answer-out').fill(answer);
    await s.getByTestId('answer-submit').click();
    await expect.poll(async () => (await s.getByTestId('answer-status').textContent().catch(() => '')) ?? '', { timeout: 180_000 }).toMatch(/Answer written to .*answer-sam\.json: Sam chose “Option A: north block”/);
    await s.screenshot({ path: join(ARTIFACTS, 'training-trainee.png') });

    // Trainer: reveal and score.
    await t.getByTestId('score-path').fill(pkg);
    await t.getByTestId('score-passphrase').fill(PASS);
    await t.getByTestId('score-answers').fill(answer);
    await t.getByTestId('score-run').click();
    const table = t.getByTestId('score-table');
    await table.waitFor({ timeout: 60_000 });
    const text = (await table.textContent()) ?? '';
    expect(text).toMatch(/Sam/);
    expect(text).toMatch(/Option A: north block ?= carried out/);
    expect(await t.getByTestId('score-coverage-0').textContent()).toMatch(/^\d+ of \d+ \(\d+%\)$/);
    expect(text).toMatch(/Killed: predicted \/ observed.* \/ 7/);
    await t.getByTestId('score').scrollIntoViewIfNeeded();
    await t.screenshot({ path: join(ARTIFACTS, 'training-score.png') });
  }, 420_000);
});
