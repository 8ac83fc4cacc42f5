/**
 * The basemap in Chromium: on the training city (first start, no import) and on Porto, the map
 * draws street and place names from the dataset's own tiles, offline, with the attribution visible.
 * Screenshots at 1366x768 go to tests/artifacts/ for a person to judge whether the place is recognisable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, drawPolygon, startBrowserMode, waitForMap, type BrowserMode } from '../support/browser-mode';
import { openStore } from '../../core/store/db';
import { importFiles } from '../../core/import/pipeline';
import { osm, population } from '../import/helpers';

const STREET_LAYERS = ['basemap-roads_labels_minor', 'basemap-roads_labels_major'];
const PLACE_LAYERS = ['basemap-places_subplace', 'basemap-places_locality'];
const OUR_LABELS = ['facilities-label', 'protected-label'];

type LabelsFn = (center: [number, number], zoom: number, layers: string[]) => Promise<string[]>;
async function labelsAt(app: BrowserMode, center: [number, number], zoom: number, layers: string[]) {
  const found = await app.page.evaluate(([c, z, l]) => (window as unknown as { __uiaLabels: LabelsFn }).__uiaLabels(c, z, l), [center, zoom, layers] as const);
  return found.map((s) => { const [layer, name] = s.split('|'); return { layer: layer!, name: name! }; });
}

describe('basemap: training city', () => {
  let app: BrowserMode;
  beforeAll(async () => { app = await startBrowserMode(); await waitForMap(app.page); }, 180_000);
  afterAll(async () => { await app?.stop(); });

  it('shows street, district and facility names and the attribution, with no eval in the CSP', async () => {
    await app.page.evaluate(() => document.addEventListener('securitypolicyviolation', (e) => ((window as unknown as { __csp: string[] }).__csp ??= []).push(e.violatedDirective)));
    const csp = (await fetch(app.url.split('#')[0]!)).headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const streets = await labelsAt(app, [3.0, 0.5], 15.5, STREET_LAYERS);
    expect(streets.some((l) => /(Street|Road)$/.test(l.name))).toBe(true);
    expect(streets.some((l) => /(Avenue|Boulevard)$/.test(l.name))).toBe(true);
    const places = await labelsAt(app, [3.0, 0.5], 13.5, PLACE_LAYERS);
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-training-z13.png') });
    const districts = ['Oldgate', 'Crown Quarter', 'Северное поле', 'Southmere', 'Westbrook', 'Eastworks', 'Lowmarsh', 'حي الميناء'];
    expect(places.map((l) => l.name)).toContain('Meridia');
    expect(places.filter((l) => districts.includes(l.name)).length).toBeGreaterThanOrEqual(3);
    // Arabic and Cyrillic local names, drawn with the bundled fonts (look at the screenshots: joined, right to left)
    expect((await labelsAt(app, [3.0198, 0.5208], 14.5, PLACE_LAYERS)).map((l) => l.name)).toContain('حي الميناء');
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-training-arabic.png') });
    const map = (await app.page.locator('[data-testid="map"]').boundingBox())!;
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-training-arabic-detail.png'), clip: { x: map.x + map.width / 2 - 120, y: map.y + map.height / 2 - 40, width: 240, height: 80 } });
    expect((await labelsAt(app, [2.9982, 0.5199], 14.5, PLACE_LAYERS)).map((l) => l.name)).toContain('Северное поле');
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-training-cyrillic.png') });
    const ours = await labelsAt(app, [3.0027, 0.4982], 16, OUR_LABELS);
    expect(ours.map((l) => l.name)).toContain('Meridia Central Hospital');
    await expect.poll(() => app.page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('Synthetic data');
    expect(await app.page.locator('.maplibregl-ctrl-attrib').isVisible()).toBe(true);
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-training-z16.png') });
    expect(await app.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
  }, 120_000);

  it('names a protected site in its hover card and a drawn area on the map', async () => {
    const museum: [number, number] = [2.9989221, 0.5005426]; // 'Old Town Museum' in the generator (-120 m, +60 m)
    await labelsAt(app, museum, 16.5, []);
    const p = await app.page.evaluate((ll) => (window as unknown as { __uiaProject(p: [number, number]): { x: number; y: number } }).__uiaProject(ll), museum);
    const box = (await app.page.locator('[data-testid="map"]').boundingBox())!;
    await app.page.mouse.move(box.x + p.x, box.y + p.y);
    const card = app.page.getByTestId('protected-card');
    await expect.poll(() => card.innerText(), { timeout: 10_000 }).toContain('Old Town Museum');
    expect(await card.innerText()).toMatch(/cultural property[\s\S]*People present: 150[\s\S]*Source: /i);
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-training-site-card.png') });
    await app.page.mouse.move(box.x + 5, box.y + box.height - 5);
    const d = 0.0015;
    await drawPolygon(app.page, [[museum[0] - d, museum[1] - d], [museum[0] + d, museum[1] - d], [museum[0] + d, museum[1] + d], [museum[0] - d, museum[1] + d]]);
    await expect.poll(async () => (await labelsAt(app, museum, 16, ['area-label'])).map((l) => l.name), { timeout: 15_000 }).toContain('Area 1');
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-training-area-label.png') });
  }, 120_000);
});

describe('basemap: the user\'s own file', () => {
  let app: BrowserMode;
  const dir = mkdtempSync(join(tmpdir(), 'uia-e2e-own-basemap-'));
  beforeAll(async () => { app = await startBrowserMode(); await waitForMap(app.page); }, 180_000);
  afterAll(async () => { await app?.stop(); rmSync(dir, { recursive: true, force: true }); });

  it('draws an MBTiles written by GDAL under the dataset, refuses a corrupt file in one line, and switches back', async () => {
    // a vector MBTiles in a schema of its own (layer "streets"), as ogr2ogr writes it
    const geojson = join(dir, 'agency.geojson');
    writeFileSync(geojson, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { name: 'Agency Road' }, geometry: { type: 'LineString', coordinates: [[2.99, 0.5003], [3.01, 0.5003]] } },
      { type: 'Feature', properties: { name: 'Survey Park' }, geometry: { type: 'Polygon', coordinates: [[[2.995, 0.495], [3.0, 0.495], [3.0, 0.499], [2.995, 0.499], [2.995, 0.495]]] } },
    ] }));
    const mbtiles = join(dir, 'agency.mbtiles');
    execFileSync('ogr2ogr', ['-q', '-f', 'MBTiles', mbtiles, geojson, '-nln', 'streets', '-dsco', 'MINZOOM=10', '-dsco', 'MAXZOOM=16']);
    const corrupt = join(dir, 'corrupt.pmtiles');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('PMTiles'), Buffer.from([3]), Buffer.alloc(40, 0xff)]));

    const page = app.page;
    await page.getByTestId('open-basemap').click();
    await page.getByTestId('basemap-path').fill(corrupt);
    await page.getByTestId('basemap-add').click();
    await expect.poll(() => page.getByTestId('basemap-error').innerText()).toMatch(/^path: corrupt\.pmtiles is not a readable PMTiles archive/);
    await page.screenshot({ path: join(ARTIFACTS, 'basemap-own-refused.png') });
    await page.getByTestId('basemap-path').fill(mbtiles);
    await page.getByTestId('basemap-add').click();
    await expect.poll(() => page.getByTestId('basemap-own').isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('dialog', { name: 'Basemap' }).innerText()).toContain('agency.mbtiles');
    await page.screenshot({ path: join(ARTIFACTS, 'basemap-own-dialog.png') });
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(async () => (await labelsAt(app, [3.0, 0.5], 15.5, ['basemap-own-streets-label', 'basemap-own-streets-line-label'])).map((l) => l.name), { timeout: 15_000 }).toContain('Agency Road');
    // the built-in street names are gone (not drawn over), the dataset's facilities stay on top
    expect(await labelsAt(app, [3.0, 0.5], 15.5, STREET_LAYERS)).toEqual([]);
    // the legend follows: the file by name and its plain style, not the built-in street/water/park
    const legend = page.locator('.map-wrap [data-testid="legend-basemap"]');
    await expect.poll(() => legend.innerText(), { timeout: 10_000 }).toContain('Your file: agency.mbtiles');
    expect(await legend.innerText()).toMatch(/line in the file[\s\S]*area in the file[\s\S]*building/i);
    expect(await legend.innerText()).not.toMatch(/\b(street|water|park)\b/i);
    await page.locator('.map-wrap .legend').screenshot({ path: join(ARTIFACTS, 'basemap-own-legend.png') });
    // the printed report's map is drawn from the same view: its legend says the same
    await drawPolygon(page, [[2.998, 0.498], [3.002, 0.498], [3.002, 0.502], [2.998, 0.502]]);
    const printed = page.locator('[data-testid="print-report"] [data-testid="legend-basemap"]');
    await expect.poll(() => printed.count(), { timeout: 60_000 }).toBe(1);
    expect(await printed.textContent()).toContain('Your file: agency.mbtiles');
    expect(await printed.textContent()).not.toMatch(/street|water|park/i);
    await page.screenshot({ path: join(ARTIFACTS, 'basemap-own-file-z15.png') });

    await page.getByTestId('open-basemap').click();
    await page.getByTestId('basemap-builtin').click();
    await expect.poll(() => page.getByTestId('basemap-builtin').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(async () => (await labelsAt(app, [3.0, 0.5], 15.5, STREET_LAYERS)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await labelsAt(app, [3.0, 0.5], 15.5, ['basemap-own-streets-label', 'basemap-own-streets-line-label'])).toEqual([]);
    await expect.poll(() => legend.innerText()).toMatch(/street[\s\S]*water[\s\S]*park[\s\S]*building/i);
    expect(await legend.innerText()).not.toContain('agency.mbtiles');
    await expect.poll(() => printed.textContent()).not.toContain('agency.mbtiles');
  }, 180_000);
});

describe('basemap: Porto', () => {
  let app: BrowserMode;
  const dir = mkdtempSync(join(tmpdir(), 'uia-e2e-porto-'));
  beforeAll(async () => {
    const dbPath = join(dir, 'porto.sqlite');
    const db = openStore(dbPath);
    await importFiles(db, [osm('porto-centre-2020.osm.pbf'), population('porto-ine-bgri2021-1312.gpkg')], { dataset: 'Porto' });
    db.close();
    app = await startBrowserMode({ dbPath });
    await waitForMap(app.page);
  }, 300_000);
  afterAll(async () => { await app?.stop(); rmSync(dir, { recursive: true, force: true }); });

  it('shows Porto\'s streets and the OpenStreetMap attribution', async () => {
    const streets = await labelsAt(app, [-8.6110, 41.1478], 16, STREET_LAYERS);
    expect(streets.map((l) => l.name)).toContain('Avenida dos Aliados');
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-porto-aliados-z16.png') });
    await labelsAt(app, [-8.6125, 41.1440], 14, STREET_LAYERS);
    await app.page.screenshot({ path: join(ARTIFACTS, 'basemap-porto-centre-z14.png') });
    await expect.poll(() => app.page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('© OpenStreetMap contributors');
  }, 120_000);
});
