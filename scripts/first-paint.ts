/**
 * `npm run bench:ui`: how long browser mode takes to start and to show the city, measured in Debian
 * Chromium on a fresh database (first start seeds the training city). Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'uia-paint-'));
const rows: Record<string, number>[] = [];
for (const run of ['first start (empty database)', 'second start']) {
  const t0 = performance.now();
  const server = spawn(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'core/server/main.ts'), '--db', join(dir, 'paint.sqlite')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok) => { let o = ''; server.stdout!.on('data', (c: Buffer) => { o += c; const m = /Open: (\S+)/.exec(o); if (m) ok(m[1]!); }); });
  const serverMs = performance.now() - t0;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const t1 = performance.now();
  await page.goto(url);
  await page.waitForSelector('canvas.maplibregl-canvas');
  const canvasMs = performance.now() - t1;
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
  rows.push({ run: rows.length, serverReadyMs: Math.round(serverMs), mapCanvasMs: Math.round(canvasMs), cityDrawnMs: Math.round(performance.now() - t1) });
  console.log(run);
  await browser.close();
  server.kill();
  await new Promise((r) => server.once('exit', r));
}
console.table(rows);
rmSync(dir, { recursive: true, force: true });
