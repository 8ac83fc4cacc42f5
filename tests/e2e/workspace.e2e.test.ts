/**
 * The planner's workspace end to end in Debian Chromium: two options drawn, a profile changed and
 * the results following, options compared, PDF and CSV exported and read back, a reload that
 * restores the work, and undo of a vertex move. Screenshots of each main screen go to tests/artifacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, drawPolygon, startBrowserMode, waitForMap, type BrowserMode } from '../support/browser-mode';

let app: BrowserMode;
beforeAll(async () => { app = await startBrowserMode(); });
afterAll(async () => { await app?.stop(); });

const OPTION_A: [number, number][] = [[2.9960, 0.4960], [3.0040, 0.4960], [3.0040, 0.5040], [2.9960, 0.5040]];
const OPTION_B: [number, number][] = [[3.0120, 0.4880], [3.0180, 0.4880], [3.0180, 0.4940], [3.0120, 0.4940]];

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

describe('planner workspace', () => {
  it('draws, assesses, compares, exports, restores and undoes', async () => {
    const { page } = app;
    await waitForMap(page);

    // Option A: draw, see the estimate with protected sites first.
    await drawPolygon(page, OPTION_A);
    await page.getByTestId('killed').waitFor({ timeout: 30_000 });
    const killedMedium = num(await page.getByTestId('killed').locator('strong').textContent());
    expect(await page.getByTestId('protected-sites').locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-estimate.png') });

    // A long Monte Carlo shows its progress and can be cancelled.
    await page.getByLabel('Monte Carlo runs').selectOption('100000');
    await page.getByTestId('detailed-start').click();
    await expect.poll(async () => num(await page.getByTestId('detailed-progress').textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-long-run.png') });
    await page.getByTestId('detailed-cancel').click();
    await page.getByText('Cancelled.').waitFor({ timeout: 30_000 });

    // Change the profile to "high": the estimate must rise.
    await page.getByTestId('tab-areas').click();
    await page.getByTestId('profile-select').selectOption('high');
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-profile.png') });
    await page.getByTestId('tab-estimate').click();
    await expect.poll(async () => num(await page.getByTestId('killed').locator('strong').textContent()), { timeout: 30_000 }).toBeGreaterThan(killedMedium);

    // Save A; replace the drawing with B and save it.
    await page.getByTestId('tab-options').click();
    await page.getByTestId('option-name').fill('Option A (old town, high)');
    await page.getByTestId('save-option').click();
    await page.getByTestId('option-check').first().waitFor();
    // Run and save: the explicit, stored run of the saved option (the live figures are a preview).
    expect(await page.getByTestId('run-save-status').count()).toBe(0);
    await page.getByTestId('run-save').first().click();
    await expect.poll(async () => (await page.getByTestId('run-save-status').first().textContent()) ?? '', { timeout: 60_000 }).toMatch(/^Saved run #\d+ \(1,000 runs\)\.$/);
    await page.getByTestId('undo').click(); // undo the profile change -> medium
    await page.getByTestId('undo').click(); // undo the drawing
    await expect.poll(() => page.evaluate(() => (window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas().length)).toBe(0);
    await page.getByTestId('mode-polygon').click();
    await drawPolygon(page, OPTION_B);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas().length)).toBe(1);
    await page.getByTestId('option-name').fill('Option B (east)');
    await page.getByTestId('save-option').click();
    await expect.poll(() => page.getByTestId('option-check').count()).toBe(2);

    // Compare.
    for (const box of await page.getByTestId('option-check').all()) await box.check();
    await page.getByTestId('compare').click();
    await page.getByTestId('comparison').waitFor({ timeout: 60_000 });
    const table = await page.getByTestId('comparison').locator('tbody').first().textContent();
    expect(table).toContain('Option A (old town, high)');
    expect(table).toContain('Option B (east)');
    // issue 17: each option's people displaced beside its casualties
    const displaced = await page.getByTestId('option-displaced').allTextContents();
    expect(displaced).toHaveLength(2);
    for (const d of displaced) expect(d).toMatch(/^[\d,]+ \([\d,<]+ ?–[\d,]+\)$/);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-compare.png') });

    // Export CSV and read it back.
    await page.getByTestId('tab-estimate').click();
    await page.getByTestId('killed').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csvPath = join(ARTIFACTS, 'workspace-export.csv');
    await download.saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv).toMatch(/^"?Incidental civilian harm estimate: /);
    expect(csv).toMatch(/inform, and do not replace, human judgement/);
    expect(csv).toMatch(/^Casualties,All civilians,Killed \(\w+\),[\d.]+,[\d.]+,[\d.]+,[\d.]+,people$/m);
    expect(csv).toMatch(/^Casualties by group,Elderly,Killed,/m);
    expect(csv).toMatch(/^Essential services,Water,People without the service,/m);
    expect(csv).toMatch(/^Dataset content hash \(sha256\),[0-9a-f]{64}$/m);

    // Export the PDF (print stylesheet) and read its text.
    const pdfPath = join(ARTIFACTS, 'workspace-report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Protected sites');
    expect(text).toContain('Assumptions and sources');
    expect(text).toMatch(/inform, and do not replace/);
    expect(text).toMatch(/Hazus/);
    expect(text).toMatch(/content hash [0-9a-f]{64}/);
    // printed at once: the map image is there or being drawn, never said to be unavailable
    expect(text).not.toContain('map not available');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(ARTIFACTS, 'workspace-report-page')]);
    // printed once the map image is made (as the PDF button waits for it): the map is on page one
    await page.waitForSelector('[data-testid="print-report"][data-map-ready="true"]', { state: 'attached', timeout: 60_000 });
    const withMap = join(ARTIFACTS, 'workspace-report-map.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: withMap, format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const withMapText = execFileSync('pdftotext', ['-layout', withMap, '-'], { encoding: 'utf8' });
    expect(withMapText).toMatch(/incidental civilian harm estimate/);
    expect(withMapText).not.toMatch(/map being drawn|map not available/);
    const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', withMap], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images.length).toBeGreaterThanOrEqual(1);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', withMap, join(ARTIFACTS, 'workspace-report-map-page')]);

    // Reload: the working option and the saved options come back.
    const before = await page.evaluate(() => JSON.stringify((window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas()));
    await page.waitForTimeout(800); // autosave is debounced
    await page.reload();
    await waitForMap(page);
    await expect.poll(() => page.evaluate(() => JSON.stringify((window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas())), { timeout: 20_000 }).toBe(before);
    await page.getByTestId('tab-options').click();
    await expect.poll(() => page.getByTestId('option-check').count()).toBe(2);

    // Undo a vertex move: select the area, drag a corner, undo.
    await page.getByTestId('tab-estimate').click();
    await page.getByTestId('mode-select').click();
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const pts = await page.evaluate((ll) => ll.map((p) => (window as unknown as { __uiaProject(p: [number, number]): { x: number; y: number } }).__uiaProject(p)), [OPTION_B[0]!, [(OPTION_B[0]![0] + OPTION_B[2]![0]) / 2, (OPTION_B[0]![1] + OPTION_B[2]![1]) / 2] as [number, number]]);
    await page.mouse.click(box.x + pts[1]!.x, box.y + pts[1]!.y); // select the feature
    await page.waitForTimeout(200);
    const corner = (await page.evaluate(() => (window as unknown as { __uiaAreas(): { coordinates: number[][][] }[] }).__uiaAreas()[0]!.coordinates[0]![0]!)) as [number, number];
    const c = await page.evaluate((p) => (window as unknown as { __uiaProject(p: [number, number]): { x: number; y: number } }).__uiaProject(p), corner);
    await page.mouse.move(box.x + c.x, box.y + c.y);
    await page.mouse.down();
    await page.mouse.move(box.x + c.x - 40, box.y + c.y + 30, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.evaluate(() => JSON.stringify((window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas()))).not.toBe(before);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-vertex-moved.png') });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.evaluate(() => JSON.stringify((window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas()))).toBe(before);
  });
});
