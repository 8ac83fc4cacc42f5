/**
 * Training in the app, end to end in Chromium on two browser-mode backends (issue 16): a trainer
 * exports a package of two phases with a briefing each; a trainee opens it in a fresh database,
 * reads the briefing and answers phase 1, opens phase 2 with its code, sees what phase 1 did (its
 * damage drawn on the map) and answers phase 2; the trainer reveals and sees each answer scored
 * against its own phase (screenshots looked at). The package and the answers reach the browser-mode
 * apps as uploads (<input type=file>), as a user without native dialogs chooses them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../../core/api/backend';
import { ARTIFACTS, startBrowserMode, waitForMap, type BrowserMode } from '../support/browser-mode';

const PASS = 'debrief-at-0900-sharp';
const BRIEFING = 'Night of 2 May. Two blocks are proposed; estimate the harm of each and choose one.';
const BRIEFING_2 = 'Night of 5 May. The north block was struck; the west block is still in use. Estimate and decide.';
const CODE_2 = 'follow-up-code-5-may';
/** Observed after option A: four destroyed buildings around its block (a UNOSAT-style survey) inside a footprint. */
const DAMAGE: [number, number][] = [[2.9948, 0.5048], [2.9952, 0.5049], [2.9949, 0.5052], [2.9953, 0.5053]];
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
    const must = async (name: string, input: unknown) => { const r = await b.call(name, input); if (!r.ok) throw new Error(`${name}: ${r.error.message}`); };
    await must('observations.recordCasualtyReport', { dataset: 1, operationId: ids[0], killed: 7, injured: 30, source: 'hospital registers', confidence: 'high' });
    await must('observations.recordCasualtyReport', { dataset: 1, operationId: ids[1], killed: 3, injured: 12, source: 'field hospital', confidence: 'medium' });
    const damage = join(dir, 'survey.geojson'); const footprint = join(dir, 'footprint.geojson');
    writeFileSync(damage, JSON.stringify({ type: 'FeatureCollection', features: DAMAGE.map((c) => ({ type: 'Feature', properties: { Main_Damag: '1', SensorDate: '2024/05/03' }, geometry: { type: 'Point', coordinates: c } })) }));
    writeFileSync(footprint, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square(2.995, 0.505, 0.0015) }] }));
    await must('observations.import', { files: [damage, footprint], dataset: 1, operationId: ids[0] });
  } finally { b.close(); }
  trainer = await startBrowserMode({ dbPath: trainerDb });
  trainee = await startBrowserMode();
}, 240_000);
afterAll(async () => { await trainer?.stop(); await trainee?.stop(); rmSync(dir, { recursive: true, force: true }); });

