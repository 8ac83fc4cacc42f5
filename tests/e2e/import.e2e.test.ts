/**
 * Importing a real city through the UI: Porto's OSM extract and 2021 census (read from
 * ../shared/data, never copied), with the progress bar visible, then the new dataset on the map.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData } from '../support/shared-data';
import { join } from 'node:path';
import { ARTIFACTS, openInLanguage, startBrowserMode, waitForMap, type BrowserMode } from '../support/browser-mode';

const PORTO = sharedData('osm/porto-centre-2020.osm.pbf', 'population/porto-ine-bgri2021-1312.gpkg');
const HELSINKI = sharedData('population/helsinki-hsy-population-grid-2020.gpkg');

let app: BrowserMode;
beforeAll(async () => { app = await startBrowserMode(); });
afterAll(async () => { await app?.stop(); });

describe('import in the UI', () => {
  it('imports Porto with a progress bar and shows it on the map', async () => {
    const { page } = app;
    await waitForMap(page);
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-files').fill(PORTO.join('\n'));
    await page.getByTestId('import-dataset').fill('Porto centre');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-progress').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'import-progress.png') });
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 240_000 });
    const text = (await report.textContent())!;
    expect(text).toMatch(/porto-centre-2020\.osm\.pbf/);
    expect(text).toMatch(/231,?800|231800/);
    await page.screenshot({ path: join(ARTIFACTS, 'import-report.png') });
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('select[aria-label="Dataset"]').inputValue()).not.toBe('1');
    await waitForMap(page);
    await page.screenshot({ path: join(ARTIFACTS, 'import-porto-map.png') });
  }, 360_000); // the import, then the map drawing Porto's tiles as it asks for them: well over the default on a loaded machine

  it('words the report in French', async () => {
    const { page } = app;
    await openInLanguage(page, app.url, 'fr');
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-files').fill(HELSINKI.join('\n'));
    await page.getByTestId('import-dataset').fill('Helsinki');
    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 120_000 });
    const text = (await report.textContent())!;
    expect(text).toMatch(/^helsinki-hsy-population-grid-2020\.gpkg \(gpkg, EPSG:\d+, \d+,\d s\) : unités de population : 92 \(résidents : 71\s724\)/);
    expect(text).toMatch(/jeu de données « Helsinki » : /);
    expect(text).not.toMatch(/\b(units|residents|buildings|inferred)\b/);
    await page.screenshot({ path: join(ARTIFACTS, 'import-report-fr.png') });
  }, 240_000);
});
