/**
 * Diagnostic for issue 11 part 6: a Chromium performance trace (CDP Tracing) of the window from the
 * mouse-up closing a drawn area to the headline figures rendered, on the training city, after one
 * cold and WARM (default 1) warm drawings. Writes the trace to TRACE_OUT (default
 * /tmp/uia-preview-trace.json; open it in Chrome's Performance panel or Perfetto), with user-timing marks
 * bench:up, bench:killed-in-dom, bench:shown and bench:committed. Prints each drawing's time to the
 * frame that paints the figures and to that frame's commit. Asserts nothing.
 * Build the renderer first (`npx vite build`, `--minify false` for readable function names).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openWorkerBackend } from '../core/worker/worker-backend';
import { startHttpTransport } from '../core/server/http';
import { drawPolygon, CHROMIUM } from '../tests/support/browser-mode';

const repo = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'uia-trace-'));
const out = process.env.TRACE_OUT ?? '/tmp/uia-preview-trace.json';
const browserArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

const backend = openWorkerBackend(join(dir, 'trace.sqlite'));
await backend.ready();
const http = await startHttpTransport(backend, { staticDir: join(repo, 'dist/renderer') });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: browserArgs });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(http.url);
await page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 120_000 });
await page.waitForTimeout(1000);

/** The same "rendered" rule as scripts/first-paint.ts: the frame after the killed figure appears. */
async function arm(p: Page) {
  await p.evaluate(() => {
    const w = window as unknown as { __bench: { up: number; shown: number } };
    w.__bench = { up: 0, shown: 0 };
    document.addEventListener('pointerup', () => { w.__bench.up = performance.now(); w.__bench.shown = 0; performance.mark('bench:up'); }, { capture: true });
    new MutationObserver(() => {
      if (w.__bench.up && !w.__bench.shown && document.querySelector('[data-testid="killed"]')) {
        w.__bench.shown = -1;
        performance.mark('bench:killed-in-dom');
        requestAnimationFrame(() => {
          w.__bench.shown = performance.now(); performance.mark('bench:shown');
          const c = new MessageChannel();
          c.port1.onmessage = () => { (w.__bench as { committed?: number }).committed = performance.now(); performance.mark('bench:committed'); };
          c.port2.postMessage(0);
        });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const ring = (lon: number, lat: number, d: number): [number, number][] => [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]];
async function draw(p: Page, at: [number, number]) {
  await arm(p);
  await p.getByTestId('mode-polygon').click();
  await drawPolygon(p, ring(at[0], at[1], 0.004));
  await p.waitForFunction(() => (window as unknown as { __bench: { shown: number } }).__bench.shown > 0, undefined, { timeout: 120_000 });
  await p.waitForTimeout(100);
  const ms = await p.evaluate(() => { const b = (window as unknown as { __bench: { up: number; shown: number; committed: number } }).__bench; return `${Math.round(b.shown - b.up)} / committed ${Math.round(b.committed - b.up)}`; });
  await p.waitForTimeout(3000); // let the deferred work after the headline finish, so it is in the trace too
  while (await p.evaluate(() => (window as unknown as { __uiaAreas(): unknown[] }).__uiaAreas().length) > 0) await p.getByTestId('undo').click();
  await p.waitForSelector('[data-testid="killed"]', { state: 'detached' });
  await p.waitForTimeout(3000);
  return ms;
}
console.log('warm-up drawing (cold city):', await draw(page, [2.997, 0.4985]), 'ms');
for (let i = 0; i < Number(process.env.WARM ?? 1); i++) console.log('warm drawing:', await draw(page, [3.0 + (i % 3 - 1) * 0.003, 0.4985 + (i % 2) * 0.003]), 'ms');

const cdp = await page.context().newCDPSession(page);
const chunks: unknown[] = [];
cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => { chunks.push(...e.value); });
const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
await cdp.send('Tracing.start', {
  transferMode: 'ReportEvents',
  traceConfig: {
    includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink', 'cc', 'gpu', 'viz', 'toplevel', 'loading', 'latencyInfo', 'benchmark'],
  },
});
console.log('traced drawing:', await draw(page, [3.003, 0.5015]), 'ms');
await cdp.send('Tracing.end');
await done;
writeFileSync(out, JSON.stringify({ traceEvents: chunks }));
console.log(`trace: ${out} (${chunks.length} events)`);
await browser.close();
await http.close();
await backend.close();
rmSync(dir, { recursive: true, force: true });
