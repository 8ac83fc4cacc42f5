/**
 * After the operation, in the app: an option drawn and saved, what happened recorded in the forms,
 * and the comparison of the estimate with the outcome on screen (screenshot looked at).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateTrainingCity } from '../../core/synth/training-city';
import { ARTIFACTS, drawPolygon, startBrowserMode, waitForMap, type BrowserMode } from '../support/browser-mode';

let app: BrowserMode;
beforeAll(async () => { app = await startBrowserMode(); });
afterAll(async () => { await app?.stop(); });

describe('after action', () => {
  it('records outcomes against a saved option and compares them with its estimate', async () => {
    const { page } = app;
    await waitForMap(page);
    await drawPolygon(page, [[2.9960, 0.4960], [3.0040, 0.4960], [3.0040, 0.5040], [2.9960, 0.5040]]);
    await page.getByTestId('killed').waitFor({ timeout: 30_000 });
    await page.getByTestId('tab-options').click();
    await page.getByTestId('option-name').fill('Old town strike');
    await page.getByTestId('save-option').click();
    await page.getByTestId('option-check').first().waitFor();

    await page.getByTestId('tab-after').click();
    await page.getByTestId('postop-panel').waitFor();
    await page.getByTestId('casualty-form').waitFor();
    await page.getByTestId('casualty-form').getByTestId('obs-source').fill('Hospital registers');
    await page.getByTestId('casualty-killed').fill('41');
    await page.getByTestId('casualty-injured').fill('190');
    await page.getByTestId('casualty-submit').click();
    // The saved option has no assessment of its own yet: assess it from the panel.
    await page.getByTestId('assess-now').click();
    const figures = page.getByTestId('figures');
    await figures.waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await figures.textContent()) ?? '', { timeout: 30_000 }).toMatch(/41/);
    expect(await page.getByTestId('coverage').textContent()).toMatch(/\d/);
    await figures.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'postop-comparison.png') });
    await page.locator('.panel').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: join(ARTIFACTS, 'postop-calibration.png') });

    // The facility of a status report chosen by a click on its symbol on the map.
    const hospital = generateTrainingCity().facilities.find((f) => f.name === 'Meridia Central Hospital')!;
    await page.getByRole('tab', { name: 'Facility status' }).click();
    await page.getByTestId('pick-facility').click();
    const at = await page.evaluate((ll) => (window as unknown as { __uiaProject(p: [number, number]): { x: number; y: number } }).__uiaProject(ll), hospital.geometry.coordinates as [number, number]);
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.getByTestId('facility-select').inputValue(), { timeout: 10_000 }).toBe(hospital.id);
    expect(await page.getByTestId('pick-facility').count()).toBe(1); // picking ended with the click
  });
});
