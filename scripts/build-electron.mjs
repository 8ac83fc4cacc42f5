// Bundles the Electron main process, its engine worker (core/worker/engine-worker.ts, a separate
// entry started as a worker thread) and the preload to CommonJS. Native and Electron modules stay
// external. Where Electron (and so its types) is installed, type-check the Electron code first.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bundleOptions } from './bundle-options.mjs';

if (existsSync('node_modules/electron/electron.d.ts')) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.electron.json'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
const common = bundleOptions('cjs', ['electron']);
await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['core/worker/engine-worker.ts'], outfile: 'dist/electron/engine-worker.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
console.log('built dist/electron/main.cjs, engine-worker.cjs and preload.cjs');