describe('training with a scenario package', () => {
  it('trainer exports two phases; the trainee answers phase 1, opens phase 2 with its code and sees phase 1 on the map; the trainer scores both', async () => {
    const pkg = join(dir, 'exercise.uiapkg');
    const answer1 = join(dir, 'answer-sam-1.json');
    const answer2 = join(dir, 'answer-sam-2.json');

    // Trainer: phase 1 offers both options, A carried out; phase 2, three days later, offers B, carried out.
    const t = trainer.page;
    await waitForMap(t);
    await t.getByTestId('tab-training').click();
    await t.getByTestId(`export-carried-${ids[0]}`).check();
    await t.getByTestId(`export-offer-${ids[1]}`).check();
    await t.getByTestId('export-title').fill('Exercise North');
    await t.getByTestId('export-briefing').fill(BRIEFING);
    await t.getByTestId('export-passphrase').fill(PASS);
    await t.getByTestId('export-add-phase').click();
    await t.getByTestId('export-first-phase-title').fill('First strike');
    await t.getByTestId('phase2-title').fill('Follow-up');
    await t.getByTestId('phase2-days').fill('3');
    await t.getByTestId('phase2-briefing').fill(BRIEFING_2);
    await t.getByTestId('phase2-code').fill(CODE_2);
    await t.getByTestId('export-out').fill(pkg);
    // A phase without its carried-out option is named before anything is written.
    await t.getByTestId('export-package').click();
    await expect.poll(async () => (await t.getByTestId('error-carriedOut').textContent().catch(() => '')) ?? '').toBe('choose the option carried out in phase 2');
    await t.getByTestId(`phase2-carried-${ids[1]}`).check();
    await t.getByTestId('export-package').click();
    await expect.poll(async () => (await t.getByTestId('export-status').textContent().catch(() => '')) ?? '', { timeout: 90_000 }).toMatch(/^Wrote .*exercise\.uiapkg.*2 phases/);

    // Trainee: open the package in a fresh database, read phase 1's briefing, answer.
    const s = trainee.page;
    await waitForMap(s);
    await s.getByTestId('tab-training').click();
    // Browser mode has no native dialog: the package is chosen with the file input and uploaded.
    await s.getByTestId('exercise-file').setInputFiles(pkg);
    await expect.poll(() => s.getByTestId('exercise-path').inputValue(), { timeout: 30_000 }).toMatch(/uia-uploads-.*[/\\]exercise\.uiapkg$/);
    await s.getByTestId('exercise-open').click();
    await expect.poll(async () => (await s.getByTestId('briefing').textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toBe(BRIEFING);
    expect(await s.getByTestId('exercise-mode').textContent()).toMatch(/Exercise: Exercise North\..*outcomes stay sealed/);
    expect(await s.getByTestId('exercise-phases').textContent()).toMatch(/Phase 1: First strike.*Phase 2: Follow-up · 3 days after phase 1 · locked/);
    expect(await s.getByTestId('exercise-options').textContent()).toMatch(/Option A: north block.*Option B: west block/);
    expect(await s.getByTestId('phase-unlock').count()).toBe(0); // only after the answer
    await s.getByTestId('answer-option').selectOption({ label: 'Option A: north block' });
    await s.getByTestId('answer-trainee').fill('Sam');
    await s.getByTestId('answer-rationale').fill('Fewer residents in the north block at night.');
    await s.getByTestId('answer-out').fill(answer1);
    await s.getByTestId('answer-submit').click();
    await expect.poll(async () => (await s.getByTestId('answer-status').textContent().catch(() => '')) ?? '', { timeout: 180_000 }).toMatch(/Answer to phase 1 written to .*answer-sam-1\.json: Sam chose “Option A: north block”/);

    // Phase 2: a wrong code opens nothing; the trainer's code opens the briefing and reveals phase 1.
    await s.getByTestId('phase-code').fill('not-the-code-at-all');
    await s.getByTestId('phase-unlock-button').click();
    await expect.poll(async () => (await s.getByTestId('phase-unlock').textContent()) ?? '', { timeout: 60_000 }).toMatch(/phase 2 cannot be opened: wrong phase code/);
    await s.getByTestId('phase-code').fill(CODE_2);
    await s.getByTestId('phase-unlock-button').click();
    await expect.poll(async () => (await s.getByTestId('briefing').textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toBe(BRIEFING_2);
    const previous = (await s.getByTestId('previous-phase').textContent()) ?? '';
    expect(previous).toMatch(/What happened in phase 1 \(First strike\): “Option A: north block” was carried out/);
    expect(previous).toMatch(/4 buildings observed damaged, drawn on the map/);
    expect(previous).toMatch(/7 killed, 30 injured \(hospital registers/);
    expect(await s.getByTestId('exercise-options').textContent()).toMatch(/^Option B: west block ?operation id \d+Study in the planner$/); // phase 2 offers B only
    // The revealed damage is drawn on the map, at the observed points.
    await expect.poll(async () => s.evaluate(() => (window as unknown as { __uiaRendered: (l: string[]) => { outcome: string; damageClass: number }[] }).__uiaRendered(['postop-outcomes-buildings'])), { timeout: 30_000 })
      .toEqual(DAMAGE.map(() => ({ kind: 'building', outcome: 'observed', damageClass: 4 })));
    await s.getByTestId('previous-phase').scrollIntoViewIfNeeded();
    await s.waitForTimeout(1000); // the map's flight to the revealed damage (600 ms) for the screenshot
    await s.screenshot({ path: join(ARTIFACTS, 'training-phase-2.png') });
    await s.getByTestId('answer-option').selectOption({ label: 'Option B: west block' });
    await s.getByTestId('answer-out').fill(answer2);
    await s.getByTestId('answer-submit').click();
    await expect.poll(async () => (await s.getByTestId('answer-status').textContent().catch(() => '')) ?? '', { timeout: 180_000 }).toMatch(/Answer to phase 2 written to .*answer-sam-2\.json: Sam chose “Option B: west block”/);

    // Trainer: reveal and score, each answer against its own phase.
    await t.getByTestId('score-path').fill(pkg);
    await t.getByTestId('score-passphrase').fill(PASS);
    await t.getByTestId('score-answer-files').setInputFiles([answer2, answer1]); // uploaded, as in a browser
    await expect.poll(async () => (await t.getByTestId('score-answers').inputValue()).split('\n').length, { timeout: 30_000 }).toBe(2);
    await t.getByTestId('score-run').click();
    const table = t.getByTestId('score-table');
    await table.waitFor({ timeout: 60_000 });
    const text = (await table.textContent()) ?? '';
    expect(await t.getByTestId('score-phases').textContent()).toMatch(/First strike: carried out Option A: north block.*Follow-up \(3 days later\): carried out Option B: west block/);
    expect(await t.getByTestId('score-phase-0').textContent()).toBe('1: First strike');
    expect(await t.getByTestId('score-phase-1').textContent()).toBe('2: Follow-up');
    expect(text).toMatch(/Option A: north block ?= carried out.*Option B: west block ?= carried out/);
    expect(await t.getByTestId('score-coverage-0').textContent()).toMatch(/^\d+ of \d+ \(\d+%\)$/);
    expect(text).toMatch(/Killed: predicted \/ observed.* \/ 7.* \/ 3/);
    await t.getByTestId('score').scrollIntoViewIfNeeded();
    await t.screenshot({ path: join(ARTIFACTS, 'training-score.png') });
  }, 600_000);
});
