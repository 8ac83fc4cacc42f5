#!/usr/bin/env node
// The `uia` command. Runs the CLI compiled by scripts/build-cli.mjs (`npm run build:cli`; `npm test`
// and `npm run build` build it), so a start does not compile TypeScript. Without that build, or with
// UIA_FROM_SOURCE=1 while developing, it runs the TypeScript source through tsx: slower, always current.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/uia.mjs', import.meta.url);
if (process.env.UIA_FROM_SOURCE !== '1' && existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../core/cli/main.ts');
}
