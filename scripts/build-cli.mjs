// Bundles the `uia` command (core/cli/main.ts) and its engine worker to ESM in dist/cli/, so
// bin/uia.js starts compiled JavaScript instead of compiling TypeScript at every start. Split into
// chunks: `uia --help` loads only the command table, a command loads the core it needs.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { bundleOptions } from './bundle-options.mjs';

rmSync('dist/cli', { recursive: true, force: true });
await build({
  ...bundleOptions('esm'),
  entryPoints: { uia: 'core/cli/main.ts', 'engine-worker': 'core/worker/engine-worker.ts' },
  outdir: 'dist/cli', splitting: true, outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]',
  minifyWhitespace: true, minifySyntax: true,
});
