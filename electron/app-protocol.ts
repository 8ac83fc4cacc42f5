/** The renderer's private origin and the mapping of its URLs onto the built files (no escaping the folder). */
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_ORIGIN = 'app://ui';

/** file:// URL of the built file an app://ui/ URL names, or null if it is outside the renderer folder. */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  const u = new URL(url);
  if (`${u.protocol}//${u.host}` !== APP_ORIGIN) return null;
  const rel = normalize(decodeURIComponent(u.pathname)).replace(/^([/\\])+/, '');
  const file = join(rendererDir, rel || 'index.html');
  if (!file.startsWith(rendererDir + sep)) return null;
  return pathToFileURL(file).href;
}

/** True for the app's own pages. */
export const isAppUrl = (url: string): boolean => url.startsWith(`${APP_ORIGIN}/`);
