#!/usr/bin/env node
// The `uia` command. Runs the CLI compiled by scripts/build-cli.mjs (`npm run build:cli`; `npm test`
// and `npm run build` build it) with V8's code cache (bin/code-cache.mjs), so a start neither compiles
// TypeScript nor parses the bundle afresh. Without that build, or with UIA_FROM_SOURCE=1 while
// developing, it runs the TypeScript source through tsx: slower, always current.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/uia.cjs', import.meta.url));
if (process.env.UIA_FROM_SOURCE !== '1' && existsSync(bundle)) {
  const { runWithCodeCache } = await import('./code-cache.mjs');
  runWithCodeCache(bundle, process.argv[2]);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../core/cli/main.ts');
}
