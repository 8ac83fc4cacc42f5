/**
 * The EditingPanel in Debian Chromium against a real backend over the HTTP transport: author, a
 * refused negative capacity shown at the field, kinds limited to the sector, a self-dependency
 * refused with the reason, a dependency drawn by picking supplier then consumer, undo, history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openBackend, type Backend } from '../../core/api/backend';
import { startHttpTransport, type HttpTransport } from '../../core/server/http';
import { loadDataset } from '../../core/store/datasets';

const REPO = resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = join(REPO, 'tests', 'artifacts');
let dir: string; let backend: Backend; let http: HttpTransport; let browser: Browser; let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uia-editing-ui-'));
  const web = join(dir, 'web');
  mkdirSync(web);
  await build({
    entryPoints: [join(import.meta.dirname, 'harness', 'main.tsx')], bundle: true, format: 'esm', outdir: web, jsx: 'automatic',
    loader: { '.css': 'css' }, logLevel: 'silent', define: { 'process.env.NODE_ENV': '"development"' },
  });
  writeFileSync(join(web, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/main.css"></head><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>');
  backend = openBackend(join(dir, 'ui.sqlite'));
  http = await startHttpTransport(backend, { staticDir: web });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  page = await browser.newPage({ viewport: { width: 520, height: 1400 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(http.url);
});
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await http?.close();
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pick = (p: { lonLat: [number, number]; facilityId: string | null }) => page.evaluate((x) => window.__uiaPick!(x), p);

describe('EditingPanel', () => {
  it('edits a hospital, refuses bad edits with the reason, draws a dependency on the map, undoes', async () => {
    const city = loadDataset(backend.db, 1);
    const hospital = city.facilities.find((f) => f.kind === 'hospital')!;
    const substation = city.facilities.find((f) => f.kind === 'substation' && !city.dependencies.some((d) => d.consumerId === hospital.id && d.supplierId === f.id))!;

    // The name is asked before the first edit: no editing form until it is given.
    await page.getByTestId('author-first').waitFor();
    expect(await page.getByTestId('facility-search').count()).toBe(0);
    await page.getByTestId('author-input').fill('Eng. Lina');
    await page.getByTestId('author-save').click();
    await expect.poll(async () => (await backend.call('settings.getAuthor', {})).ok && backend.db.prepare("SELECT value FROM settings WHERE key='author'").pluck().get()).toBe('Eng. Lina');

    // Chosen by a click on the map: one beside every facility asks again, one on the substation chooses it.
    await page.getByTestId('finder-pick').click();
    expect(await pick({ lonLat: [0, 0], facilityId: null })).toBe(true);
    await expect.poll(() => page.getByText('No facility under that click').count()).toBe(1);
    expect(await pick({ lonLat: [0, 0], facilityId: substation.id })).toBe(true);
    await expect.poll(() => page.getByTestId('f-name').inputValue().catch(() => '')).toBe(substation.name);
    expect(await pick({ lonLat: [0, 0], facilityId: hospital.id })).toBe(false); // picking ended with the choice

    await page.getByTestId('facility-search').fill(hospital.name);
    await page.getByTestId('facility-row').first().getByRole('button').click();
    const form = page.getByTestId('facility-form');
    await form.waitFor();
    expect(await page.getByTestId('f-name').inputValue()).toBe(hospital.name);

    // kinds follow the sector
    await page.getByTestId('f-sector').selectOption('water');
    expect(await page.getByTestId('f-kind').locator('option').allTextContents()).toEqual(['treatment plant', 'pumping station', 'reservoir', 'well']);
    await page.getByTestId('f-sector').selectOption('health');
    await page.getByTestId('f-kind').selectOption('hospital');

    // a negative capacity is refused with the reason, at the field
    await page.getByTestId('f-beds').fill('-5');
    await page.getByTestId('save-facility').click();
    await expect.poll(() => page.getByTestId('facility-error').textContent()).toContain('changes.capacity.beds');
    expect(await page.getByTestId('f-beds').getAttribute('aria-invalid')).toBe('true');
    expect(loadDataset(backend.db, 1).facilities.find((f) => f.id === hospital.id)!.capacity.beds).toBe(hospital.capacity.beds);

    await page.getByTestId('f-beds').fill('500');
    await page.getByTestId('save-facility').click();
    await expect.poll(() => loadDataset(backend.db, 1).facilities.find((f) => f.id === hospital.id)!.capacity.beds).toBe(500);
    await expect.poll(() => page.getByTestId('history-row').first().textContent()).toContain(`${hospital.name}: beds ${hospital.capacity.beds!.toLocaleString('en-GB')} → 500`);
    expect(await page.getByTestId('history-row').first().textContent()).toContain('Eng. Lina');

    // a self-dependency is refused with the reason
    await page.getByTestId('dep-supplier').selectOption(hospital.id);
    await page.getByTestId('add-dependency').click();
    await expect.poll(() => page.getByTestId('dependency-error').textContent()).toBe('supplierId: a facility cannot depend on itself');
    expect(await page.getByTestId('dep-supplier').getAttribute('aria-invalid')).toBe('true');

    // draw on the map: supplier, then consumer
    const depsBefore = await page.getByTestId('dependency-row').count();
    await page.getByTestId('dep-draw').click();
    await page.getByTestId('pick-banner').waitFor();
    expect(await pick({ lonLat: [0, 0], facilityId: substation.id })).toBe(true);
    expect(await pick({ lonLat: [0, 0], facilityId: hospital.id })).toBe(true);
    expect(await page.getByTestId('dep-supplier').inputValue()).toBe(substation.id);
    expect(await page.getByTestId('dep-consumer').inputValue()).toBe(hospital.id);
    await page.getByTestId('dep-backup').fill('2.5');
    await page.getByTestId('add-dependency').click();
    await expect.poll(() => page.getByTestId('dependency-row').count()).toBe(depsBefore + 1);
    expect(loadDataset(backend.db, 1).dependencies.at(-1)).toMatchObject({ supplierId: substation.id, consumerId: hospital.id, input: 'power', backupDays: 2.5 });
    await page.screenshot({ path: (mkdirSync(ARTIFACTS, { recursive: true }), join(ARTIFACTS, 'editing-panel.png')), fullPage: true });

    // backup days edited in the table
    const row = page.getByTestId('dependency-row').last();
    await row.getByTestId('dep-backup-edit').fill('4');
    await row.getByTestId('dep-backup-edit').press('Enter');
    await expect.poll(() => loadDataset(backend.db, 1).dependencies.at(-1)!.backupDays).toBe(4);

    // undo twice: backup days, then the dependency
    await page.getByTestId('undo-edit').click();
    await expect.poll(() => loadDataset(backend.db, 1).dependencies.at(-1)!.backupDays).toBe(2.5);
    await page.getByTestId('undo-edit').click();
    await expect.poll(() => page.getByTestId('dependency-row').count()).toBe(depsBefore);
    await expect.poll(() => page.getByTestId('history-row').count()).toBe(5);
    await expect.poll(() => page.locator('tr.undone').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('adds a facility at a point picked on the map, gives it the drawn service area, deletes it', async () => {
    await page.getByTestId('add-facility').click();
    await page.getByTestId('new-facility').waitFor();
    expect(await pick({ lonLat: [3.001, 0.501], facilityId: null })).toBe(true);
    expect(await page.getByTestId('new-facility').getByTestId('f-lon').inputValue()).toBe('3.001000');
    await page.getByTestId('new-facility').getByTestId('f-name').fill('Field clinic');
    await page.getByTestId('new-facility').getByTestId('f-beds').fill('12');
    await page.getByTestId('create-facility').click();
    await page.getByTestId('facility-form').waitFor();
    expect(await page.getByTestId('f-name').inputValue()).toBe('Field clinic');
    const created = loadDataset(backend.db, 1).facilities.find((f) => f.name === 'Field clinic')!;
    expect(created).toMatchObject({ sector: 'health', kind: 'clinic', capacity: { beds: 12 }, geometry: { coordinates: [3.001, 0.501] } });

    await page.evaluate(() => window.__uiaDraw!({ type: 'Polygon', coordinates: [[[3, 0.5], [3.002, 0.5], [3.002, 0.502], [3, 0.502], [3, 0.5]]] }));
    await page.getByTestId('add-area').click();
    await expect.poll(() => page.getByTestId('service-area-row').count()).toBe(1);

    await page.getByTestId('delete-facility').click();
    await expect.poll(() => loadDataset(backend.db, 1).facilities.some((f) => f.id === created.id)).toBe(false);
    await expect.poll(() => page.getByTestId('facility-form').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
