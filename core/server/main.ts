/**
 * `npm run serve`: browser mode. Serves the built renderer and the API on 127.0.0.1 and prints the
 * URL with its per-launch token.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openWorkerBackend } from '../worker/worker-backend';
import { defaultDbPath } from '../store/db';
import { startHttpTransport } from './http';

const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string' } } });
const staticDir = resolve(import.meta.dirname, '../../dist/renderer');
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error('uia serve: the renderer is not built; run `npm run serve` (it builds first) or `npm run build:renderer`');
  process.exit(1);
}
const dbPath = values.db ?? defaultDbPath();
// The backend runs in a worker thread: the server answers while an assessment runs.
const backend = openWorkerBackend(dbPath);
try { await backend.ready(); } catch (e) { console.error(`uia serve: ${(e as Error).message}`); process.exit(1); }
const port = values.port === undefined ? 0 : Number(values.port);
const http = await startHttpTransport(backend, { port, staticDir });
console.log(`Urban Impact Assessment (browser mode), database ${dbPath}`);
console.log(`Open: ${http.url}`);
const stop = async () => { await http.close(); await backend.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
