/**
 * Starts the real browser mode (`core/server/main.ts`) on a temp database and a real Debian Chromium
 * through playwright-core, for end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = join(REPO, 'tests', 'artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserMode { url: string; dbPath: string; server: ChildProcess; browser: Browser; page: Page; stop(): Promise<void> }

export async function startBrowserMode(opts: { dbPath?: string; viewport?: { width: number; height: number } } = {}): Promise<BrowserMode> {
  const dir = mkdtempSync(join(tmpdir(), 'uia-e2e-'));
  const dbPath = opts.dbPath ?? join(dir, 'e2e.sqlite');
  const server = spawn(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'core/server/main.ts'), '--db', dbPath], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolvePromise, reject) => {
    let out = ''; let err = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}${err}`)), 120_000);
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open: (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolvePromise(m[1]!); }
    });
    server.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`browser mode exited with ${code}: ${err}`)); });
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1366, height: 768 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    url, dbPath, server, browser, page,
    async stop() {
      await browser.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until maplibre has drawn the dataset layers (the page marks the map idle). */
export async function waitForMap(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: timeoutMs });
}

/** The app at `appUrl` in a language (?lang= goes before the #token fragment), once its map is drawn. */
export async function openInLanguage(page: Page, appUrl: string, lang: string, timeoutMs?: number): Promise<void> {
  const u = new URL(appUrl);
  if (lang) u.searchParams.set('lang', lang);
  await page.goto(u.toString());
  await waitForMap(page, timeoutMs);
}

/** Clicks the given lon/lat positions on the map, double-clicking the last to close a polygon. */
export async function drawPolygon(page: Page, lonLats: [number, number][]): Promise<void> {
  const points = await page.evaluate((ll) => (window as unknown as { __uiaProject(p: [number, number]): { x: number; y: number } }).__uiaProject ? ll.map((p) => (window as unknown as { __uiaProject(p: [number, number]): { x: number; y: number } }).__uiaProject(p)) : [], lonLats);
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  for (const p of points) {
    await page.mouse.move(box.x + p.x, box.y + p.y);
    await page.mouse.click(box.x + p.x, box.y + p.y);
    await page.waitForTimeout(80);
  }
  // terra-draw closes a polygon when its first point is clicked again.
  await page.mouse.click(box.x + points[0]!.x, box.y + points[0]!.y);
}
