// `npm start`: launch the desktop app. Where the Electron binary could not be installed (no network at
// install time), say so in one line and point to browser mode, which needs no Electron.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = undefined;
}
if (typeof electronPath !== 'string') {
  console.error('Electron is not installed on this machine (its binary could not be downloaded); run `npm run serve` to use the app in your browser instead.');
  process.exit(1);
}
// better-sqlite3 is built for Node by `npm install`; rebuild it for Electron's ABI before launching.
const rebuild = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), 'install-app-deps'], { stdio: 'inherit' });
if (rebuild.status !== 0) {
  console.error('Could not rebuild better-sqlite3 for Electron; run `npm run serve` to use the app in your browser instead.');
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
