/**
 * Browser-mode uploads over the real HTTP transport: the token is required, the body cap holds,
 * the bytes land in a private file under a private folder with a cleaned name, the path works with
 * a path-taking operation, and the folder is gone once the transport closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';
import { startHttpTransport, type HttpTransport } from '../../core/server/http';

let dir: string; let backend: Backend; let http: HttpTransport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uia-upload-'));
  backend = openBackend(join(dir, 'store.sqlite'));
  http = await startHttpTransport(backend, { staticDir: dir });
});
afterAll(async () => { await http?.close(); backend?.close(); rmSync(dir, { recursive: true, force: true }); });

const BATCH = '0123456789abcdef0123456789abcdef';
const upload = (name: string, body: BodyInit, opts: { token?: string; batch?: string } = {}) => fetch(`http://127.0.0.1:${http.port}/upload?batch=${opts.batch ?? BATCH}&name=${encodeURIComponent(name)}`, {
  method: 'POST', headers: { Authorization: `Bearer ${opts.token ?? http.token}` }, body,
});

describe('browser-mode upload', () => {
  it('writes the bytes to a private file with a cleaned name, usable by a path-taking operation', async () => {
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { Main_Damag: '1', SensorDate: '2024/05/01' }, geometry: { type: 'Point', coordinates: [2.995, 0.505] } }] });
    const res = await upload('../../etc/survey 1.geojson', geojson);
    expect(res.status).toBe(200);
    const { value } = await res.json() as { value: { path: string; bytes: number } };
    expect(value.path.endsWith(join(BATCH, 'survey 1.geojson'))).toBe(true); // the folder part is dropped
    expect(value.bytes).toBe(Buffer.byteLength(geojson));
    expect(readFileSync(value.path, 'utf8')).toBe(geojson);
    if (process.platform !== 'win32') {
      expect(statSync(value.path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(value.path)).mode & 0o777).toBe(0o700);
      expect(statSync(dirname(dirname(value.path))).mode & 0o777).toBe(0o700);
    }
    // The same path op reads it: the damage import of the training city.
    const r = await backend.call('observations.import', { files: [value.path], dataset: 1 });
    expect(r).toMatchObject({ ok: true, value: { byClass: { 4: 1 } } });
    // The same name twice in one batch is refused, not overwritten.
    const again = await upload('survey 1.geojson', 'other');
    expect(again.status).toBe(400);
    expect((await again.json()).error.message).toMatch(/already uploaded in this batch/);
    expect(readFileSync(value.path, 'utf8')).toBe(geojson);
  });

  it('refuses a missing token, a bad batch, a bare dot name and a body over the cap', async () => {
    expect((await upload('a.json', '{}', { token: 'x'.repeat(48) })).status).toBe(401);
    expect((await upload('a.json', '{}', { batch: '../up' })).status).toBe(400);
    const dots = await upload('..', '{}', { batch: 'ffffffffffffffff' });
    expect(dots.status).toBe(400);
    expect((await dots.json()).error.message).toMatch(/is not a file name/);
    const big = await upload('big.bin', new Uint8Array(32 * 1024 * 1024 + 1), { batch: 'eeeeeeeeeeeeeeee' });
    expect(big.status).toBe(413);
  });

  it('removes the uploads when the transport closes', async () => {
    const h = await startHttpTransport(backend, { staticDir: dir });
    const res = await fetch(`http://127.0.0.1:${h.port}/upload?batch=${BATCH}&name=x.json`, { method: 'POST', headers: { Authorization: `Bearer ${h.token}` }, body: '{}' });
    const { value } = await res.json() as { value: { path: string } };
    expect(existsSync(value.path)).toBe(true);
    await h.close();
    expect(existsSync(dirname(dirname(value.path)))).toBe(false);
  });
});
