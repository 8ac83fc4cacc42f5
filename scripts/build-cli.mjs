// Bundles the `uia` command (core/cli/main.ts) into one CommonJS file, dist/cli/uia.cjs, so
// bin/uia.js starts compiled JavaScript instead of compiling TypeScript at every start. One file,
// not ESM chunks: bin/code-cache.mjs runs it with V8's code cache, which Node 20 offers only for
// scripts (vm.Script), and V8 compiles each function on first call, so the commands that do not
// need the importers or the engine do not pay for them (their modules are evaluated on first use).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { bundleOptions } from './bundle-options.mjs';

rmSync('dist/cli', { recursive: true, force: true });
await build({
  ...bundleOptions('cjs'),
  entryPoints: { uia: 'core/cli/main.ts' },
  outdir: 'dist/cli', outExtension: { '.js': '.cjs' },
  minifyWhitespace: true, minifySyntax: true,
});
