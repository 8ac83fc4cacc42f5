/**
 * Languages end to end, in Debian Chromium on the built renderer:
 * - the pseudo language (?lang=pseudo: every catalogue string accented, in ⟦ ⟧) on every main screen
 *   (planning with a drawn area and its estimate, details opened, areas, options, after action,
 *   training, infrastructure editing, settings): any visible text with a plain Latin letter outside a
 *   translate="no" subtree came from code, not a catalogue, and fails the screen it is on;
 * - Arabic: <html dir="rtl" lang="ar">, the panel on the left and in Arabic, an estimate with Arabic
 *   labels and its figures isolated in <bdi>, Arabic-Indic digits when chosen;
 * - screenshots of the estimate in English, French, Arabic and Ukrainian at 1366x768 (in a tmp folder,
 *   path printed) for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { drawPolygon, openInLanguage, startBrowserMode, type BrowserMode } from '../support/browser-mode';

let app: BrowserMode;
beforeAll(async () => { app = await startBrowserMode({ viewport: { width: 1366, height: 768 } }); });
afterAll(async () => { await app?.stop(); });

const OLD_TOWN: [number, number][] = [[2.9960, 0.4960], [3.0040, 0.4960], [3.0040, 0.5040], [2.9960, 0.5040]];
export const SCREENS = join(tmpdir(), 'uia-i18n-screens');

/** The app in a language (the token stays in the fragment; the drawn areas are in the saved workspace). */
async function open(page: Page, lang: string) {
  // A reload takes 20 s and more on a loaded machine (software WebGL).
  await openInLanguage(page, app.url, lang, 150_000);
}

/**
 * Visible text nodes with a plain Latin letter, outside translate="no" subtrees: words that did not
 * come through a catalogue. Each as "text (the nearest element with a test id or class)".
 */
function untranslated(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!/[A-Za-z]/.test(text)) continue;
      const el = n.parentElement!;
      if (el.closest('[translate="no"], script, style, noscript, .print-report')) continue;
      // An <option> shows through its <select>; anything else must itself be rendered.
      const shown = (el.closest('select') ?? el) as HTMLElement;
      if (!shown.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
      const where = el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.className ?? el.tagName;
      found.push(`${text.trim().slice(0, 80)} (${String(where)})`);
    }
    return found;
  });
}

/** Opens every closed <details> in the panel, so the words inside are checked too. */
async function openAllDetails(page: Page) {
  for (let round = 0; round < 3; round++) {
    const closed = page.locator('.panel details:not([open]) > summary');
    const n = await closed.count();
    if (n === 0) return;
    for (let i = n - 1; i >= 0; i--) await closed.nth(i).click().catch(() => undefined);
    await page.waitForTimeout(300);
  }
}

describe('pseudo language: nothing left untranslated', () => {
  it('planning: the map, the toolbar and the estimate of a drawn area with every section opened', async () => {
    const { page } = app;
    await open(page, 'pseudo');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-XA');
    await drawPolygon(page, OLD_TOWN);
    await page.getByTestId('headline').waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await page.getByTestId('killed').textContent()) ?? '', { timeout: 60_000 }).toMatch(/\d/);
    expect(await page.getByTestId('tab-estimate').textContent()).toMatch(/^⟦.*⟧$/);
    await openAllDetails(page);
    expect(await untranslated(page)).toEqual([]);
  }, 400_000);

  for (const tab of ['areas', 'options', 'after', 'training', 'edit'] as const) {
    it(`the ${tab} tab`, async () => {
      const { page } = app;
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(1500); // its queries answer
      await openAllDetails(page);
      expect(await untranslated(page)).toEqual([]);
    }, 400_000);
  }

  it('settings', async () => {
    const { page } = app;
    await page.getByTestId('tab-estimate').click();
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language-settings').waitFor();
    expect(await untranslated(page)).toEqual([]);
    // The pseudo language is never offered to a user.
    expect(await page.getByTestId('language').locator('option:not([disabled])').allTextContents()).toEqual(['English', 'Français', 'العربية', 'Українська']);
  }, 400_000);
});

describe('Arabic, right to left', () => {
  it('mirrors the page, reads in Arabic and isolates the estimate\'s figures', async () => {
    const { page } = app;
    await open(page, 'ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    // The panel is on the left of the map, the tabs read in Arabic.
    const panel = (await page.locator('.panel').boundingBox())!, map = (await page.getByTestId('map').boundingBox())!;
    expect(panel.x + panel.width).toBeLessThanOrEqual(map.x + 1);
    expect(await page.getByTestId('tab-estimate').textContent()).toBe('التقدير');
    // The estimate of the saved area: Arabic words, every figure in a <bdi>.
    await page.getByTestId('headline').waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await page.getByTestId('killed').textContent()) ?? '', { timeout: 60_000 }).toMatch(/\d/);
    // The headline's words (names of sites are user data, in translate="no"): Arabic, no Latin letter.
    const headline = await page.getByTestId('headline').evaluate((h) => {
      const copy = h.cloneNode(true) as HTMLElement;
      for (const e of copy.querySelectorAll('[translate="no"]')) e.remove();
      return copy.textContent ?? '';
    });
    expect(headline).toMatch(/الخسائر في صفوف المدنيين/);
    expect(headline).not.toMatch(/[A-Za-z]/);
    const loose = await page.getByTestId('headline').evaluate((h) => {
      // Text nodes holding a digit that are not inside a <bdi>: figures left to the bidi algorithm.
      const out: string[] = [];
      const w = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) if (/[\d٠-٩]/.test(n.textContent ?? '') && !n.parentElement!.closest('bdi, [translate="no"]')) out.push(n.textContent!);
      return out;
    });
    expect(loose).toEqual([]);
    expect(await page.getByTestId('present').locator('bdi').count()).toBeGreaterThanOrEqual(4);
    // Maplibre's zoom buttons on the mirrored (left) side.
    const zoom = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
    expect(zoom.x).toBeLessThan(map.x + map.width / 2);
  }, 400_000);

  it('writes Arabic-Indic digits when chosen, and remembers the choice', async () => {
    const { page } = app;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('digits-arab').check();
    await expect.poll(async () => (await page.getByTestId('killed').textContent()) ?? '', { timeout: 10_000 }).toMatch(/^[٠-٩٬]+$/);
    // Remembered: a launch without ?lang comes back in Arabic with those digits.
    await open(page, '');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    await expect.poll(async () => (await page.getByTestId('killed').textContent()) ?? '', { timeout: 60_000 }).toMatch(/^[٠-٩٬]+$/);
    await page.getByTestId('open-settings').click();
    await page.getByTestId('digits-latn').check();
  }, 400_000);

  it('screenshots the estimate in the four languages at 1366x768', async () => {
    const { page } = app;
    mkdirSync(SCREENS, { recursive: true });
    for (const lang of ['en', 'fr', 'ar', 'uk']) {
      await open(page, lang);
      await page.getByTestId('headline').waitFor({ timeout: 60_000 });
      await expect.poll(async () => (await page.getByTestId('killed').textContent()) ?? '', { timeout: 60_000 }).toMatch(/\d/);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SCREENS, `estimate-${lang}.png`) });
    }
    console.log(`screenshots in ${SCREENS}`);
  }, 400_000);
});
