/**
 * Vitest global setup: tests that spawn bin/uia.js run the compiled CLI (dist/cli), so rebuild it
 * when any source it bundles is newer than the build. `npm test` builds it first anyway; this keeps
 * a single `npx vitest run tests/cli/...` from testing a stale bundle.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');

function newestMs(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMs(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  let built = 0;
  try { built = statSync(join(REPO, 'dist/cli/uia.cjs')).mtimeMs; } catch { /* not built yet */ }
  const sources = Math.max(newestMs(join(REPO, 'core')), newestMs(join(REPO, 'data')), statSync(join(REPO, 'package.json')).mtimeMs);
  if (built > sources) return;
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the CLI (scripts/build-cli.mjs) failed');
}
