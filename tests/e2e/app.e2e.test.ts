/**
 * End to end, as a planner would: browser mode in Debian Chromium, the training city on the map,
 * a polygon drawn by mouse, the residents figure read from the panel and checked against the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ARTIFACTS, REPO, drawPolygon, startBrowserMode, waitForMap, type BrowserMode } from '../support/browser-mode';

let app: BrowserMode;
beforeAll(async () => { app = await startBrowserMode(); });
afterAll(async () => { await app?.stop(); });

// Around the centre of the training city (METHOD-independent: just a polygon over the old town).
const CENTRE: [number, number][] = [[2.9935, 0.4945], [3.0075, 0.4935], [3.0085, 0.5065], [2.994, 0.507]];

describe('browser mode', () => {
  it('shows the training city, draws an area by mouse and shows the residents the CLI computes', async () => {
    const { page } = app;
    await waitForMap(page);
    expect(await page.locator('.badge.synthetic').count()).toBe(1);
    // The per-launch token was read and taken out of the address bar (issue 15), and calls still work.
    expect(await page.evaluate(() => location.hash)).toBe('');
    // The city is drawn: the canvas is not a flat background.
    const distinctColours = await page.evaluate(() => {
      const canvas = document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement;
      const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: true }) ?? canvas.getContext('webgl2');
      if (!gl) return 0;
      const w = gl.drawingBufferWidth; const h = gl.drawingBufferHeight;
      const px = new Uint8Array(w * h * 4);
      gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
      const seen = new Set<number>();
      for (let i = 0; i < px.length; i += 4 * 97) seen.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
      return seen.size;
    });
    await drawPolygon(page, CENTRE);
    const residents = page.getByTestId('residents').first();
    await expect.poll(async () => (await residents.textContent()) ?? '', { timeout: 30_000 }).toMatch(/^[\d,]+$/);
    const shown = Number((await residents.textContent())!.replace(/,/g, ''));
    await page.screenshot({ path: join(ARTIFACTS, 'app-drawn-area.png') });
    expect(shown).toBeGreaterThan(1000);

    // The same polygon through the CLI gives the same figure.
    const drawn = await page.evaluate(() => (window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas());
    expect(drawn).toHaveLength(1);
    const areaFile = join(ARTIFACTS, 'drawn-area.geojson');
    writeFileSync(areaFile, JSON.stringify(drawn[0]));
    const cli = JSON.parse(execFileSync(process.execPath, [join(REPO, 'bin/uia.js'), 'assess', '--dataset', 'Meridia (synthetic training city)', '--area', areaFile, '--db', app.dbPath, '--runs', '50', '--json'], { encoding: 'utf8' }));
    expect(Math.round(cli.exposed.residents)).toBe(shown);
    expect(distinctColours).toBeGreaterThan(5);
  });
});
