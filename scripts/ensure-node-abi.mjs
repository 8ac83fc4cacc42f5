// Before tests: better-sqlite3 must be built for this Node (`npm start` rebuilds it for Electron).
import { spawnSync } from 'node:child_process';

const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log('better-sqlite3 is not built for this Node; rebuilding it…');
  const r = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
